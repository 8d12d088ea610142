"""Crash recovery: unsaved edits are journaled within seconds, offered after a crash, and
removed after a save or a discard."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, SAMPLE_EPISODE
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from editor.app import MainWindow
from editor.core import Document
from editor.core.files.recovery import (
    SUFFIX,
    Journal,
    JournalStore,
    RecoveryFormatError,
    journal_key,
)
from editor.core.files.safe_save import fingerprint
from editor.qt.features.protection import work_protection
from editor.qt.features.protection.recovery_dialog import RecoveryDialog
from editor.qt.features.protection.recovery_service import (
    JOURNAL_DELAY_MS,
    default_recovery_folder,
)
from editor.qt.features.protection.work_protection import WorkProtection

pytestmark = pytest.mark.usefixtures("discard_unsaved_prompt")


@pytest.fixture
def episode(tmp_path: Path) -> Path:
    target = tmp_path / "site" / "_podcast" / SAMPLE_EPISODE.name
    shutil.copytree(SAMPLE_EPISODE.parents[1], tmp_path / "site")
    return target


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "recovery"


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def journal_for(path: Path | None, text: str, **changes: object) -> Journal:
    journal = Journal.capture(path, fingerprint(b"old"), text)
    return Journal(**{**journal.__dict__, **changes})  # type: ignore[arg-type]


# -- the journal format (pure Python) ----------------------------------------------------


def test_journal_round_trips_through_its_file_format(tmp_path: Path) -> None:
    text = '---\ntitle: "Tïde ✓"\n---\nbody\r\n'
    journal = Journal.capture(tmp_path / "a.md", fingerprint(b"x"), text)
    decoded = Journal.decode(journal.encode())
    assert decoded == journal
    assert decoded.text == text
    assert decoded.path == str((tmp_path / "a.md").resolve())


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\xff\xfe",
        b"[]",
        b'{"format": "something-else", "version": 1}',
        b'{"format": "episode-editor-recovery", "version": 99}',
        b'{"format": "episode-editor-recovery", "version": 1, "path": 3}',
    ],
)
def test_malformed_journals_are_rejected(raw: bytes) -> None:
    with pytest.raises(RecoveryFormatError):
        Journal.decode(raw)


def test_store_lists_removes_and_sets_aside_corrupt_journals(folder: Path) -> None:
    store = JournalStore(folder)
    key = journal_key(Path("/x/a.md"), "t")
    store.write(key, journal_for(Path("/x/a.md"), "one"))
    (folder / f"broken{SUFFIX}").write_text("{not json")
    entries = store.entries()
    assert [(k, j.text) for k, j in entries] == [(key, "one")]
    assert (folder / f"broken{SUFFIX}.bad").exists()
    store.remove(key)
    assert store.entries() == []
    store.remove(key)  # removing twice is fine


def test_only_journals_of_dead_processes_are_orphans(folder: Path) -> None:
    store = JournalStore(folder)
    store.write("live", journal_for(Path("/x/live.md"), "live"))
    store.write("dead", journal_for(Path("/x/dead.md"), "dead", pid=dead_pid()))
    store.write("other-host", journal_for(Path("/x/h.md"), "h", host="elsewhere"))
    reused = journal_for(Path("/x/r.md"), "r", process_start="0")  # our pid, older process
    store.write("reused-pid", reused)
    orphans = {key for key, _ in store.orphans()}
    expected = {"dead", "other-host"}
    if Journal.capture(None, "", "").process_start is not None:  # /proc available
        expected.add("reused-pid")
    assert orphans == expected


def test_default_folder_is_in_the_app_data_location() -> None:
    # conftest enables QStandardPaths test mode, so this is never the user's real folder.
    folder = default_recovery_folder()
    assert folder.name == "recovery"
    assert "qttest" in str(folder).lower()


def test_journal_is_written_within_a_few_seconds() -> None:
    assert JOURNAL_DELAY_MS <= 5000


# -- the service ---------------------------------------------------------------------------


@pytest.fixture
def protection(window: MainWindow, folder: Path) -> Iterator[WorkProtection]:
    guard = window.work_protection
    guard.recovery.store = JournalStore(folder)
    guard.recovery._timer.setInterval(50)
    yield guard
    guard.window_closing()


def test_edits_are_journaled_and_removed_on_save(
    qtbot, window: MainWindow, protection: WorkProtection, episode: Path
) -> None:  # type: ignore[no-untyped-def]
    assert window.open_path(episode)
    window.session.set_value(("title",), "Journaled title")
    with qtbot.waitSignal(protection.recovery.journalWritten, timeout=5000) as written:
        pass
    journal_file = written.args[0]
    journal = Journal.decode(journal_file.read_bytes())
    assert journal.path == str(episode.resolve())
    assert journal.text == window.document.to_text()
    assert "Journaled title" in journal.text
    assert journal.original_sha256 == fingerprint(episode.read_bytes())

    window.session.set_value(("title",), "Second title")
    with qtbot.waitSignal(protection.recovery.journalWritten, timeout=5000):
        pass
    assert "Second title" in Journal.decode(journal_file.read_bytes()).text

    assert window.save()
    assert not journal_file.exists()
    assert protection.recovery.store.entries() == []


def test_undoing_every_edit_removes_the_journal(
    qtbot, window: MainWindow, protection: WorkProtection, episode: Path
) -> None:  # type: ignore[no-untyped-def]
    window.open_path(episode)
    window.session.set_value(("title",), "Temporary")
    with qtbot.waitSignal(protection.recovery.journalWritten, timeout=5000) as written:
        pass
    window.undo_stack.undo()
    assert not written.args[0].exists()


def test_discarding_edits_removes_the_journal(
    qtbot, window: MainWindow, protection: WorkProtection, episode: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    window.open_path(episode)
    window.session.set_value(("title",), "Thrown away")
    with qtbot.waitSignal(protection.recovery.journalWritten, timeout=5000) as written:
        pass
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    assert window.revert()
    assert not written.args[0].exists()
    assert "Thrown away" not in episode.read_text()


CRASHING_EDITOR = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication
    from editor.core import Document
    from editor.qt.features.protection.recovery_service import RecoveryService
    from editor.qt.editing.session import EpisodeSession
    app = QApplication([])
    session = EpisodeSession()
    from editor.core.files.safe_save import fingerprint
    service = RecoveryService(session, Path(sys.argv[2]), delay_ms=50)
    session.set_document(Document.load(Path(sys.argv[1])))
    service.set_original(fingerprint(Path(sys.argv[1]).read_bytes()))  # as WorkProtection does
    session.set_value(("title",), "Edited before the crash")
    service.journalWritten.connect(lambda _p: os.kill(os.getpid(), signal.SIGKILL))
    app.exec()
    """
)


def test_after_a_crash_the_edits_are_offered_and_restored(
    qtbot, window: MainWindow, protection: WorkProtection, episode: Path, folder: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    original = episode.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    crashed = subprocess.run(
        [sys.executable, "-c", CRASHING_EDITOR, str(episode), str(folder)],
        env=env,
        timeout=60,
        capture_output=True,
    )
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr.decode()
    assert episode.read_bytes() == original  # the crash lost nothing on disk either

    offered: list[list[str]] = []

    def choose(entries, parent, answer):  # type: ignore[no-untyped-def]
        offered.append([journal.text for _key, journal in entries])
        answer(entries[0], [])

    monkeypatch.setattr(work_protection, "ask_recovery", choose)
    assert protection.offer_recovery()
    assert len(offered) == 1 and "Edited before the crash" in offered[0][0]
    document = window.document
    assert document is not None
    assert document.path == episode.resolve()
    assert document.data["title"] == "Edited before the crash"
    assert window.is_modified
    # The restored edits are journaled again (a second crash must not lose them).
    with qtbot.waitSignal(protection.recovery.journalWritten, timeout=5000):
        pass
    assert window.save()
    assert Document.load(episode).data["title"] == "Edited before the crash"
    assert protection.recovery.store.entries() == []
    assert not protection.offer_recovery()
    assert len(offered) == 1


def test_declining_recovery_keeps_or_discards_as_chosen(
    window: MainWindow, protection: WorkProtection, folder: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    store = JournalStore(folder)
    store.write("a", journal_for(Path("/x/a.md"), "---\ntitle: a\n---\n", pid=dead_pid()))
    store.write("b", journal_for(Path("/x/b.md"), "---\ntitle: b\n---\n", pid=dead_pid()))
    monkeypatch.setattr(
        work_protection, "ask_recovery", lambda entries, parent, answer: answer(None, ["a"])
    )
    assert protection.offer_recovery()
    assert [key for key, _ in store.entries()] == ["b"]
    assert window.document is None


def test_recovery_dialog_shows_the_difference_and_lets_the_user_choose(
    qtbot, episode: Path
) -> None:  # type: ignore[no-untyped-def]
    disk = episode.read_text(encoding="utf-8")
    edited = disk.replace("Tide Charts & Lamp Oil", "Recovered Title", 1)
    assert edited != disk
    entries = [
        ("k1", journal_for(episode, edited, original_sha256=fingerprint(disk.encode()))),
        ("k2", journal_for(None, "---\ntitle: untitled\n---\n")),
    ]
    dialog = RecoveryDialog(entries)
    qtbot.addWidget(dialog)
    diff = dialog.findChild(type(dialog.list), "recoveryList")
    assert diff is dialog.list and dialog.list.count() == 2
    from PySide6.QtWidgets import QPlainTextEdit

    view = dialog.findChild(QPlainTextEdit, "diffView")
    assert view is not None
    assert '+title: "Recovered Title' in view.toPlainText()
    assert '-title: "Tide Charts & Lamp Oil' in view.toPlainText()
    dialog.discard_button.click()
    assert dialog.discarded == ["k1"]
    assert dialog.list.count() == 1
    dialog.restore_button.click()
    assert dialog.chosen is not None and dialog.chosen[0] == "k2"


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_real_recovery_prompt_does_not_block_and_restores(
    qtbot, window: MainWindow, protection: WorkProtection, episode: Path, folder: Path
) -> None:  # type: ignore[no-untyped-def]
    disk = episode.read_text(encoding="utf-8")
    edited = disk.replace("season: 3", "season: 9", 1)
    assert edited != disk
    journal = journal_for(episode, edited, original_sha256=fingerprint(disk.encode()))
    JournalStore(folder).write("k", Journal(**{**journal.__dict__, "pid": dead_pid()}))
    assert protection.offer_recovery()  # returns at once: the dialog is open, not exec'd
    dialog = window.findChild(RecoveryDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.restore_button.click()
    assert window.document is not None and window.document.data["season"] == 9
    assert window.is_modified
    assert JournalStore(folder).entries() == []


def test_closing_after_discarding_removes_the_journal(
    qtbot, window: MainWindow, protection: WorkProtection, episode: Path
) -> None:  # type: ignore[no-untyped-def]
    window.open_path(episode)
    window.session.set_value(("title",), "Discarded on close")
    with qtbot.waitSignal(protection.recovery.journalWritten, timeout=5000) as written:
        pass
    assert written.args[0].exists()
    assert window.close()  # the unsaved-changes prompt answers Discard (fixture)
    assert not written.args[0].exists()


# -- the real window crashing (issue 12) ------------------------------------------------

CRASHING_WINDOW = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import editor.qt
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from editor.core.files.recovery import JournalStore
    from editor.qt.window.main_window import MainWindow
    from editor.qt.common.settings import Settings
    app = QApplication([])
    window = MainWindow(Settings(QSettings(sys.argv[3], QSettings.Format.IniFormat)))
    guard = window.work_protection
    guard.recovery.store = JournalStore(Path(sys.argv[2]))
    guard.recovery._timer.setInterval(50)
    assert window.open_path(Path(sys.argv[1]))
    window.session.set_value(("title",), "Edited before the crash")
    guard.recovery.journalWritten.connect(lambda _p: os.kill(os.getpid(), signal.SIGKILL))
    app.exec()
    """
)


@pytest.fixture
def save_despite_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """The "Save with errors?" question answers Save Anyway."""
    from editor.qt.features.problems import feature as problems_feature

    monkeypatch.setattr(
        problems_feature,
        "ask_save_with_errors",
        lambda *_args: problems_feature.SaveAnswer(save=True),
    )


@pytest.fixture
def shown_before_save(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Turns on "show the changes before saving"; collects the notes the dialog shows."""
    from PySide6.QtWidgets import QDialog, QListWidget

    from editor.qt.common.settings import Settings
    from editor.qt.window import desktop

    window.settings.set(Settings.CONFIRM_BEFORE_SAVE, True)
    notes: list[str] = []

    class RecordingChangesDialog(desktop.ChangesDialog):
        def exec(self) -> int:
            summary = self.findChild(QListWidget, "changesSummary")
            assert summary is not None
            notes.extend(summary.item(i).text() for i in range(summary.count()))
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(desktop, "ChangesDialog", RecordingChangesDialog)
    return notes


def press_save(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+S as the user presses it: shortcuts fire only in the active window."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    target = QApplication.focusWidget() or window
    QTest.keyClick(target, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def crash_a_window(episode: Path, folder: Path, tmp_path: Path) -> None:
    """A real main window opens ``episode``, retitles it, journals, and is killed -9."""
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
        "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"),
    }
    crashed = subprocess.run(
        [sys.executable, "-c", CRASHING_WINDOW, str(episode), str(folder), str(tmp_path / "s.ini")],
        env=env,
        timeout=90,
        capture_output=True,
    )
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr.decode()


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_decide_later_keeps_the_crashed_edits_when_the_file_is_edited_again(
    qtbot, window: MainWindow, protection: WorkProtection, episode: Path, folder: Path, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    crash_a_window(episode, folder, tmp_path)
    assert protection.offer_recovery()
    dialog = window.findChild(RecoveryDialog)
    assert dialog is not None
    dialog.later_button.click()
    assert window.open_path(episode)
    window.session.set_value(("season",), 42)
    with qtbot.waitSignal(protection.recovery.journalWritten, timeout=5000):
        pass
    texts = [journal.text for _key, journal in protection.recovery.store.entries()]
    assert any("Edited before the crash" in text for text in texts), texts
    assert any("season: 42" in text for text in texts), texts
    # Discarding the new edits leaves the crashed ones for the next start.
    assert window.close()  # the unsaved-changes prompt answers Discard (fixture)
    (left,) = protection.recovery.store.orphans()
    assert "Edited before the crash" in left[1].text and "season: 42" not in left[1].text


@pytest.mark.qt_log_ignore("propagateSizeHints")
@pytest.mark.usefixtures("save_despite_errors")
def test_saving_restored_edits_does_not_claim_the_file_changed_on_disk(
    qtbot,
    window: MainWindow,
    protection: WorkProtection,
    episode: Path,
    folder: Path,
    tmp_path,
    monkeypatch,
    shown_before_save: list[str],
) -> None:  # type: ignore[no-untyped-def]
    from editor.qt.features.protection import disk_prompts

    crash_a_window(episode, folder, tmp_path)
    asked: list[str] = []
    monkeypatch.setattr(
        disk_prompts, "ask_overwrite_changed_file", lambda *args: asked.append(args[1]) or False
    )
    assert protection.offer_recovery()
    dialog = window.findChild(RecoveryDialog)
    assert dialog is not None
    dialog.restore_button.click()
    assert window.is_modified
    press_save(qtbot, window)
    assert shown_before_save, "the changes were shown before saving"
    assert not any("changed on disk" in note for note in shown_before_save), shown_before_save
    assert asked == []
    assert not window.is_modified
    assert Document.load(episode).data["title"] == "Edited before the crash"


@pytest.mark.qt_log_ignore("propagateSizeHints")
@pytest.mark.usefixtures("save_despite_errors")
def test_saving_a_file_fixed_in_the_raw_text_view_does_not_claim_it_changed_on_disk(
    qtbot,
    window: MainWindow,
    protection: WorkProtection,
    tmp_path,
    monkeypatch,
    shown_before_save: list[str],
) -> None:  # type: ignore[no-untyped-def]
    from editor.qt.features.protection import disk_prompts
    from editor.qt.features.protection.raw_text_view import RawTextDialog

    broken = tmp_path / "broken.md"
    broken.write_bytes(b"---\ntitle: [unclosed\nseason: 1\n---\nbody\n")
    asked: list[str] = []
    monkeypatch.setattr(
        disk_prompts, "ask_overwrite_changed_file", lambda *args: asked.append(args[1]) or False
    )
    assert not window.open_path(broken)
    dialog = window.findChild(RawTextDialog)
    assert dialog is not None
    dialog.view.editor.setPlainText("---\ntitle: fixed\nseason: 1\n---\nbody\n")
    dialog.view.try_again_button.click()
    assert window.document is not None and window.document.data["title"] == "fixed"
    press_save(qtbot, window)
    assert shown_before_save, "the changes were shown before saving"
    assert not any("changed on disk" in note for note in shown_before_save), shown_before_save
    assert asked == []
    assert broken.read_bytes() == b"---\ntitle: fixed\nseason: 1\n---\nbody\n"

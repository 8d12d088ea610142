"""External changes: the open file is watched (also when another program replaces it),
reloaded when there are no local edits, and never overwritten without asking."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLE_EPISODE
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QMessageBox

from editor.app import MainWindow
from editor.core import Document
from editor.core.files.recovery import JournalStore
from editor.qt.features.protection import disk_prompts
from editor.qt.features.protection.disk_prompts import ExternalChange
from editor.qt.features.protection.file_watcher import FileWatcher
from editor.qt.features.protection.work_protection import WorkProtection

pytestmark = pytest.mark.usefixtures("discard_unsaved_prompt")

WAIT = 5000  # ms; events normally arrive in well under a second


@pytest.fixture
def episode(tmp_path: Path) -> Path:
    target = tmp_path / "site" / "_podcast" / SAMPLE_EPISODE.name
    shutil.copytree(SAMPLE_EPISODE.parents[1], tmp_path / "site")
    return target


def replace_file(path: Path, text: str) -> None:
    """What vim, git and most editors do: write a new file, rename it over the old one."""
    temp = path.with_name(path.name + ".new")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def retitled(path: Path, title: str) -> str:
    text = path.read_text(encoding="utf-8")
    old = Document.from_text(text).data["title"]
    return text.replace(str(old), title, 1)


# -- the watcher ---------------------------------------------------------------------------


@pytest.fixture
def watcher(qtbot, episode: Path) -> FileWatcher:  # type: ignore[no-untyped-def]
    watch = FileWatcher(debounce_ms=50)
    watch.watch(episode, episode.read_bytes())
    yield watch
    watch.stop()


def test_rewrite_in_place_is_reported(qtbot, watcher: FileWatcher, episode: Path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(watcher.changedOnDisk, timeout=WAIT) as changed:
        episode.write_text(retitled(episode, "Rewritten"), encoding="utf-8")
    assert changed.args == [episode]


def test_replacement_is_reported_every_time(qtbot, watcher: FileWatcher, episode: Path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(watcher.changedOnDisk, timeout=WAIT):
        replace_file(episode, retitled(episode, "Replaced once"))
    # The watch on the replaced inode is gone; the path must have been watched again.
    with qtbot.waitSignal(watcher.changedOnDisk, timeout=WAIT):
        replace_file(episode, retitled(episode, "Replaced twice"))


def test_our_own_save_and_touch_are_silent(qtbot, watcher: FileWatcher, episode: Path) -> None:  # type: ignore[no-untyped-def]
    new_text = retitled(episode, "Saved by us").encode("utf-8")
    with qtbot.assertNotEmitted(watcher.changedOnDisk, wait=600):
        watcher.record_saved(episode, new_text)
        replace_file(episode, new_text.decode("utf-8"))
        os.utime(episode)


def test_deletion_is_reported(qtbot, watcher: FileWatcher, episode: Path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(watcher.removedFromDisk, timeout=WAIT):
        episode.unlink()


def test_the_same_change_is_reported_once(qtbot, watcher: FileWatcher, episode: Path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(watcher.changedOnDisk, timeout=WAIT):
        episode.write_text(retitled(episode, "Once"), encoding="utf-8")
    with qtbot.assertNotEmitted(watcher.changedOnDisk, wait=400):
        os.utime(episode)
        watcher.check_now()


# -- the window's reactions ---------------------------------------------------------------


@pytest.fixture
def protection(window: MainWindow, tmp_path: Path) -> Iterator[WorkProtection]:
    guard = window.work_protection
    guard.recovery.store = JournalStore(tmp_path / "recovery")
    guard.watcher._timer.setInterval(50)
    yield guard
    guard.window_closing()


class Prompts(list[str]):
    """The prompts asked (a list of 'kind:name'); ``answers`` are given in order."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[object] = []


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Prompts:
    calls = Prompts()

    def external(parent, name, disk_text, mine):  # type: ignore[no-untyped-def]
        calls.append(f"external:{name}")
        return calls.answers.pop(0)

    def overwrite(parent, name, disk_text, mine):  # type: ignore[no-untyped-def]
        calls.append(f"overwrite:{name}")
        return calls.answers.pop(0)

    monkeypatch.setattr(disk_prompts, "ask_about_external_change", external)
    monkeypatch.setattr(disk_prompts, "ask_overwrite_changed_file", overwrite)
    return calls


@pytest.mark.qt_log_ignore("propagateSizeHints")
@pytest.mark.parametrize("tab", [0, 1, 2], ids=["metadata", "clips", "transcript"])
def test_without_local_edits_the_file_is_reloaded_keeping_tab_and_scroll(
    qtbot, window: MainWindow, protection: WorkProtection, episode: Path, asked: Prompts, tab: int
) -> None:  # type: ignore[no-untyped-def]
    window.resize(900, 300)
    window.show()
    assert window.open_path(episode)
    window.tabs.setCurrentIndex(tab)
    qtbot.wait(10)
    areas = [
        a for a in window.tabs.currentWidget().findChildren(QAbstractScrollArea) if a.isVisible()
    ]
    scrolled = [a for a in areas if a.verticalScrollBar().maximum() > 0]
    if not scrolled:
        pytest.skip("this tab has nothing to scroll in this build")
    for area in scrolled:
        area.verticalScrollBar().setValue(area.verticalScrollBar().maximum() // 2)
    before = [a.verticalScrollBar().value() for a in scrolled]

    with qtbot.waitSignal(window.session.documentReplaced, timeout=WAIT):
        replace_file(episode, retitled(episode, "Changed elsewhere"))
    qtbot.wait(20)
    assert window.document is not None
    assert window.document.data["title"] == "Changed elsewhere"
    assert window.tabs.currentIndex() == tab
    assert [a.verticalScrollBar().value() for a in scrolled] == before
    assert not window.is_modified
    assert asked == []


def test_with_local_edits_keep_mine_keeps_them_and_save_does_not_ask_again(
    qtbot, window: MainWindow, protection: WorkProtection, episode: Path, asked: Prompts
) -> None:  # type: ignore[no-untyped-def]
    window.open_path(episode)
    window.session.set_value(("season",), 42)
    asked.answers.append(ExternalChange.KEEP_MINE)
    episode.write_text(retitled(episode, "Theirs"), encoding="utf-8")
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=WAIT)
    assert asked == [f"external:{episode.name}"]
    assert window.document.data["season"] == 42
    assert window.is_modified
    # The same disk content is not asked about again, and saving was already decided.
    os.utime(episode)
    qtbot.wait(200)
    assert protection.confirm_save(episode)
    assert len(asked) == 1


def test_with_local_edits_reload_takes_the_disk_version(
    qtbot, window: MainWindow, protection: WorkProtection, episode: Path, asked: Prompts
) -> None:  # type: ignore[no-untyped-def]
    window.open_path(episode)
    window.session.set_value(("season",), 42)
    asked.answers.append(ExternalChange.RELOAD)
    with qtbot.waitSignal(window.session.documentReplaced, timeout=WAIT):
        replace_file(episode, retitled(episode, "Theirs"))
    assert window.document.data["title"] == "Theirs"
    assert window.document.data["season"] != 42
    assert not window.is_modified


def test_save_asks_before_overwriting_a_file_changed_on_disk(
    window: MainWindow, protection: WorkProtection, episode: Path, asked: Prompts
) -> None:
    window.open_path(episode)
    window.session.set_value(("season",), 42)
    theirs = retitled(episode, "Theirs")
    episode.write_text(theirs, encoding="utf-8")  # no event loop: the watcher has not run
    asked.answers.append(False)
    assert not protection.confirm_save(episode)
    assert asked == [f"overwrite:{episode.name}"]
    assert episode.read_text(encoding="utf-8") == theirs
    asked.answers.append(True)
    assert protection.confirm_save(episode)


def test_save_does_not_ask_when_the_disk_is_unchanged_or_after_our_own_save(
    window: MainWindow, protection: WorkProtection, episode: Path, asked: Prompts
) -> None:
    window.open_path(episode)
    window.session.set_value(("season",), 42)
    assert protection.confirm_save(episode)
    protection.save(window.document, episode)
    window.session.set_value(("season",), 43)
    assert protection.confirm_save(episode)
    assert asked == []


def test_a_deleted_file_makes_the_window_ask_before_closing(
    qtbot, window: MainWindow, protection: WorkProtection, episode: Path
) -> None:  # type: ignore[no-untyped-def]
    window.open_path(episode)
    assert not window.is_modified
    episode.unlink()
    qtbot.waitUntil(lambda: window.is_modified, timeout=WAIT)
    assert "deleted" in window.statusBar().currentMessage()


def test_a_broken_external_version_keeps_ours(
    qtbot, window: MainWindow, protection: WorkProtection, episode: Path
) -> None:  # type: ignore[no-untyped-def]
    window.open_path(episode)
    title = window.document.data["title"]
    episode.write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    qtbot.waitUntil(lambda: "cannot be opened" in window.statusBar().currentMessage(), timeout=WAIT)
    assert window.document.data["title"] == title


# -- the prompts themselves --------------------------------------------------------------


def _click_in_turn(monkeypatch: pytest.MonkeyPatch, labels: list[str]) -> list[str]:
    """Make each QMessageBox.exec click the button whose text contains the next label."""
    seen: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        label = labels.pop(0)
        seen.append(box.text())
        [button] = [b for b in box.buttons() if label in b.text().replace("&", "")]
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return seen


def test_external_change_prompt_offers_differences_then_asks_again(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(disk_prompts, "show_differences", lambda p, n, d, m: shown.append((d, m)))
    seen = _click_in_turn(monkeypatch, ["Show Differences", "Keep Mine"])
    choice = disk_prompts.ask_about_external_change(None, "a.md", "disk", "mine")
    assert choice is ExternalChange.KEEP_MINE
    assert shown == [("disk", "mine")]
    assert len(seen) == 2 and "a.md" in seen[0]
    _click_in_turn(monkeypatch, ["Reload"])
    assert disk_prompts.ask_about_external_change(None, "a.md", "d", "m") is ExternalChange.RELOAD


def test_overwrite_prompt_defaults_to_not_overwriting(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _click_in_turn(monkeypatch, ["Cancel"])
    assert not disk_prompts.ask_overwrite_changed_file(None, "a.md", "disk", "mine")
    _click_in_turn(monkeypatch, ["Overwrite"])
    assert disk_prompts.ask_overwrite_changed_file(None, "a.md", None, "mine")


def test_diff_dialog_shows_both_versions(qtbot) -> None:  # type: ignore[no-untyped-def]
    from editor.qt.common.diff_dialog import DiffDialog

    dialog = DiffDialog("Differences", "a\nb\n", "a\nc\n", "x.md", "explanation")
    qtbot.addWidget(dialog)
    text = dialog.view.toPlainText()
    assert "-b" in text and "+c" in text


# -- failed saves (full disk, read-only file) --------------------------------------------


def test_full_disk_reports_offers_save_as_and_keeps_the_edits(
    window: MainWindow, episode: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    import editor.core.yaml.document as document_module

    window.open_path(episode)
    original = episode.read_bytes()
    window.session.set_value(("title",), "Edits worth hours")
    real_write = document_module.atomic_write

    def full_disk(target: Path, payload: bytes) -> None:
        if Path(target).parent == episode.parent:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(target, payload)

    monkeypatch.setattr(document_module, "atomic_write", full_disk)
    messages: list[str] = []

    def answer(box: QMessageBox) -> int:
        messages.append(box.text() + "\n" + box.informativeText())
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert not window.save()
    assert len(messages) == 1
    assert "disk is full" in messages[0] or "no space left" in messages[0].lower()
    assert "edits are still here" in messages[0]
    assert episode.read_bytes() == original
    assert window.is_modified
    assert window.document.data["title"] == "Edits worth hours"

    elsewhere = tmp_path / "elsewhere.md"
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Save)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(elsewhere), ""))
    assert window.save()
    assert Document.load(elsewhere).data["title"] == "Edits worth hours"
    assert episode.read_bytes() == original


def test_a_change_during_the_question_is_asked_about_after_it(
    qtbot,
    window: MainWindow,
    protection: WorkProtection,
    episode: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    window.open_path(episode)
    window.session.set_value(("season",), 42)
    seen_titles: list[str] = []

    def external(parent, name, disk_text, mine):  # type: ignore[no-untyped-def]
        seen_titles.append(str(Document.from_text(disk_text).data["title"]))
        if len(seen_titles) == 1:
            # Another program writes again while the question is open.
            episode.write_text(retitled(episode, "Second change"), encoding="utf-8")
            qtbot.wait(300)
        return ExternalChange.KEEP_MINE

    monkeypatch.setattr(disk_prompts, "ask_about_external_change", external)
    episode.write_text(retitled(episode, "First change"), encoding="utf-8")
    qtbot.waitUntil(lambda: len(seen_titles) == 2, timeout=WAIT)
    assert seen_titles == ["First change", "Second change"]
    qtbot.wait(200)
    assert len(seen_titles) == 2


# -- through the window's own Save ----------------------------------------------------------


def test_window_save_asks_before_overwriting_an_external_change(
    window: MainWindow, protection: WorkProtection, episode: Path, asked: Prompts
) -> None:
    window.open_path(episode)
    window.session.set_value(("season",), 42)
    theirs = retitled(episode, "Theirs")
    episode.write_text(theirs, encoding="utf-8")
    asked.answers.append(False)
    assert not window.save()
    assert asked == [f"overwrite:{episode.name}"]
    assert episode.read_text(encoding="utf-8") == theirs
    assert window.is_modified
    asked.answers.append(True)
    assert window.save()
    assert Document.load(episode).data["season"] == 42
    assert not window.is_modified


def test_window_reports_a_read_only_file_and_keeps_the_edits(
    window: MainWindow, protection: WorkProtection, episode: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_path(episode)
    original = episode.read_bytes()
    episode.chmod(0o444)
    window.session.set_value(("title",), "Edited")
    messages: list[str] = []

    def answer(box: QMessageBox) -> int:
        messages.append(box.text())
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert not window.save()
    assert messages == [f"{episode.name} is read-only."]
    assert episode.read_bytes() == original
    assert window.is_modified and window.document.data["title"] == "Edited"


def test_window_reports_a_missing_folder(
    window: MainWindow,
    protection: WorkProtection,
    episode: Path,
    monkeypatch: pytest.MonkeyPatch,
    missing_answers: Prompts,
) -> None:
    window.open_path(episode)
    window.session.set_value(("title",), "Edited")
    shutil.rmtree(episode.parent)
    missing_answers.answers.append(disk_prompts.MissingFile.WRITE_AGAIN)
    messages: list[str] = []

    def answer(box: QMessageBox) -> int:
        messages.append(box.text())
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert not window.save()
    assert len(messages) == 1 and "does not exist" in messages[0]
    assert window.is_modified


# -- renamed, moved or re-created by another program (issue 12) ---------------------------


def _shell(command: str) -> None:
    subprocess.run(["sh", "-c", command], check=True, timeout=30)


def press_save(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    target = QApplication.focusWidget() or window
    QTest.keyClick(target, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


@pytest.fixture
def missing_answers(monkeypatch: pytest.MonkeyPatch) -> Prompts:
    """The moved-or-deleted question: records 'name->new name' asked, answers in order."""
    calls = Prompts()

    def ask(parent, name, moved_to):  # type: ignore[no-untyped-def]
        calls.append(f"{name}->{moved_to.name if moved_to is not None else None}")
        return calls.answers.pop(0)

    # raising=False: the question did not exist before (the file was silently written again)
    monkeypatch.setattr(disk_prompts, "ask_about_missing_file", ask, raising=False)
    return calls


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_file_renamed_on_disk_is_saved_under_its_new_name_not_recreated(
    qtbot, window: MainWindow, protection: WorkProtection, episode: Path, missing_answers
) -> None:  # type: ignore[no-untyped-def]
    window.open_path(episode)
    window.session.set_value(("season",), 42)
    renamed = episode.with_name("s03e07-renamed.md")
    with qtbot.waitSignal(protection.watcher.removedFromDisk, timeout=WAIT):
        _shell(f"mv '{episode}' '{renamed}'")
    assert f"renamed to {renamed.name}" in window.statusBar().currentMessage()
    missing_answers.answers.append(disk_prompts.MissingFile.FOLLOW)
    press_save(qtbot, window)
    assert missing_answers == [f"{episode.name}->{renamed.name}"]
    assert not episode.exists()  # no second copy under the old name
    assert Document.load(renamed).data["season"] == 42
    assert not window.is_modified
    assert window.document is not None and Path(window.document.path).name == renamed.name


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_file_deleted_on_disk_is_only_written_again_when_asked(
    qtbot, window: MainWindow, protection: WorkProtection, episode: Path, missing_answers
) -> None:  # type: ignore[no-untyped-def]
    window.open_path(episode)
    window.session.set_value(("season",), 42)
    with qtbot.waitSignal(protection.watcher.removedFromDisk, timeout=WAIT):
        _shell(f"rm '{episode}'")
    missing_answers.answers.append(disk_prompts.MissingFile.CANCEL)
    press_save(qtbot, window)
    assert missing_answers == [f"{episode.name}->None"]
    assert not episode.exists()
    assert window.is_modified
    missing_answers.answers.append(disk_prompts.MissingFile.WRITE_AGAIN)
    assert window.save()
    assert Document.load(episode).data["season"] == 42


def test_a_folder_removed_and_recreated_is_still_watched(
    qtbot, window: MainWindow, protection: WorkProtection, episode: Path, asked: Prompts
) -> None:  # type: ignore[no-untyped-def]
    window.open_path(episode)
    folder = episode.parent
    with qtbot.waitSignal(protection.watcher.removedFromDisk, timeout=WAIT):
        _shell(f"cp -r '{folder}' '{folder}.bak' && rm -rf '{folder}'")
    _shell(f"mv '{folder}.bak' '{folder}'")  # as `git checkout -- _podcast` brings it back
    theirs = retitled(episode, "Changed after the checkout")
    asked.answers.append(ExternalChange.RELOAD)  # the window is modified since the removal
    with qtbot.waitSignal(protection.watcher.changedOnDisk, timeout=WAIT):
        replace_file(episode, theirs)
    qtbot.waitUntil(
        lambda: (
            window.document is not None
            and window.document.data["title"] == "Changed after the checkout"
        ),
        timeout=WAIT,
    )


def test_moved_file_prompt_offers_the_new_name_save_as_or_creating_it_again(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    seen = _click_in_turn(
        monkeypatch, ["Save to new.md", "Save As", "Create old.md Again", "Cancel"]
    )
    ask = disk_prompts.ask_about_missing_file
    assert ask(None, "old.md", tmp_path / "new.md") is disk_prompts.MissingFile.FOLLOW
    assert ask(None, "old.md", None) is disk_prompts.MissingFile.SAVE_AS
    assert ask(None, "old.md", None) is disk_prompts.MissingFile.WRITE_AGAIN
    assert ask(None, "old.md", tmp_path / "new.md") is disk_prompts.MissingFile.CANCEL
    assert seen[0] == "old.md was renamed to new.md by another program."
    assert seen[1] == "old.md was moved or deleted by another program."


@pytest.mark.qt_log_ignore("propagateSizeHints")
@pytest.mark.parametrize("column", ["time", "speaker", "text"])
def test_a_reload_under_an_open_transcript_cell_editor_closes_it_cleanly(
    qtbot,
    window: MainWindow,
    protection: WorkProtection,
    episode: Path,
    asked: Prompts,
    column: str,
) -> None:  # type: ignore[no-untyped-def]
    """Typing in a transcript cell when another program changes the file: the reload closes
    the editor through the view (Qt used to commit the closed editor once more when it lost
    focus, warning "commitData called with an editor that does not belong to this view")."""
    from editor.qt.tabs.transcript.model import SPEAKER, TEXT, TIME

    window.resize(1000, 700)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.open_path(episode)
    QTest.keyClick(window.tabs, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    view = window.transcript_tab.view
    assert window.tabs.currentWidget() is window.transcript_tab
    row = next(r for r, item in enumerate(window.transcript_tab.model.items()) if "line" in item)
    cell = {"time": TIME, "speaker": SPEAKER, "text": TEXT}[column]
    view.setFocus()
    view.select_rows(row, column=cell)
    QTest.keyClick(view, Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    assert view.is_editing() and editor is not None and editor is not view
    QTest.keyClicks(editor, "half a tho")
    asked.answers.append(ExternalChange.RELOAD)
    with qtbot.waitSignal(window.session.documentReplaced, timeout=WAIT):
        replace_file(episode, retitled(episode, "Changed while typing"))
    qtbot.wait(20)
    assert window.document.data["title"] == "Changed while typing"
    assert not view.is_editing()
    assert "half a tho" not in window.document.to_text()
    assert not window.is_modified
    view.select_rows(row, column=cell)
    QTest.keyClick(view, Qt.Key.Key_Return)  # the view edits again
    assert view.is_editing()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)

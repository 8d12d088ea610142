"""The main window: open, title and modified marker, undo/redo, save, unsaved-changes prompts."""

from __future__ import annotations

import difflib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_EPISODE, corpus_files
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDropEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QWidget

from editor.app import MainWindow
from editor.qt.common.settings import Settings
from editor.qt.tabs.metadata.int_field import IntField
from editor.qt.tabs.metadata.line_field import LineField

Button = QMessageBox.StandardButton


@pytest.fixture
def episode(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE_EPISODE.parents[1], tmp_path / "site")
    return tmp_path / "site" / "_podcast" / SAMPLE_EPISODE.name


@pytest.fixture
def window(qtbot, settings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    # Not registered with qtbot: its closing would ask about unsaved edits in a real dialog.
    win = MainWindow(settings)
    yield win
    win.undo_stack.setClean()
    win.close()
    win.deleteLater()


class Answers:
    """Stands in for modal dialogs: records what was asked and answers from a script."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: Any) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []
        monkeypatch.setattr(QMessageBox, "question", self._question)
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._exec(box))

    def _next(self, text: str) -> Any:
        self.asked.append(text)
        assert self.answers, f"unexpected dialog: {text}"
        return self.answers.pop(0)

    def _question(self, _parent: Any, _title: str, text: str, *_args: Any) -> Any:
        return self._next(text)

    def _exec(self, box: QMessageBox) -> Any:
        return self._next(f"{box.text()}\n{box.informativeText()}")


def title_field(window: MainWindow) -> LineField:
    editor = window.metadata_tab.fields["title"]
    assert isinstance(editor, LineField)
    return editor


def type_at_end(qtbot, window: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    edit = title_field(window).edit
    edit.end(False)
    qtbot.keyClicks(edit, text)


def test_tabs_have_their_object_names(window: MainWindow) -> None:
    names = [window.tabs.widget(i).objectName() for i in range(window.tabs.count())]
    assert names == ["metadataTab", "clipsTab", "transcriptTab"]
    assert set(window.menus) == {"file", "edit", "view", "tools", "help"}
    shortcuts = {
        action.text(): [s.toString() for s in action.shortcuts()]
        for action in (
            window.action_open,
            window.action_save,
            window.action_save_as,
            window.action_quit,
            window.action_redo,
        )
    }
    assert shortcuts["&Open…"] == ["Ctrl+O"]
    assert shortcuts["&Save"] == ["Ctrl+S"]
    assert shortcuts["Save &As…"] == ["Ctrl+Shift+S"]
    assert shortcuts["&Quit"] == ["Ctrl+Q"]
    assert "Ctrl+Y" in next(v for k, v in shortcuts.items() if "Redo" in k)
    assert window.action_undo.shortcut().toString() == "Ctrl+Z"


def test_open_shows_name_and_modified_marker(window: MainWindow, episode: Path) -> None:
    assert window.open_path(episode)
    assert window.document is not None
    assert window.windowTitle().startswith(f"{episode.name}[*]")
    assert not window.isWindowModified()
    assert window.path_label.text() == str(episode)
    window.session.set_value(("title",), "New title")
    assert window.isWindowModified()
    assert window.modified_label.text() == "Modified"
    window.action_undo.trigger()
    assert not window.isWindowModified()
    assert window.modified_label.text() == "Saved"
    window.action_redo.trigger()
    assert window.isWindowModified()


@pytest.mark.corpus
def test_edit_save_reopen_diff_is_exactly_the_edited_lines(
    qtbot,
    window: MainWindow,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    source = next(
        path
        for path in corpus_files()
        if any(
            line.startswith("title: ") and len(line) < 60
            for line in path.read_text(encoding="utf-8").splitlines()[:60]
        )
    )
    target = tmp_path / source.name
    shutil.copyfile(source, target)
    before = target.read_text(encoding="utf-8").splitlines(keepends=True)
    assert window.open_path(target)

    title = title_field(window)
    title.edit.setFocus()
    title.edit.end(False)
    qtbot.keyClicks(title.edit, " II")
    episode = window.metadata_tab.fields["episode"]
    assert isinstance(episode, IntField)
    episode.new_edit()
    qtbot.keyClick(episode.spin, Qt.Key.Key_Up)
    assert window.undo_stack.count() == 2
    window.action_undo.trigger()
    window.action_redo.trigger()
    assert window.save()
    assert not window.isWindowModified()

    after = target.read_text(encoding="utf-8").splitlines(keepends=True)
    diff = [
        line
        for line in difflib.unified_diff(before, after, n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    old_title = next(line for line in before if line.startswith("title: "))
    old_episode = next(line for line in before if line.startswith("episode: "))
    new_episode = f"episode: {int(old_episode.split()[1]) + 1}\n"
    assert sorted(diff) == sorted(
        [
            f"-{old_title}",
            f"+{old_title.rstrip()[:-1]} II{old_title.rstrip()[-1]}\n"
            if old_title.rstrip()[-1] in "'\""
            else f"+{old_title.rstrip()} II\n",
            f"-{old_episode}",
            f"+{new_episode}",
        ]
    )
    assert window.open_path(target)
    assert window.session.get(("title",)).endswith(" II")


def test_close_with_unsaved_changes_save_discard_cancel(
    qtbot,
    window: MainWindow,
    episode: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    original = episode.read_text(encoding="utf-8")
    window.open_path(episode)
    type_at_end(qtbot, window, "!")

    answers = Answers(monkeypatch, Button.Cancel)
    event = QCloseEvent()
    window.closeEvent(event)
    assert not event.isAccepted()
    assert answers.asked == [f"Save your changes to {episode.name}?"]
    assert window.isWindowModified()

    Answers(monkeypatch, Button.Discard)
    event = QCloseEvent()
    window.closeEvent(event)
    assert event.isAccepted()
    assert episode.read_text(encoding="utf-8") == original

    Answers(monkeypatch, Button.Save)
    event = QCloseEvent()
    window.closeEvent(event)
    assert event.isAccepted()
    assert "!" in episode.read_text(encoding="utf-8").splitlines()[1]


def test_clean_window_closes_without_asking(window: MainWindow, episode: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    answers = Answers(monkeypatch)
    window.open_path(episode)
    event = QCloseEvent()
    window.closeEvent(event)
    assert event.isAccepted() and answers.asked == []


def test_opening_another_file_asks_first(
    qtbot,
    window: MainWindow,
    episode: Path,
    tmp_path: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    other = tmp_path / "other.md"
    other.write_text("---\ntitle: Other\n---\n", encoding="utf-8")
    window.open_path(episode)
    type_at_end(qtbot, window, "?")
    Answers(monkeypatch, Button.Cancel)
    assert not window.open_path(other)
    assert window.document is not None and window.document.path == episode
    assert window.session.get(("title",)).endswith("?")
    Answers(monkeypatch, Button.Discard)
    assert window.open_path(other)
    assert window.session.get(("title",)) == "Other"
    assert not window.isWindowModified()


def test_failed_save_keeps_edits_and_offers_save_as(
    qtbot,
    window: MainWindow,
    episode: Path,
    tmp_path: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    original = episode.read_text(encoding="utf-8")
    window.open_path(episode)
    type_at_end(qtbot, window, "!")
    os.chmod(episode, 0o444)
    try:
        answers = Answers(monkeypatch, Button.Cancel)
        assert not window.save()
        assert "read-only" in answers.asked[0]
        assert window.isWindowModified()
        assert window.session.get(("title",)).endswith("!")
        assert episode.read_text(encoding="utf-8") == original

        elsewhere = tmp_path / "copy.md"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(elsewhere), ""))
        Answers(monkeypatch, Button.Save)  # "Save As…"
        assert window.save()
        assert not window.isWindowModified()
        assert "!" in elsewhere.read_text(encoding="utf-8")
        assert window.document is not None and window.document.path == elsewhere
        assert episode.name not in window.windowTitle()
    finally:
        os.chmod(episode, 0o644)


def test_save_into_a_missing_folder_reports_it(
    qtbot,
    window: MainWindow,
    episode: Path,
    tmp_path: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    window.open_path(episode)
    type_at_end(qtbot, window, "!")
    missing = tmp_path / "gone" / "x.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(missing), ""))
    answers = Answers(monkeypatch, Button.Cancel)
    assert not window.save_as()
    assert "does not exist" in answers.asked[0]
    assert window.isWindowModified()


def test_unopenable_file_reports_line_and_column(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    from editor.qt.features.protection import work_protection

    # A text file that does not parse goes to the raw-text view, marked at line and column
    # (tests/qt/features/protection/test_raw_text_view.py); a file that is not text gets the
    # error message.
    offered: list[tuple[int, int]] = []
    monkeypatch.setattr(
        work_protection, "fix_in_raw_text", lambda p, r, e, w, f: offered.append((e.line, e.column))
    )
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: ok\nguests: [a, b\n---\n", encoding="utf-8")
    answers = Answers(monkeypatch, Button.Ok)
    assert not window.open_path(bad)
    assert window.document is None
    assert len(offered) == 1 and offered[0][0] >= 3 and answers.asked == []
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"---\ntitle: \x00\n---\n")
    assert not window.open_path(binary)
    assert "binary.md cannot be opened" in answers.asked[0]
    assert "Line " in answers.asked[0] and "column " in answers.asked[0]


def test_revert_discards_edits_after_asking(
    qtbot, window: MainWindow, episode: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window.open_path(episode)
    original = window.session.get(("title",))
    type_at_end(qtbot, window, "!")
    Answers(monkeypatch, Button.Cancel)
    assert not window.revert()
    assert window.session.get(("title",)) == original + "!"
    Answers(monkeypatch, Button.Discard)
    assert window.revert()
    assert window.session.get(("title",)) == original
    assert title_field(window).edit.text() == original
    assert not window.isWindowModified()


def test_recent_files_menu(window: MainWindow, episode: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text("---\ntitle: Other\n---\n", encoding="utf-8")
    window.open_path(episode)
    window.open_path(other)
    assert window.settings.get(Settings.RECENT_FILES) == [str(other), str(episode)]
    actions = [a for a in window.recent_menu.actions() if a.data()]
    assert [a.data() for a in actions] == [str(other), str(episode)]
    actions[1].trigger()
    assert window.document is not None and window.document.path == episode
    window.action_clear_recent.trigger()
    assert window.settings.get(Settings.RECENT_FILES) == []


def test_dropping_a_markdown_file_opens_it(window: MainWindow, episode: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(episode))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.document is not None and window.document.path == episode
    not_markdown = QMimeData()
    not_markdown.setUrls([QUrl.fromLocalFile("/tmp/picture.png")])
    assert window.__class__.__module__  # the helper below decides
    from editor.qt.window.main_window import _dropped_episode

    assert _dropped_episode(not_markdown.urls()) is None


def test_window_state_and_tab_are_remembered(qtbot, settings, episode: Path) -> None:  # type: ignore[no-untyped-def]
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.tabs.setCurrentIndex(2)
    first.close()
    assert settings.get(Settings.LAST_TAB) == 2
    assert not settings.get(Settings.WINDOW_GEOMETRY).isEmpty()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    assert second.tabs.currentIndex() == 2


def test_undo_keys_go_to_the_document_not_the_text_field(
    qtbot, window: MainWindow, episode: Path
) -> None:  # type: ignore[no-untyped-def]
    window.open_path(episode)
    edit = title_field(window).edit
    for key, modifiers in (
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
    ):
        event = QKeyEvent(QEvent.Type.ShortcutOverride, key, modifiers)
        QApplication.sendEvent(edit, event)
        assert not event.isAccepted()  # so the window's Undo/Redo shortcut runs
    plain = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(edit, plain)
    assert plain.isAccepted()  # ordinary typing still belongs to the field


def test_focus_path_switches_to_the_owning_tab(window: MainWindow, episode: Path) -> None:
    window.open_path(episode)
    window.focus_path(("transcript", 3, "line"))
    assert window.tabs.currentWidget() is window.transcript_tab
    window.focus_path(("quotableClips", 0, "name"))
    assert window.tabs.currentWidget() is window.clips_tab
    assert window.focus_path(("title",))
    assert window.tabs.currentWidget() is window.metadata_tab


def test_missing_recent_file_is_shown_disabled(window: MainWindow, tmp_path: Path) -> None:
    gone = tmp_path / "gone.md"
    window.settings.set(Settings.RECENT_FILES, [str(gone)])
    window.recent_menu.aboutToShow.emit()
    action = next(a for a in window.recent_menu.actions() if a.data())
    assert not action.isEnabled()
    assert "no longer there" in action.statusTip()


def test_full_disk_keeps_edits(qtbot, window: MainWindow, episode: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import errno

    # the window saves through it
    import editor.qt.features.protection.work_protection as saving_module

    def full_disk(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError(errno.ENOSPC, "No space left on device")

    original = episode.read_text(encoding="utf-8")
    window.open_path(episode)
    type_at_end(qtbot, window, "!")
    monkeypatch.setattr(saving_module, "save_document", full_disk)
    answers = Answers(monkeypatch, Button.Cancel)
    assert not window.save()
    assert "disk is full" in answers.asked[0]
    assert window.isWindowModified()
    assert window.session.get(("title",)).endswith("!")
    assert episode.read_text(encoding="utf-8") == original


def test_cell_editors_keep_their_own_undo_key(qtbot, window: MainWindow, episode: Path) -> None:  # type: ignore[no-untyped-def]
    from editor.qt.tabs.metadata.guests_field import GuestsField

    window.open_path(episode)
    guests = window.metadata_tab.fields["guests"]
    assert isinstance(guests, GuestsField)
    editor = QLineEditForTest(guests.view.viewport())
    event = QKeyEvent(
        QEvent.Type.ShortcutOverride, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
    )
    QApplication.sendEvent(editor, event)
    assert event.isAccepted()  # the open cell editor undoes its own typing


class QLineEditForTest(QLineEdit):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setText("typed")


def test_typing_after_a_save_is_a_new_undo_step(qtbot, window: MainWindow, episode: Path) -> None:  # type: ignore[no-untyped-def]
    window.open_path(episode)
    type_at_end(qtbot, window, "ab")
    assert window.save()
    saved = window.session.get(("title",))
    type_at_end(qtbot, window, "c")  # same field, same focus: still not merged into the save
    assert window.isWindowModified()
    window.action_undo.trigger()
    assert window.session.get(("title",)) == saved
    assert not window.isWindowModified()
    type_at_end(qtbot, window, "d")
    qtbot.keyClick(title_field(window).edit, Qt.Key.Key_Backspace)
    assert not window.isWindowModified()  # typed back to the saved text


@pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)")
def test_clips_timeline_follows_transcript_edits_only_once_shown(
    qtbot: Any, window: Any, episode: Path
) -> None:
    # Rebuilding the timeline walks the whole transcript: not on every edit made elsewhere.
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts only fire in the active window
    assert window.open_path(episode)
    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.transcript_tab
    qtbot.wait(20)  # the checks of the opened file run once it is shown
    clips_tab = window.clips_tab
    clips_tab.refresh_now()
    sections_before = [s.header for s in clips_tab.timeline.content.sections]
    view = window.transcript_tab.view
    header_row = window.transcript_tab.model.header_rows()[0]
    view.setFocus()
    view.select_rows(header_row, column=2)
    rebuilds: list[object] = []
    original_set_content = clips_tab.timeline.set_content
    clips_tab.timeline.set_content = lambda content: (  # type: ignore[method-assign]
        rebuilds.append(content),
        original_set_content(content),
    )
    QTest.keyClick(view, Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not view
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, "Renamed section")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert window.session.get(("transcript", header_row, "header")) == "Renamed section"
    assert rebuilds == []
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(rebuilds) == 1)
    titles = [s.header for s in clips_tab.timeline.content.sections]
    assert "Renamed section" in titles and titles != sections_before


@pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)")
def test_a_file_opened_behind_another_tab_builds_the_clips_timeline_once_shown(
    qtbot: Any, window: Any, episode: Path
) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts only fire in the active window
    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.transcript_tab
    clips_tab = window.clips_tab
    rebuilds: list[Any] = []
    original_set_content = clips_tab.timeline.set_content
    clips_tab.timeline.set_content = lambda content: (  # type: ignore[method-assign]
        rebuilds.append(content),
        original_set_content(content),
    )
    assert window.open_path(episode)
    qtbot.wait(20)  # the checks of the opened file run once it is shown
    assert rebuilds == []
    clips = window.session.get(("quotableClips",))
    assert clips  # the sample episode has clips: the Clips actions follow the file at once
    assert clips_tab.action_export_file.isEnabled() and clips_tab.action_add.isEnabled()
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(rebuilds) == 1)
    assert [clip.row for clip in rebuilds[0].clips] == list(range(len(clips)))


@pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)")
def test_transcript_problems_of_a_file_opened_behind_another_tab_mark_cells_when_shown(
    qtbot: Any, window: Any, episode: Path
) -> None:
    text = episode.read_text(encoding="utf-8")
    broken = episode.with_name("broken-time.md")
    broken.write_text(text.replace("  sec: 38\n", "  sec: 99\n", 1), encoding="utf-8")
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts only fire in the active window
    assert window.open_path(broken)
    assert window.tabs.currentWidget() is not window.transcript_tab
    qtbot.waitUntil(lambda: not window.problems.service.pending)
    assert any(p.path[:2] == ("transcript", 2) for p in window.problems.service.problems)
    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.transcript_tab
    model = window.transcript_tab.model

    def marked_cells() -> list[tuple[int, int]]:  # a problem colours a plain line's cell
        return [
            (row, column)
            for row in range(model.rowCount())
            if not model.is_header_row(row)
            for column in range(model.columnCount())
            if model.index(row, column).data(Qt.ItemDataRole.BackgroundRole) is not None
        ]

    assert len(marked_cells()) == 2
    QTest.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    window.undo_stack.setClean()
    assert window.open_path(episode)  # the same transcript without the problems
    qtbot.waitUntil(lambda: not window.problems.service.pending)
    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert marked_cells() == []

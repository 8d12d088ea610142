"""Issue 11: the user's path through the window keeps the editor's two promises.

Each test drives a real, shown ``MainWindow`` by keys, mouse and shortcuts (with modal
questions stubbed through their module-level functions) and then reads the bytes on disk.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from editor.core.episode.clips import Chapter, ChapterList, clips_from_chapters, diff_clips
from editor.qt.tabs.clips.dialogs import ClipSyncDialog
from editor.qt.tabs.metadata.date_field import DateField
from editor.qt.tabs.metadata.int_field import IntField
from editor.qt.tabs.metadata.tags_field import TagsField
from editor.qt.tabs.transcript.model import SPEAKER, TEXT
from editor.qt.window.main_window import MainWindow
from tests.conftest import SAMPLE_EPISODE

Button = QMessageBox.StandardButton
# The offscreen platform warns once a window is shown; that is not the editor's warning.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def episode(tmp_path: Path) -> Path:
    target = tmp_path / "episode.md"
    shutil.copyfile(SAMPLE_EPISODE, target)
    return target


class Questions:
    """Answers the unsaved-changes question from a script and records what was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: Any) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []
        monkeypatch.setattr(QMessageBox, "question", self._question)

    def _question(self, _parent: Any, _title: str, text: str, *_args: Any) -> Any:
        self.asked.append(text)
        assert self.answers, f"unexpected question: {text}"
        return self.answers.pop(0)


@pytest.fixture
def window(
    qtbot: Any, settings: Any, episode: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    from editor.qt.features.problems import feature as problems_feature

    # A test's edit may leave a validation error: saving goes ahead without the question.
    monkeypatch.setattr(
        problems_feature,
        "ask_save_with_errors",
        lambda *_a: problems_feature.SaveAnswer(
            save=True, dont_ask_again=False, show_problems=False
        ),
    )
    win = MainWindow(settings)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # shortcuts fire only in the active window
    assert win.open_path(episode)
    yield win
    win.undo_stack.setClean()
    win.close()
    win.deleteLater()


def press(qtbot: Any, key: str, target: QWidget | None = None) -> None:
    """A shortcut pressed on the focused widget, as a user does."""
    combination = QKeySequence(key)[0]
    widget = target or QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())


def disk(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def open_transcript_editor(qtbot: Any, window: MainWindow, row: int, column: int) -> QWidget:
    press(qtbot, "Ctrl+3", window.tabs)
    view = window.transcript_tab.view
    view.setFocus()
    view.select_rows(row, column=column)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    assert view.is_editing() and editor is not None and editor is not view
    return editor


# -- 1. typing in an open cell editor is never lost ------------------------------------------


def test_ctrl_s_with_the_transcript_text_editor_open_saves_the_typing(
    qtbot: Any, window: MainWindow, episode: Path
) -> None:
    editor = open_transcript_editor(qtbot, window, 2, TEXT)
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, " Typed but not committed.")
    press(qtbot, "Ctrl+S", editor)
    assert "Typed but not committed." in disk(episode)
    assert not window.isWindowModified()
    assert window.modified_label.text() == "Saved"


def test_ctrl_s_with_the_speaker_editor_open_saves_the_typing(
    qtbot: Any, window: MainWindow, episode: Path
) -> None:
    editor = open_transcript_editor(qtbot, window, 2, SPEAKER)
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "Cleo")
    press(qtbot, "Ctrl+S", editor)
    assert "  who: Cleo\n" in disk(episode)


def test_ctrl_q_with_typing_in_an_open_editor_asks_first(
    qtbot: Any, window: MainWindow, episode: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = disk(episode)
    editor = open_transcript_editor(qtbot, window, 2, TEXT)
    qtbot.keyClicks(editor, "Lost? ")
    questions = Questions(monkeypatch, Button.Cancel, Button.Save)
    press(qtbot, "Ctrl+Q", editor)
    assert questions.asked, "quitting with uncommitted typing did not ask"
    assert window.isVisible()
    assert disk(episode) == before
    press(qtbot, "Ctrl+Q", window.tabs)
    assert not window.isVisible()
    assert "Lost? " in disk(episode)


def test_the_clips_cell_editor_is_committed_by_save_as(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "copy.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    press(qtbot, "Ctrl+2", window.tabs)
    table = window.clips_tab.table
    table.setFocus()
    table.setCurrentIndex(window.clips_tab.model.index(1, 0))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert table.state() == table.State.EditingState and editor is not None
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "Lamp Lighter Years")
    press(qtbot, "Ctrl+Shift+S", editor)
    assert "- name: 'Lamp Lighter Years'\n" in disk(target) or (
        "- name: Lamp Lighter Years\n" in disk(target)
    )


def test_switching_tabs_and_the_recovery_journal_commit_the_open_editor(
    qtbot: Any, window: MainWindow
) -> None:
    editor = open_transcript_editor(qtbot, window, 2, TEXT)
    qtbot.keyClicks(editor, "Journaled ")
    journal = window.work_protection.recovery.write_now()
    assert journal is not None and "Journaled " in journal.read_text(encoding="utf-8")
    qtbot.keyClicks(QApplication.focusWidget(), "and switched ")
    press(qtbot, "Ctrl+1")
    assert "and switched " in str(window.session.get(("transcript", 2, "line")))
    assert window.isWindowModified()


# -- 2. undoing the first item of an absent list removes the list again ----------------------


def _without(path: Path, key: str) -> str:
    """The file with the top-level ``key`` block removed."""
    lines = disk(path).splitlines(keepends=True)
    start = lines.index(f"{key}:\n")
    end = start + 1
    while end < len(lines) and lines[end].startswith(("- ", " ")):
        end += 1
    text = "".join(lines[:start] + lines[end:])
    path.write_text(text, encoding="utf-8")
    return text


def test_undo_of_the_first_topic_saves_the_file_unchanged(
    qtbot: Any, window: MainWindow, episode: Path
) -> None:
    original = _without(episode, "topics")
    assert window.open_path(episode)
    field = window.metadata_tab.fields["topics"]
    assert isinstance(field, TagsField)
    field.add_edit.setFocus()
    qtbot.keyClicks(field.add_edit, "tides")
    qtbot.keyClick(field.add_edit, Qt.Key.Key_Return)
    assert window.session.get(("topics",)) == ["tides"]
    press(qtbot, "Ctrl+Z", field.add_edit)
    assert not window.isWindowModified()
    assert window.document is not None and window.document.to_text() == original
    window.undo_stack.resetClean()
    press(qtbot, "Ctrl+S", field.add_edit)
    assert disk(episode) == original


def test_undo_of_the_first_clip_and_the_first_transcript_line(
    qtbot: Any, window: MainWindow, episode: Path
) -> None:
    _without(episode, "quotableClips")
    original = _without(episode, "transcript")
    assert window.open_path(episode)
    press(qtbot, "Ctrl+2", window.tabs)
    window.clips_tab.table.setFocus()
    press(qtbot, "Ctrl+Shift+N", window.clips_tab.table)
    assert len(window.session.get(("quotableClips",))) == 1
    press(qtbot, "Ctrl+3", window.tabs)
    window.transcript_tab.view.setFocus()
    press(qtbot, "Ctrl+Return", window.transcript_tab.view)
    editor = QApplication.focusWidget()
    if window.transcript_tab.view.is_editing() and editor is not None:
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert len(window.session.get(("transcript",))) == 1
    while window.undo_stack.canUndo():
        window.action_undo.trigger()
    assert window.document is not None and window.document.to_text() == original
    assert window.save()
    assert disk(episode) == original


# -- 3. chapter import never proposes zero-length clips silently -----------------------------


def test_chapters_at_or_after_the_duration_and_duplicates_are_flagged_unchecked(
    qtbot: Any,
) -> None:
    chapters = [
        Chapter(0, "Intro"),
        Chapter(126, "Background"),
        Chapter(126, "Same time"),
        Chapter(3723, "Wrap-up"),
    ]
    proposed = clips_from_chapters(chapters, 3550)
    changes = diff_clips([], proposed, None)
    dialog = ClipSyncDialog("Import", changes)
    qtbot.addWidget(dialog)
    accepted = [c for c in dialog.accepted_changes() if c.kind == "added"]
    names = [c.new.name for c in accepted if c.new is not None]
    assert names == ["Intro", "Same time"]
    for change in dialog.accepted_changes():
        assert change.new is None or change.new.end is None or change.new.end > change.new.start
    flagged = {c.new.name: c.problem for c in changes if c.new is not None and c.problem}
    assert set(flagged) == {"Background", "Wrap-up"}
    assert "same time" in flagged["Background"] and "duration" in flagged["Wrap-up"]


def test_exporting_chapters_and_importing_them_back_changes_nothing(
    qtbot: Any, window: MainWindow, episode: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The last clip starts after the episode's duration (12:05 = 725 s).
    text = disk(episode).replace("  startOffset: 560\n", "  startOffset: 730\n")
    text = text.replace("  endOffset: 560\n", "  endOffset: 730\n")
    text = text.replace("&t=560\n  endOffset: 725", "&t=730\n  endOffset: 790")
    episode.write_text(text, encoding="utf-8")
    assert window.open_path(episode)
    press(qtbot, "Ctrl+2", window.tabs)
    clipboard = QApplication.clipboard()
    window.clips_tab.action_export_clipboard.trigger()
    assert "00:12:10 A Forecast" in clipboard.text()
    shown: list[ClipSyncDialog] = []

    def review(dialog: ClipSyncDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ClipSyncDialog, "exec", review)
    window.clips_tab.action_import_clipboard.trigger()
    assert window.undo_stack.count() == 0
    assert window.save()
    assert disk(episode) == text
    assert "already match" in window.clips_tab.message.text() or not shown


# -- 4. clips from sections keeps clips whose section has no lines ----------------------------


def test_clips_from_sections_does_not_precheck_removing_a_clip_of_an_empty_section(
    qtbot: Any, window: MainWindow, episode: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = disk(episode)
    # A header directly followed by another header: the "From Lamp Lighter" section is empty.
    start = text.index("- header: From Lamp Lighter to Data Keeper\n")
    end = text.index("- header: 'Cleaning the 1911 Logbook")
    episode.write_text(
        text[:start] + "- header: From Lamp Lighter to Data Keeper\n" + text[end:],
        encoding="utf-8",
    )
    assert window.open_path(episode)
    reviewed: list[ClipSyncDialog] = []

    def review(dialog: ClipSyncDialog) -> int:
        reviewed.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ClipSyncDialog, "exec", review)
    press(qtbot, "Ctrl+2", window.tabs)
    window.clips_tab.action_from_sections.trigger()
    assert reviewed
    names = [str(clip["name"]) for clip in window.session.get(("quotableClips",))]
    assert "From Lamp Lighter to Data Keeper" in names
    removed = [c for c in reviewed[0].changes if c.kind == "removed"]
    assert removed and all("no timed lines" in c.problem for c in removed)


# -- 5. merging lines of two speakers is refused ----------------------------------------------


def test_ctrl_j_refuses_to_merge_lines_of_different_speakers(
    qtbot: Any, window: MainWindow
) -> None:
    press(qtbot, "Ctrl+3", window.tabs)
    view = window.transcript_tab.view
    view.setFocus()
    view.select_rows(1, column=TEXT)  # Bruno, then Ada
    press(qtbot, "Ctrl+J", view)
    assert window.undo_stack.count() == 0
    assert "speaker" in window.transcript_tab.status.text().lower()
    assert window.session.get(("transcript", 2, "who")) == "Ada"


# -- 6. emptied spin boxes and dates never write a sentinel -----------------------------------


def test_clearing_season_removes_the_value_instead_of_writing_zero(
    qtbot: Any, window: MainWindow, episode: Path
) -> None:
    field = window.metadata_tab.fields["season"]
    assert isinstance(field, IntField)
    field.spin.setFocus()
    qtbot.keyClick(field.spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field.spin, Qt.Key.Key_Delete)
    qtbot.keyClick(field.spin, Qt.Key.Key_Tab)
    assert window.session.get(("season",)) != 0
    assert window.save()
    # An emptied number removes the key: no 0, no null, nothing nobody typed.
    assert "\nseason:" not in disk(episode)
    assert field.spin.text() == "Not set"
    press(qtbot, "Ctrl+Z", field.spin)
    assert window.session.get(("season",)) == 3


def test_up_on_an_unset_date_writes_no_1901(qtbot: Any, window: MainWindow, episode: Path) -> None:
    original = _without_line(episode, "dateadded: 2024-03-09\n")
    assert window.open_path(episode)
    field = window.metadata_tab.fields["dateadded"]
    assert isinstance(field, DateField)
    field.date_edit.setFocus()
    qtbot.keyClick(field.date_edit, Qt.Key.Key_Up)
    qtbot.keyClick(field.date_edit, Qt.Key.Key_Tab)
    assert field.date_edit.date() != QDate(1901, 1, 1)
    window.undo_stack.resetClean()
    assert window.save()
    assert "1901" not in disk(episode)
    assert disk(episode) == original or "dateadded: " + QDate.currentDate().toString(
        "yyyy-MM-dd"
    ) in disk(episode)


@pytest.mark.parametrize(
    ("key", "line", "removed"),
    [
        # Only the key's line: the blank line after it sets the next group apart and stays.
        ("dateadded", "dateadded: 2024-03-09\n", "dateadded: 2024-03-09\n"),
        ("date", "date: '2024-03-01'  # published\n", "date: '2024-03-01'  # published\n"),
    ],
)
def test_clearing_a_date_removes_the_key_like_an_emptied_number(
    qtbot: Any, window: MainWindow, episode: Path, key: str, line: str, removed: str
) -> None:
    if line not in disk(episode):
        dated = episode.with_name("dated.md")
        dated.write_text(disk(episode).replace("dateadded: ", line + "dateadded: ", 1), "utf-8")
        assert window.open_path(dated)
        episode = dated
    original = episode.read_bytes()
    field = window.metadata_tab.fields[key]
    assert isinstance(field, DateField) and field.clear_button.isEnabled()
    qtbot.mouseClick(field.clear_button, Qt.MouseButton.LeftButton)
    assert field.date_edit.text() == "Not set" and not field.clear_button.isEnabled()
    assert window.undo_stack.count() == 1
    press(qtbot, "Ctrl+S", field.date_edit)
    # No "dateadded: null" (Jekyll reads nil; the schema wants a date): the line goes.
    assert disk(episode) == original.decode("utf-8").replace(removed, "", 1)
    press(qtbot, "Ctrl+Z", field.date_edit)  # one step puts it back, in its place, as it was
    assert window.session.document.to_text().encode("utf-8") == original
    press(qtbot, "Ctrl+S", field.date_edit)
    assert episode.read_bytes() == original


def test_a_date_the_file_never_had_stays_out_after_today_then_clear(
    qtbot: Any, window: MainWindow, episode: Path
) -> None:
    original = _without_line(episode, "dateadded: 2024-03-09\n")
    assert window.open_path(episode)
    field = window.metadata_tab.fields["dateadded"]
    assert isinstance(field, DateField)
    qtbot.mouseClick(field.today_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(field.clear_button, Qt.MouseButton.LeftButton)
    press(qtbot, "Ctrl+S", field.date_edit)
    assert disk(episode) == original
    press(qtbot, "Ctrl+Z", field.date_edit)  # back to today's date
    press(qtbot, "Ctrl+S", field.date_edit)
    assert "dateadded: " + QDate.currentDate().toString("yyyy-MM-dd") in disk(episode)
    qtbot.mouseClick(field.clear_button, Qt.MouseButton.LeftButton)  # saved with it: clear
    press(qtbot, "Ctrl+S", field.date_edit)
    assert disk(episode) == original


def _without_line(path: Path, line: str) -> str:
    text = disk(path).replace(line, "", 1)
    path.write_text(text, encoding="utf-8")
    return text


def test_undoing_the_inserted_line_being_typed_in_closes_its_editor_cleanly(
    qtbot: Any, window: MainWindow, episode: Path
) -> None:
    """Ctrl+Return, typing, then Edit ▸ Undo (the mouse: the editor keeps the keys): the row
    goes with its editor, which Qt no longer commits to a row that is gone ("commitData
    called with an editor that does not belong to this view")."""
    press(qtbot, "Ctrl+3", window.tabs)
    view = window.transcript_tab.view
    view.setFocus()
    view.select_rows(1, column=TEXT)
    rows = view.model().rowCount()
    press(qtbot, "Ctrl+Return", view)
    editor = QApplication.focusWidget()
    assert view.is_editing() and editor is not None and view.model().rowCount() == rows + 1
    qtbot.keyClicks(editor, "a draft")
    window.action_undo.trigger()
    assert view.model().rowCount() == rows and not view.is_editing()
    assert window.undo_stack.isClean()
    press(qtbot, "Ctrl+S", view)
    assert disk(episode) == SAMPLE_EPISODE.read_text(encoding="utf-8")


# -- 7. a message belongs to the operation that made it ---------------------------------------


def test_a_refusal_is_gone_after_the_next_operation_and_after_undo(
    qtbot: Any, window: MainWindow
) -> None:
    press(qtbot, "Ctrl+3", window.tabs)
    tab = window.transcript_tab
    view = tab.view
    view.setFocus()
    view.select_rows(0, column=TEXT)  # a header: merging is refused
    press(qtbot, "Ctrl+J", view)
    assert tab.status.text()
    view.select_rows(4, column=TEXT)  # Bruno then Bruno? no: 4 is Bruno, 5 Ada; use insert
    press(qtbot, "Ctrl+Return", view)
    editor = QApplication.focusWidget()
    if view.is_editing() and editor is not None:
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert window.undo_stack.count() == 1
    assert tab.status.text() == ""
    view.select_rows(2, column=TEXT)
    view.selectRow(2)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert "2 rows selected" in tab.status.text()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert "rows selected" not in tab.status.text()


def test_applied_changes_message_goes_with_undo(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ClipSyncDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    press(qtbot, "Ctrl+2", window.tabs)
    tab = window.clips_tab
    tab.sync._import_chapters(
        ChapterList([Chapter(0, "Intro"), Chapter(100, "Middle"), Chapter(500, "End")]), "test"
    )
    assert "applied" in tab.message.text()
    tab.table.setFocus()
    press(qtbot, "Ctrl+Z", tab.table)
    assert "applied" not in tab.message.text()

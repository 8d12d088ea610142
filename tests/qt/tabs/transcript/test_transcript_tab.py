"""The Transcript tab through its GUI: shortcuts, context actions, editors; then undo and redo."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QPlainTextEdit

from editor.core import Document
from editor.qt.editing.session import EpisodeSession
from editor.qt.tabs.transcript.model import SPEAKER, TEXT, TIME
from editor.qt.tabs.transcript.tab import TranscriptTab

# The offscreen platform says so whenever a window is shown; it is not our warning.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

# Sample transcript rows: 0 header, 1-2 lines, 3 header, 4-7 lines, 8 header, 9-12 lines,
# 13 header, 14-17 lines.
HEADERS = [0, 3, 8, 13]
ROWS = 18


@pytest.fixture
def tab(qtbot: Any, session: EpisodeSession, settings: Any) -> TranscriptTab:
    tab = TranscriptTab(session, settings)
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)  # shortcuts only fire in the active window
    tab.view.setFocus()
    return tab


def items(session: EpisodeSession) -> list[Any]:
    return list(session.get(("transcript",)))


def texts(session: EpisodeSession) -> list[str]:
    return [str(item.get("line", item.get("header"))) for item in items(session)]


def press(qtbot: Any, tab: TranscriptTab, key: str) -> None:
    """Press a shortcut the way a user does: on the focused widget inside the tab."""
    from PySide6.QtGui import QKeySequence

    combination = QKeySequence(key)[0]
    target = QApplication.focusWidget() or tab.view
    qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())


def check_undo_redo(session: EpisodeSession, before: list[Any], after: list[Any]) -> None:
    """One undo step restores ``before`` (same objects), redo gives ``after`` again."""
    session.undo_stack.undo()
    assert texts(session) == before
    session.undo_stack.redo()
    assert texts(session) == after


def test_every_operation_is_in_the_context_menu_with_a_shortcut(tab: TranscriptTab) -> None:
    names = {a.objectName(): a for a in tab.view.actions() if not a.isSeparator()}
    for name in (
        "insertLine",
        "insertHeader",
        "deleteRows",
        "splitLine",
        "mergeLine",
        "setSpeaker",
        "moveUp",
        "moveDown",
        "moveSectionUp",
        "moveSectionDown",
        "shiftTimes",
        "retimeFrom",
        "find",
        "replace",
    ):
        assert name in names
        assert not names[name].shortcut().isEmpty(), name
    assert tab.view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    shortcuts = [a.shortcut().toString() for a in names.values()]
    assert len(shortcuts) == len(set(shortcuts))


def test_insert_line_after_current(qtbot: Any, tab: TranscriptTab, session: EpisodeSession) -> None:
    before = texts(session)
    tab.view.select_rows(1)
    press(qtbot, tab, "Ctrl+Return")
    assert len(items(session)) == ROWS + 1
    new = items(session)[2]
    assert new["line"] == "" and new["sec"] == 3 and new["who"] == "Bruno"
    assert tab.view.is_editing()  # ready to type
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit)
    qtbot.keyClicks(editor, "A new line")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert items(session)[2]["line"] == "A new line"
    after = texts(session)
    session.undo_stack.undo()  # the typing
    check_undo_redo(session, before, texts(session))
    session.undo_stack.redo()
    assert texts(session) == after


def test_insert_section_header(qtbot: Any, tab: TranscriptTab, session: EpisodeSession) -> None:
    before = texts(session)
    tab.view.select_rows(5)
    press(qtbot, tab, "Ctrl+Shift+Return")
    assert items(session)[6] == {"header": "New section"}
    assert tab.view.rowSpan(6, 0) == 1 and tab.view.columnSpan(6, 0) == 3
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Lamp oil")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not tab.view.is_editing())  # Qt commits line edits queued
    assert items(session)[6]["header"] == "Lamp oil"
    assert "Lamp oil" in tab.outline.list.model().index(2).data()
    session.undo_stack.undo()
    check_undo_redo(session, before, texts(session))


def test_delete_selected_lines(qtbot: Any, tab: TranscriptTab, session: EpisodeSession) -> None:
    before = texts(session)
    removed = items(session)[5:7]
    tab.view.select_rows(5, 2)
    press(qtbot, tab, "Delete")
    assert len(items(session)) == ROWS - 2
    after = texts(session)
    session.undo_stack.undo()
    assert items(session)[5:7] == removed and items(session)[5] is removed[0]
    session.undo_stack.redo()
    assert texts(session) == after
    assert before != after


def test_split_at_the_text_cursor(qtbot: Any, tab: TranscriptTab, session: EpisodeSession) -> None:
    before = texts(session)
    tab.view.edit_cell(14, TEXT)  # "How did you get the harbour master to trust a model?"
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit)
    cursor = editor.textCursor()
    cursor.setPosition(len("How did you get"))
    editor.setTextCursor(cursor)
    press(qtbot, tab, "Ctrl+B")
    assert items(session)[14]["line"] == "How did you get"
    assert items(session)[15]["line"] == "the harbour master to trust a model?"
    assert items(session)[15]["sec"] == 560 and items(session)[15]["who"] == "Bruno"
    assert session.undo_stack.count() == 1
    check_undo_redo(session, before, texts(session))


def test_split_without_an_editor_splits_at_a_sentence_end(
    qtbot: Any, tab: TranscriptTab, session: EpisodeSession
) -> None:
    tab.view.select_rows(15)  # "I printed it ... season. By autumn he stopped guessing."
    press(qtbot, tab, "Ctrl+B")
    assert items(session)[15]["line"].endswith("for a whole season.")
    assert items(session)[16]["line"] == "By autumn he stopped guessing."


def test_merge_with_next(qtbot: Any, tab: TranscriptTab, session: EpisodeSession) -> None:
    session.set_value(("transcript", 2, "who"), "Bruno")  # lines of one speaker merge
    before = texts(session)
    tab.view.select_rows(1)
    press(qtbot, tab, "Ctrl+J")
    assert items(session)[1]["line"].endswith("Welcome, Ada. Thanks for having me, Bruno.")
    assert len(items(session)) == ROWS - 1
    check_undo_redo(session, before, texts(session))
    tab.view.select_rows(2)  # the next row is a header: refused with a message
    press(qtbot, tab, "Ctrl+J")
    assert "header" in tab.status.text()


def test_set_speaker_of_selected_lines(
    qtbot: Any, tab: TranscriptTab, session: EpisodeSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[list[str]] = []

    def fake_get_item(parent: Any, title: str, label: str, names: list[str], *args: Any) -> Any:
        offered.append(list(names))
        return "Ada Quill", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(fake_get_item))
    tab.view.select_rows(3, 4)  # a header and three lines
    press(qtbot, tab, "Ctrl+Shift+E")
    assert len(offered) == 1 and sorted(offered[0]) == ["Ada", "Bruno"]
    assert [items(session)[r]["who"] for r in (4, 5, 6)] == ["Ada Quill"] * 3
    assert "who" not in items(session)[3]
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert [items(session)[r]["who"] for r in (4, 5, 6)] == ["Bruno", "Ada", "Bruno"]
    session.undo_stack.redo()
    assert [items(session)[r]["who"] for r in (4, 5, 6)] == ["Ada Quill"] * 3


def test_move_lines_up_and_down(qtbot: Any, tab: TranscriptTab, session: EpisodeSession) -> None:
    before = texts(session)
    moving = items(session)[5:7]
    tab.view.select_rows(5, 2)
    press(qtbot, tab, "Alt+Up")
    assert items(session)[4:6] == moving and items(session)[4] is moving[0]
    assert tab.view.selected_rows() == [4, 5]
    press(qtbot, tab, "Alt+Down")
    press(qtbot, tab, "Alt+Down")
    assert items(session)[6] is moving[0]
    after = texts(session)
    for _ in range(3):
        session.undo_stack.undo()
    assert texts(session) == before
    for _ in range(3):
        session.undo_stack.redo()
    assert texts(session) == after


def test_move_section_up_and_down(qtbot: Any, tab: TranscriptTab, session: EpisodeSession) -> None:
    before = texts(session)
    section = items(session)[8:13]
    tab.view.select_rows(10)  # inside "Cleaning the 1911 Logbook"
    press(qtbot, tab, "Alt+Shift+Up")
    assert items(session)[3:8] == section and items(session)[3] is section[0]
    assert tab.view.current_row() == 3
    assert session.undo_stack.count() == 1
    check_undo_redo(session, before, texts(session))
    press(qtbot, tab, "Alt+Shift+Down")
    assert items(session)[8] is section[0]  # back where it was
    tab.view.select_rows(1)
    press(qtbot, tab, "Alt+Shift+Up")  # the first section cannot go up
    assert "cannot move" in tab.status.text()


def test_shift_times_from_here_onward(
    qtbot: Any, tab: TranscriptTab, session: EpisodeSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("+1:00", True)))
    tab.view.select_rows(9)  # the line at 5:02
    press(qtbot, tab, "Ctrl+Shift+T")
    assert "+60 s" in tab.status.text()
    assert items(session)[9]["sec"] == 362 and items(session)[9]["time"] == "6:02"
    assert items(session)[17]["sec"] == 778 and items(session)[17]["time"] == "12:58"
    assert items(session)[7]["sec"] == 125  # before the point: untouched
    clips = session.get(("quotableClips",))
    assert clips[2]["startOffset"] == 362 and clips[2]["url"].endswith("&t=362")
    assert clips[1]["endOffset"] == 362  # the clip ending there ends later too
    assert clips[1]["startOffset"] == 41
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert items(session)[9]["sec"] == 302 and clips[2]["url"].endswith("&t=302")
    session.undo_stack.redo()
    assert clips[3]["startOffset"] == 620


def test_retime_from_here_to_a_typed_time(
    qtbot: Any, tab: TranscriptTab, session: EpisodeSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("PT1H", True)))
    tab.view.select_rows(14)  # 9:20
    press(qtbot, tab, "Ctrl+T")
    assert items(session)[14]["time"] == "1:00:00"
    assert items(session)[17]["sec"] == 3600 + 718 - 560
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert items(session)[14]["time"] == "9:20" and items(session)[17]["sec"] == 718
    session.undo_stack.redo()
    assert items(session)[14]["time"] == "1:00:00"


def test_negative_shift_below_zero_is_refused(
    qtbot: Any, tab: TranscriptTab, session: EpisodeSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("-10", True)))
    tab.view.select_rows(1)  # 0:03
    press(qtbot, tab, "Ctrl+Shift+T")
    assert "negative" in tab.status.text()
    assert session.undo_stack.count() == 0


def test_typing_a_time_in_the_time_cell(
    qtbot: Any, tab: TranscriptTab, session: EpisodeSession
) -> None:
    tab.view.edit_cell(4, TIME)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "0:10")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not tab.view.is_editing())  # Qt commits line edits queued
    assert items(session)[4]["sec"] == 10 and items(session)[4]["time"] == "0:10"
    assert session.undo_stack.count() == 1
    # 0:10 is before the line at 0:38: flagged, and Ctrl+Shift+B goes there.
    assert "going back in time" in tab._summary()
    tab.view.select_rows(0)
    press(qtbot, tab, "Ctrl+Shift+B")
    assert tab.view.current_row() == 4
    session.undo_stack.undo()
    assert items(session)[4]["sec"] == 41 and items(session)[4]["time"] == "0:41"


def test_text_editor_enter_commits_and_shift_enter_breaks_the_line(
    qtbot: Any, tab: TranscriptTab, session: EpisodeSession
) -> None:
    tab.view.edit_cell(2, TEXT)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "One")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor, "two")
    assert tab.view.is_editing()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert not tab.view.is_editing()
    assert items(session)[2]["line"] == "One\ntwo"


def test_speaker_editor_completes_from_the_episode(
    qtbot: Any, tab: TranscriptTab, session: EpisodeSession
) -> None:
    tab.view.edit_cell(2, SPEAKER)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.completer() is not None
    model = editor.completer().model()
    assert sorted(model.index(i, 0).data() for i in range(model.rowCount())) == ["Ada", "Bruno"]
    editor.clear()
    qtbot.keyClicks(editor, "Br")
    assert editor.text() == "Bruno"  # inline completion
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not tab.view.is_editing())  # Qt commits line edits queued
    assert items(session)[2]["who"] == "Bruno"


def test_find_and_replace_all(qtbot: Any, tab: TranscriptTab, session: EpisodeSession) -> None:
    press(qtbot, tab, "Ctrl+F")
    bar = tab.find_bar
    assert bar.isVisible() and not bar.replace_edit.isVisible()
    qtbot.keyClicks(bar.find_edit, "harbour")
    bar.recount()
    assert bar.count_label.text() == "4 matches"
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return)
    assert bar.count_label.text() == "1 of 4"
    assert tab.view.current_row() == 4
    bar.speaker_box.setCurrentText("Ada")
    assert bar.count_label.text() == "1 match"
    bar.speaker_box.setCurrentIndex(0)
    tab.view.setFocus()
    press(qtbot, tab, "Ctrl+H")
    assert bar.replace_edit.isVisible()
    bar.replace_edit.setText("harbor")
    assert bar.replace_all() == 4
    assert session.undo_stack.count() == 1
    assert bar.count_label.text() == "no matches"
    assert "harbor" in items(session)[4]["line"]
    session.undo_stack.undo()
    assert "harbour" in items(session)[4]["line"]
    bar.regex_box.setChecked(True)
    bar.find_edit.setText("(")
    bar.recount()
    assert bar.count_label.text() == "bad regex"
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_replace_one_match_at_a_time(
    qtbot: Any, tab: TranscriptTab, session: EpisodeSession
) -> None:
    tab.find_bar.open_find(True)
    tab.find_bar.find_edit.setText("Ada")
    tab.find_bar.replace_edit.setText("Ada Quill")
    tab.find_bar.recount()
    count = len(tab.find_bar.matches)
    tab.find_bar.replace_current()  # first press selects the first match
    tab.find_bar.replace_current()
    assert session.undo_stack.count() == 1
    assert "Ada Quill" in items(session)[1]["line"]
    assert len(tab.find_bar.matches) == count  # "Ada Quill" still matches "Ada"


def test_outline_lists_sections_jumps_and_reorders(
    qtbot: Any, tab: TranscriptTab, session: EpisodeSession
) -> None:
    outline = tab.outline.model
    assert outline.rowCount() == 4
    assert (
        outline.index(2).data() == "5:02  Cleaning the 1911 Logbook: Ink, Smudges and Missing Days"
    )
    rect = tab.outline.list.visualRect(outline.index(3))
    qtbot.mouseClick(tab.outline.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.view.current_row() == 13
    # Dragging the last header to the top moves its whole section there, in one step.
    before = texts(session)
    section = items(session)[13:18]
    mime = outline.mimeData([outline.index(3)])
    outline.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert items(session)[0:5] == section and items(session)[0] is section[0]
    assert outline.index(0).data().endswith("A Forecast the Harbour Master Trusts")
    assert session.undo_stack.count() == 1
    check_undo_redo(session, before, texts(session))


def test_view_drop_of_a_section_keeps_spans(tab: TranscriptTab, session: EpisodeSession) -> None:
    model = tab.model
    mime = model.mimeData([model.index(8, TIME)])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert items(session)[3]["header"].startswith("Cleaning")
    for row in range(model.rowCount()):
        expected = 3 if model.is_header_row(row) else 1
        assert tab.view.columnSpan(row, 0) == expected, row


def test_focus_path_and_problems(tab: TranscriptTab) -> None:
    assert tab.focus_path(("transcript", 9, "who"))
    assert tab.view.currentIndex().row() == 9 and tab.view.currentIndex().column() == SPEAKER
    assert tab.focus_path(("transcript", 3, "header"))
    assert tab.view.currentIndex().column() == TIME
    assert not tab.focus_path(("transcript", 99))
    assert not tab.focus_path(("title",))

    class Problem:
        rule, severity, message, line, column = "time", "warning", "time and sec differ", 1, 1
        path = ("transcript", 4, "time")

    tab.show_problems([Problem()])
    assert "differ" in tab.model.index(4, TIME).data(Qt.ItemDataRole.ToolTipRole)


def test_a_new_document_rebuilds_the_tab(tab: TranscriptTab, session: EpisodeSession) -> None:
    session.set_document(Document.from_text("---\ntitle: x\n---\n"))
    assert tab.model.rowCount() == 0 and tab.outline.model.rowCount() == 0
    assert "no transcript" in tab.summary.text()
    tab.view.select_rows(0)
    tab.transcript_actions.insert_line()  # into an episode without a transcript
    assert session.get(("transcript",))[0]["line"] == ""


def test_find_marks_matches_in_the_table_until_closed(qtbot: Any, tab: TranscriptTab) -> None:
    press(qtbot, tab, "Ctrl+F")
    qtbot.keyClicks(tab.find_bar.find_edit, "tide")
    tab.find_bar.recount()
    pattern = tab.view.text_delegate.highlight
    assert pattern is not None and pattern.search("Spring TIDES")
    tab.find_bar.close_bar()
    assert tab.view.text_delegate.highlight is None


def test_the_outline_width_is_remembered(
    qtbot: Any, session: EpisodeSession, settings: Any
) -> None:
    from editor.qt.common.settings import Settings

    first = TranscriptTab(session, settings)
    qtbot.addWidget(first)
    first.resize(1000, 600)
    first.splitter.setSizes([420, 580])
    first.splitter.splitterMoved.emit(420, 1)
    second = TranscriptTab(session, settings)
    qtbot.addWidget(second)
    assert not settings.get(Settings.TRANSCRIPT_SPLITTER).isEmpty()
    assert second.splitter.saveState() == first.splitter.saveState()


def near_top(rect: Any) -> Any:
    """A point in the top quarter of ``rect``: a drop there lands above that row."""
    from PySide6.QtCore import QPoint

    return rect.topLeft() + QPoint(rect.width() // 2, max(1, rect.height() // 5))


def drop_on(qtbot: Any, view: Any, mime: Any, pos: Any) -> None:
    """Deliver a drop the way a finished drag does (a real QDrag needs a window system)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent

    point = QPointF(pos)
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    drop = QDropEvent(point, Qt.DropAction.MoveAction, mime, buttons, modifiers)
    drop.ignore()  # as the window system delivers it: the view accepts what it takes
    # QApplication only routes drops that follow a real drag; call the view's handler.
    view.dropEvent(drop)


def test_dropping_lines_and_sections_on_the_table(
    qtbot: Any, tab: TranscriptTab, session: EpisodeSession
) -> None:
    view, model = tab.view, tab.model
    line = items(session)[5]
    rect = view.visualRect(model.index(2, TEXT))
    drop_on(qtbot, view, model.mimeData([model.index(5, c) for c in range(3)]), near_top(rect))
    assert items(session)[2] is line
    assert session.undo_stack.count() == 1
    # The last section, dragged by its header above the second section.
    section = items(session)[13:18]
    assert model.is_header_row(4)  # the second section starts one row later now
    target = view.visualRect(model.index(3, TEXT))  # inside the first section: snaps to 4
    drop_on(qtbot, view, model.mimeData([model.index(13, TIME)]), near_top(target))
    assert items(session)[4:9] == section and items(session)[4] is section[0]
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert texts(session)[5] == line["line"]


def test_dragging_a_header_in_the_outline(
    qtbot: Any, tab: TranscriptTab, session: EpisodeSession
) -> None:
    outline = tab.outline
    section = items(session)[8:13]
    mime = outline.model.mimeData([outline.model.index(2)])
    rect = outline.list.visualRect(outline.model.index(0))
    drop_on(qtbot, outline.list, mime, near_top(rect))
    assert items(session)[0:5] == section
    assert tab.view.current_row() == 0  # the table shows the moved section
    assert session.undo_stack.count() == 1


def test_context_menu_entries_run_the_same_operations(
    tab: TranscriptTab, session: EpisodeSession
) -> None:
    actions = {a.objectName(): a for a in tab.view.actions()}
    session.set_value(("transcript", 2, "who"), "Bruno")  # lines of one speaker merge
    before = texts(session)
    tab.view.select_rows(1)
    actions["mergeLine"].trigger()
    assert len(items(session)) == ROWS - 1
    actions["insertHeader"].trigger()
    tab.view.commit_open_editor()
    assert items(session)[2] == {"header": "New section"}
    tab.view.select_rows(2)
    actions["deleteRows"].trigger()
    actions["moveSectionDown"].trigger()
    after = texts(session)
    for _ in range(4):
        session.undo_stack.undo()
    assert texts(session) == before
    for _ in range(4):
        session.undo_stack.redo()
    assert texts(session) == after


def test_outline_model_passes_the_model_tester(
    qtmodeltester: Any, tab: TranscriptTab, session: EpisodeSession
) -> None:
    from editor.qt.tabs.transcript.outline import TitleRole

    outline = tab.outline.model
    qtmodeltester.check(outline)
    session.move_items(("transcript",), 8, 5, 0)
    session.insert_items(("transcript",), 2, [{"header": "Extra"}])
    session.set_value(("transcript", 2, "header"), "Renamed")
    assert outline.index(1).data().endswith("Renamed")
    session.remove_items(("transcript",), 0, 5)  # "Cleaning...", "Renamed" and three lines
    titles = [outline.index(r).data(TitleRole) for r in range(outline.rowCount())]
    assert titles == [
        "Podcast Introduction",
        "From Lamp Lighter to Data Keeper",
        "A Forecast the Harbour Master Trusts",
    ]
    qtmodeltester.check(outline)


def test_enter_on_a_row_starts_editing_it(
    qtbot: Any, tab: TranscriptTab, session: EpisodeSession
) -> None:
    tab.view.select_rows(2, column=TEXT)
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    assert tab.view.is_editing() and isinstance(editor, QPlainTextEdit)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not tab.view.is_editing()
    assert session.undo_stack.count() == 0
    tab.view.select_rows(3)  # a header
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert isinstance(QApplication.focusWidget(), QLineEdit)


def test_marks_follow_the_speaker_filter(qtbot: Any, tab: TranscriptTab) -> None:
    tab.find_bar.open_find(False)
    tab.find_bar.find_edit.setText("harbour")
    tab.find_bar.speaker_box.setCurrentText("Ada")
    tab.find_bar.recount()
    delegate = tab.view.text_delegate
    assert delegate.highlight is not None and delegate.highlight_speaker == "Ada"
    assert delegate._speaker_matches(tab.model.index(7, TEXT))  # Ada's line
    assert not delegate._speaker_matches(tab.model.index(4, TEXT))  # Bruno's


def test_split_uses_the_open_editor_after_another_one_closed(
    qtbot: Any, tab: TranscriptTab, session: EpisodeSession
) -> None:
    tab.view.edit_cell(2, TEXT)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # commit, editor deleted later
    tab.view.edit_cell(14, TEXT)
    qtbot.wait(20)  # the first editor is destroyed now
    editor = QApplication.focusWidget()
    assert tab.view.text_delegate.active_editor is editor
    cursor = editor.textCursor()
    cursor.setPosition(len("How did you"))
    editor.setTextCursor(cursor)
    press(qtbot, tab, "Ctrl+B")
    assert items(session)[14]["line"] == "How did you"


def test_outline_tells_how_long_a_section_is(tab: TranscriptTab) -> None:
    from editor.qt.tabs.transcript.outline import SummaryRole

    outline = tab.outline.model
    assert [outline.index(r).data(SummaryRole) for r in range(4)] == [
        "2 lines",
        "4 lines",
        "4 lines",
        "4 lines",
    ]
    tooltip = outline.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("Podcast Introduction\n2 lines")

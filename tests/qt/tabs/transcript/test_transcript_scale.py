"""A long transcript in the tab: what a page of scrolling and one committed edit cost must not
grow with the number of items, and an edit repaints its rows, not the screen.

These count operations (Python calls, repainted rows), not time, on 1,000 and 4,000 items.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from editor.core import Document
from editor.qt.editing.session import EpisodeSession
from editor.qt.tabs.transcript.model import TEXT
from editor.qt.tabs.transcript.tab import TranscriptTab

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

SMALL, LARGE = 1_000, 4_000
SENTENCE = "So the tide tables were the first data set I cleaned, and it took weeks to get right"


def episode_text(items: int) -> str:
    lines = ["---", "title: Scale", "transcript:"]
    for index in range(items):
        if index % 20 == 0:
            lines.append(f"- header: 'Section {index // 20}'")
            continue
        lines += [
            f"- line: {SENTENCE} (take {index}). {SENTENCE}, and then {SENTENCE.lower()}.",
            f"  sec: {index * 3}",
            f"  who: {('Ada', 'Noah')[index % 2]}",
        ]
    return "\n".join([*lines, "---", "Body.", ""])


def open_tab(qtbot: Any, settings: Any, items: int) -> TranscriptTab:
    session = EpisodeSession()
    session.set_document(Document.from_text(episode_text(items)))
    tab = TranscriptTab(session, settings)
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    tab.view.setFocus()
    return tab


def python_calls(action: Callable[[], object]) -> int:
    """How many Python functions (and builtins) ``action`` calls: the operation count of
    everything it runs in Python, paints and signal handlers included."""
    count = 0

    def profile(frame: Any, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return count


class PaintedRegion(QObject):
    """The union of the regions a widget paints."""

    def __init__(self) -> None:
        super().__init__()
        self.rect = QRect()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.rect = self.rect.united(event.region().boundingRect())  # type: ignore[attr-defined]
        return False


def open_line_editor(qtbot: Any, tab: TranscriptTab, row: int) -> QPlainTextEdit:
    tab.view.select_rows(row, column=TEXT)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit)
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, " more")
    QApplication.processEvents()
    return editor


def commit_calls(qtbot: Any, settings: Any, items: int) -> int:
    """The Python calls of Enter in a line's editor, up to the repainted frame, and of the
    checks and summaries that follow after a pause."""
    tab = open_tab(qtbot, settings, items)
    row = items // 2 + 1
    editor = open_line_editor(qtbot, tab, row)
    qtbot.wait(400)  # what typing scheduled has run

    def commit() -> None:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        QApplication.processEvents()

    calls = python_calls(commit)
    assert str(tab.model.item(row)["line"]).endswith(" more")
    tab.close()
    return calls


def test_committing_an_edit_does_as_much_at_4000_items_as_at_1000(
    qtbot: Any, settings: Any
) -> None:
    small = commit_calls(qtbot, settings, SMALL)
    large = commit_calls(qtbot, settings, LARGE)
    print(small, large)
    assert 0 < large <= small * 1.1 + 20, (small, large)


def page_calls(qtbot: Any, settings: Any, items: int) -> int:
    """The fewest Python calls of a page down and its repaint, over pages in the middle."""
    tab = open_tab(qtbot, settings, items)
    bar = tab.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    QApplication.processEvents()

    def page_down() -> None:
        qtbot.keyClick(tab.view, Qt.Key.Key_PageDown)
        tab.view.viewport().repaint()
        QApplication.processEvents()

    calls = min(python_calls(page_down) for _ in range(4))
    tab.close()
    return calls


def test_a_page_down_does_as_much_at_4000_items_as_at_1000(qtbot: Any, settings: Any) -> None:
    small = page_calls(qtbot, settings, SMALL)
    large = page_calls(qtbot, settings, LARGE)
    print(small, large)
    assert 0 < large <= small * 1.1 + 20, (small, large)


def test_committing_an_edit_repaints_its_rows_not_the_screen(qtbot: Any, settings: Any) -> None:
    tab = open_tab(qtbot, settings, 200)
    view = tab.view
    editor = open_line_editor(qtbot, tab, 41)
    painted = PaintedRegion()
    view.viewport().installEventFilter(painted)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    view.viewport().removeEventFilter(painted)
    rows = {view.rowAt(y) for y in range(painted.rect.top(), painted.rect.bottom() + 1)}
    visible = view.viewport().height() // view.rowHeight(41)
    assert 41 in rows
    assert len(rows) <= 4 < visible  # the row, and the rows the taller editor covered


@pytest.mark.parametrize("inactive_role", [QPalette.ColorRole.Highlight, QPalette.ColorRole.Text])
def test_the_screen_shows_what_a_full_repaint_shows_while_and_after_editing(
    qtbot: Any, settings: Any, inactive_role: QPalette.ColorRole
) -> None:
    # A palette whose inactive selection (or inactive text) differs: focus changes the look.
    tab = open_tab(qtbot, settings, 200)
    view = tab.view
    palette = view.palette()
    palette.setColor(QPalette.ColorGroup.Inactive, inactive_role, QColor(200, 40, 160))
    view.setPalette(palette)
    view.viewport().repaint()
    screen = tab.screen()

    def assert_up_to_date() -> None:
        QApplication.processEvents()
        shown = screen.grabWindow(tab.winId()).toImage()
        view.viewport().repaint()
        assert shown == screen.grabWindow(tab.winId()).toImage()

    for row in (41, 45):
        editor = open_line_editor(qtbot, tab, row)
        assert_up_to_date()
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        assert_up_to_date()

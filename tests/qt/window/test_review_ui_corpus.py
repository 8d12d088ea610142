"""Issue 15 the way a user meets it, on a copy of the largest real episode: typing a few
words into a long folded line and saving changes one line on disk, and Review Changes
(Ctrl+D) after Alt+Shift+Down on a section says the section moved."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import largest_corpus_file
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from editor.core.episode import transcript as core
from editor.qt.features.problems import feature as problems_feature
from editor.qt.tabs.transcript.model import TEXT
from editor.qt.window import desktop
from editor.qt.window.main_window import MainWindow

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)"),
]


def press(qtbot: Any, window: MainWindow, key: str) -> None:
    combination = QKeySequence(key)[0]
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())


@pytest.fixture
def opened(
    qtbot: Any, window: MainWindow, tmp_path: Path, discard_unsaved_prompt: None
) -> tuple[MainWindow, Path]:
    episode = tmp_path / "episode.md"
    shutil.copyfile(largest_corpus_file(), episode)
    assert window.open_path(episode)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.tabs.setCurrentWidget(window.transcript_tab)
    window.transcript_tab.view.setFocus()
    return window, episode


def test_typing_words_into_a_long_line_changes_one_line_on_disk(
    qtbot: Any, opened: tuple[MainWindow, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, episode = opened
    # The real episode has validation errors: answer "Save Anyway".
    monkeypatch.setattr(
        problems_feature, "ask_save_with_errors", lambda *a: problems_feature.SaveAnswer(True)
    )
    before = episode.read_text(encoding="utf-8")
    items = window.session.get(("transcript",))
    row = max(
        (n for n, item in enumerate(items) if core.is_line(item)),
        key=lambda n: len(core.text_of(items[n]["line"])),
    )
    view = window.transcript_tab.view
    view.edit_cell(row, TEXT)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit)
    qtbot.keyClick(editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(3):
        qtbot.keyClick(editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "(really quite) ")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.is_editing())
    assert "(really quite)" in core.text_of(items[row]["line"])
    press(qtbot, window, "Ctrl+S")
    after = episode.read_text(encoding="utf-8")
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm=""))
    removed = [line for line in diff if line.startswith("-") and not line.startswith("---")]
    assert len(removed) == 1


def test_review_changes_after_moving_a_section_says_it_moved(
    qtbot: Any, opened: tuple[MainWindow, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _ = opened
    items = window.session.get(("transcript",))
    headers = [n for n, item in enumerate(items) if core.is_header(item)]
    row = headers[12]  # section 13: once summarised as retimes and speaker changes
    title = core.text_of(items[row]["header"])
    window.transcript_tab.view.select_rows(row)
    press(qtbot, window, "Alt+Shift+Down")
    shown: list[list[str]] = []

    def fake_exec(dialog: desktop.ChangesDialog) -> int:
        summary = dialog.view.summary
        shown.append([summary.item(i).text() for i in range(summary.count())])
        return 0

    monkeypatch.setattr(desktop.ChangesDialog, "exec", fake_exec)
    press(qtbot, window, "Ctrl+D")
    shown_title = title if len(title) <= 50 else title[:47] + "…"
    assert shown == [[f"Section '{shown_title}' moved from 13 to 14"]]

"""The Problems dock in the window: live revalidation, navigation, outlines, quick fixes, saving."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox
from validation_helpers import CLEAN_EPISODE, edited

from editor.app import MainWindow
from editor.core.episode.validation import Problem
from editor.qt.common.settings import Settings
from editor.qt.features.problems import feature as problems_feature
from editor.qt.features.problems.feature import SAVE_WITH_ERRORS_GROUP, SaveAnswer
from editor.qt.features.problems.model import LOCATION, MESSAGE, ProblemRole, ProblemsModel
from editor.qt.tabs.transcript.model import SPEAKER

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

# Three mistakes: a line without its speaker (transcript item 3), a clip URL whose t= is
# wrong (clip 2), and a description over 160 characters (metadata).
BROKEN = edited(
    ("  time: '0:20'\n  who: Pim\n", "  time: '0:20'\n"),
    ("&t=60\n", "&t=65\n"),
    (
        "description: 'Pim Marrowfield on orchard sensors, apple counts and harvest forecasts.'",
        f"description: '{'Long words. ' * 15}'",
    ),
)


@pytest.fixture
def episode(tmp_path: Path) -> Path:
    path = tmp_path / "orchard.md"
    path.write_text(BROKEN, encoding="utf-8")
    return path


@pytest.fixture
def window(qtbot, settings: Settings, episode: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:  # type: ignore[no-untyped-def]
    # Closing at teardown must not ask about unsaved edits.
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_args, **_kwargs: QMessageBox.StandardButton.Discard
    )
    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert win.open_path(episode)
    return win


def rules(window: MainWindow) -> list[str]:
    return [p.rule for p in window.problems.service.problems]


def row_of_rule(window: MainWindow, rule: str) -> int:
    model = window.problems.panel.model
    return next(r for r in range(model.rowCount()) if model.problem(r).rule == rule)  # type: ignore[union-attr]


def test_model_passes_the_model_tester(qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    model = window.problems.panel.model
    assert model.rowCount() == 3
    qtmodeltester.check(model)
    empty = ProblemsModel()
    qtmodeltester.check(empty)


def test_opening_lists_problems_with_counts(window: MainWindow) -> None:
    assert sorted(rules(window)) == [
        "clips.url-start",
        "description.too-long",
        "transcript.missing-speaker",
    ]
    model = window.problems.panel.model
    row = row_of_rule(window, "transcript.missing-speaker")
    assert "no speaker" in model.index(row, MESSAGE).data()
    assert model.index(row, LOCATION).data().startswith("Transcript item 3")
    assert isinstance(model.index(row, MESSAGE).data(ProblemRole), Problem)
    tabs = window.tabs
    assert [tabs.tabText(i) for i in range(3)] == ["&Metadata (1)", "&Clips (1)", "&Transcript (1)"]
    assert window.problems.status_button.text() == "2 errors, 1 warning"
    assert window.problems.dock.windowTitle() == "Problems (2 errors, 1 warning)"


def test_revalidation_is_debounced_after_edits(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    service = window.problems.service
    window.session.set_value(("transcript", 2, "who"), "Pim", merge_key="typing")
    assert service.pending  # not validated on the typing path
    assert "transcript.missing-speaker" in rules(window)
    qtbot.waitUntil(lambda: not service.pending, timeout=2000)
    assert "transcript.missing-speaker" not in rules(window)
    assert window.tabs.tabText(2) == "&Transcript"


def test_double_click_goes_to_the_transcript_cell(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.show()
    qtbot.waitExposed(window)
    view = window.problems.panel.view
    row = row_of_rule(window, "transcript.missing-speaker")
    index = view.model().index(row, MESSAGE)
    view.scrollTo(index)
    center = view.visualRect(index).center()
    # An item view only reacts to a double-click on the item the button went down on.
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert window.tabs.currentWidget() is window.transcript_tab
    current = window.transcript_tab.view.currentIndex()
    assert current.row() == 2


def test_double_click_goes_to_the_clip_and_the_metadata_field(window: MainWindow) -> None:
    panel = window.problems.panel
    panel.problemActivated.emit(panel.model.problem(row_of_rule(window, "clips.url-start")))
    assert window.tabs.currentWidget() is window.clips_tab
    assert window.clips_tab.selected_rows() == [1]
    panel.problemActivated.emit(panel.model.problem(row_of_rule(window, "description.too-long")))
    assert window.tabs.currentWidget() is window.metadata_tab


def test_f8_and_shift_f8_walk_through_problems(window: MainWindow) -> None:
    feature = window.problems
    assert feature.action_next.shortcut() == QKeySequence("F8")
    assert feature.action_previous.shortcut() == QKeySequence("Shift+F8")
    order = [p.rule for p in window.problems.service.problems]  # sorted by line
    seen = [feature.next_problem().rule for _ in range(4)]  # type: ignore[union-attr]
    assert seen == [*order, order[0]]  # wraps around
    assert feature.previous_problem().rule == order[-1]  # type: ignore[union-attr]
    assert window.tabs.currentWidget() is window.tab_for_path(
        feature.panel.current_problem().path  # type: ignore[union-attr]
    )


def test_f8_key_from_the_transcript_table(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts only fire in the active window
    window.tabs.setCurrentWidget(window.transcript_tab)
    window.transcript_tab.view.setFocus()
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F8)
    first = window.problems.panel.current_problem()
    assert first is not None and first.rule == window.problems.service.problems[0].rule
    qtbot.keyClick(
        QApplication.focusWidget() or window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier
    )
    assert window.problems.panel.current_problem() == window.problems.service.problems[-1]


def test_tabs_outline_the_fields_and_cells(window: MainWindow) -> None:
    description = window.metadata_tab.fields["description"]
    outlined = [w.property("problem") for w in description.problem_widgets()]
    assert "warning" in outlined
    model = window.transcript_tab.model
    cell = model.index(2, SPEAKER)
    assert "no speaker" in (cell.data(Qt.ItemDataRole.ToolTipRole) or "")
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None


def test_quick_fix_from_the_context_menu_is_one_undo_step(window: MainWindow) -> None:
    panel = window.problems.panel
    panel._select_row(row_of_rule(window, "transcript.missing-speaker"))
    menu = panel.build_menu()
    fix = next(a for a in menu.actions() if a.text().startswith("&Quick Fix:"))
    assert "Host" in fix.text()
    before = window.undo_stack.count()
    fix.trigger()
    assert window.session.get(("transcript", 2, "who")) == "Host"
    assert window.undo_stack.count() == before + 1
    assert "transcript.missing-speaker" not in rules(window)
    window.undo_stack.undo()
    assert not window.session.has(("transcript", 2, "who"))
    assert "transcript.missing-speaker" in [p.rule for p in window.problems.service.current()]


def test_rebuild_clip_url_quick_fix_and_redo(window: MainWindow) -> None:
    problem = window.problems.panel.model.problem(row_of_rule(window, "clips.url-start"))
    assert problem is not None
    assert window.problems.apply_fixes([problem]) == 1
    url = "https://www.youtube.com/watch?v=Zx9Yw8Vu7Ts&t=60"
    assert window.session.get(("quotableClips", 1, "url")) == url
    window.undo_stack.undo()
    assert window.session.get(("quotableClips", 1, "url")).endswith("&t=65")
    window.undo_stack.redo()
    assert window.session.get(("quotableClips", 1, "url")) == url


def test_fix_on_a_stale_problem_is_refused(window: MainWindow) -> None:
    problem = window.problems.panel.model.problem(row_of_rule(window, "transcript.missing-speaker"))
    assert problem is not None
    window.session.remove_items(("transcript",), 2, 1)  # the line is gone; revalidation pending
    count = window.undo_stack.count()
    assert window.problems.apply_fixes([problem]) == 0
    assert window.undo_stack.count() == count


class SaveQuestions:
    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: SaveAnswer) -> None:
        self.answers = list(answers)
        self.asked: list[list[Problem]] = []
        monkeypatch.setattr(problems_feature, "ask_save_with_errors", self._ask)

    def _ask(self, _parent: Any, _path: Path, errors: list[Problem]) -> SaveAnswer:
        self.asked.append(errors)
        assert self.answers, "asked once too often"
        return self.answers.pop(0)


def test_saving_with_errors_asks_and_cancel_keeps_the_file(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow, episode: Path
) -> None:
    questions = SaveQuestions(monkeypatch, SaveAnswer(save=False))
    window.session.set_value(("title",), "A New Title")
    assert window.save() is False
    assert len(questions.asked) == 1 and len(questions.asked[0]) == 2
    assert episode.read_text(encoding="utf-8") == BROKEN
    assert window.is_modified


def test_saving_with_errors_asks_once(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow, episode: Path
) -> None:
    questions = SaveQuestions(monkeypatch, SaveAnswer(save=True))
    window.session.set_value(("title",), "A New Title")
    assert window.save() is True
    assert "A New Title" in episode.read_text(encoding="utf-8")
    window.session.set_value(("title",), "Another Title")
    assert window.save() is True  # same errors: not asked again
    assert len(questions.asked) == 1


def test_dont_ask_again_is_remembered_per_file(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow, episode: Path, settings: Settings
) -> None:
    SaveQuestions(monkeypatch, SaveAnswer(save=True, dont_ask_again=True))
    window.session.set_value(("title",), "A New Title")
    assert window.save() is True
    assert settings.get_for_file(SAVE_WITH_ERRORS_GROUP, str(episode.absolute())) in (True, "true")
    # A new window (a new session) does not ask for this file either, even with new errors.
    other = MainWindow(settings)
    try:
        assert other.open_path(episode)
        other.session.set_value(("episode",), 0)
        SaveQuestions(monkeypatch)  # any question fails the test
        assert other.save() is True
    finally:
        other.close()
        other.deleteLater()


def test_clean_file_saves_without_asking(
    monkeypatch: pytest.MonkeyPatch,
    qtbot,
    settings: Settings,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "clean.md"
    path.write_text(CLEAN_EPISODE, encoding="utf-8")
    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert win.open_path(path)
    SaveQuestions(monkeypatch)
    win.session.set_value(("title",), "Still Clean")
    assert win.save() is True
    assert win.problems.status_button.text() == "No problems"
    panel = win.problems.panel
    assert panel.pages.currentWidget() is panel.empty
    assert panel.empty.text() == "No problems found."
    assert [win.tabs.tabText(i) for i in range(3)] == ["&Metadata", "&Clips", "&Transcript"]


def test_view_menu_and_status_button_show_the_dock(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    feature = window.problems
    view_actions = window.menus["view"].actions()
    assert feature.dock.toggleViewAction() in view_actions
    assert feature.action_next in view_actions and feature.action_previous in view_actions
    assert feature.action_quick_fix in window.menus["edit"].actions()
    window.show()
    qtbot.waitExposed(window)
    feature.dock.hide()
    qtbot.mouseClick(feature.status_button, Qt.MouseButton.LeftButton)
    assert feature.dock.isVisible()


def test_a_problem_on_a_key_that_starts_like_a_tab_is_counted_on_and_goes_to_one_tab(
    qtbot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    # ``transcriptNotes`` is a metadata key that merely starts like ``transcript``: the tab
    # that counts its problem must be the tab that F8 shows it on.
    from editor.qt.features.problems import validation_service

    def validate_with_notes(document: Any) -> list[Problem]:
        line = document.to_text().splitlines().index("transcriptNotes: keep it short") + 1
        notes = Problem("notes.test", "warning", "Notes are checked", ("transcriptNotes",), line, 1)
        return [notes]

    monkeypatch.setattr(validation_service, "validate", validate_with_notes)
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_args, **_kwargs: QMessageBox.StandardButton.Discard
    )
    path = tmp_path / "notes.md"
    path.write_text(
        edited(
            ("dateadded: 2024-05-01\n", "dateadded: 2024-05-01\ntranscriptNotes: keep it short\n")
        ),
        encoding="utf-8",
    )
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts only fire in the active window
    window.tabs.setCurrentWidget(window.transcript_tab)
    tabs = window.tabs
    assert [tabs.tabText(i) for i in range(3)] == ["&Metadata (1)", "&Clips", "&Transcript"]

    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F8)

    assert window.problems.panel.current_problem().path == ("transcriptNotes",)  # type: ignore[union-attr]
    assert window.tabs.currentWidget() is window.metadata_tab
    other = window.metadata_tab.other_view.currentIndex()
    assert other.isValid() and other.data() == "transcriptNotes"

"""Plugs live validation into the main window.

``install_problems(window)`` adds the Problems dock, F8 / Shift+F8, quick fixes, problem
counts on the tabs and in the status bar, outlines in the tabs (each tab's
``show_problems``), and the save-with-errors question (``confirm_save``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QCheckBox, QMessageBox, QToolButton, QWidget

from editor.core.episode.validation import Problem
from editor.qt.common.actions import make_action
from editor.qt.features.problems.dock import ProblemsDock, counts_text
from editor.qt.features.problems.model import describe_location, severity_icon
from editor.qt.features.problems.validation_service import ValidationService
from editor.qt.tabs.clips.tab import ClipsTab
from editor.qt.tabs.metadata.tab import MetadataTab
from editor.qt.tabs.transcript.tab import TranscriptTab

if TYPE_CHECKING:
    from editor.qt.features.api import WindowApi

# Per-file "don't ask again" answers, kept in the settings (never in the episode).
SAVE_WITH_ERRORS_GROUP = "saveWithErrors"


@dataclass(frozen=True)
class SaveAnswer:
    save: bool
    dont_ask_again: bool = False
    show_problems: bool = False


def ask_save_with_errors(parent: QWidget, path: Path, errors: list[Problem]) -> SaveAnswer:
    """The one question before saving a file that has errors (tests replace this)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Save with errors?")
    count = len(errors)
    box.setText(f"{path.name} has {count} error{'s' if count != 1 else ''}.")
    listed = "\n".join(f"• line {p.line}: {p.message}" for p in errors[:5])
    more = f"\n… and {count - 5} more" if count > 5 else ""
    box.setInformativeText(
        f"{listed}{more}\n\nSave anyway, or go back and fix them (F8 goes to the next problem)."
    )
    dont_ask = QCheckBox("Don't ask again for this file")
    box.setCheckBox(dont_ask)
    save = box.addButton("Save Anyway", QMessageBox.ButtonRole.AcceptRole)
    show = box.addButton("Show Problems", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    return SaveAnswer(
        save=clicked is save,
        dont_ask_again=clicked is save and dont_ask.isChecked(),
        show_problems=clicked is show,
    )


class ProblemsFeature(QObject):
    def __init__(self, window: WindowApi) -> None:
        super().__init__(window.qt_window)
        self.window = window
        self.settings = window.settings
        self.service = ValidationService(window.session, self)
        self.dock = ProblemsDock(window.qt_window)
        window.qt_window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        # A few rows tall: the tabs keep most of the window. The user's resize is kept in
        # the saved window state, which overrides this.
        window.qt_window.resizeDocks(
            [self.dock], [self.dock.sizeHint().height()], Qt.Orientation.Vertical
        )
        self.panel = self.dock.panel
        self.panel.problemActivated.connect(self.go_to)
        self.panel.fixesRequested.connect(self.apply_fixes)
        self._confirmed: dict[str, frozenset[tuple[str, str]]] = {}
        self._tab_titles = {
            tab: window.tabs.tabText(window.tabs.indexOf(tab)) for tab in self._tabs()
        }
        self._build_actions()
        self._build_status_button()
        self.service.problemsChanged.connect(self._show)
        self.service.run()

    # -- wiring ----------------------------------------------------------------------------

    def _tabs(self) -> list[MetadataTab | ClipsTab | TranscriptTab]:
        return [self.window.metadata_tab, self.window.clips_tab, self.window.transcript_tab]

    def _action(self, text: str, keys: str, slot: Any, tip: str) -> QAction:
        window = self.window.qt_window
        return make_action(window, text, slot, keys, tip, add_to=window)

    def _build_actions(self) -> None:
        self.action_next = self._action(
            "&Next Problem", "F8", self.next_problem, "Go to the next problem"
        )
        self.action_previous = self._action(
            "Pre&vious Problem", "Shift+F8", self.previous_problem, "Go to the previous problem"
        )
        self.action_quick_fix = self._action(
            "&Quick Fix", "Ctrl+.", self.quick_fix_current, "Apply the current problem's quick fix"
        )
        menus = self.window.menus
        view = menus.get("view")
        if view is not None:
            view.addSeparator()
            view.addAction(self.dock.toggleViewAction())
            view.addAction(self.action_next)
            view.addAction(self.action_previous)
        edit = menus.get("edit")
        if edit is not None:
            edit.addSeparator()
            edit.addAction(self.action_quick_fix)

    def _build_status_button(self) -> None:
        self.status_button = QToolButton(self.window.qt_window)
        self.status_button.setObjectName("problemsStatus")
        self.status_button.setAutoRaise(True)
        self.status_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.status_button.setToolTip("Show the Problems panel (F8: next problem)")
        self.status_button.clicked.connect(self._status_clicked)
        self.window.qt_window.statusBar().insertPermanentWidget(0, self.status_button)

    # -- showing ---------------------------------------------------------------------------

    def _show(self) -> None:
        problems = self.service.problems
        has_document = self.window.session.document is not None
        self.panel.set_problems(problems, has_document)
        errors, warnings = self.panel.model.counts()
        self.dock.show_counts(errors, warnings)
        self.status_button.setText(counts_text(errors, warnings) if has_document else "")
        self.status_button.setVisible(has_document)
        self.status_button.setIcon(
            severity_icon("error" if errors else "warning") if errors or warnings else QIcon()
        )
        for tab, subset in self._split(problems).items():
            tab.show_problems(subset)
            index = self.window.tabs.indexOf(tab)
            title = self._tab_titles[tab]
            worst = "error" if any(p.severity == "error" for p in subset) else "warning"
            self.window.tabs.setTabText(index, f"{title} ({len(subset)})" if subset else title)
            self.window.tabs.setTabIcon(index, severity_icon(worst) if subset else QIcon())
            self.window.tabs.setTabToolTip(index, counts_text(*_counts(subset)))

    def _split(
        self, problems: list[Problem]
    ) -> dict[MetadataTab | ClipsTab | TranscriptTab, list[Problem]]:
        return {tab: [p for p in problems if tab.owns(p.path)] for tab in self._tabs()}

    # -- navigation ------------------------------------------------------------------------

    def go_to(self, problem: Problem) -> bool:
        current = self.service.refresh(problem)
        if current is None:
            self.window.show_status("That problem is gone (the file changed).", 4000)
            return False
        shown = self.window.focus_path(current.path)
        where = describe_location(current.path)
        if shown:
            self.window.show_status(f"{where}: {current.message}", 8000)
        else:
            self.window.show_status(
                f"{where} (line {current.line}) is not shown in any tab: {current.message}", 8000
            )
        return shown

    def next_problem(self) -> Problem | None:
        return self._step(1)

    def previous_problem(self) -> Problem | None:
        return self._step(-1)

    def _step(self, offset: int) -> Problem | None:
        self.service.current()
        problem = self.panel.step(offset)
        if problem is None:
            self.window.show_status("No problems.", 3000)
            return None
        self.dock.show()
        self.go_to(problem)
        return problem

    def _status_clicked(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.panel.view.setFocus()

    # -- quick fixes -------------------------------------------------------------------------

    def apply_fixes(self, problems: list[Problem]) -> int:
        applied = self.service.apply_fixes(problems)
        if applied:
            self.window.show_status(
                f"Applied {applied} quick fix{'es' if applied != 1 else ''} (Ctrl+Z undoes).", 5000
            )
        else:
            self.window.show_status("Nothing to fix (the file changed).", 4000)
        return applied

    def quick_fix_current(self) -> int:
        problem = self.panel.current_problem()
        if problem is None or problem.fix is None:
            self.window.show_status("Select a problem that has a quick fix.", 3000)
            return 0
        return self.apply_fixes([problem])

    # -- saving ------------------------------------------------------------------------------

    def confirm_save(self, path: Path) -> bool:
        """Asks once before writing a file with errors; True to go ahead."""
        errors = self.service.errors()
        if not errors:
            return True
        key = str(Path(path).absolute())
        if self.settings.get_for_file(SAVE_WITH_ERRORS_GROUP, key, False) in (True, "true"):
            return True
        signature = frozenset((p.rule, p.message) for p in errors)
        if key in self._confirmed and signature <= self._confirmed[key]:
            return True  # already said yes to these errors
        answer = ask_save_with_errors(self.window.qt_window, Path(path), errors)
        if answer.show_problems:
            self.dock.show()
            self.next_problem()
            return False
        if not answer.save:
            return False
        self._confirmed[key] = signature
        if answer.dont_ask_again:
            self.settings.set_for_file(SAVE_WITH_ERRORS_GROUP, key, True)
        return True


def _counts(problems: list[Problem]) -> tuple[int, int]:
    errors = sum(1 for p in problems if p.severity == "error")
    return errors, len(problems) - errors


def install_problems(window: WindowApi) -> ProblemsFeature:
    return ProblemsFeature(window)

"""The Problems dock: every problem of the open episode; double-click goes to it."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QMenu,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from editor.core.episode.validation import Problem
from editor.qt.features.problems.model import LOCATION, MESSAGE, RULE, SEVERITY, ProblemsModel


def counts_text(errors: int, warnings: int) -> str:
    if not errors and not warnings:
        return "No problems"
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return ", ".join(parts)


# Rows the dock shows before the user makes it taller: the tabs keep the window.
COMPACT_ROWS = 3
# Widths of the short columns' texts kept between checks (locations, rule ids, severities).
TEXT_WIDTHS_KEPT = 20_000


class ProblemsTable(QTableView):
    """Enter activates the current problem, like a double-click.

    Tab and Shift+Tab leave the table (arrows move between problems), so the table is one
    stop in the window's focus chain instead of a loop over its cells.
    """

    activated_by_key = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_by_key.emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        rows = self.verticalHeader().defaultSectionSize() * COMPACT_ROWS
        height = self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth()
        return QSize(hint.width(), height)


class ProblemsPanel(QWidget):
    problemActivated = Signal(object)  # Problem: go to it
    fixesRequested = Signal(list)  # [Problem]: apply their quick fixes as one step

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ProblemsModel(self)
        self.view = ProblemsTable(self)
        self.view.setObjectName("problemsView")
        self._text_widths: dict[str, int] = {}  # measured texts of the short columns
        self._text_widths_font = self.view.font()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.setShowGrid(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(self._activate)
        self.view.activated_by_key.connect(self._activate)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_menu)

        self.empty = QLabel("No file open.")
        self.empty.setObjectName("problemsEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.view)
        self.pages.addWidget(self.empty)
        self.pages.setCurrentWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.pages)

    def sizeHint(self) -> QSize:
        return self.view.sizeHint()

    # -- contents -------------------------------------------------------------------------

    def set_problems(self, problems: list[Problem], has_document: bool = True) -> None:
        self.empty.setText("No problems found." if has_document else "No file open.")
        self.pages.setCurrentWidget(self.view if problems else self.empty)
        if problems == self.model.problems():
            return  # checks after typing often find the same: the table stays as it is
        keep = self.current_problem()
        self.model.set_problems(problems)
        self._fit_columns()
        if keep is not None:
            row = self.model.row_of(keep)
            if row >= 0:
                self._select_row(row)

    def _fit_columns(self) -> None:
        """Each short column as wide as its widest cell (and its title).

        Texts are measured here, once each, and the delegate is asked only for the widest
        cell: Qt's ResizeToContents asks the delegate, and so the model, for every cell of
        the column on every reset (a third of a first open's time in the dock).
        """
        model = self.model
        if model.rowCount() == 0:
            return
        header = self.view.horizontalHeader()
        metrics = self.view.fontMetrics()
        if self._text_widths_font != self.view.font():
            self._text_widths_font = self.view.font()
            self._text_widths.clear()
        widths = self._text_widths
        if len(widths) > TEXT_WIDTHS_KEPT:
            widths.clear()
        for column in (SEVERITY, LOCATION, RULE):
            widest_row, widest = 0, -1
            for row in range(model.rowCount()):
                text = model.display_text(row, column)
                width = widths.get(text)
                if width is None:
                    width = widths[text] = metrics.horizontalAdvance(text)
                if width > widest:
                    widest_row, widest = row, width
            cell = self.view.sizeHintForIndex(model.index(widest_row, column)).width()
            header.resizeSection(column, max(cell, header.sectionSizeHint(column)))

    def current_problem(self) -> Problem | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        selected = self.view.selectionModel().isRowSelected(index.row(), QModelIndex())
        return self.model.problem(index.row()) if selected else None

    def selected_problems(self) -> list[Problem]:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [p for p in (self.model.problem(row) for row in rows) if p is not None]

    # -- navigation -----------------------------------------------------------------------

    def step(self, offset: int) -> Problem | None:
        """Select the next (+1) or previous (-1) problem, wrapping around; returns it."""
        count = self.model.rowCount()
        if count == 0:
            return None
        current = self.view.currentIndex()
        if current.isValid() and self.current_problem() is not None:
            row = (current.row() + offset) % count
        else:
            row = 0 if offset > 0 else count - 1
        self._select_row(row)
        return self.model.problem(row)

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, MESSAGE)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)

    def _activate(self, index: QModelIndex) -> None:
        problem = self.model.problem(index.row())
        if problem is not None:
            self.problemActivated.emit(problem)

    # -- context menu ---------------------------------------------------------------------

    def build_menu(self) -> QMenu:
        menu = QMenu(self)
        problem = self.current_problem()
        selected = self.selected_problems()
        go = menu.addAction("&Go to Problem")
        go.setEnabled(problem is not None)
        if problem is not None:
            go.triggered.connect(lambda: self.problemActivated.emit(problem))
        menu.addSeparator()
        fixable = [p for p in selected if p.fix is not None]
        if problem is not None and problem.fix is not None and len(fixable) <= 1:
            fix_one = menu.addAction(f"&Quick Fix: {problem.fix.description}")
            fix_one.triggered.connect(lambda: self.fixesRequested.emit([problem]))
        elif len(fixable) > 1:
            fix_selected = menu.addAction(f"&Quick Fix {len(fixable)} Selected Problems")
            fix_selected.triggered.connect(lambda: self.fixesRequested.emit(fixable))
        else:
            none = menu.addAction("No Quick Fix for This Problem")
            none.setEnabled(False)
        if problem is not None and problem.fix is not None:
            same = [p for p in self.model.problems() if p.rule == problem.rule and p.fix]
            if len(same) > 1:
                fix_all = menu.addAction(f"Quick Fix &All {len(same)} “{problem.rule}” Problems")
                fix_all.triggered.connect(lambda: self.fixesRequested.emit(same))
        menu.addSeparator()
        copy = QAction("&Copy Message", menu)
        copy.setEnabled(bool(selected))
        copy.triggered.connect(self._copy)
        menu.addAction(copy)
        return menu

    def _show_menu(self, position: QPoint) -> None:
        index = self.view.indexAt(position)
        if index.isValid() and not self.view.selectionModel().isRowSelected(
            index.row(), QModelIndex()
        ):
            self._select_row(index.row())
        self.build_menu().exec(self.view.viewport().mapToGlobal(position))

    def _copy(self) -> None:
        lines = [
            f"{p.line}:{p.column}: {p.severity}: {p.message} [{p.rule}]"
            for p in self.selected_problems()
        ]
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText("\n".join(lines))


class ProblemsDock(QDockWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Problems", parent)
        self.setObjectName("problemsDock")
        self.panel = ProblemsPanel(self)
        self.setWidget(self.panel)
        self.toggleViewAction().setText("&Problems")
        self.toggleViewAction().setShortcut("Ctrl+Shift+M")

    def show_counts(self, errors: int, warnings: int) -> None:
        suffix = "" if not errors and not warnings else f" ({counts_text(errors, warnings)})"
        self.setWindowTitle("Problems" + suffix)

"""The Problems dock's table: one row per problem (severity, message, where, rule)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from editor.core.episode.validation import Problem

SEVERITY, MESSAGE, LOCATION, RULE = range(4)
HEADERS = ("Severity", "Message", "Location", "Rule")
ProblemRole = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex
# The roles data() answers: the views ask for a dozen more per cell, many times per layout.
_ANSWERED_ROLES = frozenset(
    int(role)
    for role in (
        ProblemRole,
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
    )
)


def describe_location(path: Sequence[Any]) -> str:
    """``Transcript item 4 · who``, ``Clip 2 · url``, ``links.youtube``, ``File``."""
    if not path:
        return "File"
    head, rest = path[0], list(path[1:])
    if head in ("transcript", "quotableClips") and rest and isinstance(rest[0], int):
        name = "Transcript item" if head == "transcript" else "Clip"
        text = f"{name} {rest[0] + 1}"
        if len(rest) > 1:
            text += " · " + ".".join(str(key) for key in rest[1:])
        return text
    singular = {"guests": "Guest", "topics": "Topic"}
    if head in singular and rest and isinstance(rest[0], int):
        return f"{singular[head]} {rest[0] + 1}"
    text = str(head)
    for key in rest:
        text += f" {key + 1}" if isinstance(key, int) else f".{key}"
    return text


def severity_icon(severity: str) -> QIcon:
    style = QApplication.style()
    pixmap = (
        QStyle.StandardPixmap.SP_MessageBoxCritical
        if severity == "error"
        else QStyle.StandardPixmap.SP_MessageBoxWarning
    )
    return style.standardIcon(pixmap) if style is not None else QIcon()


class ProblemsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._problems: list[Problem] = []
        self._icons: dict[str, QIcon] = {}

    # -- contents -------------------------------------------------------------------------

    def set_problems(self, problems: Sequence[Problem]) -> None:
        self.beginResetModel()
        self._problems = list(problems)
        self.endResetModel()

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def problem(self, row: int) -> Problem | None:
        return self._problems[row] if 0 <= row < len(self._problems) else None

    def row_of(self, problem: Problem) -> int:
        try:
            return self._problems.index(problem)
        except ValueError:
            return -1

    def display_text(self, row: int, column: int) -> str:
        return _display_text(self._problems[row], column)

    def counts(self) -> tuple[int, int]:
        errors = sum(1 for p in self._problems if p.severity == "error")
        return errors, len(self._problems) - errors

    # -- QAbstractTableModel --------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED_ROLES:
            return None
        if not index.isValid() or not 0 <= index.row() < len(self._problems):
            return None
        problem = self._problems[index.row()]
        column = index.column()
        if role == ProblemRole:
            return problem
        if role == Qt.ItemDataRole.DisplayRole:
            return _display_text(problem, column)
        if role == Qt.ItemDataRole.DecorationRole and column == SEVERITY:
            if problem.severity not in self._icons:
                self._icons[problem.severity] = severity_icon(problem.severity)
            return self._icons[problem.severity]
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = (
                f"{problem.message}\n{problem.rule} · line {problem.line}, column {problem.column}"
            )
            if problem.fix is not None:
                tip += f"\nQuick fix: {problem.fix.description}"
            return tip
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _display_text(problem: Problem, column: int) -> str:
    if column == SEVERITY:
        return problem.severity.capitalize()
    if column == MESSAGE:
        return problem.message
    if column == LOCATION:
        return f"{describe_location(problem.path)} (line {problem.line})"
    if column == RULE:
        return problem.rule
    return ""

"""What validation reports: a problem at a data path, and the edits that would fix it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from editor.core.yaml.edits import DataPath, Edit, RemoveItems

Severity = Literal["error", "warning"]

ERROR: Severity = "error"
WARNING: Severity = "warning"


def remove_item(path: DataPath) -> RemoveItems:
    """The edit that removes the list item at ``path`` (its list path, then its index)."""
    *list_path, index = path
    return RemoveItems(tuple(list_path), int(index), 1)


def in_safe_order(edits: Iterable[Edit]) -> list[Edit]:
    """The edits of several fixes in an order where each path is still valid when applied:
    value edits first, then list removals from the end back (each one once)."""
    edits = list(edits)
    changes = [e for e in edits if not isinstance(e, RemoveItems)]
    removals = {(e.path, e.first): e for e in edits if isinstance(e, RemoveItems)}
    return changes + [removals[key] for key in sorted(removals, reverse=True)]


@dataclass(frozen=True)
class Fix:
    """A quick fix whose outcome is certain; applied as one undoable step. Its edits are
    the core edit type (``editor.core.yaml.edits``)."""

    description: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Problem:
    """One finding. ``line``/``column`` are 1-based, at the first line of the offending value."""

    rule: str
    severity: Severity
    message: str
    path: DataPath
    line: int
    column: int
    fix: Fix | None = field(default=None, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_json(self, file_path: str | None = None) -> dict[str, Any]:
        """The ``check --json`` form."""
        result: dict[str, Any] = {}
        if file_path is not None:
            result["path"] = file_path
        result.update(
            line=self.line,
            column=self.column,
            severity=self.severity,
            rule=self.rule,
            message=self.message,
            data_path=list(self.path),
        )
        if self.fix is not None:
            result["fix"] = self.fix.description
        return result


def sort_key(problem: Problem) -> tuple[int, int, str]:
    return (problem.line, problem.column, problem.rule)


def describe_value(value: Any, limit: int = 60, focus: int | None = None) -> str:
    """A short, quoted rendering of a value for messages.

    A long string is cut around ``focus`` (the index of the offending character) so the
    message shows the part that is wrong, not just the beginning.
    """
    if isinstance(value, str):
        text = value.replace("\n", "\\n")
        if focus is not None:
            focus += value[:focus].count("\n")  # each line break became two characters
        if len(text) > limit:
            text = _cut_around(text, limit, focus)
        return f"'{text}'"
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _cut_around(text: str, limit: int, focus: int | None) -> str:
    if focus is None or focus < limit - 1:
        return text[: limit - 1] + "…"
    start = focus - limit // 2
    if start + limit - 1 >= len(text):
        return "…" + text[-(limit - 1) :]
    return "…" + text[start : start + limit - 2] + "…"

"""Undo commands. Each one changes the document through ``EpisodeSession.apply_*``."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtGui import QUndoCommand

from editor.qt.editing.session import (
    MISSING,
    EpisodeSession,
    Path,
    _plain_equal,
    undo_position_after_move,
)

_SET_VALUE_ID = 1001


def _describe(path: Path) -> str:
    return ".".join(str(part) for part in path) or "document"


class SetValueCommand(QUndoCommand):
    def __init__(
        self,
        session: EpisodeSession,
        path: Path,
        old: Any,
        new: Any,
        merge_key: object = None,
        text: str = "",
    ) -> None:
        super().__init__(text or f"Edit {_describe(path)}")
        self.session = session
        self.path = tuple(path)
        self.old = old
        self.new = new
        self.merge_key = merge_key
        # Containers this edit creates on the way to ``path``: undo removes them again.
        created = session.first_missing(self.path[:-1]) if new is not MISSING else None
        self.created = created

    def id(self) -> int:
        return _SET_VALUE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetValueCommand):
            return False
        if self.merge_key is None or other.merge_key != self.merge_key or other.path != self.path:
            return False
        self.new = other.new
        if self.new is self.old or (
            type(self.new) is type(self.old) and _plain_equal(self.new, self.old)
        ):
            # Typed back to where the edit started: drop the step, so undoing to the
            # saved state is not needed to clear the modified marker.
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        self.session.apply_set(self.path, self.new)

    def undo(self) -> None:
        if self.created is not None:
            self.session.apply_set(self.created, MISSING)
        else:
            self.session.apply_set(self.path, self.old)


class InsertItemsCommand(QUndoCommand):
    def __init__(
        self,
        session: EpisodeSession,
        list_path: Path,
        index: int,
        values: list[Any],
        text: str = "",
    ) -> None:
        noun = "item" if len(values) == 1 else f"{len(values)} items"
        super().__init__(text or f"Insert {noun} into {_describe(list_path)}")
        self.session = session
        self.list_path = tuple(list_path)
        self.index = index
        self.values = values
        # The first insert into an absent list creates it: undo removes the key again,
        # so the document is exactly as before (no ``key: []`` left behind).
        self.created = session.first_missing(self.list_path)

    def redo(self) -> None:
        self.session.apply_insert(self.list_path, self.index, self.values)

    def undo(self) -> None:
        self.session.apply_remove(self.list_path, self.index, len(self.values))
        if self.created is not None:
            self.session.apply_set(self.created, MISSING)


class RemoveItemsCommand(QUndoCommand):
    def __init__(
        self, session: EpisodeSession, list_path: Path, first: int, count: int, text: str = ""
    ) -> None:
        noun = "item" if count == 1 else f"{count} items"
        super().__init__(text or f"Delete {noun} from {_describe(list_path)}")
        self.session = session
        self.list_path = tuple(list_path)
        self.first = first
        self.count = count
        self.removed: list[Any] = []

    def redo(self) -> None:
        self.removed = self.session.apply_remove(self.list_path, self.first, self.count)

    def undo(self) -> None:
        # The very objects that were removed go back, so the writer recognises them.
        self.session.apply_insert(self.list_path, self.first, self.removed)


class MoveItemsCommand(QUndoCommand):
    def __init__(
        self,
        session: EpisodeSession,
        list_path: Path,
        first: int,
        count: int,
        destination: int,
        text: str = "",
    ) -> None:
        noun = "item" if count == 1 else f"{count} items"
        super().__init__(text or f"Move {noun} in {_describe(list_path)}")
        self.session = session
        self.list_path = tuple(list_path)
        self.first = first
        self.count = count
        self.destination = destination

    def redo(self) -> None:
        self.session.apply_move(self.list_path, self.first, self.count, self.destination)

    def undo(self) -> None:
        new_first, undo_destination = undo_position_after_move(
            self.first, self.count, self.destination
        )
        self.session.apply_move(self.list_path, new_first, self.count, undo_destination)


def fresh_copy(value: Any) -> Any:
    """A deep copy for pasting or duplicating, so the copy has no shared identity."""
    return copy.deepcopy(value)

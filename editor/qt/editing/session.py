"""The editing layer: the one place where the GUI changes the document.

``EpisodeSession`` is the ``DocumentModel`` (document, signals, applying core edits) plus the
API that turns each change into one undoable command (``editor.qt.editing.commands``).
Views never mutate the data themselves.

Paths are tuples of keys and indexes into ``document.data``, e.g. ``("transcript", 12, "who")``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from editor.core.yaml.edits import (
    MISSING,
    DataPath,
    Edit,
    InsertItems,
    MoveItems,
    RemoveItems,
    is_no_op_move,
    same_value,
)
from editor.qt.editing.commands import EditCommand, SetValueCommand, describe_path
from editor.qt.editing.model import DocumentModel

__all__ = ["MISSING", "DataPath", "EpisodeSession"]


def _items(count: int) -> str:
    return "item" if count == 1 else f"{count} items"


class EpisodeSession(DocumentModel):
    """The document model plus edits that each push one undoable command."""

    def set_value(
        self, path: DataPath, value: Any, *, merge_key: object = None, text: str = ""
    ) -> None:
        """Set the value at ``path``; ``MISSING`` removes a mapping key.

        Consecutive calls with the same ``path`` and a non-None ``merge_key`` merge into one
        undo step, so typing in a field is one command per field edit.
        """
        if same_value(self.get(path), value):
            return
        self.undo_stack.push(SetValueCommand(self, path, value, merge_key, text))

    def insert_items(
        self, list_path: DataPath, index: int, values: Sequence[Any], text: str = ""
    ) -> None:
        list_path = tuple(list_path)
        label = text or f"Insert {_items(len(values))} into {describe_path(list_path)}"
        self.push_edits([InsertItems(list_path, index, tuple(values))], label)

    def remove_items(self, list_path: DataPath, first: int, count: int, text: str = "") -> None:
        if count <= 0:
            return
        list_path = tuple(list_path)
        label = text or f"Delete {_items(count)} from {describe_path(list_path)}"
        self.push_edits([RemoveItems(list_path, first, count)], label)

    def move_items(
        self, list_path: DataPath, first: int, count: int, destination: int, text: str = ""
    ) -> None:
        """Move ``count`` items starting at ``first`` so they land before ``destination``
        (an index in the list as it was before the move, as in ``QAbstractItemModel.moveRows``)."""
        if is_no_op_move(first, count, destination):
            return
        list_path = tuple(list_path)
        label = text or f"Move {_items(count)} in {describe_path(list_path)}"
        self.push_edits([MoveItems(list_path, first, count, destination)], label)

    def push_edits(self, edits: Iterable[Edit], text: str) -> None:
        """Apply core edits (a quick fix, a clip sync, a timing shift...) as one undo step."""
        edits = list(edits)
        if edits:
            self.undo_stack.push(EditCommand(self, edits, text))

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Group several edits into one undo step."""
        self.undo_stack.beginMacro(text)
        try:
            yield
        finally:
            self.undo_stack.endMacro()

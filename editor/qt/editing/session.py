"""The editing layer: the one place where the GUI changes the document.

Every change is a ``QUndoCommand`` (see ``editor.qt.editing.commands``) that calls the ``apply_*``
primitives below. The primitives mutate ``document.data`` and emit change notices, which
views (widgets and table models) turn into updates. Views never mutate the data themselves.

Paths are tuples of keys and indexes into ``document.data``, e.g. ``("transcript", 12, "who")``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from editor.core import Document
from editor.core.episode.fields import insertion_index

Path = tuple[Any, ...]


class _Missing:
    """Marks a mapping key that is absent (as opposed to present with a null value)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


class EpisodeSession(QObject):
    """Holds the open ``Document`` and the ``QUndoStack``, and announces every change.

    Signals carry the path of what changed. List signals use Qt's row semantics so table
    models can forward them to ``begin*/end*`` calls directly.
    """

    documentReplaced = Signal()  # a document was opened, reloaded or closed: rebuild views
    valueChanged = Signal(object)  # path whose value (or whole subtree) was replaced
    itemsAboutToBeInserted = Signal(object, int, int)  # list path, first, last
    itemsInserted = Signal(object, int, int)
    itemsAboutToBeRemoved = Signal(object, int, int)
    itemsRemoved = Signal(object, int, int)
    itemsAboutToBeMoved = Signal(object, int, int, int)  # list path, first, last, destination
    itemsMoved = Signal(object, int, int, int)
    dataEdited = Signal()  # after any change: for debounced validation, recovery journal...

    def __init__(self, undo_stack: QUndoStack | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.document: Document | None = None

    # -- the document ------------------------------------------------------------------

    def set_document(self, document: Document | None) -> None:
        """Show a new document: clears the undo history and marks it clean."""
        self.document = document
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.documentReplaced.emit()

    @property
    def data(self) -> CommentedMap:
        if self.document is None:
            return CommentedMap()
        return self.document.data

    def get(self, path: Path, default: Any = MISSING) -> Any:
        node: Any = self.data
        for key in path:
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                return default
        return node

    def has(self, path: Path) -> bool:
        return self.get(path) is not MISSING

    def first_missing(self, path: Path) -> Path | None:
        """The shortest prefix of ``path`` that is absent (an edit there would create it)."""
        for depth in range(1, len(path) + 1):
            if not self.has(path[:depth]):
                return tuple(path[:depth])
        return None

    # -- edits (each pushes one undoable command) --------------------------------------

    def set_value(
        self, path: Path, value: Any, *, merge_key: object = None, text: str = ""
    ) -> None:
        """Set the value at ``path``; ``MISSING`` removes a mapping key.

        Consecutive calls with the same ``path`` and a non-None ``merge_key`` merge into one
        undo step, so typing in a field is one command per field edit.
        """
        from editor.qt.editing.commands import SetValueCommand

        old = self.get(path)
        if old is value or (_plain_equal(old, value) and type(old) is type(value)):
            return
        self.undo_stack.push(SetValueCommand(self, path, old, value, merge_key, text))

    def insert_items(
        self, list_path: Path, index: int, values: Sequence[Any], text: str = ""
    ) -> None:
        from editor.qt.editing.commands import InsertItemsCommand

        self.undo_stack.push(InsertItemsCommand(self, list_path, index, list(values), text))

    def remove_items(self, list_path: Path, first: int, count: int, text: str = "") -> None:
        from editor.qt.editing.commands import RemoveItemsCommand

        if count <= 0:
            return
        self.undo_stack.push(RemoveItemsCommand(self, list_path, first, count, text))

    def move_items(
        self, list_path: Path, first: int, count: int, destination: int, text: str = ""
    ) -> None:
        """Move ``count`` items starting at ``first`` so they land before ``destination``
        (an index in the list as it was before the move, as in ``QAbstractItemModel.moveRows``)."""
        from editor.qt.editing.commands import MoveItemsCommand

        if count <= 0 or first <= destination <= first + count:
            return
        self.undo_stack.push(MoveItemsCommand(self, list_path, first, count, destination, text))

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Group several edits into one undo step."""
        self.undo_stack.beginMacro(text)
        try:
            yield
        finally:
            self.undo_stack.endMacro()

    # -- primitives used by the commands (they do not touch the undo stack) ------------

    def apply_set(self, path: Path, value: Any) -> None:
        parent = self._container(path[:-1], create=value is not MISSING)
        key = path[-1]
        if value is MISSING:
            if isinstance(parent, dict) and key in parent:
                del parent[key]
        elif isinstance(parent, CommentedMap) and key not in parent:
            index = insertion_index(parent, key) if len(path) == 1 else len(parent)
            parent.insert(index, key, value)
        else:
            parent[key] = value
        self.valueChanged.emit(tuple(path))
        self.dataEdited.emit()

    def apply_insert(self, list_path: Path, index: int, values: Sequence[Any]) -> None:
        seq = self._container(list_path, create=True, leaf_type=CommentedSeq)
        last = index + len(values) - 1
        self.itemsAboutToBeInserted.emit(tuple(list_path), index, last)
        seq[index:index] = list(values)
        self.itemsInserted.emit(tuple(list_path), index, last)
        self.dataEdited.emit()

    def apply_remove(self, list_path: Path, first: int, count: int) -> list[Any]:
        seq = self._container(list_path)
        last = first + count - 1
        self.itemsAboutToBeRemoved.emit(tuple(list_path), first, last)
        removed = list(seq[first : first + count])
        del seq[first : first + count]
        self.itemsRemoved.emit(tuple(list_path), first, last)
        self.dataEdited.emit()
        return removed

    def apply_move(self, list_path: Path, first: int, count: int, destination: int) -> None:
        seq = self._container(list_path)
        last = first + count - 1
        self.itemsAboutToBeMoved.emit(tuple(list_path), first, last, destination)
        block = list(seq[first : first + count])
        del seq[first : first + count]
        target = destination if destination < first else destination - count
        seq[target:target] = block
        self.itemsMoved.emit(tuple(list_path), first, last, destination)
        self.dataEdited.emit()

    def _container(self, path: Path, create: bool = False, leaf_type: type = CommentedMap) -> Any:
        node: Any = self.data
        for depth, key in enumerate(path):
            if isinstance(node, CommentedMap) and key not in node:
                if not create:
                    raise KeyError(path[: depth + 1])
                new: Any = leaf_type() if depth == len(path) - 1 else CommentedMap()
                index = insertion_index(node, key) if depth == 0 else len(node)
                node.insert(index, key, new)
            node = node[key]
        return node


def undo_position_after_move(first: int, count: int, destination: int) -> tuple[int, int]:
    """The (first, destination) that undoes ``apply_move(first, count, destination)``."""
    if destination < first:
        return destination, first + count
    return destination - count, first


def _plain_equal(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except Exception:
        return False

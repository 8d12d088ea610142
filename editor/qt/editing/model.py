"""The document model: the open ``Document``, read access, and the one place that applies core
edits to it while announcing each change with Qt's row semantics.

It knows nothing of undo: ``editor.qt.editing.commands`` builds undo steps on top of it, and
``editor.qt.editing.session`` adds the API that pushes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from ruamel.yaml.comments import CommentedMap

from editor.core import Document
from editor.core.episode.fields import apply_episode_edits
from editor.core.yaml.edits import (
    MISSING,
    DataPath,
    Edit,
    InsertItems,
    MoveItems,
    RemoveItems,
    SetValue,
    get_value,
    is_no_op,
)


class DocumentModel(QObject):
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

    def get(self, path: DataPath, default: Any = MISSING) -> Any:
        return get_value(self.data, path, default)

    def has(self, path: DataPath) -> bool:
        return self.get(path) is not MISSING

    def apply_edits(self, edits: Iterable[Edit]) -> list[Edit]:
        """Apply ``edits`` in order, announcing each; returns the edits that undo them all.

        This does not touch the undo stack: undo commands call it.
        """
        inverse: list[Edit] = []
        for edit in edits:
            inverse[:0] = self.apply(edit)
        return inverse

    def apply(self, edit: Edit) -> list[Edit]:
        """Apply one edit, with the signals views need around it; returns its inverse."""
        if is_no_op(self.data, edit):
            return []
        path = tuple(edit.path)
        if isinstance(edit, SetValue):
            inverse = apply_episode_edits(self.data, [edit])
            self.valueChanged.emit(path)
        elif isinstance(edit, InsertItems):
            last = edit.index + len(edit.values) - 1
            self.itemsAboutToBeInserted.emit(path, edit.index, last)
            inverse = apply_episode_edits(self.data, [edit])
            self.itemsInserted.emit(path, edit.index, last)
        elif isinstance(edit, RemoveItems):
            last = edit.first + edit.count - 1
            self.itemsAboutToBeRemoved.emit(path, edit.first, last)
            inverse = apply_episode_edits(self.data, [edit])
            self.itemsRemoved.emit(path, edit.first, last)
        elif isinstance(edit, MoveItems):
            last = edit.first + edit.count - 1
            self.itemsAboutToBeMoved.emit(path, edit.first, last, edit.destination)
            inverse = apply_episode_edits(self.data, [edit])
            self.itemsMoved.emit(path, edit.first, last, edit.destination)
        self.dataEdited.emit()
        return inverse

"""Undo commands. Each one applies a list of core edits through ``DocumentModel.apply_edits``
and undoes them with the inverse that the core computes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtGui import QUndoCommand

from editor.core.yaml.edits import DataPath, Edit, SetValue, same_value
from editor.qt.editing.model import DocumentModel

_SET_VALUE_ID = 1001


def describe_path(path: DataPath) -> str:
    return ".".join(str(part) for part in path) or "document"


class EditCommand(QUndoCommand):
    """One undo step made of core edits, applied in order."""

    def __init__(self, model: DocumentModel, edits: Iterable[Edit], text: str) -> None:
        super().__init__(text)
        self.model = model
        self.edits = list(edits)
        self.inverse: list[Edit] = []

    def redo(self) -> None:
        # The inverse holds the very objects an edit replaces or removes, so undo puts them
        # back and the writer recognises them.
        self.inverse = self.model.apply_edits(self.edits)

    def undo(self) -> None:
        self.model.apply_edits(self.inverse)


class SetValueCommand(EditCommand):
    """Sets one value; consecutive sets of the same path with the same ``merge_key`` merge
    into one step, and the step drops out when the value is typed back to where it started."""

    def __init__(
        self,
        model: DocumentModel,
        path: DataPath,
        value: Any,
        merge_key: object = None,
        text: str = "",
    ) -> None:
        path = tuple(path)
        super().__init__(model, [SetValue(path, value)], text or f"Edit {describe_path(path)}")
        self.path = path
        self.old = model.get(path)
        self.merge_key = merge_key

    @property
    def new(self) -> Any:
        return self.edits[0].value  # type: ignore[union-attr]

    def id(self) -> int:
        return _SET_VALUE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetValueCommand):
            return False
        if self.merge_key is None or other.merge_key != self.merge_key or other.path != self.path:
            return False
        self.edits = [SetValue(self.path, other.new)]
        if same_value(self.new, self.old):
            # Typed back to where the edit started: drop the step, so undoing to the
            # saved state is not needed to clear the modified marker.
            self.setObsolete(True)
        return True

"""A list model over a list of strings in the document (``guests``, ``topics``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from editor.qt.editing.session import MISSING, DataPath, EpisodeSession
from editor.qt.tabs.metadata.field import like_original, related
from editor.qt.tabs.metadata.line_field import as_text
from editor.qt.tabs.session_rows import SessionRowsForwarding

Index = QModelIndex | QPersistentModelIndex


class StringListModel(SessionRowsForwarding, QAbstractListModel):
    """Rows are the items of the list at ``list_path``; edits go through the session."""

    def __init__(self, session: EpisodeSession, list_path: DataPath, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.list_path = tuple(list_path)
        session.documentReplaced.connect(self._reset)
        session.valueChanged.connect(self._on_value_changed)
        self.forward_session_rows(session, self.list_path)

    def items(self) -> list[Any]:
        value = self.session.get(self.list_path)
        return value if isinstance(value, list) else []

    def strings(self) -> list[str]:
        return [as_text(item) for item in self.items()]

    # -- QAbstractListModel ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return as_text(self.items()[index.row()])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops land between rows, never on one
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
        )

    def supportedDropActions(self) -> Qt.DropAction:
        # Views reorder by dragging through ``moveRows`` (QListView's InternalMove).
        return Qt.DropAction.MoveAction

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        text = str(value).strip()
        if not text:
            return False
        old = self.items()[index.row()]
        self.session.set_value(
            (*self.list_path, index.row()), like_original(old, text), text="Edit list item"
        )
        return True

    def insertRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return False  # items are added with ``append`` (an empty item is never written)

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or row < 0 or count <= 0 or row + count > self.rowCount():
            return False
        self.session.remove_items(self.list_path, row, count)
        return True

    def moveRows(
        self,
        source_parent: Index,
        source_row: int,
        count: int,
        destination_parent: Index,
        destination_child: int,
    ) -> bool:
        rows = self.rowCount()
        if source_parent.isValid() or destination_parent.isValid():
            return False
        if count <= 0 or source_row < 0 or source_row + count > rows:
            return False
        if not 0 <= destination_child <= rows:
            return False
        if source_row <= destination_child <= source_row + count:
            return False
        self.session.move_items(self.list_path, source_row, count, destination_child)
        return True

    # -- the session's notices ---------------------------------------------------------------

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def _on_value_changed(self, path: DataPath) -> None:
        if len(path) <= len(self.list_path):
            if related(path, self.list_path):
                self._reset()
        elif tuple(path[: len(self.list_path)]) == self.list_path:
            row = path[len(self.list_path)]
            if isinstance(row, int) and 0 <= row < self.rowCount():
                index = self.index(row)
                self.dataChanged.emit(index, index)

    # -- edits used by the list editors ------------------------------------------------------

    def append(self, texts: list[str]) -> None:
        if not texts:
            return
        if self.session.get(self.list_path) is None:
            # ``guests:`` with no value: the list replaces the empty value in one step.
            self.session.set_value(self.list_path, _new_list(texts), text="Add items")
            return
        self.session.insert_items(self.list_path, self.rowCount(), texts)

    def remove(self, row: int, drop_key_when_empty: bool) -> None:
        if not 0 <= row < self.rowCount():
            return
        if drop_key_when_empty and self.rowCount() == 1:
            with self.session.macro("Remove item"):
                self.session.remove_items(self.list_path, row, 1)
                self.session.set_value(self.list_path, MISSING)
            return
        self.session.remove_items(self.list_path, row, 1)


def _new_list(texts: list[str]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq()
    seq.extend(texts)
    return seq

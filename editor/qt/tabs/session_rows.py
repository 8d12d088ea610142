"""Item models over a list in the document: the session's row signals forwarded to Qt."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex

from editor.qt.editing.session import DataPath, EpisodeSession

if TYPE_CHECKING:
    from PySide6.QtCore import QAbstractItemModel as _ModelBase
else:
    _ModelBase = object


class SessionRowsForwarding(_ModelBase):
    """Mix into a Qt item model (before the Qt base) whose rows are the items of the list
    at one data path: the session's insert, remove and move signals for that list become
    the model's begin/end calls. The ``rows_*`` hooks update a model's own caches while
    the change is under way (between begin and end), ``rows_changed`` runs after it."""

    def forward_session_rows(self, session: EpisodeSession, rows_path: DataPath) -> None:
        self._rows_path = tuple(rows_path)
        session.itemsAboutToBeInserted.connect(self._session_inserting)
        session.itemsInserted.connect(self._session_inserted)
        session.itemsAboutToBeRemoved.connect(self._session_removing)
        session.itemsRemoved.connect(self._session_removed)
        session.itemsAboutToBeMoved.connect(self._session_moving)
        session.itemsMoved.connect(self._session_moved)

    def rows_inserting(self, first: int, last: int) -> None:
        """Rows ``first..last`` are about to be inserted (``beginInsertRows`` was called)."""

    def rows_inserted(self, first: int, last: int) -> None:
        """Rows ``first..last`` are in the document (``endInsertRows`` follows)."""

    def rows_removed(self, first: int, last: int) -> None:
        """Rows ``first..last`` left the document (``endRemoveRows`` follows)."""

    def rows_moved(self, first: int, last: int, destination: int) -> None:
        """Rows ``first..last`` moved before ``destination`` (``endMoveRows`` follows)."""

    def rows_changed(self) -> None:
        """After rows were inserted, removed or moved."""

    def _session_inserting(self, path: DataPath, first: int, last: int) -> None:
        if path == self._rows_path:
            self.beginInsertRows(QModelIndex(), first, last)
            self.rows_inserting(first, last)

    def _session_inserted(self, path: DataPath, first: int, last: int) -> None:
        if path == self._rows_path:
            self.rows_inserted(first, last)
            self.endInsertRows()
            self.rows_changed()

    def _session_removing(self, path: DataPath, first: int, last: int) -> None:
        if path == self._rows_path:
            self.beginRemoveRows(QModelIndex(), first, last)

    def _session_removed(self, path: DataPath, first: int, last: int) -> None:
        if path == self._rows_path:
            self.rows_removed(first, last)
            self.endRemoveRows()
            self.rows_changed()

    def _session_moving(self, path: DataPath, first: int, last: int, destination: int) -> None:
        if path == self._rows_path:
            self.beginMoveRows(QModelIndex(), first, last, QModelIndex(), destination)

    def _session_moved(self, path: DataPath, first: int, last: int, destination: int) -> None:
        if path == self._rows_path:
            self.rows_moved(first, last, destination)
            self.endMoveRows()
            self.rows_changed()

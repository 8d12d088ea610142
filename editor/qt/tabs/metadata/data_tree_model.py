"""A tree model over part of the front matter: the "Other fields" the form has no widget for.

Scalars are editable in place and keep their type (an int stays an int); mappings and lists
show their children. Edits go through the session like everything else.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from ruamel.yaml.comments import TaggedScalar

from editor.qt.editing.session import DataPath, EpisodeSession
from editor.qt.tabs.metadata.field import like_original

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Field", "Value", "Type")
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
TRUE_WORDS = {"true", "yes", "on"}
FALSE_WORDS = {"false", "no", "off"}


class _Node:
    __slots__ = ("children", "parent", "path", "row", "shared")

    def __init__(self, path: DataPath, parent: _Node | None, row: int) -> None:
        self.path = path
        self.parent = parent
        self.row = row
        self.children: list[_Node] = []
        self.shared = False  # an aliased value already shown at another node


def type_name(value: Any) -> str:
    if isinstance(value, TaggedScalar):
        return f"tagged {value.tag}" if hasattr(value, "tag") else "tagged"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, datetime.datetime):
        return "timestamp"
    if isinstance(value, datetime.date):
        return "date"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return type(value).__name__


def is_container(value: Any) -> bool:
    return isinstance(value, dict | list)


def display_value(value: Any) -> str:
    if isinstance(value, dict):
        return f"{len(value)} field{'s' if len(value) != 1 else ''}"
    if isinstance(value, list):
        return f"{len(value)} item{'s' if len(value) != 1 else ''}"
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, TaggedScalar):
        return str(value.value)
    return str(value)


def parse_like(old: Any, text: str) -> tuple[bool, Any]:
    """``text`` converted to ``old``'s type: (ok, value)."""
    stripped = text.strip()
    if isinstance(old, bool):
        if stripped.lower() in TRUE_WORDS:
            return True, True
        if stripped.lower() in FALSE_WORDS:
            return True, False
        return False, None
    if isinstance(old, int):
        try:
            return True, int(stripped)
        except ValueError:
            return False, None
    if isinstance(old, float):
        try:
            return True, float(stripped)
        except ValueError:
            return False, None
    if isinstance(old, datetime.datetime):
        try:
            return True, datetime.datetime.fromisoformat(stripped)
        except ValueError:
            return False, None
    if isinstance(old, datetime.date):
        try:
            return True, datetime.date.fromisoformat(stripped)
        except ValueError:
            return False, None
    if old is None:
        return True, (None if not stripped else text)
    if isinstance(old, str):
        return True, like_original(old, text)
    return False, None


class DataTreeModel(QAbstractItemModel):
    def __init__(self, session: EpisodeSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._keys: list[Any] = []
        self._roots: list[_Node] = []
        self._problems: dict[DataPath, tuple[str, str]] = {}
        session.valueChanged.connect(self._on_value_changed)
        for signal in (session.itemsInserted, session.itemsRemoved, session.itemsMoved):
            signal.connect(self._on_items_changed)

    # -- which keys ----------------------------------------------------------------------------

    def top_keys(self) -> list[Any]:
        return list(self._keys)

    def set_keys(self, keys: Sequence[Any]) -> None:
        self.beginResetModel()
        self._keys = list(keys)
        self._build()
        self.endResetModel()

    def _build(self) -> None:
        shown: set[int] = set()
        self._roots = [
            self._node((key,), None, row, shown)
            for row, key in enumerate(k for k in self._keys if self.session.has((k,)))
        ]

    def _node(self, path: DataPath, parent: _Node | None, row: int, shown: set[int]) -> _Node:
        node = _Node(path, parent, row)
        value = self.session.get(path)
        if is_container(value):
            # An alias shares its value with the anchor: show it once, or an alias bomb
            # would expand to billions of rows.
            if id(value) in shown:
                node.shared = True
                return node
            shown.add(id(value))
        if isinstance(value, dict):
            node.children = [
                self._node((*path, key), node, i, shown) for i, key in enumerate(value)
            ]
        elif isinstance(value, list):
            node.children = [self._node((*path, i), node, i, shown) for i in range(len(value))]
        return node

    def _rebuild(self) -> None:
        self.beginResetModel()
        self._build()
        self.endResetModel()

    # -- QAbstractItemModel ----------------------------------------------------------------

    def _node_of(self, index: Index) -> _Node | None:
        if not index.isValid():
            return None
        node = index.internalPointer()
        return node if isinstance(node, _Node) else None

    def _siblings(self, parent: _Node | None) -> list[_Node]:
        return self._roots if parent is None else parent.children

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not 0 <= column < len(COLUMNS):
            return QModelIndex()
        siblings = self._siblings(self._node_of(parent))
        if not 0 <= row < len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self._node_of(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._siblings(self._node_of(parent)))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node_of(index)
        if node is None:
            return None
        value = self.session.get(node.path)
        column = index.column()
        if role == PATH_ROLE:
            return node.path
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                key = node.path[-1]
                return f"[{key}]" if isinstance(key, int) else str(key)
            if column == 1:
                if node.shared:
                    return display_value(value) + " (same as above: an alias)"
                return display_value(value)
            return type_name(value)
        problem = self._problems.get(node.path)
        if role == Qt.ItemDataRole.ToolTipRole:
            if problem is not None:
                return problem[1]
            return display_value(value) if column == 1 else None
        if role == Qt.ItemDataRole.ForegroundRole and problem is not None and column == 0:
            return QBrush(QColor("#c62828" if problem[0] == "error" else "#b26a00"))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        node = self._node_of(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 1 and self._editable(self.session.get(node.path)):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    @staticmethod
    def _editable(value: Any) -> bool:
        return not is_container(value) and not isinstance(value, TaggedScalar)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self._node_of(index)
        if node is None or role != Qt.ItemDataRole.EditRole or index.column() != 1:
            return False
        old = self.session.get(node.path)
        if not self._editable(old):
            return False
        ok, new = parse_like(old, str(value))
        if not ok:
            return False
        self.session.set_value(node.path, new, text=f"Edit {'.'.join(map(str, node.path))}")
        return True

    # -- lookups and problems ------------------------------------------------------------

    def index_for_path(self, path: DataPath) -> QModelIndex:
        """The deepest row showing ``path`` (or an ancestor of it)."""
        siblings = self._roots
        found = QModelIndex()
        depth = 1
        while True:
            match = next((n for n in siblings if n.path == tuple(path[:depth])), None)
            if match is None:
                return found
            found = self.createIndex(match.row, 0, match)
            if depth >= len(path):
                return found
            siblings = match.children
            depth += 1

    def set_problems(self, problems: dict[DataPath, tuple[str, str]]) -> None:
        self._problems = dict(problems)
        if self._roots:
            self._emit_all_changed(self._roots)

    def _emit_all_changed(self, nodes: list[_Node]) -> None:
        first = self.createIndex(0, 0, nodes[0])
        last = self.createIndex(len(nodes) - 1, len(COLUMNS) - 1, nodes[-1])
        self.dataChanged.emit(first, last)
        for node in nodes:
            if node.children:
                self._emit_all_changed(node.children)

    # -- the session's notices -------------------------------------------------------------

    def _covers(self, path: DataPath) -> bool:
        return bool(path) and path[0] in self._keys

    def _on_value_changed(self, path: DataPath) -> None:
        if not self._covers(path):
            return
        index = self.index_for_path(path)
        node = self._node_of(index)
        value = self.session.get(path)
        if (
            node is not None
            and node.path == tuple(path)
            and not node.children
            and not is_container(value)
        ):
            self.dataChanged.emit(index.siblingAtColumn(1), index.siblingAtColumn(len(COLUMNS) - 1))
            return
        self._rebuild()

    def _on_items_changed(self, path: DataPath, *_args: int) -> None:
        if self._covers(path):
            self._rebuild()

"""The table model of the transcript: one row per item, columns Time, Speaker, Text.

It reads the session's data and forwards the session's change signals to Qt's
begin/end calls; every edit goes back through the session as an undoable command.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from editor.core.episode import transcript as core
from editor.core.episode.timecode import TimeFormatError, parse_time
from editor.qt.editing.session import DataPath, EpisodeSession
from editor.qt.tabs.session_rows import SessionRowsForwarding

TRANSCRIPT: DataPath = ("transcript",)
TIME, SPEAKER, TEXT = 0, 1, 2
COLUMN_TITLES = ("Time", "Speaker", "Text")
COLUMN_KEYS: dict[int, tuple[str, ...]] = {
    TIME: ("sec", "time"),
    SPEAKER: ("who",),
    TEXT: ("line",),
}
ROWS_MIME_TYPE = "application/x-episode-editor-transcript-rows"

AnyIndex = QModelIndex | QPersistentModelIndex

DISPLAY = int(Qt.ItemDataRole.DisplayRole)
EDIT = int(Qt.ItemDataRole.EditRole)
FONT = int(Qt.ItemDataRole.FontRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
ALIGN_TIME = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop).value)
ALIGN_TEXT = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop).value)
FLAGS_ROOT = Qt.ItemFlag.ItemIsDropEnabled
FLAGS_CELL = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
)
FLAGS_EDITABLE = FLAGS_CELL | Qt.ItemFlag.ItemIsEditable

HeaderRole = int(Qt.ItemDataRole.UserRole) + 1  # bool: the row is a section header
BackwardsRole = int(Qt.ItemDataRole.UserRole) + 2  # bool: the line's time goes backwards
SecondsRole = int(Qt.ItemDataRole.UserRole) + 3  # int | None
ANSWERED_ROLES = frozenset(
    (DISPLAY, EDIT, BACKGROUND, ALIGNMENT, FONT, TOOLTIP, HeaderRole, BackwardsRole, SecondsRole)
)


def column_for_key(key: object) -> int:
    for column, keys in COLUMN_KEYS.items():
        if key in keys:
            return column
    return TEXT if key == "header" else TIME


class TranscriptModel(SessionRowsForwarding, QAbstractTableModel):
    """Rows of ``document.data["transcript"]``."""

    structureChanged = Signal()  # rows inserted, removed, moved or reset (the outline listens)
    editFailed = Signal(str)  # a rejected edit (bad time text), for the status line

    def __init__(self, session: EpisodeSession, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self._items: list[Any] | None = None
        self._rows = core.RowIndex(self.items())
        self._style: core.TimeStyle | None = None
        self._problems: dict[tuple[int, int], list[Any]] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._warning_brush = QBrush(QColor(255, 170, 0, 70))
        self._error_brush = QBrush(QColor(220, 40, 40, 60))
        self._header_brush = QBrush(QColor(128, 128, 128, 40))
        session.documentReplaced.connect(self._reset)
        session.valueChanged.connect(self._on_value_changed)
        self.forward_session_rows(session, TRANSCRIPT)

    # -- reading -----------------------------------------------------------------------

    def items(self) -> list[Any]:
        """The transcript list. Cached: the session announces every replacement of it."""
        if self._items is None:
            items = self.session.get(TRANSCRIPT, None)
            self._items = items if isinstance(items, list) else []
        return self._items

    def item(self, row: int) -> Any:
        items = self.items()
        return items[row] if 0 <= row < len(items) else None

    def is_header_row(self, row: int) -> bool:
        return 0 <= row < len(self._rows.values) and self._rows.values[row] is core.HEADER

    def time_style(self) -> core.TimeStyle:
        if self._style is None:
            self._style = core.detect_time_style(self.items())
        return self._style

    def backwards(self) -> set[int]:
        return self._rows.backwards()

    def header_rows(self) -> list[int]:
        return self._rows.header_rows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items())

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMN_TITLES)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMN_TITLES[section] if 0 <= section < len(COLUMN_TITLES) else None
        return str(section + 1)

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        # Called hundreds of times per repaint: plain int roles, no enum arithmetic, and the
        # roles painting asks for but this model has no answer to leave at once.
        if role not in ANSWERED_ROLES:
            return None
        row = index.row()
        items = self.items()
        if not 0 <= row < len(items):
            return None
        item = items[row]
        if not isinstance(item, dict):
            return None
        column = index.column()
        header = self._rows.values[row] is core.HEADER
        if role in (DISPLAY, EDIT):
            return self._text(item, header, column, role == EDIT)
        if role == BACKGROUND:
            if self._problems:
                problems = self._problems.get((row, column))
                if problems:
                    errors = any(getattr(p, "severity", "") == "error" for p in problems)
                    return self._error_brush if errors else self._warning_brush
            return self._header_brush if header else None
        if role == ALIGNMENT:
            if header:
                return None
            return ALIGN_TIME if column == TIME else ALIGN_TEXT
        if role == FONT:
            return self._bold if header else None
        if role == BackwardsRole:
            return column == TIME and not header and row in self._rows.backwards()
        if role == HeaderRole:
            return header
        if role == SecondsRole:
            return None if header else core.item_seconds(item)
        if role == TOOLTIP:
            return self._tooltip(item, header, row, column)
        return None

    def _text(self, item: Any, header: bool, column: int, edit: bool) -> Any:
        if header:
            return core.text_of(item.get("header")) if column == TIME else None
        if column == TIME:
            seconds = core.item_seconds(item)
            if seconds is None:
                time = item.get("time")
                return core.text_of(time)
            return self.time_style().text(seconds)
        if column == SPEAKER:
            who = item.get("who")
            return core.text_of(who)
        text = item.get("line")
        return core.text_of(text)

    def _tooltip(self, item: Any, header: bool, row: int, column: int) -> str | None:
        parts: list[str] = [
            str(getattr(p, "message", p)) for p in self._problems.get((row, column), [])
        ]
        if column == TIME and not header and row in self.backwards():
            parts.append("This line's time is earlier than the line before it.")
        if column == TIME and not header:
            mismatch = core.time_mismatch(item)
            if mismatch:
                parts.append(mismatch)
        if column == TEXT and not header:
            text = item.get("line")
            if isinstance(text, str) and len(text) > 60:
                parts.insert(0, text)
        return "\n\n".join(parts) or None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return FLAGS_ROOT
        if index.column() == TIME or not self.is_header_row(index.row()):
            return FLAGS_EDITABLE
        return FLAGS_CELL

    # -- editing (through the session) -----------------------------------------------------

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, column = index.row(), index.column()
        item = self.item(row)
        if not isinstance(item, dict):
            return False
        text = core.text_of(value)
        if core.is_header(item):
            if column != TIME:
                return False
            self.session.set_value(
                (*TRANSCRIPT, row, "header"),
                core.like_style(item.get("header"), text),
                text="Rename section",
            )
            return True
        if column == TIME:
            try:
                seconds = parse_time(text)
            except TimeFormatError as exc:
                self.editFailed.emit(str(exc))
                return False
            return self.set_line_seconds(row, seconds)
        key = "who" if column == SPEAKER else "line"
        if column == SPEAKER:
            text = text.strip()
        if item.get(key) == text:
            return True
        label = "Set speaker" if column == SPEAKER else "Edit line"
        self.session.set_value(
            (*TRANSCRIPT, row, key), core.like_style(item.get(key), text), text=label
        )
        return True

    def set_line_seconds(self, row: int, seconds: int) -> bool:
        """Set ``sec`` and ``time`` together: one undo step."""
        item = self.item(row)
        if not isinstance(item, dict) or core.is_header(item):
            return False
        edits = core.line_time_edits(item, row, seconds, self.time_style())
        self.session.push_edits(edits, f"Set time of line {row + 1}")
        return True

    # -- drag and drop -----------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROWS_MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        rows = sorted({index.row() for index in indexes if index.isValid()})
        # Rows only make sense to this model: the payload names the session it came from.
        payload = f"{id(self.session)}:{','.join(map(str, rows))}"
        mime = QMimeData()
        mime.setData(ROWS_MIME_TYPE, QByteArray(payload.encode("ascii")))
        return mime

    def dropped_rows(self, mime: QMimeData) -> list[int]:
        if not mime.hasFormat(ROWS_MIME_TYPE):
            return []
        raw = bytes(mime.data(ROWS_MIME_TYPE).data()).decode("ascii", "replace")
        owner, _, listed = raw.partition(":")
        if owner != str(id(self.session)) or not listed:
            return []
        try:
            rows = [int(part) for part in listed.split(",")]
        except ValueError:
            return []
        return [row for row in rows if 0 <= row < self.rowCount()]

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        return action == Qt.DropAction.MoveAction and bool(self.dropped_rows(data))

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        rows = self.dropped_rows(data)
        if action != Qt.DropAction.MoveAction or not rows:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else self.rowCount()
        first, last = rows[0], rows[-1]
        if last - first + 1 != len(rows):
            self.editFailed.emit("Only a contiguous block of lines can be dragged.")
            return False
        # Dragging a whole section by its header carries the section along.
        if len(rows) == 1 and self.is_header_row(first):
            bounds = core.section_bounds(self.items(), first)
            if bounds is not None:
                last = bounds[1] - 1
                row = core.nearest_section_boundary(self.items(), row)
        self.moveRows(QModelIndex(), first, last - first + 1, QModelIndex(), row)
        # The session has moved the rows; returning False stops the view removing the
        # dragged rows a second time.
        return False

    def moveRows(
        self,
        sourceParent: AnyIndex,
        sourceRow: int,
        count: int,
        destinationParent: AnyIndex,
        destinationChild: int,
    ) -> bool:
        if sourceParent.isValid() or destinationParent.isValid() or count <= 0:
            return False
        if sourceRow < 0 or sourceRow + count > self.rowCount():
            return False
        if sourceRow <= destinationChild <= sourceRow + count:
            return False
        destination = max(0, min(destinationChild, self.rowCount()))
        noun = "line" if count == 1 else f"{count} lines"
        if self.is_header_row(sourceRow):
            bounds = core.section_bounds(self.items(), sourceRow)
            if bounds == (sourceRow, sourceRow + count):
                noun = "section"
        self.session.move_items(TRANSCRIPT, sourceRow, count, destination, text=f"Move {noun}")
        return True

    # -- problems ----------------------------------------------------------------------

    def set_problems(self, problems: list[Any]) -> None:
        cells: dict[tuple[int, int], list[Any]] = {}
        for problem in problems:
            path = tuple(getattr(problem, "path", ()) or ())
            if len(path) < 2 or path[0] != "transcript" or not isinstance(path[1], int):
                continue
            column = column_for_key(path[2]) if len(path) > 2 else TEXT
            cells.setdefault((path[1], column), []).append(problem)
        touched = set(cells) | set(self._problems)
        self._problems = cells
        for row, column in touched:
            if 0 <= row < self.rowCount():
                index = self.index(row, column)
                self.dataChanged.emit(index, index)

    # -- session signals -----------------------------------------------------------------

    def _reset(self) -> None:
        self.beginResetModel()
        self._items = None
        self._rows.rebuild(self.items())
        self._style = None
        self._problems = {}
        self.endResetModel()
        self.structureChanged.emit()

    def _on_value_changed(self, path: DataPath) -> None:
        if len(path) == 0 or path == TRANSCRIPT:
            self._reset()
            return
        if path[0] != "transcript" or len(path) < 2 or not isinstance(path[1], int):
            return
        row = path[1]
        if not 0 <= row < self.rowCount():
            return
        key = path[2] if len(path) > 2 else None
        was_header = self.is_header_row(row)
        # Only this line and the next timed line can change flags: retiming stays linear.
        flag_rows = self._rows.update(row, self.item(row))
        if key in ("sec", "time") or key is None:
            last = max([row, *flag_rows])
            self.dataChanged.emit(self.index(row, TIME), self.index(last, TIME))
        if key is None or key == "header":
            self.dataChanged.emit(self.index(row, 0), self.index(row, TEXT))
        elif key not in ("sec", "time"):
            column = column_for_key(key)
            self.dataChanged.emit(self.index(row, column), self.index(row, column))
        if was_header != self.is_header_row(row):
            self.structureChanged.emit()

    def rows_inserting(self, first: int, last: int) -> None:
        self._items = None  # inserting into a missing transcript creates the list

    def rows_inserted(self, first: int, last: int) -> None:
        self._items = None
        self._rows.insert(first, self.items()[first : last + 1])

    def rows_removed(self, first: int, last: int) -> None:
        self._rows.remove(first, last - first + 1)

    def rows_moved(self, first: int, last: int, destination: int) -> None:
        self._rows.move(first, last - first + 1, destination)

    def rows_changed(self) -> None:
        self.structureChanged.emit()

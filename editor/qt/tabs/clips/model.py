"""The table model of ``quotableClips``: Name, Start, End, Length, URL.

It reads the session's data and forwards the session's change signals to Qt's begin/end
calls; every edit goes back through the session as an undoable command.
"""

from __future__ import annotations

from collections.abc import Sequence
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
from PySide6.QtGui import QBrush, QColor

from editor.core.episode import clips as core
from editor.core.episode.timecode import TimeFormatError, format_hms, parse_time
from editor.qt.editing.session import DataPath, EpisodeSession
from editor.qt.tabs.session_rows import SessionRowsForwarding

CLIPS: DataPath = (core.CLIPS_KEY,)
NAME, START, END, LENGTH, URL = range(5)
COLUMN_TITLES = ("Name", "Start", "End", "Length", "URL")
_TIME_TIP = "Type 1:02:03, 62:03, 3723 (seconds) or PT1H2M3S; stored as whole seconds."
COLUMN_TIPS = (
    "The chapter or soundbite title",
    f"startOffset. {_TIME_TIP} The URL's &t= follows it.",
    f"endOffset. {_TIME_TIP}",
    f"End minus start. Typing a length sets the end. {_TIME_TIP}",
    "The YouTube URL: watch?v=<ids.youtube>&t=<start>",
)
COLUMN_KEYS: dict[int, str] = {NAME: "name", START: "startOffset", END: "endOffset", URL: "url"}
ROWS_MIME_TYPE = "application/x-episode-editor-clip-rows"

AnyIndex = QModelIndex | QPersistentModelIndex

SecondsRole = Qt.ItemDataRole.UserRole + 1  # int | None: the stored seconds of a time cell
UrlCheckRole = Qt.ItemDataRole.UserRole + 2  # core.UrlCheck of the row

_PROBLEM_BRUSH = QBrush(QColor(255, 120, 90, 70))
_INVALID_BRUSH = QBrush(QColor(220, 40, 40))
_WARNING_BRUSH = QBrush(QColor(200, 120, 0))


def column_for_key(key: object) -> int:
    for column, name in COLUMN_KEYS.items():
        if name == key:
            return column
    return NAME


class ClipTableModel(SessionRowsForwarding, QAbstractTableModel):
    """Rows of ``document.data["quotableClips"]``."""

    editFailed = Signal(str)  # a rejected edit (bad time text), for the status line

    def __init__(self, session: EpisodeSession, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self._problems: dict[tuple[int, int], list[str]] = {}
        session.documentReplaced.connect(self._reset)
        session.valueChanged.connect(self._on_value_changed)
        self.forward_session_rows(session, CLIPS)

    # -- reading ---------------------------------------------------------------------

    def clips(self) -> Sequence[Any]:
        value = self.session.get(CLIPS, None)
        if isinstance(value, list):
            return value
        return []

    def clip(self, row: int) -> Any:
        clips = self.clips()
        return clips[row] if 0 <= row < len(clips) else None

    def video_id(self) -> object:
        return self.session.get(("ids", "youtube"), None)

    def url_check(self, row: int) -> core.UrlCheck:
        clip = self.clip(row)
        if not isinstance(clip, dict):
            return core.UrlCheck(True, "", None)
        return core.check_clip_url(clip.get("url"), self.video_id(), clip.get("startOffset"))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.clips())

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMN_TITLES)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.ToolTipRole and horizontal:
            return COLUMN_TIPS[section] if 0 <= section < len(COLUMN_TIPS) else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if horizontal and 0 <= section < len(COLUMN_TITLES):
            return COLUMN_TITLES[section]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        flags = base | Qt.ItemFlag.ItemIsDragEnabled
        if isinstance(self.clip(index.row()), dict):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not self.checkIndex(index):
            return None
        row, column = index.row(), index.column()
        clip = self.clip(row)
        if not isinstance(clip, dict):
            if role == Qt.ItemDataRole.DisplayRole and column == NAME:
                return f"(not a clip: {clip!r})"[:80]
            return None
        start, end = core.clip_start(clip), core.clip_end(clip)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(clip, column, start, end)
        if role == SecondsRole:
            return {START: start, END: end, LENGTH: _length(start, end)}.get(column)
        if role == UrlCheckRole:
            return self.url_check(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (START, END, LENGTH):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column, clip, start, end)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column in (END, LENGTH) and start is not None and end is not None and end <= start:
                return _INVALID_BRUSH
            if column == URL and not self.url_check(row).ok:
                return _WARNING_BRUSH
            return None
        if role == Qt.ItemDataRole.BackgroundRole and (row, column) in self._problems:
            return _PROBLEM_BRUSH
        return None

    def _text(self, clip: dict[str, Any], column: int, start: int | None, end: int | None) -> str:
        if column == NAME:
            return core.clip_name(clip)
        if column == URL:
            url = clip.get("url")
            return "" if url is None else str(url)
        if column == LENGTH:
            length = _length(start, end)
            if length is None:
                return ""
            return format_hms(length) if length >= 0 else f"−{format_hms(-length)}"
        key = COLUMN_KEYS[column]
        seconds = start if column == START else end
        if seconds is not None:
            return format_hms(seconds)
        raw = clip.get(key)
        return "" if raw is None else str(raw)

    def _tooltip(
        self, row: int, column: int, clip: dict[str, Any], start: int | None, end: int | None
    ) -> str | None:
        lines = list(self._problems.get((row, column), []))
        if column == NAME and core.clip_name(clip):
            lines.insert(0, core.clip_name(clip))
        if column == URL:
            url = clip.get("url")
            if url:
                lines.insert(0, str(url))
            check = self.url_check(row)
            if not check.ok:
                lines.append(check.message)
                if check.fixed:
                    lines.append(f"Fix URL (Ctrl+Shift+U) writes {check.fixed}")
        if column in (START, END, LENGTH):
            if start is not None and end is not None and end <= start:
                lines.append("The clip ends before it starts.")
            seconds = {START: start, END: end, LENGTH: _length(start, end)}.get(column)
            if seconds is not None and seconds >= 0:
                lines.append(f"{seconds} s")
        return "\n".join(lines) or None

    # -- editing (through the session) -----------------------------------------------

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, column = index.row(), index.column()
        clip = self.clip(row)
        if not isinstance(clip, dict):
            return False
        path = (*CLIPS, row)
        if column == NAME:
            self.session.set_value((*path, "name"), str(value), text="Rename clip")
            return True
        if column == URL:
            text = str(value).strip()
            self.session.set_value((*path, "url"), text, text="Edit clip URL")
            return True
        try:
            seconds = parse_time(value if isinstance(value, int) else str(value))
        except TimeFormatError as error:
            self.editFailed.emit(str(error))
            return False
        if column == START:
            self.set_start(row, seconds)
        elif column == END:
            self.session.set_value((*path, "endOffset"), seconds, text="Change clip end")
        elif column == LENGTH:
            start = core.clip_start(clip)
            if start is None:
                self.editFailed.emit("Set the start before the length.")
                return False
            self.session.set_value((*path, "endOffset"), start + seconds, text="Change clip length")
        return True

    def set_start(self, row: int, seconds: int, text: str = "Change clip start") -> None:
        """The start and, when it has the usual form, the URL's ``t``: one undo step."""
        clip = self.clip(row)
        if not isinstance(clip, dict):
            return
        path = (*CLIPS, row)
        new_url = core.url_after_start_change(clip.get("url"), seconds)
        current = clip.get("startOffset")
        if current == seconds and not isinstance(current, bool) and new_url is None:
            return  # an empty macro would still be an undo step
        with self.session.macro(text):
            self.session.set_value((*path, "startOffset"), seconds)
            if new_url is not None:
                self.session.set_value((*path, "url"), new_url)

    def set_end(self, row: int, seconds: int, text: str = "Change clip end") -> None:
        self.session.set_value((*CLIPS, row, "endOffset"), seconds, text=text)

    def fix_url(self, row: int) -> bool:
        check = self.url_check(row)
        if check.ok or check.fixed is None:
            return False
        self.session.set_value((*CLIPS, row, "url"), check.fixed, text="Fix clip URL")
        return True

    def rows_with_fixable_urls(self) -> list[int]:
        return [
            row
            for row in range(self.rowCount())
            if not (check := self.url_check(row)).ok and check.fixed is not None
        ]

    def moveRows(
        self,
        sourceParent: AnyIndex,
        sourceRow: int,
        count: int,
        destinationParent: AnyIndex,
        destinationChild: int,
    ) -> bool:
        if sourceParent.isValid() or destinationParent.isValid():
            return False
        if count <= 0 or sourceRow < 0 or sourceRow + count > self.rowCount():
            return False
        if not 0 <= destinationChild <= self.rowCount():
            return False
        if sourceRow <= destinationChild <= sourceRow + count:
            return False
        noun = "clip" if count == 1 else f"{count} clips"
        self.session.move_items(CLIPS, sourceRow, count, destinationChild, text=f"Move {noun}")
        return True

    # -- drag and drop to reorder ----------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROWS_MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        mime = QMimeData()
        mime.setData(ROWS_MIME_TYPE, QByteArray(",".join(map(str, rows)).encode()))
        return mime

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        return action == Qt.DropAction.MoveAction and data.hasFormat(ROWS_MIME_TYPE)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        raw = bytes(data.data(ROWS_MIME_TYPE).data()).decode()
        try:
            rows = [int(part) for part in raw.split(",") if part]
        except ValueError:
            return False
        if not rows or rows != list(range(rows[0], rows[0] + len(rows))):
            return False  # only contiguous blocks move (one undo step, one session call)
        destination = row if row >= 0 else (parent.row() if parent.isValid() else self.rowCount())
        self.moveRows(QModelIndex(), rows[0], len(rows), QModelIndex(), destination)
        # The move is done; returning False stops the view from deleting the source rows.
        return False

    # -- problems from the validator -------------------------------------------------

    def set_problems(self, problems: Sequence[Any]) -> None:
        marks: dict[tuple[int, int], list[str]] = {}
        for problem in problems:
            path = tuple(getattr(problem, "path", ()) or ())
            if len(path) < 2 or path[0] != core.CLIPS_KEY or not isinstance(path[1], int):
                continue
            columns = (
                [column_for_key(path[2])] if len(path) > 2 else list(range(len(COLUMN_TITLES)))
            )
            if len(path) > 2 and path[2] in ("startOffset", "endOffset"):
                columns.append(LENGTH)
            for column in columns:
                marks.setdefault((path[1], column), []).append(str(getattr(problem, "message", "")))
        self._problems = marks
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    def problem_rows(self) -> set[int]:
        return {row for row, _ in self._problems}

    def problem_messages(self, row: int) -> list[str]:
        return [m for (r, _), messages in self._problems.items() if r == row for m in messages]

    # -- session signals -> model signals --------------------------------------------

    def _reset(self) -> None:
        self.beginResetModel()
        self._problems = {}
        self.endResetModel()

    def _on_value_changed(self, path: DataPath) -> None:
        if path[:1] == ("ids",) and path[1:2] in ((), ("youtube",)):
            if self.rowCount():
                self.dataChanged.emit(self.index(0, URL), self.index(self.rowCount() - 1, URL))
            return
        if path[:1] != CLIPS:
            if not path:
                self._reset()
            return
        if len(path) == 1:
            self._reset()  # the whole list was replaced or deleted
            return
        row = path[1]
        if isinstance(row, int) and 0 <= row < self.rowCount():
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))


def _length(start: int | None, end: int | None) -> int | None:
    if start is None or end is None:
        return None
    return end - start

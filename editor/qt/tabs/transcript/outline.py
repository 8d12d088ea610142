"""The outline: the section headers of the transcript. Click to jump, drag to reorder."""

from __future__ import annotations

import bisect
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.episode import transcript as core
from editor.qt.tabs.transcript.model import TranscriptModel
from editor.qt.tabs.transcript.operations import TranscriptOperations

AnyIndex = QModelIndex | QPersistentModelIndex
OUTLINE_MIME_TYPE = "application/x-episode-editor-transcript-section"
TranscriptRowRole = Qt.ItemDataRole.UserRole + 1
TitleRole = Qt.ItemDataRole.UserRole + 2
StartRole = Qt.ItemDataRole.UserRole + 3
SummaryRole = Qt.ItemDataRole.UserRole + 4
TYPICAL_TITLE_CHARACTERS = 45
EMPTY_OUTLINE_HINT = (
    "No sections yet.\n\n"
    "Sections are the headings of the transcript (a line with a header). They are listed "
    "here: click one to jump to it, drag it to move the whole section.\n\n"
    "To add one, select the line where it starts and press Ctrl+Shift+Return "
    "(Insert section header)."
)


class OutlineDelegate(QStyledItemDelegate):
    """The section's start time in a right-aligned gutter, then its title, elided."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # type: ignore[attr-defined, unused-ignore]
        widget = opt.widget  # type: ignore[attr-defined, unused-ignore]
        style = widget.style() if widget is not None else None
        if style is None:
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = opt.rect.adjusted(4, 0, -4, 0)  # type: ignore[attr-defined, unused-ignore]
        metrics = opt.fontMetrics  # type: ignore[attr-defined, unused-ignore]
        gutter = metrics.horizontalAdvance("0:00:00")
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined, unused-ignore]
        palette = opt.palette  # type: ignore[attr-defined, unused-ignore]
        painter.save()
        painter.setPen(
            palette.color(QPalette.ColorRole.HighlightedText)
            if selected
            else palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        )
        time_rect = QRect(rect.left(), rect.top(), gutter, rect.height())
        align = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(time_rect, int(align | Qt.AlignmentFlag.AlignRight), index.data(StartRole))
        painter.setPen(
            palette.color(
                QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            )
        )
        title_rect = rect.adjusted(gutter + 8, 0, 0, 0)
        # Titles often differ only at the end ("Part 1 … the data", "… the model").
        title = metrics.elidedText(
            index.data(TitleRole), Qt.TextElideMode.ElideMiddle, title_rect.width()
        )
        painter.drawText(title_rect, int(align | Qt.AlignmentFlag.AlignLeft), title)
        painter.restore()


class OutlineModel(QAbstractListModel):
    """One row per section header, mirroring the transcript model."""

    sectionMoved = Signal(int)  # transcript row of the moved section's header

    def __init__(self, transcript: TranscriptModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.transcript = transcript
        self.operations = TranscriptOperations(transcript.session)
        self._rows: list[int] = []  # transcript row of each header
        self._rebuild()
        transcript.structureChanged.connect(self._on_structure_changed)
        transcript.dataChanged.connect(self._on_data_changed)

    def header_rows(self) -> list[int]:
        return self._rows

    def _rebuild(self) -> None:
        self._rows = list(self.transcript.header_rows())

    def _on_structure_changed(self) -> None:
        rows = list(self.transcript.header_rows())
        if rows == self._rows:
            if rows:  # the start times of sections may have changed
                self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def _on_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Any = ()
    ) -> None:
        first = bisect.bisect_left(self._rows, top_left.row())
        last = bisect.bisect_right(self._rows, bottom_right.row()) - 1
        if first <= last:
            self.dataChanged.emit(self.index(first), self.index(last))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        item = self.transcript.item(row)
        if not isinstance(item, dict):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            title = core.text_of(item.get("header")) or "(untitled section)"
            start = self._section_start_seconds(index.row())
            if start is None:
                return title
            return f"{self.transcript.time_style().text(start)}  {title}"
        if role == TitleRole:
            return core.text_of(item.get("header")) or "(untitled section)"
        if role == StartRole:
            start = self._section_start_seconds(index.row())
            return "" if start is None else self.transcript.time_style().text(start)
        if role == Qt.ItemDataRole.ToolTipRole:
            title = core.text_of(item.get("header"))
            return f"{title}\n{self.data(index, SummaryRole)} · drag to move the section"
        if role == SummaryRole:
            end = self._rows[index.row() + 1] if index.row() + 1 < len(self._rows) else None
            lines = (end if end is not None else self.transcript.rowCount()) - row - 1
            return f"{lines} line{'s' if lines != 1 else ''}"
        if role == TranscriptRowRole:
            return row
        return None

    def _section_start_seconds(self, outline_row: int) -> int | None:
        items = self.transcript.items()
        end = self._rows[outline_row + 1] if outline_row + 1 < len(self._rows) else len(items)
        for row in range(self._rows[outline_row] + 1, end):
            seconds = core.item_seconds(items[row])
            if seconds is not None:
                return seconds
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [OUTLINE_MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            mime.setData(OUTLINE_MIME_TYPE, QByteArray(str(rows[0]).encode()))
        return mime

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        return action == Qt.DropAction.MoveAction and data.hasFormat(OUTLINE_MIME_TYPE)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            source = int(bytes(data.data(OUTLINE_MIME_TYPE).data()).decode())
        except ValueError:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        self.move_section(source, row)
        return False  # the session moved the rows; the view must not remove anything

    def move_section(self, outline_row: int, before_outline_row: int) -> bool:
        """Move the section of outline row ``outline_row`` before outline row
        ``before_outline_row`` (``rowCount()`` for the end): one undo step."""
        if not 0 <= outline_row < len(self._rows):
            return False
        before = self._rows[before_outline_row] if before_outline_row < len(self._rows) else None
        header = self._rows[outline_row]
        move = core.section_drop(self.transcript.items(), header, before)
        if self.operations.move_section_before(header, before) is not None or move is None:
            return False
        first, count, destination = move
        self.sectionMoved.emit(destination if destination < first else destination - count)
        return True


class OutlinePane(QWidget):
    sectionActivated = Signal(int)  # transcript row of the header

    def __init__(self, transcript: TranscriptModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptOutline")
        self.model = OutlineModel(transcript, self)
        self.list = QListView(self)
        self.list.setObjectName("outlineList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(OutlineDelegate(self.list))
        self.list.setDragEnabled(True)
        self.list.setAcceptDrops(True)
        self.list.setDropIndicatorShown(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setUniformItemSizes(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        self.list.setToolTip("Sections: click to jump, drag to reorder")
        self.list.clicked.connect(self._on_activated)
        self.model.sectionMoved.connect(self.sectionActivated)
        self.list.activated.connect(self._on_activated)
        self.empty_hint = QLabel(EMPTY_OUTLINE_HINT, self)
        self.empty_hint.setObjectName("outlineEmptyHint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty_hint.setMargin(8)
        self.empty_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.list)
        self.pages.addWidget(self.empty_hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.model.modelReset.connect(self._show_hint_if_empty)
        self.model.rowsInserted.connect(self._show_hint_if_empty)
        self.model.rowsRemoved.connect(self._show_hint_if_empty)
        self._show_hint_if_empty()

    def preferred_width(self) -> int:
        """Wide enough for a typical section title (about 45 characters) and its time."""
        metrics = self.list.fontMetrics()
        gutter = metrics.horizontalAdvance("0:00:00") + 8
        title = metrics.averageCharWidth() * TYPICAL_TITLE_CHARACTERS
        scroll_bar = self.list.verticalScrollBar().sizeHint().width()
        return gutter + title + scroll_bar + 2 * self.list.frameWidth() + 16

    def _show_hint_if_empty(self, *_args: object) -> None:
        empty = self.model.rowCount() == 0
        self.pages.setCurrentWidget(self.empty_hint if empty else self.list)

    def _on_activated(self, index: QModelIndex) -> None:
        row = index.data(TranscriptRowRole)
        if isinstance(row, int):
            self.sectionActivated.emit(row)

    def select_section_of(self, transcript_row: int) -> None:
        """Highlight the section holding ``transcript_row`` (as the table's cursor moves)."""
        outline_row = bisect.bisect_right(self.model.header_rows(), transcript_row) - 1
        selection = self.list.selectionModel()
        if outline_row < 0:
            selection.clearSelection()
            return
        index = self.model.index(outline_row)
        if self.list.currentIndex() != index:
            self.list.setCurrentIndex(index)

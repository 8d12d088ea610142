"""The transcript table view: uniform row heights, full-width header rows, row drag and drop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QWidget,
)

from editor.qt.editing.cell_editors import (
    commit_cell_editor,
    discard_cell_editor,
    open_cell_editor,
)
from editor.qt.tabs.transcript.delegates import SpeakerDelegate, TextDelegate, TimeDelegate
from editor.qt.tabs.transcript.model import SPEAKER, TEXT, TIME, TranscriptModel

TEXT_LINES_PER_ROW = 2
# Colours that mark the selection; a view with focus may show them otherwise than one without.
SELECTION_ROLES = (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText)


class TranscriptView(QTableView):
    def __init__(self, model: TranscriptModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptTable")
        self.setModel(model)
        self.time_delegate = TimeDelegate(self)
        self.speaker_delegate = SpeakerDelegate(self)
        self.text_delegate = TextDelegate(self)
        self.setItemDelegateForColumn(TIME, self.time_delegate)
        self.setItemDelegateForColumn(SPEAKER, self.speaker_delegate)
        self.setItemDelegateForColumn(TEXT, self.text_delegate)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)  # whole rows: Tab goes on to the next control
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        # DragDrop, not InternalMove: the model refuses rows from any other session anyway.
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        # One uniform height: the header never asks 10,000 rows for their size.
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().lineSpacing() * TEXT_LINES_PER_ROW + 8)
        columns = self.horizontalHeader()
        columns.setStretchLastSection(True)
        columns.setSectionResizeMode(TIME, QHeaderView.ResizeMode.Interactive)
        columns.setSectionResizeMode(SPEAKER, QHeaderView.ResizeMode.Interactive)
        columns.resizeSection(TIME, self.fontMetrics().horizontalAdvance("0:00:00") + 36)
        columns.resizeSection(SPEAKER, self.fontMetrics().horizontalAdvance("M" * 9))

        model.structureChanged.connect(self.refresh_spans)
        # Qt closes the editor of a reset model or a removed row without unhooking a column
        # delegate from it: the hidden editor then lost focus and the delegate committed it
        # ("commitData called with an editor that does not belong to this view"). Closing it
        # first, through the view, unhooks the delegate. The typing goes with its cell.
        model.modelAboutToBeReset.connect(lambda: discard_cell_editor(self))
        self.refresh_spans()

    def rowsAboutToBeRemoved(
        self, parent: QModelIndex | QPersistentModelIndex, start: int, end: int
    ) -> None:
        editor = open_cell_editor(self) if not parent.isValid() else None
        if editor is not None:
            model = self.model()
            columns = range(model.columnCount())
            if any(
                self.indexWidget(model.index(row, column)) is editor
                for row in range(start, end + 1)
                for column in columns
            ):
                self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        super().rowsAboutToBeRemoved(parent, start, end)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter on a row edits it, as in subtitle editors (Qt would only emit activated()).
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and plain
            and not self.is_editing()
            and self.currentIndex().isValid()
        ):
            row, column = self.currentIndex().row(), self.currentIndex().column()
            if self.transcript_model().is_header_row(row):
                column = TIME
            self.edit_cell(row, column)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._repaint_what_focus_changes(super().focusInEvent, event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._repaint_what_focus_changes(super().focusOutEvent, event)

    def _repaint_what_focus_changes(
        self, handler: Callable[[QFocusEvent], None], event: QFocusEvent
    ) -> None:
        """Qt repaints the whole viewport when the view gains or loses focus, which it does
        on every cell edit (the editor takes focus, Enter gives it back). Focus changes how
        the selected rows and the current cell look, and other cells only if the palette
        has other inactive colours for them: then Qt's repaint stays. Otherwise only those
        rows are repainted (about 3 rows instead of a screenful for one committed edit)."""
        viewport = self.viewport()
        updates = Qt.WidgetAttribute.WA_UpdatesDisabled
        palettes = (self.palette(), viewport.palette())
        if viewport.testAttribute(updates) or not all(map(_focus_changes_only_selection, palettes)):
            handler(event)
            return
        viewport.setAttribute(updates, True)
        try:
            handler(event)
        finally:
            viewport.setAttribute(updates, False)
        selection = self.selectionModel()
        region = self.visualRegionForSelection(selection.selection())
        current = self.currentIndex()
        if current.isValid():
            region = region.united(self.visualRect(current))
        viewport.update(region)

    def transcript_model(self) -> TranscriptModel:
        model = self.model()
        assert isinstance(model, TranscriptModel)
        return model

    def refresh_spans(self) -> None:
        """Header rows span all columns. Qt keeps spans across inserts and removals but not
        across moves or item replacements, so they are rebuilt (cheap: one per header)."""
        model = self.transcript_model()
        self.clearSpans()
        columns = model.columnCount()
        for row in model.header_rows():
            self.setSpan(row, 0, 1, columns)

    # -- selection helpers -------------------------------------------------------------

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def selected_rows(self) -> list[int]:
        model = self.selectionModel()
        rows = {index.row() for index in model.selectedRows()} if model is not None else set()
        if not rows and self.current_row() >= 0:
            rows = {self.current_row()}
        return sorted(rows)

    def select_rows(self, first: int, count: int = 1, column: int = TEXT) -> None:
        model = self.transcript_model()
        if model.rowCount() == 0:
            return
        first = max(0, min(first, model.rowCount() - 1))
        last = max(first, min(first + count - 1, model.rowCount() - 1))
        if model.is_header_row(first):
            column = TIME
        selection = self.selectionModel()
        current = model.index(first, column)
        selection.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)
        block = QItemSelection(model.index(first, 0), model.index(last, model.columnCount() - 1))
        selection.select(block, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(current, QAbstractItemView.ScrollHint.EnsureVisible)

    def scroll_to_row_top(self, row: int) -> None:
        model = self.transcript_model()
        if 0 <= row < model.rowCount():
            self.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)

    def edit_cell(self, row: int, column: int) -> None:
        index = self.transcript_model().index(row, column)
        if index.isValid():
            self.setCurrentIndex(index)
            self.edit(index)

    def commit_open_editor(self) -> None:
        """Commit what is being typed so an operation sees it."""
        commit_cell_editor(self)

    def is_editing(self) -> bool:
        return self.state() == QAbstractItemView.State.EditingState

    def index_at_row(self, row: int, column: int = TEXT) -> QModelIndex:
        return self.transcript_model().index(row, column)


def _focus_changes_only_selection(palette: QPalette) -> bool:
    """Whether cells that are neither selected nor current look the same with and without
    focus: every colour but the selection's is the same in the palette's active and
    inactive groups."""
    active, inactive = QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive
    for role in QPalette.ColorRole:
        if role in SELECTION_ROLES or role in (
            QPalette.ColorRole.NoRole,
            QPalette.ColorRole.NColorRoles,
        ):
            continue
        if palette.brush(active, role) != palette.brush(inactive, role):
            return False
    return True

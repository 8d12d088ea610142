"""The Transcript tab: an outline of sections beside a fast table of lines, with find/replace."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from editor.core.episode import transcript as core
from editor.qt.common.settings import Settings
from editor.qt.editing.session import EpisodeSession
from editor.qt.tabs.ownership import TabName, owner_of
from editor.qt.tabs.transcript.actions import TranscriptActions
from editor.qt.tabs.transcript.find_bar import FindReplaceBar
from editor.qt.tabs.transcript.model import TEXT, TIME, TranscriptModel, column_for_key
from editor.qt.tabs.transcript.operations import TranscriptOperations
from editor.qt.tabs.transcript.outline import OutlinePane
from editor.qt.tabs.transcript.view import TranscriptView

# Most of the outline's preferred width, but never more than this share of the tab.
OUTLINE_SHARE = 0.4


class TranscriptTab(QWidget):
    def __init__(
        self, session: EpisodeSession, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptTab")
        self.session = session
        self.settings = settings
        self.model = TranscriptModel(session, self)
        self.operations = TranscriptOperations(session)
        self.view = TranscriptView(self.model, self)
        self.outline = OutlinePane(self.model, self)
        self.find_bar = FindReplaceBar(self.model, self)
        self.find_bar.hide()
        self.status = QLabel(self)
        self.status.setObjectName("transcriptStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel(self)
        self.summary.setObjectName("transcriptSummary")
        self.transcript_actions = TranscriptActions(self.view, self.operations, self)

        table_side = QWidget(self)
        table_layout = QVBoxLayout(table_side)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.setSpacing(2)
        table_layout.addWidget(self.find_bar)
        table_layout.addWidget(self.view, 1)
        status_line = QHBoxLayout()
        status_line.setContentsMargins(4, 0, 4, 0)
        status_line.addWidget(self.status, 1)
        status_line.addWidget(self.summary)
        table_layout.addLayout(status_line)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("transcriptSplitter")
        self.splitter.addWidget(self.outline)
        self.splitter.addWidget(table_side)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        saved = settings.get(Settings.TRANSCRIPT_SPLITTER)
        # Without a remembered position the outline is sized on first show, from the width.
        self._outline_sized = not saved.isEmpty() and self.splitter.restoreState(saved)
        self.splitter.splitterMoved.connect(
            lambda *_: settings.set(Settings.TRANSCRIPT_SPLITTER, self.splitter.saveState())
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.outline.sectionActivated.connect(self._jump_to_section)
        self.find_bar.matchSelected.connect(self._show_match)
        self.find_bar.message.connect(self.show_message)
        self.find_bar.closed.connect(self._on_find_closed)
        self.find_bar.highlightChanged.connect(self._set_highlight)
        self.transcript_actions.message.connect(self.show_message)
        self.transcript_actions.findRequested.connect(self._open_find)
        self.model.editFailed.connect(self.show_message)
        self.model.modelReset.connect(self._on_reset)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        # The summary (line count, lines going back in time) follows edits after a pause.
        self._summary_timer = QTimer(self)
        self._summary_timer.setSingleShot(True)
        self._summary_timer.setInterval(300)
        self._summary_timer.timeout.connect(self._show_summary)
        session.dataEdited.connect(self._summary_timer.start)
        # A message belongs to the operation that made it: the next edit, undo or redo
        # replaces it (an operation's own message is shown after its edit).
        session.undo_stack.indexChanged.connect(self._clear_message)
        self._selection_message = False
        # Problems that came while the tab was behind another one in a shown window: they
        # mark their cells when the tab is shown (a file opens on the Metadata tab).
        self._pending_problems: list[Any] | None = None
        self._on_reset()

    # -- the tab API used by the main window ------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending_problems is not None:
            problems, self._pending_problems = self._pending_problems, None
            self.model.set_problems(problems)
        if not self._outline_sized and self.width() > 0:
            self._outline_sized = True
            width = self.splitter.width()
            outline = min(self.outline.preferred_width(), int(width * OUTLINE_SHARE))
            self.splitter.setSizes([outline, width - outline])

    def focus_first(self) -> None:
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def owns(self, path: Sequence[object]) -> bool:
        return owner_of(path) is TabName.TRANSCRIPT

    def focus_path(self, path: tuple[object, ...]) -> bool:
        if len(path) < 1 or path[0] != "transcript":
            return False
        if len(path) < 2 or not isinstance(path[1], int):
            self.view.setFocus()
            return self.model.rowCount() > 0 or path == ("transcript",)
        row = path[1]
        if not 0 <= row < self.model.rowCount():
            return False
        column = column_for_key(path[2]) if len(path) > 2 else TEXT
        if self.model.is_header_row(row):
            column = TIME
        self.view.select_rows(row, column=column)
        self.view.setFocus()
        return True

    def show_problems(self, problems: Sequence[Any]) -> None:
        if not self.isVisible() and self.window().isVisible():
            self._pending_problems = list(problems)
            return
        self._pending_problems = None
        self.model.set_problems(list(problems))

    # -- status line ---------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self._selection_message = False
        self.status.setText(text)

    def _clear_message(self, *_args: object) -> None:
        self.show_message("")

    def _show_summary(self) -> None:
        self.summary.setText(
            self._summary() if self.model.rowCount() else "This episode has no transcript."
        )

    def _summary(self) -> str:
        items = self.model.items()
        headers = len(self.model.header_rows())
        backwards = len(self.model.backwards())
        text = f"{len(items) - headers} lines in {headers} sections"
        if backwards:
            plural = "s" if backwards != 1 else ""
            text += f" · {backwards} line{plural} going back in time (Ctrl+Shift+B)"
        return text

    # -- reactions -------------------------------------------------------------------------

    def _on_reset(self) -> None:
        self._pending_problems = None  # the model dropped its problems too
        self.find_bar.refresh_speakers()
        self.show_message("")
        self._show_summary()

    def _on_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid():
            self.outline.select_section_of(current.row())

    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        rows = len(self.view.selectionModel().selectedRows())
        if rows > 1:
            self.show_message(f"{rows} rows selected")
            self._selection_message = True
        elif self._selection_message:
            self.show_message("")

    def _jump_to_section(self, row: int) -> None:
        self.view.scroll_to_row_top(row)
        self.view.select_rows(row, column=TIME)
        self.view.setFocus()

    def _open_find(self, replace: bool) -> None:
        seed = ""
        editor = self.view.text_delegate.active_editor
        if editor is not None and editor.textCursor().hasSelection():
            seed = editor.textCursor().selectedText()
        self.find_bar.open_find(replace, seed)

    def _set_highlight(self, query: object) -> None:
        delegate = self.view.text_delegate
        delegate.highlight = query.compiled() if isinstance(query, core.FindQuery) else None
        delegate.highlight_speaker = query.speaker if isinstance(query, core.FindQuery) else None
        self.view.viewport().update()

    def _on_find_closed(self) -> None:
        self._set_highlight(None)
        self.view.setFocus()

    def _show_match(self, row: int, start: int, end: int) -> None:
        column = TIME if self.model.is_header_row(row) else TEXT
        self.view.select_rows(row, column=column)
        self.view.scrollTo(self.model.index(row, column), self.view.ScrollHint.PositionAtCenter)
        self.show_message(f"Match in row {row + 1}")

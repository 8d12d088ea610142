"""The Clips tab: the clip table, the timeline, the lines of the selected clip, audio preview,
and syncing clips with transcript sections and YouTube chapter lists."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path as FilePath
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QObject,
    QPoint,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QHideEvent,
    QKeyEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.episode import clips as core
from editor.core.episode.timecode import format_hms
from editor.qt.common.rows import contiguous_blocks
from editor.qt.common.settings import Settings
from editor.qt.editing.session import EpisodeSession
from editor.qt.tabs.clips.audio import PREVIEW_PADDING
from editor.qt.tabs.clips.audio_bar import AudioBar
from editor.qt.tabs.clips.lines_panel import ClipLinesPanel
from editor.qt.tabs.clips.model import END, NAME, START, URL, ClipTableModel, column_for_key
from editor.qt.tabs.clips.operations import ClipOperations
from editor.qt.tabs.clips.sync import ClipSync
from editor.qt.tabs.clips.timeline import (
    NO_WAVEFORM_HINT,
    TimelineClip,
    TimelineContent,
    TimelineView,
)
from editor.qt.tabs.ownership import TabName, owner_of

AUDIO_FILTER = "Audio files (*.wav *.mp3 *.m4a *.aac *.ogg *.oga *.opus *.flac);;All files (*)"


class ClipsTab(QWidget):
    def __init__(
        self, session: EpisodeSession, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.model = ClipTableModel(session, self)
        self.operations = ClipOperations(session, self.model)
        self.sync = ClipSync(session, self.model, self.operations, self)
        self._noted_row = -1
        self.audio_bar = AudioBar(settings, self)
        self.player = self.audio_bar.player
        self.decoder = self.audio_bar.decoder
        self.audio_label = self.audio_bar.label

        self.table = self._build_table()
        self.lines_panel = ClipLinesPanel(self)
        self.timeline_view = TimelineView(self)
        self.timeline = self.timeline_view.timeline
        self.message = QLabel(self)
        self.message.setObjectName("clipsMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._build_actions()
        self.toolbar = self._build_toolbar()
        self.url_banner = self._build_url_banner()

        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(self.table)
        top.addWidget(self.lines_panel)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        top.setSizes([700, 420])
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("clipsSplitter")
        splitter.addWidget(top)
        splitter.addWidget(self.timeline_view)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.url_banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.audio_bar)
        self.audio_bar.attach_button.setDefaultAction(self.action_attach)
        layout.addWidget(self.message)

        self.action_stop.setEnabled(False)
        # Edits arrive in bursts (a macro of hundreds of steps): rebuild the timeline once,
        # when control returns to the event loop.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._refresh)
        # While another tab is on screen, edits only mark the timeline stale: rebuilding it
        # walks the whole transcript (200 ms at 10,000 items) on every edit made elsewhere.
        self._refresh_pending = False
        self._connect()
        self._on_document_replaced()

    # -- construction ----------------------------------------------------------------

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("clipsTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setTabKeyNavigation(False)  # whole rows: Tab goes on to the next control
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        table.setDragEnabled(True)
        table.setAcceptDrops(True)
        table.setDropIndicatorShown(True)
        table.setDragDropOverwriteMode(False)  # drop between rows, not onto them
        table.setDefaultDropAction(Qt.DropAction.MoveAction)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self._fit_columns_to_contents(header, fit=False)  # until the tab is shown
        header.setSectionResizeMode(URL, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(URL, 260)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setToolTip("")
        return table

    def _action(
        self,
        text: str,
        slot: Any,
        shortcut: str | QKeySequence | QKeySequence.StandardKey | None = None,
        tip: str = "",
        widgets: Sequence[QWidget] = (),
    ) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda *_: slot())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            if widgets:
                # Only while the table or the timeline has focus (not while typing in a cell).
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                for widget in widgets:
                    widget.addAction(action)
            else:
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.addAction(action)
        shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip or text.replace('&', '')}" + (f" ({shown})" if shown else ""))
        return action

    def _build_actions(self) -> None:
        views = (self.table, self.timeline)
        self.action_add = self._action(
            "&Add clip", self.add_clip, "Ctrl+Shift+N", "Add a clip after the selected one"
        )
        self.table.addAction(self.action_add)
        self.action_remove = self._action(
            "&Remove",
            self.remove_selected,
            QKeySequence.StandardKey.Delete,
            "Remove the selected clips",
            views,
        )
        self.action_up = self._action(
            "Move &up", lambda: self.move_selected(-1), "Alt+Up", "", views
        )
        self.action_down = self._action(
            "Move &down", lambda: self.move_selected(1), "Alt+Down", "", views
        )
        self.action_sort = self._action(
            "Sort by start", self.sort_by_start, None, "Order the clips by start time"
        )
        self.action_fix_url = self._action(
            "Fix &URL",
            self.fix_selected_urls,
            "Ctrl+Shift+U",
            "Make the selected clips' URLs follow ids.youtube and the start",
        )
        self.action_fix_all_urls = self._action(
            "Fix all URLs", self.fix_all_urls, None, "Fix every clip URL that disagrees"
        )
        self.action_open = self._action(
            "&Open at time",
            self.open_selected_url,
            "Ctrl+Shift+O",
            "Open the clip's URL in the browser",
        )
        self.action_from_sections = self._action(
            "Clips from &sections…",
            self.sync.clips_from_sections,
            None,
            "Propose one clip per transcript section",
        )
        self.action_import_file = self._action(
            "Import chapters from file…", self.sync.import_chapters_from_file
        )
        self.action_import_clipboard = self._action(
            "Import chapters from clipboard", self.sync.import_chapters_from_clipboard
        )
        self.action_export_file = self._action(
            "Export chapters to file…", self.sync.export_chapters_to_file
        )
        self.action_export_clipboard = self._action(
            "Copy chapters to clipboard", self.sync.export_chapters_to_clipboard
        )
        self.action_attach = self._action(
            "Attach audio…",
            self.choose_audio,
            None,
            "Pick the episode's audio file (kept in settings, not in the episode)",
        )
        self.action_play = self._action(
            "&Play clip", self.play_selected, "Space", "Play the selected clip", views
        )
        self.action_play_start = self._action(
            "Play around start",
            lambda: self.play_around_edge("start"),
            "[",
            f"Play ±{PREVIEW_PADDING:g} s around the clip's start",
            views,
        )
        self.action_play_end = self._action(
            "Play around end",
            lambda: self.play_around_edge("end"),
            "]",
            f"Play ±{PREVIEW_PADDING:g} s around the clip's end",
            views,
        )
        self.action_stop = self._action("&Stop", self.stop_playback, "Esc", "Stop playback", views)
        # Greyed out while there is no audio to play, the tooltip then says why.
        self.play_actions = [self.action_play, self.action_play_start, self.action_play_end]
        self.play_tips = {action: action.toolTip() for action in self.play_actions}
        self.nudge_actions = [
            self._action(text, lambda e=edge, d=delta: self.nudge(e, d), key, "", views)
            for text, edge, delta, key in (
                ("Start 1 s earlier", "start", -1, "Alt+Left"),
                ("Start 1 s later", "start", 1, "Alt+Right"),
                ("End 1 s earlier", "end", -1, "Alt+Shift+Left"),
                ("End 1 s later", "end", 1, "Alt+Shift+Right"),
            )
        ]

    def _build_toolbar(self) -> QToolBar:
        """The everyday buttons, and menus for the rest, so it fits a 1024-pixel window."""
        toolbar = QToolBar(self)
        toolbar.setObjectName("clipsToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.action_add, self.action_remove, self.action_up, self.action_down):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addWidget(self._build_play_button())
        toolbar.addAction(self.action_stop)
        toolbar.addSeparator()
        self.url_menu = self._toolbar_menu(
            toolbar,
            "URL",
            "clipsUrl",
            (self.action_fix_url, self.action_open, None, self.action_fix_all_urls),
        )
        self.sync_menu = self._toolbar_menu(
            toolbar,
            "Sections && chapters",
            "clipsSync",
            (
                self.action_from_sections,
                None,
                self.action_import_file,
                self.action_import_clipboard,
                None,
                self.action_export_file,
                self.action_export_clipboard,
                None,
                self.action_sort,
                self.action_fix_all_urls,
            ),
        )
        return toolbar

    def _build_play_button(self) -> QToolButton:
        """Play clip, with the previews around its edges on the arrow beside it.

        Attaching the audio is in the window's Audio menu and on the audio line below the
        timeline, so this toolbar has no second menu called "Audio".
        """
        self.play_menu = QMenu("Play", self)
        self.play_menu.setObjectName("clipsPlayMenu")
        for action in (self.action_play, self.action_play_start, self.action_play_end):
            self.play_menu.addAction(action)
        button = QToolButton(self)
        button.setObjectName("playClipButton")
        button.setDefaultAction(self.action_play)
        button.setMenu(self.play_menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def _toolbar_menu(
        self, toolbar: QToolBar, text: str, name: str, entries: Sequence[QAction | None]
    ) -> QMenu:
        menu = QMenu(text.replace("&&", "&"), self)
        menu.setObjectName(f"{name}Menu")
        for entry in entries:
            if entry is None:
                menu.addSeparator()
            else:
                menu.addAction(entry)
        button = QToolButton(self)
        button.setText(text)
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setObjectName(f"{name}Button")
        toolbar.addWidget(button)
        return menu

    def _build_url_banner(self) -> QWidget:
        banner = QWidget(self)
        banner.setObjectName("clipUrlBanner")
        banner.setStyleSheet(
            "#clipUrlBanner { background: rgba(255, 190, 0, 60); border-radius: 3px; }"
        )
        row = QHBoxLayout(banner)
        row.setContentsMargins(6, 2, 6, 2)
        self.url_banner_label = QLabel(banner)
        button = QPushButton("Fix all URLs", banner)
        button.setObjectName("fixAllUrlsButton")
        button.clicked.connect(self.fix_all_urls)
        row.addWidget(self.url_banner_label, 1)
        row.addWidget(button)
        banner.hide()
        return banner

    def _connect(self) -> None:
        self.session.documentReplaced.connect(self._on_document_replaced)
        self.session.dataEdited.connect(self._schedule_refresh)
        # A message belongs to the operation that made it: the next edit, undo or redo
        # replaces it (an operation's own message is shown after its edit).
        self.session.undo_stack.indexChanged.connect(self._clear_message)
        self.model.editFailed.connect(self.show_message)
        self.sync.message.connect(self.show_message)
        self.table.installEventFilter(self)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_: self._on_selection_changed()
        )
        self.timeline.clipClicked.connect(self._on_timeline_clicked)
        self.timeline.sectionClicked.connect(self._on_section_clicked)
        self.timeline.edgeDragFinished.connect(self._on_edge_dragged)
        self.timeline.dragPreview.connect(self._on_drag_preview)
        self.timeline.timeActivated.connect(lambda seconds: self.play_from(seconds))
        self.timeline.contextMenuAt.connect(self._timeline_menu)
        self.lines_panel.timeActivated.connect(lambda seconds: self.play_from(seconds))
        self.player.positionChanged.connect(self.timeline.set_cursor_time)
        self.player.playingChanged.connect(self._on_playing_changed)
        self.audio_bar.waveformChanged.connect(self.timeline.set_waveform)
        self.audio_bar.message.connect(self.show_message)
        self.audio_bar.sourceChanged.connect(lambda *_: self._on_selection_changed())
        self.audio_bar.sourceChanged.connect(lambda *_: self._show_waveform_hint())

    # -- the Problems dock's interface -----------------------------------------------

    def focus_first(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def owns(self, path: Sequence[object]) -> bool:
        return owner_of(path) is TabName.CLIPS

    def focus_path(self, path: tuple[object, ...]) -> bool:
        if not path or path[0] != core.CLIPS_KEY:
            return False
        if len(path) >= 2 and isinstance(path[1], int) and 0 <= path[1] < self.model.rowCount():
            column = column_for_key(path[2]) if len(path) > 2 else NAME
            self.select_rows([path[1]], current_column=column)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def show_problems(self, problems: Sequence[Any]) -> None:
        self.model.set_problems(problems)
        self._refresh_or_mark_stale()

    # -- selection ---------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return sorted(rows)

    def current_row(self) -> int:
        rows = self.selected_rows()
        current = self.table.currentIndex()
        if current.isValid() and current.row() in rows:
            return current.row()
        return rows[0] if rows else -1

    def select_rows(self, rows: Sequence[int], current_column: int = NAME) -> None:
        selection_model = self.table.selectionModel()
        selection = QItemSelection()
        last_column = self.model.columnCount() - 1
        for row in rows:
            selection.select(self.model.index(row, 0), self.model.index(row, last_column))
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        selection_model.select(selection, flags)
        if rows:
            index = self.model.index(rows[-1], current_column)
            selection_model.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(index)

    def _on_timeline_clicked(self, row: int, modifiers: Any) -> None:
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            rows = set(self.selected_rows()) ^ {row}
            self.select_rows(sorted(rows))
        else:
            self.select_rows([row])

    def _on_section_clicked(self, section: core.Section) -> None:
        """Select the clip that starts where the section does, or say there is none."""
        for row, clip in enumerate(self.model.clips()):
            if section.start is not None and core.clip_start(clip) == section.start:
                self.select_rows([row])
                return
        when = format_hms(section.start) if section.start is not None else "?"
        self.show_message(
            f"No clip starts where the section “{section.header}” does ({when}); "
            "Sections & chapters › Clips from sections proposes one."
        )

    def _on_selection_changed(self, *_: Any) -> None:
        rows = self.selected_rows()
        self.timeline.set_selected_rows(set(rows))
        row = self.current_row()
        clip = self.model.clip(row)
        has_clip = isinstance(clip, dict)
        for action in (self.action_remove, self.action_up, self.action_down):
            action.setEnabled(bool(rows))
        for action in self.nudge_actions:
            action.setEnabled(has_clip)
        self._enable_play_actions(has_clip)
        self.action_open.setEnabled(has_clip and core.is_openable_url(clip.get("url")))
        self.action_fix_url.setEnabled(any(r in self.model.rows_with_fixable_urls() for r in rows))
        if not has_clip:
            self.lines_panel.clear_clip()
            self._noted_row = -1
            return
        start, end = core.clip_start(clip), core.clip_end(clip)
        lines: list[core.TranscriptLine] = []
        if start is not None and end is not None:
            lines = core.lines_in_range(self.session.get(("transcript",), None), start, end)
        self.lines_panel.show_clip(core.clip_name(clip), start, end, lines)
        problems = self.model.problem_messages(row)
        check = self.model.url_check(row)
        notes = [*problems, *([check.message] if not check.ok else [])]
        # Only when the selection moves: a refresh after an edit keeps the edit's message.
        if notes and row != self._noted_row:
            self.show_message(f"Clip {row + 1}: {' '.join(notes)}")
        self._noted_row = row

    # -- content for the timeline ------------------------------------------------------

    def episode_duration(self) -> int:
        data = self.session.data
        duration = core.episode_duration(data)
        ends = [e for clip in self.model.clips() if (e := core.clip_end(clip)) is not None]
        return max([duration or 0, *ends, 60])

    def refresh_now(self) -> None:
        """Apply a pending refresh at once (the timeline, the actions, the lines panel)."""
        if self._refresh_timer.isActive() or self._refresh_pending:
            self._refresh()

    def _schedule_refresh(self) -> None:
        if self.isVisible():
            self._refresh_timer.start()
        else:
            self._refresh_pending = True

    def _refresh_or_mark_stale(self) -> None:
        """Refresh now on screen; behind another tab, the actions now and the timeline when
        the tab is shown (opening a file then does not build a timeline nobody sees)."""
        if self.isVisible():
            self._refresh()
        else:
            self._refresh_controls()
            self._refresh_timer.stop()
            self._refresh_pending = True

    @staticmethod
    def _fit_columns_to_contents(header: QHeaderView, fit: bool) -> None:
        """Start, End and Length fit their contents on screen; behind another tab they keep
        their width, or Qt measures every clip of each file opened meanwhile."""
        mode = (
            QHeaderView.ResizeMode.ResizeToContents if fit else QHeaderView.ResizeMode.Interactive
        )
        for column in range(1, 4):
            header.setSectionResizeMode(column, mode)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._fit_columns_to_contents(self.table.horizontalHeader(), fit=False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_columns_to_contents(self.table.horizontalHeader(), fit=True)
        if self._refresh_pending:
            self._refresh()

    def _refresh(self) -> None:
        self._refresh_timer.stop()
        self._refresh_pending = False
        self._refresh_timeline()
        self._refresh_controls()

    def _refresh_timeline(self) -> None:
        data = self.session.data
        clips = self.model.clips()
        transcript = data.get("transcript")
        duration = self.episode_duration()
        timeline_clips = [
            TimelineClip(row, core.clip_name(clip), start, end)
            for row, clip in enumerate(clips)
            if (start := core.clip_start(clip)) is not None
            and (end := core.clip_end(clip)) is not None
        ]
        self.timeline.set_content(
            TimelineContent(
                duration=duration,
                clips=timeline_clips,
                sections=core.transcript_sections(transcript, core.episode_duration(data)),
                intervals=core.overlaps_and_gaps(clips),
                line_times=core.line_times(transcript),
                flagged_rows=self.model.problem_rows() | set(self.model.rows_with_fixable_urls()),
            )
        )

    def _refresh_controls(self) -> None:
        clips = self.model.clips()
        self._on_selection_changed()
        has_document = self.session.document is not None
        for action in (
            self.action_add,
            self.action_from_sections,
            self.action_import_file,
            self.action_import_clipboard,
            self.action_attach,
        ):
            action.setEnabled(has_document)
        for action in (self.action_export_file, self.action_export_clipboard, self.action_sort):
            action.setEnabled(bool(clips))
        fixable = self.model.rows_with_fixable_urls()
        self.action_fix_all_urls.setEnabled(bool(fixable))
        if fixable:
            listed = ", ".join(str(row + 1) for row in fixable[:8]) + (
                "…" if len(fixable) > 8 else ""
            )
            noun = "URL disagrees" if len(fixable) == 1 else "URLs disagree"
            self.url_banner_label.setText(
                f"{len(fixable)} clip {noun} with ids.youtube or the start (clip {listed})."
            )
        self.url_banner.setVisible(bool(fixable))

    def _show_waveform_hint(self) -> None:
        bar = self.audio_bar
        if bar.path is not None and bar.missing:
            hint = f"No waveform: the audio file {FilePath(bar.path).name} is missing ({bar.path})."
        else:
            hint = NO_WAVEFORM_HINT
        self.timeline.set_waveform_hint(hint)

    def _on_document_replaced(self) -> None:
        self.player.stop()
        self.timeline.set_cursor_time(None)
        self.message.clear()
        self._refresh_or_mark_stale()
        self.audio_bar.restore(self._episode_key())

    # -- editing -----------------------------------------------------------------------

    def clips_editable(self) -> bool:
        """False (with a message) when there is no episode or ``quotableClips`` is not a list."""
        reason = self.operations.why_not_editable()
        if reason is not None:
            self.show_message(reason)
        return reason is None

    def add_clip(self) -> None:
        if not self.clips_editable():
            return
        row = self.current_row()
        at = row + 1 if row >= 0 else self.model.rowCount()
        self.operations.add_clip(at, self.episode_duration())
        self.select_rows([at])
        self.table.setFocus()
        self.table.edit(self.model.index(at, NAME))

    def remove_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        self.operations.remove_rows(rows)
        remaining = self.model.rowCount()
        if remaining:
            self.select_rows([min(rows[0], remaining - 1)])

    def move_selected(self, step: int) -> None:
        blocks = contiguous_blocks(self.selected_rows())
        if len(blocks) != 1:
            if blocks:
                self.show_message("Select one block of neighbouring clips to move it.")
            return
        first, count = blocks[0]
        new_first = self.operations.move_block(first, count, step)
        if new_first is not None:
            self.select_rows(list(range(new_first, new_first + count)))

    def sort_by_start(self) -> None:
        if not self.operations.sort_by_start():
            self.show_message("The clips are already in start order.")

    def fix_selected_urls(self) -> None:
        self._report_fixed(self.operations.fix_urls(self.selected_rows()))

    def fix_all_urls(self) -> None:
        self._report_fixed(self.operations.fix_urls(self.model.rows_with_fixable_urls()))

    def _report_fixed(self, count: int) -> None:
        if count == 0:
            self.show_message("No clip URL to fix.")
        else:
            self.show_message("Fixed the URL." if count == 1 else f"Fixed {count} URLs.")

    def _on_edge_dragged(self, edges: list[tuple[int, str]], seconds: int) -> None:
        """One undo step for the whole drag, the linked neighbour's edge included."""
        self.operations.move_edges(edges, seconds)
        row, edge = edges[0]
        self.select_rows([row], current_column=START if edge == "start" else END)

    def nudge(self, edge: str, delta: int) -> None:
        """Move the selected clip's start or end by ``delta`` seconds (keyboard precision)."""
        self.operations.nudge(self.current_row(), edge, delta)

    def _on_drag_preview(self, text: str) -> None:
        if text:
            self.show_message(text)

    def open_selected_url(self) -> None:
        clip = self.model.clip(self.current_row())
        url = clip.get("url") if isinstance(clip, dict) else None
        if not core.is_openable_url(url):
            self.show_message("Only http(s) URLs are opened in the browser.")
            return
        QDesktopServices.openUrl(QUrl(str(url).strip()))

    # -- audio -------------------------------------------------------------------------

    def _episode_key(self) -> str | None:
        document = self.session.document
        if document is None or document.path is None:
            return None
        return str(FilePath(document.path).resolve())

    @property
    def audio_path(self) -> str | None:
        return self.audio_bar.path

    def choose_audio(self) -> None:
        """Pick the audio file; when the attached one is missing, the dialog opens where it
        was, with its name, to find it again."""
        attached = self.audio_path
        caption = "Attach the episode's audio"
        start = str(FilePath(attached).parent) if attached else ""
        if attached is not None and not self.audio_bar.check_file():
            caption = f"Find the missing audio file {FilePath(attached).name}"
            folder = FilePath(attached).parent
            while not folder.is_dir() and folder != folder.parent:
                folder = folder.parent
            start = attached if folder == FilePath(attached).parent else str(folder)
        path, _ = QFileDialog.getOpenFileName(self, caption, start, AUDIO_FILTER)
        if path:
            self.attach_audio(path)

    def attach_audio(self, path: str) -> None:
        self.audio_bar.attach(path)

    def detach_audio(self) -> None:
        self.audio_bar.detach()

    def play_selected(self) -> None:
        clip = self.model.clip(self.current_row())
        start, end = core.clip_start(clip), core.clip_end(clip)
        if start is None:
            self.show_message("Select a clip with a start time to play it.")
            return
        self._play(start, end if end is not None and end > start else None)

    def play_from(self, seconds: float) -> None:
        self._play(seconds, None)

    def play_around_edge(self, edge: str) -> None:
        clip = self.model.clip(self.current_row())
        seconds = core.clip_start(clip) if edge == "start" else core.clip_end(clip)
        if seconds is None:
            self.show_message("Select a clip to check its cut.")
            return
        self._play(max(0.0, seconds - PREVIEW_PADDING), seconds + PREVIEW_PADDING)

    def _play(self, start: float, end: float | None) -> None:
        if not self.audio_bar.is_playable():
            return
        if self.player.play_range(start, end):
            self.timeline.set_cursor_time(start)
            span = (
                f"{format_hms(int(start))}–{format_hms(int(end))}"
                if end is not None
                else f"from {format_hms(int(start))}"
            )
            self.show_message(f"Playing {span}.")

    def stop_playback(self) -> None:
        self.player.stop()
        self.timeline.cancel_drag()

    def _enable_play_actions(self, has_clip: bool) -> None:
        has_audio = self.audio_bar.has_audio()
        why = "" if has_audio else self.audio_bar.why_no_audio()
        for action in self.play_actions:
            action.setEnabled(has_clip and has_audio)
            tip = self.play_tips[action]
            action.setToolTip(f"{why}\n{tip}" if why else tip)
            action.setStatusTip(why)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The key of a greyed-out play action (Space, [ or ]) does nothing in the table,
        rather than start editing the cell with that character typed in."""
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            pressed = QKeySequence(event.keyCombination())
            if any(a.shortcut() == pressed and not a.isEnabled() for a in self.play_actions):
                if not self.audio_bar.has_audio():
                    self.show_message(self.audio_bar.why_no_audio())
                return True
        return False

    def _on_playing_changed(self, playing: bool) -> None:
        self.action_stop.setEnabled(playing)

    def _timeline_menu(self, seconds: float, row: int, edge: str, global_pos: QPoint) -> None:
        if row >= 0:
            self.select_rows([row])
        menu = QMenu(self)
        play_here = menu.addAction(
            f"Play from {format_hms(int(seconds))}", lambda: self.play_from(seconds)
        )
        play_here.setEnabled(self.audio_bar.has_audio())
        if row >= 0:
            menu.addAction(self.action_play)
            menu.addAction(self.action_play_start)
            menu.addAction(self.action_play_end)
            self._add_clip_entries(menu)
        menu.addSeparator()
        menu.addAction(self.action_add)
        menu.exec(global_pos)

    def _add_clip_entries(self, menu: QMenu) -> None:
        nudge = menu.addMenu("Nudge")
        for action in self.nudge_actions:
            nudge.addAction(action)
        menu.addSeparator()
        for action in (self.action_fix_url, self.action_open, self.action_remove):
            menu.addAction(action)

    def _table_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        has_clip = isinstance(self.model.clip(self.current_row()), dict)
        for action in (self.action_add, self.action_up, self.action_down):
            menu.addAction(action)
        if has_clip:
            menu.addSeparator()
            for action in (self.action_play, self.action_play_start, self.action_play_end):
                menu.addAction(action)
            self._add_clip_entries(menu)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # -- messages ----------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def _clear_message(self, *_args: object) -> None:
        self.message.clear()

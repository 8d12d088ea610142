"""Plugs the window-wide audio features into the main window.

``install_audio(window)`` adds the transport bar (play/pause, position, speed, follow, tap
mode, analysis progress), the Audio menu with a shortcut for each action, follow playback
and tap timing in the Transcript tab, the spectrogram lane of the Clips timeline and Snap to
speech. The audio file is the one attached to the episode in the Clips tab (kept in the
settings per episode, never in the episode); the player is the Clips tab's, or any
``PlaybackClock`` given to ``set_player`` (tests give a fake clock).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QComboBox, QLabel, QProgressBar, QToolBar, QToolButton

from editor.core.episode import snap
from editor.core.episode.timecode import format_time
from editor.qt.common.actions import make_action
from editor.qt.common.elided_label import ElidedLabel
from editor.qt.common.settings import Settings
from editor.qt.features.audio import snap_dialog
from editor.qt.features.audio.analysis_job import AudioAnalyser, AudioAnalysis
from editor.qt.features.audio.clock import PlaybackClock
from editor.qt.features.audio.follow import TranscriptFollower
from editor.qt.tabs.transcript.model import TIME

if TYPE_CHECKING:
    from editor.qt.features.api import WindowApi

SPEEDS = (0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
SKIP_SECONDS = 5.0
JUMP_BACK_SECONDS = 2.0


def position_text(seconds: float) -> str:
    return f"{format_time(int(seconds))}.{int(seconds * 10) % 10}"


class AudioFeature(QObject):
    def __init__(self, window: WindowApi) -> None:
        super().__init__(window.qt_window)
        self.window = window
        self.settings: Settings = window.settings
        self.audio_bar = window.clips_tab.audio_bar
        self.transcript_tab = window.transcript_tab
        self.timeline = window.clips_tab.timeline
        self.player: PlaybackClock = self.audio_bar.player
        self.position = 0.0
        self.paused_at: float | None = None
        self.analysis: AudioAnalysis | None = None
        self.analysed_path: str | None = None
        self.max_shift = snap.DEFAULT_MAX_SHIFT
        self.analyser = AudioAnalyser(self)
        self.follower = TranscriptFollower(self.transcript_tab, self)
        self._build_actions()
        self.bar = self._build_bar()
        window.qt_window.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self.bar)
        self._build_menu()
        self._connect_player(self.player)
        self.analyser.progressed.connect(self._on_progress)
        self.analyser.analysed.connect(self._on_analysed)
        self.analyser.failed.connect(self._on_analysis_failed)
        self.analyser.cancelledByUser.connect(self._on_analysis_cancelled)
        self.audio_bar.sourceChanged.connect(self._on_audio_changed)
        # The file is decoded once, by the Clips tab's waveform: its samples feed the analysis.
        self.audio_bar.samplesDecoded.connect(self.analyser.take_samples)
        self.audio_bar.samplesFailed.connect(self.analyser.samples_failed)
        self.audio_bar.decodeProgressed.connect(self.analyser.decoding_progressed)
        self.transcript_tab.view.viewport().installEventFilter(self)
        # Back in the window: has the attached file been moved or deleted meanwhile?
        window.qt_window.installEventFilter(self)
        self._on_audio_changed()

    # -- construction ----------------------------------------------------------------

    def _action(
        self, text: str, slot: Any, shortcut: str, tip: str, checkable: bool = False
    ) -> QAction:
        window = self.window.qt_window
        action = make_action(window, text, slot, shortcut, add_to=window)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(checkable)
        shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({shown})")
        self.tips[action] = action.toolTip()
        return action

    def _build_actions(self) -> None:
        self.tips: dict[QAction, str] = {}  # each action's tooltip while audio is attached
        self.action_play = self._action(
            "Play/Pause", lambda *_: self.play_pause(), "Ctrl+Space", "Play or pause the audio"
        )
        self.action_back = self._action(
            "Back 5 s", lambda *_: self.skip(-SKIP_SECONDS), "Ctrl+Alt+Left", "Jump back 5 s"
        )
        self.action_forward = self._action(
            "Forward 5 s", lambda *_: self.skip(SKIP_SECONDS), "Ctrl+Alt+Right", "Jump ahead 5 s"
        )
        self.action_slower = self._action(
            "Slower", lambda *_: self.step_speed(-1), "Ctrl+Alt+Down", "Play slower"
        )
        self.action_faster = self._action(
            "Faster", lambda *_: self.step_speed(1), "Ctrl+Alt+Up", "Play faster"
        )
        self.action_play_line = self._action(
            "Play from line",
            lambda *_: self.play_from_line(),
            "Ctrl+Alt+P",
            "Play from the current transcript line's time (or double-click its time)",
        )
        self.action_follow = self._action(
            "Follow",
            lambda checked: self.follower.set_follow(bool(checked)),
            "Ctrl+Alt+F",
            "Highlight the line being spoken and keep it in view",
            checkable=True,
        )
        self.action_follow.setChecked(True)
        self.action_tap_mode = self._action(
            "Tap timing",
            lambda checked: self._set_tap_mode(bool(checked)),
            "Ctrl+Alt+T",
            "Tap timing mode: F9 sets the current line's time to the playhead, "
            "Shift+F9 to the playhead minus the reaction delay (Preferences)",
            checkable=True,
        )
        self.action_tap = self._action(
            "Tap: time line at playhead",
            lambda *_: self.tap(early=False),
            "F9",
            "Set the current line's time to the playhead and go to the next line",
        )
        self.action_tap_early = self._action(
            "Tap: time line at playhead minus reaction delay",
            lambda *_: self.tap(early=True),
            "Shift+F9",
            "Set the current line's time to the playhead minus the reaction delay",
        )
        self.action_snap = self._action(
            "Snap to speech…",
            lambda *_: self.snap_to_speech(),
            "Ctrl+Alt+S",
            "Move the selected line times (Transcript) or clip edges (Clips) to where "
            "speech starts, after a review",
        )
        self.action_cancel = QAction("Cancel", self.window.qt_window)
        self.action_cancel.setToolTip("Stop analysing the audio")
        self.action_cancel.triggered.connect(self.analyser.cancel)
        # Everything that needs the audio file: greyed out until one is attached.
        self.audio_actions = [
            self.action_play,
            self.action_back,
            self.action_forward,
            self.action_slower,
            self.action_faster,
            self.action_play_line,
            self.action_follow,
            self.action_tap_mode,
            self.action_snap,
        ]

    def _build_bar(self) -> QToolBar:
        bar = QToolBar("Audio", self.window.qt_window)
        bar.setObjectName("audioTransportBar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addAction(self.action_back)
        bar.addAction(self.action_play)
        bar.addAction(self.action_forward)
        self.position_label = QLabel(position_text(0), bar)
        self.position_label.setObjectName("audioPosition")
        self.position_label.setMinimumWidth(
            self.position_label.fontMetrics().horizontalAdvance("00:00:00.0  ")
        )
        bar.addWidget(self.position_label)
        self.speed_box = QComboBox(bar)
        self.speed_box.setObjectName("audioSpeed")
        self.speed_box.setToolTip("Playback speed (Ctrl+Alt+Up / Ctrl+Alt+Down)")
        for speed in SPEEDS:
            self.speed_box.addItem(f"{speed:g}×", speed)
        self.speed_box.setCurrentIndex(SPEEDS.index(1.0))
        self.speed_box.currentIndexChanged.connect(self._on_speed_chosen)
        self.speed_tip = self.speed_box.toolTip()
        bar.addWidget(self.speed_box)
        bar.addSeparator()
        bar.addAction(self.action_follow)
        bar.addAction(self.action_play_line)
        bar.addAction(self.action_tap_mode)
        bar.addAction(self.action_snap)
        bar.addSeparator()
        self.progress = QProgressBar(bar)
        self.progress.setObjectName("audioAnalysisProgress")
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(180)
        self.progress.setFormat("analysing audio %p%")
        self.progress_action = bar.addWidget(self.progress)
        self.cancel_button = QToolButton(bar)
        self.cancel_button.setDefaultAction(self.action_cancel)
        self.cancel_action = bar.addWidget(self.cancel_button)
        # Elided when the window is narrow (the tooltip has all of it), never pushing the
        # buttons behind the toolbar's ».
        self.message = ElidedLabel(
            parent=bar, preferred_width=520, elide_mode=Qt.TextElideMode.ElideRight
        )
        self.message.setObjectName("audioMessage")
        bar.addWidget(self.message)
        self._show_progress(False)
        return bar

    def _build_menu(self) -> None:
        menu = self.window.qt_window.menuBar().addMenu("&Audio")
        # A greyed-out entry says why when hovered (menus show no status tip for those).
        menu.setToolTipsVisible(True)
        tools = self.window.menus.get("tools")
        if tools is not None:
            self.window.qt_window.menuBar().insertMenu(tools.menuAction(), menu)
        # The one Audio menu: attaching the file (the Clips tab's action, window-wide here)
        # comes first, then the transport.
        attach = self.window.clips_tab.action_attach
        attach.setShortcut(QKeySequence("Ctrl+Alt+A"))
        attach.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        attach.setToolTip(
            "Pick the episode's audio file, kept in the settings, not in the episode (Ctrl+Alt+A)"
        )
        self.window.qt_window.addAction(attach)
        for entry in (
            attach,
            None,
            self.action_play,
            self.action_back,
            self.action_forward,
            self.action_slower,
            self.action_faster,
            None,
            self.action_follow,
            self.action_play_line,
            None,
            self.action_tap_mode,
            self.action_tap,
            self.action_tap_early,
            None,
            self.action_snap,
        ):
            if entry is None:
                menu.addSeparator()
            else:
                menu.addAction(entry)
        self.menu = menu

    # -- the player ------------------------------------------------------------------

    def set_player(self, player: PlaybackClock) -> None:
        """Use another clock (tests give a fake one without a sound card)."""
        old = self.player
        for signal, slot in (
            (old.positionChanged, self._on_position),
            (old.playingChanged, self._on_playing),
            (old.statusChanged, self.show_message),
        ):
            signal.disconnect(slot)
        self.player = player
        self._connect_player(player)

    def _connect_player(self, player: PlaybackClock) -> None:
        player.positionChanged.connect(self._on_position)
        player.playingChanged.connect(self._on_playing)
        player.statusChanged.connect(self.show_message)
        player.set_speed(self.speed_box.currentData())

    def _has_audio(self) -> bool:
        """True when the attached file is there; otherwise says why (and, when it has just
        gone missing, the controls grey out)."""
        if self.audio_bar.check_file():
            return True
        self.show_message(self.audio_bar.why_no_audio())
        return False

    def play_pause(self) -> None:
        if self.player.is_playing():
            self.player.pause()
            self.paused_at = self.position
            return
        if not self._has_audio():
            return
        start = self.position
        if self.paused_at is not None and self.settings.get(Settings.AUDIO_JUMP_BACK):
            start = max(0.0, start - JUMP_BACK_SECONDS)
        self.paused_at = None
        self.play_from(start)

    def play_from(self, seconds: float) -> None:
        if not self._has_audio():
            return
        self.position = max(0.0, seconds)
        self._show_position()
        self.player.play_from(self.position)

    def skip(self, delta: float) -> None:
        target = max(0.0, self.position + delta)
        if self.player.is_playing():
            self.play_from(target)
        else:
            self.position = target
            self._show_position()

    def step_speed(self, step: int) -> None:
        index = min(len(SPEEDS) - 1, max(0, self.speed_box.currentIndex() + step))
        self.speed_box.setCurrentIndex(index)

    def _on_speed_chosen(self, index: int) -> None:
        speed = SPEEDS[index]
        self.player.set_speed(speed)
        self.show_message(f"Speed {speed:g}×")

    def play_from_line(self) -> None:
        row = self.follower.current_line_row()
        seconds = None
        if row >= 0:
            from editor.core.episode.transcript import item_seconds

            seconds = item_seconds(self.transcript_tab.model.item(row))
        if seconds is None:
            self.show_message("Put the cursor on a timed transcript line to play from it.")
            return
        self.play_from(seconds)

    def _on_position(self, seconds: float) -> None:
        self.position = seconds
        self._show_position()
        self.follower.show_position(seconds)
        self.timeline.set_cursor_time(seconds)

    def _on_playing(self, playing: bool) -> None:
        self.action_play.setText("Pause" if playing else "Play")

    def _show_position(self) -> None:
        self.position_label.setText(position_text(self.position))

    # -- tap timing --------------------------------------------------------------------

    def _set_tap_mode(self, on: bool) -> None:
        tapping = on and self.action_tap_mode.isEnabled()
        self.action_tap.setEnabled(tapping)
        self.action_tap_early.setEnabled(tapping)
        if tapping:
            self.show_message(
                "Tap timing: play, then F9 at each line's start (Shift+F9: minus the reaction "
                "delay). Each tap is one undo step."
            )

    def tap(self, early: bool) -> None:
        if not self.action_tap_mode.isChecked():
            return
        seconds = self.position
        if early:
            seconds -= self.settings.get(Settings.TAP_REACTION_DELAY_MS) / 1000.0
        refusal = self.follower.tap(max(0.0, seconds))
        if refusal:
            self.show_message(refusal)

    # -- double-click a time to play from there ------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate and watched is self.window.qt_window:
            self.audio_bar.check_file()
            return False
        if event.type() == QEvent.Type.MouseButtonDblClick and isinstance(event, QMouseEvent):
            view = self.transcript_tab.view
            index = view.indexAt(event.position().toPoint())
            if index.isValid() and index.column() == TIME and self.audio_bar.has_audio():
                view.setCurrentIndex(index)
                self.play_from_line()
                return True  # F2 or typing still edits the time
        return False

    # -- analysis: spectrogram and speech onsets ---------------------------------------

    def _enable_transport(self, why_not: str) -> None:
        """Grey out what needs the audio (with a tip saying ``why_not``: where to attach it,
        or which file is missing) until a file is attached and there; Attach audio… itself is
        the Clips tab's, always enabled."""
        attached = not why_not
        for action in self.audio_actions:
            action.setEnabled(attached)
            tip = self.tips[action]
            action.setToolTip(tip if attached else f"{why_not}\n{tip}")
            action.setStatusTip(why_not)
        self.speed_box.setEnabled(attached)
        self.speed_box.setToolTip(self.speed_tip if attached else f"{why_not}\n{self.speed_tip}")
        if not attached and self.action_tap_mode.isChecked():
            self.action_tap_mode.setChecked(False)
        self._set_tap_mode(self.action_tap_mode.isChecked())

    def _on_audio_changed(self, *_: Any) -> None:
        has_audio = self.audio_bar.has_audio()
        why_not = "" if has_audio else self.audio_bar.why_no_audio()
        self._enable_transport(why_not)
        if not has_audio:  # the bar says why instead of playing nothing
            if self.player.is_playing():
                self.player.pause()
            self.show_message(why_not)
        path = self.audio_bar.path if has_audio else None
        if path == self.analysed_path:
            return
        self.analysed_path = path
        self.analysis = None
        self.timeline.set_spectrogram(None)
        self.follower.clear()
        self.analyser.stop()
        self._show_progress(False)
        if path is None:
            return
        self.progress.setValue(0)
        self._show_progress(True)
        self.analyser.start(path)

    def _show_progress(self, shown: bool) -> None:
        self.progress_action.setVisible(shown)
        self.cancel_action.setVisible(shown)

    def _on_progress(self, percent: int) -> None:
        self.progress.setValue(percent)

    def _on_analysed(self, analysis: AudioAnalysis) -> None:
        self._show_progress(False)
        if analysis.path != self.audio_bar.path:
            return
        self.analysis = analysis
        from editor.qt.tabs.clips.spectrogram_lane import SpectrogramLane  # numpy

        self.timeline.set_spectrogram(SpectrogramLane(analysis.spectrogram))
        self.show_message(f"{len(analysis.onsets)} speech starts found.")

    def _on_analysis_failed(self, message: str) -> None:
        self._show_progress(False)
        self.show_message(f"No spectrogram: {message}")

    def _on_analysis_cancelled(self) -> None:
        self._show_progress(False)
        self.show_message("Audio analysis cancelled: no spectrogram, no snapping.")

    # -- snapping ----------------------------------------------------------------------

    def snap_to_speech(self) -> None:
        if self.analysis is None:
            if self.analyser.is_running():
                self.show_message(f"The audio is still being analysed ({self.progress.value()} %).")
            elif self._has_audio():
                self.show_message("Snap to speech needs the audio's analysis, which failed.")
            return
        session = self.window.session
        data = session.data
        if not isinstance(data, dict):
            return
        on_clips = self.window.tabs.currentWidget() is self.window.clips_tab
        if on_clips:
            rows = self.window.clips_tab.selected_rows()
            if not rows:
                self.show_message("Select the clips whose start and end to snap.")
                return
            edges = [(row, edge) for row in rows for edge in (snap.CLIP_START, snap.CLIP_END)]
            moves = snap.plan_snap(data, self.analysis.onsets, self.max_shift, [], edges)
        else:
            selection = self.transcript_tab.view.selectionModel().selectedRows()
            lines = sorted({index.row() for index in selection}) or None
            moves = snap.plan_snap(data, self.analysis.onsets, self.max_shift, lines)
        if not moves:
            self.show_message(
                f"Nothing to snap: every chosen time is on a speech start or more than "
                f"{self.max_shift:g} s from one."
            )
            return
        style = self.transcript_tab.model.time_style()
        chosen = snap_dialog.review_snap_moves(self.window.qt_window, moves, style, self.max_shift)
        if not chosen:
            return
        edits = snap.snap_edits(data, chosen, style)
        count = len(chosen)
        session.push_edits(edits, f"Snap {count} time{'s' if count != 1 else ''} to speech")
        self.show_message(f"Snapped {count} time{'s' if count != 1 else ''} to speech.")

    def show_message(self, text: str) -> None:
        self.message.setText(text)


def install_audio(window: WindowApi) -> AudioFeature:
    return AudioFeature(window)

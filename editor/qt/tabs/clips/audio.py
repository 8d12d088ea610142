"""Audio preview: play a range of the attached file with QtMultimedia.

QtMultimedia is imported lazily, the first time something is played, so opening the tab
never touches the audio system (and never prints its warnings). When it cannot load, or
there is no output device, ``status`` says why; the rest of the tab keeps working.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

PREVIEW_PADDING = 2.0  # seconds either side of a boundary for "play around"


class AudioPlayer(QObject):
    positionChanged = Signal(float)  # seconds, while playing
    playingChanged = Signal(bool)
    statusChanged = Signal(str)  # human-readable state: why playback is unavailable, errors

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source: str | None = None
        self.status = ""
        self.unavailable_reason: str | None = None
        self._player: Any = None
        self._output: Any = None
        self._stop_at: float | None = None
        self._pending_start: float | None = None
        self._loaded_source: str | None = None
        self.speed = 1.0
        self._timer = QTimer(self)
        self._timer.setInterval(30)
        self._timer.timeout.connect(self._tick)

    # -- set-up ----------------------------------------------------------------------

    def set_source(self, path: str | None) -> None:
        self.stop()
        self.source = path
        self._set_status("" if path else "No audio attached.")

    def _ensure_player(self) -> bool:
        if self._player is not None:
            return True
        if self.unavailable_reason is not None:
            return False
        try:
            from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer
        except ImportError as error:
            self.unavailable_reason = (
                f"Audio preview is unavailable: QtMultimedia could not be loaded ({error})."
            )
            self._set_status(self.unavailable_reason)
            return False
        self._player = QMediaPlayer(self)
        self._output = QAudioOutput(self)
        self._player.setAudioOutput(self._output)
        self._player.setPlaybackRate(self.speed)
        if hasattr(self._player, "setPitchCompensation"):  # Qt 6.10+: keep the voice's pitch
            self._player.setPitchCompensation(True)
        self._player.errorOccurred.connect(self._on_error)
        self._player.mediaStatusChanged.connect(self._on_media_status)
        self._player.playbackStateChanged.connect(self._on_state)
        if not QMediaDevices.audioOutputs():
            self._set_status(
                "No audio output device found: playback runs silently (the cursor still moves)."
            )
        return True

    def _load(self) -> bool:
        if not self.source:
            self._set_status("Attach the episode's audio first (Audio ▸ Attach audio…).")
            return False
        if not self._ensure_player():
            return False
        if self._loaded_source != self.source:
            self._player.setSource(QUrl.fromLocalFile(self.source))
            self._loaded_source = self.source
        return True

    # -- playing ---------------------------------------------------------------------

    def play_range(self, start: float, end: float | None = None) -> bool:
        """Play from ``start`` (seconds) until ``end`` (or the end of the file)."""
        if not self._load():
            return False
        self._stop_at = end
        self._pending_start = max(0.0, start)
        self._apply_pending_start()
        return True

    def play_from(self, seconds: float) -> bool:
        return self.play_range(seconds, None)

    def pause(self) -> None:
        self.stop()

    def set_speed(self, rate: float) -> None:
        """Playback speed (1.0 normal); the pitch is kept where the Qt backend allows."""
        self.speed = rate
        if self._player is not None:
            self._player.setPlaybackRate(rate)

    def play_around(self, seconds: float, padding: float = PREVIEW_PADDING) -> bool:
        return self.play_range(max(0.0, seconds - padding), seconds + padding)

    def stop(self) -> None:
        self._pending_start = None
        self._stop_at = None
        if self._player is not None:
            self._player.pause()
        self._timer.stop()

    def is_playing(self) -> bool:
        if self._player is None:
            return False
        from PySide6.QtMultimedia import QMediaPlayer

        return bool(self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState)

    def position(self) -> float:
        return 0.0 if self._player is None else self._player.position() / 1000.0

    def _apply_pending_start(self) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        status = self._player.mediaStatus()
        if status in (QMediaPlayer.MediaStatus.LoadingMedia, QMediaPlayer.MediaStatus.NoMedia):
            return  # _on_media_status starts it once loaded
        if self._pending_start is None:
            return
        self._player.setPosition(int(self._pending_start * 1000))
        self._pending_start = None
        self._player.play()
        self._timer.start()

    def _tick(self) -> None:
        if self._player is None:
            return
        seconds = self.position()
        self.positionChanged.emit(seconds)
        if self._stop_at is not None and seconds >= self._stop_at:
            self.stop()

    # -- QMediaPlayer notifications --------------------------------------------------

    def _on_media_status(self, status: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if status in (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia):
            self._apply_pending_start()
        elif status == QMediaPlayer.MediaStatus.EndOfMedia:
            self._timer.stop()
            self.positionChanged.emit(self.position())
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._set_status(f"The audio file cannot be played: {self._player.errorString()}")

    def _on_state(self, state: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        playing = state == QMediaPlayer.PlaybackState.PlayingState
        if not playing:
            self._timer.stop()
        self.playingChanged.emit(playing)

    def _on_error(self, error: Any, message: str) -> None:
        self._set_status(f"Audio error: {message or error}")
        self._pending_start = None
        self._timer.stop()

    def _set_status(self, text: str) -> None:
        if text != self.status:
            self.status = text
            self.statusChanged.emit(text)

"""The audio line of the Clips tab: which file is attached, decoding progress, Detach.

Owns the player and the waveform decoder (and hands on the samples it decoded, for the audio
analysis). The attached file is remembered in the settings per episode path (never written into
the episode). An attached file that is not there (moved or deleted) counts as no audio until
it is found again: ``check_file`` notices, when the episode opens, when the window is
activated and when something is about to play.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from editor.qt.common.settings import Settings
from editor.qt.tabs.clips.audio import AudioPlayer
from editor.qt.tabs.clips.waveform import WaveformDecoder

NO_AUDIO_HINT = "Attach audio first (Audio ▸ Attach audio…, Ctrl+Alt+A)"


def missing_audio_hint(path: str) -> str:
    return (
        f"The audio file is missing: {path}. Find it again with Audio ▸ Attach audio… (Ctrl+Alt+A)."
    )


class AudioBar(QWidget):
    waveformChanged = Signal(object)  # Waveform | None
    # The attached file's path (or None), or whether it is there, changed.
    sourceChanged = Signal(object)
    message = Signal(str)  # for the tab's message line
    # The samples decoded for the waveform, for the audio analysis (reading an hour of audio
    # once is enough). Emitted after ``sourceChanged``.
    samplesDecoded = Signal(str, object)  # path, Pcm
    samplesFailed = Signal(str, str)  # path, why it could not be decoded
    decodeProgressed = Signal(int)  # percent

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.path: str | None = None
        self.missing = False  # the attached file was not there when last looked at
        self.episode_key: str | None = None
        self.player = AudioPlayer(self)
        self.decoder = WaveformDecoder(self)
        self.label = QLabel(self)
        self.label.setObjectName("audioStatus")
        self.label.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("waveformProgress")
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(160)
        self.progress.setFormat("waveform %p%")
        self.progress.hide()
        # Shows the tab's Attach audio… action while no file is attached.
        self.attach_button = QToolButton(self)
        self.attach_button.setObjectName("attachAudioButton")
        self.attach_button.setAutoRaise(True)
        self.detach_button = QToolButton(self)
        self.detach_button.setText("Detach")
        self.detach_button.setToolTip("Forget the audio file attached to this episode")
        self.detach_button.setAutoRaise(True)
        self.detach_button.clicked.connect(self.detach)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.progress)
        row.addWidget(self.attach_button)
        row.addWidget(self.detach_button)
        self.player.statusChanged.connect(self._update_label)
        self.decoder.progressed.connect(self.progress.setValue)
        self.decoder.progressed.connect(self.decodeProgressed)
        self.decoder.samplesDecoded.connect(self.samplesDecoded)
        self.decoder.samplesFailed.connect(self.samplesFailed)
        self.decoder.decoded.connect(self._on_waveform)
        self.decoder.failed.connect(self._on_waveform_failed)
        self._load(None)

    # -- which file ------------------------------------------------------------------

    def restore(self, episode_key: str | None) -> None:
        """Show the audio remembered for this episode (``None``: no episode file)."""
        self.episode_key = episode_key
        self._load(self.settings.audio_file(episode_key) if episode_key else None)

    def attach(self, path: str) -> None:
        if self.episode_key is not None:
            self.settings.set_audio_file(self.episode_key, path)
        self._load(path)

    def detach(self) -> None:
        if self.episode_key is not None:
            self.settings.set_audio_file(self.episode_key, None)
        self._load(None)

    def has_audio(self) -> bool:
        """A file is attached and was there when last looked at (``check_file`` looks)."""
        return self.path is not None and not self.missing

    def why_no_audio(self) -> str:
        return NO_AUDIO_HINT if self.path is None else missing_audio_hint(self.path)

    def check_file(self) -> bool:
        """Look whether the attached file is there; when it went missing or came back, the
        bar changes as when the episode is opened that way. True when it is there."""
        if self.path is None:
            return False
        there = Path(self.path).is_file()
        if there == self.missing:
            self._load(self.path)
        return there

    def is_playable(self) -> bool:
        """True when a file is attached and is there; otherwise says why on ``message``."""
        if not self.check_file():
            self.message.emit(self.why_no_audio())
            return False
        return True

    def _load(self, path: str | None) -> None:
        path = path or None
        missing = path is not None and not Path(path).is_file()
        self.decoder.cancel()
        self.player.set_source(None if missing else path)
        self.waveformChanged.emit(None)
        changed = (path, missing) != (self.path, self.missing)
        self.path = path
        self.missing = missing
        if changed:
            self.sourceChanged.emit(path)
        self.detach_button.setVisible(path is not None)
        # While the file is missing, Attach audio… is how to find it again.
        self.attach_button.setVisible(path is None or missing)
        self.progress.hide()
        self._update_label()
        if path is None or missing:
            return
        self.progress.setValue(0)
        self.progress.show()
        self.decoder.start(path)

    def _update_label(self, *_: Any) -> None:
        if self.path is None:
            text = (
                "No audio attached: use Audio ▸ Attach audio… to hear clips and see the waveform."
            )
        elif self.missing:
            text = missing_audio_hint(self.path)
        else:
            text = f"Audio: {Path(self.path).name}"
            if self.player.status:
                text += f" — {self.player.status}"
        self.label.setText(text)
        self.label.setToolTip(self.path or "")

    def _on_waveform(self, waveform: object) -> None:
        self.progress.hide()
        self.waveformChanged.emit(waveform)

    def _on_waveform_failed(self, message: str) -> None:
        self.progress.hide()
        self.message.emit(f"No waveform: {message}")

"""Decoding an audio file of any format QtMultimedia reads (MP3, M4A/AAC, FLAC, OGG...) into
mono float samples, on the event loop (``QAudioDecoder`` is asynchronous), with progress.

One decode serves both the Clips tab's waveform and the audio analysis (spectrogram, speech
starts): the Clips tab runs it and hands the samples on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QUrl, Signal

from editor.core.audio import ANALYSIS_RATE

if TYPE_CHECKING:  # numpy is imported when a file is decoded, not with the window
    import numpy as np


def buffer_samples(raw: bytes, bytes_per_sample: int, is_float: bool, channels: int) -> np.ndarray:
    """Interleaved PCM bytes as mono float32 samples in -1..1 (channels averaged)."""
    import numpy as np

    if bytes_per_sample == 2:
        values = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    elif bytes_per_sample == 4 and is_float:
        values = np.frombuffer(raw, dtype="<f4").copy()
    elif bytes_per_sample == 4:
        values = np.frombuffer(raw, dtype="<i4").astype(np.float32) / 2147483648.0
    else:
        values = np.frombuffer(raw, dtype=np.uint8).astype(np.float32) / 128.0 - 1.0
    channels = max(1, channels)
    usable = len(values) - len(values) % channels
    if channels == 1:
        return values[:usable]
    return values[:usable].reshape(-1, channels).mean(axis=1).astype(np.float32)


class PcmDecoder(QObject):
    """Decodes one file at a time into a ``Pcm``; starting another cancels the previous one."""

    progressed = Signal(int)  # percent, 0..99 while decoding
    decoded = Signal(object)  # Pcm
    failed = Signal(str)  # why there are no samples

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._decoder: Any = None  # QAudioDecoder, imported only when a file needs it
        self._chunks: list[np.ndarray] = []
        self._rate = 0.0
        self.path = ""

    def is_running(self) -> bool:
        return self._decoder is not None

    def start(self, path: str, rate: int = ANALYSIS_RATE) -> None:
        """Decode ``path`` to mono samples at ``rate`` (the backend resamples); the answer
        comes on ``decoded`` or ``failed`` (at once when QtMultimedia cannot load)."""
        self.cancel()
        try:
            from PySide6.QtMultimedia import QAudioDecoder, QAudioFormat
        except ImportError as error:
            self.failed.emit(f"QtMultimedia could not be loaded ({error}).")
            return
        decoder = QAudioDecoder(self)
        if not decoder.isSupported():
            decoder.deleteLater()
            self.failed.emit("This Qt has no audio decoding backend: attach a WAV file instead.")
            return
        audio_format = QAudioFormat()
        audio_format.setSampleRate(rate)
        audio_format.setChannelCount(1)
        audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        decoder.setAudioFormat(audio_format)
        decoder.setSource(QUrl.fromLocalFile(path))
        decoder.bufferReady.connect(self._read_buffer)
        decoder.finished.connect(self._finished)
        decoder.error.connect(self._error)
        self._decoder = decoder
        self._chunks = []
        self._rate = 0.0
        self.path = path
        decoder.start()

    def cancel(self) -> None:
        decoder, self._decoder = self._decoder, None
        self._chunks = []
        if decoder is not None:
            decoder.stop()
            decoder.deleteLater()

    def _signalling_decoder(self) -> Any:
        """The running decoder if it sent the signal being handled (not a cancelled one)."""
        decoder = self._decoder
        return decoder if decoder is not None and self.sender() is decoder else None

    def _read_buffer(self) -> None:
        decoder = self._signalling_decoder()
        if decoder is None:
            return
        buffer = decoder.read()
        if not buffer.isValid():
            return
        fmt = buffer.format()
        self._chunks.append(
            buffer_samples(
                bytes(buffer.constData()),
                fmt.bytesPerSample(),
                fmt.sampleFormat() == fmt.SampleFormat.Float,
                fmt.channelCount(),
            )
        )
        self._rate = float(fmt.sampleRate())
        duration = decoder.duration()
        if duration > 0:
            self.progressed.emit(min(99, int(decoder.position() * 100 / duration)))

    def _finished(self) -> None:
        decoder = self._signalling_decoder()
        if decoder is None:
            return
        self._decoder = None
        decoder.deleteLater()
        chunks, self._chunks = self._chunks, []
        import numpy as np

        from editor.core.audio import Pcm

        samples = np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
        self.decoded.emit(Pcm(samples, self._rate or 1.0))

    def _error(self, *_: object) -> None:
        decoder = self._signalling_decoder()
        if decoder is None:
            return
        self._decoder = None
        message = decoder.errorString() or "the audio could not be decoded"
        decoder.deleteLater()
        self._chunks = []
        self.failed.emit(message)

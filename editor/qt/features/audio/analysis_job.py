"""Analysing the attached audio in the background: samples, speech onsets, spectrogram.

WAV files are read by ``load_pcm`` on a worker thread; other formats (MP3, M4A/AAC, FLAC...)
are decoded by QtMultimedia's ``QAudioDecoder`` (asynchronous, never blocking the window)
and then analysed on the worker thread. One file at a time, with progress and cancel;
results are kept per file (path, size and modification time) for as long as the window
lives, so switching episodes back and forth does not compute them again.
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QThread, QUrl, Signal

from editor.core.audio import (
    ANALYSIS_RATE,
    AudioCancelled,
    AudioError,
    Pcm,
    Spectrogram,
    load_pcm,
    spectrogram,
    speech_onsets,
)


@dataclass(frozen=True)
class AudioAnalysis:
    path: str
    onsets: list[float]
    spectrogram: Spectrogram


def file_key(path: str) -> tuple[str, int, int]:
    info = os.stat(path)
    return (os.path.abspath(path), info.st_size, info.st_mtime_ns)


class _AnalysisThread(QThread):
    progressed = Signal(int)
    finishedAnalysis = Signal(object)  # AudioAnalysis
    failed = Signal(str)

    def __init__(self, path: str, pcm: Pcm | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.pcm = pcm  # already decoded (by QAudioDecoder), else read from the WAV file
        self.stop_flag = threading.Event()

    def run(self) -> None:
        try:
            pcm = self.pcm or load_pcm(
                self.path,
                max_rate=ANALYSIS_RATE,
                progress=lambda percent: self.progressed.emit(percent * 6 // 10),
                cancelled=self.stop_flag.is_set,
            )
            onsets = speech_onsets(pcm.samples, pcm.rate)
            result = spectrogram(
                pcm.samples,
                pcm.rate,
                progress=lambda percent: self.progressed.emit(60 + percent * 4 // 10),
                cancelled=self.stop_flag.is_set,
            )
        except AudioCancelled:
            return
        except (AudioError, OSError, MemoryError) as error:
            self.failed.emit(str(error))
            return
        self.finishedAnalysis.emit(AudioAnalysis(self.path, onsets, result))


class AudioAnalyser(QObject):
    progressed = Signal(int)  # percent
    analysed = Signal(object)  # AudioAnalysis
    failed = Signal(str)
    cancelledByUser = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: _AnalysisThread | None = None
        self._decoder: Any = None  # QAudioDecoder for formats other than WAV
        self._chunks: list[np.ndarray] = []
        self._decoded_rate = 0.0
        self._decoding_path = ""
        self._cache: dict[tuple[str, int, int], AudioAnalysis] = {}
        self.destroyed.connect(_stopper(self))

    def is_running(self) -> bool:
        return self._thread is not None or self._decoder is not None

    def start(self, path: str) -> None:
        """Analyse ``path`` (at once from the cache when it was analysed before)."""
        self._stop_thread()
        try:
            key = file_key(path)
        except OSError as error:
            self.failed.emit(f"{path}: {error.strerror or error}")
            return
        cached = self._cache.get(key)
        if cached is not None:
            self.progressed.emit(100)
            self.analysed.emit(cached)
            return
        if Path(path).suffix.lower() in (".wav", ".wave"):
            self._start_thread(path, None)
        else:
            self._start_decoder(path)

    def _start_thread(self, path: str, pcm: Pcm | None) -> None:
        thread = _AnalysisThread(path, pcm, self)
        thread.progressed.connect(self.progressed)
        thread.finishedAnalysis.connect(self._finished)
        thread.failed.connect(self._failed)
        self._thread = thread
        thread.start()

    def cancel(self) -> None:
        """The user's Cancel: stops and says so on ``cancelledByUser``."""
        if self.is_running():
            self._stop_thread()
            self.cancelledByUser.emit()

    def stop(self) -> None:
        """Stops without a word (the file was detached or another one attached)."""
        self._stop_thread()

    # -- other formats: QAudioDecoder on the event loop, then the analysis thread --------

    def _start_decoder(self, path: str) -> None:
        try:
            from PySide6.QtMultimedia import QAudioDecoder, QAudioFormat
        except ImportError as error:
            self.failed.emit(f"QtMultimedia could not be loaded to decode this file ({error}).")
            return
        decoder = QAudioDecoder(self)
        if not decoder.isSupported():
            decoder.deleteLater()
            self.failed.emit("This Qt has no audio decoder: attach a WAV file instead.")
            return
        audio_format = QAudioFormat()
        audio_format.setSampleRate(ANALYSIS_RATE)
        audio_format.setChannelCount(1)
        audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        decoder.setAudioFormat(audio_format)
        decoder.setSource(QUrl.fromLocalFile(path))
        decoder.bufferReady.connect(self._read_buffer)
        decoder.finished.connect(self._decoder_finished)
        decoder.error.connect(self._decoder_error)
        self._decoder = decoder
        self._decoding_path = path
        self._chunks = []
        decoder.start()

    def _read_buffer(self) -> None:
        decoder = self._decoder
        if decoder is None:
            return
        buffer = decoder.read()
        if not buffer.isValid():
            return
        fmt = buffer.format()
        channels = max(1, fmt.channelCount())
        raw = bytes(buffer.constData())
        if fmt.bytesPerSample() == 2:
            values = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
        elif fmt.bytesPerSample() == 4 and fmt.sampleFormat() == fmt.SampleFormat.Float:
            values = np.frombuffer(raw, dtype="<f4").copy()
        elif fmt.bytesPerSample() == 4:
            values = np.frombuffer(raw, dtype="<i4").astype(np.float32) / 2147483648.0
        else:
            values = np.frombuffer(raw, dtype=np.uint8).astype(np.float32) / 128.0 - 1.0
        usable = len(values) - len(values) % channels
        self._chunks.append(values[:usable].reshape(-1, channels).mean(axis=1))
        self._decoded_rate = float(fmt.sampleRate())
        duration = decoder.duration()
        if duration > 0:
            self.progressed.emit(min(59, int(decoder.position() * 60 / duration)))

    def _decoder_finished(self) -> None:
        if self._decoder is None:
            return
        self._drop_decoder(stop=False)
        samples = np.concatenate(self._chunks) if self._chunks else np.zeros(0, np.float32)
        self._chunks = []
        self._start_thread(self._decoding_path, Pcm(samples, self._decoded_rate or 1.0))

    def _decoder_error(self, *_: object) -> None:
        decoder = self._decoder
        if decoder is None:
            return
        message = decoder.errorString() or "the audio could not be decoded"
        self._drop_decoder(stop=False)
        self._chunks = []
        self.failed.emit(message)

    def _drop_decoder(self, stop: bool = True) -> None:
        decoder, self._decoder = self._decoder, None
        if decoder is not None:
            if stop:
                decoder.stop()
            decoder.deleteLater()

    def _stop_thread(self) -> None:
        self._drop_decoder()
        self._chunks = []
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.stop_flag.set()
            thread.wait()  # a QThread deleted while running aborts the process
            thread.deleteLater()

    def _finished(self, analysis: AudioAnalysis) -> None:
        if self._thread is None or self.sender() is not self._thread:
            return  # a cancelled run finishing late
        self._stop_thread()
        with contextlib.suppress(OSError):
            self._cache[file_key(analysis.path)] = analysis
        self.analysed.emit(analysis)

    def _failed(self, message: str) -> None:
        if self._thread is None or self.sender() is not self._thread:
            return
        self._stop_thread()
        self.failed.emit(message)


def _stopper(analyser: AudioAnalyser):  # type: ignore[no-untyped-def]
    """A slot that stops the running thread when the analyser is destroyed (a plain
    function: the QObject's own methods are gone by then)."""
    holder = analyser.__dict__

    def stop(*_: object) -> None:
        thread = holder.get("_thread")
        if thread is not None:
            thread.stop_flag.set()
            thread.wait()

    return stop

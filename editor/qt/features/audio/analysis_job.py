"""Analysing the attached audio in the background: speech onsets and a spectrogram.

The file is decoded once, by the Clips tab for its waveform (WAV files with ``load_pcm`` on a
worker thread, other formats with ``QAudioDecoder``, never blocking the window); those
samples are analysed here, on a worker thread. One file at a time, with progress and cancel;
results are kept per file (path, size and modification time) for as long as the window
lives, so switching episodes back and forth does not compute them again.
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal

if TYPE_CHECKING:  # the analysis (numpy) is imported when audio is analysed
    from editor.core.audio import Pcm, Spectrogram


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

    def __init__(self, path: str, pcm: Pcm, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.pcm = pcm
        self.stop_flag = threading.Event()

    def run(self) -> None:
        from editor.core.audio import AudioCancelled, AudioError, spectrogram, speech_onsets

        pcm = self.pcm
        try:
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
        # The path whose samples ``take_samples`` will bring.
        self._waiting_for: str | None = None
        self._cache: dict[tuple[str, int, int], AudioAnalysis] = {}
        self.destroyed.connect(_stopper(self))

    def is_running(self) -> bool:
        return self._thread is not None or self._waiting_for is not None

    def start(self, path: str) -> None:
        """Analyse ``path``: at once from the cache when it was analysed before, otherwise
        when ``take_samples`` brings its samples (from the decode the Clips tab's waveform
        runs anyway) or ``samples_failed`` says why there are none."""
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
        self._waiting_for = path

    def _start_thread(self, path: str, pcm: Pcm) -> None:
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

    # -- the samples the Clips tab decoded for its waveform ----------------------------------

    def take_samples(self, path: str, pcm: Pcm) -> None:
        """The decoded samples of ``path``, which ``start`` is waiting for."""
        if self._waiting_for != path:
            return
        self._waiting_for = None
        self._start_thread(path, pcm)

    def samples_failed(self, path: str, message: str) -> None:
        if self._waiting_for != path:
            return
        self._waiting_for = None
        self.failed.emit(message)

    def decoding_progressed(self, percent: int) -> None:
        if self._waiting_for is not None:
            self.progressed.emit(min(59, percent * 6 // 10))

    def _stop_thread(self) -> None:
        self._waiting_for = None
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

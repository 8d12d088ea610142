"""Waveform peaks decoded in the background, with progress.

A file is decoded once, to mono samples at the analysis rate (``ANALYSIS_RATE``): the
waveform is drawn from them and the samples are handed on to the audio analysis. PCM WAV
files are read with ``editor.core.audio.load_pcm`` on a worker thread (no QtMultimedia
needed); other formats (mp3, m4a, ...) go through ``QAudioDecoder`` when QtMultimedia loads
(``PcmDecoder``).
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal

from editor.qt.common.audio_decoding import PcmDecoder
from editor.qt.tabs.clips.timeline import Waveform

if TYPE_CHECKING:  # numpy comes with decoded samples, not with the window
    from editor.core.audio import Pcm

PEAKS_PER_SECOND = 50.0


def waveform_of(pcm: Pcm, rate: float = PEAKS_PER_SECOND) -> Waveform:
    """Peak amplitude per ``1/rate`` s of decoded samples."""
    import numpy as np

    from editor.core.audio import peaks

    values, exact_rate = peaks(pcm.samples, pcm.rate, rate)
    return Waveform(array("f", np.minimum(values, 1.0).astype(np.float32).tobytes()), exact_rate)


def decode_wav(
    path: str | Path,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[Waveform, Pcm]:
    """The waveform and the analysis-rate samples of a PCM WAV file, from one read. Raises
    ``AudioError``/``OSError`` for files it cannot read (compressed or float WAV) and
    ``AudioCancelled`` when ``cancelled`` says so."""
    from editor.core.audio import ANALYSIS_RATE, load_pcm

    pcm = load_pcm(path, max_rate=ANALYSIS_RATE, progress=progress, cancelled=cancelled)
    return waveform_of(pcm), pcm


class _WavThread(QThread):
    progressed = Signal(int)
    decoded = Signal(object, object)  # Waveform, Pcm
    failed = Signal(str)

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.stop_flag = threading.Event()

    def run(self) -> None:
        from editor.core.audio import AudioCancelled, AudioError

        try:
            waveform, pcm = decode_wav(
                self.path, progress=self.progressed.emit, cancelled=self.stop_flag.is_set
            )
        except AudioCancelled:
            return
        except (AudioError, OSError, MemoryError) as error:
            self.failed.emit(str(error))
            return
        self.decoded.emit(waveform, pcm)


class _Threads:
    """The decoder's running thread, reachable from its ``destroyed`` signal (a plain Python
    object, so the slot still works while the QObject is being torn down)."""

    def __init__(self) -> None:
        self.thread: _WavThread | None = None

    def stop(self, *_: object) -> None:
        thread, self.thread = self.thread, None
        if thread is not None:
            thread.stop_flag.set()
            # A QThread deleted while running aborts the process: wait for it.
            thread.wait()
            thread.deleteLater()


class WaveformDecoder(QObject):
    """Decodes one file at a time; starting another cancels the previous one.

    Each file is decoded once, to mono samples at the analysis rate: the waveform is drawn
    from them and ``samplesDecoded`` hands them on (the audio analysis takes them instead of
    reading the file again)."""

    progressed = Signal(int)  # percent
    decoded = Signal(object)  # Waveform
    failed = Signal(str)  # why there is no waveform
    samplesDecoded = Signal(str, object)  # path, Pcm
    samplesFailed = Signal(str, str)  # path, why it could not be decoded

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threads = _Threads()
        self.destroyed.connect(self._threads.stop)
        self._pcm_decoder = PcmDecoder(self)
        self._pcm_decoder.progressed.connect(self.progressed)
        self._pcm_decoder.decoded.connect(self._pcm_decoded)
        self._pcm_decoder.failed.connect(self._pcm_failed)
        self._wav_error = ""

    def is_running(self) -> bool:
        thread = self._threads.thread
        return (thread is not None and thread.isRunning()) or self._pcm_decoder.is_running()

    def start(self, path: str) -> None:
        self.cancel()
        if Path(path).suffix.lower() in (".wav", ".wave"):
            thread = _WavThread(path, self)
            thread.progressed.connect(self.progressed)
            # Bound methods (not lambdas): Qt drops the connections if the decoder goes away.
            thread.decoded.connect(self._thread_decoded)
            thread.failed.connect(self._thread_failed)
            self._threads.thread = thread
            thread.start()
        else:
            self._start_qt_decoder(path)

    def cancel(self) -> None:
        self._threads.stop()
        self._pcm_decoder.cancel()

    def _thread_decoded(self, waveform: Waveform, pcm: Pcm) -> None:
        thread = self._threads.thread
        if thread is None or self.sender() is not thread:
            return  # a cancelled decode finishing late
        thread.wait()  # run() is returning; a QThread must not be deleted before it has
        thread.deleteLater()
        self._threads.thread = None
        self.progressed.emit(100)
        self.decoded.emit(waveform)
        self.samplesDecoded.emit(thread.path, pcm)

    def _thread_failed(self, message: str) -> None:
        thread = self._threads.thread
        if thread is None or self.sender() is not thread:
            return
        thread.wait()
        thread.deleteLater()
        self._threads.thread = None
        self._start_qt_decoder(thread.path, wav_error=message)

    # -- other formats: QAudioDecoder ------------------------------------------------------

    def _start_qt_decoder(self, path: str, wav_error: str = "") -> None:
        self._wav_error = wav_error
        self._pcm_decoder.start(path)

    def _pcm_decoded(self, pcm: Pcm) -> None:
        self.progressed.emit(100)
        self.decoded.emit(waveform_of(pcm))
        self.samplesDecoded.emit(self._pcm_decoder.path, pcm)

    def _pcm_failed(self, message: str) -> None:
        prefix = f"{self._wav_error}; " if self._wav_error else ""
        self.failed.emit(prefix + message)
        self.samplesFailed.emit(self._pcm_decoder.path, message)

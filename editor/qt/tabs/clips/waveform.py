"""Waveform peaks decoded in the background, with progress.

PCM WAV files are read with the standard ``wave`` module on a worker thread (no QtMultimedia
needed); other formats (mp3, m4a, ...) go through ``QAudioDecoder`` when QtMultimedia loads
(``PcmDecoder``), and their samples are handed on to the audio analysis.
"""

from __future__ import annotations

import sys
import threading
import wave
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


class DecodeCancelled(Exception):
    pass


def _to_int_samples(frames: bytes, width: int) -> tuple[array, float]:
    """Interleaved samples of any PCM width as a native array, and the full-scale value."""
    if width == 1:
        samples = array("h", (b - 128 for b in frames))
        return samples, 128.0
    if width == 2:
        samples = array("h")
        samples.frombytes(frames)
        if sys.byteorder == "big":
            samples.byteswap()
        return samples, 32768.0
    if width == 3:  # keep the two most significant bytes of each 24-bit sample
        count = len(frames) // 3
        narrowed = bytearray(2 * count)
        narrowed[0::2] = frames[1 : 3 * count : 3]
        narrowed[1::2] = frames[2 : 3 * count : 3]
        samples = array("h")
        samples.frombytes(bytes(narrowed))
        if sys.byteorder == "big":
            samples.byteswap()
        return samples, 32768.0
    if width == 4:
        samples = array("i")
        samples.frombytes(frames)
        if sys.byteorder == "big":
            samples.byteswap()
        return samples, 2147483648.0
    raise ValueError(f"{width * 8}-bit samples are not supported")


MAX_SAMPLES_PER_BUCKET = 256


def peaks_of_samples(
    samples: array, per_bucket: int, full_scale: float, channels: int = 1
) -> array:
    """Peak per bucket of ``per_bucket`` interleaved samples.

    Long buckets are sampled with a stride (at most ``MAX_SAMPLES_PER_BUCKET`` values each):
    a drawing of the envelope does not need every sample, and max()/min() over a Python
    array box every value they visit. The stride is not a multiple of the channel count,
    so every channel is visited.
    """
    peaks = array("f")
    per_bucket = max(1, per_bucket)
    step = max(1, per_bucket // MAX_SAMPLES_PER_BUCKET)
    if channels > 1 and step % channels == 0:
        step += 1
    for first in range(0, len(samples), per_bucket):
        chunk = samples[first : first + per_bucket : step]
        peaks.append(min(1.0, max(max(chunk), -min(chunk)) / full_scale))
    return peaks


def wav_peaks(
    path: str | Path,
    rate: float = PEAKS_PER_SECOND,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Waveform:
    """Peak amplitude per ``1/rate`` s of a PCM WAV file. Raises ``wave.Error``/``OSError``
    for files ``wave`` cannot read (compressed or float WAV)."""
    with wave.open(str(path), "rb") as reader:
        channels = reader.getnchannels()
        width = reader.getsampwidth()
        frame_rate = reader.getframerate()
        total = reader.getnframes()
        frames_per_bucket = max(1, round(frame_rate / rate))
        # Read whole buckets at a time so no bucket straddles two reads.
        frames_per_read = frames_per_bucket * max(1, int(rate) * 10)
        peaks = array("f")
        done = 0
        while True:
            if cancelled is not None and cancelled():
                raise DecodeCancelled()
            frames = reader.readframes(frames_per_read)
            if not frames:
                break
            samples, full_scale = _to_int_samples(frames, width)
            peaks.extend(
                peaks_of_samples(samples, frames_per_bucket * channels, full_scale, channels)
            )
            done += len(frames) // (width * channels)
            if progress is not None and total:
                progress(min(100, done * 100 // total))
    return Waveform(peaks, frame_rate / frames_per_bucket)


class _WavThread(QThread):
    progressed = Signal(int)
    decoded = Signal(object)  # Waveform
    failed = Signal(str)

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.stop_flag = threading.Event()

    def run(self) -> None:
        try:
            waveform = wav_peaks(
                self.path, progress=self.progressed.emit, cancelled=self.stop_flag.is_set
            )
        except DecodeCancelled:
            return
        except (wave.Error, OSError, EOFError, ValueError) as error:
            self.failed.emit(f"{type(error).__name__}: {error}")
            return
        self.decoded.emit(waveform)


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

    A file that needs QAudioDecoder is decoded once, to mono samples at the analysis rate:
    the waveform is drawn from them and ``samplesDecoded`` hands them on (the audio analysis
    takes them instead of decoding the file again)."""

    progressed = Signal(int)  # percent
    decoded = Signal(object)  # Waveform
    failed = Signal(str)  # why there is no waveform
    samplesDecoded = Signal(str, object)  # path, Pcm: only for files QAudioDecoder decoded
    samplesFailed = Signal(str, str)  # path, why QAudioDecoder could not decode it

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

    def _thread_decoded(self, waveform: Waveform) -> None:
        thread = self._threads.thread
        if thread is None or self.sender() is not thread:
            return  # a cancelled decode finishing late
        thread.wait()  # run() is returning; a QThread must not be deleted before it has
        thread.deleteLater()
        self._threads.thread = None
        self.progressed.emit(100)
        self.decoded.emit(waveform)

    def _thread_failed(self, message: str) -> None:
        thread = self._threads.thread
        if thread is None or self.sender() is not thread:
            return
        thread.wait()
        thread.deleteLater()
        self._threads.thread = None
        self._start_qt_decoder(thread.path, wav_error=message)

    # -- other formats: QAudioDecoder, whose samples also go to the audio analysis ---------

    def _start_qt_decoder(self, path: str, wav_error: str = "") -> None:
        self._wav_error = wav_error
        self._pcm_decoder.start(path)

    def _pcm_decoded(self, pcm: Pcm) -> None:
        import numpy as np

        from editor.core.audio import peaks as sample_peaks

        values, rate = sample_peaks(pcm.samples, pcm.rate, PEAKS_PER_SECOND)
        waveform = Waveform(array("f", np.minimum(values, 1.0).astype(np.float32).tobytes()), rate)
        self.progressed.emit(100)
        self.decoded.emit(waveform)
        self.samplesDecoded.emit(self._pcm_decoder.path, pcm)

    def _pcm_failed(self, message: str) -> None:
        prefix = f"{self._wav_error}; " if self._wav_error else ""
        self.failed.emit(prefix + message)
        self.samplesFailed.emit(self._pcm_decoder.path, message)

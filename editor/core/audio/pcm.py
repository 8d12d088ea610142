"""Reading PCM WAV files into mono float samples with the standard ``wave`` module.

Long files are read in chunks and, when asked, averaged down to a lower rate on the way, so
an hour of 44.1 kHz stereo never sits in memory at full size (it would take 1.2 GB as
float64 stereo; at the analysis rate it takes about 160 MB).
"""

from __future__ import annotations

import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

CHUNK_SECONDS = 10


class AudioError(ValueError):
    """A file that cannot be decoded here, with a message for the user."""


class AudioCancelled(Exception):
    """Raised when the ``cancelled`` callback asked to stop."""


@dataclass(frozen=True)
class Pcm:
    samples: np.ndarray  # float32, mono, -1..1
    rate: float  # samples per second

    @property
    def duration(self) -> float:
        return len(self.samples) / self.rate if self.rate else 0.0


def _decode(frames: bytes, width: int) -> tuple[np.ndarray, float]:
    """Interleaved integer samples of any PCM width, and the full-scale value."""
    if width == 1:
        return np.frombuffer(frames, dtype=np.uint8).astype(np.int16) - 128, 128.0
    if width == 2:
        return np.frombuffer(frames, dtype="<i2"), 32768.0
    if width == 3:
        raw = np.frombuffer(frames[: len(frames) - len(frames) % 3], dtype=np.uint8)
        triples = raw.reshape(-1, 3).astype(np.int32)
        values = triples[:, 0] | (triples[:, 1] << 8) | (triples[:, 2] << 16)
        values = np.where(values >= 1 << 23, values - (1 << 24), values)
        return values, float(1 << 23)
    if width == 4:
        return np.frombuffer(frames, dtype="<i4"), 2147483648.0
    raise AudioError(f"{width * 8}-bit samples are not supported.")


def _means(values: np.ndarray, count: int) -> np.ndarray:
    """float32 mean of every ``count`` consecutive values (a trailing partial group is left
    out). Sums of strided slices: ``reshape(-1, count).mean(axis=1)`` takes about 15 times
    as long for so few columns, which made reading a WAV slower than drawing its waveform."""
    whole = len(values) - len(values) % count
    total = values[0:whole:count].astype(np.float32)
    for offset in range(1, count):
        total += values[offset:whole:count].astype(np.float32)
    if count > 1:
        total /= np.float32(count)
    return total


def load_pcm(
    path: str | Path,
    max_rate: float | None = None,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Pcm:
    """Mono float32 samples of a PCM WAV file (channels averaged).

    With ``max_rate``, every ``k`` consecutive samples are averaged (the smallest whole ``k``
    that brings the rate to ``max_rate`` or below). ``progress`` receives percentages;
    ``cancelled`` is polled between chunks. Raises ``AudioError`` for anything ``wave``
    cannot read (MP3, compressed or float WAV, truncated files) and ``OSError`` when the
    file cannot be opened.
    """
    try:
        reader = wave.open(str(path), "rb")  # noqa: SIM115 (closed by the with below)
    except (wave.Error, EOFError) as error:
        raise AudioError(f"{Path(path).name} is not a PCM WAV file ({error}).") from None
    with reader:
        channels = reader.getnchannels()
        width = reader.getsampwidth()
        rate = reader.getframerate()
        total = reader.getnframes()
        if channels < 1 or rate < 1:
            raise AudioError(f"{Path(path).name} has no audio channels.")
        factor = 1
        if max_rate is not None and rate > max_rate:
            factor = int(np.ceil(rate / max_rate))
        frames_per_read = max(factor, rate * CHUNK_SECONDS // factor * factor)
        out = np.empty(total // factor + 1, dtype=np.float32)
        filled = 0
        done = 0
        carry = np.empty(0, dtype=np.float32)
        while True:
            if cancelled is not None and cancelled():
                raise AudioCancelled()
            frames = reader.readframes(frames_per_read)
            if not frames:
                break
            values, full_scale = _decode(frames, width)
            mono = _means(values, channels)
            mono *= np.float32(1.0 / full_scale)
            done += len(mono)
            if carry.size:
                mono = np.concatenate([carry, mono])
            whole = len(mono) - len(mono) % factor
            reduced = _means(mono, factor) if factor > 1 else mono
            carry = mono[whole:]
            if filled + len(reduced) > len(out):
                out = np.resize(out, filled + len(reduced))
            out[filled : filled + len(reduced)] = reduced
            filled += len(reduced)
            if progress is not None and total:
                progress(min(100, done * 100 // total))
        if carry.size:
            if filled >= len(out):
                out = np.resize(out, filled + 1)
            out[filled] = carry.mean()
            filled += 1
    if progress is not None:
        progress(100)
    return Pcm(out[:filled], rate / factor)

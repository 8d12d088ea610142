"""Peaks, a log-frequency spectrogram, speech onsets and snapping, on mono float samples.

Speech onsets come from frame energy (10 ms frames) measured against the file's own noise
floor, so they work for quiet and loud recordings alike:

- the floor is a low percentile of the frame energies and the loud level a high one;
- a frame is *active* above floor + max(6 dB, a quarter of the floor-to-loud range);
- an active run counts as sound when it reaches floor + half that range somewhere and
  lasts at least 50 ms (a click or a breath in a pause does not);
- runs closer than ``min_silence`` are one stretch of speech; each stretch's first frame is
  an onset. The beginning of the file counts as silence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from editor.core.audio.pcm import AudioCancelled

FRAME_SECONDS = 0.01
MIN_SILENCE = 0.3  # seconds of relative silence before an onset
MIN_SOUND = 0.05  # seconds: shorter bursts are clicks, not speech
FLOOR_PERCENTILE = 10
LOUD_PERCENTILE = 99.5  # speech may be sparse: a few seconds in minutes of noise
MIN_CONTRAST_DB = 6.0


def peaks(samples: np.ndarray, rate: float, per_second: float = 50.0) -> tuple[np.ndarray, float]:
    """Peak absolute amplitude per bucket of about ``1 / per_second`` s, and the exact number
    of buckets per second (a bucket is a whole number of samples)."""
    bucket = max(1, round(rate / per_second))
    count = -(-len(samples) // bucket)
    padded = np.zeros(count * bucket, dtype=np.float32)
    padded[: len(samples)] = samples
    return np.abs(padded.reshape(count, bucket)).max(axis=1), rate / bucket


def frame_energy_db(
    samples: np.ndarray, rate: float, frame: float = FRAME_SECONDS
) -> tuple[np.ndarray, float]:
    """Mean power in dB of consecutive frames of about ``frame`` seconds, and the exact
    frame length in seconds (a whole number of samples: 110 at 11025 Hz, not 110.25)."""
    size = max(1, round(rate * frame))
    count = len(samples) // size
    if count == 0:
        return np.empty(0, dtype=np.float32), size / rate
    blocks = np.asarray(samples[: count * size], dtype=np.float32).reshape(count, size)
    power = np.einsum("ij,ij->i", blocks, blocks) / size
    return (10.0 * np.log10(power + 1e-12)).astype(np.float32), size / rate


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (exclusive) indices of the runs of True in ``mask``."""
    padded = np.concatenate([[False], mask, [False]]).astype(np.int8)
    edges = np.diff(padded)
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def speech_onsets(
    samples: np.ndarray, rate: float, min_silence: float = MIN_SILENCE
) -> list[float]:
    """Seconds where sound starts after at least ``min_silence`` s of relative silence."""
    energy, frame = frame_energy_db(samples, rate)
    if energy.size == 0:
        return []
    floor = float(np.percentile(energy, FLOOR_PERCENTILE))
    loud = float(np.percentile(energy, LOUD_PERCENTILE))
    contrast = loud - floor
    if contrast < MIN_CONTRAST_DB:
        return []  # all silence, or all sound: nothing starts anywhere
    active = energy > floor + max(MIN_CONTRAST_DB, contrast / 4)
    confirmed = energy > floor + contrast / 2
    starts, ends = _runs(active)
    confirmed_before = np.concatenate([[0], np.cumsum(confirmed)])
    has_sound = confirmed_before[ends] > confirmed_before[starts]
    long_enough = (ends - starts) * frame >= MIN_SOUND
    keep = has_sound & long_enough
    starts, ends = starts[keep], ends[keep]
    onsets: list[float] = []
    gap_frames = min_silence / frame
    previous_end: int | None = None
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        if previous_end is None or start - previous_end >= gap_frames - 1e-9:
            onsets.append(round(start * frame, 3))
        previous_end = end
    return onsets


def snap_times(
    times: Sequence[float], onsets: Sequence[float], max_shift: float = 3.0
) -> list[float]:
    """Each time moved to its nearest onset when one is within ``max_shift`` seconds
    (the earlier one on a tie), else left as it is."""
    if not len(onsets):
        return [float(t) for t in times]
    targets = np.sort(np.asarray(onsets, dtype=np.float64))
    snapped: list[float] = []
    for time in times:
        index = int(np.searchsorted(targets, time))
        candidates = [targets[i] for i in (index - 1, index) if 0 <= i < len(targets)]
        best = min(candidates, key=lambda onset: (abs(onset - time), onset))
        snapped.append(float(best) if abs(best - time) <= max_shift else float(time))
    return snapped


@dataclass(frozen=True)
class Spectrogram:
    """``values[column, band]``: loudness 0..255 of ``band`` (low frequencies first) in the
    column starting at ``column / columns_per_second`` seconds."""

    values: np.ndarray  # uint8, shape (columns, bands)
    columns_per_second: float
    band_edges: np.ndarray  # Hz, bands + 1 values

    @property
    def duration(self) -> float:
        return len(self.values) / self.columns_per_second


def _band_weights(rate: float, size: int, edges: np.ndarray) -> np.ndarray:
    """(bins, bands) matrix averaging the FFT bins of each log-spaced band (the nearest bin
    when a low band is narrower than the bin spacing)."""
    frequencies = np.fft.rfftfreq(size, 1.0 / rate)
    bands = len(edges) - 1
    weights = np.zeros((len(frequencies), bands), dtype=np.float32)
    for band in range(bands):
        inside = (frequencies >= edges[band]) & (frequencies < edges[band + 1])
        if not inside.any():
            centre = np.sqrt(edges[band] * edges[band + 1])
            inside = np.zeros_like(inside)
            inside[int(np.argmin(np.abs(frequencies - centre)))] = True
        weights[inside, band] = 1.0 / inside.sum()
    return weights


def spectrogram(
    samples: np.ndarray,
    rate: float,
    columns_per_second: float = 50.0,
    bands: int = 64,
    low_hz: float = 60.0,
    high_hz: float = 6000.0,
    fft_size: int = 512,
    dynamic_range_db: float = 70.0,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Spectrogram:
    """Log-frequency spectrogram: ``bands`` bands from ``low_hz`` to ``high_hz`` (capped at
    the Nyquist frequency), Hann windows of ``fft_size`` samples, in dB scaled to 0..255
    over the loudest ``dynamic_range_db``. Works in chunks; ``cancelled`` is polled between
    them (raises ``AudioCancelled``)."""
    hop = max(1, round(rate / columns_per_second))
    high_hz = min(high_hz, rate / 2)
    edges = np.geomspace(low_hz, high_hz, bands + 1)
    weights = _band_weights(rate, fft_size, edges)
    window = np.hanning(fft_size).astype(np.float32)
    columns = max(0, -(-len(samples) // hop))
    half = fft_size // 2  # windows are centred on their column's time
    levels = np.empty((columns, bands), dtype=np.float32)
    chunk = 4096
    for first in range(0, columns, chunk):
        if cancelled is not None and cancelled():
            raise AudioCancelled()
        last = min(columns, first + chunk)
        begin, end = first * hop - half, (last - 1) * hop + fft_size - half
        segment = np.asarray(samples[max(0, begin) : max(0, min(len(samples), end))], np.float32)
        segment = np.pad(segment, (max(0, -begin), end - max(0, begin) - len(segment)))
        frames = np.lib.stride_tricks.sliding_window_view(segment, fft_size)[::hop]
        spectrum = np.fft.rfft(frames * window, axis=1)
        power = (spectrum.real**2 + spectrum.imag**2).astype(np.float32)
        levels[first:last] = 10.0 * np.log10(power @ weights + 1e-12)
        if progress is not None:
            progress(min(99, last * 100 // max(1, columns)))
    top = float(levels.max()) if levels.size else 0.0
    scaled = (levels - (top - dynamic_range_db)) * (255.0 / dynamic_range_db)
    values = np.clip(scaled, 0, 255).astype(np.uint8)
    if progress is not None:
        progress(100)
    return Spectrogram(values, rate / hop, edges)

"""Synthetic speech-like audio for the audio tests: voiced bursts at known times over
background noise, written as PCM WAV with numpy and the standard ``wave`` module."""

from __future__ import annotations

import wave
from collections.abc import Sequence
from pathlib import Path

import numpy as np


def voiced_bursts(
    starts: Sequence[float],
    duration: float,
    rate: int = 16000,
    burst_seconds: float = 2.0,
    noise_level: float = 0.003,
    seed: int = 7,
) -> np.ndarray:
    """Mono float samples: background noise, and from each of ``starts`` a burst of
    ``burst_seconds`` of a voice-like sound (140 Hz and harmonics, syllable-rate loudness,
    a 0.15 s gap in the middle as between two words)."""
    generator = np.random.default_rng(seed)
    samples = generator.normal(0.0, noise_level, int(duration * rate)).astype(np.float64)
    t = np.arange(int(burst_seconds * rate)) / rate
    voice = sum(np.sin(2 * np.pi * 140 * k * t) / k for k in range(1, 12))
    voice *= 0.25 * (0.6 + 0.4 * np.sin(2 * np.pi * 4 * t))
    voice *= np.minimum(1.0, t / 0.01)  # 10 ms attack
    gap = (t > burst_seconds / 2) & (t < burst_seconds / 2 + 0.15)
    voice[gap] = 0.0
    for start in starts:
        first = round(start * rate)
        last = min(len(samples), first + len(voice))
        samples[first:last] += voice[: last - first]
    return np.clip(samples, -1.0, 1.0).astype(np.float32)


def write_wav(path: Path, samples: np.ndarray, rate: int, channels: int = 1) -> Path:
    """16-bit PCM WAV; ``channels`` copies of the mono signal (the second one at half level,
    so a stereo file is not just the same bytes twice)."""
    mono = np.clip(samples, -1.0, 1.0)
    layers = [mono if channel == 0 else mono * 0.5 for channel in range(channels)]
    interleaved = np.stack(layers, axis=1).reshape(-1)
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(channels)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes((interleaved * 32767).astype("<i2").tobytes())
    return path

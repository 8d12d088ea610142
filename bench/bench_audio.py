"""Audio analysis benchmark: decoding, speech onsets and the spectrogram of a long WAV.

Run: python3 bench/bench_audio.py [MINUTES]

Generates a 44.1 kHz stereo 16-bit WAV of MINUTES minutes (default 60) in a temp folder:
voice-like bursts every few seconds over background noise. Prints, beside the targets:
- decoding (``load_pcm`` at the analysis rate) + ``speech_onsets`` as a multiple of real
  time (target: at least 50×), and reading the raw frames alone (the floor) for comparison;
- the spectrogram of the whole file in seconds (target: under 10 s for an hour);
- peak memory traced by Python/numpy during decoding + analysis (target: under 500 MB),
  and the process's peak resident size;
- how many onsets were found against how many bursts were written, and how many were
  within 50 ms of their burst.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
import tracemalloc
import wave
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from editor.core.audio import (  # noqa: E402
    ANALYSIS_RATE,
    load_pcm,
    spectrogram,
    speech_onsets,
)

RATE = 44100
BLOCK_SECONDS = 60


def write_long_wav(path: Path, minutes: float) -> list[float]:
    """Writes the file a minute at a time; returns the burst start times."""
    generator = np.random.default_rng(3)
    t = np.arange(int(2.0 * RATE)) / RATE
    voice = sum(np.sin(2 * np.pi * 140 * k * t) / k for k in range(1, 12))
    voice = voice * 0.25 * (0.6 + 0.4 * np.sin(2 * np.pi * 4 * t)) * np.minimum(1.0, t / 0.01)
    starts: list[float] = []
    at = 1.0
    total = int(minutes * 60)
    while at + 2.0 < total:
        starts.append(round(at, 3))
        at += 2.0 + float(generator.uniform(0.5, 4.0))
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(2)
        writer.setsampwidth(2)
        writer.setframerate(RATE)
        for block_start in range(0, total, BLOCK_SECONDS):
            length = min(BLOCK_SECONDS, total - block_start) * RATE
            block = generator.normal(0, 0.003, length)
            first_sample = block_start * RATE
            for start in starts:
                begin = round(start * RATE) - first_sample
                if begin + len(voice) <= 0 or begin >= length:
                    continue
                lo, hi = max(0, begin), min(length, begin + len(voice))
                block[lo:hi] += voice[lo - begin : hi - begin]
            pcm = (np.clip(block, -1, 1) * 32767).astype("<i2")
            writer.writeframes(np.stack([pcm, pcm // 2], axis=1).tobytes())
    return starts


def read_frames_only(path: Path) -> None:
    with wave.open(str(path), "rb") as reader:
        while reader.readframes(RATE * 10):
            pass


def main() -> None:
    minutes = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    seconds = minutes * 60
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "episode.wav"
        began = time.perf_counter()
        starts = write_long_wav(path, minutes)
        print(
            f"generated {minutes:g} min 44.1 kHz stereo WAV "
            f"({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - began:.1f} s"
        )

        began = time.perf_counter()
        read_frames_only(path)
        floor = time.perf_counter() - began

        tracemalloc.start()
        began = time.perf_counter()
        pcm = load_pcm(path, max_rate=ANALYSIS_RATE)
        decoded = time.perf_counter() - began
        onsets = speech_onsets(pcm.samples, pcm.rate)
        analysed = time.perf_counter() - began
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()

        began = time.perf_counter()
        result = spectrogram(pcm.samples, pcm.rate)
        spectrum_time = time.perf_counter() - began
        _, spectrum_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

    resident = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    truth = np.asarray(starts)
    found = np.asarray(onsets)
    near = 0
    if len(found):
        index = np.clip(np.searchsorted(found, truth), 1, len(found) - 1)
        nearest = np.minimum(abs(found[index] - truth), abs(found[index - 1] - truth))
        near = int((nearest <= 0.05).sum())
    speed = seconds / analysed
    print(f"read frames only (floor):     {floor:6.2f} s  ({seconds / floor:7.0f}× real time)")
    print(f"decode at {pcm.rate:.0f} Hz:          {decoded:6.2f} s")
    print(
        f"decode + onsets:              {analysed:6.2f} s  ({speed:7.0f}× real time; "
        f"target ≥ 50×) {'OK' if speed >= 50 else 'MISSED'}"
    )
    print(
        f"spectrogram {result.values.shape[0]} × {result.values.shape[1]}: "
        f"{spectrum_time:6.2f} s  (target < 10 s for an hour) "
        f"{'OK' if spectrum_time * 60 / minutes < 10 else 'MISSED'}"
    )
    peak_mb = max(traced_peak, spectrum_peak) / 1e6
    print(
        f"peak traced memory:           {peak_mb:6.0f} MB (target < 500 MB) "
        f"{'OK' if peak_mb < 500 else 'MISSED'}; peak resident {resident:.0f} MB"
    )
    print(f"onsets: {len(onsets)} found for {len(starts)} bursts, {near} within 50 ms")


if __name__ == "__main__":
    main()

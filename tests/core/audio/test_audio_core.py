"""editor.core.audio on synthetic audio written by the tests: decoding, peaks, the
spectrogram, speech onsets (within 50 ms of the truth) and snapping."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.audio import (
    AudioCancelled,
    AudioError,
    load_pcm,
    peaks,
    snap_times,
    spectrogram,
    speech_onsets,
)
from tests.audio_helpers import voiced_bursts, write_wav


def starts_from_gaps(gaps: list[float], first: float) -> list[float]:
    starts, at = [], first
    for gap in gaps:
        starts.append(round(at, 3))
        at += 2.0 + gap  # each burst lasts 2 s
    return starts


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    gaps=st.lists(st.floats(0.35, 4.0), min_size=1, max_size=6),
    first=st.floats(0.4, 3.0),
    rate=st.sampled_from([8000, 16000, 22050]),
    noise=st.floats(0.0005, 0.01),
)
def test_onsets_are_within_50_ms_of_each_burst(
    gaps: list[float], first: float, rate: int, noise: float
) -> None:
    starts = starts_from_gaps(gaps, first)
    samples = voiced_bursts(starts, starts[-1] + 3.0, rate=rate, noise_level=noise)
    found = speech_onsets(samples, rate)
    assert len(found) == len(starts), (found, starts)
    for onset, truth in zip(found, starts, strict=True):
        assert abs(onset - truth) <= 0.05


def test_a_pause_shorter_than_the_minimum_silence_is_not_an_onset() -> None:
    # Each burst has a 0.15 s gap in its middle, like the pause between two words.
    samples = voiced_bursts([1.0, 6.0], 9.0, rate=16000)
    assert speech_onsets(samples, 16000) == pytest.approx([1.0, 6.0], abs=0.05)
    assert len(speech_onsets(samples, 16000, min_silence=0.1)) == 4


def test_noise_alone_and_silence_have_no_onsets() -> None:
    noise = np.random.default_rng(1).normal(0, 0.01, 16000 * 5).astype(np.float32)
    assert speech_onsets(noise, 16000) == []
    assert speech_onsets(np.zeros(16000 * 5, dtype=np.float32), 16000) == []
    assert speech_onsets(np.zeros(0, dtype=np.float32), 16000) == []


def test_a_click_in_a_pause_is_not_speech() -> None:
    rate = 16000
    samples = voiced_bursts([1.0, 7.0], 10.0, rate=rate)
    samples[int(4.5 * rate) : int(4.5 * rate) + 160] = 0.8  # a 10 ms click
    assert speech_onsets(samples, rate) == pytest.approx([1.0, 7.0], abs=0.05)


@pytest.mark.parametrize("channels", [1, 2])
def test_load_pcm_reads_mono_and_averages_stereo(tmp_path: Path, channels: int) -> None:
    samples = voiced_bursts([0.5], 3.0, rate=16000)
    path = write_wav(tmp_path / "a.wav", samples, 16000, channels=channels)
    seen: list[int] = []
    pcm = load_pcm(path, progress=seen.append)
    assert pcm.rate == 16000
    assert len(pcm.samples) == len(samples)
    level = 1.0 if channels == 1 else 0.75  # the second channel is at half level
    assert np.allclose(pcm.samples, samples * level, atol=2 / 32768)
    assert seen[-1] == 100


def test_load_pcm_averages_down_to_the_analysis_rate(tmp_path: Path) -> None:
    samples = voiced_bursts([1.0, 4.0], 6.0, rate=44100)
    path = write_wav(tmp_path / "b.wav", samples, 44100, channels=2)
    pcm = load_pcm(path, max_rate=12000)
    assert pcm.rate == pytest.approx(11025)
    assert len(pcm.samples) == pytest.approx(len(samples) / 4, abs=1)
    assert pcm.duration == pytest.approx(6.0, abs=0.01)
    assert speech_onsets(pcm.samples, pcm.rate) == pytest.approx([1.0, 4.0], abs=0.05)


@pytest.mark.parametrize("width", [1, 3, 4])
def test_load_pcm_reads_8_24_and_32_bit_samples(tmp_path: Path, width: int) -> None:
    signal = np.sin(np.linspace(0, 40 * np.pi, 8000)) * 0.5
    full = {1: 127, 3: 2**23 - 1, 4: 2**31 - 1}[width]
    ints = np.round(signal * full).astype(np.int64)
    if width == 1:
        raw = (ints + 128).astype(np.uint8).tobytes()
    elif width == 3:
        unsigned = ints & 0xFFFFFF
        raw = np.stack([unsigned & 0xFF, (unsigned >> 8) & 0xFF, unsigned >> 16], axis=1)
        raw = raw.astype(np.uint8).tobytes()
    else:
        raw = ints.astype("<i4").tobytes()
    path = tmp_path / "w.wav"
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(width)
        writer.setframerate(8000)
        writer.writeframes(raw)
    pcm = load_pcm(path)
    assert np.allclose(pcm.samples, signal, atol=0.01)


def averaged_reference(
    raw: np.ndarray, channels: int, full_scale: float, factor: int
) -> np.ndarray:
    """What ``load_pcm`` returns, computed the obvious way on the whole file at once: the
    channels' mean, then the mean of every ``factor`` samples (the last, partial group too)."""
    usable = len(raw) - len(raw) % channels
    mono = raw[:usable].reshape(-1, channels).astype(np.float64).mean(axis=1) / full_scale
    groups = [mono[first : first + factor].mean() for first in range(0, len(mono), factor)]
    return np.array(groups, dtype=np.float64)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    channels=st.integers(1, 3),
    width=st.sampled_from([1, 2, 4]),
    rate=st.sampled_from([8000, 11025, 22050, 44100, 48000]),
    max_rate=st.sampled_from([None, 12000, 5000]),
    seconds=st.floats(0.05, 2.5),
    seed=st.integers(0, 2**16),
)
def test_load_pcm_averages_channels_and_rate_across_chunks_like_the_whole_file_at_once(
    tmp_path_factory: pytest.TempPathFactory,
    channels: int,
    width: int,
    rate: int,
    max_rate: int | None,
    seconds: float,
    seed: int,
) -> None:
    from editor.core.audio import pcm as pcm_module

    limit = {1: 127, 2: 32767, 4: 2**31 - 1}[width]
    raw = np.random.default_rng(seed).integers(
        -limit, limit, int(rate * seconds) * channels, dtype=np.int64
    )
    data = {1: (raw + 128).astype(np.uint8), 2: raw.astype("<i2"), 4: raw.astype("<i4")}[width]
    path = tmp_path_factory.mktemp("pcm") / "random.wav"
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(channels)
        writer.setsampwidth(width)
        writer.setframerate(rate)
        writer.writeframes(data.tobytes())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pcm_module, "CHUNK_SECONDS", 1)  # several chunks, groups across them
        pcm = load_pcm(path, max_rate=max_rate)
    factor = 1 if max_rate is None or rate <= max_rate else -(-rate // max_rate)
    expected = averaged_reference(raw, channels, float(limit + 1), factor)
    assert pcm.rate == rate / factor
    assert pcm.samples.dtype == np.float32
    assert len(pcm.samples) == len(expected)
    assert np.allclose(pcm.samples, expected, rtol=0, atol=1e-6)


def test_load_pcm_rejects_what_is_not_pcm_wav(tmp_path: Path) -> None:
    fake_mp3 = tmp_path / "episode.mp3"
    fake_mp3.write_bytes(b"ID3\x03\x00" + bytes(200))
    with pytest.raises(AudioError, match="not a PCM WAV file"):
        load_pcm(fake_mp3)
    truncated = tmp_path / "t.wav"
    truncated.write_bytes(b"RIFF\x00\x00\x00\x00WAVE")
    with pytest.raises(AudioError):
        load_pcm(truncated)
    with pytest.raises(OSError):
        load_pcm(tmp_path / "missing.wav")


def test_load_pcm_can_be_cancelled(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "c.wav", voiced_bursts([1.0], 30.0, rate=8000), 8000)
    with pytest.raises(AudioCancelled):
        load_pcm(path, cancelled=lambda: True)


def test_peaks_follow_the_loudness() -> None:
    rate = 1000
    samples = np.concatenate([np.full(1000, 0.5), np.full(1000, -0.25), np.zeros(500)])
    values, per_second = peaks(samples.astype(np.float32), rate, per_second=10)
    assert per_second == 10
    assert len(values) == 25
    assert np.allclose(values[:10], 0.5)
    assert np.allclose(values[10:20], 0.25)
    assert np.allclose(values[20:], 0.0)


def test_spectrogram_puts_a_tone_in_its_log_frequency_band() -> None:
    rate = 16000
    t = np.arange(rate * 2) / rate
    tone = (0.5 * np.sin(2 * np.pi * 1000 * t)).astype(np.float32)
    tone[rate:] = 0.0  # one second of tone, one of silence
    result = spectrogram(tone, rate, columns_per_second=50, bands=48)
    assert result.values.shape == (100, 48)
    assert result.columns_per_second == 50
    assert result.duration == pytest.approx(2.0)
    edges = result.band_edges
    assert edges[0] == pytest.approx(60) and edges[-1] == pytest.approx(6000)
    assert np.all(np.diff(np.log(edges)) == pytest.approx(np.log(edges[1] / edges[0])))
    band = int(np.searchsorted(edges, 1000)) - 1
    loud = result.values[10:40]
    assert (loud.argmax(axis=1) == band).all()
    assert loud[:, band].min() > 200
    assert result.values[70:].max() < 20  # the silent second is dark


def test_spectrogram_reports_progress_and_can_be_cancelled() -> None:
    samples = voiced_bursts([1.0], 200.0, rate=8000)
    seen: list[int] = []
    spectrogram(samples, 8000, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 100 and len(seen) > 2
    with pytest.raises(AudioCancelled):
        spectrogram(samples, 8000, cancelled=lambda: True)


def test_snap_times_moves_to_the_nearest_onset_within_the_maximum() -> None:
    onsets = [1.0, 5.0, 9.5]
    assert snap_times([0.0, 4.0, 7.25, 20.0], onsets, max_shift=3) == [1.0, 5.0, 5.0, 20.0]
    assert snap_times([3.0], onsets, max_shift=3) == [1.0]  # a tie goes to the earlier one
    assert snap_times([2.5], onsets, max_shift=1) == [2.5]
    assert snap_times([2.5], [], max_shift=1) == [2.5]


@given(
    times=st.lists(st.floats(0, 1000), max_size=30),
    onsets=st.lists(st.floats(0, 1000), max_size=30),
    max_shift=st.floats(0, 10),
)
def test_snap_times_never_moves_further_than_the_maximum(
    times: list[float], onsets: list[float], max_shift: float
) -> None:
    snapped = snap_times(times, onsets, max_shift)
    assert len(snapped) == len(times)
    for old, new in zip(times, snapped, strict=True):
        assert abs(new - old) <= max_shift
        assert new == old or new in onsets
        if new != old:
            assert all(abs(onset - old) >= abs(new - old) for onset in onsets)


def test_onsets_stay_exact_late_in_a_file_whose_rate_is_no_multiple_of_100() -> None:
    # At 11025 Hz a 10 ms frame is 110.25 samples: counting frames as 10 ms would drift.
    rate = 11025
    starts = [2.0, 150.0, 298.5]
    samples = voiced_bursts(starts, 302.0, rate=rate)
    assert speech_onsets(samples, rate) == pytest.approx(starts, abs=0.05)

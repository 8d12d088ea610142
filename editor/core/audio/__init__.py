"""Audio analysis without Qt: decoding WAV, peaks, a log-frequency spectrogram, where speech
starts, and snapping times to those starts. Pure Python + numpy; knows nothing of episodes."""

from editor.core.audio.analysis import (
    MIN_SILENCE,
    Spectrogram,
    peaks,
    snap_times,
    spectrogram,
    speech_onsets,
)
from editor.core.audio.pcm import ANALYSIS_RATE, AudioCancelled, AudioError, Pcm, load_pcm

__all__ = [
    "ANALYSIS_RATE",
    "MIN_SILENCE",
    "AudioCancelled",
    "AudioError",
    "Pcm",
    "Spectrogram",
    "load_pcm",
    "peaks",
    "snap_times",
    "spectrogram",
    "speech_onsets",
]

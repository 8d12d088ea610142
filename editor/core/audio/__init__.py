"""Audio analysis without Qt: decoding WAV, peaks, a log-frequency spectrogram, where speech
starts, and snapping times to those starts. Pure Python + numpy; knows nothing of episodes.

The names below are imported on first use (PEP 562): numpy takes about 60 ms to import, and
the window and the command line start without it. ``ANALYSIS_RATE`` needs no numpy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from editor.core.audio.rates import ANALYSIS_RATE

if TYPE_CHECKING:
    from editor.core.audio.analysis import (
        MIN_SILENCE,
        Spectrogram,
        peaks,
        snap_times,
        spectrogram,
        speech_onsets,
    )
    from editor.core.audio.pcm import AudioCancelled, AudioError, Pcm, load_pcm

_IN_ANALYSIS = {"MIN_SILENCE", "Spectrogram", "peaks", "snap_times", "spectrogram", "speech_onsets"}
_IN_PCM = {"AudioCancelled", "AudioError", "Pcm", "load_pcm"}

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


def __getattr__(name: str) -> Any:
    if name in _IN_ANALYSIS:
        from editor.core.audio import analysis

        value = getattr(analysis, name)
    elif name in _IN_PCM:
        from editor.core.audio import pcm

        value = getattr(pcm, name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value

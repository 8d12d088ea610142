"""Audio analysis without Qt: decoding WAV, peaks, a log-frequency spectrogram, where speech
starts, and snapping times to those starts. Pure Python + numpy; knows nothing of episodes.

The names below are imported on first use (PEP 562): numpy takes about 60 ms to import, and
the window and the command line start without it. ``ANALYSIS_RATE`` needs no numpy.
"""

from __future__ import annotations

import importlib
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

_HOME = {
    "MIN_SILENCE": "analysis",
    "Spectrogram": "analysis",
    "peaks": "analysis",
    "snap_times": "analysis",
    "spectrogram": "analysis",
    "speech_onsets": "analysis",
    "AudioCancelled": "pcm",
    "AudioError": "pcm",
    "Pcm": "pcm",
    "load_pcm": "pcm",
}

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
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value

"""What the audio features need from a player: a clock that plays, pauses and tells the time.

``editor.qt.tabs.clips.audio.AudioPlayer`` (QtMultimedia) is the real one; tests give a fake
clock with the same signals, so following, tap timing and snapping run without a sound card.
"""

from __future__ import annotations

from typing import Any, Protocol


class PlaybackClock(Protocol):
    # Qt signals: positionChanged(float seconds), playingChanged(bool), statusChanged(str)
    positionChanged: Any
    playingChanged: Any
    statusChanged: Any
    speed: float

    def play_from(self, seconds: float) -> bool: ...

    def pause(self) -> None: ...

    def is_playing(self) -> bool: ...

    def position(self) -> float: ...

    def set_speed(self, rate: float) -> None: ...

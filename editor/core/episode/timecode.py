"""Times as the episodes write them: ``m:ss`` / ``h:mm:ss`` strings, seconds, ISO 8601 durations."""

from __future__ import annotations

import re

_ISO_DURATION_RE = re.compile(
    r"^P(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)
_MAX_TIME_CHARS = 64  # longer text is not a time, and int() refuses over 4300 digits
_CLOCK_RE = re.compile(r"^(?:(?P<h>\d+):)?(?P<m>\d+):(?P<s>\d{1,2})(?:\.\d+)?$")


class TimeFormatError(ValueError):
    """Text that is not a time this editor understands."""


def parse_time(text: str | int) -> int:
    """Seconds from ``1:02:03``, ``62:03``, ``3723`` or ``PT1H2M3S`` (also ints)."""
    if isinstance(text, bool):
        raise TimeFormatError(f"{text!r} is not a time")
    if isinstance(text, int):
        if text < 0:
            raise TimeFormatError("a time cannot be negative")
        return text
    value = str(text).strip()
    if not value:
        raise TimeFormatError("the time is empty")
    if len(value) > _MAX_TIME_CHARS:
        raise TimeFormatError("the time is too long")
    if value.isdecimal():
        return int(value)
    if value.upper().startswith("P"):
        return parse_iso_duration(value)
    match = _CLOCK_RE.match(value)
    if match is None:
        raise TimeFormatError(f"{value!r} is not a time: use h:mm:ss, m:ss, seconds or PT1H2M3S")
    hours = int(match.group("h") or 0)
    minutes = int(match.group("m"))
    seconds = int(match.group("s"))
    if seconds >= 60:
        raise TimeFormatError(f"{value!r} has {seconds} seconds; seconds must be below 60")
    if match.group("h") is not None and minutes >= 60:
        raise TimeFormatError(f"{value!r} has {minutes} minutes; minutes must be below 60")
    return hours * 3600 + minutes * 60 + seconds


def is_clock_time(text: str) -> bool:
    """True for ``m:ss`` / ``h:mm:ss`` text with seconds (and minutes after hours) below 60."""
    match = _CLOCK_RE.match(text.strip())
    if match is None or len(text.strip()) > _MAX_TIME_CHARS:
        return False
    if int(match.group("s")) >= 60:
        return False
    return not (match.group("h") is not None and int(match.group("m")) >= 60)


def format_time(seconds: int) -> str:
    """The transcript style: ``m:ss`` under an hour, ``h:mm:ss`` from an hour on."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def format_hms(seconds: int) -> str:
    """Always ``h:mm:ss`` (clip tables, timelines)."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def format_chapter_time(seconds: int) -> str:
    """YouTube chapter lists: ``00:02:06``."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def parse_iso_duration(text: str) -> int:
    """Seconds from an ISO 8601 duration such as ``PT00H59M23S``, ``PT01H40S`` or ``PT45M``."""
    match = _ISO_DURATION_RE.match(text.strip().upper())
    if match is None or text.strip().upper() in ("P", "PT") or len(text) > _MAX_TIME_CHARS:
        raise TimeFormatError(f"{text!r} is not an ISO 8601 duration such as PT00H59M23S")
    days = int(match.group("days") or 0)
    hours = float(match.group("hours") or 0)
    minutes = float(match.group("minutes") or 0)
    seconds = float(match.group("seconds") or 0)
    return round(days * 86400 + hours * 3600 + minutes * 60 + seconds)


def format_iso_duration(seconds: int) -> str:
    """The corpus form: ``PT00H59M23S``."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"PT{hours:02d}H{minutes:02d}M{secs:02d}S"

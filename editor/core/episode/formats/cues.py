"""Timed text from transcript files: WebVTT, SRT, Podcasting 2.0 JSON, whisper/WhisperX JSON.

Every reader returns a ``CueFile``: cues in file order with start/end seconds, speaker label
(or None) and plain text. VTT is read with ``webvtt-py``, SRT with ``srt``; JSON is checked
field by field, so a wrong file gives a message naming what is missing.
"""

from __future__ import annotations

import html
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Files the editor writes carry this in their first NOTE: one cue per transcript line, every
# cue with its own speaker, so an import keeps the cues as lines (see ``CueFile.one_per_line``).
EDITOR_MARK = "episode-editor"

FILE_FORMATS = ("vtt", "srt", "podcast-json", "whisper-json")


class CueFileError(ValueError):
    """A transcript file that cannot be read (wrong format, broken syntax, missing fields)."""


@dataclass
class Cue:
    start: float
    end: float | None
    speaker: str | None
    text: str


@dataclass
class CueFile:
    format: str
    cues: list[Cue] = field(default_factory=list)
    one_per_line: bool = False  # written by this editor: do not merge cues of one speaker

    def speakers(self) -> list[str]:
        """Speaker labels in order of first appearance."""
        seen: dict[str, None] = {}
        for cue in self.cues:
            if cue.speaker:
                seen.setdefault(cue.speaker, None)
        return list(seen)


def detect_format(name: str, text: str) -> str:
    """``vtt``, ``srt``, ``podcast-json`` or ``whisper-json`` from the file name and content."""
    stripped = text.lstrip("\ufeff \t\r\n")
    suffix = Path(name).suffix.lower()
    if stripped.startswith("WEBVTT") or suffix == ".vtt":
        return "vtt"
    if stripped.startswith(("{", "[")) or suffix == ".json":
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise CueFileError(f"The JSON is broken: {exc.msg} (line {exc.lineno}).") from None
        segments = data.get("segments") if isinstance(data, dict) else data
        if isinstance(segments, list):
            first = next((s for s in segments if isinstance(s, dict)), {})
            if "startTime" in first or "body" in first:
                return "podcast-json"
            if "start" in first or "text" in first:
                return "whisper-json"
        raise CueFileError(
            "The JSON is neither a Podcasting 2.0 transcript (segments with startTime and "
            "body) nor a whisper/WhisperX result (segments with start and text)."
        )
    if suffix == ".srt" or re.match(r"\d+\s*\r?\n\s*\d+:\d+:\d+[,.]\d+\s*-->", stripped):
        return "srt"
    raise CueFileError(f"{name}: not a VTT, SRT or JSON transcript (use .vtt, .srt or .json).")


def read_cue_text(text: str, name: str = "", fmt: str | None = None) -> CueFile:
    fmt = fmt or detect_format(name, text)
    text = text.lstrip("\ufeff")
    if fmt == "vtt":
        result = _read_vtt(text)
    elif fmt == "srt":
        result = _read_srt(text)
    elif fmt in ("podcast-json", "whisper-json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CueFileError(f"The JSON is broken: {exc.msg} (line {exc.lineno}).") from None
        result = _read_podcast_json(data) if fmt == "podcast-json" else _read_whisper_json(data)
    else:
        raise CueFileError(
            f"Unknown transcript format {fmt!r}; use one of {', '.join(FILE_FORMATS)}."
        )
    if not result.cues:
        raise CueFileError(f"The {fmt} file has no cues with a time and text.")
    return result


def read_cue_file(path: str | Path) -> CueFile:
    file_path = Path(path)
    try:
        raw = file_path.read_bytes()
    except OSError as exc:
        raise CueFileError(f"{file_path} cannot be read: {exc.strerror or exc}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CueFileError(f"{file_path} is not UTF-8 text (byte {exc.start}).") from None
    return read_cue_text(text, file_path.name)


# A speaker written before the text: ``Alexey: ...``, ``[SPEAKER_00]: ...``, ``SPEAKER_01: ...``.
_PREFIX_RE = re.compile(r"^\[?(?P<who>SPEAKER_\d+|[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2})\]?:\s+")


def _split_prefix(text: str) -> tuple[str | None, str]:
    match = _PREFIX_RE.match(text)
    if match is None:
        return None, text
    return match.group("who"), text[match.end() :]


def _read_vtt(text: str) -> CueFile:
    import webvtt

    try:
        parsed = webvtt.from_buffer(io.StringIO(text))
    except Exception as exc:  # webvtt-py raises several types for malformed files
        raise CueFileError(f"The VTT file cannot be read: {exc}") from None
    ours = any(EDITOR_MARK in comment for comment in parsed.header_comments)
    result = CueFile("vtt", one_per_line=ours)
    speaker: str | None = None
    for caption in parsed.captions:
        body = html.unescape(caption.text)
        voice = caption.voice
        if voice is not None:
            speaker = html.unescape(voice).strip() or None
        elif ours:
            speaker = None  # the editor writes a voice on every cue that has a speaker
        else:
            prefixed, body = _split_prefix(body)
            speaker = prefixed or speaker
        result.cues.append(Cue(_clock(caption.start), _clock(caption.end), speaker, body))
    return result


def _clock(timestamp: str) -> float:
    parts = timestamp.replace(",", ".").split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds


def _read_srt(text: str) -> CueFile:
    import srt

    try:
        subtitles = list(srt.parse(text))
    except (srt.SRTParseError, ValueError) as exc:
        raise CueFileError(f"The SRT file cannot be read: {exc}") from None
    result = CueFile("srt")
    speaker: str | None = None
    for subtitle in subtitles:
        prefixed, body = _split_prefix(subtitle.content.strip())
        speaker = prefixed or speaker
        result.cues.append(
            Cue(
                subtitle.start.total_seconds(),
                subtitle.end.total_seconds(),
                speaker,
                re.sub(r"\s*\n\s*", " ", body).strip(),
            )
        )
    return result


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise CueFileError(f"{what} is not a number: {value!r}.")
    try:
        number = float(value)
    except ValueError:
        raise CueFileError(f"{what} is not a number: {value!r}.") from None
    if number < 0 or number != number:
        raise CueFileError(f"{what} is negative or not a number: {value!r}.")
    return number


def _segments(data: Any, kind: str) -> list[Any]:
    segments = data.get("segments") if isinstance(data, dict) else data
    if not isinstance(segments, list):
        raise CueFileError(f"The {kind} JSON has no list of segments.")
    return segments


def _read_podcast_json(data: Any) -> CueFile:
    result = CueFile("podcast-json")
    for number, segment in enumerate(_segments(data, "Podcasting 2.0"), start=1):
        if not isinstance(segment, dict) or "startTime" not in segment or "body" not in segment:
            raise CueFileError(f"Segment {number} has no startTime or body.")
        start = _number(segment["startTime"], f"Segment {number}'s startTime")
        end = segment.get("endTime")
        speaker = segment.get("speaker")
        result.cues.append(
            Cue(
                start,
                _number(end, f"Segment {number}'s endTime") if end is not None else None,
                str(speaker).strip() or None if speaker is not None else None,
                str(segment["body"]),
            )
        )
    return result


def _read_whisper_json(data: Any) -> CueFile:
    result = CueFile("whisper-json")
    for number, segment in enumerate(_segments(data, "whisper"), start=1):
        if not isinstance(segment, dict) or "start" not in segment or "text" not in segment:
            raise CueFileError(f"Segment {number} has no start or text.")
        end = segment.get("end")
        speaker = segment.get("speaker")
        result.cues.append(
            Cue(
                _number(segment["start"], f"Segment {number}'s start"),
                _number(end, f"Segment {number}'s end") if end is not None else None,
                str(speaker).strip() or None if speaker is not None else None,
                str(segment["text"]).strip(),
            )
        )
    return result

"""An episode's transcript, chapters and clips in the formats podcast apps, hosts and YouTube read.

Cue times: a cue starts at its line's ``sec`` and ends where the next later line starts (lines
sharing a second all end there); the last line ends at the episode's ``duration``, or after
``default_cue_seconds`` of its text (15 characters a second, at least 5 s). Lines without a
time are merged into the previous cue (into the next one before the first timed line), never
dropped, and counted in the notes.
"""

from __future__ import annotations

import itertools
import json
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from xml.etree import ElementTree

from editor.core.episode import clips as clips_core
from editor.core.episode.formats.cues import EDITOR_MARK
from editor.core.episode.transcript import is_header, item_seconds, text_of

EXPORT_FORMATS = (
    "vtt",
    "srt",
    "podcast-json",
    "text",
    "chapters-json",
    "psc",
    "youtube",
    "soundbites",
)
CHAPTER_FORMATS = ("chapters-json", "psc", "youtube")
FILE_SUFFIXES = {
    "vtt": ".vtt",
    "srt": ".srt",
    "podcast-json": ".json",
    "text": ".md",
    "chapters-json": ".chapters.json",
    "psc": ".psc.xml",
    "youtube": ".youtube.txt",
    "soundbites": ".soundbites.xml",
}
SRT_LINE_CHARS = 32  # Podcasting 2.0 guidance for SRT: 32 characters a line, 2 lines a card
SRT_CARD_LINES = 2
SOUNDBITE_MIN, SOUNDBITE_MAX = 15, 120  # seconds, per the podcast:soundbite spec


class ExportError(ValueError):
    """Nothing to export (no timed line, no chapter...)."""


@dataclass
class Export:
    text: str
    notes: list[str] = field(default_factory=list)  # merged lines, skipped chapters, warnings


@dataclass
class ExportCue:
    row: int
    start: int
    end: float
    speaker: str | None
    text: str


def default_cue_seconds(text: str) -> float:
    return max(5.0, len(text) / 15)


def _speaker(item: Mapping[str, Any]) -> str | None:
    who = item.get("who")
    return who.strip() or None if isinstance(who, str) else None


def _clean(text: str) -> str:
    """Text a cue can hold: no blank lines, no leading or trailing space."""
    return "\n".join(part.strip() for part in text.strip().splitlines() if part.strip())


def transcript_cues(data: Mapping[str, Any]) -> tuple[list[ExportCue], int]:
    """One cue per timed line, and how many untimed lines were merged into a neighbour."""
    items = data.get("transcript")
    items = items if isinstance(items, list) else []
    cues: list[ExportCue] = []
    pending: list[str] = []  # untimed lines before the first timed one
    merged = 0
    for row, item in enumerate(items):
        if not isinstance(item, Mapping) or is_header(item):
            continue
        text = _clean(text_of(item.get("line")))
        seconds = item_seconds(item)
        if seconds is None:
            merged += 1
            if not text:
                continue
            if cues:
                previous = cues[-1]
                speaker = _speaker(item)
                if speaker and speaker != previous.speaker:
                    text = f"{speaker}: {text}"
                previous.text = f"{previous.text}\n{text}" if previous.text else text
            else:
                pending.append(text)
            continue
        cue = ExportCue(row, seconds, 0.0, _speaker(item), text)
        if pending and not cues:
            cue.text = "\n".join([*pending, text] if text else pending)
        cues.append(cue)
    duration = clips_core.episode_duration(data) if isinstance(data, dict) else None
    # Ends: the next later start; lines sharing a second share the end of the last of them.
    for index in range(len(cues) - 1, -1, -1):
        cue = cues[index]
        following = cues[index + 1] if index + 1 < len(cues) else None
        end: float | None
        if following is not None and following.start > cue.start:
            end = following.start
        elif following is not None and following.start == cue.start:
            end = following.end
        else:
            end = _first_later(cues, index)
        if end is None or end <= cue.start:
            if duration is not None and duration > cue.start:
                end = duration
            else:
                end = cue.start + default_cue_seconds(cue.text)
        cue.end = end
    return cues, merged


def _first_later(cues: Sequence[ExportCue], index: int) -> float | None:
    start = cues[index].start
    return next((c.start for c in cues[index + 1 :] if c.start > start), None)


def _merged_note(merged: int) -> list[str]:
    if not merged:
        return []
    lines = "line has" if merged == 1 else "lines have"
    return [f"{merged} {lines} no time; merged into the previous cue."]


def _sections(data: Mapping[str, Any]) -> dict[int, str]:
    """Header title by the row of the first timed line after it."""
    items = data.get("transcript")
    items = items if isinstance(items, list) else []
    titles: dict[int, str] = {}
    waiting: list[str] = []
    for row, item in enumerate(items):
        if not isinstance(item, Mapping):
            continue
        if is_header(item):
            waiting.append(_clean(text_of(item.get("header"))))
        elif waiting and item_seconds(item) is not None:
            titles[row] = " / ".join(waiting)
            waiting = []
    return titles


def _clock(seconds: float, comma: bool = False) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{',' if comma else '.'}{millis:03d}"


def _escape_vtt(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _note(text: str) -> str:
    return _clean(text).replace("-->", "->")


def export_vtt(data: Mapping[str, Any]) -> Export:
    from webvtt import Caption, WebVTT

    cues, merged = transcript_cues(data)
    if not cues:
        raise ExportError("The transcript has no timed lines to export.")
    titles = _sections(data)
    captions = []
    for cue in cues:
        body = _escape_vtt(cue.text)
        if cue.speaker:
            body = f"<v {_escape_vtt(cue.speaker)}>{body}"
        caption = Caption(_clock(cue.start), _clock(cue.end), body)
        if cue.row in titles:
            caption.comments = [_note(f"Section: {titles[cue.row]}")]
        captions.append(caption)
    header = f"Written by {EDITOR_MARK}: one cue per transcript line."
    document = WebVTT(captions=captions, header_comments=[header])
    return Export(document.content, _merged_note(merged))


def srt_cards(cue: ExportCue) -> list[tuple[float, float, str]]:
    """The cue as SRT cards of at most 2 lines of 32 characters, the speaker's name first;
    the cue's time is shared out by characters."""
    text = " ".join(cue.text.split())
    if cue.speaker:
        text = f"{cue.speaker}: {text}"
    lines = textwrap.wrap(text, SRT_LINE_CHARS, break_long_words=True) or [""]
    chunks = [
        "\n".join(lines[i : i + SRT_CARD_LINES]) for i in range(0, len(lines), SRT_CARD_LINES)
    ]
    total = sum(len(chunk) for chunk in chunks) or 1
    span = cue.end - cue.start
    cards: list[tuple[float, float, str]] = []
    done = 0
    for chunk in chunks:
        start = cue.start + span * done / total
        done += len(chunk)
        cards.append((start, cue.start + span * done / total, chunk))
    return cards


def export_srt(data: Mapping[str, Any]) -> Export:
    import srt

    cues, merged = transcript_cues(data)
    if not cues:
        raise ExportError("The transcript has no timed lines to export.")
    subtitles = [
        srt.Subtitle(0, timedelta(seconds=round(start, 3)), timedelta(seconds=round(end, 3)), body)
        for cue in cues
        for start, end, body in srt_cards(cue)
    ]
    return Export(srt.compose(subtitles, reindex=True, start_index=1), _merged_note(merged))


def _seconds_value(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 3)


def export_podcast_json(data: Mapping[str, Any]) -> Export:
    cues, merged = transcript_cues(data)
    if not cues:
        raise ExportError("The transcript has no timed lines to export.")
    segments = []
    for cue in cues:
        segment: dict[str, Any] = {}
        if cue.speaker:
            segment["speaker"] = cue.speaker
        segment["startTime"] = _seconds_value(cue.start)
        segment["endTime"] = _seconds_value(cue.end)
        segment["body"] = cue.text
        segments.append(segment)
    payload = {"version": "1.0.0", "segments": segments}
    return Export(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", _merged_note(merged))


def _hms(seconds: int) -> str:
    hours, rest = divmod(int(seconds), 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def export_text(data: Mapping[str, Any]) -> Export:
    """Markdown: the title, a ``##`` heading per section, ``[h:mm:ss] Speaker: text`` lines
    (an untimed line keeps its place, without a time)."""
    items = data.get("transcript")
    items = items if isinstance(items, list) else []
    blocks: list[str] = []
    title = text_of(data.get("title")).strip()
    if title:
        blocks.append(f"# {' '.join(title.split())}")
    for item in items:
        if not isinstance(item, Mapping):
            continue
        if is_header(item):
            blocks.append(f"## {' '.join(text_of(item.get('header')).split())}")
            continue
        seconds = item_seconds(item)
        parts = [f"[{_hms(seconds)}]"] if seconds is not None else []
        speaker = _speaker(item)
        if speaker:
            parts.append(f"{speaker}:")
        parts.append(_clean(text_of(item.get("line"))))
        blocks.append(" ".join(part for part in parts if part))
    if not blocks:
        raise ExportError("The episode has no title and no transcript to export.")
    return Export("\n\n".join(blocks) + "\n")


@dataclass(frozen=True)
class ChapterMark:
    start: int
    title: str
    end: int | None = None
    url: str | None = None


def chapter_marks(data: Mapping[str, Any], source: str) -> tuple[list[ChapterMark], list[str]]:
    """Chapters from the section headers (``source="headers"``) or from ``quotableClips``."""
    notes: list[str] = []
    marks: list[ChapterMark] = []
    if source == "clips":
        clips = data.get("quotableClips")
        for index, clip in enumerate(clips if isinstance(clips, list) else [], start=1):
            start = clips_core.clip_start(clip)
            if start is None:
                notes.append(f"Clip {index} has no startOffset; left out.")
                continue
            url = clip.get("url") if isinstance(clip, Mapping) else None
            marks.append(
                ChapterMark(
                    start,
                    " ".join(clips_core.clip_name(clip).split()),
                    clips_core.clip_end(clip),
                    url if isinstance(url, str) and url.strip() else None,
                )
            )
        marks.sort(key=lambda mark: mark.start)
    elif source == "headers":
        duration = clips_core.episode_duration(data) if isinstance(data, dict) else None
        for section in clips_core.transcript_sections(data.get("transcript"), duration):
            title = " ".join(section.header.split())
            if section.start is None:
                notes.append(f"Section “{title}” has no timed line; left out.")
                continue
            marks.append(ChapterMark(section.start, title, section.end))
    else:
        raise ExportError(f"Chapters come from 'headers' or 'clips', not {source!r}.")
    if not marks:
        where = "section headers" if source == "headers" else "clips"
        raise ExportError(f"The episode has no timed {where} to make chapters from.")
    for before, after in itertools.pairwise(marks):
        if after.start < before.start:
            notes.append(f"“{after.title}” starts before “{before.title}”.")
    return marks, notes


def export_chapters_json(data: Mapping[str, Any], source: str) -> Export:
    marks, notes = chapter_marks(data, source)
    chapters = []
    for mark in marks:
        chapter: dict[str, Any] = {"startTime": mark.start, "title": mark.title}
        if mark.end is not None and mark.end > mark.start:
            chapter["endTime"] = mark.end
        if mark.url:
            chapter["url"] = mark.url
        chapters.append(chapter)
    payload = {"version": "1.2.0", "chapters": chapters}
    return Export(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", notes)


PSC_NAMESPACE = "http://podlove.org/simple-chapters"


def export_psc(data: Mapping[str, Any], source: str) -> Export:
    marks, notes = chapter_marks(data, source)
    ElementTree.register_namespace("psc", PSC_NAMESPACE)
    root = ElementTree.Element(f"{{{PSC_NAMESPACE}}}chapters", {"version": "1.2"})
    for mark in marks:
        attributes = {"start": _clock(mark.start), "title": mark.title}
        if mark.url:
            attributes["href"] = mark.url
        ElementTree.SubElement(root, f"{{{PSC_NAMESPACE}}}chapter", attributes)
    ElementTree.indent(root)
    text = ElementTree.tostring(root, encoding="unicode", xml_declaration=True)
    return Export(text + "\n", notes)


def export_youtube(data: Mapping[str, Any], source: str) -> Export:
    """The description chapter list, as the Clips tab writes it (same code)."""
    marks, notes = chapter_marks(data, source)
    chapters = [clips_core.Chapter(mark.start, mark.title) for mark in marks]
    return Export(
        clips_core.format_chapters(chapters), notes + clips_core.chapter_warnings(chapters)
    )


PODCAST_NAMESPACE = "https://podcastindex.org/namespace/1.0"


def export_soundbites(data: Mapping[str, Any]) -> Export:
    """``<podcast:soundbite startTime=".." duration="..">title</podcast:soundbite>`` per clip."""
    clips = data.get("quotableClips")
    notes: list[str] = []
    lines: list[str] = []
    ElementTree.register_namespace("podcast", PODCAST_NAMESPACE)
    for index, clip in enumerate(clips if isinstance(clips, list) else [], start=1):
        start, end = clips_core.clip_start(clip), clips_core.clip_end(clip)
        name = " ".join(clips_core.clip_name(clip).split())
        if start is None or end is None or end <= start:
            notes.append(
                f"Clip {index} ({name or 'no name'}) has no usable start and end; left out."
            )
            continue
        length = end - start
        if not SOUNDBITE_MIN <= length <= SOUNDBITE_MAX:
            notes.append(
                f"Clip {index} ({name}) is {length} s long; soundbites should be "
                f"{SOUNDBITE_MIN}–{SOUNDBITE_MAX} s."
            )
        element = ElementTree.Element(
            "podcast:soundbite", {"startTime": str(start), "duration": str(length)}
        )
        element.text = name
        lines.append(ElementTree.tostring(element, encoding="unicode"))
    if not lines:
        raise ExportError("The episode has no clips with a start and an end.")
    return Export("\n".join(lines) + "\n", notes)


def export_episode(data: Mapping[str, Any], fmt: str, source: str | None = None) -> Export:
    """``data`` (an episode's front matter) in format ``fmt``; ``source`` picks where chapters
    come from (``headers`` or ``clips``; YouTube defaults to clips, as the Clips tab)."""
    if fmt == "vtt":
        return export_vtt(data)
    if fmt == "srt":
        return export_srt(data)
    if fmt == "podcast-json":
        return export_podcast_json(data)
    if fmt == "text":
        return export_text(data)
    if fmt == "chapters-json":
        return export_chapters_json(data, source or "headers")
    if fmt == "psc":
        return export_psc(data, source or "headers")
    if fmt == "youtube":
        return export_youtube(data, source or "clips")
    if fmt == "soundbites":
        return export_soundbites(data)
    raise ExportError(f"Unknown format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}.")

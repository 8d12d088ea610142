"""Quotable clips: URLs, chapter lists, sections, overlaps and gaps, snapping, timeline scale.

Pure Python (no Qt). Clips are the mappings under ``quotableClips``: ``name``,
``startOffset``, ``url``, ``endOffset`` (that key order is the one every corpus episode uses).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from editor.core.episode.timecode import (
    TimeFormatError,
    format_chapter_time,
    parse_iso_duration,
    parse_time,
)
from editor.core.yaml.edits import Edit, InsertItems, MoveItems, RemoveItems, SetValue

CLIPS_KEY = "quotableClips"
CLIP_KEY_ORDER: tuple[str, ...] = ("name", "startOffset", "url", "endOffset")

# The usual form: https://www.youtube.com/watch?v=ID&t=N (host with or without www./m.).
_CLIP_URL_RE = re.compile(
    r"^(?P<prefix>https?://(?:www\.|m\.)?youtube\.com/watch\?v=)"
    r"(?P<id>[A-Za-z0-9_-]+)&t=(?P<t>\d+)$"
)
_DEFAULT_PREFIX = "https://www.youtube.com/watch?v="
_VIDEO_ID_RE = re.compile(r"^[A-Za-z0-9_-]+$")


# -- URLs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClipUrl:
    """A clip URL in the usual ``watch?v=ID&t=N`` form."""

    prefix: str
    video_id: str
    start: int

    def text(self) -> str:
        return f"{self.prefix}{self.video_id}&t={self.start}"


def parse_clip_url(url: object) -> ClipUrl | None:
    """The parts of a usual-form clip URL, or None for anything else."""
    if not isinstance(url, str):
        return None
    match = _CLIP_URL_RE.match(url.strip())
    if match is None:
        return None
    return ClipUrl(match.group("prefix"), match.group("id"), int(match.group("t")))


def build_clip_url(video_id: str, start: int, like: object = None) -> str:
    """A usual-form URL; keeps the scheme and host spelling of ``like`` when it has one."""
    parsed = parse_clip_url(like)
    prefix = parsed.prefix if parsed is not None else _DEFAULT_PREFIX
    return ClipUrl(prefix, video_id, int(start)).text()


def valid_video_id(value: object) -> str | None:
    if isinstance(value, str) and _VIDEO_ID_RE.match(value.strip()):
        return value.strip()
    return None


def url_after_start_change(url: object, new_start: int) -> str | None:
    """The URL with its ``t`` following a new start, or None when it is not the usual form."""
    parsed = parse_clip_url(url)
    if parsed is None or parsed.start == new_start:
        return None
    return ClipUrl(parsed.prefix, parsed.video_id, int(new_start)).text()


@dataclass(frozen=True)
class UrlCheck:
    """How a clip URL relates to ``ids.youtube`` and ``startOffset``.

    ``fixed`` is the URL the one-click fix writes, or None when there is nothing to fix
    (or no way to fix it, e.g. no video id is known).
    """

    ok: bool
    message: str
    fixed: str | None


def check_clip_url(url: object, video_id: object, start: object) -> UrlCheck:
    vid = valid_video_id(video_id)
    start_s = start if isinstance(start, int) and not isinstance(start, bool) else None
    parsed = parse_clip_url(url)
    if url is None or (isinstance(url, str) and not url.strip()):
        if vid is not None and start_s is not None:
            return UrlCheck(False, "The clip has no URL.", build_clip_url(vid, start_s))
        return UrlCheck(True, "", None)
    if parsed is None:
        if vid is not None and start_s is not None:
            return UrlCheck(
                False,
                f"The URL is not in the usual form watch?v={vid}&t={start_s}.",
                build_clip_url(vid, start_s, url),
            )
        return UrlCheck(True, "", None)
    problems = []
    if vid is not None and parsed.video_id != vid:
        problems.append(f"its video id {parsed.video_id} is not ids.youtube ({vid})")
    if start_s is not None and parsed.start != start_s:
        problems.append(f"its t={parsed.start} is not the start ({start_s} s)")
    if not problems:
        return UrlCheck(True, "", None)
    fixed = ClipUrl(
        parsed.prefix,
        vid if vid is not None else parsed.video_id,
        start_s if start_s is not None else parsed.start,
    ).text()
    return UrlCheck(False, "The URL disagrees: " + "; ".join(problems) + ".", fixed)


def is_openable_url(url: object) -> bool:
    """Only http(s) URLs are opened in the browser."""
    return isinstance(url, str) and re.match(r"^https?://\S+$", url.strip(), re.I) is not None


# -- clips as plain values -------------------------------------------------------------


def clip_start(clip: object) -> int | None:
    return _int_or_none(clip.get("startOffset")) if isinstance(clip, Mapping) else None


def clip_end(clip: object) -> int | None:
    return _int_or_none(clip.get("endOffset")) if isinstance(clip, Mapping) else None


def clip_name(clip: object) -> str:
    if not isinstance(clip, Mapping):
        return ""
    name = clip.get("name")
    return "" if name is None else str(name)


def _int_or_none(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return int(value)


def new_clip_values(name: str, start: int, end: int, video_id: object) -> dict[str, Any]:
    """A new clip's keys in the corpus order (``url`` only when a video id is known)."""
    values: dict[str, Any] = {"name": name, "startOffset": int(start)}
    vid = valid_video_id(video_id)
    if vid is not None:
        values["url"] = build_clip_url(vid, start)
    values["endOffset"] = int(end)
    return values


def episode_duration(data: Mapping[str, Any]) -> int | None:
    """Seconds from ``duration`` (ISO 8601), else the last transcript ``sec``, else None."""
    raw = data.get("duration")
    if isinstance(raw, str):
        try:
            seconds = parse_iso_duration(raw)
        except TimeFormatError:
            seconds = 0
        if seconds > 0:
            return seconds
    times = line_times(data.get("transcript"))
    return times[-1] if times else None


# -- transcript sections and lines -----------------------------------------------------


@dataclass(frozen=True)
class Section:
    index: int  # index of the header item in ``transcript``
    header: str
    start: int | None  # first timed line's sec, None when the section has none
    end: int | None


def _item_sec(item: object) -> int | None:
    return _int_or_none(item.get("sec")) if isinstance(item, Mapping) else None


def line_times(transcript: object) -> list[int]:
    """Sorted, distinct ``sec`` values of the transcript lines (the snapping targets)."""
    if not isinstance(transcript, Sequence) or isinstance(transcript, str):
        return []
    return sorted({sec for item in transcript if (sec := _item_sec(item)) is not None})


def transcript_sections(transcript: object, duration: int | None) -> list[Section]:
    if not isinstance(transcript, Sequence) or isinstance(transcript, str):
        return []
    heads: list[tuple[int, str, int | None]] = []
    current: list[Any] | None = None
    for index, item in enumerate(transcript):
        if isinstance(item, Mapping) and "header" in item:
            current = [index, str(item.get("header") or ""), None]
            heads.append(current)  # type: ignore[arg-type]
            continue
        sec = _item_sec(item)
        if current is not None and current[2] is None and sec is not None:
            current[2] = sec
    sections: list[Section] = []
    for position, (index, header, start) in enumerate(heads):
        end: int | None = None
        for _, _, later_start in heads[position + 1 :]:
            if later_start is not None:
                end = later_start
                break
        if end is None:
            end = duration
        sections.append(Section(index, header, start, end))
    return sections


@dataclass(frozen=True)
class TranscriptLine:
    index: int
    sec: int  # its own ``sec``, or the previous timed line's for an untimed line
    who: str
    text: str
    timed: bool = True


def lines_in_range(transcript: object, start: int, end: int) -> list[TranscriptLine]:
    """Timed transcript lines with ``start <= sec < end`` (untimed lines follow the previous
    timed one)."""
    if not isinstance(transcript, Sequence) or isinstance(transcript, str):
        return []
    result: list[TranscriptLine] = []
    last_sec: int | None = None
    for index, item in enumerate(transcript):
        if not isinstance(item, Mapping) or "line" not in item:
            continue
        sec = _item_sec(item)
        if sec is not None:
            last_sec = sec
        effective = last_sec
        if effective is not None and start <= effective < end:
            who = str(item.get("who") or "")
            result.append(TranscriptLine(index, effective, who, str(item["line"]), sec is not None))
    return result


# -- overlaps, gaps, snapping ----------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    kind: str  # "overlap" | "gap"
    start: int
    end: int
    first: int  # clip indexes involved
    second: int

    def describe(self, names: Sequence[str]) -> str:
        a, b = names[self.first], names[self.second]
        if self.kind == "overlap":
            return f"“{a}” and “{b}” overlap by {self.end - self.start} s"
        return f"{self.end - self.start} s gap between “{a}” and “{b}”"


def overlaps_and_gaps(clips: Sequence[object]) -> list[Interval]:
    """Overlaps between any two clips, and gaps between clips next to each other in time."""
    spans = [
        (start, end, index)
        for index, clip in enumerate(clips)
        if (start := clip_start(clip)) is not None
        and (end := clip_end(clip)) is not None
        and end > start
    ]
    spans.sort()
    found: list[Interval] = []
    reach_end, reach_index = -1, -1
    for position, (start, end, index) in enumerate(spans):
        for other_start, other_end, other in spans[position + 1 :]:
            if other_start >= end:
                break
            found.append(Interval("overlap", other_start, min(end, other_end), index, other))
        if position and start > reach_end:
            found.append(Interval("gap", reach_end, start, reach_index, index))
        if end > reach_end:
            reach_end, reach_index = end, index
    found.sort(key=lambda iv: (iv.start, iv.end))
    return found


def snap_time(value: float, targets: Sequence[int], tolerance: float) -> tuple[int, bool]:
    """The target nearest ``value`` within ``tolerance`` (snapped=True), else ``value``
    rounded. ``targets`` must be sorted."""
    rounded = max(0, round(value))
    if not targets:
        return rounded, False
    position = bisect.bisect_left(targets, value)
    best: int | None = None
    for candidate in targets[max(0, position - 1) : position + 1]:
        if abs(candidate - value) <= tolerance and (
            best is None or abs(candidate - value) < abs(best - value)
        ):
            best = candidate
    return (best, True) if best is not None else (rounded, False)


# -- the time <-> pixel mapping of the timeline ----------------------------------------


class TimeScale:
    """Maps seconds to x pixels for a timeline of ``duration`` seconds.

    ``pixels_per_second`` is the zoom; ``scroll`` is how many pixels of the content are
    scrolled off to the left; ``margin`` is blank space before time 0.
    """

    MIN_PPS = 0.01
    MAX_PPS = 200.0
    # A bogus time (a clip "ending" in the year 30000) must not make the content billions of
    # pixels wide: scroll bars are 32-bit. 48 h at MAX_PPS is 35 M pixels.
    MAX_DURATION = 48 * 3600.0

    def __init__(self, duration: float, width: int, margin: int = 8) -> None:
        self.duration = min(self.MAX_DURATION, max(1.0, float(duration)))
        self.width = max(1, int(width))
        self.margin = margin
        self.pixels_per_second = 1.0
        self.scroll = 0.0
        self.fit()

    # mapping
    def x_for(self, seconds: float) -> float:
        return self.margin + seconds * self.pixels_per_second - self.scroll

    def time_for(self, x: float) -> float:
        return (x - self.margin + self.scroll) / self.pixels_per_second

    # extent
    def content_width(self) -> float:
        return self.duration * self.pixels_per_second + 2 * self.margin

    def max_scroll(self) -> float:
        return max(0.0, self.content_width() - self.width)

    def visible_range(self) -> tuple[float, float]:
        return max(0.0, self.time_for(0)), min(self.duration, self.time_for(self.width))

    def fit_pps(self) -> float:
        return max(self.MIN_PPS, (self.width - 2 * self.margin) / self.duration)

    # changes
    def resize(self, width: int) -> None:
        fitted = abs(self.pixels_per_second - self.fit_pps()) < 1e-9
        self.width = max(1, int(width))
        if fitted:
            self.fit()
        self.set_scroll(self.scroll)

    def set_duration(self, duration: float) -> None:
        self.duration = min(self.MAX_DURATION, max(1.0, float(duration)))
        self.set_scroll(self.scroll)

    def fit(self) -> None:
        self.pixels_per_second = self.fit_pps()
        self.scroll = 0.0

    def set_scroll(self, scroll: float) -> None:
        self.scroll = min(max(0.0, scroll), self.max_scroll())

    def zoom(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom by ``factor`` keeping the time under ``anchor_x`` where it is."""
        anchor = self.width / 2 if anchor_x is None else anchor_x
        anchored_time = self.time_for(anchor)
        pps = min(self.MAX_PPS, max(self.fit_pps(), self.pixels_per_second * factor))
        self.pixels_per_second = pps
        self.set_scroll(self.margin + anchored_time * pps - anchor)

    def ensure_visible(self, seconds: float, padding: float = 20) -> None:
        x = self.x_for(seconds)
        if x < padding:
            self.set_scroll(self.scroll + x - padding)
        elif x > self.width - padding:
            self.set_scroll(self.scroll + x - self.width + padding)

    def tick_step(self, min_pixels: float = 70) -> int:
        """A round number of seconds between ruler ticks, at least ``min_pixels`` apart."""
        for step in (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200):
            if step * self.pixels_per_second >= min_pixels:
                return step
        return 14400


# -- YouTube chapter lists -------------------------------------------------------------


@dataclass(frozen=True)
class Chapter:
    start: int
    title: str


@dataclass
class ChapterList:
    chapters: list[Chapter] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "line 3: ..." for skipped lines


_CHAPTER_LINE_RE = re.compile(
    r"^\s*[\[(]?(?P<time>\d{1,2}(?::\d{1,2}){1,2})[\])]?\s*(?:[-–—|]\s+)?(?P<title>.*?)\s*$"
)


def parse_chapters(text: str) -> ChapterList:
    """Chapters from ``00:02:06 Title`` lines (also ``2:06 Title``, ``2:06 - Title``).

    Blank lines are skipped; other lines without a leading time are reported in
    ``problems`` with their line number.
    """
    result = ChapterList()
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not raw.strip():
            continue
        match = _CHAPTER_LINE_RE.match(raw)
        if match is None:
            result.problems.append(f"line {number}: no time at the start: {raw.strip()[:60]!r}")
            continue
        try:
            start = parse_time(match.group("time"))
        except TimeFormatError as error:
            result.problems.append(f"line {number}: {error}")
            continue
        title = match.group("title")
        if not title:
            result.problems.append(
                f"line {number}: the chapter at {match.group('time')} has no title"
            )
            continue
        result.chapters.append(Chapter(start, title))
    return result


def format_chapters(chapters: Iterable[Chapter]) -> str:
    """One ``00:02:06 Title`` line per chapter, newline-terminated."""
    lines = [f"{format_chapter_time(c.start)} {' '.join(c.title.split())}" for c in chapters]
    return "".join(line + "\n" for line in lines)


def chapter_warnings(chapters: Sequence[Chapter]) -> list[str]:
    """YouTube's rules for chapters: first at 0:00, at least three, each 10 s or longer,
    in ascending order."""
    warnings: list[str] = []
    if not chapters:
        return ["There are no chapters."]
    if chapters[0].start != 0:
        warnings.append("YouTube needs the first chapter at 00:00:00.")
    if len(chapters) < 3:
        warnings.append("YouTube needs at least three chapters.")
    for before, after in itertools.pairwise(chapters):
        if after.start <= before.start:
            warnings.append(f"“{after.title}” does not start after “{before.title}”.")
        elif after.start - before.start < 10:
            warnings.append(f"“{before.title}” is shorter than YouTube's 10 s minimum.")
    return warnings


def chapters_from_clips(clips: Sequence[object]) -> list[Chapter]:
    """Clips with a start, in time order, as chapters."""
    chapters = [
        Chapter(start, clip_name(clip)) for clip in clips if (start := clip_start(clip)) is not None
    ]
    return sorted(chapters, key=lambda c: c.start)


def read_chapter_file(path: str | Path) -> ChapterList:
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"{path} is not UTF-8 text ({error.reason} at byte {error.start})"
        ) from None
    return parse_chapters(text)


def write_chapter_file(path: str | Path, chapters: Iterable[Chapter]) -> None:
    Path(path).write_text(format_chapters(chapters), encoding="utf-8", newline="\n")


def describe_rename(old: str, new: str) -> str:
    """A rename as a person can check it: small edits spell out the characters that differ
    (a non-breaking hyphen looks like a hyphen), larger ones give the old name."""
    import difflib
    import unicodedata

    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    edits = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not edits or len(edits) > 3 or any(max(i2 - i1, j2 - j1) > 3 for _, i1, i2, j1, j2 in edits):
        return f"renamed from “{old}”"
    changed = "".join(old[i1:i2] + new[j1:j2] for _, i1, i2, j1, j2 in edits)
    if any(ch.isascii() and ch.isalnum() for ch in changed):
        return f"renamed from “{old}”"  # a visible edit: the old name says it best

    def spell(text: str) -> str:
        if not text:
            return "nothing"
        return " ".join(
            f"“{ch}” U+{ord(ch):04X} {unicodedata.name(ch, '').lower()}".rstrip() for ch in text
        )

    parts = [f"{spell(old[i1:i2])} → {spell(new[j1:j2])}" for _, i1, i2, j1, j2 in edits]
    return "renamed: " + "; ".join(parts)


# -- proposals and their diff ----------------------------------------------------------


@dataclass(frozen=True)
class ProposedClip:
    name: str
    start: int
    end: int
    # Why the user must look at this clip before it is applied ("" when it is fine).
    problem: str = field(default="", compare=False)
    # The source says nothing about the end (the last chapter): a matched clip keeps its own.
    keep_end: bool = field(default=False, compare=False)


def clips_from_sections(
    transcript: object, duration: int | None
) -> tuple[list[ProposedClip], list[str]]:
    """One clip per transcript section; the second value explains skipped sections."""
    proposed: list[ProposedClip] = []
    notes: list[str] = []
    for _section, clip, note in _section_clips(transcript, duration):
        if clip is not None:
            proposed.append(clip)
        else:
            notes.append(note)
    return proposed, notes


def sections_without_clips(transcript: object, duration: int | None) -> dict[str, str]:
    """Headers of sections that get no clip from ``clips_from_sections``, with the reason."""
    return {
        section.header: note
        for section, clip, note in _section_clips(transcript, duration)
        if clip is None
    }


def _section_clips(
    transcript: object, duration: int | None
) -> Iterator[tuple[Section, ProposedClip | None, str]]:
    for section in transcript_sections(transcript, duration):
        label = section.header or f"(untitled section at item {section.index})"
        if section.start is None:
            yield section, None, f"“{label}” has no timed lines; no clip proposed."
            continue
        end = section.end
        if end is None:
            yield section, None, f"“{label}” is the last section and the episode has no duration."
            continue
        if end <= section.start:
            note = f"“{label}” would end before it starts ({end} ≤ {section.start})."
            yield section, None, note
            continue
        yield section, ProposedClip(section.header, section.start, end), ""


def keep_removals_of(changes: Sequence[ClipChange], reasons: Mapping[str, str]) -> None:
    """Removals of clips named like a key of ``reasons`` get that reason (shown unchecked):
    a clip whose section has no lines is the user's, not an obsolete one."""
    by_name = {_norm(name): reason for name, reason in reasons.items()}
    for change in changes:
        if change.kind == "removed" and change.old is not None:
            reason = by_name.get(_norm(change.old[0]))
            if reason is not None:
                change.problem = f"Kept unless you check it: {reason}"


def clips_from_chapters(chapters: Sequence[Chapter], duration: int | None) -> list[ProposedClip]:
    """Chapters as clips: each ends where the next starts, the last at the duration.

    A chapter list has no end for its last chapter: when the duration cannot give one
    (none, or the chapter starts at or after it), a matching clip keeps its own end. Chapters
    at or after the duration, at the same time as the next, or giving a zero-length clip
    carry a ``problem`` (the review shows them unchecked).
    """
    ordered = sorted(chapters, key=lambda c: c.start)
    proposed = []
    for position, chapter in enumerate(ordered):
        problems: list[str] = []
        keep_end = False
        if duration is not None and chapter.start >= duration:
            problems.append(
                f"starts at or after the episode's duration ({format_chapter_time(duration)})"
            )
        if position + 1 < len(ordered):
            following = ordered[position + 1]
            end = following.start
            if end == chapter.start:
                problems.append(f"at the same time as “{following.title}”: a zero-length clip")
        elif duration is not None and duration > chapter.start:
            end = duration
        else:
            end, keep_end = chapter.start, True
            if duration is None:
                problems.append("the last chapter and the episode has no duration: no end")
        proposed.append(
            ProposedClip(chapter.title, chapter.start, end, "; ".join(problems), keep_end)
        )
    return proposed


@dataclass
class ClipChange:
    """One line of the diff: ``kind`` is added | changed | removed | unchanged."""

    kind: str
    old_index: int | None
    new_position: int | None  # position in the proposal
    old: tuple[str, int | None, int | None] | None
    new: ProposedClip | None
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # key -> (old, new)
    problem: str = ""  # why this change is offered unchecked ("" when it is fine)

    def summary(self) -> str:
        if self.kind == "added" and self.new is not None:
            return f"{self.new.name} ({self.new.start}–{self.new.end} s)"
        if self.kind == "removed" and self.old is not None:
            return f"{self.old[0]} ({self.old[1]}–{self.old[2]} s)"
        if self.new is not None:
            parts = [f"{key}: {old!r} → {new!r}" for key, (old, new) in self.fields.items()]
            return f"{self.new.name}: " + ", ".join(parts) if parts else self.new.name
        return ""


def _norm(name: str) -> str:
    return " ".join(name.casefold().split()).strip("'\"")


def diff_clips(
    current: Sequence[object], proposed: Sequence[ProposedClip], video_id: object
) -> list[ClipChange]:
    """Pairs current clips with proposed ones (by name, then by start) and lists what would
    change. The result is in proposal order, removed clips last."""
    vid = valid_video_id(video_id)
    unmatched = set(range(len(current)))
    pairs: dict[int, int] = {}
    for position, prop in enumerate(proposed):
        for index in sorted(unmatched):
            if _norm(clip_name(current[index])) == _norm(prop.name):
                pairs[position] = index
                unmatched.discard(index)
                break
    for position, prop in enumerate(proposed):
        if position in pairs:
            continue
        for index in sorted(unmatched):
            if clip_start(current[index]) == prop.start:
                pairs[position] = index
                unmatched.discard(index)
                break
    changes: list[ClipChange] = []
    for position, prop in enumerate(proposed):
        if position not in pairs:
            problem = prop.problem
            if prop.end <= prop.start and not problem:
                problem = "a zero-length clip"
            changes.append(ClipChange("added", None, position, None, prop, problem=problem))
            continue
        index = pairs[position]
        clip = current[index]
        old = (clip_name(clip), clip_start(clip), clip_end(clip))
        fields: dict[str, tuple[Any, Any]] = {}
        if old[0] != prop.name:
            fields["name"] = (old[0], prop.name)
        if old[1] != prop.start:
            fields["startOffset"] = (old[1], prop.start)
        if prop.keep_end:
            kept_end = old[2] if old[2] is not None else prop.end
            prop = ProposedClip(prop.name, prop.start, kept_end, prop.problem)
        elif old[2] != prop.end:
            fields["endOffset"] = (old[2], prop.end)
        url = clip.get("url") if isinstance(clip, Mapping) else None
        new_url = _url_for_proposal(url, vid, prop.start)
        if new_url is not None and new_url != url:
            fields["url"] = (url, new_url)
        kind = "changed" if fields else "unchanged"
        problem = prop.problem
        if isinstance(prop.end, int) and prop.end <= prop.start and "endOffset" in fields:
            problem = problem or "a zero-length clip"
        changes.append(ClipChange(kind, index, position, old, prop, fields, problem))
    for index in sorted(unmatched):
        clip = current[index]
        changes.append(
            ClipChange(
                "removed", index, None, (clip_name(clip), clip_start(clip), clip_end(clip)), None
            )
        )
    return changes


def _url_for_proposal(url: object, vid: str | None, start: int) -> str | None:
    parsed = parse_clip_url(url)
    if parsed is not None:
        return ClipUrl(parsed.prefix, vid or parsed.video_id, start).text()
    if vid is not None and (url is None or url == ""):
        return build_clip_url(vid, start)
    return None  # an unusual URL is left for the user to fix


def sync_operations(
    current_count: int,
    changes: Sequence[ClipChange],
    video_id: object,
    remove_unmatched: bool = True,
) -> list[Edit]:
    """The edits (of the clip list) that turn the current clips into the proposal.

    Matched clips are edited in place and moved (not rewritten), so the file diff shows
    only the lines involved. Clips kept although unmatched stay after the proposal.
    """
    ops: list[Edit] = []
    for change in changes:
        if change.kind == "changed" and change.old_index is not None:
            for key in ("name", "startOffset", "url", "endOffset"):
                if key in change.fields:
                    ops.append(SetValue((CLIPS_KEY, change.old_index, key), change.fields[key][1]))
    removed = sorted(
        (c.old_index for c in changes if c.kind == "removed" and c.old_index is not None),
        reverse=True,
    )
    order = list(range(current_count))  # original indexes, in current list order
    if remove_unmatched:
        for index in removed:
            ops.append(RemoveItems((CLIPS_KEY,), order.index(index), 1))
            order.remove(index)
    # Wanted order of the remaining originals: proposal order, then the kept unmatched ones.
    wanted = [
        c.old_index
        for c in sorted(
            (c for c in changes if c.kind in ("changed", "unchanged")),
            key=lambda c: c.new_position or 0,
        )
        if c.old_index is not None
    ]
    wanted += [index for index in order if index not in wanted]
    for target, original in enumerate(wanted):
        at = order.index(original)
        if at != target:
            ops.append(MoveItems((CLIPS_KEY,), at, 1, target))
            order.insert(target, order.pop(at))
    # Insert added clips where the proposal puts them (after their proposal predecessors).
    position_of = {c.new_position: c for c in changes if c.new_position is not None}
    final: list[Any] = list(order)  # original indexes, or ClipChange for additions
    for position in sorted(position_of):
        change = position_of[position]
        if change.kind != "added" or change.new is None:
            continue
        at = 0
        for earlier in range(position - 1, -1, -1):
            prior = position_of.get(earlier)
            if prior is None:
                continue
            marker: Any = prior if prior.kind == "added" else prior.old_index
            if marker in final:
                at = final.index(marker) + 1
                break
        final.insert(at, change)
        prop = change.new
        ops.append(
            InsertItems(
                (CLIPS_KEY,),
                at,
                (CommentedMap(new_clip_values(prop.name, prop.start, prop.end, video_id)),),
            )
        )
    return ops

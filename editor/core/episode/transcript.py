"""Transcript logic without Qt: sections, times in the file's style, retiming, find/replace.

A transcript is a list of mappings. A *line* has ``line`` (text) and usually ``sec``
(seconds), ``time`` (the same moment as text) and ``who`` (speaker). A *header* has a
``header`` key. A *section* is a header plus the items after it up to the next header;
items before the first header form the untitled *lead-in*, which is not a section.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    ScalarString,
    SingleQuotedScalarString,
)

from editor.core.episode.timecode import TimeFormatError, format_time, parse_time
from editor.core.yaml.edits import SetValue

Item = Any  # a mapping from the document (ruamel CommentedMap in practice)


def is_header(item: Item) -> bool:
    return isinstance(item, dict) and "header" in item


def text_of(value: Any) -> str:
    """A scalar as text; a list or mapping (never expected here) as a short placeholder, so a
    hostile file with aliased structures is never expanded into a string."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, dict, set, tuple)):
        return f"({type(value).__name__.removeprefix('Commented').lower()}, not text)"
    return str(value)


def is_line(item: Item) -> bool:
    """A mapping that is not a header (a line, possibly without text yet)."""
    return isinstance(item, dict) and "header" not in item


def item_seconds(item: Item) -> int | None:
    """The item's moment in seconds: ``sec`` if usable, else its ``time`` text, else None."""
    if not isinstance(item, dict):
        return None
    sec = item.get("sec")
    if isinstance(sec, int) and not isinstance(sec, bool) and sec >= 0:
        return int(sec)
    time = item.get("time")
    if time is not None:
        try:
            return parse_time(text_of(time))
        except TimeFormatError:
            return None
    return None


def time_mismatch(item: Item) -> str | None:
    """Why ``sec`` and ``time`` of a line disagree, or None when they agree."""
    if not isinstance(item, dict) or "sec" not in item or "time" not in item:
        return None
    sec, time = item.get("sec"), text_of(item.get("time"))
    try:
        from_text = parse_time(time)
    except TimeFormatError:
        from_text = None
    if isinstance(sec, int) and not isinstance(sec, bool) and from_text == sec:
        return None
    return (
        f"The file says sec: {text_of(sec)} but time: {time!r}; the table shows sec. "
        "Typing a time sets both."
    )


# -- sections -------------------------------------------------------------------------


def section_starts(items: Sequence[Item]) -> list[int]:
    """Row of every header, in order."""
    return [row for row, item in enumerate(items) if is_header(item)]


def section_bounds(items: Sequence[Item], row: int) -> tuple[int, int] | None:
    """``(first, end)`` (end exclusive) of the section holding ``row``; None in the lead-in."""
    if not 0 <= row < len(items):
        return None
    first = row
    while first >= 0 and not is_header(items[first]):
        first -= 1
    if first < 0:
        return None
    end = first + 1
    while end < len(items) and not is_header(items[end]):
        end += 1
    return first, end


def section_move(items: Sequence[Item], row: int, delta: int) -> tuple[int, int, int] | None:
    """``(first, count, destination)`` for ``move_items`` that moves the section holding
    ``row`` one section up (``delta=-1``) or down (``+1``); None when it cannot move."""
    bounds = section_bounds(items, row)
    if bounds is None:
        return None
    first, end = bounds
    if delta < 0:
        if first == 0 or section_bounds(items, first - 1) is None:
            return None  # first section, or only the lead-in is above it
        previous_first, _ = section_bounds(items, first - 1) or (0, 0)
        return first, end - first, previous_first
    if end >= len(items):
        return None
    _, next_end = section_bounds(items, end) or (0, 0)
    return first, end - first, next_end


def section_drop(
    items: Sequence[Item], header_row: int, before_header_row: int | None
) -> tuple[int, int, int] | None:
    """``move_items`` arguments that move the section starting at ``header_row`` before the
    section starting at ``before_header_row`` (None: to the end)."""
    bounds = section_bounds(items, header_row)
    if bounds is None or bounds[0] != header_row:
        return None
    first, end = bounds
    destination = len(items) if before_header_row is None else before_header_row
    if first <= destination <= end:
        return None
    return first, end - first, destination


def nearest_section_boundary(items: Sequence[Item], row: int) -> int:
    """The header row (or the end of the list) nearest to ``row``: where a dropped section
    can land without splitting another section."""
    boundaries = [*section_starts(items), len(items)]
    return min(boundaries, key=lambda boundary: (abs(boundary - row), boundary))


# -- times -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeStyle:
    """How a file writes ``time``: its quote character, and whether it keeps counting
    minutes past the hour (``60:08``) instead of switching to ``h:mm:ss``."""

    quote: str = "'"
    minutes_past_hour: bool = False

    def text(self, seconds: int) -> str:
        seconds = max(0, int(seconds))
        if self.minutes_past_hour and seconds >= 3600:
            minutes, secs = divmod(seconds, 60)
            return f"{minutes}:{secs:02d}"
        return format_time(seconds)

    def value(self, seconds: int) -> str:
        """The value to store: always a quoted string, since a YAML 1.1 reader (Jekyll)
        reads an unquoted ``1:11`` as the number 71."""
        text = self.text(seconds)
        if self.quote == '"':
            return DoubleQuotedScalarString(text)
        return SingleQuotedScalarString(text)


def detect_time_style(items: Iterable[Item]) -> TimeStyle:
    quotes: Counter[str] = Counter()
    minutes_past_hour = False
    for item in items:
        if not isinstance(item, dict):
            continue
        time = item.get("time")
        if isinstance(time, DoubleQuotedScalarString):
            quotes['"'] += 1
        elif isinstance(time, SingleQuotedScalarString):
            quotes["'"] += 1
        if isinstance(time, str) and re.fullmatch(r"\d{2,}:\d{2}", time.strip()):
            minutes_past_hour = minutes_past_hour or int(time.split(":")[0]) >= 60
    quote = '"' if quotes['"'] > quotes["'"] else "'"
    return TimeStyle(quote, minutes_past_hour)


def backwards_rows(items: Sequence[Item]) -> set[int]:
    """Rows whose time is earlier than the timed line before them."""
    flagged: set[int] = set()
    previous: int | None = None
    for row, item in enumerate(items):
        if is_header(item):
            continue
        seconds = item_seconds(item)
        if seconds is None:
            continue
        if previous is not None and seconds < previous:
            flagged.add(row)
        previous = seconds
    return flagged


class _Header:
    def __repr__(self) -> str:
        return "HEADER"


HEADER: Any = _Header()


class RowIndex:
    """Per row of the transcript: ``HEADER``, its seconds, or None (untimed).

    Kept in step with the list by the same insert/remove/move operations (list slices, fast
    in C), so header rows and backwards flags never walk 10,000 mappings on every change.
    """

    def __init__(self, items: Sequence[Item] = ()) -> None:
        self.values: list[Any] = []
        self._headers: list[int] | None = None
        self._backwards: set[int] | None = None
        self.rebuild(items)

    @staticmethod
    def value_of(item: Item) -> Any:
        return HEADER if is_header(item) else item_seconds(item)

    def _changed(self) -> None:
        self._headers = None
        self._backwards = None

    def rebuild(self, items: Sequence[Item]) -> None:
        self.values = [self.value_of(item) for item in items]
        self._changed()

    def insert(self, index: int, items: Sequence[Item]) -> None:
        self.values[index:index] = [self.value_of(item) for item in items]
        self._changed()

    def remove(self, first: int, count: int) -> None:
        del self.values[first : first + count]
        self._changed()

    def move(self, first: int, count: int, destination: int) -> None:
        block = self.values[first : first + count]
        del self.values[first : first + count]
        target = destination if destination < first else destination - count
        self.values[target:target] = block
        self._changed()

    def update(self, row: int, item: Item) -> list[int]:
        """Re-read ``row``; returns the rows whose backwards flag changed."""
        value = self.value_of(item)
        old = self.values[row]
        self.values[row] = value
        if (old is HEADER) != (value is HEADER):
            self._changed()
            return []
        if self._backwards is None or old == value:
            return []
        changed = []
        for index in (row, self._next_timed(row)):
            if index is None:
                continue
            flagged = self._is_backwards(index)
            if flagged != (index in self._backwards):
                changed.append(index)
                if flagged:
                    self._backwards.add(index)
                else:
                    self._backwards.discard(index)
        return changed

    def header_rows(self) -> list[int]:
        if self._headers is None:
            self._headers = [row for row, value in enumerate(self.values) if value is HEADER]
        return self._headers

    def backwards(self) -> set[int]:
        if self._backwards is None:
            flagged: set[int] = set()
            previous: int | None = None
            for row, value in enumerate(self.values):
                if value is None or value is HEADER:
                    continue
                if previous is not None and value < previous:
                    flagged.add(row)
                previous = value
            self._backwards = flagged
        return self._backwards

    def _timed(self, row: int) -> bool:
        value = self.values[row]
        return value is not None and value is not HEADER

    def _next_timed(self, row: int) -> int | None:
        for index in range(row + 1, len(self.values)):
            if self._timed(index):
                return index
        return None

    def _is_backwards(self, row: int) -> bool:
        if not self._timed(row):
            return False
        for index in range(row - 1, -1, -1):
            if self._timed(index):
                return bool(self.values[row] < self.values[index])
        return False


def speakers(items: Iterable[Item]) -> list[str]:
    """Speakers of the transcript, most frequent first."""
    counts: Counter[str] = Counter()
    for item in items:
        if isinstance(item, dict) and not is_header(item):
            who = item.get("who")
            if isinstance(who, str) and who.strip():
                counts[who.strip()] += 1
    return [name for name, _ in counts.most_common()]


# -- retiming --------------------------------------------------------------------------

_URL_TIME_RE = re.compile(r"([?&]t=)(\d+)(s?)(?=$|&|#)")


def shifted_url(url: str, old_start: int, new_start: int) -> str | None:
    """``url`` with its ``t=`` replaced when it is the usual ``...&t=<startOffset>``."""
    matches = list(_URL_TIME_RE.finditer(url))
    if len(matches) != 1 or int(matches[0].group(2)) != old_start:
        return None
    match = matches[0]
    return url[: match.start(2)] + str(new_start) + url[match.end(2) :]


class RetimeError(ValueError):
    """A retiming that would make a time negative."""


def shift_edits(data: Any, row: int, delta: int, style: TimeStyle | None = None) -> list[SetValue]:
    """The edits that shift every timed line from ``row`` on, and every
    clip offset at or after that line's time, by ``delta`` seconds."""
    items = data.get("transcript") or []
    style = style or detect_time_style(items)
    edits: list[SetValue] = []
    start_seconds: int | None = None
    for index in range(max(0, row), len(items)):
        item = items[index]
        if is_header(item):
            continue
        seconds = item_seconds(item)
        if seconds is None:
            continue
        if start_seconds is None:
            start_seconds = seconds
        new = seconds + delta
        if new < 0:
            raise RetimeError(
                f"Line {index + 1} is at {style.text(seconds)}; shifting it by {delta} s "
                "would make its time negative."
            )
        edits.extend(line_time_edits(item, index, new, style))
    if start_seconds is None or delta == 0:
        return edits
    for index, clip in enumerate(data.get("quotableClips") or []):
        if not isinstance(clip, dict):
            continue
        start = clip.get("startOffset")
        for key in ("startOffset", "endOffset"):
            value = clip.get(key)
            if isinstance(value, int) and not isinstance(value, bool) and value >= start_seconds:
                if value + delta < 0:
                    raise RetimeError(f"Clip {index + 1}'s {key} would become negative.")
                edits.append(SetValue(("quotableClips", index, key), value + delta))
        url = clip.get("url")
        if isinstance(start, int) and start >= start_seconds and isinstance(url, str):
            new_url = shifted_url(url, start, start + delta)
            if new_url is not None and new_url != url:
                edits.append(SetValue(("quotableClips", index, "url"), like_style(url, new_url)))
    return edits


def line_time_edits(item: Item, row: int, seconds: int, style: TimeStyle) -> list[SetValue]:
    """Edits that set both ``sec`` and ``time`` of the line at ``row``: the keys it has, or,
    for a line with neither, the line again with both, before ``who`` as the corpus writes
    them (a new key would otherwise land after ``who``)."""
    if "sec" not in item and "time" not in item:
        timed = CommentedMap()
        for key, value in item.items():
            if key == "who":
                timed["sec"], timed["time"] = seconds, style.value(seconds)
            timed[key] = value
        if "sec" not in timed:
            timed["sec"], timed["time"] = seconds, style.value(seconds)
        return [SetValue(("transcript", row), timed)]
    edits: list[SetValue] = []
    if "sec" in item and item.get("sec") != seconds:
        edits.append(SetValue(("transcript", row, "sec"), seconds))
    if "time" in item and text_of(item.get("time")) != style.text(seconds):
        edits.append(SetValue(("transcript", row, "time"), style.value(seconds)))
    return edits


def like_style(old: Any, new: str) -> str:
    """``new`` in the scalar style (quotes, literal block...) ``old`` was written in."""
    if isinstance(old, ScalarString) and type(old) is not ScalarString:
        try:
            return type(old)(new)
        except TypeError:
            return new
    return new


# -- new items, split and merge --------------------------------------------------------


def new_line(
    template: Item | None, seconds: int | None, style: TimeStyle, text: str = ""
) -> CommentedMap:
    """A new line in the key order of ``template`` (a neighbouring line), same speaker."""
    template = template if is_line(template) else None
    keys = list(template) if template is not None else ["line", "sec", "time", "who"]
    if "line" not in keys:
        keys.insert(0, "line")
    who = template.get("who") if template is not None else ""
    item = CommentedMap()
    for key in keys:
        if key == "line":
            item["line"] = text
        elif key == "sec" and seconds is not None:
            item["sec"] = seconds
        elif key == "time" and seconds is not None:
            item["time"] = style.value(seconds)
        elif key == "who":
            item["who"] = who if isinstance(who, str) else ""
    return item


def new_header(title: str) -> CommentedMap:
    item = CommentedMap()
    item["header"] = title
    return item


def split_text(text: str, position: int) -> tuple[str, str]:
    return text[:position].rstrip(), text[position:].lstrip()


def best_split_position(text: str) -> int:
    """Where to split when no cursor is given: the sentence end nearest the middle, else
    the space nearest the middle."""
    middle = len(text) // 2
    candidates = [m.end() for m in re.finditer(r"[.!?…]+[\"')\]]*\s", text)]
    if not candidates:
        candidates = [m.start() for m in re.finditer(r"\s", text)]
    if not candidates:
        return middle
    return min(candidates, key=lambda pos: abs(pos - middle))


def merged_text(first: str, second: str) -> str:
    first, second = first.rstrip(), second.lstrip()
    if not first or not second:
        return first + second
    return f"{first} {second}"


def copy_item(item: Item) -> Any:
    """A copy of ``item`` with the same keys and value styles but none of its comments (a
    deep copy would carry a comment attached to the item into the copy too)."""
    fresh = CommentedMap()
    for key, value in item.items():
        fresh[key] = copy.deepcopy(value) if isinstance(value, (list, dict)) else value
    return fresh


# -- find and replace ------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    row: int
    start: int
    end: int


@dataclass(frozen=True)
class FindQuery:
    pattern: str
    regex: bool = False
    case_sensitive: bool = False
    speaker: str | None = None  # None: every line and header

    def compiled(self) -> re.Pattern[str]:
        """Raises ``re.error`` for a bad regular expression."""
        flags = 0 if self.case_sensitive else re.IGNORECASE
        source = self.pattern if self.regex else re.escape(self.pattern)
        return re.compile(source, flags)


def item_text_key(item: Item) -> str:
    return "header" if is_header(item) else "line"


def _searchable(item: Item, speaker: str | None) -> str | None:
    if not isinstance(item, dict):
        return None
    if speaker is not None and (is_header(item) or text_of(item.get("who")) != speaker):
        return None
    text = item.get(item_text_key(item))
    return text if isinstance(text, str) else None


def find_matches(items: Sequence[Item], query: FindQuery) -> list[Match]:
    if not query.pattern:
        return []
    pattern = query.compiled()
    matches: list[Match] = []
    for row, item in enumerate(items):
        text = _searchable(item, query.speaker)
        if not text:
            continue
        for found in pattern.finditer(text):
            if found.end() > found.start():
                matches.append(Match(row, found.start(), found.end()))
    return matches


def replace_in_text(text: str, query: FindQuery, replacement: str, start: int | None = None) -> str:
    """Replace every match in ``text`` (or only the one starting at ``start``)."""
    pattern = query.compiled()
    template = replacement if query.regex else replacement.replace("\\", "\\\\")
    if start is None:
        return pattern.sub(template, text)
    found = pattern.match(text, start)
    if found is None:
        return text
    return text[:start] + found.expand(template) + text[found.end() :]


def replace_all_edits(items: Sequence[Item], query: FindQuery, replacement: str) -> list[SetValue]:
    edits: list[SetValue] = []
    if not query.pattern:
        return edits
    for row, item in enumerate(items):
        text = _searchable(item, query.speaker)
        if not text:
            continue
        new = replace_in_text(text, query, replacement)
        if new != text:
            edits.append(SetValue(("transcript", row, item_text_key(item)), like_style(text, new)))
    return edits

"""Transcript import: an episode's transcript from timed cues (``replace``), or the times of its
existing lines from them (``timings``), with speaker labels mapped to names.

The result is an ``ImportPlan``: ``(path, value)`` edits, the same kind every transcript
operation produces, which the window applies as one undo step and the command line applies
to the ``Document`` before its minimal-diff save.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from editor.core.episode import site
from editor.core.episode.formats.cues import Cue, CueFile
from editor.core.episode.transcript import (
    detect_time_style,
    is_header,
    is_line,
    item_seconds,
    like_style,
    line_time_edits,
    speakers,
    text_of,
)
from editor.core.yaml.edits import SetValue

MODES = ("replace", "timings")
MERGE_CHOICES = ("auto", "speaker", "none")
DEFAULT_THRESHOLD = 80  # rapidfuzz ratio (0-100) a line and a cue must reach to match
COPY_SIMILARITY = 95
COMPARED_CHARS = 160  # neighbouring lines this alike are a pasted copy and its original


@dataclass
class ImportPlan:
    mode: str
    edits: list[SetValue] = field(default_factory=list)
    lines_added: int = 0
    lines_removed: int = 0
    retimed: list[int] = field(default_factory=list)  # rows whose time is set
    speakers_set: int = 0
    unmatched: list[int] = field(default_factory=list)  # rows no cue matched (timings)
    copies: list[tuple[int, int]] = field(default_factory=list)  # (copy row, original row)
    unmapped: list[str] = field(default_factory=list)  # speaker labels kept as they are

    def summary(self) -> list[str]:
        lines: list[str] = []
        if self.mode == "replace":
            lines.append(
                f"{self.lines_added} lines from the file replace {self.lines_removed} lines; "
                "section headers kept where their times fall."
            )
        else:
            lines.append(f"{len(self.retimed)} lines retimed.")
            if self.unmatched:
                shown = ", ".join(str(row + 1) for row in self.unmatched[:20])
                more = "…" if len(self.unmatched) > 20 else ""
                lines.append(f"{len(self.unmatched)} lines matched no cue: rows {shown}{more}.")
            if self.copies:
                lines.append(
                    f"{len(self.copies)} lines are copies of their neighbour and keep no time: "
                    + ", ".join(f"row {c + 1} (copy of {o + 1})" for c, o in self.copies[:10])
                )
        lines.append(f"{self.speakers_set} speakers set.")
        if self.unmapped:
            lines.append("Speaker labels kept as they are: " + ", ".join(self.unmapped) + ".")
        return lines


# -- speakers ------------------------------------------------------------------------------


def guest_names(data: Mapping[str, Any], site_root: Path | None) -> list[str]:
    """First names of the episode's guests from their people pages (the transcript style)."""
    guests = data.get("guests")
    if not isinstance(guests, list):
        return []
    people = {p.short: p for p in site.people_or_none(site_root) or ()}
    names: list[str] = []
    for short in guests:
        person = people.get(str(short))
        if person is not None and person.name.strip():
            names.append(person.name.split()[0])
    return names


def host_names(data: Mapping[str, Any], guests: Sequence[str]) -> list[str]:
    """``host``/``hosts`` of the episode, else the transcript's speakers who are not guests."""
    for key in ("hosts", "host"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return [value.strip()]
        if isinstance(value, list):
            return [str(v).strip() for v in value if str(v).strip()]
    items = data.get("transcript")
    return [
        name for name in speakers(items if isinstance(items, list) else []) if name not in guests
    ]


def speaker_candidates(data: Mapping[str, Any], site_root: Path | None) -> list[str]:
    """Names to offer for a speaker label: host(s), guests, then other transcript speakers."""
    guests = guest_names(data, site_root)
    items = data.get("transcript")
    names = [*host_names(data, guests), *guests]
    names += speakers(items if isinstance(items, list) else [])
    return list(dict.fromkeys(names))


def suggest_mapping(
    labels: Sequence[str], data: Mapping[str, Any], site_root: Path | None
) -> dict[str, str]:
    """A name for every label: itself when it is already a name in use, else host and guests
    in order of first appearance (the host opens the episode)."""
    guests = guest_names(data, site_root)
    ordered = list(dict.fromkeys([*host_names(data, guests), *guests]))
    mapping: dict[str, str] = {}
    free = [name for name in ordered if name not in labels]
    for label in labels:
        if label in ordered:
            mapping[label] = label
        elif free:
            mapping[label] = free.pop(0)
    return mapping


def parse_mapping(pairs: Sequence[str]) -> dict[str, str]:
    """``["SPEAKER_00=Alexey", ...]`` as a dict; raises ValueError for a pair without ``=``."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        label, sep, name = pair.partition("=")
        if not sep or not label.strip() or not name.strip():
            raise ValueError(f"--speaker {pair!r}: write LABEL=Name, e.g. SPEAKER_00=Alexey.")
        mapping[label.strip()] = name.strip()
    return mapping


# -- cue preparation -----------------------------------------------------------------------


@dataclass
class ImportedLine:
    start: float
    speaker: str | None
    text: str


def merged_turns(cues: Sequence[Cue]) -> list[ImportedLine]:
    """Consecutive cues of one speaker as one line (ASR files split a turn into many cues)."""
    turns: list[ImportedLine] = []
    for cue in cues:
        text = " ".join(cue.text.split())
        if turns and turns[-1].speaker == cue.speaker:
            turns[-1].text = f"{turns[-1].text} {text}".strip()
        else:
            turns.append(ImportedLine(cue.start, cue.speaker, text))
    return turns


def imported_lines(cue_file: CueFile, merge: str) -> list[ImportedLine]:
    """The file's cues as lines: merged into speaker turns unless the file has one cue per
    line (written by the editor) or ``merge`` is ``none``."""
    if merge not in MERGE_CHOICES:
        raise ValueError(f"--merge is one of {', '.join(MERGE_CHOICES)}, not {merge!r}.")
    keep = merge == "none" or (merge == "auto" and cue_file.one_per_line)
    if keep:
        return [ImportedLine(c.start, c.speaker, c.text.strip()) for c in cue_file.cues]
    return merged_turns(cue_file.cues)


def _mapped(label: str | None, mapping: Mapping[str, str]) -> str | None:
    if label is None:
        return None
    return mapping.get(label, label)


def _unmapped(labels: Sequence[str], mapping: Mapping[str, str]) -> list[str]:
    return [label for label in labels if label not in mapping and label.startswith("SPEAKER_")]


# -- replace -------------------------------------------------------------------------------


def plan_replace(
    data: Mapping[str, Any], cue_file: CueFile, mapping: Mapping[str, str], merge: str = "auto"
) -> ImportPlan:
    items = data.get("transcript")
    items = items if isinstance(items, list) else []
    style = detect_time_style(items)
    template = next((item for item in items if is_line(item)), None)
    keys = [k for k in (template or {}) if k in ("line", "sec", "time", "who")]
    for key in ("line", "sec", "time", "who"):
        if key not in keys:
            keys.append(key)
    new_lines: list[CommentedMap] = []
    speakers_set = 0
    for imported in imported_lines(cue_file, merge):
        seconds = int(imported.start)
        who = _mapped(imported.speaker, mapping)
        item = CommentedMap()
        for key in keys:
            if key == "line":
                item["line"] = imported.text
            elif key == "sec":
                item["sec"] = seconds
            elif key == "time":
                item["time"] = style.value(seconds)
            elif key == "who" and who:
                item["who"] = who
                speakers_set += 1
        new_lines.append(item)
    # Headers, in their order, go before the first new line at or after the time their
    # section started (a section without a timed line goes with the one before it).
    headers: list[tuple[int, Any]] = []
    anchor = 0
    for row, item in enumerate(items):
        if not is_header(item):
            continue
        for following in items[row + 1 :]:
            if is_header(following):
                break
            seconds_after = item_seconds(following)
            if seconds_after is not None:
                anchor = seconds_after
                break
        headers.append((anchor, item))
    result = CommentedSeq()
    waiting = 0
    for line in new_lines:
        while waiting < len(headers) and headers[waiting][0] <= line["sec"]:
            result.append(headers[waiting][1])
            waiting += 1
        result.append(line)
    result.extend(header for _, header in headers[waiting:])
    return ImportPlan(
        "replace",
        edits=[SetValue(("transcript",), result)],
        lines_added=len(new_lines),
        lines_removed=sum(1 for item in items if is_line(item)),
        speakers_set=speakers_set,
        unmapped=_unmapped(cue_file.speakers(), mapping),
    )


# -- timings -------------------------------------------------------------------------------

_NON_WORD = re.compile(r"[^\w]+")


def normalized(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


class _PrefixMax:
    """Fenwick tree of prefix maxima: best (score, pair) among positions below an index."""

    def __init__(self, size: int) -> None:
        self.tree: list[tuple[float, int]] = [(0.0, -1)] * (size + 1)

    def update(self, index: int, value: tuple[float, int]) -> None:
        index += 1
        while index < len(self.tree):
            if value > self.tree[index]:
                self.tree[index] = value
            index += index & -index

    def query(self, index: int) -> tuple[float, int]:
        """Best among positions ``< index``."""
        best = (0.0, -1)
        while index > 0:
            if self.tree[index] > best:
                best = self.tree[index]
            index -= index & -index
        return best


def align(line_texts: Sequence[str], cue_texts: Sequence[str], threshold: float) -> dict[int, int]:
    """Line index → cue index, in order in both (times never go backwards), maximising the
    total similarity of the pairs that reach ``threshold``.

    A cue is scored on its whole text and on its first text line (a VTT cue may end with an
    untimed line merged into it on export)."""
    import numpy
    from rapidfuzz import fuzz, process

    # The opening words identify a line well enough and keep long texts cheap to compare.
    whole = [normalized(text)[:COMPARED_CHARS] for text in cue_texts]
    first = [normalized(text.split("\n", 1)[0])[:COMPARED_CHARS] for text in cue_texts]
    queries = [normalized(text)[:COMPARED_CHARS] for text in line_texts]
    pairs: list[list[tuple[int, float]]] = [[] for _ in queries]
    if queries and cue_texts:
        options: dict[str, Any] = {
            "scorer": fuzz.ratio,
            "score_cutoff": threshold,
            "dtype": numpy.uint8,
        }
        matrix = numpy.maximum(
            process.cdist(queries, whole, **options), process.cdist(queries, first, **options)
        )
        matrix[[not query for query in queries], :] = 0
        lines_at, cues_at = numpy.nonzero(matrix >= threshold)
        for line, cue in zip(lines_at.tolist(), cues_at.tolist(), strict=True):
            pairs[line].append((cue, float(matrix[line, cue])))
    tree = _PrefixMax(len(cue_texts))
    chosen: list[tuple[int, int, int]] = []  # (line, cue, previous pair)
    totals: list[float] = []
    for line, candidates in enumerate(pairs):
        results = []
        for cue, score in candidates:
            best, previous = tree.query(cue)
            results.append((cue, best + score, previous))
        for cue, total, previous in results:
            chosen.append((line, cue, previous))
            totals.append(total)
            tree.update(cue, (total, len(chosen) - 1))
    matched: dict[int, int] = {}
    _, index = tree.query(len(cue_texts))
    while index >= 0:
        line, cue, previous = chosen[index]
        matched[line] = cue
        index = previous
    return matched


def plan_timings(
    data: Mapping[str, Any],
    cue_file: CueFile,
    mapping: Mapping[str, str],
    threshold: float = DEFAULT_THRESHOLD,
    merge: str = "auto",
) -> ImportPlan:
    items = data.get("transcript")
    items = items if isinstance(items, list) else []
    style = detect_time_style(items)
    rows = [row for row, item in enumerate(items) if is_line(item)]
    texts = [text_of(items[row].get("line")) for row in rows]
    imported = imported_lines(cue_file, merge)
    if merge == "auto" and not cue_file.one_per_line and imported:
        # Subtitle-sized cues: match the lines against them only when they are about as long.
        cue_length = sum(len(c.text) for c in cue_file.cues) / max(1, len(cue_file.cues))
        line_length = sum(len(t) for t in texts) / max(1, len(texts))
        if cue_length >= line_length / 2:
            imported = imported_lines(cue_file, "none")
    matched = align(texts, [line.text for line in imported], threshold)
    copies = _resolve_copies(items, rows, texts, matched)
    plan = ImportPlan("timings", unmapped=_unmapped(cue_file.speakers(), mapping))
    copy_rows = {copy for copy, _ in copies}
    for index, row in enumerate(rows):
        if index not in matched:
            if row not in copy_rows:
                plan.unmatched.append(row)
            continue
        cue = imported[matched[index]]
        item = items[row]
        seconds = int(cue.start)
        who = _mapped(cue.speaker, mapping)
        if item_seconds(item) != seconds or "sec" not in item:
            edits = line_time_edits(item, row, seconds, style)
            if edits:
                plan.retimed.append(row)
            if who and not text_of(item.get("who")).strip():
                edits = _with_speaker(item, row, edits, who)
                plan.speakers_set += 1
            plan.edits.extend(edits)
        elif who and not text_of(item.get("who")).strip():
            plan.edits.append(
                SetValue(("transcript", row, "who"), like_style(item.get("who"), who))
            )
            plan.speakers_set += 1
    plan.copies = copies
    return plan


def _with_speaker(item: Any, row: int, edits: list[SetValue], who: str) -> list[SetValue]:
    whole = [edit.value for edit in edits if edit.path == ("transcript", row)]
    if whole:
        whole[0]["who"] = who
        return edits
    return [*edits, SetValue(("transcript", row, "who"), like_style(item.get("who"), who))]


def _resolve_copies(
    items: Sequence[Any], rows: Sequence[int], texts: Sequence[str], matched: dict[int, int]
) -> list[tuple[int, int]]:
    """Runs of neighbouring lines with the same text (a pasted copy beside its original):
    the cue goes to the one that has a time, else to the last (copies are pasted above).
    Returns ``(copy row, original row)`` pairs; ``matched`` is updated in place."""
    from rapidfuzz import fuzz

    copies: list[tuple[int, int]] = []
    index = 0
    while index < len(rows):
        end = index + 1
        while (
            end < len(rows)
            and rows[end] == rows[end - 1] + 1
            and normalized(texts[end])
            and fuzz.ratio(normalized(texts[end]), normalized(texts[end - 1])) >= COPY_SIMILARITY
        ):
            end += 1
        run = list(range(index, end))
        if len(run) > 1:
            cues = [matched[i] for i in run if i in matched]
            timed = [i for i in run if item_seconds(items[rows[i]]) is not None]
            keeper = timed[-1] if timed else run[-1]
            if len(set(cues)) == 1:
                for i in run:
                    matched.pop(i, None)
                matched[keeper] = cues[0]
                copies.extend((rows[i], rows[keeper]) for i in run if i != keeper)
        index = end
    return copies


def plan_import(
    data: Mapping[str, Any],
    cue_file: CueFile,
    mode: str = "replace",
    mapping: Mapping[str, str] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    merge: str = "auto",
) -> ImportPlan:
    mapping = mapping or {}
    if mode == "replace":
        return plan_replace(data, cue_file, mapping, merge)
    if mode == "timings":
        return plan_timings(data, cue_file, mapping, threshold, merge)
    raise ValueError(f"--mode is 'replace' or 'timings', not {mode!r}.")

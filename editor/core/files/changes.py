"""What Save would change: the unified diff against the file on disk, and a short summary
in the terms a producer thinks in ("section 'Guest background' moved from 3 to 5",
"2 lines retimed", "title changed").

Transcript lines and clips are followed by identity: the document remembers the very item
objects it loaded (or last saved), and the editor's commands move, insert and remove those
objects and edit their fields in place. So the summary says what happened to each item,
however many lines share a text. Only when the file on disk is not the one the document
was loaded from are items matched by their text.
"""

from __future__ import annotations

import difflib
import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editor.core.yaml.document import Document, LoadedItem
from editor.core.yaml.errors import DocumentError
from editor.core.yaml.render import fingerprint

TRANSCRIPT = "transcript"
CLIPS = "quotableClips"
TIME_KEYS = ("sec", "time")
CLIP_TIME_KEYS = ("startOffset", "endOffset")


@dataclass
class ChangeReport:
    """The difference between the file on disk and what Save would write."""

    diff: str
    summary: list[str] = field(default_factory=list)
    changed_on_disk: bool = False  # the disk file is not the one that was opened

    @property
    def has_changes(self) -> bool:
        return bool(self.diff)


def unified_diff(old_text: str, new_text: str, name: str = "episode") -> str:
    """A ``git diff``-style unified diff (3 lines of context), '' when the texts are equal."""
    if old_text == new_text:
        return ""
    lines = difflib.unified_diff(
        old_text.splitlines(keepends=True),
        new_text.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    out: list[str] = []
    for line in lines:
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)


def review(document: Document, disk_text: str | None) -> ChangeReport:
    """Compare what ``document`` would save with ``disk_text`` (None: the file is gone)."""
    new_text = document.to_text()
    name = document.path.name if document.path is not None else "untitled"
    old_text = disk_text if disk_text is not None else ""
    report = ChangeReport(diff=unified_diff(old_text, new_text, name))
    report.changed_on_disk = disk_text is not None and disk_text != document.baseline_text
    if disk_text is None:
        report.summary = ["the file no longer exists on disk: Save creates it"]
        return report
    if not report.diff:
        return report
    try:
        old_data: Mapping[str, Any] = Document.from_text(disk_text).data
    except DocumentError as exc:
        report.summary = [f"the file on disk cannot be read ({exc}); Save replaces it"]
        return report
    baseline = document.baseline_items if disk_text == document.baseline_text else None
    report.summary = summarize(old_data, document.data, baseline)
    if not report.summary:
        report.summary = ["formatting changed"]
    return report


def review_against_disk(document: Document, opened_sha256: str | None = None) -> ChangeReport:
    """``review`` against the current content of the document's file.

    ``opened_sha256`` is the fingerprint of what the file held when the edits began (the
    window's disk baseline). Without it the document's original text stands in, which is not
    the disk content of restored or repaired documents.
    """
    disk_text: str | None = None
    if document.path is not None:
        try:
            raw = Path(document.path).read_bytes()
        except FileNotFoundError:
            disk_text = None
        except OSError as exc:
            report = review(document, document.original_text)
            report.summary.insert(0, f"the file on disk cannot be read: {exc.strerror or exc}")
            return report
        else:
            disk_text = raw.decode("utf-8", errors="replace")
            if opened_sha256 is not None:
                report = review(document, disk_text)
                report.changed_on_disk = hashlib.sha256(raw).hexdigest() != opened_sha256
                return report
    elif document.original_text:
        disk_text = document.original_text
    return review(document, disk_text)


# -- the summary -----------------------------------------------------------------------


def summarize(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    baseline: Mapping[str, list[LoadedItem]] | None = None,
) -> list[str]:
    """Short sentences describing how ``new`` front matter differs from ``old``.

    ``baseline``: the transcript and clip items of ``old`` as the objects that are (or were)
    in ``new`` (``Document.baseline_items``); without it, items are matched by their text.
    """
    baseline = baseline or {}
    out: list[str] = []
    keys = list(old) + [k for k in new if k not in old]
    for key in keys:
        if key not in new:
            out.append(f"{key} removed")
        elif key not in old:
            out.append(f"{key} added")
        elif _same(old[key], new[key]):
            continue
        elif key == TRANSCRIPT and key in baseline and _is_list(new[key]):
            out.extend(transcript_changes(baseline[key], new[key]).describe())
        elif key == CLIPS and key in baseline and _is_list(new[key]):
            out.extend(clip_changes(baseline[key], new[key]).describe())
        elif key == TRANSCRIPT and _is_list(old[key]) and _is_list(new[key]):
            out.extend(summarize_transcript(old[key], new[key]))
        elif key == CLIPS and _is_list(old[key]) and _is_list(new[key]):
            out.extend(summarize_clips(old[key], new[key]))
        elif _is_list(old[key]) and _is_list(new[key]) and _all_scalars(old[key], new[key]):
            out.extend(_summarize_scalar_list(str(key), old[key], new[key]))
        elif isinstance(old[key], Mapping) and isinstance(new[key], Mapping):
            out.extend(_summarize_mapping(str(key), old[key], new[key]))
        else:
            out.append(f"{key} changed")
    return out


def summarize_transcript(old: Sequence[Any], new: Sequence[Any]) -> list[str]:
    out = _summarize_sections(
        [_text(i["header"]) for i in old if _is_header(i)],
        [_text(i["header"]) for i in new if _is_header(i)],
    )
    old_lines = [i for i in old if isinstance(i, Mapping) and not _is_header(i)]
    new_lines = [i for i in new if isinstance(i, Mapping) and not _is_header(i)]
    pairs, removed, added = _match(old_lines, new_lines, lambda i: _text(i.get("line")))
    retimed = sum(1 for a, b in pairs if _differs(a, b, TIME_KEYS))
    speaker = sum(1 for a, b in pairs if not _same(a.get("who"), b.get("who")))
    edited = min(len(removed), len(added))
    if edited:
        out.append(f"{_count(edited, 'line')} edited")
    if len(added) > edited:
        out.append(f"{_count(len(added) - edited, 'line')} added")
    if len(removed) > edited:
        out.append(f"{_count(len(removed) - edited, 'line')} removed")
    if retimed:
        out.append(f"{_count(retimed, 'line')} retimed")
    if speaker:
        out.append(f"speaker changed on {_count(speaker, 'line')}")
    if not out:
        out.append("transcript changed")
    return out


def summarize_clips(old: Sequence[Any], new: Sequence[Any]) -> list[str]:
    old_clips = [c for c in old if isinstance(c, Mapping)]
    new_clips = [c for c in new if isinstance(c, Mapping)]
    pairs, removed, added = _match(old_clips, new_clips, lambda c: _text(c.get("name")))
    out: list[str] = []
    renamed = min(len(removed), len(added))
    for a, b in zip(removed[:renamed], added[:renamed], strict=True):
        out.append(f"clip {_quote(a.get('name'))} renamed to {_quote(b.get('name'))}")
        pairs.append((a, b))
    out.extend(f"clip {_quote(c.get('name'))} added" for c in added[renamed:])
    out.extend(f"clip {_quote(c.get('name'))} removed" for c in removed[renamed:])
    for a, b in pairs:
        if _differs(a, b, CLIP_TIME_KEYS):
            out.append(f"clip {_quote(b.get('name'))} retimed")
        other = [k for k in set(a) | set(b) if k not in (*CLIP_TIME_KEYS, "name")]
        if _differs(a, b, other):
            out.append(f"clip {_quote(b.get('name'))} edited")
    by_new_position = sorted(pairs, key=lambda p: _index_of(new_clips, p[1]))
    old_positions = [_index_of(old_clips, a) for a, _ in by_new_position]
    if old_positions != sorted(old_positions):
        out.append("clips reordered")
    return out


# -- following items by identity -------------------------------------------------------


@dataclass
class TranscriptChanges:
    """What happened to the transcript's items since load (or the last save)."""

    sections_added: list[tuple[str, int]] = field(default_factory=list)  # title, position
    sections_removed: list[str] = field(default_factory=list)
    sections_renamed: list[tuple[str, str]] = field(default_factory=list)
    sections_moved: list[tuple[str, int, int]] = field(default_factory=list)  # title, from, to
    lines_moved: int = 0
    lines_edited: int = 0
    lines_added: int = 0
    lines_removed: int = 0
    lines_retimed: int = 0
    speaker_changed: int = 0

    def describe(self) -> list[str]:
        out = [f"section {_quote(a)} renamed to {_quote(b)}" for a, b in self.sections_renamed]
        out += [f"section {_quote(t)} added at {pos}" for t, pos in self.sections_added]
        out += [f"section {_quote(t)} removed" for t in self.sections_removed]
        out += [f"section {_quote(t)} moved from {a} to {b}" for t, a, b in self.sections_moved]
        for count, what in (
            (self.lines_moved, "moved"),
            (self.lines_edited, "edited"),
            (self.lines_added, "added"),
            (self.lines_removed, "removed"),
            (self.lines_retimed, "retimed"),
        ):
            if count:
                out.append(f"{_count(count, 'line')} {what}")
        if self.speaker_changed:
            out.append(f"speaker changed on {_count(self.speaker_changed, 'line')}")
        return out or ["transcript changed"]


def transcript_changes(loaded: Sequence[LoadedItem], current: Sequence[Any]) -> TranscriptChanges:
    """Compare the transcript ``current`` with its ``loaded`` items, by identity."""
    changes = TranscriptChanges()
    old_index = {id(entry.obj): n for n, entry in enumerate(loaded)}
    matched: list[tuple[LoadedItem, Any, int, int]] = []  # loaded, item, old and new index
    seen: set[int] = set()
    for new_position, item in enumerate(current):
        n = old_index.get(id(item))
        if n is not None and n not in seen:
            seen.add(n)
            matched.append((loaded[n], item, n, new_position))
        elif _is_header(item):
            title = _text(item.get("header"))
            position = sum(1 for i in current[: new_position + 1] if _is_header(i))
            changes.sections_added.append((title, position))
        elif isinstance(item, Mapping):
            changes.lines_added += 1
    for n, entry in enumerate(loaded):
        if n not in seen:
            if "header" in entry.values:
                changes.sections_removed.append(_text(entry.values["header"]))
            elif isinstance(entry.obj, Mapping):
                changes.lines_removed += 1
    headers = [m for m in matched if "header" in m[0].values and _is_header(m[1])]
    _sections_moved_and_renamed(changes, loaded, current, headers)
    kept_headers = {id(m[1]) for m in headers}
    old_section = _sections_of([entry.obj for entry in loaded], kept_headers)
    new_section = _sections_of(list(current), kept_headers)
    groups: dict[Any, list[int]] = defaultdict(list)
    for entry, item, old_position, new_position in matched:
        if "header" in entry.values or not isinstance(item, Mapping) or _is_header(item):
            continue
        was_in, now_in = old_section[old_position], new_section[new_position]
        if was_in != now_in and was_in in kept_headers | {0} and now_in in kept_headers | {0}:
            changes.lines_moved += 1  # into another section
        else:
            groups[now_in].append(old_position)
        prints = entry.prints
        if any(_changed(prints, item, k) for k in TIME_KEYS):
            changes.lines_retimed += 1
        if _changed(prints, item, "who"):
            changes.speaker_changed += 1
        other = (set(prints) | set(item)) - {*TIME_KEYS, "who"}
        if any(_changed(prints, item, k) for k in other):
            changes.lines_edited += 1
    for old_positions in groups.values():
        changes.lines_moved += len(old_positions) - len(_longest_increasing(old_positions))
    return changes


def _sections_moved_and_renamed(
    changes: TranscriptChanges,
    loaded: Sequence[LoadedItem],
    current: Sequence[Any],
    headers: list[tuple[LoadedItem, Any, int, int]],
) -> None:
    old_ordinal = _header_ordinals([entry.values for entry in loaded])
    new_ordinal = _header_ordinals(list(current))
    for entry, item, _, _ in headers:
        before, after = _text(entry.values.get("header")), _text(item.get("header"))
        if _changed(entry.prints, item, "header"):
            changes.sections_renamed.append((before, after))
    in_new_order = sorted(headers, key=lambda m: m[3])
    keep = _longest_increasing([m[2] for m in in_new_order])
    for index, (entry, _item, old_position, new_position) in enumerate(in_new_order):
        if index not in keep:
            changes.sections_moved.append(
                (
                    _text(entry.values.get("header")),
                    old_ordinal[old_position],
                    new_ordinal[new_position],
                )
            )


def _header_ordinals(items: Sequence[Any]) -> dict[int, int]:
    """1-based section number of each header, by list index."""
    ordinals: dict[int, int] = {}
    for index, item in enumerate(items):
        if isinstance(item, Mapping) and "header" in item:
            ordinals[index] = len(ordinals) + 1
    return ordinals


def _sections_of(items: Sequence[Any], kept_headers: set[int]) -> list[int]:
    """For each item, the id of the kept header whose section holds it (0: before any)."""
    out: list[int] = []
    section = 0
    for item in items:
        if id(item) in kept_headers:
            section = id(item)
        elif _is_header(item):
            section = -id(item)  # a section that exists on one side only
        out.append(section)
    return out


def _changed(prints: Mapping[Any, Any], item: Mapping[Any, Any], key: Any) -> bool:
    if key not in item:
        return key in prints
    return key not in prints or prints[key] != fingerprint(item[key])


@dataclass
class ClipChanges:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    retimed: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)
    moved: list[tuple[str, int, int]] = field(default_factory=list)  # name, from, to

    def describe(self) -> list[str]:
        out = [f"clip {_quote(a)} renamed to {_quote(b)}" for a, b in self.renamed]
        out += [f"clip {_quote(name)} added" for name in self.added]
        out += [f"clip {_quote(name)} removed" for name in self.removed]
        out += [f"clip {_quote(name)} retimed" for name in self.retimed]
        out += [f"clip {_quote(name)} edited" for name in self.edited]
        out += [f"clip {_quote(name)} moved from {a} to {b}" for name, a, b in self.moved]
        return out or ["clips changed"]


def clip_changes(loaded: Sequence[LoadedItem], current: Sequence[Any]) -> ClipChanges:
    """Compare the clip list ``current`` with its ``loaded`` items, by identity."""
    changes = ClipChanges()
    old_index = {id(entry.obj): n for n, entry in enumerate(loaded)}
    matched: list[tuple[LoadedItem, Any, int, int]] = []
    seen: set[int] = set()
    for new_position, clip in enumerate(current):
        n = old_index.get(id(clip))
        if n is not None and n not in seen:
            seen.add(n)
            matched.append((loaded[n], clip, n, new_position))
        elif isinstance(clip, Mapping):
            changes.added.append(_text(clip.get("name")))
    changes.removed = [
        _text(entry.values.get("name"))
        for n, entry in enumerate(loaded)
        if n not in seen and isinstance(entry.obj, Mapping)
    ]
    for entry, clip, _, _ in matched:
        if not isinstance(clip, Mapping):
            continue
        name = _text(clip.get("name"))
        if _changed(entry.prints, clip, "name"):
            changes.renamed.append((_text(entry.values.get("name")), name))
        retimed = any(_changed(entry.prints, clip, k) for k in CLIP_TIME_KEYS)
        if retimed:
            changes.retimed.append(name)
        # Retiming a clip moves the start time in its URL too: that is not another edit.
        other = (set(entry.prints) | set(clip)) - {*CLIP_TIME_KEYS, "name"}
        if retimed:
            other.discard("url")
        if any(_changed(entry.prints, clip, k) for k in other):
            changes.edited.append(name)
    keep = _longest_increasing([m[2] for m in matched])
    for index, (_, clip, old_position, new_position) in enumerate(matched):
        if index not in keep:
            changes.moved.append((_text(clip.get("name")), old_position + 1, new_position + 1))
    return changes


def _summarize_sections(old: list[str], new: list[str]) -> list[str]:
    """Sections (transcript headers) added, removed, renamed and moved, 1-based positions."""
    out: list[str] = []
    pairs, removed, added = _match(
        list(enumerate(old, 1)), list(enumerate(new, 1)), lambda item: item[1]
    )
    # A section replaced by another at the same position was renamed.
    added_at = {pos: title for pos, title in added}
    renamed = {pos for pos, _ in removed if pos in added_at}
    for pos, title in removed:
        if pos in renamed:
            out.append(f"section {_quote(title)} renamed to {_quote(added_at[pos])}")
    out.extend(f"section {_quote(t)} added at {pos}" for pos, t in added if pos not in renamed)
    out.extend(f"section {_quote(t)} removed" for pos, t in removed if pos not in renamed)
    # A section moved when it is not in the longest run that kept its relative order:
    # inserting one section shifts the later ones, but does not move them.
    pairs.sort(key=lambda p: p[1][0])
    keep = _longest_increasing([a[0] for a, _ in pairs])
    for index, ((old_pos, title), (new_pos, _)) in enumerate(pairs):
        if index not in keep:
            out.append(f"section {_quote(title)} moved from {old_pos} to {new_pos}")
    return out


def _summarize_scalar_list(key: str, old: Sequence[Any], new: Sequence[Any]) -> list[str]:
    singular = {"guests": "guest", "topics": "topic", "hosts": "host"}.get(key, key)
    old_items, new_items = [_plain(v) for v in old], [_plain(v) for v in new]
    out: list[str] = []
    pending = list(new_items)
    gone: list[Any] = []
    for item in old_items:
        if item in pending:
            pending.remove(item)
        else:
            gone.append(item)
    for a, b in zip(gone, pending, strict=False):
        out.append(f"{singular} {_quote(a)} renamed to {_quote(b)}")
    out.extend(f"{singular} {_quote(v)} added" for v in pending[len(gone) :])
    out.extend(f"{singular} {_quote(v)} removed" for v in gone[len(pending) :])
    if not out:
        out.append(f"{key} reordered")
    return out


def _summarize_mapping(key: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    out: list[str] = []
    for sub in list(old) + [k for k in new if k not in old]:
        name = f"{key}.{sub}"
        if sub not in new:
            out.append(f"{name} removed")
        elif sub not in old:
            out.append(f"{name} added")
        elif not _same(old[sub], new[sub]):
            out.append(f"{name} changed")
    return out or [f"{key} changed"]


# -- helpers ----------------------------------------------------------------------------


def _match(
    old: list[Any], new: list[Any], key: Any
) -> tuple[list[tuple[Any, Any]], list[Any], list[Any]]:
    """Pair items with equal keys (in order); returns pairs, unmatched old, unmatched new."""
    waiting: dict[Any, list[Any]] = defaultdict(list)
    for item in new:
        waiting[key(item)].append(item)
    pairs: list[tuple[Any, Any]] = []
    removed: list[Any] = []
    for item in old:
        candidates = waiting.get(key(item))
        if candidates:
            pairs.append((item, candidates.pop(0)))
        else:
            removed.append(item)
    matched_new = {id(b) for _, b in pairs}
    added = [item for item in new if id(item) not in matched_new]
    return pairs, removed, added


def _longest_increasing(values: list[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence of ``values``."""
    chains: list[list[int]] = []
    for index, value in enumerate(values):
        longest: list[int] = []
        for chain in chains:
            if values[chain[-1]] < value and len(chain) > len(longest):
                longest = chain
        chains.append([*longest, index])
    best: list[int] = []
    for chain in chains:
        if len(chain) > len(best):
            best = chain
    return set(best)


def _index_of(items: Sequence[Any], item: Any) -> int:
    return next(n for n, candidate in enumerate(items) if candidate is item)


def _differs(a: Mapping[str, Any], b: Mapping[str, Any], keys: Sequence[str]) -> bool:
    return any(not _same(a.get(k), b.get(k)) for k in keys)


def _is_header(item: Any) -> bool:
    return isinstance(item, Mapping) and "header" in item


def _is_list(value: Any) -> bool:
    return isinstance(value, list)


def _all_scalars(*lists: Sequence[Any]) -> bool:
    return all(not isinstance(v, (list, Mapping)) for items in lists for v in items)


def _same(a: Any, b: Any) -> bool:
    """Equal as plain data; shared (aliased) parts are compared once, so an alias bomb is
    cheap."""
    return bool(fingerprint(a) == fingerprint(b))


def _plain(value: Any) -> Any:
    """Comparable plain Python (ruamel's scalar subclasses compare as their base types)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _quote(value: Any) -> str:
    text = _text(value)
    if len(text) > 50:
        text = text[:47] + "…"
    return f"'{text}'"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"

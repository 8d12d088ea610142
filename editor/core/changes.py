"""What Save would change: the unified diff against the file on disk, and a short summary
in the terms a producer thinks in ("section 'Guest background' moved from 3 to 5",
"2 lines retimed", "title changed")."""

from __future__ import annotations

import difflib
import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editor.core.document import Document
from editor.core.errors import DocumentError
from editor.core.render import fingerprint

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
    report.changed_on_disk = disk_text is not None and disk_text != document.original_text
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
    report.summary = summarize(old_data, document.data)
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


def summarize(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Short sentences describing how ``new`` front matter differs from ``old``."""
    out: list[str] = []
    keys = list(old) + [k for k in new if k not in old]
    for key in keys:
        if key not in new:
            out.append(f"{key} removed")
        elif key not in old:
            out.append(f"{key} added")
        elif _same(old[key], new[key]):
            continue
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

"""Minimal-diff writing of the front matter.

``render_front_matter`` compares the current data with the records of what was loaded and
builds the new text from the original: chunks of unchanged entries are copied verbatim
(moved entries carry their lines and attached comments along), changed scalars are rewritten
in place in their original style (long folded text keeps the lines an edit does not reach,
see ``scalars.refold_locally``), and only new values are written from scratch, in the
style of the corpus (see ``editor.core.yaml.emit``).
"""

from __future__ import annotations

import datetime
import io
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from ruamel.yaml.comments import TaggedScalar, merge_attrib

from editor.core.yaml import emit
from editor.core.yaml.errors import DocumentError
from editor.core.yaml.scalars import (
    choose_style,
    format_non_string,
    inline_fallback,
    refold_locally,
    write_string,
)
from editor.core.yaml.sourcemap import Entry, Record, SourceMap, line_end, line_start

DEFAULT_WIDTH = 80


def render_front_matter(
    data: Any, source_map: SourceMap | None, original: str, width: int = DEFAULT_WIDTH
) -> str:
    if source_map is None:
        if not data:
            return original
        return _newline_style(original, emit.fresh_document(data, width))
    verdicts: Verdicts = {}
    if unchanged(data, source_map.root, verdicts):
        return original
    try:
        if not source_map.reliable:
            return _full_dump(data)
        writer = _Writer(source_map.text, width, verdicts)
        root = source_map.root
        block_root = root.kind == "map" and not root.flow and root.entries and not root.irregular
        if block_root and isinstance(data, dict) and data:
            text = source_map.text
            return text[: root.lead] + writer.block(data, root, len(text))
        return _newline_style(original, emit.fresh_document(data, width))
    except DocumentError:
        raise
    except Exception:
        # Values the corpus-style writer cannot express (complex keys, exotic tags): let
        # ruamel write the whole front matter rather than fail the save.
        try:
            return _full_dump(data)
        except Exception as exc:
            raise DocumentError(f"The front matter cannot be written: {exc}") from None


def _full_dump(data: Any) -> str:
    from editor.core.yaml.loader import make_yaml

    yaml = make_yaml()
    yaml.width = 4096
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _newline_style(original: str, fresh: str) -> str:
    return fresh.replace("\n", "\r\n") if "\r\n" in original else fresh


# -- comparing current data with what was loaded ----------------------------------------


def _scalar_kind(value: Any) -> type:
    for kind in (bool, int, float, str, datetime.datetime, datetime.date):
        if isinstance(value, kind):
            return kind
    return type(value)


def same_scalar(current: Any, original: Any) -> bool:
    if current is original:
        return True
    if isinstance(current, dict | list) or isinstance(original, dict | list):
        return False
    if isinstance(original, TaggedScalar) or isinstance(current, TaggedScalar):
        return (
            isinstance(current, TaggedScalar)
            and isinstance(original, TaggedScalar)
            and current.value == original.value
            and str(current.tag) == str(original.tag)
        )
    if _scalar_kind(current) is not _scalar_kind(original):
        return False
    try:
        return bool(current == original)
    except Exception:
        return False


def _equal(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except Exception:
        return False


def own_keys(mapping: Any) -> list[Any]:
    """The keys written in this mapping itself (not merged in with ``<<``)."""
    # ruamel's ``CommentedMap.__iter__`` is a Python generator over ``OrderedDict``'s.
    keys = list(OrderedDict.__iter__(mapping) if isinstance(mapping, OrderedDict) else mapping)
    own = getattr(mapping, "_ok", None)
    # The attribute itself: ruamel's ``merge`` property adds an empty list on every read.
    if own is not None and getattr(mapping, merge_attrib, None):
        return [key for key in keys if key in own]
    return keys


Verdicts = dict[int, tuple[Any, bool]]
"""``unchanged`` verdicts on containers during one save, by ``id(record)``: the current
object it was compared with, and the verdict. A save asks about the same item up to three
times (the root check, pairing the sequence, writing the entry); this keeps it to one."""


def unchanged(current: Any, record: Record, verdicts: Verdicts | None = None) -> bool:
    kind = record.kind
    if kind == "scalar":
        return same_scalar(current, record.obj)
    if kind == "opaque":
        return type(current) is type(record.snapshot) and _equal(current, record.snapshot)
    if kind == "alias":
        # The alias text stays right as long as it still refers to the same object; changes
        # inside that object are written at the anchor.
        if current is record.obj:
            return True
        target = record.target
        return target is not None and target.kind == "scalar" and same_scalar(current, record.obj)
    if verdicts is not None:
        known = verdicts.get(id(record))
        if known is not None and known[0] is current:
            return known[1]
    verdict = _container_unchanged(current, record, verdicts)
    if verdicts is not None:
        verdicts[id(record)] = (current, verdict)
    return verdict


def _container_unchanged(current: Any, record: Record, verdicts: Verdicts | None) -> bool:
    if record.kind == "map":
        if not isinstance(current, dict):
            return False
        keys = own_keys(current)
        entries = record.entries
        if len(keys) != len(entries):
            return False
        for key, entry in zip(keys, entries, strict=True):
            if not same_scalar(key, entry.key):
                return False
            value = current[key]
            original = entry.value
            if value is original.obj and original.kind == "scalar":
                continue
            if not unchanged(value, original, verdicts):
                return False
        return True
    if not isinstance(current, list) or len(current) != len(record.entries):
        return False
    return all(
        unchanged(item, entry.value, verdicts)
        for item, entry in zip(_plain(current), record.entries, strict=True)
    )


def _plain(sequence: list[Any]) -> Iterable[Any]:
    """The items of a list; ruamel's ``CommentedSeq`` iterates through a Python-level
    ``__getitem__`` per item, which dominates a save of a long transcript."""
    return list.__iter__(sequence)


def fingerprint(value: Any, memo: dict[int, Any] | None = None) -> Any:
    """A hashable summary of ``value``; shared (aliased) parts are summarised once, so an
    alias bomb stays linear."""
    if memo is None:
        memo = {}
    if isinstance(value, dict | list):
        known = memo.get(id(value))
        if known is not None:
            return known
        memo[id(value)] = ("cycle", id(value))
        if isinstance(value, dict):
            items = tuple((fingerprint(k, memo), fingerprint(v, memo)) for k, v in value.items())
            result: Any = ("m", hash(items))
        else:
            result = ("s", hash(tuple(fingerprint(item, memo) for item in value)))
        memo[id(value)] = result
        return result
    try:
        hash(value)
    except TypeError:
        return ("x", id(value))
    return (_scalar_kind(value).__name__, value)


# -- writing ---------------------------------------------------------------------------------


class _Writer:
    def __init__(self, text: str, width: int, verdicts: Verdicts) -> None:
        self.text = text
        self.width = width
        self.verdicts = verdicts
        self.newline = "\r\n" if "\r\n" in text else "\n"

    def fresh(self, piece: str) -> str:
        return piece.replace("\n", self.newline) if self.newline != "\n" else piece

    def block(self, current: Any, record: Record, region_end: int) -> str:
        """New text for ``text[record.lead:region_end]`` holding ``current``."""
        text = self.text
        pieces: list[str] = []
        kept: dict[int, int] = {}  # id of an original entry -> its piece
        first_original = record.entries[0]
        for position, (key, value, entry) in enumerate(self._pair(current, record)):
            if entry is None:
                piece = " " * record.column + self.fresh(self._fresh_entry(record, key, value))
            else:
                piece = self._entry(record, entry, key, value)
                if entry is first_original and record.compact and position > 0:
                    piece = " " * record.column + piece
                kept[id(entry)] = len(pieces)
            if position == 0 and record.compact:
                piece = piece.lstrip(" ")
            pieces.append(piece)
        if record.kind == "map" and len(kept) < len(record.entries):
            self._keep_separating_blank_lines(record, pieces, kept)
        pieces.append(text[record.entries[-1].own_end : region_end])
        return "".join(pieces)

    def _keep_separating_blank_lines(
        self, record: Record, pieces: list[str], kept: dict[int, int]
    ) -> None:
        """A removed key takes its own lines away, not the blank lines that set its group
        of keys apart: they stay after the key before it, unless that one already ends
        with blank lines (so clearing a date shows in a diff as that one line)."""
        before: int | None = None  # piece of the nearest original entry above that stays
        for entry in record.entries:
            index = kept.get(id(entry))
            if index is not None:
                before = index
                continue
            gap = self.text[entry.own_end : entry.chunk_end]
            if before is None or not gap or gap.strip():
                continue
            if not _ends_with_blank_line(pieces[before]):
                pieces[before] += gap

    def _pair(self, current: Any, record: Record) -> Iterable[tuple[Any, Any, Entry | None]]:
        if record.kind == "map":
            for key in own_keys(current):
                try:
                    entry = record.keys.get(key)
                except TypeError:
                    entry = None
                yield key, current[key], entry
            return
        yield from _pair_sequence(current, record, self.verdicts)

    def _entry(self, parent: Record, entry: Entry, key: Any, value: Any) -> str:
        text = self.text
        original = entry.value
        if unchanged(value, original, self.verdicts):
            return text[entry.lead : entry.chunk_end]
        is_container = isinstance(value, dict | list)
        if original.kind == "scalar" and not is_container and not original.irregular:
            return (
                text[entry.lead : original.value_start]
                + self._scalar_in_place(value, original, parent, entry)
                + text[original.end : entry.chunk_end]
            )
        same_shape = (original.kind == "map" and isinstance(value, dict)) or (
            original.kind == "seq" and isinstance(value, list)
        )
        if same_shape and value and not original.irregular:
            if (
                original.flow
                and not original.entries
                and any(isinstance(item, dict | list) for item in _values(value))
            ):
                # ``clips: []`` that gets its first clip: write block style, like the corpus.
                fresh = self._fresh_entry(parent, key, value)
                return (
                    text[entry.lead : entry.first]
                    + self.fresh(fresh)
                    + text[entry.own_end : entry.chunk_end]
                )
            if original.flow:
                emit.check_size(value)
                flow_text = emit.flow_collection(value)
                return (
                    text[entry.lead : original.start]
                    + self.fresh(flow_text)
                    + text[original.end : entry.chunk_end]
                )
            return text[entry.lead : original.lead] + self.block(value, original, entry.chunk_end)
        # Anything else (a scalar became a list, an alias was replaced...): write the entry
        # anew in place, keeping the comments around it.
        fresh = self._fresh_entry(parent, key, value)
        return (
            text[entry.lead : entry.first]
            + self.fresh(fresh)
            + text[entry.own_end : entry.chunk_end]
        )

    def _fresh_entry(self, parent: Record, key: Any, value: Any) -> str:
        emit.check_size(value)
        if parent.kind == "map":
            return emit.map_entry(key, value, parent.column, self.width)
        return emit.seq_item(value, parent.column, self.width)

    def _scalar_in_place(self, value: Any, original: Record, parent: Record, entry: Entry) -> str:
        text = self.text
        plain = format_non_string(value)
        was_block = original.style in ("|", ">")
        if not isinstance(value, str):
            if plain is None:
                plain = inline_fallback(value)
            return plain + (self.newline if was_block else "")
        start = original.value_start
        column = start - line_start(text, start)
        original_text = text[start : original.end]
        multiline = "\n" in original_text.rstrip("\r\n") or "\r" in original_text.rstrip("\r\n")
        continuation = parent.column + 2
        if multiline and not was_block:
            second = line_end(text, start)
            indent = 0
            while second + indent < original.end and text[second + indent] == " ":
                indent += 1
            if indent:
                continuation = indent
        elif was_block:
            body = line_end(text, start)
            indent = 0
            while body + indent < original.end and text[body + indent] == " ":
                indent += 1
            continuation = indent or continuation
        split = multiline or len(original_text) + column <= self.width
        style = choose_style(value, original.style)
        if (
            multiline
            and not was_block
            and style == original.style
            and isinstance(original.obj, str)
        ):
            edited = refold_locally(
                original_text.replace("\r\n", "\n"),
                str(original.obj),
                value,
                style,
                column,
                self.width,
            )
            if edited is not None:
                return self.fresh(edited)
        written = write_string(value, style, column, continuation, self.width, split)
        if style in ("|", ">"):
            block_indent = continuation
            written = write_string(value, style, column, block_indent, self.width, split)
        elif was_block:
            written += "\n"
        return self.fresh(written)


def _ends_with_blank_line(piece: str) -> bool:
    lines = piece.split("\n")
    return len(lines) >= 3 and lines[-1] == "" and lines[-2].strip() == ""


def _values(collection: Any) -> Iterable[Any]:
    return collection.values() if isinstance(collection, dict) else collection


def _pair_sequence(
    current: list[Any], record: Record, verdicts: Verdicts
) -> list[tuple[Any, Any, Entry | None]]:
    entries = record.entries
    current = list(_plain(current))
    matched: list[Entry | None] = [None] * len(current)
    used: set[int] = set()
    by_identity = {
        id(entry.value.obj): index
        for index, entry in enumerate(entries)
        if isinstance(entry.value.obj, dict | list) and entry.value.kind != "alias"
    }
    for position, item in enumerate(current):
        if isinstance(item, dict | list):
            index = by_identity.get(id(item))
            if index is not None and index not in used:
                matched[position] = entries[index]
                used.add(index)
    for position, item in enumerate(current):
        if (
            matched[position] is None
            and position < len(entries)
            and position not in used
            and unchanged(item, entries[position].value, verdicts)
        ):
            matched[position] = entries[position]
            used.add(position)
    if any(entry is None for entry in matched) and len(used) < len(entries):
        pool: dict[Any, list[int]] = {}
        for index, entry in enumerate(entries):
            if index not in used:
                pool.setdefault(fingerprint(entry.value.obj), []).append(index)
        for position, item in enumerate(current):
            if matched[position] is None:
                candidates = pool.get(fingerprint(item))
                while candidates:
                    index = candidates.pop(0)
                    if index not in used and unchanged(item, entries[index].value, verdicts):
                        matched[position] = entries[index]
                        used.add(index)
                        break
        for position in range(len(current)):
            if matched[position] is None and position < len(entries) and position not in used:
                matched[position] = entries[position]
                used.add(position)
    return [(None, item, matched[position]) for position, item in enumerate(current)]

"""Where each value of the front matter was read from.

For every node the loader built, a ``Record`` keeps the constructed object and its span in
the front matter text. Block collections also know the "chunk" of text each entry owns:
full-line comments directly above it, its own lines, and the blank or comment lines after it
up to the next entry. The writer copies chunks of unchanged entries verbatim.
"""

from __future__ import annotations

import bisect
import contextlib
import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from editor.core.yaml.loader import Parsed

_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")


def line_start(text: str, index: int) -> int:
    """Index of the first character of the line holding ``index``.

    Costs the length of that line, not of the text before it: a ``\r`` is only looked for
    after the last ``\n`` (the text may have none, and a search for it would run to the start).
    """
    newline = text.rfind("\n", 0, index)
    return max(newline, text.rfind("\r", newline + 1, index)) + 1


def previous_line_start(text: str, index: int) -> int:
    """Start of the line that ends just before ``index`` (a line start)."""
    j = index - 1
    if j > 0 and text[j] == "\n" and text[j - 1] == "\r":
        j -= 1
    return line_start(text, j)


def line_end(text: str, index: int) -> int:
    """Index just after the line break ending the line that holds ``index``."""
    found = _LINE_BREAK_RE.search(text, index)
    return found.end() if found is not None else len(text)


@dataclass(eq=False)
class Record:
    kind: str  # "scalar" | "map" | "seq" | "alias" | "opaque"
    obj: Any
    start: int  # start of the node, properties (anchor, tag) included
    end: int  # end of the node's own text
    style: str | None = None  # scalar style: None, "'", '"', "|", ">"
    value_start: int = 0  # scalar: start of the value text, after properties
    flow: bool = False
    entries: list[Entry] = field(default_factory=list)
    keys: dict[Any, Entry] = field(default_factory=dict)
    compact: bool = False  # block collection whose first entry shares a line with "- "
    column: int = 0  # column of the entries of a block collection
    lead: int = 0  # start of the first entry's chunk
    irregular: bool = False  # a layout the writer does not patch: rewritten whole if changed
    target: Record | None = None  # alias: the anchored record
    snapshot: Any = None  # opaque: a copy of the value as loaded


@dataclass(eq=False)
class Entry:
    key: Any
    value: Record
    first: int  # start of the entry's own text: the key, or the "-" of a list item
    lead: int = 0  # start of its chunk: attached comment lines above ``first``
    own_end: int = 0  # end of its own lines (after the line break)
    chunk_end: int = 0  # where the next entry's chunk starts (own_end for the last entry)
    key_start: int = 0


class SourceMap:
    def __init__(self, text: str, root: Record, reliable: bool) -> None:
        self.text = text
        self.root = root
        self.reliable = reliable  # False: spans may be off (merge keys...); write from scratch
        self._line_starts: list[int] | None = None

    def position(self, index: int) -> tuple[int, int]:
        """0-based (line, column) of a text index, counting lines as ruamel does."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in _LINE_BREAK_RE.finditer(self.text)]
        line = bisect.bisect_right(self._line_starts, index) - 1
        return line, index - self._line_starts[line]

    def record_at(self, path: tuple[Any, ...]) -> tuple[Record, Entry | None, int]:
        """The deepest record along ``path``, the entry holding it, and how deep it got."""
        record = self.root
        entry: Entry | None = None
        depth = 0
        for key in path:
            if record.kind == "alias" and record.target is not None:
                record = record.target
            found: Entry | None = None
            if record.kind == "map":
                try:
                    found = record.keys.get(key)
                except TypeError:
                    found = None
            elif record.kind == "seq" and isinstance(key, int) and 0 <= key < len(record.entries):
                found = record.entries[key]
            if found is None:
                break
            entry = found
            record = found.value
            depth += 1
        return record, entry, depth

    def locate(self, path: tuple[Any, ...]) -> tuple[int, int]:
        record, entry, _ = self.record_at(path)
        if entry is None:
            index = record.start
        elif record.kind in ("map", "seq") and not record.flow and entry.key is not None:
            index = entry.key_start
        elif entry.key is None:
            index = record.start if record.kind != "alias" else entry.first
        else:
            index = record.start
        return self.position(index)


def build_source_map(text: str, parsed: Parsed) -> SourceMap | None:
    if parsed.node is None:
        return None
    builder = _Builder(text, parsed)
    root = builder.build(parsed.node, limit=0)
    return SourceMap(text, root, reliable=builder.reliable)


class _Builder:
    def __init__(self, text: str, parsed: Parsed) -> None:
        self.text = text
        self.objects = parsed.objects_by_node
        self.aliases: Iterator[tuple[int, int]] = iter(parsed.alias_spans)
        self.seen: dict[int, Record] = {}
        self.reliable = True

    def build(self, node: Node, limit: int) -> Record:
        text = self.text
        anchored = self.seen.get(id(node))
        if anchored is not None:
            span = next(self.aliases, None)
            if span is None or not text.startswith("*", span[0]):
                self.reliable = False
                span = (anchored.start, anchored.start)
            return Record("alias", anchored.obj, span[0], span[1], target=anchored)
        obj = self.objects.get(id(node))
        start = node.start_mark.index
        end = node.end_mark.index
        if isinstance(node, ScalarNode):
            if node.style in ("|", ">"):
                # The scanner may have read the next line's indentation too; stop after the
                # block's last line break.
                while end > start and text[end - 1] in " \t":
                    end -= 1
            record = Record("scalar", obj, start, end, style=node.style)
            record.value_start = _skip_properties(text, start, end)
            self.seen[id(node)] = record
            return record
        flow = bool(getattr(node, "flow_style", False))
        kind = "map" if isinstance(node, MappingNode) else "seq"
        if (kind == "map") != isinstance(obj, dict) or (kind == "seq") != isinstance(obj, list):
            # A tagged collection (!!omap, !!set...) built as another type: compare it with a
            # copy taken now, and write it whole if it changes.
            record = Record("opaque", obj, start, end, flow=flow)
            record.snapshot = copy.deepcopy(obj)
            self.seen[id(node)] = record
            self._skip_aliases_in(node)
            return record
        record = Record(kind, obj, start, end, flow=flow)
        self.seen[id(node)] = record
        if isinstance(node, MappingNode):
            self._build_map_entries(node, record)
        elif isinstance(node, SequenceNode):
            self._build_seq_entries(node, record)
        if flow or not record.entries:
            return record
        record.end = record.entries[-1].value.end if record.entries else end
        self._layout_block(record, limit)
        return record

    def _skip_aliases_in(self, node: Node) -> None:
        """Consume the alias spans inside a subtree that gets no records of its own."""
        stack: list[Any] = []
        children: Any = node
        while True:
            if isinstance(children, MappingNode):
                for key_node, value_node in reversed(children.value):
                    stack.extend((value_node, key_node))
            elif isinstance(children, SequenceNode):
                stack.extend(reversed(children.value))
            if not stack:
                return
            current = stack.pop()
            while id(current) in self.seen:
                next(self.aliases, None)
                if not stack:
                    return
                current = stack.pop()
            obj = self.objects.get(id(current))
            self.seen[id(current)] = Record("opaque", obj, 0, 0, snapshot=copy.deepcopy(obj))
            children = current

    def _build_map_entries(self, node: MappingNode, record: Record) -> None:
        text = self.text
        keys_seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = self.objects.get(id(key_node))
            if (
                not isinstance(key_node, ScalarNode)
                or key_node.tag == "tag:yaml.org,2002:merge"
                or str(getattr(key_node, "tag", "")).endswith(":merge")
            ):
                record.irregular = True
                self.reliable = self.reliable and not str(key_node.tag).endswith(":merge")
            self.build(key_node, limit=0)
            first = key_node.start_mark.index
            if not record.flow:
                before = text[line_start(text, first) : first]
                if "?" in before:
                    record.irregular = True
            value_limit = line_end(text, first) if not record.flow else 0
            value = self.build(value_node, limit=value_limit)
            entry = Entry(key, value, first, key_start=first)
            record.entries.append(entry)
            try:
                if key in keys_seen:
                    record.irregular = True
                keys_seen.add(key)
                record.keys[key] = entry
            except TypeError:
                record.irregular = True
        if getattr(record.obj, "merge", None):
            record.irregular = True
            self.reliable = False
        # Complex keys are rebuilt as hashable copies after construction: take the map's own
        # key objects, in order, so an unchanged map compares equal.
        own = list(record.obj.keys()) if isinstance(record.obj, dict) else []
        if record.irregular and len(own) == len(record.entries):
            record.keys = {}
            for key, entry in zip(own, record.entries, strict=True):
                entry.key = key
                with contextlib.suppress(TypeError):
                    record.keys[key] = entry

    def _build_seq_entries(self, node: SequenceNode, record: Record) -> None:
        text = self.text
        for item_node in node.value:
            item_start = item_node.start_mark.index
            first = item_start
            if not record.flow:
                j = item_start - 1
                while j >= 0 and text[j] in " \t\r\n":
                    j -= 1
                if j >= 0 and text[j] == "-":
                    first = j
                else:
                    record.irregular = True
            value = self.build(item_node, limit=line_end(text, first) if not record.flow else 0)
            if value.kind == "alias":
                pass
            record.entries.append(Entry(None, value, first, key_start=first))

    def _layout_block(self, record: Record, limit: int) -> None:
        text = self.text
        entries = record.entries
        first0 = entries[0].first
        start_of_line = line_start(text, first0)
        record.compact = text[start_of_line:first0].strip() != ""
        record.column = first0 - start_of_line
        previous_end = limit
        for index, entry in enumerate(entries):
            entry.own_end = line_end(text, max(entry.value.end - 1, entry.first))
            if index == 0 and record.compact:
                entry.lead = first0
            else:
                entry.lead = _attached_comments_start(text, entry.first, previous_end)
            previous_end = entry.own_end
        for index, entry in enumerate(entries):
            entry.chunk_end = entries[index + 1].lead if index + 1 < len(entries) else entry.own_end
            if entry.chunk_end < entry.own_end:
                record.irregular = True
        record.lead = entries[0].lead


def _attached_comments_start(text: str, first: int, limit: int) -> int:
    """Start of the run of full-line comments directly above the line of ``first``.

    Only comments indented no deeper than the entry belong to it; a deeper one closes the
    entry before it.
    """
    lead = line_start(text, first)
    column = first - lead
    while lead > limit:
        previous = previous_line_start(text, lead)
        if previous < limit:
            break
        line = text[previous:lead]
        stripped = line.lstrip(" ")
        if not stripped.startswith("#") or len(line) - len(stripped) > column:
            break
        lead = previous
    return lead


def _skip_properties(text: str, start: int, end: int) -> int:
    """Index of the scalar's value text, after any ``&anchor`` and ``!tag`` properties."""
    i = start
    while i < end and text[i] in "&!":
        while i < end and text[i] not in " \t\r\n":
            i += 1
        while i < end and text[i] in " \t\r\n":
            i += 1
    return i

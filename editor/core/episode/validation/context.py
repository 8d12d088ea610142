"""What every rule gets: the document, shared derived facts, and a way to report."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from editor.core.episode.timecode import TimeFormatError, parse_iso_duration
from editor.core.episode.validation.problem import Fix, Problem, Severity
from editor.core.yaml.edits import DataPath

YOUTUBE_ID_RE = re.compile(r"^[A-Za-z0-9_-]{11}$")
# A value that YAML aliases (&a / *a) expand past this many nodes is not checked further:
# walking or printing it would take forever ("billion laughs").
EXPANSION_LIMIT = 200_000


def may_hold_anchors(text: str) -> bool:
    """False when ``text`` has no "&name" at a line start or after a space or flow indicator,
    so no anchor (and no alias). Transcripts say "R&D" and "Q & A": those alone do not make
    every check walk every value. A scan from "&" to "&" (a regex is ten times slower)."""
    index = text.find("&")
    while index >= 0:
        before = text[index - 1] if index else "\n"
        after = text[index + 1 : index + 2]
        if before in " \t\r\n[{," and after and after not in " \t\r\n,[]{}":
            return True
        index = text.find("&", index + 1)
    return False


class Locatable(Protocol):
    data: Any
    path: Path | None

    def locate(self, path: DataPath) -> tuple[int, int]: ...


class Context:
    """Collects problems for one document; rules read ``data`` and call ``report``."""

    def __init__(self, doc: Locatable, site_root: Path | None) -> None:
        self.doc = doc
        self.data: Any = doc.data if isinstance(doc.data, Mapping) else {}
        self.site_root = site_root
        self.problems: list[Problem] = []
        self._plain: dict[str, list[dict[str, Any] | None]] = {}
        self._oversized: set[str] | None = None

    def report(
        self,
        rule: str,
        severity: Severity,
        message: str,
        path: DataPath,
        fix: Fix | None = None,
    ) -> None:
        line, column = self.doc.locate(path)
        self.problems.append(Problem(rule, severity, message, path, line, column, fix))

    # -- facts several rules need ------------------------------------------------------

    def list_at(self, key: str) -> list[Any]:
        value = self.data.get(key)
        return value if isinstance(value, list) else []

    def oversized_keys(self) -> set[str]:
        """Top-level keys whose values expand past ``EXPANSION_LIMIT`` through aliases."""
        if self._oversized is None:
            self._oversized = set()
            if may_hold_anchors(getattr(self.doc, "original_text", "&a")):
                memo: dict[int, int] = {}
                for key, value in self.data.items():
                    if expanded_size(value, memo) > EXPANSION_LIMIT:
                        self._oversized.add(str(key))
        return self._oversized

    def plain_items(self, key: str) -> list[dict[str, Any] | None]:
        """The list at ``key`` as plain dicts (None for non-mapping items), made once.

        ruamel's mapping lookups run Python code on every access; the rules read each item
        several times, so they read these C-level copies instead.
        """
        cached = self._plain.get(key)
        if cached is None:
            cached = [plain_mapping(item) for item in self.list_at(key)]
            self._plain[key] = cached
        return cached

    def mapping_at(self, key: str) -> Mapping[str, Any]:
        value = self.data.get(key)
        return value if isinstance(value, Mapping) else {}

    def duration_seconds(self) -> int | None:
        value = self.data.get("duration")
        if not isinstance(value, str):
            return None
        try:
            seconds = parse_iso_duration(value)
        except TimeFormatError:
            return None
        return seconds or None

    def youtube_id(self) -> str | None:
        """The episode's video id: ``ids.youtube`` when well-formed."""
        value = self.mapping_at("ids").get("youtube")
        if isinstance(value, str) and YOUTUBE_ID_RE.match(value):
            return value
        return None

    def last_transcript_second(self) -> int | None:
        best: int | None = None
        for item in self.plain_items("transcript"):
            if item is not None:
                sec = item.get("sec")
                if isinstance(sec, int) and is_seconds(sec) and (best is None or sec > best):
                    best = sec
        return best


def expanded_size(value: Any, memo: dict[int, int]) -> int:
    """Nodes in ``value`` with every alias expanded (shared parts are counted once each)."""
    if not isinstance(value, list | dict):
        return 1
    key = id(value)
    if key in memo:
        return memo[key]
    memo[key] = EXPANSION_LIMIT + 1  # a value that contains itself never ends
    children = value.values() if isinstance(value, dict) else value
    total = 1
    for child in children:
        total += expanded_size(child, memo)
        if total > EXPANSION_LIMIT:
            break
    memo[key] = total
    return total


def is_seconds(value: Any) -> bool:
    """A whole number of seconds (bool is an int in Python, and not a number of seconds)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def plain_mapping(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        return None
    # dict(dict.items(m)) reads the dict's own table in C; ruamel overrides __iter__, which
    # makes dict(m) and m.copy() call Python code for every key.
    plain = dict(dict.items(value))
    merged = getattr(value, "_yaml_merge", None)  # YAML '<<' merge keys live outside the dict
    if merged:
        for source in reversed(merged):
            for key, item in (source[1] if isinstance(source, tuple) else source).items():
                plain.setdefault(key, item)
    return plain

"""Fast summaries of every episode in a ``_podcast`` folder, cached by path, mtime and size.

A full round-trip parse of an episode takes tens of milliseconds (the big ones far more), so
listing a folder never does one. Instead a line scanner cuts out the few top-level keys a
listing needs (``title``, ``season``, ``episode``, ``guests``, ``short``) and only those small
snippets are parsed as YAML. When the scanner cannot be sure (odd layouts, duplicate keys),
the file's whole front matter is parsed with the safe loader instead.

Problem counts need the full round-trip parse and validation; ``problem_counts`` computes them
for one file and the cache keeps them next to the summary, so they are computed once per
version of a file (callers run it in the background).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from editor.core.episode.validation.site_files import find_site_root, people_stamp
from editor.core.files.episode_files import EpisodeFiles, find_episode_files
from editor.core.yaml.document import atomic_write
from editor.core.yaml.errors import DocumentError
from editor.core.yaml.frontmatter import split_front_matter

SUMMARY_KEYS = ("title", "short", "season", "episode", "guests")
CACHE_FILE_NAME = "library-cache.json"
# Bump when the summary fields or the way they are computed change, so old caches are ignored.
CACHE_VERSION = 2

# A top-level key at column 0: ``title:`` followed by a space, a line break or the end.
_TOP_KEY_RE = re.compile(r"^([A-Za-z_][\w-]*|'[^'\n]*'|\"[^\"\n]*\")[ \t]*:(?=[ \t]|\r?\n|$)")


@dataclass
class ProblemCounts:
    errors: int = 0
    warnings: int = 0

    @property
    def total(self) -> int:
        return self.errors + self.warnings


@dataclass
class EpisodeSummary:
    """What the library lists for one episode file."""

    path: Path
    title: str = ""
    short: str = ""
    season: int | None = None
    episode: int | None = None
    guests: list[str] = field(default_factory=list)
    error: str = ""  # why the file could not be summarised ('' when it could)
    mtime_ns: int = 0
    size: int = 0
    problems: ProblemCounts | None = None  # None until computed
    # What the checks read besides the file (the people pages) when ``problems`` was counted.
    problems_site: str = ""

    @property
    def name(self) -> str:
        return self.path.name

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["path"] = str(self.path)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EpisodeSummary:
        problems = data.get("problems")
        return cls(
            path=Path(data["path"]),
            title=str(data.get("title", "")),
            short=str(data.get("short", "")),
            season=data.get("season"),
            episode=data.get("episode"),
            guests=[str(g) for g in data.get("guests", [])],
            error=str(data.get("error", "")),
            mtime_ns=int(data.get("mtime_ns", 0)),
            size=int(data.get("size", 0)),
            problems=ProblemCounts(**problems) if isinstance(problems, dict) else None,
            problems_site=str(data.get("problems_site", "")),
        )


# -- reading one file ------------------------------------------------------------------


def _safe_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=True)
    yaml.version = (1, 1)  # Jekyll reads YAML 1.1
    return yaml


_YAML = _safe_yaml()


def top_level_blocks(front_matter: str, keys: Iterable[str]) -> dict[str, str] | None:
    """The text of each wanted top-level key (its line and its indented continuation).

    ``None`` when the layout is one the scanner cannot vouch for (a wanted key twice, tabs
    at the start of a line, a flow mapping or document marker at column 0).
    """
    wanted = set(keys)
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    seen_key = False
    for line in front_matter.splitlines(keepends=True):
        first = line[:1]
        if first in (" ", "\n", "\r", "#", ""):
            if current is not None:
                current.append(line)
            continue
        if line.startswith("- ") or line.rstrip() == "-":
            if not blocks and current is None and not seen_key:
                return None  # the front matter is a list, not a mapping
            if current is not None:
                current.append(line)
            continue
        if first == "\t" or first in "{[&*!|>%@`":
            return None
        match = _TOP_KEY_RE.match(line)
        if match is None:
            # A continuation line of a multi-line scalar that starts at column 0.
            if current is not None:
                current.append(line)
                continue
            return None
        key = match.group(1).strip("'\"")
        seen_key = True
        if key in wanted:
            if key in blocks:
                return None
            current = blocks[key] = [line]
        else:
            current = None
    return {key: "".join(lines) for key, lines in blocks.items()}


def read_summary(path: Path, text: str | None = None) -> EpisodeSummary:
    """The summary of one episode file; never raises (an unreadable file gets ``error``)."""
    summary = EpisodeSummary(path=path)
    try:
        stat = path.stat()
        summary.mtime_ns, summary.size = stat.st_mtime_ns, stat.st_size
        if text is None:
            text = path.read_bytes().decode("utf-8")
        front_matter = split_front_matter(text).front_matter
    except (OSError, UnicodeDecodeError, DocumentError) as exc:
        summary.error = _describe(exc)
        return summary
    try:
        data = _parse_summary_keys(front_matter)
    except (YAMLError, RecursionError, ValueError, TypeError) as exc:
        summary.error = f"YAML error: {_first_line(str(exc))}"
        return summary
    if not isinstance(data, dict):
        summary.error = "The front matter is not a mapping."
        return summary
    summary.title = _text(data.get("title"))
    summary.short = _text(data.get("short"))
    summary.season = _number(data.get("season"))
    summary.episode = _number(data.get("episode"))
    guests = data.get("guests")
    if isinstance(guests, list):
        summary.guests = [_text(g) for g in guests if g is not None]
    elif guests is not None:
        summary.guests = [_text(guests)]
    return summary


def _parse_summary_keys(front_matter: str) -> Any:
    blocks = top_level_blocks(front_matter, SUMMARY_KEYS)
    if blocks is not None:
        try:
            return _YAML.load("".join(blocks.values())) or {}
        except YAMLError:
            pass  # the scanner cut something it should not have: read the whole thing
    return _YAML.load(front_matter)


def _text(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


def _number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else "invalid YAML"


def _describe(exc: BaseException) -> str:
    if isinstance(exc, DocumentError):
        return str(exc)
    if isinstance(exc, UnicodeDecodeError):
        return "The file is not UTF-8 text."
    if isinstance(exc, OSError):
        return f"The file cannot be read: {exc.strerror or exc}."
    return str(exc)


# -- problem counts (full parse + validation) ------------------------------------------


def problem_counts(path: Path) -> ProblemCounts | None:
    """Errors and warnings the validator reports for ``path``.

    ``None`` when there is no validator yet. A file that cannot be opened counts as one error.
    """
    try:
        from editor.core.episode.validation import validate  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    from editor.core.yaml.document import Document

    try:
        document = Document.load(path)
    except DocumentError:
        return ProblemCounts(errors=1)
    counts = ProblemCounts()
    try:
        problems = validate(document)
    except Exception:  # a validator bug must not take the library down
        return None
    for problem in problems:
        if getattr(problem, "severity", "error") == "error":
            counts.errors += 1
        else:
            counts.warnings += 1
    return counts


def checks_fingerprint() -> str:
    """Identifies the version of the validation code (its files' names, sizes and mtimes)."""
    folder = Path(__file__).resolve().parents[1] / "episode" / "validation"
    parts: list[str] = []
    for root, _dirs, files in os.walk(folder):
        for name in sorted(files):
            if name.endswith(".py"):
                stat = os.stat(os.path.join(root, name))
                parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    joined = "|".join(sorted(parts))
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16] if parts else ""


# -- the folder, with its cache ---------------------------------------------------------


def episode_files(folder: Path) -> list[Path]:
    """The episode files under ``folder``: the same files ``check`` checks."""
    return find_episode_files(Path(folder)).episodes


def site_stamp(podcast_folder: Path) -> str:
    """Identifies what the checks read outside an episode file (the site's people pages)."""
    site_root = find_site_root(Path(podcast_folder) / "episode.md")
    return people_stamp(site_root) if site_root is not None else ""


class LibraryCache:
    """Summaries keyed by absolute path; an entry is valid while mtime and size match."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.file = cache_dir / CACHE_FILE_NAME if cache_dir is not None else None
        self.entries: dict[str, EpisodeSummary] = {}
        self.dirty = False
        self._load()

    def _load(self) -> None:
        if self.file is None:
            return
        try:
            raw = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(raw, dict) or raw.get("version") != CACHE_VERSION:
            return
        # Counts made by another version of the checks are recomputed.
        same_checks = raw.get("checks") == checks_fingerprint()
        for data in raw.get("episodes", []):
            try:
                summary = EpisodeSummary.from_json(data)
            except (KeyError, TypeError, ValueError):
                continue
            if not same_checks:
                summary.problems = None
            self.entries[str(summary.path)] = summary

    def lookup(self, path: Path, stat: os.stat_result) -> EpisodeSummary | None:
        cached = self.entries.get(str(path))
        if cached and cached.mtime_ns == stat.st_mtime_ns and cached.size == stat.st_size:
            return cached
        return None

    def store(self, summary: EpisodeSummary) -> None:
        self.entries[str(summary.path)] = summary
        self.dirty = True

    def save(self) -> None:
        if self.file is None or not self.dirty:
            return
        payload = {
            "version": CACHE_VERSION,
            "checks": checks_fingerprint(),
            "episodes": [s.to_json() for s in self.entries.values()],
        }
        with contextlib.suppress(OSError):
            self.file.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.file, json.dumps(payload).encode("utf-8"))
            self.dirty = False


class Library:
    """The episodes of one ``_podcast`` folder."""

    def __init__(self, folder: Path, cache_dir: Path | None = None) -> None:
        self.folder = Path(folder).resolve()
        self.cache = LibraryCache(cache_dir)
        # Markdown files that are not episodes, with the reason (the Library says so).
        self.left_out: list[tuple[Path, str]] = []

    def scan(self) -> list[EpisodeSummary]:
        """Summaries of every episode, read from the cache where the file has not changed.

        Problem counts made while the people pages were different are dropped (recounted).
        """
        summaries: list[EpisodeSummary] = []
        found = (
            find_episode_files(self.folder, self._cached_unchanged)
            if self.folder.is_dir()
            else EpisodeFiles()
        )
        self.left_out = found.left_out
        site = site_stamp(self.folder)
        for path in found.episodes:
            try:
                stat = path.stat()
            except OSError:
                continue
            cached = self.cache.lookup(path, stat)
            if cached is None:
                cached = read_summary(path)
                self.cache.store(cached)
            if cached.problems is not None and cached.problems_site != site:
                cached.problems = None
                self.cache.dirty = True
            summaries.append(cached)
        self._forget_missing({str(s.path) for s in summaries})
        self.cache.save()
        return summaries

    def _cached_unchanged(self, path: Path) -> bool:
        try:
            return self.cache.lookup(path, path.stat()) is not None
        except OSError:
            return False

    def set_problems(
        self, path: Path, counts: ProblemCounts | None, stat_key: tuple[int, int], site: str = ""
    ) -> None:
        """Remember ``counts`` for the version of ``path`` identified by (mtime_ns, size),
        counted against the site identified by ``site`` (``site_stamp``)."""
        entry = self.cache.entries.get(str(path))
        if entry is not None and (entry.mtime_ns, entry.size) == stat_key:
            entry.problems = counts
            entry.problems_site = site
            self.cache.dirty = True

    def forget_problems(self) -> None:
        """Count every episode again (Refresh)."""
        for entry in self.cache.entries.values():
            if entry.problems is not None and entry.path.is_relative_to(self.folder):
                entry.problems = None
                self.cache.dirty = True

    def save_cache(self) -> None:
        self.cache.save()

    def _forget_missing(self, present: set[str]) -> None:
        folder = str(self.folder)
        for key in list(self.cache.entries):
            if key not in present and Path(key).is_relative_to(folder):
                del self.cache.entries[key]
                self.cache.dirty = True


def find_podcast_folder(folder: Path) -> Path:
    """The ``_podcast`` folder for a site root or the folder itself."""
    candidate = folder / "_podcast"
    return candidate if candidate.is_dir() else folder


def number_clashes(summaries: Sequence[EpisodeSummary]) -> dict[Path, list[Path]]:
    """Episodes sharing a season and episode number: each path -> the other paths."""
    by_number: dict[tuple[int, int], list[Path]] = {}
    for summary in summaries:
        if summary.season is not None and summary.episode is not None:
            by_number.setdefault((summary.season, summary.episode), []).append(summary.path)
    clashes: dict[Path, list[Path]] = {}
    for paths in by_number.values():
        if len(paths) > 1:
            for path in paths:
                clashes[path] = [p for p in paths if p != path]
    return clashes


def guest_ids(summaries: Sequence[EpisodeSummary]) -> list[str]:
    """Every guest id used in the library, sorted."""
    return sorted({g for s in summaries for g in s.guests if g})

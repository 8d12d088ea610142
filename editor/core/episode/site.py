"""The Jekyll site an episode file lives in: its root, its people and its files (no Qt)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from urllib.parse import quote

from editor.core.episode.links import is_safe_url

SITE_MARKERS = ("_people", "_config.yml")
_FRONT_MATTER_KEY = re.compile(r"^(short|title)\s*:\s*(.*?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Person:
    short: str
    name: str


def find_site_root(file_path: str | os.PathLike[str]) -> Path | None:
    """The nearest folder above ``file_path`` with a ``_people/`` folder or ``_config.yml``."""
    start = Path(file_path).absolute()
    for folder in [start, *start.parents] if start.is_dir() else start.parents:
        if (folder / "_people").is_dir() or (folder / "_config.yml").is_file():
            return folder
    return None


def _unquote(text: str) -> str:
    text = text.split(" #", 1)[0].strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


PAGE_HEAD_CHARS = 4096


@dataclass(frozen=True)
class PeoplePage:
    """One page of ``_people/``: its ``short`` and ``title`` if its front matter has them."""

    path: Path
    short: str | None
    title: str


PeopleStamp = tuple[tuple[str, int, int], ...]


def people_folder_stamp(folder: Path) -> PeopleStamp:
    """(name, modification time, size) of each ``.md`` page: changes whenever a page is
    added, removed, renamed or rewritten. Empty when the folder cannot be read."""
    try:
        with os.scandir(folder) as entries:
            pages = []
            for entry in entries:
                if entry.name.endswith(".md") and entry.is_file():
                    stat = entry.stat()
                    pages.append((entry.name, stat.st_mtime_ns, stat.st_size))
    except OSError:
        return ()
    return tuple(sorted(pages))


def people_pages_in(folder: Path) -> tuple[PeoplePage, ...]:
    """Every page of a ``_people`` folder, sorted by file name; each page is read once
    for as long as the folder's stamp stays the same (the guest names, the checks and the
    guest completer all ask)."""
    return _scan_people(folder, people_folder_stamp(folder))


@lru_cache(maxsize=8)
def _scan_people(folder: Path, stamp: PeopleStamp) -> tuple[PeoplePage, ...]:
    pages = []
    for name, mtime_ns, size in stamp:
        page = _read_page_once(folder / name, mtime_ns, size)
        if page is not None:
            pages.append(page)
    return tuple(pages)


@lru_cache(maxsize=4096)
def _read_page_once(path: Path, _mtime_ns: int, _size: int) -> PeoplePage | None:
    """A page read again only when it changes (a new page or one rewritten in place)."""
    return _read_page(path)


def _read_page(path: Path) -> PeoplePage | None:
    front = page_front_matter(path)
    if front is None:
        return None
    found = {key: _unquote(value) for key, value in _FRONT_MATTER_KEY.findall(front)}
    return PeoplePage(path, found.get("short") or None, found.get("title", ""))


def page_front_matter(path: Path) -> str | None:
    """The text between a page's opening ``---`` and the next ``---`` line (at most the
    first ``PAGE_HEAD_CHARS`` characters without one); None when it has no front matter."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    return text[3:end] if end >= 0 else text[3:PAGE_HEAD_CHARS]


def read_person(path: Path) -> Person | None:
    """The ``short`` id and ``title`` of a people page (a cheap line scan, not a YAML parse)."""
    page = _read_page(path)
    if page is None:
        return None
    return Person(short=page.short or path.stem, name=page.title)


@lru_cache(maxsize=8)
def _people_of(folder: Path, stamp: PeopleStamp) -> tuple[Person, ...]:
    found = [
        Person(short=page.short or page.path.stem, name=page.title)
        for page in _scan_people(folder, stamp)
    ]
    return tuple(sorted(found, key=lambda p: p.short.lower()))


def people(site_root: Path) -> tuple[Person, ...]:
    """Everyone with a page in ``site_root/_people``, sorted by ``short`` id."""
    folder = site_root / "_people"
    return _people_of(folder, people_folder_stamp(folder))


def people_or_none(site_root: Path | None) -> tuple[Person, ...] | None:
    """The site's people, or None when there is no site or it has no ``_people/`` folder
    (so there is nothing to check guest ids against)."""
    if site_root is None or not (site_root / "_people").is_dir():
        return None
    return people(site_root)


_TOPIC_ITEM = re.compile(r"^\s*-\s+(.+?)\s*$")


def topics_in(text: str) -> list[str]:
    """The block-list items under a top-level ``topics:`` key (a cheap line scan)."""
    items: list[str] = []
    inside = False
    for line in text.split("\n")[1:]:
        if line.rstrip() == "---":
            break
        if line.startswith("topics:"):
            inside = True
            continue
        if inside:
            match = _TOPIC_ITEM.match(line)
            if match:
                items.append(_unquote(match.group(1)))
            elif line.strip() and not line.startswith((" ", "\t")):
                inside = False
    return items


@cache
def _topics_cached(folder: Path, stamp: float) -> tuple[str, ...]:
    counts: dict[str, int] = {}
    for episode in folder.glob("*.md"):
        try:
            text = episode.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if text.startswith("---"):
            for topic in topics_in(text):
                counts[topic] = counts.get(topic, 0) + 1
    return tuple(sorted(counts, key=lambda topic: (-counts[topic], topic.lower())))


def episode_topics(folder: Path | None) -> tuple[str, ...]:
    """Every topic used by the episodes in ``folder``, the most used first."""
    if folder is None:
        return ()
    try:
        stamp = folder.stat().st_mtime
    except OSError:
        return ()
    return _topics_cached(folder, stamp)


def site_file(site_root: Path | None, relative: str) -> Path | None:
    """The file a site-relative path such as ``images/podcast/x.jpg`` names, if it exists."""
    if site_root is None or not relative or "\x00" in relative:
        return None
    cleaned = relative.strip().lstrip("/")
    if not cleaned or "://" in cleaned:
        return None
    candidate = (site_root / cleaned).resolve()
    try:
        candidate.relative_to(site_root.resolve())
    except ValueError:
        return None
    return candidate if candidate.is_file() else None


PLACEHOLDER = "TODO"


def link_url(key: str, value: object, *, is_id: bool = False) -> str | None:
    """The web address to open for an ``ids``/``links`` entry, or None (only http/https)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or text == PLACEHOLDER:
        return None
    if is_safe_url(text):
        return text
    if not is_id or ":" in text or "/" in text or any(c.isspace() for c in text):
        return None
    if key == "youtube":
        return f"https://www.youtube.com/watch?v={quote(text)}"
    if key == "spotify":
        return f"https://open.spotify.com/episode/{quote(text)}"
    return None

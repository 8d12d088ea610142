"""The site around an episode file: its root, the people ids, image files (cached reads)."""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from editor.core.episode.site import (
    PeopleStamp,
    page_front_matter,
    people_folder_stamp,
    people_pages_in,
)

SITE_MARKERS = ("_people", "_config.yml")
_SHORT_RE = re.compile(r"^short\s*:\s*(.*?)\s*$", re.MULTILINE)


def find_site_root(file_path: str | os.PathLike[str]) -> Path | None:
    """The nearest folder above ``file_path`` with a ``_people/`` folder or ``_config.yml``."""
    start = Path(file_path).absolute()
    for folder in start.parents:
        if (folder / "_people").is_dir() or (folder / "_config.yml").is_file():
            return folder
    return None


def people_stamp(site_root: Path) -> str:
    """Changes whenever a people page is added, removed, renamed or rewritten."""
    folder = site_root / "_people"
    entries = people_folder_stamp(folder)
    if not entries:
        return ""
    digest = hashlib.sha1(repr((str(folder), entries)).encode("utf-8")).hexdigest()
    return digest[:16]


def people_pages(site_root: Path) -> dict[str, list[Path]]:
    """Each id -> the people pages that claim it (by ``short``, or by file name without one)."""
    return {person: list(pages) for person, pages in _people_claims(site_root / "_people").items()}


def page_short(page: Path) -> str | None:
    """The ``short`` id in a people page's front matter, if it has one."""
    front = page_front_matter(page)
    if front is None:
        return None
    match = _SHORT_RE.search(front)
    if not match:
        return None
    value = match.group(1).split(" #", 1)[0].strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value


def _people_claims(folder: Path) -> dict[str, tuple[Path, ...]]:
    return _claims_of(folder, people_folder_stamp(folder))


@lru_cache(maxsize=8)
def _claims_of(folder: Path, stamp: PeopleStamp) -> dict[str, tuple[Path, ...]]:
    read = {page.path.name: page for page in people_pages_in(folder)}
    claims: dict[str, list[Path]] = {}
    stems = set()
    for name, _mtime, _size in stamp:
        path = folder / name
        page = read.get(name)
        claims.setdefault(page.short if page and page.short else path.stem, []).append(path)
        stems.add(path.stem)
    found = {person: tuple(pages) for person, pages in claims.items()}
    for stem in stems - found.keys():  # a page's file name is an id too
        found[stem] = ()
    return found


def image_state(site_root: Path, image: str) -> Literal["present", "missing", "unknown"]:
    """``unknown`` when the image's folder is not in this checkout (images kept elsewhere)."""
    relative = image.strip().lstrip("/")
    if not relative or "://" in relative or "\x00" in relative:
        return "unknown"
    candidate = site_root / relative
    if candidate.is_file():
        return "present"
    if not candidate.parent.is_dir():
        return "unknown"
    return "missing"

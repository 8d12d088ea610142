"""The site around an episode file: its root, the people ids, image files (cached reads)."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

SITE_MARKERS = ("_people", "_config.yml")
_SHORT_RE = re.compile(r"^short\s*:\s*(.*?)\s*$", re.MULTILINE)


def find_site_root(file_path: str | os.PathLike[str]) -> Path | None:
    """The nearest folder above ``file_path`` with a ``_people/`` folder or ``_config.yml``."""
    start = Path(file_path).absolute()
    for folder in start.parents:
        if (folder / "_people").is_dir() or (folder / "_config.yml").is_file():
            return folder
    return None


def people_ids(site_root: Path) -> frozenset[str]:
    """The ``short`` ids of the people pages (file stems count too)."""
    folder = site_root / "_people"
    try:
        stamp = folder.stat().st_mtime_ns
    except OSError:
        return frozenset()
    return _people_ids(folder, stamp)


@lru_cache(maxsize=8)
def _people_ids(folder: Path, stamp: int) -> frozenset[str]:
    ids: set[str] = set()
    for page in folder.glob("*.md"):
        ids.add(page.stem)
        try:
            with open(page, encoding="utf-8", errors="replace") as handle:
                head = handle.read(4096)
        except OSError:
            continue
        if not head.startswith("---"):
            continue
        end = head.find("\n---", 3)
        match = _SHORT_RE.search(head[3 : end if end >= 0 else len(head)])
        if match:
            value = match.group(1).split(" #", 1)[0].strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            ids.add(value)
    return frozenset(ids)


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

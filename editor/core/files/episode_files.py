"""What an episode file is: the one definition used by ``check``, the Library and Rename Guest.

A folder is searched recursively (hidden folders and ``_site``, ``node_modules``, ``vendor``,
``_people`` are skipped). A file is an episode when it is a ``.md`` or ``.markdown`` file, not
hidden (its name does not start with ``.``), not a people page (in a ``_people`` folder), and
its front matter has one of the keys only episodes have. A file that cannot be read counts as
an episode, so the check can say why. Every file left out is returned with the reason, so a
listing can say what it skipped (``left_out_summary`` puts the reasons in one sentence).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

EPISODE_SUFFIXES = (".md", ".markdown")
# Front matter keys that make a markdown file an episode (a site also has people pages,
# posts and layouts with front matter).
EPISODE_KEYS = ("season", "episode", "transcript", "quotableClips", "ids", "guests")
PEOPLE_FOLDER = "_people"
SKIPPED_FOLDERS = frozenset({"_site", "node_modules", "vendor", PEOPLE_FOLDER})
PEOPLE_PAGE = "a people page (the site's _people pages describe guests, not episodes)"
HEAD_BYTES = 65536


@dataclass
class EpisodeFiles:
    """The episode files found under a folder, and the markdown files left out (with why)."""

    episodes: list[Path] = field(default_factory=list)
    left_out: list[tuple[Path, str]] = field(default_factory=list)


NO_FRONT_MATTER = "no front matter (no '---' line at the top)"


def why_not_an_episode(path: Path) -> str | None:
    """``None`` when ``path`` is an episode file, else the reason it is not one."""
    name = path.name
    if not name.lower().endswith(EPISODE_SUFFIXES):
        return "not a .md or .markdown file"
    if name.startswith("."):
        return "hidden file (its name starts with '.')"
    if path.parent.name == PEOPLE_FOLDER:
        return PEOPLE_PAGE
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except IsADirectoryError:
        return "a folder"
    except OSError:
        return None  # let the check report why it cannot be read
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    lines = text.splitlines()
    # A '---' line within the first lines: stray text before it is an error worth reporting.
    opening = next((i for i, line in enumerate(lines[:3]) if line.rstrip() == "---"), None)
    if opening is None:
        return NO_FRONT_MATTER
    rest = "\n" + "\n".join(lines[opening + 1 :])
    end = rest.find("\n---", 1)
    front = rest if end < 0 else rest[:end]
    if any(f"\n{key}:" in front for key in EPISODE_KEYS):
        return None
    return "its front matter has none of the episode keys (" + ", ".join(EPISODE_KEYS) + ")"


def is_episode_file(path: Path) -> bool:
    return why_not_an_episode(path) is None


def find_episode_files(
    target: Path, known_episode: Callable[[Path], bool] | None = None
) -> EpisodeFiles:
    """The episode files of ``target`` in name order; a file is taken as it is.

    ``known_episode(path)`` True skips reading the file (a caller's cache already knows it
    is an episode, unchanged); the folder walk and the name rules still apply.
    """
    found = EpisodeFiles()
    if not target.is_dir():
        found.episodes.append(target)
        return found
    candidates: list[Path] = []
    for folder, subfolders, names in os.walk(target):
        subfolders[:] = sorted(
            name for name in subfolders if not name.startswith(".") and name not in SKIPPED_FOLDERS
        )
        candidates.extend(
            Path(folder) / name for name in names if name.lower().endswith(EPISODE_SUFFIXES)
        )
    for path in sorted(candidates):
        if path.name.startswith(".") or known_episode is None or not known_episode(path):
            reason = why_not_an_episode(path)
        else:
            reason = None
        if reason is None:
            found.episodes.append(path)
        else:
            found.left_out.append((path, reason))
    return found


def left_out_summary(left_out: Sequence[tuple[Path, str]]) -> str:
    """The reasons files were left out, most common first, with their counts.

    ``"a people page (...) — 437 files; no front matter (...) — notes.md"``: one line of text.
    """
    counts = Counter(why for _path, why in left_out)
    parts = []
    for why, count in counts.most_common():
        if count == 1:
            parts.append(f"{why} — {next(p.name for p, w in left_out if w == why)}")
        else:
            parts.append(f"{why} — {count} files")
    return "; ".join(parts)

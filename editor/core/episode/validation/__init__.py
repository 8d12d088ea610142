"""Validation of episode front matter: a JSON Schema for structure, Python rules for meaning.

    from editor.core.episode.validation import validate
    problems = validate(doc, site_root=None)

Rule ids are stable (tests, ``check --json`` users and suppressions rely on them).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from editor.core.episode.validation.context import Context, Locatable
from editor.core.episode.validation.problem import (
    ERROR,
    WARNING,
    Fix,
    Problem,
    Severity,
    in_safe_order,
    sort_key,
)
from editor.core.episode.validation.rules import clips, links, metadata, site, transcript
from editor.core.episode.validation.schema import check_schema
from editor.core.episode.validation.site_files import find_site_root

__all__ = [
    "ERROR",
    "WARNING",
    "Fix",
    "Problem",
    "Severity",
    "find_site_root",
    "in_safe_order",
    "season_episode_duplicates",
    "validate",
]

_RULES = (check_schema, transcript.check, clips.check, links.check, metadata.check, site.check)


def validate(doc: Locatable, site_root: str | Path | None = None) -> list[Problem]:
    """All problems in ``doc``, sorted by position.

    ``site_root`` is the Jekyll site folder (for people pages and images); when None it is
    found by walking up from ``doc.path`` to a folder with ``_people/`` or ``_config.yml``.
    """
    root: Path | None
    if site_root is not None:
        root = Path(site_root)
    elif doc.path is not None:
        root = find_site_root(doc.path)
    else:
        root = None
    ctx = Context(doc, root)
    for rule in _RULES:
        rule(ctx)
    ctx.problems.sort(key=sort_key)
    return ctx.problems


def season_episode_duplicates(docs: Iterable[Locatable]) -> dict[Any, list[Problem]]:
    """Folder-level check: episodes sharing a season and episode number.

    Returns ``{doc: [problem]}`` for every document involved (keyed by the document object).
    """
    by_number: dict[tuple[Any, Any], list[Locatable]] = {}
    for doc in docs:
        data = doc.data if isinstance(doc.data, dict) else {}
        season, episode = data.get("season"), data.get("episode")
        if _is_number(season) and _is_number(episode):
            by_number.setdefault((season, episode), []).append(doc)
    found: dict[Any, list[Problem]] = {}
    for (season, episode), group in by_number.items():
        if len(group) < 2:
            continue
        for doc in group:
            others = ", ".join(
                other.path.name if other.path is not None else "an unsaved file"
                for other in group
                if other is not doc
            )
            line, column = doc.locate(("episode",))
            found.setdefault(doc, []).append(
                Problem(
                    "episode.duplicate-number",
                    ERROR,
                    f"Season {season} episode {episode} is also used by {others}: "
                    "give each episode its own number.",
                    ("episode",),
                    line,
                    column,
                )
            )
    return found


def _is_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)

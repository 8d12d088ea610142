"""What the editor knows about episode front matter keys (pure data, no Qt)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from editor.core.yaml.edits import Edit, apply_edits

# The order the site's scripts write keys in; a key the user adds goes after its
# nearest predecessor in this list that the file already has.
KEY_ORDER: tuple[str, ...] = (
    "layout",
    "title",
    "short",
    "season",
    "episode",
    "guests",
    "image",
    "ids",
    "links",
    "description",
    "intro",
    "context",
    "keywords",
    "topics",
    "date",
    "dateadded",
    "duration",
    "quotableClips",
    "transcript",
)


def insertion_index(mapping: Any, key: str) -> int:
    """Where a new top-level ``key`` should go in ``mapping`` to follow ``KEY_ORDER``."""
    keys = list(mapping.keys())
    if key not in KEY_ORDER:
        before_structured = [i for i, k in enumerate(keys) if k in ("quotableClips", "transcript")]
        return before_structured[0] if before_structured else len(keys)
    rank = KEY_ORDER.index(key)
    best = -1
    for index, existing in enumerate(keys):
        if existing in KEY_ORDER and KEY_ORDER.index(existing) < rank:
            best = index
    if best >= 0:
        return best + 1
    later = [i for i, k in enumerate(keys) if k in KEY_ORDER and KEY_ORDER.index(k) > rank]
    return later[0] if later else len(keys)


def apply_episode_edits(data: Any, edits: Iterable[Edit]) -> list[Edit]:
    """Apply ``edits`` to episode front matter (new top-level keys follow ``KEY_ORDER``);
    returns the edits that undo them."""
    return apply_edits(data, edits, insertion_index)

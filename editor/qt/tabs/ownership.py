"""Which tab shows which data: the one table behind go-to-problem, the problem counts on the
tabs and the Metadata tab's "Other fields".

A top-level key belongs to the Clips or Transcript tab only when it is exactly that tab's
key (``transcriptNotes`` is metadata); everything else is on the Metadata tab.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from editor.core.episode.clips import CLIPS_KEY

TRANSCRIPT_KEY = "transcript"


class TabName(Enum):
    METADATA = "metadata"
    CLIPS = "clips"
    TRANSCRIPT = "transcript"


# Top-level keys with a tab of their own; any other key is shown on the Metadata tab.
KEY_OWNERS: dict[str, TabName] = {CLIPS_KEY: TabName.CLIPS, TRANSCRIPT_KEY: TabName.TRANSCRIPT}


def owner_of(path: Sequence[object]) -> TabName:
    """The tab that shows the data at ``path`` (a data path; its first part is the key)."""
    head = path[0] if path else None
    if isinstance(head, str):
        return KEY_OWNERS.get(head, TabName.METADATA)
    return TabName.METADATA

"""A file that cannot be opened as an episode, read as plain text so the user can fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from editor.core.yaml.document import read_episode_bytes
from editor.core.yaml.errors import DocumentError


@dataclass(frozen=True)
class RepairText:
    text: str
    lossy: bool  # some bytes were not UTF-8 and show as U+FFFD
    raw: bytes  # the file's bytes as read


def read_for_repair(path: Path) -> RepairText:
    """The file's text for the raw-text view; ``DocumentError`` if it is not text at all."""
    raw = read_episode_bytes(path)
    if b"\x00" in raw:
        raise DocumentError(f"{path.name} is a binary file, not text.")
    try:
        return RepairText(raw.decode("utf-8"), lossy=False, raw=raw)
    except UnicodeDecodeError:
        return RepairText(raw.decode("utf-8", errors="replace"), lossy=True, raw=raw)

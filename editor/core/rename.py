"""Rename a guest id across every episode of a podcast, previewed file by file.

Each file goes through ``Document`` so only the guest lines change (the minimal-diff writer
keeps everything else byte for byte). Nothing is written until ``apply_rename`` is called
with the previews, and a file that changed on disk since its preview is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.core.changes import unified_diff
from editor.core.document import Document, atomic_write
from editor.core.errors import DocumentError
from editor.core.library import episode_files

GUEST_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class RenameError(ValueError):
    """The rename cannot be planned (a bad id); the message says why."""


@dataclass
class RenamePreview:
    """What renaming does to one file. ``error`` set: the file cannot be changed."""

    path: Path
    old_text: str
    new_text: str
    diff: str
    occurrences: int
    kind: str = "episode"  # "episode" or "person" (the people page whose ``short`` is the id)
    error: str = ""


@dataclass
class RenameResult:
    written: list[Path]
    skipped: list[tuple[Path, str]]  # path and why it was not written


def check_guest_id(guest_id: str) -> str:
    guest_id = guest_id.strip()
    if not GUEST_ID_RE.match(guest_id):
        raise RenameError(
            f"'{guest_id}' is not a valid guest id: use letters, digits, '.', '_' or '-', "
            "starting with a letter or digit."
        )
    return guest_id


def plan_guest_rename(
    podcast_folder: Path,
    old_id: str,
    new_id: str,
    people_folder: Path | None = None,
) -> list[RenamePreview]:
    """A preview for every episode listing ``old_id`` as a guest (and the people page).

    ``people_folder`` defaults to the site's ``_people`` folder next to ``podcast_folder``.
    """
    old_id, new_id = check_guest_id(old_id), check_guest_id(new_id)
    if old_id == new_id:
        raise RenameError("The new id is the same as the old one.")
    previews: list[RenamePreview] = []
    for path in episode_files(podcast_folder):
        preview = _preview(path, old_id, lambda doc: _rename_in_guests(doc, old_id, new_id))
        if preview is not None:
            previews.append(preview)
    if people_folder is None:
        people_folder = Path(podcast_folder).parent / "_people"
    for path in episode_files(people_folder):
        preview = _preview(path, old_id, lambda doc: _rename_short(doc, old_id, new_id))
        if preview is not None:
            preview.kind = "person"
            previews.append(preview)
    return previews


def apply_rename(previews: Sequence[RenamePreview]) -> RenameResult:
    """Write the previewed files; skip any whose disk text is not what was previewed."""
    result = RenameResult(written=[], skipped=[])
    for preview in previews:
        if preview.error or preview.new_text == preview.old_text:
            continue
        try:
            current = preview.path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            result.skipped.append((preview.path, f"cannot be read: {exc}"))
            continue
        if current != preview.old_text:
            result.skipped.append((preview.path, "changed on disk since the preview"))
            continue
        try:
            atomic_write(preview.path, preview.new_text.encode("utf-8"))
        except OSError as exc:
            result.skipped.append((preview.path, f"cannot be written: {exc.strerror or exc}"))
            continue
        result.written.append(preview.path)
    return result


def _preview(path: Path, old_id: str, change: Any) -> RenamePreview | None:
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return RenamePreview(path, "", "", "", 0, error=f"cannot be read: {exc}")
    if old_id not in text:  # cheap filter before the full parse
        return None
    try:
        document = Document.from_text(text, path)
    except DocumentError as exc:
        return RenamePreview(path, text, text, "", 0, error=str(exc))
    occurrences = change(document)
    if not occurrences:
        return None
    new_text = document.to_text()
    return RenamePreview(path, text, new_text, unified_diff(text, new_text, path.name), occurrences)


def _rename_in_guests(document: Document, old_id: str, new_id: str) -> int:
    guests = document.data.get("guests")
    if isinstance(guests, str):
        if guests.strip() == old_id:
            document.data["guests"] = _same_style(guests, new_id)
            return 1
        return 0
    if not isinstance(guests, list):
        return 0
    count = 0
    for index in reversed(range(len(guests))):
        item = guests[index]
        if not isinstance(item, str) or item.strip() != old_id:
            continue
        count += 1
        if new_id in guests:
            del guests[index]  # already listed under the new id: do not list them twice
        else:
            guests[index] = _same_style(item, new_id)
    return count


def _rename_short(document: Document, old_id: str, new_id: str) -> int:
    short = document.data.get("short")
    if isinstance(short, str) and short.strip() == old_id:
        document.data["short"] = _same_style(short, new_id)
        return 1
    return 0


def _same_style(original: str, value: str) -> str:
    """``value`` as the same ruamel scalar type as ``original`` (keeps its quoting style)."""
    if type(original) is str:
        return value
    try:
        return type(original)(value)  # type: ignore[call-arg]
    except TypeError:
        return value

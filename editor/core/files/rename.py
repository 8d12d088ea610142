"""Rename a guest id across every episode of a podcast, previewed file by file.

Each file goes through ``Document`` so only the guest lines change (the minimal-diff writer
keeps everything else byte for byte). Nothing is written until ``apply_rename`` is called
with the previews, and a file that changed on disk since its preview is left alone.

The episodes are the files ``check`` and the Library see (``find_episode_files``). Renaming
to an id that a people page already claims is a merge: the old person's page is deleted
(kind ``"person-removed"``) instead of getting a second ``short`` for the same id.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.core.episode.validation.site_files import page_short
from editor.core.files.changes import unified_diff
from editor.core.files.episode_files import find_episode_files
from editor.core.yaml.document import Document, atomic_write
from editor.core.yaml.errors import DocumentError

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
    # "episode", "person" (the people page whose ``short`` is the id) or "person-removed"
    # (a merge: the old person's page is deleted, the new id already has a page)
    kind: str = "episode"
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


def existing_people(people_folder: Path, guest_id: str) -> list[Path]:
    """The people pages that already claim ``guest_id`` (by ``short``, or by file name)."""
    try:
        pages = sorted(Path(people_folder).glob("*.md"))
    except OSError:
        return []
    return [page for page in pages if (page_short(page) or page.stem) == guest_id]


def plan_guest_rename(
    podcast_folder: Path,
    old_id: str,
    new_id: str,
    people_folder: Path | None = None,
) -> list[RenamePreview]:
    """A preview for every episode listing ``old_id`` as a guest (and the people page).

    Only the new id must follow the id rule: an existing bad id can be renamed to a good one.
    ``people_folder`` defaults to the site's ``_people`` folder next to ``podcast_folder``.
    When ``new_id`` already has a people page this is a merge (see ``is_merge``).
    """
    old_id, new_id = old_id.strip(), check_guest_id(new_id)
    if not old_id:
        raise RenameError("Choose the guest id to rename.")
    if old_id == new_id:
        raise RenameError("The new id is the same as the old one.")
    if people_folder is None:
        people_folder = Path(podcast_folder).parent / "_people"
    merging = bool(existing_people(people_folder, new_id))
    previews: list[RenamePreview] = []
    for path in find_episode_files(Path(podcast_folder)).episodes:
        preview = _preview(path, old_id, lambda doc: _rename_in_guests(doc, old_id, new_id))
        if preview is not None:
            previews.append(preview)
    for path in existing_people(people_folder, old_id):
        if merging:
            previews.append(_removal_preview(path))
            continue
        preview = _preview(path, old_id, lambda doc: _rename_short(doc, old_id, new_id))
        if preview is not None:
            preview.kind = "person"
            previews.append(preview)
    return previews


def is_merge(podcast_folder: Path, new_id: str, people_folder: Path | None = None) -> list[Path]:
    """The people pages of ``new_id`` when renaming to it merges two people (else [])."""
    if people_folder is None:
        people_folder = Path(podcast_folder).parent / "_people"
    return existing_people(people_folder, new_id.strip())


def _removal_preview(path: Path) -> RenamePreview:
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return RenamePreview(path, "", "", "", 0, "person-removed", f"cannot be read: {exc}")
    diff = unified_diff(text, "", path.name)
    return RenamePreview(path, text, "", diff, 1, "person-removed")


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
        if preview.kind == "person-removed":
            try:
                preview.path.unlink()
            except OSError as exc:
                result.skipped.append((preview.path, f"cannot be deleted: {exc.strerror or exc}"))
                continue
            result.written.append(preview.path)
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
        return type(original)(value)
    except TypeError:
        return value

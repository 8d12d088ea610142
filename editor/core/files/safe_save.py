"""Saving without losing anything: disk checks before a save, stale temp files, clear errors.

``Document.save`` already writes atomically (``atomic_write``: a temp file named
``.<name>.XXXXXXXX.tmp`` in the same folder, fsync, rename over the target, same mode).
A process killed mid-save leaves the old file whole plus, at worst, that one temp file;
``remove_stale_temp_files`` deletes such leftovers before the next save of the same file.
"""

from __future__ import annotations

import enum
import errno
import hashlib
import os
import re
import stat
import time
from pathlib import Path

from editor.core.yaml import document as document_module
from editor.core.yaml.document import Document

# A temp file younger than this may belong to a save still in flight in another process.
STALE_TEMP_AGE = 60.0


def fingerprint(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def text_fingerprint(text: str) -> str:
    return fingerprint(text.encode("utf-8"))


class DiskCheck(enum.Enum):
    UNCHANGED = "unchanged"  # the file holds exactly what we loaded or last saved
    CHANGED = "changed"  # someone else wrote it
    MISSING = "missing"  # deleted or renamed away
    UNREADABLE = "unreadable"


class DiskBaseline:
    """What the file on disk held when we last loaded or saved it."""

    def __init__(self, path: Path | None = None, payload: bytes | None = None) -> None:
        self.path = path
        self.sha256: str | None = fingerprint(payload) if payload is not None else None

    @classmethod
    def of_document(cls, document: Document) -> DiskBaseline:
        return cls(document.path, document.original_text.encode("utf-8"))

    def record(self, path: Path, payload: bytes) -> None:
        self.path = path
        self.sha256 = fingerprint(payload)

    def read_current(self) -> bytes | None:
        if self.path is None:
            return None
        try:
            return self.path.read_bytes()
        except OSError:
            return None

    def check(self) -> DiskCheck:
        if self.path is None or self.sha256 is None:
            return DiskCheck.UNCHANGED
        try:
            payload = self.path.read_bytes()
        except FileNotFoundError:
            return DiskCheck.MISSING
        except OSError:
            return DiskCheck.UNREADABLE
        return DiskCheck.UNCHANGED if fingerprint(payload) == self.sha256 else DiskCheck.CHANGED


def _temp_name_re(target: Path) -> re.Pattern[str]:
    # tempfile.mkstemp(prefix=".<name>.", suffix=".tmp") adds 8 characters of [a-z0-9_].
    return re.compile(rf"^\.{re.escape(target.name)}\.[a-z0-9_]{{8}}\.tmp$")


def temp_files_for(target: Path) -> list[Path]:
    """Leftover temp files of interrupted saves of ``target``."""
    folder = target.parent
    pattern = _temp_name_re(target)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return sorted(folder / name for name in names if pattern.match(name))


def remove_stale_temp_files(
    target: Path, older_than: float = STALE_TEMP_AGE, now: float | None = None
) -> list[Path]:
    """Delete temp files of earlier interrupted saves of ``target``; returns what was removed."""
    now = time.time() if now is None else now
    removed = []
    for candidate in temp_files_for(target):
        try:
            if now - candidate.lstat().st_mtime < older_than:
                continue
            candidate.unlink()
        except OSError:
            continue
        removed.append(candidate)
    return removed


def save_document(
    document: Document, path: Path | None = None, stale_after: float = STALE_TEMP_AGE
) -> tuple[Path, bytes]:
    """Save atomically, first clearing leftovers of interrupted saves.

    Returns the path written and the exact bytes, so the caller can record its new baseline.
    Raises ``OSError`` (see ``describe_save_error``) with the document untouched in memory.
    """
    target = path if path is not None else document.path
    if target is None:
        raise ValueError("The document has no path; give one to save_document().")
    refuse_read_only(target)
    remove_stale_temp_files(target, stale_after)
    payload = document.to_text().encode("utf-8")
    # The bytes just rendered (rendering them again would double the cost of a save).
    document_module.atomic_write(target, payload)
    document.path = target
    return target, payload


def refuse_read_only(target: Path) -> None:
    """Raise ``PermissionError`` for a file marked read-only.

    The atomic rename would happily replace a read-only file (only the folder's permissions
    count), and root may write anything, so the file's own mode bits are checked.
    """
    try:
        mode = target.stat().st_mode
    except OSError:
        return
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise PermissionError(errno.EACCES, "the file is read-only", str(target))


def describe_save_error(exc: OSError, target: Path) -> str:
    """One sentence a producer can act on."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return (
            f"The disk is full: {target.name} could not be saved. "
            "Free some space or save it elsewhere."
        )
    if code == errno.EROFS:
        return f"{target.parent} is on a read-only disk: {target.name} could not be saved there."
    if code in (errno.EACCES, errno.EPERM):
        if exc.strerror == "the file is read-only":
            return f"{target.name} is read-only."
        return f"You do not have permission to write {target}."
    if code == errno.ENOENT:
        return f"The folder {target.parent} does not exist (any more)."
    if code == errno.ENOTDIR:
        return f"{target.parent} is not a folder."
    if code == errno.EISDIR:
        return f"{target} is a folder."
    reason = exc.strerror or str(exc)
    return f"{target.name} could not be saved: {reason}."


def find_moved_copy(path: Path, sha256: str, limit_bytes: int = 64 * 1024 * 1024) -> Path | None:
    """A file beside ``path`` holding exactly the content ``sha256``: where it was renamed to.

    Used when ``path`` disappeared; None if no file in its folder has that content.
    """
    try:
        entries = sorted(os.scandir(path.parent), key=lambda entry: entry.name)
    except OSError:
        return None
    for entry in entries:
        if entry.name == path.name or entry.name.endswith(".tmp"):
            continue
        try:
            if not entry.is_file() or entry.stat().st_size > limit_bytes:
                continue
            with open(entry.path, "rb") as handle:
                payload = handle.read()
        except OSError:
            continue
        if fingerprint(payload) == sha256:
            return Path(entry.path)
    return None

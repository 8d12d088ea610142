"""The crash-recovery journal: unsaved edits, written every few seconds while you edit.

One JSON file per open document and window session in the recovery folder. A journal is
deleted when its edits are saved or discarded, so a journal still present at start-up whose
process is gone is the work of a session that crashed (or was killed).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from editor.core.yaml.document import atomic_write

FORMAT = "episode-editor-recovery"
VERSION = 1
SUFFIX = ".recovery.json"


class RecoveryFormatError(ValueError):
    """A journal file that is not a journal this version understands."""


def _process_start(pid: int) -> str | None:
    """The kernel's start time of ``pid`` (Linux), so a reused pid is not taken as alive."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw.rsplit(")", 1)[-1].split()
    return fields[19] if len(fields) > 19 else None


def process_alive(pid: int, started: str | None) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    except OSError:
        return False
    return started is None or _process_start(pid) in (None, started)


@dataclass(frozen=True)
class Journal:
    """Everything needed to put unsaved edits back."""

    path: str | None  # absolute path of the episode file; None if it was never saved
    original_sha256: str  # fingerprint of the file content the edits were made on
    text: str  # the whole file as it would be saved: ``document.to_text()``
    written_at: float
    pid: int
    process_start: str | None
    host: str

    @classmethod
    def capture(cls, path: Path | None, original_sha256: str, text: str) -> Journal:
        pid = os.getpid()
        return cls(
            path=str(path.resolve()) if path is not None else None,
            original_sha256=original_sha256,
            text=text,
            written_at=time.time(),
            pid=pid,
            process_start=_process_start(pid),
            host=socket.gethostname(),
        )

    def encode(self) -> bytes:
        record: dict[str, Any] = {"format": FORMAT, "version": VERSION, **asdict(self)}
        return json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8")

    @classmethod
    def decode(cls, raw: bytes) -> Journal:
        try:
            record = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise RecoveryFormatError(f"not a recovery journal: {exc}") from None
        if not isinstance(record, dict) or record.get("format") != FORMAT:
            raise RecoveryFormatError("not a recovery journal")
        if record.get("version") != VERSION:
            raise RecoveryFormatError(f"unknown journal version {record.get('version')!r}")
        expected: dict[str, tuple[type, ...]] = {
            "path": (str, type(None)),
            "original_sha256": (str,),
            "text": (str,),
            "written_at": (int, float),
            "pid": (int,),
            "process_start": (str, type(None)),
            "host": (str,),
        }
        for key, types in expected.items():
            if not isinstance(record.get(key), types) or isinstance(record.get(key), bool):
                raise RecoveryFormatError(f"journal field {key!r} is missing or malformed")
        return cls(**{key: record[key] for key in expected})

    def is_orphaned(self) -> bool:
        """True when the process that wrote it is gone: the edits were never saved."""
        if self.host != socket.gethostname():
            return True
        return not process_alive(self.pid, self.process_start)

    @property
    def display_name(self) -> str:
        return Path(self.path).name if self.path else "Untitled episode"


def journal_key(path: Path | None, session_token: str) -> str:
    """The journal file stem: one per file path and editing session (window).

    The session is part of the key so that a new session never overwrites the journal a
    crashed one left for the same file ("Decide Later" keeps it for the next start).
    """
    where = str(path.resolve()) if path is not None else "untitled"
    source = f"{where}\0{session_token}"
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:32]


class JournalStore:
    """The recovery folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def file_for(self, key: str) -> Path:
        return self.folder / f"{key}{SUFFIX}"

    def write(self, key: str, journal: Journal) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.file_for(key)
        atomic_write(target, journal.encode())
        return target

    def remove(self, key: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.file_for(key).unlink()

    def entries(self) -> list[tuple[str, Journal]]:
        """Every readable journal, newest first. Unreadable ones are renamed ``*.bad``."""
        found: list[tuple[str, Journal]] = []
        try:
            candidates = sorted(self.folder.glob(f"*{SUFFIX}"))
        except OSError:
            return []
        for candidate in candidates:
            key = candidate.name[: -len(SUFFIX)]
            try:
                journal = Journal.decode(candidate.read_bytes())
            except OSError:
                continue
            except RecoveryFormatError:
                with contextlib.suppress(OSError):
                    candidate.rename(candidate.with_name(candidate.name + ".bad"))
                continue
            found.append((key, journal))
        found.sort(key=lambda item: item[1].written_at, reverse=True)
        return found

    def orphans(self) -> list[tuple[str, Journal]]:
        return [(key, journal) for key, journal in self.entries() if journal.is_orphaned()]

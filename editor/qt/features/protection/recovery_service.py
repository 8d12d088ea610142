"""Journals unsaved edits a few seconds after the last change, for crash recovery.

The journal (``editor.core.files.recovery``) lives in ``<AppDataLocation>/recovery``. It is written
while the undo stack is not clean, rewritten after each burst of edits, and deleted when
the edits are saved, undone or discarded (a new document replaces this one, or the window
closes after "Discard").
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal

from editor.core.files.recovery import Journal, JournalStore, journal_key
from editor.qt.editing.session import EpisodeSession

JOURNAL_DELAY_MS = 2000


def default_recovery_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


class RecoveryService(QObject):
    journalWritten = Signal(object)  # Path of the journal file
    journalRemoved = Signal()
    journalFailed = Signal(str)  # why the journal could not be written

    def __init__(
        self,
        session: EpisodeSession,
        folder: Path | None = None,
        delay_ms: int = JOURNAL_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.store = JournalStore(folder if folder is not None else default_recovery_folder())
        self.original_sha256 = ""
        self._session_token = uuid.uuid4().hex  # journals of other sessions are never touched
        self._key: str | None = None  # the journal this window wrote last
        # Called before each write: stores typing still in an open editor (set by the window).
        self.commit_pending: Callable[[], object] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.write_now)
        session.dataEdited.connect(self._schedule)
        session.undo_stack.cleanChanged.connect(self._clean_changed)

    @property
    def journal_path(self) -> Path | None:
        return self.store.file_for(self._key) if self._key is not None else None

    def set_original(self, sha256: str) -> None:
        """The fingerprint of the disk content the current edits are based on."""
        self.original_sha256 = sha256

    def write_now(self) -> Path | None:
        """Write (or, with nothing unsaved, remove) the journal immediately."""
        self._timer.stop()
        if self.commit_pending is not None:
            self.commit_pending()
            self._timer.stop()  # the commit's own edit needs no second write
        document = self.session.document
        if document is None or self.session.undo_stack.isClean():
            self.discard()
            return None
        key = journal_key(document.path, self._session_token)
        if self._key is not None and self._key != key:
            self.store.remove(self._key)
        self._key = key
        journal = Journal.capture(document.path, self.original_sha256, document.to_text())
        try:
            written = self.store.write(key, journal)
        except (OSError, ValueError) as error:
            self.journalFailed.emit(str(error))
            return None
        self.journalWritten.emit(written)
        return written

    def discard(self) -> None:
        """The edits were saved or thrown away: delete the journal."""
        self._timer.stop()
        if self._key is not None:
            self.store.remove(self._key)
            self._key = None
            self.journalRemoved.emit()

    def _schedule(self) -> None:
        self._timer.start()

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self.discard()
        else:
            self._timer.start()

"""Notices when another program changes, replaces or deletes the open file.

Editors and ``git checkout`` often replace a file (write a new one, rename it over) rather
than rewrite it; ``QFileSystemWatcher`` then stops watching the path. So the folder and the
folder above it are watched too, and the paths are added again after every event. Events
are debounced, and only a real content change (compared with ``DiskBaseline``) is reported:
our own saves and ``touch`` stay silent.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from editor.core.files.safe_save import DiskBaseline, DiskCheck, fingerprint

DEBOUNCE_MS = 300


class FileWatcher(QObject):
    changedOnDisk = Signal(object)  # Path: the content differs from the baseline
    removedFromDisk = Signal(object)  # Path: the file is gone

    def __init__(self, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.baseline = DiskBaseline()
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._schedule)
        self._watcher.directoryChanged.connect(self._schedule)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.check_now)
        self._reported: str | None = None  # what was last reported, to report it once

    @property
    def path(self) -> Path | None:
        return self.baseline.path

    def watch(self, path: Path, payload: bytes) -> None:
        """Watch ``path``, whose content we know to be ``payload``."""
        self.stop()
        self.baseline.record(path, payload)
        self._rewatch()

    def watch_fingerprint(self, path: Path, sha256: str) -> None:
        """Watch ``path``, whose expected content is only known by its fingerprint."""
        self.stop()
        self.baseline.path = path
        self.baseline.sha256 = sha256
        self._rewatch()

    def record_saved(self, path: Path, payload: bytes) -> None:
        """We just wrote ``payload`` to ``path``: that is the new baseline."""
        if path != self.baseline.path:
            self.watch(path, payload)
        else:
            self.baseline.record(path, payload)
            self._reported = None
            self._rewatch()

    def accept_disk_content(self, payload: bytes) -> None:
        """The user has seen the disk content (Keep Mine): don't report it again."""
        self._reported = fingerprint(payload)

    def forget_reported(self) -> None:
        """Report the current disk content again at the next check."""
        self._reported = None

    def stop(self) -> None:
        self._timer.stop()
        for watched in self._watcher.files() + self._watcher.directories():
            self._watcher.removePath(watched)
        self.baseline = DiskBaseline()
        self._reported = None

    def check_now(self) -> DiskCheck:
        self._timer.stop()
        self._rewatch()
        path = self.baseline.path
        state = self.baseline.check()
        if path is None or state in (DiskCheck.UNCHANGED, DiskCheck.UNREADABLE):
            if state is DiskCheck.UNCHANGED:
                self._reported = None
            return state
        if state is DiskCheck.MISSING:
            if self._reported != "missing":
                self._reported = "missing"
                self.removedFromDisk.emit(path)
            return state
        current = self.baseline.read_current()
        mark = fingerprint(current) if current is not None else "unreadable"
        if mark != self._reported:
            self._reported = mark
            self.changedOnDisk.emit(path)
        return state

    def _schedule(self, *_args: object) -> None:
        self._timer.start()

    def _rewatch(self) -> None:
        path = self.baseline.path
        if path is None:
            return
        # The folder above the file's folder too: when the folder is removed and created
        # again (``rm -rf _podcast; git checkout -- _podcast``) only that one still reports.
        watched = self._watcher.directories()
        for folder in (path.parent.parent, path.parent):
            if str(folder) not in watched and folder.is_dir():
                self._watcher.addPath(str(folder))
        if str(path) not in self._watcher.files() and path.exists():
            self._watcher.addPath(str(path))

"""Never lose work: the window's guard against external changes, crashes and bad files.

``WorkProtection`` plugs into the window (``WindowApi``): it watches the open file, checks the disk
before every save, journals unsaved edits for crash recovery, offers recovery at start-up,
and opens unreadable files in the raw-text view. Every question it asks goes through a
module-level function (here or in ``disk_prompts``) so tests can stub it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractScrollArea, QFileDialog, QWidget

from editor.core import Document, DocumentError
from editor.core.files.recovery import Journal
from editor.core.files.repair import RepairText, read_for_repair
from editor.core.files.safe_save import DiskCheck, find_moved_copy, fingerprint, save_document
from editor.qt.features.protection import disk_prompts
from editor.qt.features.protection.file_watcher import FileWatcher
from editor.qt.features.protection.raw_text_view import RawTextDialog
from editor.qt.features.protection.recovery_dialog import RecoveryDialog
from editor.qt.features.protection.recovery_service import RecoveryService

if TYPE_CHECKING:
    from editor.qt.features.api import WindowApi


def fix_in_raw_text(
    path: Path,
    repair: RepairText,
    error: DocumentError,
    parent: QWidget | None,
    on_fixed: Callable[[Document], object],
) -> None:
    """Show the raw text with the error marked; ``on_fixed(document)`` once it opens.

    The dialog does not block (no nested event loop): the caller carries on at once.
    """
    dialog = RawTextDialog(path, repair.text, error, repair.lossy, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.view.documentReady.connect(on_fixed)
    dialog.open()


SAVE_AS_FILTER = "Episode files (*.md *.markdown);;All files (*)"

RecoveryAnswer = Callable[[tuple[str, Journal] | None, list[str]], object]


def ask_recovery(
    entries: list[tuple[str, Journal]], parent: QWidget | None, answer: RecoveryAnswer
) -> None:
    """Show the recovery dialog without blocking; ``answer(chosen, discarded_keys)`` follows.

    It is not run modally: a start-up prompt must not stall scripted or remote starts.
    """
    dialog = RecoveryDialog(entries, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _result: answer(dialog.chosen, list(dialog.discarded)))
    dialog.open()


class WorkProtection(QObject):
    def __init__(self, window: WindowApi, recovery_folder: Path | None = None) -> None:
        super().__init__(window.qt_window)
        self.window = window
        self.watcher = FileWatcher(self)
        self.recovery = RecoveryService(window.session, recovery_folder, parent=self)
        self.recovery.commit_pending = lambda: window.commit_open_editors(close=False)
        self._accepted_disk_sha: str | None = None  # "Keep Mine" was chosen for this content
        self._opened_bytes: tuple[Path, bytes] | None = None  # what a repaired file held
        self._prompting = False  # a disk question is open
        window.fileOpened.connect(self._file_opened)
        self.watcher.changedOnDisk.connect(self._changed_on_disk)
        self.watcher.removedFromDisk.connect(self._removed_from_disk)

    # -- opening -------------------------------------------------------------------------

    def _file_opened(self, path: Path) -> None:
        document = self.window.document
        if document is None:
            return
        if self._opened_bytes is not None and self._opened_bytes[0] == path:
            payload = self._opened_bytes[1]
        else:
            payload = document.original_text.encode("utf-8")
        self._opened_bytes = None
        self._set_baseline(path, payload)

    def _set_baseline(self, path: Path, payload: bytes) -> None:
        self.watcher.watch(path, payload)
        self.recovery.set_original(fingerprint(payload))
        self._accepted_disk_sha = None

    def open_for_repair(self, path: Path, error: DocumentError) -> bool:
        """Offer the raw-text view for a file that does not open; False if it is not text.

        A folder, binary or unreadable file gets no raw view (the caller shows the error).
        When the user has fixed the text, it becomes the document, marked modified:
        nothing is written until Save.
        """
        try:
            repair = read_for_repair(path)
        except DocumentError:
            return False
        fix_in_raw_text(
            path,
            repair,
            error,
            self.window.qt_window,
            lambda document: self._open_repaired(path, repair.raw, document),
        )
        return True

    def _open_repaired(self, path: Path, raw: bytes, document: Document) -> None:
        if not self.window.maybe_save():
            return
        self.window.session.set_document(document)
        self.window.undo_stack.resetClean()
        self._opened_bytes = (path, raw)
        self._set_baseline(path, raw)
        self.window.fileOpened.emit(path)
        self._status(f"{path.name} opens now. Save to write the fixed text.")

    def disk_fingerprint(self, path: Path) -> str | None:
        """The fingerprint of what ``path`` held when the edits began (None: not known)."""
        watched = self.watcher.path
        if watched is None or watched.absolute() != path.absolute():
            return None
        return self.watcher.baseline.sha256

    # -- saving --------------------------------------------------------------------------

    def save_target(self, path: Path) -> Path | None:
        """Where Save should write ``path``; None to not save.

        If the open file was renamed, moved or deleted by another program, saving must not
        silently create it again under the old name (two copies): ask first, offering the
        new name when the same content is found beside it.
        """
        watched = self.watcher.path
        if watched is None or path.absolute() != watched.absolute():
            return path
        sha = self.watcher.baseline.sha256
        if sha is None or self.watcher.baseline.check() is not DiskCheck.MISSING:
            return path
        moved_to = find_moved_copy(path, sha)
        self._prompting = True
        try:
            choice = disk_prompts.ask_about_missing_file(self.window.qt_window, path.name, moved_to)
        finally:
            self._prompting = False
        if choice is disk_prompts.MissingFile.FOLLOW and moved_to is not None:
            self._follow(moved_to, sha)
            return moved_to
        if choice is disk_prompts.MissingFile.WRITE_AGAIN:
            return path
        if choice is disk_prompts.MissingFile.SAVE_AS:
            chosen, _ = QFileDialog.getSaveFileName(
                self.window.qt_window, "Save Episode As", str(path), SAVE_AS_FILTER
            )
            return Path(chosen) if chosen else None
        return None

    def _follow(self, moved_to: Path, sha: str) -> None:
        """The open file is now ``moved_to`` (renamed by another program, same content)."""
        document = self.window.document
        if document is not None:
            document.path = moved_to.absolute()
        self.watcher.watch_fingerprint(moved_to.absolute(), sha)

    def confirm_save(self, path: Path) -> bool:
        """Before writing ``path``: if another program changed it since we read it, ask."""
        if self.watcher.path is None or path.absolute() != self.watcher.path.absolute():
            return True
        if self.watcher.baseline.check() is not DiskCheck.CHANGED:
            return True
        disk = self.watcher.baseline.read_current()
        if disk is not None and fingerprint(disk) == self._accepted_disk_sha:
            return True
        document = self.window.document
        mine = document.to_text() if document is not None else ""
        disk_text = disk.decode("utf-8", errors="replace") if disk is not None else None
        self._prompting = True
        try:
            return disk_prompts.ask_overwrite_changed_file(
                self.window.qt_window, path.name, disk_text, mine
            )
        finally:
            self._prompting = False

    def save(self, document: Document, path: Path) -> None:
        """Write ``document`` to ``path`` (raises ``OSError``, keeping the edits in memory)."""
        written, payload = save_document(document, path)
        self.watcher.record_saved(written.absolute(), payload)
        self.recovery.set_original(fingerprint(payload))
        self._accepted_disk_sha = None

    # -- external changes ----------------------------------------------------------------

    def _changed_on_disk(self, path: Path) -> None:
        document = self.window.document
        if document is None or document.path is None:
            return
        disk = self.watcher.baseline.read_current()
        if disk is None:
            return
        if self._prompting:
            # A question is already open (its event loop delivered this): ask again after it.
            self.watcher.forget_reported()
            return
        name = path.name
        if not self.window.is_modified:
            self.reload(path, disk)
            return
        self._prompting = True
        try:
            choice = disk_prompts.ask_about_external_change(
                self.window.qt_window,
                name,
                disk.decode("utf-8", errors="replace"),
                document.to_text(),
            )
        finally:
            self._prompting = False
        if choice is disk_prompts.ExternalChange.RELOAD:
            self.reload(path, disk)
        else:
            self._accepted_disk_sha = fingerprint(disk)
            self.watcher.accept_disk_content(disk)
            # No undo step matches the disk now: undoing back must not claim "Saved".
            self.window.undo_stack.resetClean()
            self._status(f"Kept your version of {name}; saving will replace the file on disk.")
        self.watcher.check_now()  # changed again while the question was open?

    def reload(self, path: Path, disk: bytes) -> bool:
        """Show the disk version, keeping the current tab and scroll positions."""
        try:
            document = Document.from_bytes(disk, path)
        except DocumentError as error:
            self._status(
                f"{path.name} was changed on disk but cannot be opened now (line {error.line}, "
                f"column {error.column}: {error.message}). Your version is still here."
            )
            # The window no longer matches the disk: closing must ask, saving writes it.
            self.window.undo_stack.resetClean()
            return False
        window = self.window
        tab = window.tabs.currentIndex()
        positions = _scroll_positions(window.tabs.currentWidget())
        window.session.set_document(document)
        window.tabs.setCurrentIndex(tab)
        _restore_scroll_positions(window.tabs.currentWidget(), positions)
        # Views may lay out lazily: restore again once the event loop has run.
        # The tab widget as context: no call once the window is gone (closed right after).
        tabs = window.tabs
        QTimer.singleShot(
            0, tabs, lambda: _restore_scroll_positions(tabs.currentWidget(), positions)
        )
        self._set_baseline(path, disk)
        self._status(f"Reloaded {path.name}: it was changed by another program.")
        return True

    def _removed_from_disk(self, path: Path) -> None:
        document = self.window.document
        if document is None or document.path is None:
            return
        # Not modified in memory, but the only copy is now this window: closing must ask.
        self.window.undo_stack.resetClean()
        sha = self.watcher.baseline.sha256
        moved_to = find_moved_copy(path, sha) if sha is not None else None
        if moved_to is not None:
            self._status(
                f"{path.name} was renamed to {moved_to.name} on disk. Save asks where to write."
            )
        else:
            self._status(f"{path.name} was deleted or moved on disk. Save asks where to write.")

    # -- crash recovery ------------------------------------------------------------------

    def offer_recovery(self) -> bool:
        """After a crash: offer the unsaved edits it left. True if there were some."""
        entries = self.recovery.store.orphans()
        if not entries:
            return False
        ask_recovery(entries, self.window.qt_window, self._recovery_answered)
        return True

    def _recovery_answered(self, chosen: tuple[str, Journal] | None, discarded: list[str]) -> None:
        for key in discarded:
            self.recovery.store.remove(key)
        if chosen is None or not self.window.maybe_save():
            return
        self.restore(*chosen)

    def restore(self, key: str, journal: Journal) -> bool:
        """Show the journaled edits (modified). False if they need fixing in the raw view."""
        path = Path(journal.path) if journal.path is not None else None
        try:
            document = Document.from_text(journal.text, path)
        except DocumentError as error:
            repair = RepairText(journal.text, False, journal.text.encode("utf-8"))
            fix_in_raw_text(
                path or Path("untitled.md"),
                repair,
                error,
                self.window.qt_window,
                lambda fixed: self._show_restored(key, journal, fixed),
            )
            return False
        self._show_restored(key, journal, document)
        return True

    def _show_restored(self, key: str, journal: Journal, document: Document) -> None:
        path = Path(journal.path) if journal.path is not None else None
        document.path = path
        self.window.session.set_document(document)
        self.recovery.store.remove(key)
        if path is not None:
            self.watcher.watch_fingerprint(path, journal.original_sha256)
        self.recovery.set_original(journal.original_sha256)
        self.window.undo_stack.resetClean()  # modified: the restored edits are not on disk
        self._status(f"Restored unsaved edits to {journal.display_name}.")

    def window_closing(self) -> None:
        """The window closes after its edits were saved or discarded."""
        self.recovery.discard()
        self.watcher.stop()

    def _status(self, message: str) -> None:
        self.window.show_status(message, 10000)


def _scroll_positions(root: QWidget | None) -> list[tuple[int, int]]:
    if root is None:
        return []
    return [
        (area.horizontalScrollBar().value(), area.verticalScrollBar().value())
        for area in root.findChildren(QAbstractScrollArea)
    ]


def _restore_scroll_positions(root: QWidget | None, positions: list[tuple[int, int]]) -> None:
    if root is None:
        return
    for area, (x, y) in zip(root.findChildren(QAbstractScrollArea), positions, strict=False):
        area.horizontalScrollBar().setValue(x)
        area.verticalScrollBar().setValue(y)

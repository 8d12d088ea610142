"""Clips from transcript sections and YouTube chapter lists, in and out, reviewed as a diff.

File and clipboard I/O lives in ``editor.core.episode.clips`` (read/write) and here (clipboard);
every change is reviewed in ``ClipSyncDialog`` and applied as one undo step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path as FilePath

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from editor.core.episode import clips as core
from editor.qt.editing.session import EpisodeSession
from editor.qt.tabs.clips.dialogs import ClipSyncDialog
from editor.qt.tabs.clips.model import ClipTableModel
from editor.qt.tabs.clips.operations import ClipOperations

CHAPTER_FILTER = "Chapter lists (*.txt);;All files (*)"


class ClipSync(QObject):
    message = Signal(str)  # results and reasons, for the tab's message line

    def __init__(
        self,
        session: EpisodeSession,
        model: ClipTableModel,
        operations: ClipOperations,
        parent_widget: QWidget,
    ) -> None:
        super().__init__(parent_widget)
        self.session = session
        self.model = model
        self.operations = operations
        self.parent_widget = parent_widget

    def clips_from_sections(self) -> None:
        data = self.session.data
        proposed, notes = core.clips_from_sections(
            data.get("transcript"), core.episode_duration(data)
        )
        if not proposed:
            self.message.emit(
                "No clips to propose: " + (" ".join(notes) or "the transcript has no sections.")
            )
            return
        keep = core.sections_without_clips(data.get("transcript"), core.episode_duration(data))
        self._review_and_apply("Clips from sections", proposed, notes, keep)

    def import_chapters_from_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent_widget, "Import YouTube chapters", "", CHAPTER_FILTER
        )
        if not path:
            return
        try:
            parsed = core.read_chapter_file(path)
        except (OSError, ValueError) as error:
            self.message.emit(f"Cannot read {path}: {error}")
            return
        self._import_chapters(parsed, FilePath(path).name)

    def import_chapters_from_clipboard(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.message.emit("The clipboard has no text to import.")
            return
        self._import_chapters(core.parse_chapters(text), "the clipboard")

    def _import_chapters(self, parsed: core.ChapterList, origin: str) -> None:
        if not parsed.chapters:
            details = " ".join(parsed.problems[:3])
            self.message.emit(f"No chapters found in {origin}. {details}".strip())
            return
        duration = core.episode_duration(self.session.data)
        proposed = core.clips_from_chapters(parsed.chapters, duration)
        notes = [f"{origin}: {problem} (skipped)" for problem in parsed.problems]
        self._review_and_apply(f"Import chapters from {origin}", proposed, notes)

    def _review_and_apply(
        self,
        title: str,
        proposed: Sequence[core.ProposedClip],
        notes: Sequence[str],
        keep: Mapping[str, str] | None = None,
    ) -> None:
        """``keep``: clip names whose removal is only offered (unchecked), with the reason."""
        video_id = self.model.video_id()
        changes = core.diff_clips(self.model.clips(), proposed, video_id)
        core.keep_removals_of(changes, keep or {})
        if all(change.kind == "unchanged" for change in changes):
            self.message.emit(f"{title}: the clips already match.")
            return
        dialog = ClipSyncDialog(title, changes, notes, self.parent_widget)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.apply_changes(title, dialog.accepted_changes())

    def apply_changes(self, title: str, changes: Sequence[core.ClipChange]) -> None:
        """Apply a reviewed diff as one undo step."""
        reason = self.operations.why_not_editable()
        if reason is not None:
            self.message.emit(reason)
            return
        count = self.operations.apply_changes(title, changes)
        if count:
            noun = "change" if count == 1 else "changes"
            self.message.emit(f"{title}: applied {count} {noun} (one undo step).")

    def chapters_text(self) -> tuple[str, list[str]]:
        chapters = core.chapters_from_clips(self.model.clips())
        return core.format_chapters(chapters), core.chapter_warnings(chapters)

    def export_chapters_to_file(self) -> None:
        document = self.session.document
        suggestion = ""
        if document is not None and document.path is not None:
            suggestion = str(FilePath(document.path).with_suffix(".txt").name)
        path, _ = QFileDialog.getSaveFileName(
            self.parent_widget, "Export YouTube chapters", suggestion, CHAPTER_FILTER
        )
        if not path:
            return
        chapters = core.chapters_from_clips(self.model.clips())
        try:
            core.write_chapter_file(path, chapters)
        except OSError as error:
            self.message.emit(f"Cannot write {path}: {error.strerror or error}")
            return
        self._report_export(
            f"Wrote {len(chapters)} chapters to {path}.", core.chapter_warnings(chapters)
        )

    def export_chapters_to_clipboard(self) -> None:
        text, warnings = self.chapters_text()
        QGuiApplication.clipboard().setText(text)
        self._report_export(f"Copied {text.count(chr(10))} chapters to the clipboard.", warnings)

    def _report_export(self, done: str, warnings: Sequence[str]) -> None:
        self.message.emit(
            done + ("  YouTube will object: " + " ".join(warnings) if warnings else "")
        )

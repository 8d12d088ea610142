"""File ▸ Export… and File ▸ Import Transcript…: the window's side of ``core.episode.formats``.

Export writes the current (possibly unsaved) episode in the chosen format; import reads a
transcript file, asks for the mode and the speakers, shows the review, then applies the
plan's edits as one undo step through the session, like every transcript operation.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from editor.core.episode import site
from editor.core.episode.fields import apply_episode_edits
from editor.core.episode.formats.cues import CueFileError, read_cue_file
from editor.core.episode.formats.export import FILE_SUFFIXES, ExportError, export_episode
from editor.core.episode.formats.importing import (
    ImportPlan,
    plan_import,
    speaker_candidates,
    suggest_mapping,
)
from editor.core.yaml.document import Document, atomic_write
from editor.core.yaml.errors import DocumentError
from editor.qt.common.actions import make_action
from editor.qt.features.formats import dialogs

if TYPE_CHECKING:
    from editor.qt.features.api import WindowApi

EXPORT_SHORTCUT = "Ctrl+Shift+X"
IMPORT_SHORTCUT = "Ctrl+Shift+I"


class FormatsFeature(QObject):
    def __init__(self, window: WindowApi) -> None:
        super().__init__(window.qt_window)
        self.window = window
        self.session = window.session
        self.last_format = "vtt"
        self.action_export = self._action("E&xport…", EXPORT_SHORTCUT, self.export)
        self.action_export.setStatusTip(
            "Export the transcript, chapters or clips in a podcast format"
        )
        self.action_import = self._action(
            "&Import Transcript…", IMPORT_SHORTCUT, self.import_transcript
        )
        self.action_import.setStatusTip("Import a VTT, SRT or JSON transcript (ASR output)")
        file_menu = window.menus["file"]
        quit_action = window.action_quit
        file_menu.insertAction(quit_action, self.action_export)
        file_menu.insertAction(quit_action, self.action_import)
        file_menu.insertSeparator(quit_action)
        self.session.documentReplaced.connect(self._update_actions)
        self._update_actions()

    def _action(self, text: str, keys: str, slot: Callable[[], object]) -> QAction:
        window = self.window.qt_window
        return make_action(window, text, slot, keys, add_to=window)

    def _update_actions(self) -> None:
        has_document = self.session.document is not None
        self.action_export.setEnabled(has_document)
        self.action_import.setEnabled(has_document)

    def _episode_path(self) -> Path | None:
        document = self.session.document
        return document.path if document is not None else None

    # -- export ----------------------------------------------------------------------------

    def export(self) -> bool:
        if self.session.document is None:
            return False
        choice = dialogs.choose_export(self.window.qt_window, self.last_format)
        if choice is None:
            return False
        self.last_format = choice.format
        try:
            result = export_episode(self.session.data, choice.format, choice.source)
        except ExportError as exc:
            dialogs.show_error(self.window.qt_window, "Export", str(exc))
            return False
        episode = self._episode_path()
        start = ""
        if episode is not None:
            start = str(episode.with_name(episode.stem + FILE_SUFFIXES[choice.format]))
        chosen = dialogs.choose_export_path(self.window.qt_window, start)
        if not chosen:
            return False
        try:
            atomic_write(Path(chosen), result.text.encode("utf-8"))
        except OSError as exc:
            dialogs.show_error(
                self.window.qt_window,
                "Export",
                f"{chosen} cannot be written: {exc.strerror or exc}.",
            )
            return False
        message = f"Exported {choice.format} to {chosen}"
        if result.notes:
            dialogs.show_notes(self.window.qt_window, "Export", [message + ".", *result.notes])
        self.window.show_status(message, 5000)
        return True

    # -- import ----------------------------------------------------------------------------

    def import_transcript(self) -> bool:
        document = self.session.document
        if document is None:
            return False
        episode = self._episode_path()
        chosen = dialogs.choose_transcript_file(
            self.window.qt_window, str(episode.parent) if episode is not None else ""
        )
        if not chosen:
            return False
        try:
            cue_file = read_cue_file(chosen)
        except CueFileError as exc:
            dialogs.show_error(self.window.qt_window, "Import Transcript", str(exc))
            return False
        root = site.find_site_root(episode) if episode is not None else None
        labels = cue_file.speakers()
        choice = dialogs.ask_import_options(
            self.window.qt_window,
            labels,
            speaker_candidates(self.session.data, root),
            suggest_mapping(labels, self.session.data, root),
        )
        if choice is None:
            return False
        plan = plan_import(self.session.data, cue_file, choice.mode, choice.mapping)
        if not plan.edits:
            dialogs.show_notes(
                self.window.qt_window, "Import Transcript", ["Nothing to change.", *plan.summary()]
            )
            return False
        if not dialogs.review_import(
            self.window.qt_window, plan.summary(), self._diff(document, cue_file, choice)
        ):
            return False
        self._apply(plan)
        return True

    def _diff(self, document: Document, cue_file: object, choice: dialogs.ImportChoice) -> str:
        """The unified diff the import makes, from a copy of the document."""
        before = document.to_text()
        try:
            copy = Document.from_text(before, document.path)
        except DocumentError:
            return ""
        plan = plan_import(copy.data, cue_file, choice.mode, choice.mapping)  # type: ignore[arg-type]
        apply_episode_edits(copy.data, plan.edits)
        name = document.path.name if document.path is not None else "episode"
        return "".join(
            difflib.unified_diff(
                before.splitlines(keepends=True),
                copy.to_text().splitlines(keepends=True),
                fromfile=name,
                tofile=f"{name} (imported)",
            )
        )

    def _apply(self, plan: ImportPlan) -> None:
        label = "Import transcript" if plan.mode == "replace" else "Import transcript times"
        self.session.push_edits(plan.edits, label)


def install_formats(window: WindowApi) -> FormatsFeature:
    return FormatsFeature(window)

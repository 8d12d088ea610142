"""Dialogs of File ▸ Export… and File ▸ Import Transcript….

Each prompt is a module-level function so tests can replace it with a stub; the dialogs
themselves do no file I/O (the feature reads and writes).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from editor.core.episode.formats.export import CHAPTER_FORMATS, EXPORT_FORMATS
from editor.core.episode.formats.importing import MODES
from editor.qt.common.changes_view import DiffView

FORMAT_LABELS = {
    "vtt": "WebVTT transcript (.vtt, with speakers)",
    "srt": "SRT subtitles (.srt)",
    "podcast-json": "Podcasting 2.0 JSON transcript (.json)",
    "text": "Readable text / Markdown (.md)",
    "chapters-json": "Podcasting 2.0 JSON chapters",
    "psc": "Podlove Simple Chapters (XML)",
    "youtube": "YouTube description chapters",
    "soundbites": "Podcasting 2.0 soundbites (XML)",
}
MODE_LABELS = {
    "replace": "Replace the transcript with the file's cues",
    "timings": "Only set the times of matching lines",
}
KEEP_LABEL = "(keep the label)"


@dataclass(frozen=True)
class ExportChoice:
    format: str
    source: str | None  # chapters from "headers" or "clips"; None for the format's default


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget | None, default: str = "vtt") -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        layout = QFormLayout(self)
        self.format_box = QComboBox(self)
        self.format_box.setObjectName("exportFormat")
        for fmt in EXPORT_FORMATS:
            self.format_box.addItem(FORMAT_LABELS[fmt], fmt)
        self.format_box.setCurrentIndex(max(0, EXPORT_FORMATS.index(default)))
        layout.addRow("&Format:", self.format_box)
        self.source_box = QComboBox(self)
        self.source_box.setObjectName("chapterSource")
        self.source_box.addItem("Format's default", None)
        self.source_box.addItem("Section headers", "headers")
        self.source_box.addItem("Clips", "clips")
        layout.addRow("&Chapters from:", self.source_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)
        self.format_box.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.source_box.setEnabled(self.format_box.currentData() in CHAPTER_FORMATS)

    def choice(self) -> ExportChoice:
        fmt = str(self.format_box.currentData())
        source = self.source_box.currentData() if fmt in CHAPTER_FORMATS else None
        return ExportChoice(fmt, source)


def choose_export(parent: QWidget, default: str = "vtt") -> ExportChoice | None:
    dialog = ExportDialog(parent, default)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choice()


def choose_export_path(parent: QWidget, start: str) -> str:
    chosen, _ = QFileDialog.getSaveFileName(parent, "Export To", start, "All files (*)")
    return chosen


def choose_transcript_file(parent: QWidget, start: str) -> str:
    chosen, _ = QFileDialog.getOpenFileName(
        parent,
        "Import Transcript",
        start,
        "Transcripts (*.vtt *.srt *.json);;All files (*)",
    )
    return chosen


@dataclass(frozen=True)
class ImportChoice:
    mode: str
    mapping: dict[str, str]


class ImportDialog(QDialog):
    """The import mode and a name for every speaker label of the file."""

    def __init__(
        self,
        parent: QWidget | None,
        labels: Sequence[str],
        candidates: Sequence[str],
        suggested: Mapping[str, str],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Transcript")
        layout = QFormLayout(self)
        self.mode_box = QComboBox(self)
        self.mode_box.setObjectName("importMode")
        for mode in MODES:
            self.mode_box.addItem(MODE_LABELS[mode], mode)
        layout.addRow("&Mode:", self.mode_box)
        if labels:
            layout.addRow(QLabel("Speakers in the file (type or pick a name):"))
        self.speaker_boxes: dict[str, QComboBox] = {}
        for label in labels:
            box = QComboBox(self)
            box.setObjectName(f"speaker:{label}")
            box.setEditable(True)
            box.addItem(KEEP_LABEL)
            box.addItems(list(candidates))
            if suggested.get(label):
                box.setCurrentText(suggested[label])
            layout.addRow(f"{label}:", box)
            self.speaker_boxes[label] = box
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def choice(self) -> ImportChoice:
        mapping = {}
        for label, box in self.speaker_boxes.items():
            name = box.currentText().strip()
            if name and name != KEEP_LABEL:
                mapping[label] = name
        return ImportChoice(str(self.mode_box.currentData()), mapping)


def ask_import_options(
    parent: QWidget,
    labels: Sequence[str],
    candidates: Sequence[str],
    suggested: Mapping[str, str],
) -> ImportChoice | None:
    dialog = ImportDialog(parent, labels, candidates, suggested)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choice()


class ReviewDialog(QDialog):
    def __init__(self, parent: QWidget | None, summary: Sequence[str], diff: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Review Import")
        layout = QVBoxLayout(self)
        text = QLabel("\n".join(summary), self)
        text.setObjectName("importSummary")
        text.setWordWrap(True)
        layout.addWidget(text)
        view = DiffView(self)  # the palette-aware diff view of Review Changes
        view.setObjectName("importDiff")
        view.setPlainText(diff or "(no change)")
        layout.addWidget(view)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel, self
        )
        apply_button = buttons.button(QDialogButtonBox.StandardButton.Apply)
        apply_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 480)


def review_import(parent: QWidget, summary: Sequence[str], diff: str) -> bool:
    """Show what the import changes (lines added, retimed, speakers set, the diff)."""
    return ReviewDialog(parent, summary, diff).exec() == QDialog.DialogCode.Accepted


def show_error(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def show_notes(parent: QWidget, title: str, notes: Sequence[str]) -> None:
    QMessageBox.information(parent, title, "\n".join(notes))

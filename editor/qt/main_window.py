"""Placeholder main window; the real one is built in the main window issue."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from editor.core import Document
from editor.qt.session import EpisodeSession
from editor.qt.settings import Settings


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.session = EpisodeSession(parent=self)
        tabs = QTabWidget()
        for name, title in (
            ("metadataTab", "Metadata"),
            ("clipsTab", "Clips"),
            ("transcriptTab", "Transcript"),
        ):
            page = QWidget()
            page.setObjectName(name)
            tabs.addTab(page, title)
        self.setCentralWidget(tabs)

    @property
    def document(self) -> Document | None:
        return self.session.document

    def open_path(self, path: Path) -> None:
        self.session.set_document(Document.load(path))
        self.setWindowTitle(f"{path.name} — episode-editor")

    def save(self) -> None:
        if self.session.document is not None:
            self.session.document.save()
            self.session.undo_stack.setClean()

"""Placeholder Clips tab; replaced by its own issue."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from editor.qt.session import EpisodeSession
from editor.qt.settings import Settings


class ClipsTab(QWidget):
    def __init__(
        self, session: EpisodeSession, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Clips: coming soon"))

    def focus_path(self, path: tuple[object, ...]) -> bool:
        return False

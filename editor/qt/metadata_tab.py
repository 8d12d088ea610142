"""The Metadata tab: a form over the episode's scalar front matter (being built)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from editor.qt.session import EpisodeSession
from editor.qt.settings import Settings


class MetadataTab(QWidget):
    def __init__(
        self, session: EpisodeSession, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Metadata"))

    def focus_path(self, path: tuple[Any, ...]) -> bool:
        return False

    def show_problems(self, problems: Sequence[Any]) -> None:
        pass

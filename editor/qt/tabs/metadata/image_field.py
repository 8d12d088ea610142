"""The episode image: a site-relative path, with a thumbnail when the file exists."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path as FilePath
from typing import Any

from PySide6.QtCore import QSignalBlocker, QSize, Qt
from PySide6.QtGui import QIcon, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from editor.qt.editing.session import DataPath, EpisodeSession
from editor.qt.tabs.metadata.field import FieldEditor, like_original
from editor.qt.tabs.metadata.line_field import as_text, is_text_like

THUMBNAIL = QSize(160, 90)


def thumbnail(file: FilePath, size: QSize = THUMBNAIL) -> QPixmap:
    """A pixmap of ``file`` (raster or SVG) fitted into ``size``; null if unreadable."""
    icon = QIcon(str(file))
    if icon.isNull():
        return QPixmap()
    return icon.pixmap(size)


class ImageField(FieldEditor):
    def __init__(
        self,
        session: EpisodeSession,
        path: DataPath,
        label: str,
        resolve: Callable[[str], FilePath | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, path, label, parent)
        self._resolve = resolve
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"{path[-1]}Edit")
        self.edit.setPlaceholderText("images/podcast/episode-name.jpg")
        self.status = QLabel(self)
        self.status.setObjectName("imageStatus")
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.preview = QLabel(self)
        self.preview.setObjectName("imagePreview")
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.preview.setFixedSize(THUMBNAIL)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.edit)
        column.addWidget(self.status)
        column.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(column, 1)
        layout.addWidget(self.preview)
        self.edit.textEdited.connect(self._on_text_edited)
        self.track_editing(self.edit)
        self.setFocusProxy(self.edit)
        self._shown_file: FilePath | None = None

    def accepts(self, value: Any) -> bool:
        return is_text_like(value)

    def focus_widget(self) -> QWidget:
        return self.edit

    def show_value(self, value: Any) -> None:
        text = as_text(value)
        if self.edit.text() != text:
            with QSignalBlocker(self.edit):
                self.edit.setText(text)
                if not self.edit.hasFocus():
                    self.edit.setCursorPosition(0)
        self._show_preview(text)

    def _on_text_edited(self, text: str) -> None:
        self._show_preview(text)
        self.write(like_original(self.value(), text), empty=not text)

    def _show_preview(self, text: str) -> None:
        file = self._resolve(text) if text.strip() else None
        if file == self._shown_file and file is not None:
            return
        self._shown_file = file
        pixmap = thumbnail(file) if file is not None else QPixmap()
        if file is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText("No preview")
            self.status.setText("Not found under the site folder" if text.strip() else "")
        elif pixmap.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText("Cannot show")
            self.status.setText("The file cannot be shown")
        else:
            self.preview.setPixmap(pixmap)
            self.status.setText(f"{pixmap.width()}×{pixmap.height()} preview")
        self.status.setToolTip(str(file) if file is not None else "")

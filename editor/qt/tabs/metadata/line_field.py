"""A one-line text field with a character count (title, short, keywords)."""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from editor.qt.editing.session import MISSING, DataPath, EpisodeSession
from editor.qt.tabs.metadata.field import FieldEditor, like_original


def is_text_like(value: Any) -> bool:
    """Values a text box can show and write back as text without losing anything."""
    if value is MISSING or value is None or isinstance(value, str):
        return True
    return isinstance(value, int | float) and not isinstance(value, bool)


def as_text(value: Any) -> str:
    if value is MISSING or value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


class CountLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countLabel")
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000 chars"))

    def show_count(self, count: int) -> None:
        self.setText(f"{count} chars")


class LineField(FieldEditor):
    def __init__(
        self,
        session: EpisodeSession,
        path: DataPath,
        label: str,
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, path, label, parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"{path[-1]}Edit")
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.count = CountLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        self.edit.textEdited.connect(self._on_text_edited)
        self.track_editing(self.edit)
        self.setFocusProxy(self.edit)

    def accepts(self, value: Any) -> bool:
        # A line edit cannot show line breaks: such values go to "Other fields".
        return is_text_like(value) and not (isinstance(value, str) and "\n" in value)

    def focus_widget(self) -> QWidget:
        return self.edit

    def show_value(self, value: Any) -> None:
        text = as_text(value)
        if self.edit.text() != text:
            cursor = self.edit.cursorPosition()
            with QSignalBlocker(self.edit):
                self.edit.setText(text)
                # An undo while typing keeps the user's place; otherwise show the start.
                self.edit.setCursorPosition(min(cursor, len(text)) if self.edit.hasFocus() else 0)
        self.count.show_count(len(text))

    def _on_text_edited(self, text: str) -> None:
        self.count.show_count(len(text))
        self.write(like_original(self.value(), text), empty=not text)

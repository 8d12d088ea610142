"""A multi-line plain-text field with a character count (description, intro, context).

The text is stored exactly as typed: markup such as ``<br>`` stays as it is.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker, QSize
from PySide6.QtGui import QColor, QPalette, QTextOption
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from editor.qt.editing.session import DataPath, EpisodeSession
from editor.qt.tabs.metadata.field import FieldEditor, like_original
from editor.qt.tabs.metadata.line_field import CountLabel, as_text, is_text_like

RANGE_COLORS = {"ok": "#2e7d32", "short": "#b26a00", "long": "#b26a00"}


class PlainTextBox(QPlainTextEdit):
    """A plain-text box sized for a few lines; Tab moves on to the next field."""

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = lines
        self.setTabChangesFocus(True)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        height = self.fontMetrics().lineSpacing() * self.lines + 2 * self.frameWidth() + 10
        return QSize(hint.width(), height)


class TextAreaField(FieldEditor):
    def __init__(
        self,
        session: EpisodeSession,
        path: DataPath,
        label: str,
        lines: int = 4,
        recommended: tuple[int, int] | None = None,
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, path, label, parent)
        self.recommended = recommended
        self.edit = PlainTextBox(lines, self)
        self.edit.setObjectName(f"{path[-1]}Edit")
        self.edit.setPlaceholderText(placeholder)
        self.count = CountLabel(self)
        self.hint = QLabel(self)
        self.hint.setObjectName("rangeHint")
        footer = QHBoxLayout()
        footer.setContentsMargins(0, 0, 0, 0)
        footer.addWidget(self.hint, 1)
        footer.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addLayout(footer)
        self.hint.setVisible(recommended is not None)
        self.edit.textChanged.connect(self._on_text_changed)
        self.track_editing(self.edit)
        self.setFocusProxy(self.edit)

    def accepts(self, value: Any) -> bool:
        return is_text_like(value)

    def focus_widget(self) -> QWidget:
        return self.edit

    def text(self) -> str:
        return self.edit.toPlainText()

    def show_value(self, value: Any) -> None:
        text = as_text(value)
        if self.edit.toPlainText() != text:
            position = self.edit.textCursor().position()
            with QSignalBlocker(self.edit):
                self.edit.setPlainText(text)
            if self.edit.hasFocus():
                cursor = self.edit.textCursor()
                cursor.setPosition(min(position, len(text)))
                self.edit.setTextCursor(cursor)
        self._show_count(len(text))

    def _show_count(self, count: int) -> None:
        self.count.show_count(count)
        if self.recommended is None:
            return
        low, high = self.recommended
        if count == 0:
            state, message = "", f"Search engines show about {low}–{high} characters"
        elif count < low:
            state, message = "short", f"{low - count} short of the {low}–{high} SEO range"
        elif count > high:
            state, message = "long", f"{count - high} over the {low}–{high} SEO range"
        else:
            state, message = "ok", f"Within the {low}–{high} SEO range"
        self.hint.setText(message)
        self.hint.setProperty("range", state)
        palette = self.hint.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText,
            QColor(RANGE_COLORS[state])
            if state in RANGE_COLORS
            else self.palette().color(QPalette.ColorRole.PlaceholderText),
        )
        self.hint.setPalette(palette)

    def _on_text_changed(self) -> None:
        text = self.edit.toPlainText()
        self._show_count(len(text))
        self.write(like_original(self.value(), text), empty=not text)

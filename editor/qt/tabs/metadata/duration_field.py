"""The episode duration: typed as h:mm:ss, written as ISO 8601 (``PT00H59M23S``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from editor.core.episode.timecode import (
    TimeFormatError,
    format_hms,
    format_iso_duration,
    parse_iso_duration,
    parse_time,
)
from editor.qt.editing.session import MISSING, DataPath, EpisodeSession
from editor.qt.tabs.metadata.field import FieldEditor, like_original


def duration_seconds(value: Any) -> int | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_iso_duration(value)
    except TimeFormatError:
        return None


class DurationField(FieldEditor):
    def __init__(
        self, session: EpisodeSession, path: DataPath, label: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, path, label, parent)
        self._reported: tuple[str, list[str]] = ("", [])
        self._typed_invalid = False
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"{path[-1]}Edit")
        self.edit.setPlaceholderText("h:mm:ss")
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("00:00:00:00") + 24)
        self.iso_label = QLabel(self)
        self.iso_label.setObjectName("isoLabel")
        self.iso_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.iso_label)
        layout.addStretch(1)
        self.edit.textEdited.connect(self._on_text_edited)
        self.edit.editingFinished.connect(self.refresh)
        self.track_editing(self.edit)
        self.setFocusProxy(self.edit)

    def accepts(self, value: Any) -> bool:
        return value is MISSING or value is None or duration_seconds(value) is not None

    def focus_widget(self) -> QWidget:
        return self.edit

    def show_value(self, value: Any) -> None:
        seconds = duration_seconds(value)
        text = format_hms(seconds) if seconds is not None else ""
        if self.edit.text() != text:
            with QSignalBlocker(self.edit):
                self.edit.setText(text)
        self._show_state(value if isinstance(value, str) else "", valid=True)

    def _show_state(self, iso: str, valid: bool) -> None:
        self._typed_invalid = not valid
        if valid:
            self.iso_label.setText(f"written as {iso}" if iso else "")
        else:
            self.iso_label.setText("type h:mm:ss, e.g. 0:59:23")
        self.set_problems(*self._reported)

    def set_problems(self, severity: str, messages: Sequence[str]) -> None:
        """Validation's problems, plus an error while the typed text is not a duration."""
        self._reported = (severity, list(messages))
        if getattr(self, "_typed_invalid", False):
            severity, messages = "error", ["Not a duration: type h:mm:ss", *messages]
        super().set_problems(severity, messages)

    def _on_text_edited(self, text: str) -> None:
        if not text.strip():
            self._show_state("", valid=True)
            self.write(like_original(self.value(), ""), empty=True)
            return
        try:
            seconds = parse_time(text.strip())
        except TimeFormatError:
            self._show_state("", valid=False)
            return
        current = self.value()
        if duration_seconds(current) == seconds:
            self._show_state(str(current), valid=True)
            return
        iso = format_iso_duration(seconds)
        self._show_state(iso, valid=True)
        self.write(like_original(current if current is not MISSING else None, iso))

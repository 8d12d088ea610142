"""A whole-number field (season, episode): the value stays an int."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QHBoxLayout, QSpinBox, QWidget

from editor.qt.editing.session import MISSING, DataPath, EpisodeSession
from editor.qt.tabs.metadata.field import FieldEditor, guard_wheel

NOT_SET = -1


class OptionalSpinBox(QSpinBox):
    """A spin box whose emptied text means "Not set", not the nearest number (0)."""

    def valueFromText(self, text: str) -> int:
        if not self.cleanText().strip() or not text.strip():
            return self.minimum()
        return super().valueFromText(text)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if not text.strip():
            return QValidator.State.Acceptable, text, pos
        return super().validate(text, pos)


class IntField(FieldEditor):
    def __init__(
        self,
        session: EpisodeSession,
        path: DataPath,
        label: str,
        maximum: int = 9999,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, path, label, parent)
        self.spin = OptionalSpinBox(self)
        self.spin.setObjectName(f"{path[-1]}Spin")
        self.spin.setRange(NOT_SET, maximum)
        self.spin.setSpecialValueText("Not set")
        self.spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        self.spin.setMinimumWidth(self.spin.fontMetrics().horizontalAdvance("Not set") + 50)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spin)
        layout.addStretch(1)
        self.spin.valueChanged.connect(self._on_value_changed_by_user)
        self.track_editing(self.spin)
        guard_wheel(self.spin)
        self.setFocusProxy(self.spin)

    def accepts(self, value: Any) -> bool:
        if value is MISSING or value is None:
            return True
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            and 0 <= value <= self.spin.maximum()
        )

    def focus_widget(self) -> QWidget:
        return self.spin

    def show_value(self, value: Any) -> None:
        number = value if self.accepts(value) and isinstance(value, int) else NOT_SET
        if self.spin.value() != number:
            with QSignalBlocker(self.spin):
                self.spin.setValue(number)

    def _on_value_changed_by_user(self, number: int) -> None:
        if number == NOT_SET:
            # An emptied number means "no number": the key goes (never 0, never null).
            if self.session.has(self.path):
                self.write(MISSING)
        else:
            self.write(int(number))

"""The topics tag list: one removable chip per topic and a box to add more."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from editor.qt.editing.session import DataPath, EpisodeSession
from editor.qt.tabs.metadata.field import FieldEditor, metadata_style, set_problem_state
from editor.qt.tabs.metadata.flow_layout import FlowLayout
from editor.qt.tabs.metadata.guests_field import is_string_list
from editor.qt.tabs.metadata.string_list_model import StringListModel


class TagChip(QFrame):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagChip")
        self.setStyleSheet(metadata_style())
        self.label = QLabel(text, self)
        self.remove_button = QToolButton(self)
        self.remove_button.setObjectName("tagRemoveButton")
        self.remove_button.setText("×")
        self.remove_button.setToolTip(f"Remove “{text}”")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 1, 2, 1)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.remove_button)

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self.remove_button.setToolTip(f"Remove “{text}”")
        set_problem_state(self, "", "")  # the next check outlines it again if needed


class TagsField(FieldEditor):
    def __init__(
        self,
        session: EpisodeSession,
        path: DataPath,
        label: str,
        suggestions: Callable[[], Sequence[str]] = tuple,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, path, label, parent)
        self._suggestions = suggestions
        self._suggestions_loaded = False
        self.model = StringListModel(session, path, self)
        self.setObjectName(f"{path[-1]}Tags")
        self.flow = FlowLayout(self)
        self.chips: list[TagChip] = []
        self.add_edit = QLineEdit(self)
        self.add_edit.setObjectName(f"{path[-1]}AddEdit")
        self.add_edit.setPlaceholderText("Add topic, Enter")
        self.add_edit.setMinimumWidth(160)
        self.flow.addWidget(self.add_edit)
        self.completer = QCompleter(self)
        self.completer.setModel(QStringListModel(self.completer))
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(12)
        self.add_edit.setCompleter(self.completer)
        self.completer.activated.connect(self._on_completion_activated)
        self.add_edit.returnPressed.connect(self.add_from_edit)
        self.add_edit.textEdited.connect(self._on_text_edited)
        for signal in (
            self.model.modelReset,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.rowsMoved,
            self.model.dataChanged,
        ):
            signal.connect(self._rebuild_chips)
        self.setFocusProxy(self.add_edit)
        self.add_edit.installEventFilter(self)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def accepts(self, value: Any) -> bool:
        return is_string_list(value)

    def focus_widget(self) -> QWidget:
        return self.add_edit

    def problem_widgets(self) -> list[QWidget]:
        return [self, *self.chips]

    def show_value(self, value: Any) -> None:
        self._rebuild_chips()

    def topics(self) -> list[str]:
        return self.model.strings()

    def add_from_edit(self) -> None:
        self.add(self.add_edit.text())

    def add(self, text: str) -> None:
        texts = [part.strip() for part in text.split(",")]
        existing = self.model.strings()
        new = []
        for item in texts:
            if item and item not in existing and item not in new:
                new.append(item)
        self.add_edit.clear()
        self.model.append(new)

    def remove(self, row: int) -> None:
        self.model.remove(row, drop_key_when_empty=self.absent_at_load)
        self.add_edit.setFocus()

    def focus_path(self, path: DataPath) -> bool:
        if len(path) > len(self.path) and isinstance(path[len(self.path)], int):
            row = path[len(self.path)]
            if 0 <= row < len(self.chips):
                self.chips[row].remove_button.setFocus()
                return True
        self.add_edit.setFocus()
        return True

    def ensure_suggestions(self) -> None:
        """Topics used by the other episodes, read the first time the box is used."""
        if not self._suggestions_loaded:
            self._suggestions_loaded = True
            model = self.completer.model()
            assert isinstance(model, QStringListModel)
            model.setStringList(list(self._suggestions()))

    def reload(self) -> None:
        self._suggestions_loaded = False
        super().reload()

    def _on_completion_activated(self, text: str) -> None:
        # The completer writes the text into the box after this signal: empty it afterwards.
        self.add(text)
        QTimer.singleShot(0, self.add_edit.clear)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.add_edit and event.type() == QEvent.Type.FocusIn:
            self.ensure_suggestions()
        # Backspace in the empty box takes the last topic away, as in most tag editors.
        if (
            watched is self.add_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Backspace
            and not self.add_edit.text()
            and self.chips
        ):
            self.remove(len(self.chips) - 1)
            return True
        return super().eventFilter(watched, event)

    def _on_text_edited(self, text: str) -> None:
        if "," in text:
            self.add(text)

    def _rebuild_chips(self, *_args: object) -> None:
        texts = self.model.strings()
        if [chip.label.text() for chip in self.chips] == texts:
            return
        # The chips there are take the new texts (each new chip costs its own style sheet);
        # only the difference is made or dropped.
        while len(self.chips) > len(texts):
            chip = self.chips.pop()
            self.flow.removeWidget(chip)
            chip.deleteLater()
        for chip, text in zip(self.chips, texts, strict=False):
            if chip.label.text() != text:
                chip.set_text(text)
        self.flow.removeWidget(self.add_edit)
        for text in texts[len(self.chips) :]:
            chip = TagChip(text, self)
            chip.remove_button.clicked.connect(
                lambda _checked=False, chip=chip: self.remove(self.chips.index(chip))
            )
            self.flow.addWidget(chip)
            chip.show()
            self.chips.append(chip)
        self.flow.addWidget(self.add_edit)
        self.flow.invalidate()
        self.updateGeometry()

"""Find and replace in the transcript: a bar above the table (Ctrl+F, Ctrl+H)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from editor.core.episode import transcript as core
from editor.qt.tabs.transcript.model import TranscriptModel
from editor.qt.tabs.transcript.operations import TranscriptOperations

ALL_SPEAKERS = "All lines and headers"


class FindReplaceBar(QWidget):
    """Finds in line texts and section titles; ``matchSelected`` asks the table to show one."""

    matchSelected = Signal(int, int, int)  # row, start, end
    closed = Signal()
    message = Signal(str)
    highlightChanged = Signal(object)  # the FindQuery whose matches to mark, or None

    def __init__(self, model: TranscriptModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptFindBar")
        self.model = model
        self.operations = TranscriptOperations(model.session)
        self.matches: list[core.Match] = []
        self.current = -1
        self._counted_query: core.FindQuery | None = None

        self.find_edit = QLineEdit(self)
        self.find_edit.setObjectName("findEdit")
        self.find_edit.setPlaceholderText("Find")
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setObjectName("replaceEdit")
        self.replace_edit.setPlaceholderText("Replace with")
        self.regex_box = QCheckBox("Regex", self)
        self.regex_box.setObjectName("regexBox")
        self.case_box = QCheckBox("Match case", self)
        self.case_box.setObjectName("caseBox")
        self.speaker_box = QComboBox(self)
        self.speaker_box.setObjectName("speakerFilter")
        self.speaker_box.setToolTip("Search only the lines of one speaker")
        self.speaker_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("matchCount")
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("999 of 9999") + 8)
        self.previous_button = self._button("◀", "Previous match (Shift+F3)", self.find_previous)
        self.next_button = self._button("▶", "Next match (F3)", self.find_next)
        self.replace_button = self._button("Replace", "Replace this match", self.replace_current)
        self.replace_all_button = self._button(
            "Replace all", "Replace every match (one undo step)", self.replace_all
        )
        self.close_button = self._button("✕", "Close (Esc)", self.close_bar)
        self.replace_all_button.setObjectName("replaceAllButton")

        layout = QGridLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.find_edit, 0, 0)
        layout.addWidget(self.count_label, 0, 1)
        layout.addWidget(self.previous_button, 0, 2)
        layout.addWidget(self.next_button, 0, 3)
        layout.addWidget(self.regex_box, 0, 4)
        layout.addWidget(self.case_box, 0, 5)
        layout.addWidget(self.speaker_box, 0, 6)
        layout.addWidget(self.close_button, 0, 7)
        layout.addWidget(self.replace_edit, 1, 0)
        layout.addWidget(self.replace_button, 1, 2, 1, 2)
        layout.addWidget(self.replace_all_button, 1, 4, 1, 2)
        layout.setColumnStretch(0, 1)

        # Recounting waits for a pause in typing and for edits to settle.
        self._recount_timer = QTimer(self)
        self._recount_timer.setSingleShot(True)
        self._recount_timer.setInterval(150)
        self._recount_timer.timeout.connect(self.recount)
        self.find_edit.textChanged.connect(self._schedule_recount)
        self.find_edit.returnPressed.connect(self.find_next)
        self.replace_edit.returnPressed.connect(self.replace_current)
        self.regex_box.toggled.connect(self.recount)
        self.case_box.toggled.connect(self.recount)
        self.speaker_box.currentIndexChanged.connect(self.recount)
        model.session.dataEdited.connect(self._on_data_edited)
        model.modelReset.connect(self._on_data_edited)
        self.set_replace_visible(False)

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # -- showing -----------------------------------------------------------------------

    def set_replace_visible(self, visible: bool) -> None:
        for widget in (self.replace_edit, self.replace_button, self.replace_all_button):
            widget.setVisible(visible)

    def open_find(self, replace: bool, seed: str = "") -> None:
        self.refresh_speakers()
        self.set_replace_visible(replace)
        self.show()
        if seed and "\n" not in seed:
            self.find_edit.setText(seed)
        target = self.replace_edit if replace and self.find_edit.text() else self.find_edit
        target.setFocus()
        target.selectAll()
        self.recount()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.key() == Qt.Key.Key_F3:
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.find_previous()
            else:
                self.find_next()
            return
        super().keyPressEvent(event)

    def refresh_speakers(self) -> None:
        current = self.speaker_box.currentText()
        self.speaker_box.blockSignals(True)
        self.speaker_box.clear()
        self.speaker_box.addItem(ALL_SPEAKERS)
        self.speaker_box.addItems(core.speakers(self.model.items()))
        found = self.speaker_box.findText(current)
        self.speaker_box.setCurrentIndex(max(0, found))
        self.speaker_box.blockSignals(False)

    # -- searching ---------------------------------------------------------------------

    def query(self) -> core.FindQuery:
        speaker = self.speaker_box.currentText()
        return core.FindQuery(
            self.find_edit.text(),
            regex=self.regex_box.isChecked(),
            case_sensitive=self.case_box.isChecked(),
            speaker=None if speaker in ("", ALL_SPEAKERS) else speaker,
        )

    def _schedule_recount(self) -> None:
        self._recount_timer.start()

    def _on_data_edited(self) -> None:
        if self.isVisible() and self.find_edit.text():
            self._schedule_recount()

    def recount(self) -> None:
        self._recount_timer.stop()
        try:
            self.matches = core.find_matches(self.model.items(), self.query())
        except re.error as exc:
            self.matches = []
            self.current = -1
            self.highlightChanged.emit(None)
            self.count_label.setText("bad regex")
            self.count_label.setToolTip(f"The regular expression is not valid: {exc}")
            return
        self.count_label.setToolTip("")
        query = self.query()
        if query != self._counted_query:
            self.current = -1  # a new search starts before its first match
        self._counted_query = query
        self.highlightChanged.emit(query if query.pattern else None)
        self.current = min(self.current, len(self.matches) - 1)
        self._show_count()

    def _show_count(self) -> None:
        if not self.find_edit.text():
            self.count_label.setText("")
        elif not self.matches:
            self.count_label.setText("no matches")
        elif self.current < 0:
            count = len(self.matches)
            self.count_label.setText(f"{count} match" if count == 1 else f"{count} matches")
        else:
            self.count_label.setText(f"{self.current + 1} of {len(self.matches)}")

    def find_next(self, after_row: int | None = None) -> None:
        self._step(+1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        if self._recount_timer.isActive() or not self.matches:
            self.recount()
        if not self.matches:
            return
        self.current = (self.current + direction) % len(self.matches)
        match = self.matches[self.current]
        self._show_count()
        self.matchSelected.emit(match.row, match.start, match.end)

    def replace_current(self) -> None:
        if self._recount_timer.isActive():
            self.recount()
        if not self.matches:
            return
        if self.current < 0:
            self._step(+1)
            return
        match = self.matches[self.current]
        try:
            self.operations.replace_one(match, self.query(), self.replace_edit.text())
        except (re.error, IndexError) as exc:
            self.message.emit(f"Cannot replace: {exc}")
            return
        self.recount()
        # The next match is now at the same position in the list.
        self.current -= 1
        self._step(+1)

    def replace_all(self) -> int:
        try:
            count = self.operations.replace_all(self.query(), self.replace_edit.text())
        except (re.error, IndexError) as exc:
            self.message.emit(f"Cannot replace: {exc}")
            return 0
        self.recount()
        self.message.emit(
            f"Replaced in {count} line{'s' if count != 1 else ''}."
            if count
            else "Nothing to replace."
        )
        return count

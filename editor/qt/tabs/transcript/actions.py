"""The transcript's commands as ``QAction``s: shortcuts, context menu, and what they do."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from editor.core.episode import transcript as core
from editor.core.episode.timecode import TimeFormatError, parse_time
from editor.qt.tabs.transcript.model import SPEAKER, TEXT, TIME
from editor.qt.tabs.transcript.operations import TranscriptOperations
from editor.qt.tabs.transcript.view import TranscriptView


def parse_offset(text: str) -> int:
    """Seconds from ``+5``, ``-12``, ``-1:30``, ``+PT1M`` (sign optional, plus by default)."""
    value = text.strip().replace("−", "-")
    sign = 1
    if value[:1] in "+-" and value:
        sign = -1 if value[0] == "-" else 1
        value = value[1:].strip()
    return sign * parse_time(value)


class TranscriptActions(QObject):
    message = Signal(str)  # a refusal or a result, for the tab's status line
    findRequested = Signal(bool)  # replace?

    def __init__(
        self, view: TranscriptView, operations: TranscriptOperations, host: QWidget
    ) -> None:
        super().__init__(host)
        self.view = view
        self.operations = operations
        self.host = host
        self.actions: dict[str, QAction] = {}
        add = self._add
        add("insertLine", "Insert line after", "Ctrl+Return", self.insert_line)
        add("insertHeader", "Insert section header", "Ctrl+Shift+Return", self.insert_header)
        add("deleteRows", "Delete lines", "Delete", self.delete_rows)
        self._separator("sep1")
        add("splitLine", "Split line at cursor", "Ctrl+B", self.split_line)
        add("mergeLine", "Merge with next line", "Ctrl+J", self.merge_with_next)
        add("setSpeaker", "Set speaker of selected lines…", "Ctrl+Shift+E", self.set_speaker)
        self._separator("sep2")
        add("moveUp", "Move lines up", "Alt+Up", lambda: self.move_rows(-1))
        add("moveDown", "Move lines down", "Alt+Down", lambda: self.move_rows(+1))
        add("moveSectionUp", "Move section up", "Alt+Shift+Up", lambda: self.move_section(-1))
        add("moveSectionDown", "Move section down", "Alt+Shift+Down", lambda: self.move_section(+1))
        self._separator("sep3")
        add("shiftTimes", "Shift times from here onward…", "Ctrl+Shift+T", self.shift_times)
        add("retimeFrom", "Retime from here to…", "Ctrl+T", self.retime_from)
        add("nextBackwards", "Next line going back in time", "Ctrl+Shift+B", self.next_backwards)
        self._separator("sep4")
        add("find", "Find…", QKeySequence.StandardKey.Find, lambda: self.findRequested.emit(False))
        add("replace", "Replace…", "Ctrl+H", lambda: self.findRequested.emit(True))
        for action in self.actions.values():
            view.addAction(action)
        # Only while the transcript tab has focus, so other tabs keep their own keys.
        for action in self.actions.values():
            host.addAction(action)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _add(
        self,
        name: str,
        text: str,
        shortcut: str | QKeySequence.StandardKey,
        slot: Callable[[], object],
    ) -> QAction:
        action = QAction(text, self.host)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.actions[name] = action
        return action

    def _separator(self, name: str) -> None:
        action = QAction(self.host)
        action.setSeparator(True)
        self.actions[name] = action

    def _refuse(self, refusal: str | None) -> None:
        if refusal:
            self.message.emit(refusal)

    # -- handlers ----------------------------------------------------------------------

    def insert_line(self) -> None:
        self.view.commit_open_editor()
        row = self.operations.insert_line_after(self.view.current_row())
        self.view.select_rows(row)
        self.view.edit_cell(row, TEXT)

    def insert_header(self) -> None:
        self.view.commit_open_editor()
        row = self.operations.insert_header_after(self.view.current_row())
        self.view.select_rows(row, column=TIME)
        self.view.edit_cell(row, TIME)

    def delete_rows(self) -> None:
        self.view.commit_open_editor()
        rows = self.view.selected_rows()
        self._refuse(self.operations.delete_rows(rows))
        if rows:
            self.view.select_rows(min(rows[0], self.view.transcript_model().rowCount() - 1))

    def split_line(self) -> None:
        row = self.view.current_row()
        editor = self.view.text_delegate.active_editor
        position: int | None = None
        text: str | None = None
        if (
            editor is not None
            and self.view.is_editing()
            and self.view.currentIndex().column() == TEXT
        ):
            position = editor.textCursor().position()
            text = editor.toPlainText()
            self.view.closeEditor(editor, self.view.text_delegate.EndEditHint.RevertModelCache)
        else:
            self.view.commit_open_editor()
        refusal = self.operations.split_line(row, position, text)
        self._refuse(refusal)
        if refusal is None:
            self.view.select_rows(row + 1)

    def merge_with_next(self) -> None:
        self.view.commit_open_editor()
        row = self.view.current_row()
        refusal = self.operations.merge_with_next(row)
        self._refuse(refusal)
        if refusal is None:
            self.view.select_rows(row)

    def set_speaker(self) -> None:
        self.view.commit_open_editor()
        rows = self.view.selected_rows()
        model = self.view.transcript_model()
        names = core.speakers(model.items())
        current = model.index(rows[0], SPEAKER).data() if rows else ""
        position = names.index(current) if current in names else 0
        name, ok = QInputDialog.getItem(
            self.host,
            "Set speaker",
            f"Speaker of {len(rows)} selected line(s):",
            names,
            position,
            True,
        )
        if ok:
            self._refuse(self.operations.set_speaker(rows, name))

    def move_rows(self, delta: int) -> None:
        self.view.commit_open_editor()
        moved = self.operations.move_rows(self.view.selected_rows(), delta)
        if moved is None:
            self.message.emit("Select one block of lines that can move that way.")
            return
        self.view.select_rows(*moved, column=max(self.view.currentIndex().column(), 0))

    def move_section(self, delta: int) -> None:
        self.view.commit_open_editor()
        moved = self.operations.move_section(self.view.current_row(), delta)
        if moved is None:
            self.message.emit(
                "This section cannot move further that way (or the cursor is not in a section)."
            )
            return
        self.view.select_rows(moved[0], column=TIME)

    def shift_times(self) -> None:
        self.view.commit_open_editor()
        row = self.view.current_row()
        if row < 0:
            self.message.emit("Put the cursor on the first line to shift.")
            return
        text, ok = QInputDialog.getText(
            self.host,
            "Shift times from here onward",
            "Shift this line, every line after it and the clips after it by\n"
            "(seconds or m:ss, negative to move earlier, e.g. +5, -1:30):",
            QLineEdit.EchoMode.Normal,
            "+0",
        )
        if not ok:
            return
        try:
            delta = parse_offset(text)
        except TimeFormatError as exc:
            self.message.emit(str(exc))
            return
        refusal = self.operations.shift_from(row, delta)
        self._refuse(refusal)
        if refusal is None:
            self.message.emit(
                f"Shifted line {row + 1} and everything after it by {delta:+d} s "
                "(lines and clips; one undo step)."
            )

    def retime_from(self) -> None:
        self.view.commit_open_editor()
        row = self.view.current_row()
        model = self.view.transcript_model()
        if row < 0:
            self.message.emit("Put the cursor on the first line to retime.")
            return
        current = model.index(row, TIME).data() if not model.is_header_row(row) else ""
        text, ok = QInputDialog.getText(
            self.host,
            "Retime from here",
            "New time of this line; every line after it and the clips after it move by\n"
            "the same amount (1:02:03, 62:03, 3723 or PT1H2M3S):",
            QLineEdit.EchoMode.Normal,
            str(current or ""),
        )
        if not ok:
            return
        try:
            target = parse_time(text)
        except TimeFormatError as exc:
            self.message.emit(str(exc))
            return
        self._refuse(self.operations.retime_from(row, target))

    def next_backwards(self) -> None:
        model = self.view.transcript_model()
        rows = sorted(model.backwards())
        if not rows:
            self.message.emit("Every line's time is at or after the line before it.")
            return
        current = self.view.current_row()
        following = next((r for r in rows if r > current), rows[0])
        self.view.select_rows(following, column=TIME)

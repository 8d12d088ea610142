"""At start-up after a crash: which unsaved edits can be restored, and what they change."""

from __future__ import annotations

import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.core.files.recovery import Journal
from editor.core.files.safe_save import text_fingerprint
from editor.qt.common.diff_dialog import diff_view


def disk_text_of(journal: Journal) -> str | None:
    if journal.path is None:
        return None
    try:
        return Path(journal.path).read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None


class RecoveryDialog(QDialog):
    """Lists the journals of crashed sessions; Restore one, Discard one, or decide later.

    Once the dialog has run, ``chosen`` is the (key, journal) to restore, or None.
    """

    def __init__(self, entries: list[tuple[str, Journal]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle("Recover Unsaved Edits")
        self.entries = list(entries)
        self.chosen: tuple[str, Journal] | None = None
        self.discarded: list[str] = []

        intro = QLabel(
            "episode-editor did not close normally. These unsaved edits were kept. "
            "Select one to see what restoring it would change in the file on disk."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("recoveryList")
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.diff_holder = QVBoxLayout()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail)
        right_layout.addLayout(self.diff_holder, 1)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)

        self.restore_button = QPushButton("&Restore")
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setDefault(True)
        self.discard_button = QPushButton("&Discard")
        self.discard_button.setObjectName("discardButton")
        self.later_button = QPushButton("Decide &Later")
        self.later_button.setObjectName("laterButton")
        self.restore_button.clicked.connect(self._restore)
        self.discard_button.clicked.connect(self._discard)
        self.later_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        buttons.addWidget(self.restore_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.list.currentRowChanged.connect(self._show)
        for _key, journal in self.entries:
            when = datetime.datetime.fromtimestamp(journal.written_at).strftime("%Y-%m-%d %H:%M")
            item = QListWidgetItem(f"{journal.display_name}\n{when}")
            item.setToolTip(journal.path or "never saved")
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.resize(1000, 640)

    def _current(self) -> tuple[str, Journal] | None:
        row = self.list.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _show(self, row: int) -> None:
        while self.diff_holder.count():
            item = self.diff_holder.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        entry = self._current()
        self.restore_button.setEnabled(entry is not None)
        self.discard_button.setEnabled(entry is not None)
        if entry is None:
            self.detail.setText("Nothing left to recover.")
            return
        journal = entry[1]
        disk = disk_text_of(journal)
        if journal.path is None:
            note = "This episode was never saved."
        elif disk is None:
            note = f"{journal.path} no longer exists; restoring and saving writes it again."
        elif text_fingerprint(disk) != journal.original_sha256:
            note = (
                f"{journal.path} was changed on disk after these edits were made. "
                "The differences below include those changes."
            )
        else:
            note = f"{journal.path}: '-' lines are on disk, '+' lines are the unsaved edits."
        name = Path(journal.path).name if journal.path else "untitled"
        view = diff_view(disk or "", journal.text, name)
        lines = view.toPlainText().splitlines()[2:]
        added = sum(1 for line in lines if line.startswith("+"))
        removed = sum(1 for line in lines if line.startswith("-"))
        when = datetime.datetime.fromtimestamp(journal.written_at).strftime("%Y-%m-%d %H:%M:%S")
        self.detail.setText(
            f"{note}\nLast journaled {when}: {added} line(s) added, {removed} removed."
        )
        self.diff_holder.addWidget(view)

    def _restore(self) -> None:
        self.chosen = self._current()
        if self.chosen is not None:
            self.accept()

    def _discard(self) -> None:
        row = self.list.currentRow()
        entry = self._current()
        if entry is None:
            return
        self.discarded.append(entry[0])
        del self.entries[row]
        self.list.takeItem(row)
        if not self.entries:
            self.reject()
            return
        self.list.setCurrentRow(min(row, len(self.entries) - 1))
        self._show(self.list.currentRow())

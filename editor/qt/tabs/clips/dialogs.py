"""The review dialog shown before clips are replaced from sections or a chapter list."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.episode.clips import ClipChange, describe_rename
from editor.core.episode.timecode import format_hms

_GROUPS = (
    ("added", "Added"),
    ("changed", "Changed"),
    ("removed", "Removed"),
    ("unchanged", "Unchanged"),
)


def _span(start: int | None, end: int | None) -> str:
    left = format_hms(start) if start is not None else "?"
    right = format_hms(end) if end is not None else "?"
    return f"{left} – {right}"


def _describe_field(key: str, old: object, new: object) -> str:
    if key in ("startOffset", "endOffset"):
        old_text = format_hms(old) if isinstance(old, int) else repr(old)
        new_text = format_hms(new) if isinstance(new, int) else repr(new)
        label = "start" if key == "startOffset" else "end"
        return f"{label} {old_text} → {new_text}"
    if key == "name":
        return describe_rename(str(old), str(new))
    if key == "url":
        return "URL follows the start" if old else "URL added"
    return f"{key}: {old!r} → {new!r}"


class ClipSyncDialog(QDialog):
    """Lists added, changed and removed clips, each with a checkbox; Apply makes the checked
    ones one undo step."""

    def __init__(
        self,
        title: str,
        changes: Sequence[ClipChange],
        notes: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("clipSyncDialog")
        self.setWindowTitle(title)
        self.resize(960, 560)
        self.changes = list(changes)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("clipSyncChanges")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Clip", "Time", "Change"])
        self.tree.setColumnWidth(0, 360)
        self.tree.setColumnWidth(1, 150)
        self.tree.setUniformRowHeights(True)
        self._items: list[tuple[QTreeWidgetItem, ClipChange]] = []
        counts = {kind: sum(1 for c in self.changes if c.kind == kind) for kind, _ in _GROUPS}
        for kind, label in _GROUPS:
            if not counts[kind]:
                continue
            group = QTreeWidgetItem(self.tree, [f"{label} ({counts[kind]})", ""])
            group.setFirstColumnSpanned(True)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for change in self.changes:
                if change.kind != kind:
                    continue
                texts = self._texts(change)
                item = QTreeWidgetItem(group, texts)
                for column, text in enumerate(texts):
                    item.setToolTip(column, text)
                if kind != "unchanged":
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    # A doubtful change is offered, never applied without the user's tick.
                    checked = not change.problem
                    item.setCheckState(
                        0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                    )
                    self._items.append((item, change))
            group.setExpanded(kind != "unchanged")
        summary = ", ".join(f"{counts[k]} {k}" for k, _ in _GROUPS if counts[k]) or "no clips"
        doubtful = sum(1 for c in self.changes if c.problem and c.kind != "unchanged")
        if doubtful:
            summary += f" ({doubtful} left unchecked: see why in the Change column)"
        self.summary = QLabel(
            f"{summary}. Uncheck what you do not want; Apply makes the rest one undo step.",
            self,
        )
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        if notes:
            note_label = QLabel("\n".join(f"• {n}" for n in notes), self)
            note_label.setObjectName("clipSyncNotes")
            note_label.setWordWrap(True)
            note_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(note_label)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Apply")
        ok.setEnabled(any(c.kind != "unchanged" for c in self.changes))
        layout.addWidget(buttons)

    @staticmethod
    def _texts(change: ClipChange) -> list[str]:
        texts = ClipSyncDialog._plain_texts(change)
        if change.problem:
            texts[2] = f"⚠ {change.problem}" + (f" — {texts[2]}" if texts[2] else "")
        return texts

    @staticmethod
    def _plain_texts(change: ClipChange) -> list[str]:
        if change.kind == "added" and change.new is not None:
            return [change.new.name, _span(change.new.start, change.new.end), "new clip"]
        if change.kind == "removed" and change.old is not None:
            return [change.old[0], _span(change.old[1], change.old[2]), "removed"]
        if change.new is None:
            return ["", "", ""]
        order = ("startOffset", "endOffset", "name", "url")  # short facts first, the rename last
        fields = sorted(
            change.fields.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 9
        )
        details = "; ".join(_describe_field(k, o, n) for k, (o, n) in fields)
        return [change.new.name, _span(change.new.start, change.new.end), details or "no change"]

    def set_all_checked(self, kind: str, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for item, change in self._items:
            if change.kind == kind:
                item.setCheckState(0, state)

    def accepted_changes(self) -> list[ClipChange]:
        """The changes with unchecked ones neutralised: an unchecked addition is dropped,
        an unchecked change is left unchanged, an unchecked removal is kept."""
        unchecked = {
            id(change)
            for item, change in self._items
            if item.checkState(0) != Qt.CheckState.Checked
        }
        result: list[ClipChange] = []
        for change in self.changes:
            if id(change) not in unchecked:
                result.append(change)
            elif change.kind == "changed":
                result.append(
                    ClipChange(
                        "unchanged", change.old_index, change.new_position, change.old, change.new
                    )
                )
            elif change.kind == "removed":
                result.append(ClipChange("kept", change.old_index, None, change.old, None))
        return result

"""A dialog with the unified diff between two versions of a file (Show Differences…)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from editor.core.files.changes import unified_diff
from editor.qt.common.changes_view import DiffView


def diff_view(old_text: str, new_text: str, name: str) -> DiffView:
    """The same palette-aware view as Review Changes, over the diff of two texts."""
    view = DiffView()
    view.set_diff(unified_diff(old_text, new_text, name), "The two versions are identical.")
    return view


class DiffDialog(QDialog):
    """``old_label`` lines are '-', ``new_label`` lines are '+'."""

    def __init__(
        self,
        title: str,
        old_text: str,
        new_text: str,
        name: str,
        explanation: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("diffDialog")
        self.setWindowTitle(title)
        label = QLabel(explanation)
        label.setWordWrap(True)
        self.view = diff_view(old_text, new_text, name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(900, 600)

"""A read-only unified diff between two versions of a file, coloured like ``git diff``."""

from __future__ import annotations

from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.core.changes import unified_diff


def _format(background: str, foreground: str | None = None) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(background))
    if foreground:
        fmt.setForeground(QColor(foreground))
    return fmt


class DiffHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._added = _format("#dafbe1", "#116329")
        self._removed = _format("#ffebe9", "#82071e")
        self._hunk = _format("#ddf4ff", "#0550ae")
        self._header = _format("#f6f8fa", "#57606a")

    def highlightBlock(self, text: str) -> None:
        if text.startswith(("+++", "---")):
            fmt = self._header
        elif text.startswith("@@"):
            fmt = self._hunk
        elif text.startswith("+"):
            fmt = self._added
        elif text.startswith("-"):
            fmt = self._removed
        else:
            return
        self.setFormat(0, len(text), fmt)


def diff_view(old_text: str, new_text: str, name: str) -> QPlainTextEdit:
    view = QPlainTextEdit()
    view.setObjectName("diffView")
    view.setReadOnly(True)
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    diff = unified_diff(old_text, new_text, name)
    view.setPlainText(diff if diff else "The two versions are identical.")
    view.highlighter = DiffHighlighter(view.document())  # type: ignore[attr-defined]
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

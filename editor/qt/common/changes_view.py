"""The Changes view: a summary in transcript terms above a syntax-coloured unified diff."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.core.files.changes import ChangeReport


class DiffHighlighter(QSyntaxHighlighter):
    """Colours a unified diff: added, removed, hunk headers and file headers."""

    def __init__(self, document: QTextDocument, dark: bool = False) -> None:
        super().__init__(document)
        self.dark = dark
        self.formats = _diff_formats(dark)

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self.formats = _diff_formats(dark)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        kind = diff_line_kind(text)
        if kind in self.formats:
            self.setFormat(0, len(text), self.formats[kind])


def diff_line_kind(line: str) -> str:
    if line.startswith(("+++ ", "--- ")):
        return "file"
    if line.startswith("@@"):
        return "hunk"
    if line.startswith("+"):
        return "added"
    if line.startswith("-"):
        return "removed"
    if line.startswith("\\"):
        return "note"
    return "context"


def _diff_formats(dark: bool) -> dict[str, QTextCharFormat]:
    colours = {
        # kind: (foreground, background)
        "added": ("#b5f0c0", "#1e4620") if dark else ("#13501f", "#e4f8e6"),
        "removed": ("#ffc4c4", "#5a1f1f") if dark else ("#7a1414", "#fde8e8"),
        "hunk": ("#9cc7ff", "") if dark else ("#2456a6", ""),
        "file": ("#d0d0d0", "") if dark else ("#444444", ""),
        "note": ("#a0a0a0", "") if dark else ("#777777", ""),
    }
    formats: dict[str, QTextCharFormat] = {}
    for kind, (foreground, background) in colours.items():
        fmt = QTextCharFormat()
        fmt.setForeground(QColor(foreground))
        if background:
            fmt.setBackground(QColor(background))
        if kind in ("hunk", "file"):
            fmt.setFontWeight(QFont.Weight.Bold)
        formats[kind] = fmt
    return formats


class DiffView(QPlainTextEdit):
    """A read-only, monospaced, syntax-coloured unified diff."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diffView")
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.highlighter = DiffHighlighter(self.document(), self.is_dark())

    def is_dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # The theme can change while the view is open (Preferences): recolour the diff.
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "highlighter"):
            dark = self.is_dark()
            if dark != self.highlighter.dark:
                self.highlighter.set_dark(dark)

    def set_diff(self, diff: str, empty_text: str = "No changes.") -> None:
        self.setPlainText(diff.rstrip("\n") if diff else empty_text)


class ChangesWidget(QWidget):
    """The summary list above the raw diff."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("changesHeading")
        self.heading.setWordWrap(True)
        self.summary = QListWidget()
        self.summary.setObjectName("changesSummary")
        self.summary.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.summary.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.diff = DiffView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.diff, 1)

    def set_report(self, report: ChangeReport, name: str) -> None:
        if not report.has_changes:
            self.heading.setText(f"<b>{_escape(name)}</b>: Save would not change the file.")
        else:
            added = sum(1 for line in report.diff.splitlines() if _is_change(line, "+"))
            removed = sum(1 for line in report.diff.splitlines() if _is_change(line, "-"))
            self.heading.setText(
                f"<b>{_escape(name)}</b>: Save would change {added + removed} "
                f"{'line' if added + removed == 1 else 'lines'} "
                f"(<span style='color:#2e8b3d'>+{added}</span> "
                f"<span style='color:#c0392b'>−{removed}</span>)."
            )
        self.summary.clear()
        if report.changed_on_disk:
            self.summary.addItem(
                "⚠ the file changed on disk since it was opened: Save overwrites those changes"
            )
        for sentence in report.summary:
            self.summary.addItem(sentence[:1].upper() + sentence[1:])
        self.summary.setVisible(self.summary.count() > 0)
        rows = min(max(self.summary.count(), 1), 8)
        row_height = self.summary.sizeHintForRow(0) if self.summary.count() else 20
        self.summary.setFixedHeight(rows * row_height + 2 * self.summary.frameWidth() + 4)
        self.diff.set_diff(report.diff)


class ChangesDialog(QDialog):
    """Shows a ``ChangeReport``; with ``confirm=True`` it asks to go on with the save."""

    def __init__(
        self,
        report: ChangeReport,
        name: str,
        confirm: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changesDialog")
        self.setWindowTitle(f"Changes to {name}" if not confirm else f"Save {name}?")
        self.view = ChangesWidget()
        self.view.set_report(report, name)
        if confirm:
            self.buttons = QDialogButtonBox(
                QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            )
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        else:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self.resize(900, 620)
        self.view.diff.setFocus()  # arrow keys and Page Up/Down scroll the diff


def _is_change(line: str, sign: str) -> bool:
    return line.startswith(sign) and not line.startswith(sign * 3 + " ")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

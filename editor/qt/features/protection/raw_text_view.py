"""The raw text of a file that cannot be opened, with the error marked, to fix and retry."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShortcut,
    QShowEvent,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.core import Document, DocumentError

ERROR_LINE_COLOR = QColor(255, 215, 215)
ERROR_CELL_COLOR = QColor(230, 80, 80)


class _LineNumbers(QWidget):
    def __init__(self, editor: NumberedTextEdit) -> None:
        super().__init__(editor)
        self._editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self._editor.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._editor.paint_line_numbers(event)


class NumberedTextEdit(QPlainTextEdit):
    """A plain-text editor with line numbers in a gutter; the error line number is red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error_line: int | None = None
        self._gutter = _LineNumbers(self)
        self.blockCountChanged.connect(self._update_margin)
        self.updateRequest.connect(self._scroll_gutter)
        self._update_margin()

    def gutter_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 12 + self.fontMetrics().horizontalAdvance("9") * max(3, digits)

    def _update_margin(self, *_args: object) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        area = self.contentsRect()
        self._gutter.setGeometry(QRect(area.left(), area.top(), self.gutter_width(), area.height()))

    def paint_line_numbers(self, event: QPaintEvent) -> None:
        painter = QPainter(self._gutter)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.alternateBase())
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        width = self._gutter.width() - 6
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                number = block.blockNumber() + 1
                if number == self.error_line:
                    painter.fillRect(0, top, self._gutter.width(), height, ERROR_CELL_COLOR)
                    painter.setPen(QColor(Qt.GlobalColor.white))
                else:
                    painter.setPen(palette.placeholderText().color())
                painter.drawText(0, top, width, height, Qt.AlignmentFlag.AlignRight, str(number))
            block = block.next()
            top = bottom
        painter.end()

    def mark_error(self, line: int | None, column: int | None) -> None:
        """Highlight ``line`` (1-based) and put the cursor at ``column``."""
        self.error_line = line
        selections: list[QTextEdit.ExtraSelection] = []
        if line is not None:
            block = self.document().findBlockByNumber(max(0, line - 1))
            if block.isValid():
                whole_line = QTextEdit.ExtraSelection()
                whole_line.format.setBackground(ERROR_LINE_COLOR)
                whole_line.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
                whole_line.cursor = QTextCursor(block)
                selections.append(whole_line)
                cursor = QTextCursor(block)
                offset = min(max(0, (column or 1) - 1), max(0, block.length() - 1))
                cursor.setPosition(block.position() + offset)
                if offset < block.length() - 1:
                    at_column = QTextEdit.ExtraSelection()
                    at_column.format.setBackground(ERROR_CELL_COLOR)
                    at_column.format.setForeground(QColor(Qt.GlobalColor.white))
                    at_column.cursor = QTextCursor(cursor)
                    at_column.cursor.movePosition(
                        QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor
                    )
                    selections.append(at_column)
                self.setTextCursor(cursor)
                self.centerCursor()
        self.setExtraSelections(selections)
        self._gutter.update()


class RawTextView(QWidget):
    """Shows why a file cannot be opened and lets the user fix its text.

    "Try again" parses the edited text; on success ``documentReady`` carries the new
    ``Document`` (with the file's path), which the window shows as modified.
    """

    documentReady = Signal(object)

    def __init__(
        self,
        path: Path | None,
        text: str,
        error: DocumentError,
        lossy: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rawTextView")
        self.path = path
        self.error: DocumentError | None = error

        self.title = QLabel()
        self.title.setObjectName("rawTextTitle")
        title_font = self.title.font()
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.message = QLabel()
        self.message.setObjectName("rawTextMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = QLabel(
            "Fix the text below and choose Try Again. "
            + ("Bytes that are not UTF-8 are shown as \ufffd. " if lossy else "")
            + "Nothing is written to disk until you save."
        )
        self.hint.setWordWrap(True)

        self.editor = NumberedTextEdit()
        self.editor.setObjectName("rawTextEditor")
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setPlainText(text)

        self.go_to_error_button = QPushButton("&Go to Error")
        self.go_to_error_button.clicked.connect(self.show_error)
        self.try_again_button = QPushButton("&Try Again")
        self.try_again_button.setObjectName("tryAgainButton")
        self.try_again_button.setToolTip("Open the edited text (Ctrl+Return)")
        self.try_again_button.clicked.connect(self.try_again)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.try_again)

        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        texts.addWidget(self.title)
        texts.addWidget(self.message)
        texts.addWidget(self.hint)
        header = QHBoxLayout()
        header.addWidget(icon)
        header.addLayout(texts, 1)
        self.button_row = QHBoxLayout()
        self.button_row.addWidget(self.go_to_error_button)
        self.button_row.addStretch(1)
        self.button_row.addWidget(self.try_again_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.editor, 1)
        layout.addLayout(self.button_row)
        self._show(error)

    def text(self) -> str:
        return self.editor.toPlainText()

    def show_error(self) -> None:
        if self.error is not None:
            self.editor.mark_error(self.error.line, self.error.column)
        self.editor.setFocus()

    def try_again(self) -> Document | None:
        try:
            document = Document.from_text(self.text(), self.path)
        except DocumentError as error:
            self._show(error)
            return None
        self.error = None
        self.editor.mark_error(None, None)
        self.message.setText("The text opens now.")
        self.documentReady.emit(document)
        return document

    def _show(self, error: DocumentError) -> None:
        self.error = error
        name = self.path.name if self.path is not None else "This file"
        self.title.setText(f"{name} cannot be opened")
        self.message.setText(f"Line {error.line}, column {error.column}: {error.message}")
        self.show_error()


class RawTextDialog(QDialog):
    """``RawTextView`` in a window of its own; ``document`` is set once the text opens."""

    def __init__(
        self,
        path: Path | None,
        text: str,
        error: DocumentError,
        lossy: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rawTextDialog")
        self.setWindowTitle(f"Fix {path.name}" if path is not None else "Fix the file")
        self.document: Document | None = None
        self.view = RawTextView(path, text, error, lossy)
        self.view.documentReady.connect(self._accept_document)
        cancel = QPushButton("Cancel")
        cancel.setObjectName("cancelButton")
        cancel.clicked.connect(self.reject)
        self.view.button_row.insertWidget(self.view.button_row.count() - 1, cancel)
        self.view.try_again_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        self.resize(900, 640)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.view.editor.setFocus()  # typing goes to the text, at the error

    def _accept_document(self, document: Document) -> None:
        self.document = document
        self.accept()

"""Painting and editing of transcript cells.

Rows have one uniform height (a few text lines) so the view never measures 10,000 wrapped
texts; the text delegate wraps and elides within the row, the tooltip has the whole text,
and its editor grows over the rows below while editing.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QStringListModel,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QPolygonF,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QCompleter,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from editor.core.episode import transcript as core
from editor.qt.tabs.transcript.model import SPEAKER, BackwardsRole, HeaderRole

AnyIndex = QModelIndex | QPersistentModelIndex
BACKWARDS_COLOR = QColor(215, 60, 30)
HIGHLIGHT_COLOR = QColor(255, 200, 0, 110)
WRAPPED_LINES_KEPT = 512  # a few screens of rows


class ColumnDelegate(QStyledItemDelegate):
    """A delegate set for one column (``TranscriptView`` closes its editor before a model
    reset or a row removal: Qt would leave this delegate hooked to it)."""


class TimeDelegate(ColumnDelegate):
    """The Time column; on a header row it is the spanned, full-width section title."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        if not index.data(BackwardsRole):
            super().paint(painter, option, index)
            return
        # A line going back in time: red text and a red marker.
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.palette.setColor(QPalette.ColorRole.Text, BACKWARDS_COLOR)  # type: ignore[attr-defined, unused-ignore]
        widget = opt.widget  # type: ignore[attr-defined, unused-ignore]
        style = widget.style() if widget is not None else None
        if style is None:
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BACKWARDS_COLOR)
        rect = opt.rect  # type: ignore[attr-defined, unused-ignore]
        left, top = rect.left() + 3, rect.top() + 4
        painter.drawPolygon(
            QPolygonF([QPointF(left, top), QPointF(left + 8, top), QPointF(left + 4, top + 7)])
        )
        painter.restore()

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if index.data(HeaderRole):
            editor.setPlaceholderText("Section title")
            editor.setObjectName("headerEditor")
        else:
            editor.setPlaceholderText("1:02:03, 62:03, 3723 or PT1H2M3S")
            editor.setObjectName("timeEditor")
        return editor


class SpeakerDelegate(ColumnDelegate):
    """A line editor completing from the episode's speakers."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setObjectName("speakerEditor")
        model = index.model()
        items = model.items() if hasattr(model, "items") else []
        completer = QCompleter(QStringListModel(core.speakers(items), editor), editor)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        editor.setCompleter(completer)
        return editor


class LineTextEdit(QPlainTextEdit):
    """The text editor: Enter commits, Shift+Enter starts a new line, Escape cancels."""

    def __init__(self, delegate: TextDelegate, parent: QWidget) -> None:
        super().__init__(parent)
        self._delegate = delegate
        self.setObjectName("lineEditor")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(True)
        self.setFrameShape(QPlainTextEdit.Shape.Box)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            modifiers = event.modifiers()
            if modifiers & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
                return
            if not modifiers & ~Qt.KeyboardModifier.KeypadModifier:
                self._delegate.commitData.emit(self)
                self._delegate.closeEditor.emit(self, QAbstractItemDelegate.EndEditHint.NoHint)
                return
        super().keyPressEvent(event)


class TextDelegate(ColumnDelegate):
    """Wrapped, elided text within the uniform row height; a growing multi-line editor."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.active_editor: LineTextEdit | None = None
        self.highlight: re.Pattern[str] | None = None  # find matches to mark
        self.highlight_speaker: str | None = None  # ...only in this speaker's lines
        self._wrapped: dict[tuple[str, str, int, int], list[tuple[int, str]]] = {}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text: str = opt.text  # type: ignore[attr-defined, unused-ignore]
        opt.text = ""  # type: ignore[attr-defined, unused-ignore]
        widget = opt.widget  # type: ignore[attr-defined, unused-ignore]
        style = widget.style() if widget is not None else None
        if style is None:
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        rect = rect.adjusted(2, 1, -2, -1)
        if not text or rect.width() <= 0:
            return
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined, unused-ignore]
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(opt.palette.color(role))  # type: ignore[attr-defined, unused-ignore]
        font = opt.font  # type: ignore[attr-defined, unused-ignore]
        painter.setFont(font)
        metrics = opt.fontMetrics  # type: ignore[attr-defined, unused-ignore]
        line_height = metrics.lineSpacing()
        max_lines = max(1, rect.height() // line_height)
        lines = self._wrapped_lines(text, font, rect.width(), max_lines)
        if self.highlight is not None and self._speaker_matches(index):
            flat = text.replace("\n", " ")
            for number, (offset, line) in enumerate(lines):
                line_rect = QRect(
                    rect.left(), rect.top() + number * line_height, rect.width(), line_height
                )
                self._paint_matches(painter, metrics, line_rect, flat, offset, line)
        # Each line centred in its line height, drawn at its baseline: the lines are wrapped
        # already, so no text layout is needed to draw them.
        baseline = rect.top() + (line_height - metrics.height()) / 2 + metrics.ascent()
        for number, (_offset, line) in enumerate(lines):
            painter.drawText(QPointF(rect.left(), baseline + number * line_height), line)
        painter.restore()

    def _wrapped_lines(
        self, text: str, font: Any, width: int, max_lines: int
    ) -> list[tuple[int, str]]:
        """``wrapped_lines``, remembered for the rows painted lately: closing an editor,
        a selection or the window repaint every visible row, and few of them changed."""
        key = (text, font.key(), width, max_lines)
        lines = self._wrapped.get(key)
        if lines is None:
            lines = wrapped_lines(text, font, width, max_lines)
            if len(self._wrapped) >= WRAPPED_LINES_KEPT:
                del self._wrapped[next(iter(self._wrapped))]
            self._wrapped[key] = lines
        return lines

    def _speaker_matches(self, index: AnyIndex) -> bool:
        if self.highlight_speaker is None:
            return True
        model = index.model()
        return bool(model.index(index.row(), SPEAKER).data() == self.highlight_speaker)

    def _paint_matches(
        self, painter: QPainter, metrics: Any, rect: QRect, flat: str, offset: int, line: str
    ) -> None:
        """Mark find matches behind the text of one wrapped line."""
        assert self.highlight is not None
        visible = len(line.rstrip("…")) if line.endswith("…") else len(line)
        for match in self.highlight.finditer(flat, offset, offset + visible):
            if match.end() <= match.start():
                continue
            left = metrics.horizontalAdvance(flat[offset : match.start()])
            width = metrics.horizontalAdvance(match.group())
            painter.fillRect(
                QRect(rect.left() + left, rect.top(), width, rect.height()), HIGHLIGHT_COLOR
            )

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        editor = LineTextEdit(self, parent)
        # The previous editor is deleted later, possibly after this one opened: forget an
        # editor only if it is still the active one.
        key = id(editor)
        editor.destroyed.connect(lambda *_: self._forget_editor(key))
        self.active_editor = editor
        return editor

    def _forget_editor(self, key: int) -> None:
        if self.active_editor is not None and id(self.active_editor) == key:
            self.active_editor = None

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QPlainTextEdit):
            text = str(index.data(Qt.ItemDataRole.EditRole) or "")
            if editor.toPlainText() != text:
                editor.setPlainText(text)
                editor.moveCursor(editor.textCursor().MoveOperation.End)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        rect = QRect(option.rect)  # type: ignore[attr-defined, unused-ignore]
        viewport = editor.parentWidget()
        metrics = editor.fontMetrics()
        wanted = metrics.lineSpacing() * 5 + 12
        if viewport is not None:
            room = viewport.height() - rect.top()
            if room < wanted and rect.bottom() > wanted:
                rect.moveBottom(min(viewport.height(), rect.bottom()))
                rect.setTop(max(0, rect.bottom() - wanted))
            else:
                rect.setHeight(max(rect.height(), min(wanted, room)))
        editor.setGeometry(rect)


def wrapped_lines(text: str, font: Any, width: int, max_lines: int) -> list[tuple[int, str]]:
    """``text`` wrapped to ``width`` pixels: at most ``max_lines`` ``(offset, line)`` pairs,
    the last elided when the text goes on. Line breaks show as spaces.

    Only the start of a long text is shaped. A line's break depends on the text up to the
    next line, so a prefix that reaches into the line after the ones shown breaks them as
    the whole text would, and the ellipsis needs no more than the next line: the last line
    shown and the next one did not fit in one line, as the rest of the text does not. A
    prefix that falls short (characters wider than the font's average) is not trusted and
    the whole text is laid out."""
    flat = text.replace("\n", " ")
    metrics = QFontMetrics(font)
    budget = (max_lines + 1) * (width // max(1, metrics.averageCharWidth()) + 1)
    spans = _line_spans(flat[:budget], font, width, max_lines + 1)
    if len(flat) > budget and not (
        len(spans) > max_lines and budget - spans[max_lines][0] >= LINE_BREAK_LOOKAHEAD
    ):
        spans = _line_spans(flat, font, width, max_lines + 1)
    lines = [(start, flat[start : start + length].rstrip()) for start, length in spans[:max_lines]]
    if len(spans) > max_lines and lines:
        start = spans[max_lines - 1][0]
        end = spans[max_lines][0] + spans[max_lines][1]
        lines[-1] = (start, metrics.elidedText(flat[start:end], Qt.TextElideMode.ElideRight, width))
    return lines


LINE_BREAK_LOOKAHEAD = 8  # characters after a break that Unicode line breaking may look at


def _line_spans(text: str, font: Any, width: int, max_lines: int) -> list[tuple[int, int]]:
    """``(start, length)`` of the first ``max_lines`` lines of ``text`` wrapped to ``width``."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    spans: list[tuple[int, int]] = []
    while len(spans) < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    return spans

"""A one-line label that elides its text (in the middle) and shows all of it in a tooltip."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyleOption, QWidget


class ElidedLabel(QLabel):
    """Paths keep both ends ("/work/site/…/tide-charts-and-lamp-oil.md") when cut (messages
    are better cut at the end: ``elide_mode``).

    ``text()`` is the full text, and the tooltip always shows all of it.
    """

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        preferred_width: int = 420,
        elide_mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle,
    ) -> None:
        super().__init__(parent)
        self._preferred_width = preferred_width
        self._elide_mode = elide_mode
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)
        self.updateGeometry()

    def shown_text(self) -> str:
        """What is painted at the current width."""
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), self._elide_mode, width)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        full = self.fontMetrics().horizontalAdvance(self.text()) + 2 * self.margin() + 4
        return QSize(min(full, self._preferred_width), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(
            min(self.sizeHint().width(), self.fontMetrics().averageCharWidth() * 12), hint.height()
        )

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawItemText(
            painter,
            self.contentsRect(),
            int(self.alignment() | Qt.AlignmentFlag.AlignVCenter),
            option.palette,
            self.isEnabled(),
            self.shown_text(),
            self.foregroundRole(),
        )
        painter.end()

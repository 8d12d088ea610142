"""Follow playback and tap timing in the Transcript tab.

The line being spoken (the last timed line at or before the playhead) is outlined by an
overlay on the table, and kept in view while following is on. Tap timing sets the current
line's time to the playhead (or the playhead minus a reaction delay) and moves to the next
line; each tap is one undo step, so Ctrl+Z takes back the last tap only.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QWidget

from editor.core.episode import transcript as core
from editor.qt.tabs.transcript.model import TIME

if TYPE_CHECKING:
    from editor.qt.tabs.transcript.tab import TranscriptTab


class PlayingRowOverlay(QWidget):
    """An outline over the row being played; lets every mouse event through."""

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(viewport)
        self.setObjectName("playingRowOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        colour.setAlpha(40)
        painter.fillRect(self.rect(), colour)
        colour.setAlpha(255)
        painter.setPen(QPen(colour, 2))
        painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
        painter.end()


class TranscriptFollower(QObject):
    def __init__(self, tab: TranscriptTab, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tab = tab
        self.view = tab.view
        self.model = tab.model
        self.follow = True
        self.playing_row = -1
        self._times: list[int] | None = None  # seconds, sorted
        self._rows: list[int] = []
        self.overlay = PlayingRowOverlay(self.view.viewport())
        tab.session.dataEdited.connect(self._forget_times)
        self.model.modelReset.connect(self._forget_times)
        self.view.verticalScrollBar().valueChanged.connect(self._place_overlay)
        self.view.horizontalScrollBar().valueChanged.connect(self._place_overlay)
        self.view.viewport().installEventFilter(self)

    # -- which row is playing --------------------------------------------------------

    def _forget_times(self, *_: Any) -> None:
        self._times = None

    def row_at(self, seconds: float) -> int:
        """The last timed line starting at or before ``seconds`` (-1: before the first)."""
        if self._times is None:
            pairs = sorted(
                (value, row)
                for row, item in enumerate(self.model.items())
                if core.is_line(item) and (value := core.item_seconds(item)) is not None
            )
            self._times = [value for value, _ in pairs]
            self._rows = [row for _, row in pairs]
        index = bisect.bisect_right(self._times, seconds) - 1
        if index < 0:
            return -1
        first_at_that_time = bisect.bisect_left(self._times, self._times[index])
        return self._rows[first_at_that_time]

    def show_position(self, seconds: float) -> None:
        row = self.row_at(seconds)
        if row != self.playing_row:
            self.playing_row = row
            if self.follow and row >= 0:
                self.view.scrollTo(
                    self.model.index(row, TIME), QAbstractItemView.ScrollHint.EnsureVisible
                )
        self._place_overlay()

    def set_follow(self, on: bool) -> None:
        self.follow = on
        self._place_overlay()
        if on and self.playing_row >= 0:
            self.view.scrollTo(self.model.index(self.playing_row, TIME))

    def clear(self) -> None:
        self.playing_row = -1
        self.overlay.hide()

    def _place_overlay(self, *_: Any) -> None:
        row = self.playing_row
        if not self.follow or not 0 <= row < self.model.rowCount():
            self.overlay.hide()
            return
        first = self.view.visualRect(self.model.index(row, 0))
        last = self.view.visualRect(self.model.index(row, self.model.columnCount() - 1))
        rect: QRect = first.united(last)
        if rect.isEmpty():
            self.overlay.hide()
            return
        self.overlay.setGeometry(rect)
        self.overlay.show()
        self.overlay.raise_()
        self.overlay.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place_overlay()
        return False

    # -- tap timing ------------------------------------------------------------------

    def current_line_row(self) -> int:
        """The current row, or the first line after it when it is a header (-1: none)."""
        current = self.view.currentIndex()
        row = current.row() if current.isValid() else 0
        return self._line_from(row)

    def _line_from(self, row: int) -> int:
        items = self.model.items()
        for index in range(max(0, row), len(items)):
            if core.is_line(items[index]):
                return index
        return -1

    def tap(self, seconds: float) -> str | None:
        """Set the current line's time to ``seconds`` (whole seconds, rounded down: the tap
        comes after the speech starts) and move to the next line. Returns a refusal."""
        row = self.current_line_row()
        if row < 0:
            return "Tap timing: there is no line left to time."
        items = self.model.items()
        value = max(0, int(seconds))
        edits = core.line_time_edits(items[row], row, value, self.model.time_style())
        self.tab.session.push_edits(edits, f"Tap time of line {row + 1}")
        following = self._line_from(row + 1)
        self.view.select_rows(following if following >= 0 else row, column=TIME)
        return None

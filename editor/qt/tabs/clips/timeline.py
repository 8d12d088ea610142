"""The timeline: ruler, waveform, a lane of clips and a lane of transcript sections.

Painting and mouse handling only. What it draws comes from ``TimelineContent`` (plain values
the tab rebuilds when the document changes); edits leave as signals (``edgeDragFinished``)
that the tab turns into one undoable command per drag. The time↔pixel mapping is the pure
``editor.core.episode.clips.TimeScale``.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollBar,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from editor.core.episode.clips import Interval, Section, TimeScale, snap_time
from editor.core.episode.timecode import format_hms, format_time

if TYPE_CHECKING:  # numpy comes with it: imported when audio is analysed, not at start
    from editor.qt.tabs.clips.spectrogram_lane import SpectrogramLane

EDGE_GRAB_PIXELS = 6
SNAP_PIXELS = 8
ZOOM_STEP = 1.25
SPECTRUM_LANE_HEIGHT = 48
NO_WAVEFORM_HINT = "No waveform: attach the episode's audio to see it here."


@dataclass(frozen=True)
class TimelineClip:
    row: int
    name: str
    start: int
    end: int


@dataclass
class TimelineContent:
    duration: int = 1
    clips: list[TimelineClip] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    intervals: list[Interval] = field(default_factory=list)  # overlaps and gaps
    line_times: list[int] = field(default_factory=list)  # sorted: the snapping targets
    flagged_rows: set[int] = field(default_factory=set)  # clips with problems (marked)


@dataclass
class Waveform:
    """Peak amplitude (0..1) per bucket of ``1 / rate`` seconds."""

    peaks: array = field(default_factory=lambda: array("f"))
    rate: float = 50.0


@dataclass
class _Drag:
    row: int
    edge: str  # "start" | "end"
    original: int
    value: int
    snapped: bool = False
    # Neighbours sharing the dragged boundary move with it (a cut between two chapters).
    linked: list[tuple[int, str]] = field(default_factory=list)

    def edges(self) -> list[tuple[int, str]]:
        return [(self.row, self.edge), *self.linked]


@dataclass(frozen=True)
class _Lanes:
    ruler: QRectF
    wave: QRectF
    clips: QRectF
    sections: QRectF
    spectrum: QRectF  # empty until a spectrogram is set


class TimelineWidget(QWidget):
    """Custom-painted timeline of one episode."""

    clipClicked = Signal(int, object)  # row, Qt.KeyboardModifiers
    sectionClicked = Signal(object)  # Section
    edgeDragFinished = Signal(object, int)  # [(row, "start" | "end"), ...], seconds
    dragPreview = Signal(str)  # status text while dragging ("" when done)
    timeActivated = Signal(float)  # double-click on empty space: play from there
    contextMenuAt = Signal(float, int, str, QPoint)  # seconds, row (-1), edge (""), global pos
    viewChanged = Signal()  # zoom or scroll changed (the scroll bar follows)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clipTimeline")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(150)
        self.setAccessibleName("Clip timeline")
        self.content = TimelineContent()
        self.scale = TimeScale(1, max(1, self.width()))
        self.selected_rows: set[int] = set()
        self.waveform: Waveform | None = None
        self.spectrogram: SpectrogramLane | None = None
        self.waveform_hint = NO_WAVEFORM_HINT
        self.cursor_time: float | None = None
        self.follow_cursor = True
        self._drag: _Drag | None = None
        self._sub_lane: dict[int, int] = {}  # row -> sub-lane, so overlapping clips stack
        self._sub_lane_count = 1

    def sizeHint(self) -> QSize:
        return QSize(800, 150)

    # -- state from the tab ----------------------------------------------------------

    def set_content(self, content: TimelineContent) -> None:
        if self._drag is not None:
            self._drag = None  # the clips changed under the drag (undo, reload): drop it
            self.dragPreview.emit("")
        duration_changed = content.duration != self.content.duration
        self.content = content
        self._pack_sub_lanes()
        if duration_changed:
            self.scale.set_duration(content.duration)
            self.scale.fit()
            self.viewChanged.emit()
        self.update()

    def _pack_sub_lanes(self) -> None:
        ends: list[int] = []  # last end per sub-lane
        self._sub_lane = {}
        for clip in sorted(self.content.clips, key=lambda c: (c.start, c.end, c.row)):
            lane = next((i for i, end in enumerate(ends) if end <= clip.start), len(ends))
            if lane == len(ends):
                ends.append(clip.end)
            else:
                ends[lane] = clip.end
            self._sub_lane[clip.row] = lane
        self._sub_lane_count = max(1, min(len(ends), 4))
        for row, lane in self._sub_lane.items():
            self._sub_lane[row] = min(lane, self._sub_lane_count - 1)
        self.setMinimumHeight(150 + self._clips_lane_height() - 34)

    def _clips_lane_height(self) -> int:
        return 34 if self._sub_lane_count == 1 else 22 * self._sub_lane_count

    def set_selected_rows(self, rows: set[int]) -> None:
        if rows != self.selected_rows:
            self.selected_rows = set(rows)
            self.update()

    def set_waveform(self, waveform: Waveform | None) -> None:
        self.waveform = waveform
        self.update()

    def set_waveform_hint(self, text: str) -> None:
        """What the empty waveform lane says (no audio attached, or the file is missing)."""
        if text != self.waveform_hint:
            self.waveform_hint = text
            self.update()

    def set_spectrogram(self, lane: SpectrogramLane | None) -> None:
        self.spectrogram = lane
        self.setMinimumHeight(150 + (SPECTRUM_LANE_HEIGHT if lane is not None else 0))
        self.update()

    def set_cursor_time(self, seconds: float | None) -> None:
        self.cursor_time = seconds
        if seconds is not None and self.follow_cursor and self._drag is None:
            before = self.scale.scroll
            self.scale.ensure_visible(seconds, padding=40)
            if self.scale.scroll != before:
                self.viewChanged.emit()
        self.update()

    def reveal(self, start: float, end: float) -> None:
        """Scroll so ``[start, end]`` is visible (zooming out if it cannot fit)."""
        span_px = (end - start) * self.scale.pixels_per_second
        if span_px > self.width() - 40:
            self.scale.zoom((self.width() - 40) / max(1.0, span_px))
        self.scale.ensure_visible(end, padding=20)
        self.scale.ensure_visible(start, padding=20)
        self.viewChanged.emit()
        self.update()

    def cancel_drag(self) -> None:
        if self._drag is not None:
            self._drag = None
            self.dragPreview.emit("")
            self.update()

    # -- zoom and scroll -------------------------------------------------------------

    def zoom_by(self, factor: float, anchor_x: float | None = None) -> None:
        self.scale.zoom(factor, anchor_x)
        self.viewChanged.emit()
        self.update()

    def zoom_to_fit(self) -> None:
        self.scale.fit()
        self.viewChanged.emit()
        self.update()

    def set_scroll(self, pixels: float) -> None:
        self.scale.set_scroll(pixels)
        self.viewChanged.emit()
        self.update()

    # -- geometry --------------------------------------------------------------------

    def lanes(self) -> _Lanes:
        width = float(self.width())
        top = 0.0
        ruler = QRectF(0, top, width, 20)
        wave = QRectF(0, ruler.bottom() + 2, width, 44)
        spectrum_height = SPECTRUM_LANE_HEIGHT if self.spectrogram is not None else 0
        spectrum = QRectF(0, wave.bottom() + (2 if spectrum_height else 0), width, spectrum_height)
        clips = QRectF(0, spectrum.bottom() + 4, width, self._clips_lane_height())
        sections = QRectF(
            0, clips.bottom() + 6, width, max(20.0, self.height() - clips.bottom() - 10)
        )
        return _Lanes(ruler, wave, clips, sections, spectrum)

    def clip_rect(
        self, clip: TimelineClip, start: float | None = None, end: float | None = None
    ) -> QRectF:
        lane = self.lanes().clips
        x0 = self.scale.x_for(clip.start if start is None else start)
        x1 = self.scale.x_for(clip.end if end is None else end)
        height = lane.height() / self._sub_lane_count
        top = lane.top() + height * self._sub_lane.get(clip.row, 0)
        return QRectF(x0, top, max(1.0, x1 - x0), height)

    def _shown_span(self, clip: TimelineClip) -> tuple[int, int]:
        start, end = clip.start, clip.end
        if self._drag is not None:
            for row, edge in self._drag.edges():
                if row == clip.row and edge == "start":
                    start = self._drag.value
                elif row == clip.row:
                    end = self._drag.value
        return start, end

    def hit_test(self, pos: QPointF) -> tuple[int, str]:
        """(row, edge) under ``pos``: edge is "start", "end" or "" for the bar's body;
        row is -1 when no clip is there. Selected clips win ties at shared edges."""
        lane = self.lanes().clips
        if not (lane.top() - 4 <= pos.y() <= lane.bottom() + 4):
            return -1, ""
        best: tuple[float, int, str] | None = None
        for clip in self.content.clips:
            rect = self.clip_rect(clip)
            if not (rect.top() - 4 <= pos.y() <= rect.bottom() + 4):
                continue
            x0, x1 = self.scale.x_for(clip.start), self.scale.x_for(clip.end)
            preference = 0.0 if clip.row in self.selected_rows else 0.5
            for edge, x in (("start", x0), ("end", x1)):
                distance = abs(pos.x() - x)
                if distance <= EDGE_GRAB_PIXELS:
                    # At a shared edge prefer the clip whose side the pointer is on.
                    inside = (pos.x() >= x) if edge == "start" else (pos.x() <= x)
                    score = distance + preference + (0 if inside else 0.25)
                    if best is None or score < best[0]:
                        best = (score, clip.row, edge)
        if best is not None:
            return best[1], best[2]
        for clip in reversed(self.content.clips):
            if self.clip_rect(clip).adjusted(0, -4, 0, 4).contains(pos):
                return clip.row, ""
        return -1, ""

    def section_at(self, pos: QPointF) -> Section | None:
        lane = self.lanes().sections
        if not (lane.top() <= pos.y() <= lane.top() + min(lane.height(), 26.0)):
            return None
        seconds = self.scale.time_for(pos.x())
        for section in self.content.sections:
            end = section.end if section.end is not None else self.content.duration
            if section.start is not None and section.start <= seconds < end:
                return section
        return None

    # -- painting --------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        lanes = self.lanes()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        self._paint_ruler(painter, lanes.ruler, palette)
        self._paint_waveform(painter, lanes.wave, palette)
        if self.spectrogram is not None:
            self._paint_spectrogram(painter, lanes.spectrum, self.spectrogram)
        self._paint_intervals(painter, lanes)
        self._paint_clips(painter, lanes.clips, palette)
        self._paint_sections(painter, lanes.sections, palette)
        end_x = self.scale.x_for(self.content.duration)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(end_x, lanes.ruler.bottom()), QPointF(end_x, self.height()))
        if self.cursor_time is not None:
            x = self.scale.x_for(self.cursor_time)
            painter.setPen(QPen(QColor(230, 40, 40), 2))
            painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))
        if self.hasFocus():
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1))
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    def _paint_ruler(self, painter: QPainter, rect: QRectF, palette: QPalette) -> None:
        painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        step = self.scale.tick_step()
        first, last = self.scale.visible_range()
        tick = int(first // step) * step
        metrics = QFontMetrics(self.font())
        while tick <= last + step:
            x = self.scale.x_for(tick)
            painter.drawLine(QPointF(x, rect.bottom() - 6), QPointF(x, rect.bottom()))
            label = format_time(tick)
            if x + 3 + metrics.horizontalAdvance(label) <= rect.right():
                painter.drawText(QPointF(x + 3, rect.top() + metrics.ascent() + 1), label)
            tick += step

    def _paint_waveform(self, painter: QPainter, rect: QRectF, palette: QPalette) -> None:
        painter.fillRect(rect, palette.color(QPalette.ColorRole.Window).darker(104))
        waveform = self.waveform
        if waveform is None or not waveform.peaks:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                rect.adjusted(8, 0, 0, 0),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                self.waveform_hint,
            )
            return
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight).darker(120), 1))
        mid = rect.center().y()
        half = rect.height() / 2 - 2
        peaks = waveform.peaks
        count = len(peaks)
        start_x = max(0, int(self.scale.x_for(0)))
        end_x = min(self.width(), int(self.scale.x_for(count / waveform.rate)) + 1)
        for x in range(start_x, end_x):
            first = int(self.scale.time_for(x) * waveform.rate)
            last = max(first + 1, int(self.scale.time_for(x + 1) * waveform.rate))
            if first >= count:
                break
            value = max(peaks[max(0, first) : min(count, last)], default=0.0)
            height = max(0.5, value * half)
            painter.drawLine(QPointF(x + 0.5, mid - height), QPointF(x + 0.5, mid + height))

    def _paint_spectrogram(self, painter: QPainter, rect: QRectF, lane: SpectrogramLane) -> None:
        width = int(rect.width())
        first = self.scale.time_for(0)
        image = lane.image(first, self.scale.time_for(1) - first, width)
        if image is not None:
            painter.drawImage(rect, image)

    def _clamp_x(self, seconds: float) -> float:
        """The x of ``seconds``, kept near the widget: painting rectangles millions of pixels
        wide (a bogus clip end far past the episode) stalls the rasterizer."""
        return min(max(self.scale.x_for(seconds), -10.0), self.width() + 10.0)

    def _paint_intervals(self, painter: QPainter, lanes: _Lanes) -> None:
        top, bottom = lanes.wave.top(), lanes.clips.bottom()
        for interval in self.content.intervals:
            x0, x1 = self._clamp_x(interval.start), self._clamp_x(interval.end)
            rect = QRectF(x0, top, max(2.0, x1 - x0), bottom - top)
            if interval.kind == "overlap":
                painter.fillRect(rect, QColor(230, 40, 40, 70))
                painter.fillRect(rect, QBrush(QColor(200, 0, 0, 140), Qt.BrushStyle.BDiagPattern))
            else:
                painter.fillRect(rect, QColor(255, 190, 0, 70))
                painter.fillRect(rect, QBrush(QColor(200, 140, 0, 150), Qt.BrushStyle.FDiagPattern))

    def _paint_clips(self, painter: QPainter, lane: QRectF, palette: QPalette) -> None:
        highlight = palette.color(QPalette.ColorRole.Highlight)
        metrics = QFontMetrics(self.font())
        ordered = sorted(self.content.clips, key=lambda c: c.row in self.selected_rows)
        for clip in ordered:
            start, end = self._shown_span(clip)
            rect = self.clip_rect(clip, start, end).adjusted(0, 2, 0, -2)
            rect.setLeft(max(rect.left(), -10.0))
            rect.setRight(min(rect.right(), self.width() + 10.0))
            if rect.width() <= 0:
                continue
            selected = clip.row in self.selected_rows
            fill = QColor(highlight)
            fill.setAlpha(235 if selected else 110)
            if end <= start:
                fill = QColor(220, 40, 40, 200)
            painter.fillRect(rect, fill)
            if clip.row in self.content.flagged_rows:  # a problem: orange stripe along the foot
                painter.fillRect(
                    QRectF(rect.left(), rect.bottom() - 3, rect.width(), 3), QColor(235, 120, 0)
                )
            border = palette.color(QPalette.ColorRole.Text) if selected else highlight.darker(140)
            painter.setPen(QPen(border, 2 if selected else 1))
            painter.drawRect(rect)
            if rect.width() > 24:
                painter.setPen(
                    palette.color(
                        QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
                    )
                )
                text = metrics.elidedText(
                    f"{clip.row + 1}. {clip.name}",
                    Qt.TextElideMode.ElideRight,
                    int(rect.width()) - 8,
                )
                painter.drawText(
                    rect.adjusted(4, 0, -4, 0),
                    int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                    text,
                )
        if self._drag is not None:
            x = self.scale.x_for(self._drag.value)
            color = (
                QColor(0, 150, 60) if self._drag.snapped else palette.color(QPalette.ColorRole.Text)
            )
            painter.setPen(QPen(color, 2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, lane.top() - 30), QPointF(x, self.height()))

    def _paint_sections(self, painter: QPainter, lane: QRectF, palette: QPalette) -> None:
        metrics = QFontMetrics(self.font())
        colors = (
            palette.color(QPalette.ColorRole.AlternateBase).darker(110),
            palette.color(QPalette.ColorRole.Window).darker(115),
        )
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        shown = [s for s in self.content.sections if s.start is not None]
        for position, section in enumerate(shown):
            assert section.start is not None
            end = section.end if section.end is not None else self.content.duration
            x0, x1 = self._clamp_x(section.start), self._clamp_x(end)
            rect = QRectF(x0, lane.top(), max(1.0, x1 - x0), min(lane.height(), 26.0))
            painter.fillRect(rect.adjusted(0, 0, -1, 0), colors[position % 2])
            if rect.width() > 24:
                text = metrics.elidedText(
                    section.header, Qt.TextElideMode.ElideRight, int(rect.width()) - 8
                )
                painter.drawText(
                    rect.adjusted(4, 0, -4, 0),
                    int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                    text,
                )
        # line times as ticks under the sections: what edges snap to
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        y = lane.top() + min(lane.height(), 26.0) + 2
        first, last = self.scale.visible_range()
        for sec in self.content.line_times:
            if first <= sec <= last:
                x = self.scale.x_for(sec)
                painter.drawLine(QPointF(x, y), QPointF(x, y + 4))

    # -- mouse and keys --------------------------------------------------------------

    def _snap_targets(self, rows: set[int]) -> list[int]:
        edges = {c.start for c in self.content.clips if c.row not in rows}
        edges |= {c.end for c in self.content.clips if c.row not in rows}
        return sorted(set(self.content.line_times) | edges | {0, self.content.duration})

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        row, edge = self.hit_test(event.position())
        if row < 0:
            section = self.section_at(event.position())
            if section is not None:
                self.sectionClicked.emit(section)
            return
        self.clipClicked.emit(row, event.modifiers())
        if edge:
            clip = next(c for c in self.content.clips if c.row == row)
            value = clip.start if edge == "start" else clip.end
            linked: list[tuple[int, str]] = []
            if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:  # Ctrl: detach
                other_edge = "end" if edge == "start" else "start"
                linked = [
                    (c.row, other_edge)
                    for c in self.content.clips
                    if c.row != row and (c.end if other_edge == "end" else c.start) == value
                ]
            self._drag = _Drag(row, edge, value, value, linked=linked)
            self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        drag = self._drag
        if drag is None:
            _, edge = self.hit_test(event.position())
            cursor = Qt.CursorShape.SizeHorCursor if edge else Qt.CursorShape.ArrowCursor
            self.setCursor(cursor)
            return
        by_row = {c.row: c for c in self.content.clips}
        if any(row not in by_row for row, _ in drag.edges()):
            self.cancel_drag()
            return
        raw = self.scale.time_for(event.position().x())
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            value, snapped = max(0, round(raw)), False  # Shift: free, no snapping
        else:
            tolerance = SNAP_PIXELS / self.scale.pixels_per_second
            rows = {row for row, _ in drag.edges()}
            value, snapped = snap_time(raw, self._snap_targets(rows), tolerance)
        low, high = 0, self.content.duration
        for row, edge in drag.edges():  # every moved edge keeps its clip at least 1 s long
            if edge == "start":
                high = min(high, by_row[row].end - 1)
            else:
                low = max(low, by_row[row].start + 1)
        value = min(max(low, value), high) if low <= high else drag.original
        drag.value, drag.snapped = value, snapped
        label = "start" if drag.edge == "start" else "end"
        suffix = " (snapped)" if snapped else ""
        rows_text = " and ".join(str(row + 1) for row, _ in drag.edges())
        what = f"Cut between clips {rows_text}" if drag.linked else f"Clip {drag.row + 1} {label}"
        self.dragPreview.emit(f"{what}: {format_hms(value)}{suffix}")
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag = self._drag
        if drag is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        self._drag = None
        self.dragPreview.emit("")
        self.update()
        if drag.value != drag.original:
            self.edgeDragFinished.emit(drag.edges(), drag.value)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.timeActivated.emit(max(0.0, self.scale.time_for(event.position().x())))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        row, edge = self.hit_test(QPointF(event.pos()))
        seconds = max(0.0, min(self.content.duration, self.scale.time_for(event.pos().x())))
        self.contextMenuAt.emit(seconds, row, edge, event.globalPos())

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = delta.y() / 120 if delta.y() else delta.x() / 120
            if steps:
                self.zoom_by(ZOOM_STEP**steps, event.position().x())
            event.accept()
            return
        amount = delta.x() if delta.x() else delta.y()
        if amount:
            self.set_scroll(self.scale.scroll - amount)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self._drag is not None:
            self.cancel_drag()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_0:
            self.zoom_to_fit()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self.content.clips:
            rows = sorted(c.row for c in self.content.clips)
            current = min(self.selected_rows) if self.selected_rows else -1
            if key == Qt.Key.Key_Left:
                target = max((r for r in rows if r < current), default=rows[0])
            else:
                target = min((r for r in rows if r > current), default=rows[-1])
            self.clipClicked.emit(target, Qt.KeyboardModifier.NoModifier)
        else:
            super().keyPressEvent(event)

    def event(self, event: object) -> bool:
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QHelpEvent

        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            text = self._tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)  # type: ignore[arg-type]

    def _tooltip_at(self, pos: QPointF) -> str:
        seconds = self.scale.time_for(pos.x())
        lanes = self.lanes()
        names = {c.row: c.name for c in self.content.clips}
        if lanes.wave.top() <= pos.y() <= lanes.clips.bottom():
            for interval in self.content.intervals:
                if interval.start <= seconds <= interval.end:
                    ordered = [names.get(i, "") for i in range(max(names, default=0) + 1)]
                    return interval.describe(ordered)
        row, edge = self.hit_test(pos)
        if row >= 0:
            clip = next(c for c in self.content.clips if c.row == row)
            hint = (
                "Drag to move this edge (Shift: no snapping; Ctrl: leave the neighbour)"
                if edge
                else "Click to select"
            )
            span = f"{format_hms(clip.start)} – {format_hms(clip.end)}"
            return f"{clip.row + 1}. {clip.name}\n{span}\n{hint}"
        if lanes.sections.top() <= pos.y():
            for section in self.content.sections:
                if section.start is not None and section.start <= seconds < (section.end or 0):
                    return f"Section: {section.header}\nstarts {format_hms(section.start)}"
        return format_hms(int(max(0.0, seconds)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.scale.resize(max(1, event.size().width()))
        self.viewChanged.emit()
        super().resizeEvent(event)


class TimelineView(QWidget):
    """The timeline with its zoom buttons and horizontal scroll bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline = TimelineWidget(self)
        self.scroll_bar = QScrollBar(Qt.Orientation.Horizontal, self)
        self.scroll_bar.setObjectName("timelineScrollBar")
        self.zoom_in_button = _tool_button("+", "Zoom in (Ctrl+wheel, +)", self)
        self.zoom_out_button = _tool_button("−", "Zoom out (Ctrl+wheel, −)", self)
        self.fit_button = _tool_button("Fit", "Show the whole episode (0)", self)
        self.legend = QLabel(
            "<span style='background:rgba(230,40,40,.45)'>&nbsp;overlap&nbsp;</span> "
            "<span style='background:rgba(255,190,0,.5)'>&nbsp;gap&nbsp;</span> "
            "· drag an edge: it snaps to transcript lines and moves the neighbour's edge too"
            " (Shift: no snapping, Ctrl: this clip only)",
            self,
        )
        self.legend.setObjectName("timelineLegend")
        # Cut off rather than widen the window: the same help is in the bars' tooltips.
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.legend.setToolTip(
            "Drag a clip's edge to move it. It snaps to transcript line times (Shift: no"
            " snapping); a cut shared with the next clip moves both (Ctrl: this clip only)."
            " Ctrl+wheel zooms, the wheel scrolls, double-click plays from there."
        )
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(QLabel("<b>Timeline</b>", self))
        header.addWidget(self.legend, 1)
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            header.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.timeline)
        layout.addWidget(self.scroll_bar)
        self.zoom_in_button.clicked.connect(lambda: self.timeline.zoom_by(ZOOM_STEP**2))
        self.zoom_out_button.clicked.connect(lambda: self.timeline.zoom_by(1 / ZOOM_STEP**2))
        self.fit_button.clicked.connect(self.timeline.zoom_to_fit)
        self.timeline.viewChanged.connect(self._sync_scroll_bar)
        self.scroll_bar.valueChanged.connect(self._scroll_bar_moved)
        self._sync_scroll_bar()

    def _sync_scroll_bar(self) -> None:
        scale = self.timeline.scale
        blocker = self.scroll_bar.blockSignals(True)
        self.scroll_bar.setRange(0, min(int(scale.max_scroll()), 2**31 - 1))
        self.scroll_bar.setPageStep(max(1, scale.width))
        self.scroll_bar.setSingleStep(max(1, scale.width // 20))
        self.scroll_bar.setValue(int(scale.scroll))
        self.scroll_bar.blockSignals(blocker)
        self.scroll_bar.setEnabled(scale.max_scroll() > 0)

    def _scroll_bar_moved(self, value: int) -> None:
        self.timeline.set_scroll(value)


def _tool_button(text: str, tip: str, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    return button

"""A date field that keeps the value's type: a YAML date stays a date, a quoted string stays
a string in the same format, a timestamp keeps its time of day."""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import QDate, QSignalBlocker
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractSpinBox, QDateEdit, QHBoxLayout, QToolButton, QWidget

from editor.qt.editing.session import MISSING, DataPath, EpisodeSession
from editor.qt.tabs.metadata.field import FieldEditor, guard_wheel, like_original

STRING_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y/%m/%d")
NOT_SET_DATE = QDate(1900, 1, 1)


def string_format(text: str) -> str | None:
    """The ``strptime`` format ``text`` is written in, if it is one the editor can keep."""
    for fmt in STRING_FORMATS:
        try:
            datetime.datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
        return fmt
    return None


def to_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        fmt = string_format(value)
        if fmt is not None:
            return datetime.datetime.strptime(value.strip(), fmt).date()
    return None


def with_date(original: Any, day: datetime.date) -> Any:
    """``day`` written the way ``original`` was (a missing value becomes a YAML date)."""
    if isinstance(original, datetime.datetime):
        return original.replace(year=day.year, month=day.month, day=day.day)
    if isinstance(original, str):
        fmt = string_format(original)
        if fmt is not None:
            moment = datetime.datetime.strptime(original.strip(), fmt)
            moment = moment.replace(year=day.year, month=day.month, day=day.day)
            return like_original(original, moment.strftime(fmt))
    return datetime.date(day.year, day.month, day.day)


class DateBox(QDateEdit):
    """A date edit whose calendar opens on today's month when no date is set (not 1900)."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        self._calendar_to_today()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        self._calendar_to_today()

    def focusNextPrevChild(self, next: bool) -> bool:
        # QDateTimeEdit moves Tab between its year/month/day sections; while "Not set" is
        # shown there are no sections to move to and it kept the focus for ever.
        if self.date() == NOT_SET_DATE:
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        # Up/Down from "Not set" would write 1901-01-01, a date nobody chose.
        if self.date() == NOT_SET_DATE:
            return QAbstractSpinBox.StepEnabledFlag.StepNone
        return super().stepEnabled()

    def stepBy(self, steps: int) -> None:
        if self.date() != NOT_SET_DATE:
            super().stepBy(steps)

    def _calendar_to_today(self) -> None:
        calendar = self.calendarWidget()
        if self.date() == NOT_SET_DATE and calendar is not None and calendar.isVisible():
            today = QDate.currentDate()
            calendar.setCurrentPage(today.year(), today.month())


class DateField(FieldEditor):
    def __init__(
        self, session: EpisodeSession, path: DataPath, label: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, path, label, parent)
        self.date_edit = DateBox(self)
        self.date_edit.setObjectName(f"{path[-1]}DateEdit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMinimumDate(NOT_SET_DATE)
        self.date_edit.setSpecialValueText("Not set")
        self.date_edit.setMinimumWidth(
            self.date_edit.fontMetrics().horizontalAdvance("0000-00-00") + 60
        )
        self.today_button = QToolButton(self)
        self.today_button.setText("Today")
        self.today_button.setToolTip(f"Set {label} to today")
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear")
        self.clear_button.setToolTip(f"Clear {label}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.date_edit)
        layout.addWidget(self.today_button)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.date_edit.dateChanged.connect(self._on_date_changed)
        self.today_button.clicked.connect(self._set_today)
        self.clear_button.clicked.connect(self._clear)
        self.track_editing(self.date_edit)
        guard_wheel(self.date_edit)
        self.setFocusProxy(self.date_edit)

    def accepts(self, value: Any) -> bool:
        return value is MISSING or value is None or to_date(value) is not None

    def focus_widget(self) -> QWidget:
        return self.date_edit

    def show_value(self, value: Any) -> None:
        day = to_date(value)
        shown = QDate(day.year, day.month, day.day) if day is not None else NOT_SET_DATE
        if self.date_edit.date() != shown:
            with QSignalBlocker(self.date_edit):
                self.date_edit.setDate(shown)
        self.clear_button.setEnabled(day is not None)

    def _on_date_changed(self, date: QDate) -> None:
        if date == NOT_SET_DATE:
            # A cleared date means "no date", as an emptied number does: the key goes (never
            # null, which Jekyll reads as nil and the schema refuses); undo puts it back.
            if self.session.has(self.path):
                self.write(MISSING)
        else:
            self.write(
                with_date(self.value(), datetime.date(date.year(), date.month(), date.day()))
            )
        self.clear_button.setEnabled(date != NOT_SET_DATE)

    def _set_today(self) -> None:
        self.new_edit()
        self.date_edit.setDate(QDate.currentDate())

    def _clear(self) -> None:
        self.new_edit()
        self.date_edit.setDate(NOT_SET_DATE)

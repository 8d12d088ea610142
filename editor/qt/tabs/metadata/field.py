"""The base of every form field: binds one widget to the value at one data path."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget
from ruamel.yaml.scalarstring import ScalarString

from editor.qt.common.resources import style_sheet
from editor.qt.editing.session import MISSING, DataPath, EpisodeSession

PROBLEM_PROPERTY = "problem"  # "", "warning" or "error"; styled by the tab's style sheet


def related(a: DataPath, b: DataPath) -> bool:
    """True when one path is inside (or equal to) the other."""
    shorter = min(len(a), len(b))
    return tuple(a[:shorter]) == tuple(b[:shorter])


def like_original(original: Any, text: str) -> Any:
    """``text`` as the same string class as ``original`` (keeps ruamel's quoting marker)."""
    if isinstance(original, ScalarString):
        try:
            return type(original)(text)
        except TypeError:
            return text
    return text


@cache
def metadata_style() -> str:
    return style_sheet("metadata")


def set_problem_state(widget: QWidget, severity: str, tooltip: str) -> None:
    if severity and not widget.styleSheet():
        # Styled only from its first problem on: style sheets make painting slower.
        widget.setStyleSheet(metadata_style())
    if widget.property(PROBLEM_PROPERTY) != severity:
        widget.setProperty(PROBLEM_PROPERTY, severity)
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
        widget.update()
    widget.setToolTip(tooltip)


class WheelGuard(QObject):
    """Spin boxes and date edits ignore the mouse wheel unless they have focus, so scrolling
    the form never changes a value by accident."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            # Handing the wheel to the enclosing scroll area keeps the form scrolling.
            parent = watched.parentWidget()
            while parent is not None and not isinstance(parent, QAbstractScrollArea):
                parent = parent.parentWidget()
            if parent is not None:
                QApplication.sendEvent(parent.viewport(), event)
            return True
        return False


def guard_wheel(widget: QWidget) -> None:
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    guard = WheelGuard(widget)
    widget.installEventFilter(guard)


class FieldEditor(QWidget):
    """Shows the value at ``path`` and writes the user's changes through the session.

    Subclasses implement ``show_value`` (called with the current value, or ``MISSING``,
    whenever the document changes it) and call ``write`` when the user edits. Keystrokes of
    one editing session share a merge key, so they become one undo step.
    """

    def __init__(
        self, session: EpisodeSession, path: DataPath, label: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.path = tuple(path)
        self.label = label
        self.absent_at_load = True
        self._merge_key = object()
        self._writing = False
        self._base_tooltips: dict[int, str] = {}
        session.documentReplaced.connect(self.reload)
        session.valueChanged.connect(self._on_value_changed)

    # -- for subclasses ------------------------------------------------------------------

    def accepts(self, value: Any) -> bool:
        """Can this editor show ``value``? If not, the form leaves it to "Other fields"."""
        return True

    def show_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_widget(self) -> QWidget:
        return self

    def problem_widgets(self) -> Sequence[QWidget]:
        return [self.focus_widget()]

    def focus_path(self, path: DataPath) -> bool:
        widget = self.focus_widget()
        widget.setFocus()
        return True

    def track_editing(self, *widgets: QWidget) -> None:
        """A new undo step starts each time one of ``widgets`` gains focus."""
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self.new_edit()
        return False

    # -- reading and writing ---------------------------------------------------------------

    def value(self) -> Any:
        return self.session.get(self.path)

    def refresh(self) -> None:
        self.show_value(self.value())

    def new_edit(self) -> None:
        self._merge_key = object()

    def write(self, value: Any, *, empty: bool = False, merge: bool = True) -> None:
        """Store the user's ``value``. ``empty``: the widget is blank, so a key that was not in
        the file when it was opened goes away again instead of being written empty."""
        if empty and self.absent_at_load:
            value = MISSING
            if not self.session.has(self.path):
                return
        self._writing = True
        try:
            self.session.set_value(
                self.path,
                value,
                merge_key=self._merge_key if merge else None,
                text=f"Edit {self.label}",
            )
        finally:
            self._writing = False

    def reload(self) -> None:
        self.absent_at_load = not self.session.has(self.path)
        self.new_edit()
        self.refresh()

    def _on_value_changed(self, path: DataPath) -> None:
        if self._writing or not related(path, self.path):
            return
        self.new_edit()
        self.refresh()

    # -- problems ----------------------------------------------------------------------------

    def set_problems(self, severity: str, messages: Sequence[str]) -> None:
        """Outline the field ("error"/"warning", or "" for none) and list ``messages``."""
        for widget in self.problem_widgets():
            base = self._base_tooltips.setdefault(id(widget), widget.toolTip())
            tooltip = "\n".join([base, *messages]).strip() if messages else base
            set_problem_state(widget, severity, tooltip)

"""Creating a menu or shortcut action: text, keys, status-bar tip and what it does."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Shortcuts = str | QKeySequence | QKeySequence.StandardKey | Sequence[QKeySequence]


def make_action(
    parent: QObject,
    text: str,
    slot: Callable[..., object],
    shortcuts: Shortcuts | None = None,
    status_tip: str = "",
    add_to: QWidget | None = None,
) -> QAction:
    """An action calling ``slot`` when triggered; ``add_to`` (usually the window) makes its
    shortcut work even where no menu shows it (the menu bar hidden, a toolbar only)."""
    action = QAction(text, parent)
    if isinstance(shortcuts, QKeySequence.StandardKey):
        action.setShortcuts(shortcuts)
    elif isinstance(shortcuts, str | QKeySequence):
        action.setShortcut(QKeySequence(shortcuts))
    elif shortcuts is not None:
        action.setShortcuts(list(shortcuts))
    if status_tip:
        action.setStatusTip(status_tip)
    action.triggered.connect(slot)
    if add_to is not None:
        add_to.addAction(action)
    return action

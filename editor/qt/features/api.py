"""What a feature may use of the window it plugs into: ``WindowApi``.

Features (problems, protection, library, formats, audio) are given a ``WindowApi``, never
the main window class, so they do not import the window layer above them. ``MainWindow``
implements it; ``editor.qt.window.composition`` decides which features a window has.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QTabWidget

from editor.core import Document
from editor.qt.common.settings import Settings
from editor.qt.editing.session import EpisodeSession
from editor.qt.tabs.clips.tab import ClipsTab
from editor.qt.tabs.metadata.tab import MetadataTab
from editor.qt.tabs.transcript.tab import TranscriptTab

# Asked before a file is written (with the path about to be written); False cancels the save.
SaveGuard = Callable[[Path], bool]


class WindowApi(Protocol):
    @property
    def qt_window(self) -> QMainWindow:
        """The window as a Qt widget: parent of dialogs, home of docks, toolbars and
        window-wide shortcuts."""
        ...

    @property
    def session(self) -> EpisodeSession: ...

    @property
    def undo_stack(self) -> QUndoStack: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def menus(self) -> dict[str, QMenu]:
        """The menu bar's menus by name: file, edit, view, tools, help."""
        ...

    @property
    def recent_menu(self) -> QMenu: ...

    @property
    def action_quit(self) -> QAction: ...

    @property
    def tabs(self) -> QTabWidget: ...

    @property
    def metadata_tab(self) -> MetadataTab: ...

    @property
    def clips_tab(self) -> ClipsTab: ...

    @property
    def transcript_tab(self) -> TranscriptTab: ...

    @property
    def document(self) -> Document | None: ...

    @property
    def is_modified(self) -> bool: ...

    @property
    def fileOpened(self) -> SignalInstance:
        """Emitted with the path of a file just opened (or reverted)."""
        ...

    def commit_open_editors(self, close: bool = True) -> None: ...

    def maybe_save(self) -> bool:
        """Save / Discard / Cancel before the edits are replaced; True to go on."""
        ...

    def open_path(self, path: str | os.PathLike[str]) -> bool: ...

    def revert(self) -> bool: ...

    def focus_path(self, path: tuple[Any, ...]) -> bool:
        """Show the tab that owns the data at ``path`` and select it there."""
        ...

    def show_status(self, message: str, timeout: int = 0) -> None:
        """A passing message in the status bar (``timeout`` in milliseconds; 0 stays)."""
        ...

    def add_save_guard(self, guard: SaveGuard) -> None:
        """``guard(path)`` is asked, in the order added, before every save."""
        ...

"""Plugs the library, the Changes view, Preferences and desktop conveniences into the window.

``install_desktop(window)`` adds the Library dock, Open Folder, Review Changes, Rename Guest,
Preferences, Next/Previous Tab, the window icon and the confirm-before-save check, so the
main window itself only has to call it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu

from editor.core.files.changes import review_against_disk
from editor.core.files.library import find_podcast_folder, guest_ids
from editor.core.yaml.document import Document
from editor.qt.common.actions import make_action
from editor.qt.common.changes_view import ChangesDialog
from editor.qt.common.resources import icon
from editor.qt.common.settings import Settings
from editor.qt.features.library.dock import LibraryDock
from editor.qt.features.library.rename_guest_dialog import RenameGuestDialog
from editor.qt.window.preferences_dialog import PreferencesDialog, apply_theme

if TYPE_CHECKING:
    from editor.qt.features.api import WindowApi

MAX_RECENT_FOLDERS = 8
# A data path such as ``title`` or ``transcript.3.line`` to put the keyboard focus on once
# the window is shown (scripts and the end-to-end test then type into that field).
FOCUS_ENVIRONMENT_VARIABLE = "EPISODE_EDITOR_FOCUS"


def default_cache_dir() -> Path | None:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(location) if location else None


LIBRARY_WIDTH = 480


class DesktopFeatures(QObject):
    """Owns the extra actions and the library dock of one main window."""

    def __init__(self, window: WindowApi, cache_dir: Path | None = None) -> None:
        super().__init__(window.qt_window)
        self.window = window
        self.settings = window.settings
        # What the open file held when the edits began (set by the window's composition).
        self.disk_fingerprint: Callable[[Path], str | None] = lambda _path: None
        window.qt_window.setWindowIcon(icon("app"))

        self.dock = LibraryDock(
            cache_dir if cache_dir is not None else default_cache_dir(), window.qt_window
        )
        window.qt_window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.dock.hide()
        self.library = self.dock.panel
        self.library.episodeActivated.connect(self._open_episode)
        self.library.renameGuestRequested.connect(self.rename_guest)
        window.fileOpened.connect(self._file_opened)
        self.dock.visibilityChanged.connect(self._dock_shown)

        self._build_actions()
        self._add_to_menus()
        window.session.documentReplaced.connect(self._apply_line_width)
        window.session.documentReplaced.connect(self._update_actions)
        window.undo_stack.cleanChanged.connect(self._update_actions)
        self._update_actions()

    # -- actions ------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], object], keys: str, tip: str) -> QAction:
        window = self.window.qt_window
        return make_action(window, text, slot, keys, tip, add_to=window)

    def _build_actions(self) -> None:
        self.action_open_folder = self._action(
            "Open &Folder…",
            self.choose_folder,
            "Ctrl+Alt+O",  # Ctrl+Shift+O is the Clips tab's "Open at time"
            "List every episode of a site or _podcast folder in the Library",
        )
        self.action_review_changes = self._action(
            "Review &Changes…",
            self.review_changes,
            "Ctrl+D",
            "Show what Save would change in the file on disk",
        )
        self.action_rename_guest = self._action(
            "Rename &Guest…",
            self.rename_guest,
            "Ctrl+Shift+G",
            "Rename a guest id in every episode of the library, with a preview",
        )
        self.action_preferences = self._action(
            "Pre&ferences…",
            self.show_preferences,
            "Ctrl+,",
            "Line width, confirm before save, theme",
        )
        self.action_preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.action_next_tab = self._action(
            "&Next Tab", lambda: self._cycle_tabs(1), "Ctrl+Tab", "Show the next tab"
        )
        self.action_next_tab.setShortcuts([QKeySequence("Ctrl+Tab"), QKeySequence("Ctrl+PgDown")])
        self.action_previous_tab = self._action(
            "&Previous Tab", lambda: self._cycle_tabs(-1), "Ctrl+Shift+Tab", "Show the previous tab"
        )
        self.action_previous_tab.setShortcuts(
            # X11 reports Shift+Tab as Backtab, so both spellings are needed.
            [
                QKeySequence("Ctrl+Shift+Tab"),
                QKeySequence("Ctrl+Shift+Backtab"),
                QKeySequence("Ctrl+PgUp"),
            ]
        )
        self.action_library = self.dock.toggleViewAction()
        self.action_library.triggered.connect(self._library_toggled)
        self.recent_folders_menu = QMenu("Open Recent F&older", self.window.qt_window)
        self.recent_folders_menu.setObjectName("recentFoldersMenu")
        self.recent_folders_menu.aboutToShow.connect(self._fill_recent_folders)
        self._fill_recent_folders()

    def _add_to_menus(self) -> None:
        menus = self.window.menus
        file_menu = menus["file"]
        anchor = self.window.recent_menu.menuAction()
        file_menu.insertAction(anchor, self.action_open_folder)
        after = _action_after(file_menu, anchor)
        if after is not None:
            file_menu.insertMenu(after, self.recent_folders_menu)
        else:
            file_menu.addMenu(self.recent_folders_menu)
        edit_menu = menus["edit"]
        edit_menu.addSeparator()
        edit_menu.addAction(self.action_preferences)
        view_menu = menus["view"]
        view_menu.addAction(self.action_next_tab)
        view_menu.addAction(self.action_previous_tab)
        view_menu.addSeparator()
        view_menu.addAction(self.action_library)
        view_menu.addAction(self.action_review_changes)
        menus["tools"].addAction(self.action_rename_guest)

    def _update_actions(self, *_args: object) -> None:
        has_document = self.window.document is not None
        self.action_review_changes.setEnabled(has_document)
        self.action_rename_guest.setEnabled(self.library.library is not None)

    # -- library ------------------------------------------------------------------------

    def choose_folder(self) -> bool:
        recent = self.settings.get(Settings.RECENT_FOLDERS)
        start = recent[0] if recent else ""
        chosen = QFileDialog.getExistingDirectory(
            self.window.qt_window, "Open Site or _podcast Folder", start
        )
        if not chosen:
            return False
        self.open_folder(Path(chosen))
        return True

    def open_folder(self, folder: Path) -> None:
        podcast = find_podcast_folder(Path(folder))
        self.library.open_folder(podcast)
        document = self.window.document
        if document is not None and document.path is not None:
            self.library.set_current_path(Path(document.path))
        if not self.dock.isVisible():
            self.dock.show()
        self._widen_dock()
        self.dock.raise_()
        self.library.filter.setFocus()
        self._remember_folder(podcast)
        self._update_actions()

    def _widen_dock(self) -> None:
        """Wide enough for titles beside the guests (the user's own wider size stays)."""
        wanted = min(LIBRARY_WIDTH, int(self.window.qt_window.width() * 0.4))
        if self.dock.width() < wanted:
            self.window.qt_window.resizeDocks([self.dock], [wanted], Qt.Orientation.Horizontal)

    def _dock_shown(self, visible: bool) -> None:
        # Shown (by the View menu or a restored window state) before any folder was opened:
        # list the last folder used.
        if visible and self.library.library is None:
            recent = [p for p in self.settings.get(Settings.RECENT_FOLDERS) if Path(p).is_dir()]
            if recent:
                self.open_folder(Path(recent[0]))

    def _library_toggled(self, shown: bool) -> None:
        if shown:
            self.library.filter.setFocus()  # shown from the keyboard: start typing a filter

    def _open_episode(self, path: Path) -> None:
        document = self.window.document
        current = Path(document.path).resolve() if document and document.path else None
        if current == path.resolve():
            return  # already open: keep the edits and the undo history
        if not self.window.open_path(path) and current is not None:
            self.library.select_path(current)  # cancelled: the selection shows what is open

    def _file_opened(self, path: Path) -> None:
        self.library.set_current_path(Path(path))

    def _remember_folder(self, folder: Path) -> None:
        name = str(folder.resolve())
        recent = [p for p in self.settings.get(Settings.RECENT_FOLDERS) if p != name]
        recent.insert(0, name)
        self.settings.set(Settings.RECENT_FOLDERS, recent[:MAX_RECENT_FOLDERS])

    def _fill_recent_folders(self) -> None:
        menu = self.recent_folders_menu
        menu.clear()
        recent = self.settings.get(Settings.RECENT_FOLDERS)
        for number, name in enumerate(recent, start=1):
            label = f"&{number} {Path(name).parent.name}/{Path(name).name}"
            action = menu.addAction(label)
            action.setToolTip(name)
            action.setStatusTip(name)
            action.triggered.connect(lambda _checked=False, p=name: self.open_folder(Path(p)))
        menu.setEnabled(bool(recent))

    def rename_guest(self) -> None:
        folder = self.library.folder
        if folder is None:
            return
        dialog = RenameGuestDialog(
            folder, guest_ids(self.library.model.summaries), self._blocked, self.window.qt_window
        )
        dialog.filesRewritten.connect(self._files_rewritten)
        dialog.exec()
        dialog.deleteLater()

    def _blocked(self, path: Path) -> str | None:
        document = self.window.document
        if (
            document is not None
            and document.path is not None
            and Path(document.path).resolve() == path.resolve()
            and self.window.is_modified
        ):
            return "open with unsaved changes"
        return None

    def _files_rewritten(self, paths: list[Path]) -> None:
        document = self.window.document
        if document is None or document.path is None:
            return
        if any(p.resolve() == Path(document.path).resolve() for p in paths):
            self.window.revert()  # unmodified (rename refuses otherwise): reload silently
        self.library.rescan()

    # -- changes, preferences, tabs -------------------------------------------------------

    def review_changes(self) -> None:
        self.window.commit_open_editors()
        document = self.window.document
        if document is None:
            return
        report = review_against_disk(document, self._opened_fingerprint(document))
        name = Path(document.path).name if document.path else "Untitled"
        dialog = ChangesDialog(report, name, confirm=False, parent=self.window.qt_window)
        dialog.exec()
        dialog.deleteLater()

    def confirm_write(self, path: Path) -> bool:
        """Before Save writes: show the changes and ask, when the preference is on."""
        if not self.settings.get(Settings.CONFIRM_BEFORE_SAVE):
            return True
        document = self.window.document
        if document is None:
            return True
        same_file = document.path is not None and Path(document.path) == path
        if not same_file:
            return True  # Save As to a new place: nothing on disk to compare with
        report = review_against_disk(document, self._opened_fingerprint(document))
        if not report.has_changes:
            return True
        dialog = ChangesDialog(report, path.name, confirm=True, parent=self.window.qt_window)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return accepted

    def _opened_fingerprint(self, document: Document) -> str | None:
        """What the document's file held when the edits began, as the window knows it."""
        if document.path is None:
            return None
        return self.disk_fingerprint(Path(document.path))

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings, self.window.qt_window)
        dialog.preferencesChanged.connect(self._apply_line_width)
        dialog.exec()
        dialog.deleteLater()

    def _apply_line_width(self) -> None:
        """New or rewritten long text is folded at the preferred width."""
        document = self.window.document
        if document is not None:
            document.line_width = self.settings.get(Settings.LINE_WIDTH)

    def apply_startup_preferences(self) -> None:
        theme = self.settings.get(Settings.THEME)
        if theme != "system":
            apply_theme(theme)

    def _cycle_tabs(self, step: int) -> None:
        tabs = self.window.tabs
        if tabs.count():
            tabs.setCurrentIndex((tabs.currentIndex() + step) % tabs.count())

    def shutdown(self) -> None:
        self.library.shutdown()


def _action_after(menu: QMenu, action: QAction) -> QAction | None:
    actions = menu.actions()
    index = actions.index(action)
    return actions[index + 1] if index + 1 < len(actions) else None


def parse_data_path(text: str) -> tuple[str | int, ...]:
    """``transcript.3.line`` -> ``("transcript", 3, "line")``."""
    return tuple(int(part) if part.isdigit() else part for part in text.split(".") if part)


def focus_from_environment(window: WindowApi) -> bool:
    """Focus the field named by ``EPISODE_EDITOR_FOCUS`` (if set); True when it was found."""
    wanted = os.environ.get(FOCUS_ENVIRONMENT_VARIABLE, "").strip()
    if not wanted or window.document is None:
        return False
    window.qt_window.activateWindow()
    return window.focus_path(parse_data_path(wanted))


def install_desktop(window: WindowApi, cache_dir: Path | None = None) -> DesktopFeatures:
    return DesktopFeatures(window, cache_dir)

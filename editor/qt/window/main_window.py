"""The main window: owns the session, the three tabs, the menus and file-level I/O.

Other panels (Problems dock, file watcher, recovery, library) plug in by adding their own
actions to ``self.menus[...]`` and docks with ``addDockWidget``, and by listening to
``fileOpened`` / ``fileSaved`` / ``session.documentReplaced``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QKeyCombination, QObject, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QGridLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QSpacerItem,
    QTabWidget,
    QWidget,
)

from editor.core import Document, DocumentError
from editor.core.files.safe_save import describe_save_error
from editor.qt.common.actions import Shortcuts, make_action
from editor.qt.common.elided_label import ElidedLabel
from editor.qt.common.settings import Settings
from editor.qt.editing.cell_editors import commit_cell_editor
from editor.qt.editing.session import EpisodeSession
from editor.qt.features.api import SaveGuard
from editor.qt.tabs.clips.tab import ClipsTab
from editor.qt.tabs.metadata.tab import MetadataTab
from editor.qt.tabs.transcript.tab import TranscriptTab
from editor.qt.window.composition import install_features
from editor.qt.window.warm_up import WarmUp

APP_NAME = "episode-editor"
EPISODE_FILTER = "Episode files (*.md *.markdown);;All files (*)"


class MainWindow(QMainWindow):
    """One window edits one episode file."""

    fileOpened = Signal(object)  # Path of a file just opened (or reverted)
    fileSaved = Signal(object)  # Path just written
    recentFilesChanged = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings
        self.session = EpisodeSession(parent=self)
        self.undo_stack = self.session.undo_stack
        self.menus: dict[str, QMenu] = {}
        self._save_guards: list[SaveGuard] = []

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.metadata_tab = MetadataTab(self.session, settings)
        self.metadata_tab.setObjectName("metadataTab")
        self.clips_tab = ClipsTab(self.session, settings)
        self.clips_tab.setObjectName("clipsTab")
        self.transcript_tab = TranscriptTab(self.session, settings)
        self.transcript_tab.setObjectName("transcriptTab")
        self.tabs.addTab(self.metadata_tab, "&Metadata")
        self.tabs.addTab(self.clips_tab, "&Clips")
        self.tabs.addTab(self.transcript_tab, "&Transcript")
        self.setCentralWidget(self.tabs)

        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._undo_keys = _UndoKeyRouter(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._undo_keys)

        self.tabs.currentChanged.connect(self.commit_open_editors)
        self.setAcceptDrops(True)
        self.undo_stack.cleanChanged.connect(self._update_modified_state)
        self.session.documentReplaced.connect(self._update_modified_state)
        features = install_features(self)
        self.desktop = features.desktop
        self.work_protection = features.work_protection
        self.problems = features.problems
        self.formats = features.formats
        self.audio = features.audio
        self._restore_window_state()
        self._update_modified_state()
        self.warm_up = WarmUp(settings, self)

    # -- public API ----------------------------------------------------------------------

    @property
    def document(self) -> Document | None:
        return self.session.document

    @property
    def is_modified(self) -> bool:
        return self.document is not None and not self.undo_stack.isClean()

    @property
    def qt_window(self) -> QMainWindow:
        return self

    def show_status(self, message: str, timeout: int = 0) -> None:
        self.statusBar().showMessage(message, timeout)

    def add_save_guard(self, guard: SaveGuard) -> None:
        self._save_guards.append(guard)

    def commit_open_editors(self, close: bool = True) -> None:
        """Store what is being typed in any open cell editor, as the user's edit.

        Everything that reads or replaces the document (save, close, open, review, tab
        switch, the recovery journal) calls this first, so typing is never lost. The
        journal passes ``close=False``: it must not end the user's editing.
        """
        for view in self.findChildren(QAbstractItemView):
            commit_cell_editor(view, close)

    def open_path(self, path: str | os.PathLike[str]) -> bool:
        """Open ``path`` (asking about unsaved changes first). False if nothing was opened."""
        if not self.maybe_save():
            return False
        file_path = Path(path).absolute()
        try:
            document = Document.load(file_path)
        except DocumentError as error:
            # A text file that does not parse opens in the raw-text view to be fixed there.
            if not self.work_protection.open_for_repair(file_path, error):
                self.show_open_error(file_path, error)
            return False
        self.session.set_document(document)
        self._remember_recent(file_path)
        self.statusBar().showMessage(f"Opened {file_path.name}", 4000)
        self.fileOpened.emit(file_path)
        return True

    def show_open_error(self, path: Path, error: DocumentError) -> None:
        """Tell the user why ``path`` cannot be opened (the exact place in the file)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("Cannot open file")
        box.setText(f"{path.name} cannot be opened.")
        box.setInformativeText(
            f"{error.message}\n\nLine {error.line}, column {error.column} of {path}"
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        widen(box)
        box.exec()

    def save(self) -> bool:
        """Save to the file's own path; True when the file on disk now holds the edits."""
        self.commit_open_editors()
        document = self.document
        if document is None:
            return False
        if document.path is None:
            return self.save_as()
        return self._write(Path(document.path))

    def save_as(self) -> bool:
        self.commit_open_editors()
        document = self.document
        if document is None:
            return False
        start = str(document.path) if document.path is not None else ""
        chosen, _ = QFileDialog.getSaveFileName(self, "Save Episode As", start, EPISODE_FILTER)
        if not chosen:
            return False
        return self._write(Path(chosen))

    def revert(self) -> bool:
        """Reload the file from disk, discarding unsaved edits (after asking)."""
        self.commit_open_editors()
        document = self.document
        if document is None or document.path is None:
            return False
        if self.is_modified:
            answer = QMessageBox.question(
                self,
                "Revert",
                f"Discard your unsaved changes to {Path(document.path).name} "
                "and reload it from disk?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return False
        path = Path(document.path)
        try:
            reloaded = Document.load(path)
        except DocumentError as error:
            self.show_open_error(path, error)
            return False
        self.session.set_document(reloaded)
        self.statusBar().showMessage(f"Reverted {path.name} to the file on disk", 4000)
        self.fileOpened.emit(path)
        return True

    def maybe_save(self) -> bool:
        """Before the current edits are thrown away: Save / Discard / Cancel.

        True when it is fine to go on (saved, discarded, or nothing to lose).
        """
        self.commit_open_editors()
        if not self.is_modified:
            return True
        document = self.document
        name = Path(document.path).name if document and document.path else "this episode"
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            f"Save your changes to {name}?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    @property
    def episode_tabs(self) -> list[MetadataTab | ClipsTab | TranscriptTab]:
        return [self.metadata_tab, self.clips_tab, self.transcript_tab]

    def tab_for_path(self, path: tuple[Any, ...]) -> MetadataTab | ClipsTab | TranscriptTab:
        """The tab that shows the data at ``path``."""
        return next(tab for tab in self.episode_tabs if tab.owns(path))

    def focus_path(self, path: tuple[Any, ...]) -> bool:
        """Show the tab that owns the data at ``path`` and select it there."""
        tab = self.tab_for_path(tuple(path))
        self.tabs.setCurrentWidget(tab)
        return tab.focus_path(tuple(path))

    def show_tab(self, index: int) -> None:
        """Ctrl+1..3: show the tab and put the keyboard in it (also from the Library)."""
        self.tabs.setCurrentIndex(index)
        page = self.tabs.widget(index)
        focus = QApplication.focusWidget()
        if page is not None and (focus is None or not page.isAncestorOf(focus)):
            first = getattr(page, "focus_first", None)
            if callable(first):
                first()
            else:
                page.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- actions and menus ---------------------------------------------------------------

    def _action(
        self, text: str, slot: Any, shortcuts: Shortcuts | None = None, status: str = ""
    ) -> QAction:
        return make_action(self, text, slot, shortcuts, status)

    def _build_actions(self) -> None:
        self.action_open = self._action(
            "&Open…", self._choose_and_open, "Ctrl+O", "Open an episode file"
        )
        self.action_save = self._action("&Save", self.save, "Ctrl+S", "Save the episode")
        self.action_save_as = self._action(
            "Save &As…", self.save_as, "Ctrl+Shift+S", "Save the episode under another name"
        )
        self.action_revert = self._action(
            "&Revert", self.revert, "Ctrl+Shift+R", "Discard unsaved changes and reload from disk"
        )
        self.action_quit = self._action("&Quit", self.close, "Ctrl+Q", "Quit episode-editor")
        self.action_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.action_clear_recent = self._action("&Clear Recent Files", self._clear_recent)

        self.action_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.action_undo.setShortcuts(QKeySequence.StandardKey.Undo)
        self.action_redo = self.undo_stack.createRedoAction(self, "&Redo")
        self.action_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])

        self.action_about = self._action("&About episode-editor", self._about, "F1")
        self.action_about.setMenuRole(QAction.MenuRole.AboutRole)

        self.tab_actions: list[QAction] = []
        for index in range(self.tabs.count()):
            action = self._action(
                self.tabs.tabText(index).replace("&", ""),
                lambda _checked=False, i=index: self.show_tab(i),
                f"Ctrl+{index + 1}",
            )
            self.tab_actions.append(action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.action_open)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.action_save)
        file_menu.addAction(self.action_save_as)
        file_menu.addAction(self.action_revert)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.action_undo)
        edit_menu.addAction(self.action_redo)

        view_menu = bar.addMenu("&View")
        for action in self.tab_actions:
            view_menu.addAction(action)
        view_menu.addSeparator()

        tools_menu = bar.addMenu("&Tools")
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.action_about)
        self.menus = {
            "file": file_menu,
            "edit": edit_menu,
            "view": view_menu,
            "tools": tools_menu,
            "help": help_menu,
        }
        self._fill_recent_menu()

    def _build_status_bar(self) -> None:
        self.path_label = ElidedLabel()
        self.path_label.setObjectName("pathLabel")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.modified_label = QLabel()
        self.modified_label.setObjectName("modifiedLabel")
        self.statusBar().addPermanentWidget(self.path_label)
        self.statusBar().addPermanentWidget(self.modified_label)

    # -- recent files ------------------------------------------------------------------

    def _remember_recent(self, path: Path) -> None:
        self.settings.add_recent_file(str(path))
        self._fill_recent_menu()
        self.recentFilesChanged.emit()

    def _clear_recent(self) -> None:
        self.settings.set(Settings.RECENT_FILES, [])
        self._fill_recent_menu()
        self.recentFilesChanged.emit()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.get(Settings.RECENT_FILES)
        for number, name in enumerate(recent, start=1):
            label = f"&{number} {Path(name).name}" if number < 10 else Path(name).name
            action = self.recent_menu.addAction(label)
            action.setData(name)
            exists = Path(name).is_file()
            action.setEnabled(exists)
            action.setStatusTip(name if exists else f"{name} (no longer there)")
            action.setToolTip(action.statusTip())
            action.triggered.connect(lambda _checked=False, p=name: self.open_path(p))
        if recent:
            self.recent_menu.addSeparator()
        self.recent_menu.addAction(self.action_clear_recent)
        self.action_clear_recent.setEnabled(bool(recent))

    # -- slots -------------------------------------------------------------------------

    def _choose_and_open(self) -> bool:
        document = self.document
        start = str(Path(document.path).parent) if document and document.path else ""
        chosen, _ = QFileDialog.getOpenFileName(self, "Open Episode", start, EPISODE_FILTER)
        if not chosen:
            return False
        return self.open_path(chosen)

    def _write(self, path: Path) -> bool:
        document = self.document
        assert document is not None
        target = self.work_protection.save_target(path)  # renamed or deleted on disk: ask
        if target is None:
            return False
        path = target
        if not all(guard(path) for guard in self._save_guards):
            return False
        try:
            self.work_protection.save(document, path)
        except OSError as error:
            return self._report_failed_save(path, error)
        self.undo_stack.setClean()
        self._update_modified_state()
        self._remember_recent(path.absolute())
        self.statusBar().showMessage(f"Saved {path.name}", 4000)
        self.fileSaved.emit(path)
        return True

    def _report_failed_save(self, path: Path, error: OSError) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Could not save")
        box.setText(describe_save_error(error, path))
        box.setInformativeText(
            f"{path}\n\nYour edits are still here and nothing on disk was changed. "
            "Save them somewhere else?"
        )
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Save).setText("Save As…")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        widen(box)
        if box.exec() == QMessageBox.StandardButton.Save:
            return self.save_as()
        return False

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About episode-editor",
            "episode-editor edits the front matter of podcast episode files and writes back "
            "only what you changed.",
        )

    def _update_modified_state(self, *_args: object) -> None:
        document = self.document
        modified = self.is_modified
        if document is None:
            self.setWindowTitle(f"{APP_NAME}[*]")
            self.path_label.setText("No file open")
        else:
            name = Path(document.path).name if document.path else "Untitled"
            self.setWindowTitle(f"{name}[*] — {APP_NAME}")
            self.path_label.setText(
                os.path.normpath(document.path) if document.path else "Untitled"
            )
        self.setWindowModified(modified)
        self.modified_label.setText("Modified" if modified else ("Saved" if document else ""))
        has_document = document is not None
        for action in (self.action_save, self.action_save_as, self.action_revert):
            action.setEnabled(has_document)
        self.action_revert.setEnabled(has_document and document is not None and bool(document.path))

    # -- window state ------------------------------------------------------------------

    def _restore_window_state(self) -> None:
        geometry = self.settings.get(Settings.WINDOW_GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(first_start_size(self.screen().availableGeometry().size()))
        state = self.settings.get(Settings.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        last_tab = self.settings.get(Settings.LAST_TAB)
        if 0 <= last_tab < self.tabs.count():
            self.tabs.setCurrentIndex(last_tab)

    def save_window_state(self) -> None:
        self.settings.set(Settings.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(Settings.WINDOW_STATE, self.saveState())
        self.settings.set(Settings.LAST_TAB, self.tabs.currentIndex())
        self.settings.sync()

    # -- events ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.document is None:
            self.warm_up.start()  # waits for the user to choose a file: work ahead meanwhile

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.work_protection.window_closing()
        self.save_window_state()
        self.desktop.shutdown()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._undo_keys)
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_episode(event.mimeData().urls()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_episode(event.mimeData().urls())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_path(path)


def first_start_size(available: QSize) -> QSize:
    """Most of the screen (the forms need height), capped on large screens, never larger
    than the screen."""
    width = min(1440, max(1024, round(available.width() * 0.94)))
    height = min(1000, max(640, round(available.height() * 0.94)))
    return QSize(min(width, available.width()), min(height, available.height()))


def widen(box: QMessageBox, width: int = 440) -> None:
    """Message boxes ignore ``setMinimumWidth``; a spacer in their grid keeps long paths
    and YAML messages from wrapping into a narrow column."""
    layout = box.layout()
    if isinstance(layout, QGridLayout):
        spacer = QSpacerItem(width, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        layout.addItem(spacer, layout.rowCount(), 0, 1, layout.columnCount())


def _dropped_episode(urls: list[QUrl]) -> Path | None:
    for url in urls:
        if url.isLocalFile() and url.toLocalFile().lower().endswith((".md", ".markdown")):
            return Path(url.toLocalFile())
    return None


def _is_cell_editor(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


_EXTRA_REDO_KEYS = (
    QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Y),
    QKeyCombination(
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Z
    ),
)


class _UndoKeyRouter(QObject):
    """Sends Undo/Redo keys to the document's undo stack even when a text field has focus.

    Line and text edits keep their own undo history and claim Ctrl+Z for it; every edit
    here is already a command on the shared stack, so the window's actions must win. Cell
    editors open in a table or list keep Ctrl+Z: there it undoes typing not yet committed.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self._window:
            return False
        if _is_cell_editor(watched):
            return False
        if (
            event.matches(QKeySequence.StandardKey.Undo)
            or event.matches(QKeySequence.StandardKey.Redo)
            or event.keyCombination() in _EXTRA_REDO_KEYS
        ):
            event.ignore()
            return True
        return False

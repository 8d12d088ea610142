"""The episode library: a dock listing every episode of a ``_podcast`` folder.

The listing comes from ``editor.core.files.library`` (fast summaries, cached). Problem counts need
a full parse and validation, so a background worker computes them one file at a time and
the cache keeps them. A ``QFileSystemWatcher`` on the folder keeps the list current.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QFileSystemWatcher,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.episode.validation.site_files import find_site_root
from editor.core.files.episode_files import left_out_summary
from editor.core.files.library import (
    EpisodeSummary,
    Library,
    ProblemCounts,
    number_clashes,
    problem_counts,
    site_stamp,
)
from editor.core.files.worker_processes import exit_with_parent

SORT_ROLE = Qt.ItemDataRole.UserRole
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
ModelIndex = QModelIndex | QPersistentModelIndex
MAX_TIP_LINES = 40  # files named in the count line's tooltip (a _people folder has hundreds)


class LibraryModel(QAbstractTableModel):
    """One row per episode summary."""

    SEASON, EPISODE, TITLE, GUESTS, PROBLEMS = range(5)
    HEADERS = ("S", "E", "Title", "Guests", "Problems")
    HEADER_TIPS = ("Season", "Episode", "Title", "Guest ids", "Errors and warnings from the checks")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.summaries: list[EpisodeSummary] = []
        self.current_path: Path | None = None
        self.clashes: dict[Path, list[Path]] = {}  # same season and episode number

    # -- Qt model interface -------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.summaries)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.HEADER_TIPS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.summaries):
            return None
        summary = self.summaries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(summary, column)
        if role == SORT_ROLE:
            return self._sort_key(summary, column)
        if role == PATH_ROLE:
            return str(summary.path)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(summary)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.SEASON, self.EPISODE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.PROBLEMS and summary.problems and summary.problems.errors:
                return QColor("#c0392b")
            if summary.error and column == self.TITLE:
                return QColor("#c0392b")
        if role == Qt.ItemDataRole.FontRole and summary.path == self.current_path:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- content ------------------------------------------------------------------------

    def row_of(self, path: Path) -> int:
        for row, summary in enumerate(self.summaries):
            if summary.path == path:
                return row
        return -1

    def set_summaries(self, summaries: list[EpisodeSummary]) -> None:
        """Show ``summaries``, updating rows in place so selection and scroll survive."""
        new_paths = [s.path for s in summaries]
        wanted = set(new_paths)
        for row in reversed(range(len(self.summaries))):
            if self.summaries[row].path not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.summaries[row]
                self.endRemoveRows()
        by_path = {s.path: s for s in summaries}
        for row, old in enumerate(self.summaries):
            new = by_path[old.path]
            if new is not old:
                self.summaries[row] = new
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        present = {s.path for s in self.summaries}
        added = [s for s in summaries if s.path not in present]
        if added:
            first = len(self.summaries)
            self.beginInsertRows(QModelIndex(), first, first + len(added) - 1)
            self.summaries.extend(added)
            self.endInsertRows()
        clashes = number_clashes(self.summaries)
        if clashes != self.clashes:
            self.clashes = clashes
            if self.summaries:
                self.dataChanged.emit(
                    self.index(0, self.PROBLEMS), self.index(len(self.summaries) - 1, self.PROBLEMS)
                )

    def set_problems(self, path: Path, counts: ProblemCounts | None) -> None:
        row = self.row_of(path)
        if row < 0:
            return
        self.summaries[row].problems = counts
        index = self.index(row, self.PROBLEMS)
        self.dataChanged.emit(index, index)

    def set_current_path(self, path: Path | None) -> None:
        rows = [self.row_of(p) for p in (self.current_path, path) if p is not None]
        self.current_path = path
        for row in rows:
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # -- cells --------------------------------------------------------------------------

    def _display(self, summary: EpisodeSummary, column: int) -> Any:
        if column == self.SEASON:
            return "" if summary.season is None else summary.season
        if column == self.EPISODE:
            return "" if summary.episode is None else summary.episode
        if column == self.TITLE:
            if summary.error:
                return f"{summary.name} — cannot be read"
            return summary.title or summary.name
        if column == self.GUESTS:
            return ", ".join(summary.guests)
        if column == self.PROBLEMS:
            text = problems_text(summary)
            if summary.path in self.clashes:
                text = f"{text} S/E twice" if text and text != "✓" else "S/E twice"
            return text
        return None

    def _sort_key(self, summary: EpisodeSummary, column: int) -> Any:
        missing = 1 << 30  # episodes without a number sort last
        if column == self.SEASON:
            season = summary.season if summary.season is not None else missing
            episode = summary.episode if summary.episode is not None else missing
            return season * 10_000 + min(episode, 9_999)
        if column == self.EPISODE:
            return summary.episode if summary.episode is not None else missing
        if column == self.PROBLEMS:
            if summary.error:
                return 1 << 20
            clash = 1 if summary.path in self.clashes else 0
            if summary.problems is None:
                return clash - 1
            return summary.problems.errors * 1000 + summary.problems.warnings + clash
        return str(self._display(summary, column)).casefold()

    def _tooltip(self, summary: EpisodeSummary) -> str:
        lines = [str(summary.path)]
        if summary.error:
            lines.append(summary.error)
        elif summary.title:
            lines.insert(0, summary.title)
        if summary.problems is not None and summary.problems.total:
            lines.append(problems_text(summary, long=True))
        for other in self.clashes.get(summary.path, []):
            lines.append(f"Season {summary.season}, episode {summary.episode} is also {other.name}")
        return "\n".join(lines)


def problems_text(summary: EpisodeSummary, long: bool = False) -> str:
    if summary.error:
        return "cannot be read"
    counts = summary.problems
    if counts is None:
        return "" if not long else "not checked"
    if not counts.total:
        return "✓" if not long else "no problems"
    parts = []
    if long:
        if counts.errors:
            parts.append(f"{counts.errors} error{'s' if counts.errors != 1 else ''}")
        if counts.warnings:
            parts.append(f"{counts.warnings} warning{'s' if counts.warnings != 1 else ''}")
        return ", ".join(parts)
    if counts.errors:
        parts.append(f"✕{counts.errors}")
    if counts.warnings:
        parts.append(f"⚠{counts.warnings}")
    return " ".join(parts)


class LibraryFilterModel(QSortFilterProxyModel):
    """Sorts numerically where it matters and filters on every column at once."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(True)


# -- background problem counts ---------------------------------------------------------


class ProblemCounter(QObject):
    """Computes problem counts in worker processes, newest request only.

    A full parse and validation of the corpus takes ~25 s of pure Python; in processes it
    neither blocks nor slows the GUI thread (no shared GIL). Finished futures are collected
    by a timer on the GUI thread, so no Qt object is touched by a worker.
    """

    counted = Signal(object, object, object)  # path, ProblemCounts | None, (mtime_ns, size)
    POLL_MS = 100
    USE_PROCESSES = True  # tests switch to a thread to count with a stand-in function

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor: Executor | None = None
        self._futures: list[tuple[Future[ProblemCounts | None], Path, tuple[int, int]]] = []
        self._timer = QTimer(self)
        self._timer.setInterval(self.POLL_MS)
        self._timer.timeout.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return bool(self._futures)

    def request(self, items: list[tuple[Path, tuple[int, int]]]) -> None:
        """Replace any pending work with ``items``."""
        self._cancel()
        if not items:
            return
        executor = self._ensure_executor()
        for path, key in items:
            self._futures.append((executor.submit(problem_counts, path), path, key))
        self._timer.start()

    def stop(self, wait: bool = False) -> None:
        """Drop pending work; with ``wait``, also end the workers."""
        self._cancel()
        if wait and self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _ensure_executor(self) -> Executor:
        if self._executor is None:
            if self.USE_PROCESSES:
                workers = max(1, min(2, (os.cpu_count() or 2) - 1))
                self._executor = ProcessPoolExecutor(
                    max_workers=workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=exit_with_parent,
                    initargs=(os.getpid(),),
                )
            else:
                self._executor = ThreadPoolExecutor(max_workers=1)
        return self._executor

    def _cancel(self) -> None:
        for future, _path, _key in self._futures:
            future.cancel()
        self._futures = []
        self._timer.stop()

    def _deliver(self) -> None:
        waiting: list[tuple[Future[ProblemCounts | None], Path, tuple[int, int]]] = []
        finished: list[tuple[Future[ProblemCounts | None], Path, tuple[int, int]]] = []
        for item in self._futures:
            (finished if item[0].done() else waiting).append(item)
        self._futures = waiting
        for future, path, key in finished:
            try:
                counts = future.result()
            except Exception:  # a crashed worker or a checker bug: no count for this file
                counts = None
            self.counted.emit(path, counts, key)
        if not self._futures:
            self._timer.stop()


# -- the dock ----------------------------------------------------------------------------


class LibraryPanel(QWidget):
    """Filter field, episode table and the folder line; emits ``episodeActivated(Path)``."""

    episodeActivated = Signal(object)
    renameGuestRequested = Signal()
    RESCAN_DELAY_MS = 250
    SAVE_EVERY = 10  # problem counts

    def __init__(self, cache_dir: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cache_dir = cache_dir
        self.library: Library | None = None
        self._site = ""  # ``site_stamp`` of the people pages the pending counts are made with
        self._unsaved_counts = 0
        self.model = LibraryModel(self)
        self.proxy = LibraryFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.counter = ProblemCounter(self)
        self.counter.counted.connect(self._problems_counted)

        self.folder_label = QLabel("No folder open")
        self.folder_label.setObjectName("libraryFolder")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rename_button = QToolButton()
        self.rename_button.setText("Rename Guest…")
        self.rename_button.setObjectName("renameGuestButton")
        self.rename_button.setEnabled(False)
        self.rename_button.clicked.connect(self.renameGuestRequested)
        self.refresh_button = QToolButton()
        self.refresh_button.setText("Refresh")
        self.refresh_button.setObjectName("refreshLibraryButton")
        self.refresh_button.setToolTip("Read every episode again and recount the problems (F5)")
        self.refresh_button.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_button.setEnabled(False)
        self.refresh_button.clicked.connect(self.refresh)
        self.filter = QLineEdit()
        self.filter.setObjectName("libraryFilter")
        self.filter.setPlaceholderText("Filter by title, guest, season, episode…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.filter.returnPressed.connect(self._open_first_match)

        self.view = QTableView()
        self.view.setObjectName("libraryView")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(LibraryModel.SEASON, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(LibraryModel.TITLE, QHeaderView.ResizeMode.Stretch)
        digits = self.view.fontMetrics().horizontalAdvance("000") + 14
        header.resizeSection(LibraryModel.SEASON, digits)
        header.resizeSection(LibraryModel.EPISODE, digits)
        header.resizeSection(LibraryModel.GUESTS, 120)
        header.resizeSection(LibraryModel.PROBLEMS, 64)
        header.setMinimumSectionSize(24)
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)

        self.count_label = QLabel()
        self.count_label.setObjectName("libraryCount")
        self.count_label.setWordWrap(True)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

        top = QHBoxLayout()
        top.addWidget(self.folder_label, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.rename_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self.setTabOrder(self.filter, self.view)
        self.setTabOrder(self.view, self.rename_button)

        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._schedule_rescan)
        self.watcher.fileChanged.connect(self._schedule_rescan)
        self.rescan_timer = QTimer(self)
        self.rescan_timer.setSingleShot(True)
        self.rescan_timer.setInterval(self.RESCAN_DELAY_MS)
        self.rescan_timer.timeout.connect(self.rescan)
        self._update_count()

    # -- public -------------------------------------------------------------------------

    @property
    def folder(self) -> Path | None:
        return self.library.folder if self.library is not None else None

    def open_folder(self, folder: Path) -> None:
        """List the episodes of ``folder`` (a ``_podcast`` folder)."""
        self.counter.stop()
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())
        self.library = Library(folder, self.cache_dir)
        self.model.set_summaries([])
        self.folder_label.setText(f"<b>{self.library.folder.parent.name}</b> / {folder.name}")
        self.folder_label.setToolTip(str(self.library.folder))
        self.rename_button.setEnabled(True)
        self.refresh_button.setEnabled(True)
        self.rescan()

    def refresh(self) -> None:
        """Forget every problem count and read the folder again."""
        if self.library is None:
            return
        self.library.forget_problems()
        for row in range(self.model.rowCount()):
            self.model.set_problems(self.model.summaries[row].path, None)
        self.rescan()

    def rescan(self) -> None:
        if self.library is None:
            return
        self._site = site_stamp(self.library.folder)
        summaries = self.library.scan()  # drops counts made with other people pages
        self.model.set_summaries(summaries)
        for summary in summaries:
            if summary.problems is None:
                self.model.set_problems(summary.path, None)
        self._watch(summaries)
        todo = [(s.path, (s.mtime_ns, s.size)) for s in summaries if s.problems is None]
        if todo:
            # Count in the order the list shows, so the visible rows fill in first.
            todo.sort(key=lambda item: self._shown_row(item[0]))
            self.counter.request(todo)
        self._update_count()

    def _watch(self, summaries: list[EpisodeSummary]) -> None:
        """Watch the folder, its parent (to notice it re-created), the episodes and the
        people pages (the checks read them)."""
        assert self.library is not None
        folder = self.library.folder
        wanted_dirs = {str(folder.parent)} if folder.parent.is_dir() else set()
        if folder.is_dir():
            wanted_dirs.add(str(folder))
        wanted_files = {str(s.path) for s in summaries}
        site_root = find_site_root(folder / "episode.md")
        people = site_root / "_people" if site_root is not None else None
        if people is not None and people.is_dir():
            wanted_dirs.add(str(people))
            wanted_files.update(str(page) for page in people.glob("*.md"))
        for watched, wanted in (
            (set(self.watcher.directories()), wanted_dirs),
            (set(self.watcher.files()), wanted_files),
        ):
            if watched - wanted:
                self.watcher.removePaths(sorted(watched - wanted))
            if wanted - watched:
                self.watcher.addPaths(sorted(wanted - watched))

    def set_current_path(self, path: Path | None) -> None:
        self.model.set_current_path(path.resolve() if path is not None else None)

    def select_path(self, path: Path) -> bool:
        """Select (and show) the row of ``path``; False when it is not listed."""
        row = self._shown_row(path.resolve())
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.proxy.index(row, 0))
        return True

    def shutdown(self) -> None:
        """Stop background work and write the cache (call before the window goes away)."""
        self.counter.stop(wait=True)
        self.rescan_timer.stop()
        if self.library is not None:
            self.library.save_cache()

    # -- slots --------------------------------------------------------------------------

    def _shown_row(self, path: Path) -> int:
        source = self.model.index(self.model.row_of(path), 0)
        return self.proxy.mapFromSource(source).row()

    def _schedule_rescan(self, *_args: object) -> None:
        self.rescan_timer.start()

    def _problems_counted(self, path: Path, counts: Any, key: tuple[int, int]) -> None:
        if self.library is None:
            return
        self.library.set_problems(path, counts, key, self._site)
        row = self.model.row_of(path)
        if row >= 0 and (self.model.summaries[row].mtime_ns, self.model.summaries[row].size) == key:
            self.model.set_problems(path, counts)
        self._unsaved_counts += 1
        # Save now and then, so counts survive a crash or a kill halfway through the corpus.
        if not self.counter.busy or self._unsaved_counts >= self.SAVE_EVERY:
            self.library.save_cache()
            self._unsaved_counts = 0

    def _activated(self, index: QModelIndex) -> None:
        path = index.data(PATH_ROLE)
        if path:
            self.episodeActivated.emit(Path(path))

    def _open_first_match(self) -> None:
        if self.proxy.rowCount() > 0:
            self.view.setFocus()
            self.view.selectRow(0)
            if self.proxy.rowCount() == 1:
                self._activated(self.proxy.index(0, 0))

    def _update_count(self, *_args: object) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if self.library is None:
            self.count_label.setText("Open a site or _podcast folder (File ▸ Open Folder…)")
            self.count_label.setToolTip("")
            return
        if shown == total:
            text = f"{total} episode{'s' if total != 1 else ''}"
        else:
            text = f"{shown} of {total} episodes"
        left_out = self.library.left_out
        if left_out and not total:
            # A folder of people pages or posts: say that these are not episodes, and why.
            reasons = {why for _path, why in left_out}
            if len(left_out) == 1:
                why = f"its one markdown file is {left_out[0][1]}"
            elif len(reasons) == 1:
                why = f"its {len(left_out)} markdown files are each {reasons.pop()}"
            else:
                why = (
                    f"its {len(left_out)} markdown files are not episodes: "
                    f"{left_out_summary(left_out)}"
                )
            text = (
                f"No episodes in {self.library.folder.name}: {why}. "
                "Open the site or its _podcast folder."
            )
            self.count_label.setToolTip(_left_out_lines(left_out))
        elif left_out:
            # Say which markdown files are not listed (and so not checked or renamed), and why.
            text += f" · {len(left_out)} file{'s' if len(left_out) != 1 else ''} left out"
            self.count_label.setToolTip(
                "Not episodes, so not listed, checked or renamed:\n" + _left_out_lines(left_out)
            )
        else:
            self.count_label.setToolTip("")
        self.count_label.setText(text)


def _left_out_lines(left_out: list[tuple[Path, str]]) -> str:
    lines = [f"{path.name}: {why}" for path, why in left_out[:MAX_TIP_LINES]]
    if len(left_out) > MAX_TIP_LINES:
        lines.append(f"… and {len(left_out) - MAX_TIP_LINES} more")
    return "\n".join(lines)


class LibraryDock(QDockWidget):
    """The library panel in a dock; ``toggleViewAction`` shows and hides it."""

    def __init__(self, cache_dir: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Library", parent)
        self.setObjectName("libraryDock")
        self.panel = LibraryPanel(cache_dir, self)
        self.setWidget(self.panel)
        self.toggleViewAction().setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.toggleViewAction().setText("&Library")
        self.toggleViewAction().setStatusTip("Show or hide the episode library")

"""The first hour of a new user (issue 17): sizes, focus, keyboard-only work, dark diffs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, SAMPLE_EPISODE, SAMPLE_SITE
from layout_check import WINDOW_SIZE, clipped_widgets, walk_window
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QBoxLayout, QMessageBox, QToolButton, QWidget

import editor.qt.window.desktop as desktop
from editor.app import MainWindow
from editor.qt.common.changes_view import DiffView
from editor.qt.common.diff_dialog import DiffDialog
from editor.qt.common.settings import Settings
from editor.qt.features.library.dock import PATH_ROLE
from editor.qt.features.problems import feature as problems_feature
from editor.qt.features.problems.feature import SaveAnswer
from editor.qt.tabs.transcript.outline import EMPTY_OUTLINE_HINT, TitleRole
from editor.qt.window.main_window import first_start_size

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

SCREEN = QSize(1280, 800)


@pytest.fixture
def make_window(qtbot, settings: Settings, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Windows over the same settings, as if the app were started again."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    made: list[MainWindow] = []

    def make(size: QSize | None = SCREEN, path: Path | None = None) -> MainWindow:
        window = MainWindow(settings)
        qtbot.addWidget(window)
        made.append(window)
        if size is not None:
            window.resize(size)
        if path is not None:
            assert window.open_path(path)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
    for window in made:
        window.desktop.shutdown()


def show_keyboard_window(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts only fire in the active window


def press(
    qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget(), key, modifiers)


# -- layout -----------------------------------------------------------------------------------


def test_problems_dock_takes_little_room_with_few_problems_or_no_file(
    make_window, episode: Path
) -> None:  # type: ignore[no-untyped-def]
    empty = make_window()
    assert empty.problems.dock.isVisible()
    assert empty.problems.dock.height() <= 0.15 * empty.height()
    window = make_window(path=episode)
    assert window.problems.dock.height() <= 0.15 * window.height()
    assert window.tabs.height() >= 0.7 * window.height()


def test_a_taller_problems_dock_is_kept_for_next_time(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.resizeDocks([window.problems.dock], [300], Qt.Orientation.Vertical)
    QApplication.processEvents()
    dragged = window.problems.dock.height()
    assert dragged > 0.3 * window.height()
    window.save_window_state()
    again = make_window(size=None)
    assert abs(again.problems.dock.height() - dragged) <= 2


def test_first_start_size_comes_from_the_screen() -> None:
    assert first_start_size(QSize(1280, 800)) == QSize(1203, 752)
    assert first_start_size(QSize(1024, 640)) == QSize(1024, 640)  # fits, never larger
    assert first_start_size(QSize(3840, 2160)) == QSize(1440, 1000)


def test_the_window_opens_at_the_first_start_size(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(size=None)
    assert window.size() == first_start_size(window.screen().availableGeometry().size())


def test_clips_toolbar_fits_at_1024_and_keeps_every_action(make_window, episode: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(QSize(*WINDOW_SIZE), episode)
    window.tabs.setCurrentWidget(window.clips_tab)
    QApplication.processEvents()
    clips = window.clips_tab
    assert clips.toolbar.sizeHint().width() <= clips.toolbar.width()
    extension = clips.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert extension is None or not extension.isVisible()
    in_menus = {a for m in (clips.url_menu, clips.sync_menu, clips.play_menu) for a in m.actions()}
    window_audio_menu = window.audio.menu.actions()  # attaching is window-wide
    reachable = set(clips.toolbar.actions()) | in_menus | set(window_audio_menu)
    for action in (
        clips.action_add,
        clips.action_remove,
        clips.action_play,
        clips.action_stop,
        clips.action_fix_url,
        clips.action_open,
        clips.action_attach,
        clips.action_play_start,
        clips.action_play_end,
        clips.action_from_sections,
    ):
        assert action in reachable, action.text()


def test_no_clipped_labels_or_buttons_at_1024x640() -> None:
    assert walk_window(SAMPLE_EPISODE) == []


def test_no_clipped_labels_or_buttons_at_150_percent(tmp_path: Path) -> None:
    env = {**os.environ, "QT_SCALE_FACTOR": "1.5", "QT_QPA_PLATFORM": "offscreen"}
    env["XDG_CONFIG_HOME"] = str(tmp_path)  # never the user's settings
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "tests" / "layout_check.py"), str(SAMPLE_EPISODE)],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""


def test_the_layout_check_finds_clipping(make_window, episode: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(QSize(560, 400), episode)
    window.tabs.setCurrentWidget(window.clips_tab)
    QApplication.processEvents()
    assert any("toolbar hides buttons" in line for line in clipped_widgets(window))


def test_metadata_columns_stack_in_a_narrow_pane_instead_of_scrolling_sideways(
    make_window, episode: Path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(path=episode)
    tab = window.metadata_tab
    assert tab.columns.direction() == QBoxLayout.Direction.LeftToRight
    window.resize(QSize(*WINDOW_SIZE))
    window.desktop.dock.show()
    window.resizeDocks([window.desktop.dock], [480], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert tab.columns.direction() == QBoxLayout.Direction.TopToBottom
    assert not tab.scroll_area.horizontalScrollBar().isVisible()
    window.desktop.dock.hide()
    window.resize(SCREEN)
    QApplication.processEvents()
    assert tab.columns.direction() == QBoxLayout.Direction.LeftToRight


def test_outline_is_wide_enough_elides_in_the_middle_and_remembers(
    make_window, episode: Path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(path=episode)
    window.tabs.setCurrentWidget(window.transcript_tab)
    QApplication.processEvents()
    outline = window.transcript_tab.outline
    metrics = outline.list.fontMetrics()
    forty_characters = metrics.averageCharWidth() * 40
    assert outline.width() >= forty_characters
    assert outline.width() <= 0.4 * window.transcript_tab.width() + 1
    long_title = "Cleaning the 1911 Logbook: Ink, Smudges and Missing Days and Many Other Things"
    window.session.set_value(("transcript", 8, "header"), long_title)
    index = outline.model.index(2)
    assert index.data(TitleRole) == long_title
    assert long_title in index.data(Qt.ItemDataRole.ToolTipRole)
    assert outline.list.textElideMode() == Qt.TextElideMode.ElideMiddle
    window.transcript_tab.splitter.moveSplitter(200, 1)
    window.transcript_tab.splitter.splitterMoved.emit(200, 1)
    moved = outline.width()
    again = make_window(path=episode)
    again.tabs.setCurrentWidget(again.transcript_tab)
    QApplication.processEvents()
    assert abs(again.transcript_tab.outline.width() - moved) <= 2


def test_an_episode_without_sections_explains_the_outline(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = SAMPLE_EPISODE.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith("- header:")]
    path = tmp_path / "no-sections.md"
    path.write_text("".join(lines), encoding="utf-8")
    window = make_window(path=path)
    window.tabs.setCurrentWidget(window.transcript_tab)
    outline = window.transcript_tab.outline
    assert outline.model.rowCount() == 0
    assert outline.empty_hint.isVisible() and not outline.list.isVisible()
    assert "Ctrl+Shift+Return" in outline.empty_hint.text() == EMPTY_OUTLINE_HINT
    window.transcript_tab.view.setCurrentIndex(window.transcript_tab.model.index(0, 0))
    window.transcript_tab.transcript_actions.insert_header()
    assert outline.model.rowCount() == 1
    assert outline.list.isVisible() and not outline.empty_hint.isVisible()


def test_status_bar_path_is_elided_in_the_middle_with_a_tooltip(
    make_window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    deep = tmp_path.joinpath(*(["a-rather-long-folder-name"] * 8))
    deep.mkdir(parents=True)
    path = deep / "2024-03-09-a-long-episode-file-name-guide.md"
    shutil.copyfile(SAMPLE_EPISODE, path)
    window = make_window(QSize(*WINDOW_SIZE), path)
    label = window.path_label
    assert label.text() == str(path)
    assert label.toolTip() == str(path)
    shown = label.shown_text()
    assert "…" in shown
    assert shown.startswith(str(path)[:3]) and shown.endswith("-guide.md")
    assert label.width() < window.statusBar().width() * 0.6  # room for messages


# -- focus ------------------------------------------------------------------------------------


def tab_chain(window: MainWindow, start: QWidget, presses: int = 80) -> list[QWidget]:
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen = []
    for _ in range(presses):
        focus = QApplication.focusWidget()
        assert focus is not None
        seen.append(focus)
        QApplication.processEvents()
        QTest.keyClick(focus, Qt.Key.Key_Tab)
    return seen


def test_tab_reaches_every_metadata_field_even_past_an_unset_date(
    qtbot, make_window, episode: Path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(path=episode)
    show_keyboard_window(qtbot, window)
    tab = window.metadata_tab
    assert window.session.get(("date",), None) is None  # Date shows "Not set"
    seen = tab_chain(window, tab.fields["title"].focus_widget())
    shown = [e for e in tab.fields.values() if e.isVisibleTo(tab.scroll_area)]
    assert len(shown) >= 15
    missing = [e.path for e in shown if not any(e.isAncestorOf(w) or w is e for w in seen)]
    assert missing == []


def test_tab_walks_through_the_clips_and_transcript_tabs(qtbot, make_window, episode: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(path=episode)
    show_keyboard_window(qtbot, window)
    for tab, table in (
        (window.clips_tab, window.clips_tab.table),
        (window.transcript_tab, window.transcript_tab.view),
    ):
        window.tabs.setCurrentWidget(tab)
        seen = tab_chain(window, table, presses=20)
        assert len(set(seen)) > 2  # the table is one stop, not a trap
        assert seen.count(table) < len(seen) / 2


def test_tab_leaves_the_problems_table(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = SAMPLE_EPISODE.read_text(encoding="utf-8").replace("season: 3", "season: -3")
    path = tmp_path / "bad.md"
    path.write_text(text, encoding="utf-8")
    window = make_window(path=path)
    show_keyboard_window(qtbot, window)
    view = window.problems.panel.view
    assert window.problems.panel.model.rowCount() >= 1
    view.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not view
    view.setFocus()
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is not view


def test_ctrl_1_after_opening_from_the_library_focuses_the_title(
    qtbot, make_window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, site)
    window = make_window()
    show_keyboard_window(qtbot, window)
    window.desktop.open_folder(site)
    library = window.desktop.library
    library.view.setFocus()
    library.view.selectRow(0)
    press(qtbot, Qt.Key.Key_Return)
    assert window.document is not None
    assert library.view.hasFocus() or library.isAncestorOf(QApplication.focusWidget())
    press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.metadata_tab.fields["title"].focus_widget()
    press(qtbot, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.transcript_tab.view


def test_a_keyboard_only_session(qtbot, make_window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Open from the Library, retitle, move a section, review the changes, save: keys only."""
    site = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, site)
    path = site / "_podcast" / SAMPLE_EPISODE.name
    before = path.read_text(encoding="utf-8")
    reviewed: list[str] = []
    monkeypatch.setattr(
        desktop.ChangesDialog, "exec", lambda d: reviewed.append(d.view.diff.toPlainText()) or 0
    )
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getExistingDirectory", lambda *a, **k: str(site)
    )
    asked: list[list[str]] = []

    def save_anyway(parent: QWidget, path: Path, errors: list) -> SaveAnswer:  # type: ignore[type-arg]
        asked.append([p.rule for p in errors])
        return SaveAnswer(save=True)

    monkeypatch.setattr(problems_feature, "ask_save_with_errors", save_anyway)
    window = make_window()
    show_keyboard_window(qtbot, window)
    press(
        qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    library = window.desktop.library
    assert library.filter.hasFocus()
    qtbot.keyClicks(library.filter, "tide")
    press(qtbot, Qt.Key.Key_Return)  # the only match opens
    assert window.document is not None and Path(window.document.path) == path
    press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    title = window.metadata_tab.fields["title"].focus_widget()
    assert title.hasFocus()
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(title, "Tide Charts")
    press(qtbot, Qt.Key.Key_Tab)  # leaving the field commits it
    assert window.session.get(("title",)) == "Tide Charts"
    press(qtbot, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    view = window.transcript_tab.view
    assert view.hasFocus()
    press(qtbot, Qt.Key.Key_Down)  # into the first section
    press(
        qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    )
    headers = [item["header"] for item in window.session.get(("transcript",)) if "header" in item]
    assert headers[1] == "Podcast Introduction"
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(reviewed) == 1
    added = [line for line in reviewed[0].splitlines() if line.startswith("+")]
    assert any(line.startswith("+title:") and "Tide Charts" in line for line in added)
    assert any("header: Podcast Introduction" in line for line in added), reviewed[0]
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert asked == [["transcript.sec-backwards"]]  # the moved section now starts earlier
    saved = path.read_text(encoding="utf-8").splitlines()
    title_line = next(line[1:] for line in added if line.startswith("+title:"))
    assert saved[1] == title_line  # what Review Changes showed is what was written
    assert saved.index("- header: Podcast Introduction") > saved.index(
        "- header: From Lamp Lighter to Data Keeper"
    )
    assert len(saved) == len(before.splitlines())
    assert window.undo_stack.isClean()


# -- the library -------------------------------------------------------------------------------


def test_library_shown_by_its_shortcut_is_wide_enough_for_titles(
    qtbot, make_window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, site)
    window = make_window()
    window.settings.set(Settings.RECENT_FOLDERS, [str((site / "_podcast").resolve())])
    window.desktop.action_library.trigger()
    QApplication.processEvents()
    library = window.desktop.library
    assert library.model.rowCount() == 1
    title_width = library.view.horizontalHeader().sectionSize(library.model.TITLE)
    assert title_width >= library.view.fontMetrics().averageCharWidth() * 20


def test_cancel_on_save_your_changes_keeps_the_library_on_the_open_file(
    qtbot, make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, site)
    second = site / "_podcast" / "second.md"
    shutil.copyfile(SAMPLE_EPISODE, second)
    window = make_window(path=site / "_podcast" / SAMPLE_EPISODE.name)
    window.desktop.open_folder(site)
    library = window.desktop.library
    window.session.set_value(("title",), "Edited")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    row_of = {
        Path(library.proxy.index(r, 0).data(PATH_ROLE)).name: r
        for r in range(library.proxy.rowCount())
    }
    library.view.selectRow(row_of["second.md"])
    library.view.activated.emit(library.proxy.index(row_of["second.md"], 0))
    assert Path(window.document.path).name == SAMPLE_EPISODE.name  # type: ignore[union-attr]
    selected = library.view.selectionModel().selectedRows()
    assert [index.row() for index in selected] == [row_of[SAMPLE_EPISODE.name]]


# -- one diff view, light and dark --------------------------------------------------------------


def dark_palette() -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e0e0e0"))
    return palette


def test_show_differences_uses_the_palette_aware_diff_view(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.palette()
    app.setPalette(dark_palette())
    try:
        dialog = DiffDialog("Show Differences", "a\nold\n", "a\nnew\n", "x.md", "Disk vs. yours")
        qtbot.addWidget(dialog)
        assert isinstance(dialog.view, DiffView)
        assert dialog.view.highlighter.dark
        added = dialog.view.highlighter.formats["added"].background().color()
        assert added.lightness() < 128  # a dark green, not the light theme's pale one
    finally:
        app.setPalette(original)
    QApplication.processEvents()
    assert not dialog.view.highlighter.dark  # recoloured when the theme changes back

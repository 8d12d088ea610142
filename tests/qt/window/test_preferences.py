"""Preferences dialog, theme, confirm before save, shortcuts and tab cycling."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE_EPISODE
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMenu, QMessageBox, QWidget

import editor.qt.window.desktop as desktop
from editor.app import MainWindow
from editor.core.resources import resource_path
from editor.qt.common.settings import Settings
from editor.qt.window.preferences_dialog import PreferencesDialog, apply_theme

# Showing a window with docks on the offscreen platform logs this harmless warning.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def window(qtbot, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> MainWindow:  # type: ignore[no-untyped-def]
    # pytest-qt closes the window before fixtures tear down: never block on the prompt.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    yield win
    win.desktop.shutdown()


@pytest.fixture
def episode(tmp_path: Path) -> Path:
    target = tmp_path / SAMPLE_EPISODE.name
    shutil.copy(SAMPLE_EPISODE, target)
    return target


@pytest.fixture
def restore_theme() -> None:  # type: ignore[misc]
    yield
    apply_theme("system")


def _is_dark() -> bool:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def test_dialog_loads_and_stores_every_preference(qtbot, settings: Settings, restore_theme) -> None:  # type: ignore[no-untyped-def]
    settings.set(Settings.LINE_WIDTH, 100)
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.line_width.value() == 100
    assert not dialog.confirm_before_save.isChecked()
    assert dialog.theme.currentData() == "system"
    dialog.line_width.setValue(72)
    dialog.confirm_before_save.setChecked(True)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    with qtbot.waitSignal(dialog.preferencesChanged):
        dialog.accept()
    assert settings.get(Settings.LINE_WIDTH) == 72
    assert settings.get(Settings.CONFIRM_BEFORE_SAVE) is True
    assert settings.get(Settings.THEME) == "dark"
    assert _is_dark()


def test_cancel_changes_nothing(qtbot, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.line_width.setValue(50)
    dialog.reject()
    assert settings.get(Settings.LINE_WIDTH) == Settings.LINE_WIDTH.default


def test_theme_light_dark_and_back_to_system(restore_theme) -> None:  # type: ignore[no-untyped-def]
    apply_theme("dark")
    assert _is_dark()
    apply_theme("light")
    assert not _is_dark()
    apply_theme("dark")
    apply_theme("system")
    assert not _is_dark()  # the offscreen platform's own palette is light


def test_every_menu_action_has_a_shortcut_shown(window: MainWindow) -> None:
    missing = []
    for menu in window.menus.values():
        for action in menu.actions():
            if action.isSeparator() or action.menu() is not None:
                continue
            if action.shortcut().isEmpty():
                missing.append(f"{menu.title()} ▸ {action.text()}")
    assert missing == []
    # Submenus hold dynamic entries (recent files) with &1..&9 accelerators instead.
    submenus = [a.menu() for m in window.menus.values() for a in m.actions() if a.menu()]
    assert all(isinstance(m, QMenu) for m in submenus)


def test_ctrl_tab_cycles_tabs_from_inside_a_field(qtbot, window: MainWindow, episode: Path) -> None:  # type: ignore[no-untyped-def]
    window.open_path(episode)
    window.show()
    qtbot.waitExposed(window)

    def focused() -> QWidget:
        page = window.tabs.currentWidget()
        return page.focusWidget() or page

    window.tabs.setCurrentIndex(0)
    seen = []
    for _ in range(window.tabs.count()):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
        seen.append(window.tabs.currentIndex())
    assert seen == [1, 2, 0]
    back = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(focused(), Qt.Key.Key_Backtab, back)
    assert window.tabs.currentIndex() == 2
    window.desktop.action_previous_tab.trigger()
    assert window.tabs.currentIndex() == 1


def test_confirm_before_save_shows_the_changes_and_can_cancel(
    window: MainWindow, episode: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.settings.set(Settings.CONFIRM_BEFORE_SAVE, True)
    window.open_path(episode)
    before = episode.read_text(encoding="utf-8")
    window.session.set_value(("title",), "Confirmed title")
    shown: list[list[str]] = []
    answers = iter([QDialog.DialogCode.Rejected, QDialog.DialogCode.Accepted])

    def fake_exec(dialog: desktop.ChangesDialog) -> int:
        view = dialog.view
        shown.append([view.summary.item(i).text() for i in range(view.summary.count())])
        return next(answers)

    monkeypatch.setattr(desktop.ChangesDialog, "exec", fake_exec)
    assert not window.save()
    assert episode.read_text(encoding="utf-8") == before
    assert window.is_modified
    assert window.save()
    assert "Confirmed title" in episode.read_text(encoding="utf-8")
    assert shown == [["Title changed"], ["Title changed"]]


def test_without_the_preference_save_does_not_ask(
    window: MainWindow, episode: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(desktop.ChangesDialog, "exec", lambda d: pytest.fail("asked"))
    window.open_path(episode)
    window.session.set_value(("title",), "Quiet save")
    assert window.save()


def test_review_changes_action(
    window: MainWindow, episode: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not window.desktop.action_review_changes.isEnabled()
    window.open_path(episode)
    assert window.desktop.action_review_changes.isEnabled()
    window.session.set_value(("season",), 4)
    seen: list[str] = []
    monkeypatch.setattr(
        desktop.ChangesDialog, "exec", lambda d: seen.append(d.view.diff.toPlainText()) or 0
    )
    window.desktop.action_review_changes.trigger()
    assert "-season: 3\n+season: 4" in seen[0]


def test_window_icon_and_desktop_file(window: MainWindow) -> None:
    assert not window.windowIcon().isNull()
    assert not window.windowIcon().pixmap(64, 64).isNull()
    entry = resource_path("episode-editor.desktop").read_text(encoding="utf-8")
    fields = dict(line.split("=", 1) for line in entry.splitlines() if "=" in line)
    assert entry.startswith("[Desktop Entry]\n")
    assert fields["Type"] == "Application"
    assert fields["Exec"].split()[0] == "episode-editor"  # the gui-script in pyproject.toml
    assert fields["Icon"] == "episode-editor"
    assert resource_path("icons", "app.svg").read_text(encoding="utf-8").startswith("<svg")


def test_focus_from_environment(window: MainWindow, episode: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert desktop.parse_data_path("transcript.3.line") == ("transcript", 3, "line")
    monkeypatch.setenv(desktop.FOCUS_ENVIRONMENT_VARIABLE, "title")
    assert not desktop.focus_from_environment(window)  # no document yet
    window.open_path(episode)
    window.tabs.setCurrentIndex(2)
    assert desktop.focus_from_environment(window)
    assert window.tabs.currentIndex() == 0


def test_line_width_preference_reaches_the_document(
    window: MainWindow, episode: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.settings.set(Settings.LINE_WIDTH, 60)
    window.open_path(episode)
    assert window.document is not None and window.document.line_width == 60

    def change(dialog: PreferencesDialog) -> int:
        dialog.line_width.setValue(120)
        dialog.accept()
        return 1

    monkeypatch.setattr(PreferencesDialog, "exec", change)
    window.desktop.action_preferences.trigger()
    assert window.document.line_width == 120
    window.session.set_value(("context",), ("word " * 60).strip())  # a new key: written fresh
    written = window.document.to_text()
    context = written.split("\ncontext:", 1)[1].split("\n---", 1)[0]
    lines = [line for line in context.splitlines() if line.strip()]
    assert len(lines) >= 2  # folded ...
    # ... at the preferred width (YAML folds at the first space at or past it)
    assert max(len(line) for line in lines) <= 120 + len(" word")
    assert max(len(line) for line in lines) > 80  # not at the default


def test_window_shortcuts_are_not_ambiguous(window: MainWindow, episode: Path) -> None:
    from collections import defaultdict

    from PySide6.QtGui import QAction, QShortcut

    window.open_path(episode)
    window_wide = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
    owners: dict[str, set[str]] = defaultdict(set)
    global_keys: set[str] = set()
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            owners[key.toString()].add(action.text())
            if action.shortcutContext() in window_wide:
                global_keys.add(key.toString())
    for shortcut in window.findChildren(QShortcut):
        owners[shortcut.key().toString()].add(f"shortcut {shortcut.objectName()}")
        if shortcut.context() in window_wide:
            global_keys.add(shortcut.key().toString())
    # A window-wide key that another command also uses is ambiguous wherever both apply.
    clashes = {key: sorted(owners[key]) for key in global_keys if len(owners[key]) > 1}
    assert clashes == {}


def test_theme_preference_is_applied_at_start(window: MainWindow, restore_theme) -> None:  # type: ignore[no-untyped-def]
    window.settings.set(Settings.THEME, "dark")
    window.desktop.apply_startup_preferences()
    assert _is_dark()


def test_the_line_width_wording_says_what_the_writer_does(qtbot, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    from editor.core.yaml.document import Document

    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("at the first space after this many columns" in text for text in texts)
    assert "first space after" in dialog.line_width.toolTip()
    # ...which is what happens: each folded line runs past 60 to the end of its word.
    document = Document.from_text("---\ntitle: x\n---\n")
    document.line_width = 60
    words = " ".join(f"word{n}" + "x" * (n % 9) for n in range(60))
    document.data["context"] = words
    lines = document.to_text().split("---\n")[1].splitlines()[1:]
    assert len(lines) > 2
    folded = lines[:-1]
    assert all(len(line) > 60 for line in folded)
    assert max(len(line) for line in folded) >= 70  # "width 60 can give lines of 70"
    for line in folded:
        assert line.find(" ", 61) == -1, f"not broken at the first space after 60: {line}"

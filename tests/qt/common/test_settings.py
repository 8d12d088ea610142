"""Every declared setting survives a round trip through the settings file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QSettings

from editor.qt.common.settings import Setting, Settings

# Showing a window with docks on the offscreen platform logs this harmless warning.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

NON_DEFAULT: dict[type, Any] = {
    bool: True,
    int: 123,
    str: "dark",
    list: ["/a/one.md", "/b/two.md"],
    QByteArray: QByteArray(b"\x01\x02geometry\x00"),
}


def _declared() -> list[Setting[Any]]:
    return [value for value in vars(Settings).values() if isinstance(value, Setting)]


def test_there_are_declared_settings() -> None:
    keys = {s.key for s in _declared()}
    assert {
        "files/recent",
        "files/recentFolders",
        "window/geometry",
        "window/state",
        "window/lastTab",
        "preferences/lineWidth",
        "preferences/confirmBeforeSave",
        "preferences/theme",
    } <= keys


@pytest.mark.parametrize("setting", _declared(), ids=lambda s: s.key)
def test_round_trip(tmp_path: Path, setting: Setting[Any]) -> None:
    file = str(tmp_path / "settings.ini")
    value = NON_DEFAULT[type(setting.default)]
    if isinstance(setting.default, bool):
        value = not setting.default
    assert value != setting.default
    writer = Settings(QSettings(file, QSettings.Format.IniFormat))
    assert writer.get(setting) == setting.default
    writer.set(setting, value)
    writer.sync()
    reader = Settings(QSettings(file, QSettings.Format.IniFormat))
    assert reader.get(setting) == value


def test_single_recent_entry_and_garbage_read_back_sensibly(tmp_path: Path) -> None:
    file = str(tmp_path / "settings.ini")
    raw = QSettings(file, QSettings.Format.IniFormat)
    raw.setValue(Settings.RECENT_FOLDERS.key, "/only/one")
    raw.setValue(Settings.LINE_WIDTH.key, "not a number")
    raw.setValue(Settings.CONFIRM_BEFORE_SAVE.key, "true")
    raw.sync()
    settings = Settings(QSettings(file, QSettings.Format.IniFormat))
    assert settings.get(Settings.RECENT_FOLDERS) == ["/only/one"]
    assert settings.get(Settings.LINE_WIDTH) == Settings.LINE_WIDTH.default
    assert settings.get(Settings.CONFIRM_BEFORE_SAVE) is True


def test_window_state_round_trip(qtbot, settings: Settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from editor.app import MainWindow

    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.resize(700, 500)  # within the offscreen screen, which restoreGeometry clamps to
    first.tabs.setCurrentIndex(2)
    first.desktop.open_folder(tmp_path)  # shows the library dock
    first_size = first.size()
    first.save_window_state()
    first.desktop.shutdown()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    assert second.tabs.currentIndex() == 2
    assert second.size() == first_size
    assert not second.desktop.dock.isHidden()
    second.show()
    qtbot.waitUntil(lambda: second.desktop.library.folder is not None)
    assert second.desktop.library.folder == tmp_path.resolve()  # reopened from recent folders
    second.desktop.shutdown()

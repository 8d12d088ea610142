"""The main window: open, title and modified marker, undo/redo, save, unsaved-changes prompts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE_EPISODE

from editor.app import MainWindow


@pytest.fixture
def episode(tmp_path: Path) -> Path:
    target = tmp_path / "site" / "_podcast" / SAMPLE_EPISODE.name
    shutil.copytree(SAMPLE_EPISODE.parents[1], tmp_path / "site")
    return target


@pytest.fixture
def window(qtbot, settings) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(settings)
    qtbot.addWidget(win)
    return win


def test_tabs_have_their_object_names(window: MainWindow) -> None:
    names = [window.tabs.widget(i).objectName() for i in range(window.tabs.count())]
    assert names == ["metadataTab", "clipsTab", "transcriptTab"]
    assert set(window.menus) == {"file", "edit", "view", "tools", "help"}


def test_open_shows_name_and_modified_marker(window: MainWindow, episode: Path) -> None:
    assert window.open_path(episode)
    assert window.document is not None
    assert episode.name in window.windowTitle()
    assert not window.isWindowModified()
    window.session.set_value(("title",), "New title")
    assert window.isWindowModified()
    assert window.modified_label.text() == "Modified"
    window.undo_stack.undo()
    assert not window.isWindowModified()

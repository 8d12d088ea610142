"""File-level checks: transcript edits in the GUI, saved, change only the lines they should."""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SAMPLE_EPISODE, corpus_files
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QInputDialog

from editor.core import Document
from editor.core.episode import transcript as core
from editor.qt.editing.session import EpisodeSession
from editor.qt.tabs.transcript.tab import TranscriptTab

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

RETIMED_KEYS = ("sec", "time", "startOffset", "endOffset", "url")


def open_tab(qtbot: Any, settings: Any, path: Path) -> tuple[TranscriptTab, EpisodeSession]:
    session = EpisodeSession()
    session.set_document(Document.load(path))
    tab = TranscriptTab(session, settings)
    qtbot.addWidget(tab)
    tab.resize(1000, 700)
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)  # shortcuts only fire in the active window
    tab.view.setFocus()
    return tab, session


def press(qtbot: Any, key: str, tab: TranscriptTab) -> None:
    combination = QKeySequence(key)[0]
    target = QApplication.focusWidget() or tab.view
    qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())


def save(session: EpisodeSession) -> str:
    assert session.document is not None and session.document.path is not None
    session.document.save()
    return session.document.path.read_text(encoding="utf-8")


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        (removed if line.startswith("-") else added).append(line[1:])
    return removed, added


def changed_in_place(before: str, after: str) -> list[tuple[str, str]]:
    """Line pairs that differ, when ``after`` has the same number of lines as ``before``
    (difflib may pair a retimed ``sec: 3905`` with another item's new ``sec: 3905``)."""
    old_lines, new_lines = before.splitlines(), after.splitlines()
    assert len(old_lines) == len(new_lines)
    return [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]


def key_of(line: str) -> str:
    return line.strip().removeprefix("- ").split(":")[0]


def section_line_spans(text: str) -> list[tuple[int, int]]:
    """0-based [start, end) line numbers of each ``- header:`` section in ``text``'s transcript."""
    lines = text.splitlines()
    start = lines.index("transcript:") + 1
    end = next(i for i in range(start, len(lines)) if lines[i] == "---")
    headers = [i for i in range(start, end) if lines[i].startswith("- header:")]
    return list(zip(headers, [*headers[1:], end], strict=True))


def test_moving_a_section_in_the_gui_moves_only_its_lines(
    qtbot: Any, settings: Any, tmp_path: Path
) -> None:
    path = tmp_path / "episode.md"
    shutil.copyfile(SAMPLE_EPISODE, path)
    original = path.read_text(encoding="utf-8")
    tab, session = open_tab(qtbot, settings, path)
    tab.view.select_rows(10)  # in the third section
    press(qtbot, "Alt+Shift+Up", tab)
    saved = save(session)

    lines = original.splitlines(keepends=True)
    (_, _), (second_start, second_end), (third_start, third_end), _ = section_line_spans(original)
    expected = (
        lines[:second_start]
        + lines[third_start:third_end]
        + lines[second_start:second_end]
        + lines[third_end:]
    )
    assert saved == "".join(expected)
    removed, added = changed_lines(original, saved)
    assert sorted(removed) == sorted(added) and removed  # a pure move


def test_retiming_changes_only_the_retimed_values(
    qtbot: Any, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "episode.md"
    shutil.copyfile(SAMPLE_EPISODE, path)
    original = path.read_text(encoding="utf-8")
    tab, session = open_tab(qtbot, settings, path)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("+1:00:00", True)))
    tab.view.select_rows(4)  # the line at 0:41; everything after goes past the hour
    press(qtbot, "Ctrl+Shift+T", tab)
    saved = save(session)

    changes = changed_in_place(original, saved)
    # sec and time of 12 lines; clip 1's end; start, url and end of the three clips after.
    assert len(changes) == 12 * 2 + 1 + 3 * 3
    for old, new in changes:
        assert key_of(old) in RETIMED_KEYS and key_of(new) == key_of(old), (old, new)
        assert re.sub(r"[\d:']", "", old) == re.sub(r"[\d:']", "", new), (old, new)
    assert "  time: '1:00:41'\n" in saved
    front = yaml.safe_load(saved.split("\n---\n")[0].removeprefix("---\n"))
    for item in front["transcript"]:
        if "time" in item:
            assert isinstance(item["time"], str), item  # as Jekyll's YAML 1.1 reader sees it
            assert core.item_seconds({"time": item["time"]}) == item["sec"]


@pytest.mark.corpus
def test_section_move_and_retime_on_real_episodes(
    qtbot: Any, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = corpus_files()
    picked = [p for p in files if "- header:" in p.read_text(encoding="utf-8")][::30]
    assert picked
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("+7", True)))
    for source in picked:
        path = tmp_path / source.name
        shutil.copyfile(source, path)
        original = path.read_text(encoding="utf-8")
        tab, session = open_tab(qtbot, settings, path)
        headers = core.section_starts(tab.model.items())
        if len(headers) < 2:
            continue
        tab.view.select_rows(headers[-1])
        press(qtbot, "Alt+Shift+Up", tab)
        saved = save(session)
        removed, added = changed_lines(original, saved)
        assert sorted(removed) == sorted(added) and removed, source.name

        session.undo_stack.undo()
        assert session.document is not None
        assert session.document.to_text() == original, source.name
        tab.view.select_rows(headers[-1])
        press(qtbot, "Ctrl+Shift+T", tab)
        changes = changed_in_place(original, session.document.to_text())
        assert changes, source.name
        for old, new in changes:
            assert key_of(old) in RETIMED_KEYS and key_of(new) == key_of(old), (source.name, old)
        tab.close()


def test_split_and_insert_write_new_lines_in_the_neighbours_style(
    qtbot: Any, settings: Any, tmp_path: Path
) -> None:
    path = tmp_path / "episode.md"
    shutil.copyfile(SAMPLE_EPISODE, path)
    original = path.read_text(encoding="utf-8")
    tab, session = open_tab(qtbot, settings, path)
    tab.operations.split_line(14, len("How did you get"))
    saved = save(session)
    removed, added = changed_lines(original, saved)
    assert removed == ["- line: How did you get the harbour master to trust a model?"]
    assert added == [
        "- line: How did you get",
        "  sec: 560",
        "  time: '9:20'",
        "  who: Bruno",
        "- line: the harbour master to trust a model?",
    ]


def test_an_edited_time_is_written_quoted_even_where_the_file_had_it_plain(
    qtbot: Any, settings: Any, tmp_path: Path
) -> None:
    path = tmp_path / "episode.md"
    shutil.copyfile(SAMPLE_EPISODE, path)
    original = path.read_text(encoding="utf-8")
    assert "  time: 0:03\n" in original  # the sample writes its first times unquoted
    tab, session = open_tab(qtbot, settings, path)
    tab.model.setData(tab.model.index(1, 0), "13")
    removed, added = changed_lines(original, save(session))
    assert removed == ["  sec: 3", "  time: 0:03"]
    assert added == ["  sec: 13", "  time: '0:13'"]

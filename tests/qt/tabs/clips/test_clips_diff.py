"""File-level diffs of clip operations: only the clip lines involved change (real renderer)."""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_EPISODE, corpus_files
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog

from editor.core import Document
from editor.core.episode.clips import Chapter, diff_clips, format_chapters
from editor.qt.editing.session import EpisodeSession
from editor.qt.tabs.clips.dialogs import ClipSyncDialog
from editor.qt.tabs.clips.model import START
from editor.qt.tabs.clips.tab import ClipsTab

VIDEO = "AbCdEfGhIjK"
CLIP_LINE = re.compile(r"^(- name: |  startOffset: |  url: |  endOffset: |    \S)")

# Showing a top-level window on the offscreen platform logs this once per process.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def diff(session: EpisodeSession) -> list[str]:
    """The changed lines, as ``-old`` / ``+new``."""
    assert session.document is not None
    before = session.document.original_text.splitlines()
    after = session.document.to_text().splitlines()
    return [
        line
        for line in difflib.unified_diff(before, after, n=0, lineterm="")
        if line[:1] in "+-" and not line.startswith(("---", "+++"))
    ]


def make_tab(qtbot: Any, settings: Any, path: Path) -> tuple[ClipsTab, EpisodeSession]:
    session = EpisodeSession()
    session.set_document(Document.load(path))
    tab = ClipsTab(session, settings)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    qtbot.waitExposed(tab)
    return tab, session


@pytest.fixture
def sample(qtbot: Any, settings: Any, tmp_path: Path) -> tuple[ClipsTab, EpisodeSession]:
    target = tmp_path / "episode.md"
    shutil.copyfile(SAMPLE_EPISODE, target)
    return make_tab(qtbot, settings, target)


def accept_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ClipSyncDialog, "exec", lambda self: int(QDialog.DialogCode.Accepted))


def test_typing_a_start_changes_start_and_url_lines(
    sample: tuple[ClipsTab, EpisodeSession],
) -> None:
    tab, session = sample
    tab.model.setData(tab.model.index(1, START), "0:45")
    assert diff(session) == [
        "-  startOffset: 41",
        f"-  url: https://www.youtube.com/watch?v={VIDEO}&t=41",
        "+  startOffset: 45",
        f"+  url: https://www.youtube.com/watch?v={VIDEO}&t=45",
    ]


def test_dragging_an_end_changes_one_line(
    qtbot: Any, sample: tuple[ClipsTab, EpisodeSession]
) -> None:
    tab, session = sample
    timeline = tab.timeline
    y = round(timeline.lanes().clips.center().y())
    tab.select_rows([3])
    qtbot.mousePress(
        timeline, Qt.MouseButton.LeftButton, pos=QPoint(round(timeline.scale.x_for(725)), y)
    )
    qtbot.mouseMove(timeline, QPoint(round(timeline.scale.x_for(718)), y))
    qtbot.mouseRelease(
        timeline, Qt.MouseButton.LeftButton, pos=QPoint(round(timeline.scale.x_for(718)), y)
    )
    assert diff(session) == ["-  endOffset: 725", "+  endOffset: 718"]


def test_add_remove_move_touch_only_those_clips(sample: tuple[ClipsTab, EpisodeSession]) -> None:
    tab, session = sample
    tab.select_rows([3])
    tab.add_clip()
    # after the last clip, which ends at the episode's end: the last second (sorted: difflib
    # may align the new "endOffset: 725" with the old clip's identical line)
    assert sorted(diff(session)) == [
        "+  endOffset: 725",
        "+  startOffset: 724",
        f"+  url: https://www.youtube.com/watch?v={VIDEO}&t=724",
        "+- name: New clip",
    ]
    session.undo_stack.undo()
    assert diff(session) == []

    tab.select_rows([1])
    tab.remove_selected()
    assert diff(session) == [
        "-- name: 'From Lamp Lighter to Data Keeper'",
        "-  startOffset: 41",
        f"-  url: https://www.youtube.com/watch?v={VIDEO}&t=41",
        "-  endOffset: 302",
    ]
    session.undo_stack.undo()
    assert diff(session) == []

    tab.select_rows([0])
    tab.move_selected(1)
    lines = diff(session)
    assert sorted(line[1:] for line in lines if line[0] == "-") == sorted(
        line[1:] for line in lines if line[0] == "+"
    )  # a move: the same lines, verbatim, elsewhere
    assert len(lines) == 8 and all(CLIP_LINE.match(line[1:]) for line in lines)


def test_fix_url_changes_one_line(sample: tuple[ClipsTab, EpisodeSession]) -> None:
    tab, session = sample
    session.set_value(("ids", "youtube"), "NewVideo123")
    tab.select_rows([2])
    tab.fix_selected_urls()
    assert diff(session) == [
        "-  youtube: AbCdEfGhIjK",
        "+  youtube: NewVideo123",
        f"-  url: https://www.youtube.com/watch?v={VIDEO}&t=302",
        "+  url: https://www.youtube.com/watch?v=NewVideo123&t=302",
    ]


def test_sections_sync_changes_only_the_differing_lines(
    sample: tuple[ClipsTab, EpisodeSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    tab, session = sample
    accept_all(monkeypatch)
    tab.sync.clips_from_sections()  # the first section starts at 0:03, its clip at 0
    assert diff(session) == [
        "-  startOffset: 0",
        f"-  url: https://www.youtube.com/watch?v={VIDEO}&t=0",
        "+  startOffset: 3",
        f"+  url: https://www.youtube.com/watch?v={VIDEO}&t=3",
    ]


def test_chapter_import_changes_only_the_differing_lines(
    sample: tuple[ClipsTab, EpisodeSession], monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QGuiApplication

    tab, session = sample
    accept_all(monkeypatch)
    chapters = [
        Chapter(0, "Podcast Introduction"),
        Chapter(41, "From Lamp Lighter to Data Keeper"),
        Chapter(302, "Cleaning the 1911 Logbook: Ink, Smudges and Missing Days"),
        Chapter(560, "A Forecast the Harbour Master Trusts"),
    ]
    QGuiApplication.clipboard().setText(format_chapters(chapters))
    tab.sync.import_chapters_from_clipboard()
    assert diff(session) == []  # same chapters: nothing to do, nothing written
    QGuiApplication.clipboard().setText(format_chapters([*chapters[:3], Chapter(600, "Trust")]))
    tab.sync.import_chapters_from_clipboard()
    assert sorted(diff(session)) == sorted(
        [
            "-  endOffset: 560",
            "+  endOffset: 600",
            "-- name: A Forecast the Harbour Master Trusts",
            "-  startOffset: 560",
            f"-  url: https://www.youtube.com/watch?v={VIDEO}&t=560",
            "+- name: Trust",
            "+  startOffset: 600",
            f"+  url: https://www.youtube.com/watch?v={VIDEO}&t=600",
        ]
    )  # the last clip's endOffset line (725) stays: only its other lines changed


@pytest.mark.corpus
def test_corpus_edits_touch_only_clip_lines(
    qtbot: Any, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over corpus episodes whose clips differ from their sections: sync from sections, then
    check the diff is clip lines only, bounded by what the review dialog listed."""
    accept_all(monkeypatch)
    checked = 0
    for source in corpus_files()[::12]:  # a spread of styles, kept fast
        target = tmp_path / source.name
        shutil.copyfile(source, target)
        tab, session = make_tab(qtbot, settings, target)
        clips = list(session.get(("quotableClips",), []) or [])
        if not clips:
            continue
        # One typed start change: two lines (start and url t), nothing else.
        old_start = clips[-1]["startOffset"]
        tab.model.set_start(len(clips) - 1, old_start + 1)
        lines = diff(session)
        assert len(lines) == 4 and all(CLIP_LINE.match(line[1:]) for line in lines), source.name
        session.undo_stack.undo()
        assert diff(session) == [], source.name

        from editor.core.episode.clips import clips_from_sections, episode_duration

        proposed, _ = clips_from_sections(
            session.get(("transcript",)), episode_duration(session.data)
        )
        changes = diff_clips(clips, proposed, session.get(("ids", "youtube")))
        tab.sync.clips_from_sections()
        lines = diff(session)
        fields = sum(len(c.fields) for c in changes)
        structural = sum(1 for c in changes if c.kind in ("added", "removed"))
        assert all(CLIP_LINE.match(line[1:]) for line in lines), source.name
        removed = [line for line in lines if line[0] == "-"]
        # field edits change their own lines; added/removed clips are 4 lines; moves
        # relocate whole clips (at most all of them)
        assert len(removed) <= fields + 4 * (structural + len(clips)), source.name
        if not any(c.kind != "unchanged" for c in changes):
            assert lines == [], source.name
        checked += 1
    assert checked >= 5


def test_dragging_a_cut_changes_the_two_clips_lines(
    qtbot: Any, sample: tuple[ClipsTab, EpisodeSession]
) -> None:
    tab, session = sample
    timeline = tab.timeline
    y = round(timeline.lanes().clips.center().y())
    tab.select_rows([2])
    press = QPoint(round(timeline.scale.x_for(560)), y)
    release = QPoint(round(timeline.scale.x_for(566)), y)  # the line at 9:26
    qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=press)
    qtbot.mouseMove(timeline, release)
    qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=release)
    assert diff(session) == [
        "-  endOffset: 560",
        "+  endOffset: 566",
        "-  startOffset: 560",
        f"-  url: https://www.youtube.com/watch?v={VIDEO}&t=560",
        "+  startOffset: 566",
        f"+  url: https://www.youtube.com/watch?v={VIDEO}&t=566",
    ]

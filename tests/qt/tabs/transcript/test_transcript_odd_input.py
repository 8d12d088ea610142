"""Odd transcripts (hand-edited files, other writers) must show and edit without crashing."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from editor.core import Document
from editor.core.episode import transcript as core
from editor.qt.editing.session import EpisodeSession
from editor.qt.tabs.transcript.model import TEXT, TIME
from editor.qt.tabs.transcript.tab import TranscriptTab

ODD = """---
title: odd
quotableClips:
- name: no offsets
- just a string
- startOffset: '12'
  url: 42
transcript:
- header:
- line: 42
  sec: 'twelve'
  time: 1:02
  who: [a, b]
- just a string
-
- - nested
- line: |
    two
    lines
  sec: -5
- header: {a: 1}
- line: ok
  sec: 3.5
  time: '9:99'
- line: last
  time: 0:07
  who: Ada
---
"""

NOT_A_LIST = "---\ntranscript: just text\n---\n"


@pytest.fixture
def odd_tab(qtbot: Any, settings: Any) -> TranscriptTab:
    session = EpisodeSession()
    session.set_document(Document.from_text(ODD))
    tab = TranscriptTab(session, settings)
    qtbot.addWidget(tab)
    return tab


def test_odd_items_show(qtmodeltester: Any, odd_tab: TranscriptTab) -> None:
    model = odd_tab.model
    qtmodeltester.check(model)
    assert model.rowCount() == 9
    for row in range(model.rowCount()):
        for column in range(3):
            for role in (0, 1, 2, 3, 6, 7, 8, 9, 257, 258, 259):
                model.index(row, column).data(role)
    assert model.index(1, TEXT).data() == "42"
    assert model.index(8, TIME).data() == "0:07"
    assert odd_tab.outline.model.rowCount() == 2


def test_every_operation_on_every_odd_row(
    odd_tab: TranscriptTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("+5", True)))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("Bo", True)))
    session = odd_tab.session
    actions = {a.objectName(): a for a in odd_tab.view.actions()}
    for row in range(odd_tab.model.rowCount()):
        for name in (
            "splitLine",
            "mergeLine",
            "setSpeaker",
            "moveUp",
            "moveDown",
            "moveSectionUp",
            "moveSectionDown",
            "shiftTimes",
            "retimeFrom",
            "nextBackwards",
            "insertLine",
            "insertHeader",
            "deleteRows",
        ):
            odd_tab.view.select_rows(min(row, odd_tab.model.rowCount() - 1))
            actions[name].trigger()
            odd_tab.view.commit_open_editor()
        for column in range(3):
            odd_tab.model.setData(odd_tab.model.index(row, column), "1:00")
    odd_tab.find_bar.open_find(True)
    odd_tab.find_bar.find_edit.setText("o")
    odd_tab.find_bar.replace_edit.setText("0")
    odd_tab.find_bar.replace_all()
    while session.undo_stack.canUndo():
        session.undo_stack.undo()
    assert session.document is not None
    assert session.document.to_text() == ODD


def test_a_transcript_that_is_not_a_list(qtmodeltester: Any, qtbot: Any, settings: Any) -> None:
    session = EpisodeSession()
    session.set_document(Document.from_text(NOT_A_LIST))
    tab = TranscriptTab(session, settings)
    qtbot.addWidget(tab)
    qtmodeltester.check(tab.model)
    assert tab.model.rowCount() == 0
    assert tab.model.dropped_rows(tab.model.mimeData([])) == []
    assert core.shift_edits(session.data, 0, 5) == []


def test_bad_time_text_in_the_editor_is_refused(odd_tab: TranscriptTab) -> None:
    model = odd_tab.model
    assert not model.setData(model.index(8, TIME), "soon")
    assert "not a time" in odd_tab.status.text()
    assert model.index(8, TIME).data(Qt.ItemDataRole.DisplayRole) == "0:07"


def aliased_bomb(levels: int = 30) -> str:
    """Aliases nested ``levels`` deep, ten per level: 10**levels leaves if expanded."""
    lines = ["---", 'lol0: &lol0 ["lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"lol{level}: &lol{level} [{', '.join([f'*lol{level - 1}'] * 10)}]")
    top = f"*lol{levels - 1}"
    lines += [
        "transcript:",
        f"- header: {top}",
        f"- line: {top}",
        f"  sec: {top}",
        f"  time: {top}",
        f"  who: {top}",
        f"- {top}",
        "- line: plain",
        "  sec: 1",
        "  who: Ada",
        "---",
        "",
    ]
    return "\n".join(lines)


def test_aliased_structures_are_never_expanded(
    qtbot: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("+5", True)))
    session = EpisodeSession()
    session.set_document(Document.from_text(aliased_bomb()))
    tab = TranscriptTab(session, settings)
    qtbot.addWidget(tab)
    model = tab.model
    for row in range(model.rowCount()):
        for column in range(3):
            for role in (0, 2, 3, 6, 8, 257, 258, 259):
                model.index(row, column).data(role)
    assert model.index(1, TEXT).data() == "(seq, not text)"
    assert tab.outline.model.index(0).data().endswith("(seq, not text)")
    actions = {a.objectName(): a for a in tab.view.actions()}
    for row in range(3):
        for name in ("splitLine", "mergeLine", "shiftTimes", "moveDown", "moveUp"):
            tab.view.select_rows(row)
            actions[name].trigger()
    tab.find_bar.open_find(True)
    tab.find_bar.find_edit.setText("lol")
    tab.find_bar.recount()
    assert tab.find_bar.matches == []

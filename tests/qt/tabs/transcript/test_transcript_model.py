"""The transcript table model: reading, signals, editing through the session, drag and drop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from PySide6.QtCore import QModelIndex, Qt

from editor.qt.editing.session import EpisodeSession
from editor.qt.tabs.transcript.model import (
    SPEAKER,
    TEXT,
    TIME,
    BackwardsRole,
    HeaderRole,
    TranscriptModel,
)

# Rows of the sample episode's transcript.
INTRO, FIRST_LINE, LAMP_HEADER, LAMP_FIRST = 0, 1, 3, 4


@pytest.fixture
def model(session: EpisodeSession) -> TranscriptModel:
    return TranscriptModel(session)


def cell(
    model: TranscriptModel, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole
) -> Any:
    return model.index(row, column).data(role)


def test_qtmodeltester_on_the_sample(qtmodeltester: Any, model: TranscriptModel) -> None:
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)


def test_qtmodeltester_through_edits_moves_and_resets(
    qtmodeltester: Any, session: EpisodeSession, model: TranscriptModel
) -> None:
    qtmodeltester.check(model)
    session.move_items(("transcript",), 3, 5, 0)
    session.remove_items(("transcript",), 2, 3)
    session.insert_items(("transcript",), 1, [{"header": "New"}])
    session.set_value(("transcript", 1, "header"), "Renamed")
    session.undo_stack.undo()
    session.undo_stack.undo()
    session.undo_stack.undo()
    session.undo_stack.undo()
    session.set_value(("transcript",), [{"header": "only"}])
    assert model.rowCount() == 1
    session.set_document(None)
    assert model.rowCount() == 0


def test_columns_and_header_rows(model: TranscriptModel) -> None:
    assert model.rowCount() == 18
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Time",
        "Speaker",
        "Text",
    ]
    assert cell(model, INTRO, TIME) == "Podcast Introduction"
    assert cell(model, INTRO, TIME, HeaderRole) is True
    assert cell(model, INTRO, TIME, Qt.ItemDataRole.FontRole).bold()
    assert cell(model, FIRST_LINE, TIME) == "0:03"
    assert cell(model, FIRST_LINE, SPEAKER) == "Bruno"
    assert cell(model, FIRST_LINE, TEXT).startswith("Welcome to the Lighthouse")
    assert not model.flags(model.index(INTRO, TEXT)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(INTRO, TIME)) & Qt.ItemFlag.ItemIsEditable


def test_model_forwards_session_signals(
    qtbot: Any, session: EpisodeSession, model: TranscriptModel
) -> None:
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        session.insert_items(("transcript",), 2, [{"line": "x", "who": "Ada"}])
    assert inserted.args[1:] == [2, 2]
    with qtbot.waitSignal(model.rowsMoved) as moved:
        session.move_items(("transcript",), 0, 3, 10)
    assert moved.args[1:3] == [0, 2] and moved.args[4] == 10
    with qtbot.waitSignal(model.rowsRemoved):
        session.remove_items(("transcript",), 0, 1)
    with qtbot.waitSignal(model.dataChanged) as changed:
        session.set_value(("transcript", 4, "who"), "Zed")
    assert changed.args[0] == model.index(4, SPEAKER)
    with qtbot.waitSignal(model.modelReset):
        session.set_value(("transcript",), [])
    assert model.rowCount() == 0


def test_editing_the_time_sets_sec_and_time_in_one_undo_step(
    session: EpisodeSession, model: TranscriptModel
) -> None:
    index = model.index(LAMP_FIRST, TIME)
    for text, sec, written in (
        ("1:02:03", 3723, "1:02:03"),
        ("62:04", 3724, "1:02:04"),
        ("3725", 3725, "1:02:05"),
        ("PT1H2M6S", 3726, "1:02:06"),
        ("0:45", 45, "0:45"),
    ):
        before = session.undo_stack.count()
        assert model.setData(index, text)
        assert session.undo_stack.count() == before + 1
        assert session.get(("transcript", LAMP_FIRST, "sec")) == sec
        assert session.get(("transcript", LAMP_FIRST, "time")) == written
        assert cell(model, LAMP_FIRST, TIME) == written
    session.undo_stack.undo()
    assert session.get(("transcript", LAMP_FIRST, "sec")) == 3726
    assert session.get(("transcript", LAMP_FIRST, "time")) == "1:02:06"


def test_bad_time_text_is_refused_with_a_message(
    qtbot: Any, session: EpisodeSession, model: TranscriptModel
) -> None:
    with qtbot.waitSignal(model.editFailed) as failed:
        assert not model.setData(model.index(LAMP_FIRST, TIME), "1:75")
    assert "seconds" in failed.args[0]
    assert session.undo_stack.count() == 0


def test_saved_times_read_back_as_strings_in_yaml_1_1(
    session: EpisodeSession, model: TranscriptModel, episode: Path
) -> None:
    model.setData(
        model.index(LAMP_FIRST, TIME), "71"
    )  # 1:11: an int to an unquoted YAML 1.1 reader
    model.setData(model.index(FIRST_LINE, TIME), "1:02:03")
    assert session.document is not None
    session.document.save()
    saved = episode.read_text(encoding="utf-8")
    front = yaml.safe_load(saved.split("\n---\n")[0].removeprefix("---\n"))
    times = [item["time"] for item in front["transcript"] if "time" in item]
    assert all(isinstance(time, str) for time in times), times
    assert front["transcript"][LAMP_FIRST]["time"] == "1:11"
    assert front["transcript"][LAMP_FIRST]["sec"] == 71
    assert front["transcript"][FIRST_LINE]["time"] == "1:02:03"


def test_lines_going_back_in_time_are_flagged(
    session: EpisodeSession, model: TranscriptModel
) -> None:
    assert not any(cell(model, row, TIME, BackwardsRole) for row in range(model.rowCount()))
    model.setData(model.index(LAMP_FIRST, TIME), "0:20")  # before the line at 0:38
    assert cell(model, LAMP_FIRST, TIME, BackwardsRole) is True
    assert "earlier" in cell(model, LAMP_FIRST, TIME, Qt.ItemDataRole.ToolTipRole)
    session.undo_stack.undo()
    assert not cell(model, LAMP_FIRST, TIME, BackwardsRole)


def test_text_speaker_and_header_edits(session: EpisodeSession, model: TranscriptModel) -> None:
    assert model.setData(model.index(FIRST_LINE, TEXT), "Hello.")
    assert model.setData(model.index(FIRST_LINE, SPEAKER), "  Ada ")
    assert model.setData(model.index(INTRO, TIME), "Welcome")
    assert not model.setData(model.index(INTRO, TEXT), "nope")
    assert session.get(("transcript", FIRST_LINE, "line")) == "Hello."
    assert session.get(("transcript", FIRST_LINE, "who")) == "Ada"
    assert session.get(("transcript", INTRO, "header")) == "Welcome"
    assert session.undo_stack.count() == 3


def test_drag_and_drop_of_lines_and_sections(
    session: EpisodeSession, model: TranscriptModel
) -> None:
    items = session.get(("transcript",))
    line = items[LAMP_FIRST]
    mime = model.mimeData([model.index(LAMP_FIRST, c) for c in range(3)])
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert session.get(("transcript", 1)) is line  # identity kept
    session.undo_stack.undo()
    assert session.get(("transcript", LAMP_FIRST)) is line

    # A header dragged alone carries its section and lands on a section boundary.
    section = list(items[3:8])
    mime = model.mimeData([model.index(LAMP_HEADER, TIME)])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert session.get(("transcript",))[0:5] == section
    assert all(a is b for a, b in zip(session.get(("transcript",))[0:5], section, strict=True))
    assert session.undo_stack.count() == 1


def test_drops_from_elsewhere_are_refused(model: TranscriptModel) -> None:
    other = TranscriptModel(EpisodeSession())
    mime = other.mimeData([])
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())


def test_problems_mark_cells(model: TranscriptModel) -> None:
    class Problem:
        rule, severity, message, line, column = "r", "error", "Speaker unknown", 1, 1
        path = ("transcript", FIRST_LINE, "who")

    model.set_problems([Problem()])
    assert cell(model, FIRST_LINE, SPEAKER, Qt.ItemDataRole.BackgroundRole) is not None
    assert "Speaker unknown" in cell(model, FIRST_LINE, SPEAKER, Qt.ItemDataRole.ToolTipRole)
    model.set_problems([])
    assert cell(model, FIRST_LINE, SPEAKER, Qt.ItemDataRole.ToolTipRole) is None


def test_many_edits_do_not_exhaust_signal_references(
    session: EpisodeSession, model: TranscriptModel
) -> None:
    # PySide6 6.12 dropped a reference to True on every emit; editor.qt patches that.
    for value in range(2000):
        session.set_value(("transcript", FIRST_LINE, "sec"), value)
    assert session.get(("transcript", FIRST_LINE, "sec")) == 1999


def test_timing_an_untimed_line_adds_sec_and_time_before_the_speaker(
    session: EpisodeSession, model: TranscriptModel
) -> None:
    session.insert_items(("transcript",), 2, [{"line": "untimed", "who": "Ada"}])
    assert cell(model, 2, TIME) == ""
    assert model.setData(model.index(2, TIME), "0:05")
    item = session.get(("transcript", 2))
    assert list(item.items()) == [("line", "untimed"), ("sec", 5), ("time", "0:05"), ("who", "Ada")]
    session.undo_stack.undo()
    assert list(session.get(("transcript", 2))) == ["line", "who"]

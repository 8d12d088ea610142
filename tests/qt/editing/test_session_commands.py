"""The editing layer on its own: undo steps, merging of typing, moves, macros, and that a
clean undo stack means the bytes on disk."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from editor.core.yaml.edits import InsertItems, RemoveItems, SetValue
from editor.qt.editing.session import MISSING, EpisodeSession

EDITING = Path(__file__).resolve().parents[3] / "editor" / "qt" / "editing"


def _lines(session: EpisodeSession) -> list[Any]:
    return list(session.get(("transcript",)))


def test_typing_in_one_field_is_one_undo_step(session: EpisodeSession) -> None:
    before = session.document.to_text()  # type: ignore[union-attr]
    for text in ("T", "Ti", "Tid", "Tide"):
        session.set_value(("title",), text, merge_key="title-field")
    assert session.undo_stack.count() == 1
    assert session.get(("title",)) == "Tide"
    session.undo_stack.undo()
    assert session.document.to_text() == before  # type: ignore[union-attr]
    session.undo_stack.redo()
    assert session.get(("title",)) == "Tide"


def test_typing_needs_the_same_key_and_path_to_merge(session: EpisodeSession) -> None:
    session.set_value(("title",), "A", merge_key="title-field")
    session.set_value(("title",), "B", merge_key="other-field")
    session.set_value(("short",), "C", merge_key="other-field")
    session.set_value(("short",), "D")
    session.set_value(("short",), "E")
    assert session.undo_stack.count() == 5


def test_typing_back_to_the_start_drops_the_step(session: EpisodeSession) -> None:
    title = session.get(("title",))
    session.set_value(("title",), title + "x", merge_key="title-field")
    assert not session.undo_stack.isClean()
    session.set_value(("title",), title, merge_key="title-field")
    assert session.undo_stack.count() == 0
    assert session.undo_stack.isClean()
    assert session.document.is_unchanged()  # type: ignore[union-attr]


def test_setting_the_same_value_pushes_nothing(session: EpisodeSession) -> None:
    session.set_value(("season",), session.get(("season",)))
    session.set_value(("nonexistent",), MISSING)
    assert session.undo_stack.count() == 0


def test_an_int_is_not_the_same_value_as_a_bool(session: EpisodeSession) -> None:
    session.set_value(("flag",), 1)
    session.set_value(("flag",), True)
    assert session.undo_stack.count() == 2
    assert session.get(("flag",)) is True


@pytest.mark.parametrize(
    ("first", "count", "destination"),
    [(0, 1, 2), (0, 1, 5), (0, 2, 6), (3, 1, 0), (4, 2, 0), (2, 3, 1), (1, 1, 9), (8, 2, 3)],
)
def test_undoing_a_move_restores_the_order_and_the_bytes(
    session: EpisodeSession, first: int, count: int, destination: int
) -> None:
    lines = _lines(session)
    assert len(lines) >= 10
    before = session.document.to_text()  # type: ignore[union-attr]
    moved: list[tuple[Any, ...]] = []
    session.itemsMoved.connect(lambda *args: moved.append(args))
    session.move_items(("transcript",), first, count, destination)
    block = lines[first : first + count]
    rest = lines[:first] + lines[first + count :]
    target = destination if destination < first else destination - count
    assert [id(x) for x in _lines(session)] == [
        id(x) for x in rest[:target] + block + rest[target:]
    ]
    session.undo_stack.undo()
    assert [id(x) for x in _lines(session)] == [id(x) for x in lines]
    assert session.document.to_text() == before  # type: ignore[union-attr]
    assert moved[0] == (("transcript",), first, first + count - 1, destination)
    undo_first, undo_last, undo_destination = moved[1][1:]
    assert undo_last - undo_first + 1 == count
    assert undo_destination < undo_first or undo_destination > undo_last + 1


@pytest.mark.parametrize(("first", "destination"), [(2, 2), (2, 3), (0, 0), (0, 1)])
def test_a_move_onto_itself_is_no_step(
    session: EpisodeSession, first: int, destination: int
) -> None:
    session.move_items(("transcript",), first, 1, destination)
    session.remove_items(("transcript",), 0, 0)
    assert session.undo_stack.count() == 0


def test_a_macro_is_one_step(session: EpisodeSession) -> None:
    before = session.document.to_text()  # type: ignore[union-attr]
    with session.macro("Several"):
        session.set_value(("title",), "New title")
        session.remove_items(("transcript",), 0, 2)
        session.insert_items(("keywords",), 0, ["a", "b"])
        session.move_items(("transcript",), 0, 1, 3)
    assert session.undo_stack.count() == 1
    assert session.undo_stack.undoText() == "Several"
    session.undo_stack.undo()
    assert session.document.to_text() == before  # type: ignore[union-attr]
    assert "keywords" not in session.data


def test_core_edits_are_pushed_as_one_step(session: EpisodeSession) -> None:
    before = session.document.to_text()  # type: ignore[union-attr]
    session.push_edits(
        [
            SetValue(("ids", "youtube"), MISSING),
            InsertItems(("topics",), 0, ("lamps",)),
            RemoveItems(("transcript",), 1, 3),
            SetValue(("links", "extra", "deep"), "x"),
        ],
        "Fix things",
    )
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert session.document.to_text() == before  # type: ignore[union-attr]
    session.undo_stack.redo()
    assert session.get(("links", "extra", "deep")) == "x"
    assert "youtube" not in session.get(("ids",))


def test_undoing_a_deleted_key_puts_it_back_in_place(session: EpisodeSession) -> None:
    before = session.document.to_text()  # type: ignore[union-attr]
    session.set_value(("ids", "youtube"), MISSING)
    session.undo_stack.undo()
    assert session.document.to_text() == before  # type: ignore[union-attr]


def test_clean_means_the_bytes_on_disk(session: EpisodeSession, episode: Path) -> None:
    session.set_value(("title",), "Saved title")
    session.document.save(episode)  # type: ignore[union-attr]
    session.undo_stack.setClean()
    saved = episode.read_text(encoding="utf-8")
    session.insert_items(("transcript",), 0, [{"line": "new"}])
    session.remove_items(("transcript",), 3, 1)
    session.move_items(("transcript",), 0, 2, 5)
    assert not session.undo_stack.isClean()
    while session.undo_stack.index() > session.undo_stack.cleanIndex():
        session.undo_stack.undo()
    assert session.undo_stack.isClean()
    assert session.document.to_text() == saved  # type: ignore[union-attr]
    session.undo_stack.undo()
    assert session.document.to_text() != saved  # type: ignore[union-attr]


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_the_model_knows_nothing_of_commands_and_commands_nothing_of_the_session() -> None:
    model = _imported_modules(EDITING / "model.py")
    commands = _imported_modules(EDITING / "commands.py")
    assert not {"editor.qt.editing.commands", "editor.qt.editing.session"} & model
    assert "editor.qt.editing.session" not in commands
    assert "editor.qt.editing.model" in commands

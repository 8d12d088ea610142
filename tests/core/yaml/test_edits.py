"""The one edit type: applying edits and then their inverse gives back the same data and the
same bytes, on the sample and on real episodes."""

from __future__ import annotations

import copy
import functools
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from editor.core import Document
from editor.core.episode.fields import apply_episode_edits
from editor.core.yaml.edits import (
    MISSING,
    DataPath,
    Edit,
    InsertItems,
    MoveItems,
    RemoveItems,
    SetValue,
    apply_edits,
)
from tests.conftest import SAMPLE_EPISODE, corpus_files

MAX_EXAMPLES = int(os.environ.get("EDITOR_FUZZ_EXAMPLES", "60"))

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5000),
    st.sampled_from(["", "yes", "1:11", "a: b", "x #y", "café", "line\nbreak", "  lead"]),
)
NEW_KEYS = ["topics", "keywords", "zzz", "description", "short", "ids"]


def _containers(node: Any, path: DataPath = ()) -> tuple[list[DataPath], list[DataPath]]:
    maps: list[DataPath] = []
    lists: list[DataPath] = []
    if isinstance(node, dict):
        maps.append(path)
        for key, value in node.items():
            more_maps, more_lists = _containers(value, (*path, key))
            maps += more_maps
            lists += more_lists
    elif isinstance(node, list):
        lists.append(path)
        for index, value in enumerate(node):
            more_maps, more_lists = _containers(value, (*path, index))
            maps += more_maps
            lists += more_lists
    return maps, lists


def _get(data: Any, path: DataPath) -> Any:
    for key in path:
        data = data[key]
    return data


@st.composite
def edit_for(draw: st.DrawFn, data: CommentedMap) -> Edit:
    """One edit that is valid on ``data`` as it is now."""
    maps, lists = _containers(data)
    lists = [p for p in lists if p]  # never the root
    kind = draw(st.sampled_from(["set", "delete", "create", "insert", "remove", "move"]))
    if kind in ("remove", "move"):
        lists_with_items = [p for p in lists if len(_get(data, p)) > 0]
        if not lists_with_items:
            kind = "insert"
        else:
            path = draw(st.sampled_from(lists_with_items))
            size = len(_get(data, path))
            first = draw(st.integers(0, size - 1))
            count = draw(st.integers(1, size - first))
            if kind == "remove":
                return RemoveItems(path, first, count)
            return MoveItems(path, first, count, draw(st.integers(0, size)))
    if kind == "insert":
        absent = [(key,) for key in NEW_KEYS if key not in data]
        path = draw(st.sampled_from(lists + absent)) if lists + absent else ("topics",)
        size = len(_get(data, path)) if path in lists else 0
        values = draw(st.lists(scalars, min_size=1, max_size=3))
        return InsertItems(path, draw(st.integers(0, size)), tuple(values))
    if kind == "create":
        key = draw(st.sampled_from([k for k in NEW_KEYS if k not in data] or ["zzz"]))
        if key in data:
            return SetValue((key,), draw(scalars))
        return SetValue((key, "nested", "deeper"), draw(scalars))
    map_path = draw(st.sampled_from(maps))
    mapping = _get(data, map_path)
    if kind == "delete" and mapping:
        return SetValue((*map_path, draw(st.sampled_from(list(mapping)))), MISSING)
    keys = [*mapping, "new-key"] if map_path else [*mapping, *NEW_KEYS]
    return SetValue((*map_path, draw(st.sampled_from(keys))), draw(scalars))


@functools.cache
def _corpus_texts() -> list[tuple[str, str]]:
    files = corpus_files()  # skips (or fails under CI=true) when the corpus is absent
    step = max(1, len(files) // 16)
    return [(p.name, p.read_text(encoding="utf-8")) for p in files[::step]]


def _sample_text() -> str:
    return SAMPLE_EPISODE.read_text(encoding="utf-8")


def _check_inverse_restores(name: str, text: str, draw: st.DataObject) -> None:
    document = Document.from_text(text)
    before_data = copy.deepcopy(document.data)
    before_text = document.to_text()
    inverses: list[list[Edit]] = []
    for _ in range(draw.draw(st.integers(1, 6), label="steps")):
        edit = draw.draw(edit_for(document.data), label="edit")
        inverses.append(apply_episode_edits(document.data, [edit]))
    for inverse in reversed(inverses):
        apply_episode_edits(document.data, inverse)
    assert document.data == before_data, name
    assert document.to_text() == before_text, name


def _check_batch_inverse(name: str, text: str, draw: st.DataObject) -> None:
    document = Document.from_text(text)
    before_text = document.to_text()
    scratch = copy.deepcopy(document.data)
    edits: list[Edit] = []
    for _ in range(draw.draw(st.integers(1, 5), label="steps")):
        edit = draw.draw(edit_for(scratch), label="edit")
        apply_episode_edits(scratch, [edit])
        edits.append(edit)
    inverse = apply_episode_edits(document.data, edits)
    assert document.data == scratch, name
    apply_episode_edits(document.data, inverse)
    assert document.to_text() == before_text, name


PROPERTY = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@PROPERTY
@given(st.data())
def test_undoing_each_edit_restores_the_sample(draw: st.DataObject) -> None:
    _check_inverse_restores(SAMPLE_EPISODE.name, _sample_text(), draw)


@PROPERTY
@given(st.data())
def test_the_inverse_of_a_batch_restores_the_sample(draw: st.DataObject) -> None:
    _check_batch_inverse(SAMPLE_EPISODE.name, _sample_text(), draw)


@pytest.mark.corpus
@PROPERTY
@given(st.data())
def test_undoing_each_edit_restores_real_episodes(draw: st.DataObject) -> None:
    name, text = draw.draw(st.sampled_from(_corpus_texts()), label="episode")
    _check_inverse_restores(name, text, draw)


@pytest.mark.corpus
@PROPERTY
@given(st.data())
def test_the_inverse_of_a_batch_restores_real_episodes(draw: st.DataObject) -> None:
    name, text = draw.draw(st.sampled_from(_corpus_texts()), label="episode")
    _check_batch_inverse(name, text, draw)


def test_a_new_top_level_list_follows_the_key_order_and_its_undo_removes_it() -> None:
    document = Document.from_text(_sample_text())
    keys = list(document.data)
    assert "keywords" not in keys
    inverse = apply_episode_edits(document.data, [InsertItems(("keywords",), 0, ("tides",))])
    after = list(document.data)
    assert isinstance(document.data["keywords"], CommentedSeq)
    assert after.index("keywords") == after.index("intro") + 1
    assert inverse == [RemoveItems(("keywords",), 0, 1), SetValue(("keywords",), MISSING)]
    apply_episode_edits(document.data, inverse)
    assert list(document.data) == keys


def test_undoing_a_deleted_key_puts_it_back_where_it_was() -> None:
    document = Document.from_text(_sample_text())
    before = document.to_text()
    inverse = apply_episode_edits(document.data, [SetValue(("ids", "youtube"), MISSING)])
    assert "youtube" not in document.data["ids"]
    apply_episode_edits(document.data, inverse)
    assert document.to_text() == before


def test_the_engine_appends_new_keys_unless_told_where_they_go() -> None:
    data = CommentedMap([("b", 1), ("c", 2)])
    apply_edits(data, [SetValue(("a",), 0)])
    assert list(data) == ["b", "c", "a"]
    apply_edits(data, [SetValue(("z",), 0)], place_key=lambda mapping, key: 0)
    assert list(data) == ["z", "b", "c", "a"]


def test_removing_gives_back_the_very_objects() -> None:
    item = CommentedMap(line="x")
    data = CommentedMap(transcript=CommentedSeq([item, CommentedMap(line="y")]))
    [undo] = apply_edits(data, [RemoveItems(("transcript",), 0, 1)])
    assert isinstance(undo, InsertItems) and undo.values[0] is item


@pytest.mark.parametrize(
    ("first", "count", "destination", "expected"),
    [
        (0, 1, 3, ["b", "c", "a", "d"]),
        (2, 2, 0, ["c", "d", "a", "b"]),
        (0, 2, 4, ["c", "d", "a", "b"]),
        (3, 1, 0, ["d", "a", "b", "c"]),
        (1, 1, 1, ["a", "b", "c", "d"]),  # lands where it is: no change, no inverse
        (1, 1, 2, ["a", "b", "c", "d"]),
    ],
)
def test_moves_follow_move_rows_and_undo_exactly(
    first: int, count: int, destination: int, expected: list[str]
) -> None:
    data = CommentedMap(items=CommentedSeq(["a", "b", "c", "d"]))
    inverse = apply_edits(data, [MoveItems(("items",), first, count, destination)])
    assert list(data["items"]) == expected
    assert (inverse == []) == (expected == ["a", "b", "c", "d"])
    apply_edits(data, inverse)
    assert list(data["items"]) == ["a", "b", "c", "d"]

"""Pure transcript logic: sections, times in the file's style, retiming, find and replace."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from editor.core.episode import transcript as core
from editor.core.yaml.edits import SetValue


def line(sec: int | None, text: str = "text", who: str = "Ada") -> dict[str, Any]:
    item: dict[str, Any] = {"line": text}
    if sec is not None:
        item.update(sec=sec, time=core.TimeStyle().value(sec))
    item["who"] = who
    return item


def header(title: str) -> dict[str, Any]:
    return {"header": title}


ITEMS = [
    line(1, "lead-in"),  # 0: before any header
    header("A"),  # 1
    line(10),  # 2
    line(20),  # 3
    header("B"),  # 4
    line(30),  # 5
    header("C"),  # 6
    line(40),  # 7
    line(50),  # 8
]


def test_section_bounds() -> None:
    assert core.section_bounds(ITEMS, 0) is None
    assert core.section_bounds(ITEMS, 1) == (1, 4)
    assert core.section_bounds(ITEMS, 3) == (1, 4)
    assert core.section_bounds(ITEMS, 5) == (4, 6)
    assert core.section_bounds(ITEMS, 8) == (6, 9)
    assert core.section_starts(ITEMS) == [1, 4, 6]


def test_section_moves() -> None:
    assert core.section_move(ITEMS, 5, -1) == (4, 2, 1)
    assert core.section_move(ITEMS, 5, +1) == (4, 2, 9)
    assert core.section_move(ITEMS, 2, -1) is None  # only the lead-in above
    assert core.section_move(ITEMS, 8, +1) is None
    assert core.section_move(ITEMS, 0, +1) is None  # the lead-in is not a section
    assert core.section_drop(ITEMS, 6, 1) == (6, 3, 1)
    assert core.section_drop(ITEMS, 1, None) == (1, 3, 9)
    assert core.section_drop(ITEMS, 1, 4) is None  # already there
    assert core.nearest_section_boundary(ITEMS, 3) == 4
    assert core.nearest_section_boundary(ITEMS, 8) == 9


def test_time_style_follows_the_file() -> None:
    assert core.TimeStyle().text(59 * 60 + 59) == "59:59"
    assert core.TimeStyle().text(3600) == "1:00:00"
    assert isinstance(core.TimeStyle().value(71), SingleQuotedScalarString)
    double = [{"time": DoubleQuotedScalarString("1:00"), "sec": 60}]
    assert isinstance(core.detect_time_style(double).value(5), DoubleQuotedScalarString)
    past_hour = [{"time": SingleQuotedScalarString("60:08"), "sec": 3608}]
    style = core.detect_time_style(past_hour)
    assert style.minutes_past_hour and style.text(3661) == "61:01"
    assert not core.detect_time_style(ITEMS).minutes_past_hour


def test_backwards_rows_and_speakers() -> None:
    items = [
        line(10, who="Ada"),
        header("x"),
        line(5, who="Bo"),
        line(None, who="Bo"),
        line(7, who=" Bo "),
    ]
    assert core.backwards_rows(items) == {2}
    assert core.speakers(items) == ["Bo", "Ada"]


def episode(clips: list[dict[str, Any]]) -> CommentedMap:
    data = CommentedMap()
    data["quotableClips"] = clips
    data["transcript"] = [dict(item) for item in ITEMS]
    return data


def test_shift_from_a_line_moves_lines_and_later_clips() -> None:
    data = episode(
        [
            {"startOffset": 0, "endOffset": 20, "url": "https://www.youtube.com/watch?v=a&t=0"},
            {"startOffset": 20, "endOffset": 40, "url": "https://www.youtube.com/watch?v=a&t=20"},
            {"startOffset": 40, "endOffset": 60, "url": "https://youtube.com/watch?v=a&t&t=40"},
            {"startOffset": 45, "endOffset": 60, "url": "https://www.youtube.com/watch?v=a&t=99"},
        ]
    )
    edits = {
        edit.path: edit.value for edit in core.shift_edits(data, 3, +5)
    }  # from the line at 20 s
    assert edits[("transcript", 3, "sec")] == 25
    assert edits[("transcript", 3, "time")] == "0:25"
    assert edits[("transcript", 8, "sec")] == 55
    assert ("transcript", 2, "sec") not in edits
    assert ("quotableClips", 0, "startOffset") not in edits
    assert edits[("quotableClips", 0, "endOffset")] == 25
    assert edits[("quotableClips", 1, "startOffset")] == 25
    assert edits[("quotableClips", 1, "url")] == "https://www.youtube.com/watch?v=a&t=25"
    assert edits[("quotableClips", 2, "url")] == "https://youtube.com/watch?v=a&t&t=45"
    assert ("quotableClips", 3, "url") not in edits  # not the usual form: left alone
    assert edits[("quotableClips", 3, "startOffset")] == 50


def test_shift_refuses_negative_times() -> None:
    with pytest.raises(core.RetimeError, match="negative"):
        core.shift_edits(episode([]), 2, -11)


def test_line_time_edits_touch_only_the_keys_a_line_has() -> None:
    style = core.TimeStyle()
    [edit] = core.line_time_edits({"line": "x", "who": "A"}, 3, 7, style)
    assert edit.path == ("transcript", 3) and list(edit.value.items()) == [
        ("line", "x"),
        ("sec", 7),
        ("time", "0:07"),
        ("who", "A"),
    ]
    assert core.line_time_edits({"line": "x", "time": "0:07"}, 3, 7, style) == []
    edits = core.line_time_edits({"line": "x", "sec": 1, "time": "0:01"}, 0, 3725, style)
    assert edits == [
        SetValue(("transcript", 0, "sec"), 3725),
        SetValue(("transcript", 0, "time"), "1:02:05"),
    ]


def test_new_line_follows_its_neighbour() -> None:
    template = {"who": "Bo", "line": "x", "time": "0:05", "sec": 5}
    item = core.new_line(template, 5, core.TimeStyle())
    assert list(item) == ["who", "line", "time", "sec"]
    assert item["who"] == "Bo" and item["line"] == "" and item["time"] == "0:05"
    assert list(core.new_line(None, None, core.TimeStyle())) == ["line", "who"]


def test_split_and_merge_text() -> None:
    assert core.split_text("Hello there. General", 12) == ("Hello there.", "General")
    text = "First sentence here. Second one is here. Third."
    assert text[: core.best_split_position(text)].rstrip() == "First sentence here."
    assert core.best_split_position("no sentence end at all here") == 11
    assert core.merged_text("a ", " b") == "a b"
    assert core.merged_text("", "b") == "b"


def test_find_and_replace() -> None:
    items = [header("Data talk"), line(1, "data and Data", "Ada"), line(2, "more data", "Bo")]
    query = core.FindQuery("data")
    assert [(m.row, m.start) for m in core.find_matches(items, query)] == [
        (0, 0),
        (1, 0),
        (1, 9),
        (2, 5),
    ]
    assert len(core.find_matches(items, core.FindQuery("data", case_sensitive=True))) == 2
    assert len(core.find_matches(items, core.FindQuery("data", speaker="Bo"))) == 1
    regex = core.FindQuery(r"(d)ata", regex=True)
    assert core.replace_all_edits(items, regex, r"\1ATA")[1] == SetValue(
        ("transcript", 1, "line"),
        "dATA and DATA",
    )
    plain = core.FindQuery("a.d")
    assert core.find_matches(items, plain) == []  # not a regex unless asked
    assert core.replace_in_text("data and Data", query, r"x\1", start=9) == r"data and x\1"
    with pytest.raises(re.error):
        core.find_matches(items, core.FindQuery("(", regex=True))


@given(st.integers(min_value=0, max_value=100 * 3600), st.booleans())
def test_time_text_round_trips(seconds: int, minutes_past_hour: bool) -> None:
    from editor.core.episode.timecode import parse_time

    assert parse_time(core.TimeStyle("'", minutes_past_hour).text(seconds)) == seconds


@given(
    st.lists(st.sampled_from(["h", "l"]), max_size=12), st.integers(0, 11), st.sampled_from([-1, 1])
)
def test_section_move_keeps_every_item(kinds: list[str], row: int, delta: int) -> None:
    items = [header(str(i)) if k == "h" else line(i) for i, k in enumerate(kinds)]
    move = core.section_move(items, row, delta)
    if move is None:
        return
    first, count, destination = move
    block = items[first : first + count]
    rest = items[:first] + items[first + count :]
    target = destination if destination < first else destination - count
    moved = rest[:target] + block + rest[target:]
    assert sorted(map(id, moved)) == sorted(map(id, items))
    assert core.is_header(moved[target])
    assert core.section_starts(moved) != [] and len(core.section_starts(moved)) == len(
        core.section_starts(items)
    )


def _random_item(seed: int) -> dict[str, Any]:
    if seed % 5 == 0:
        return header(str(seed))
    return line(None if seed % 7 == 0 else seed % 50)


operations = st.lists(
    st.tuples(
        st.sampled_from(["insert", "remove", "move", "update"]),
        st.integers(0, 40),
        st.integers(1, 4),
        st.integers(0, 40),
        st.integers(0, 99),
    ),
    max_size=25,
)


@given(st.lists(st.integers(0, 99), max_size=30), operations)
def test_row_index_follows_every_change(
    seeds: list[int], ops: list[tuple[str, int, int, int, int]]
) -> None:
    items = [_random_item(seed) for seed in seeds]
    index = core.RowIndex(items)
    index.backwards()  # cached flags must be updated, not just recomputed
    for kind, first, count, destination, seed in ops:
        if kind == "insert":
            first = min(first, len(items))
            new = [_random_item(seed + n) for n in range(count)]
            items[first:first] = new
            index.insert(first, new)
        elif not items:
            continue
        elif kind == "remove":
            first = min(first, len(items) - 1)
            count = min(count, len(items) - first)
            del items[first : first + count]
            index.remove(first, count)
        elif kind == "move":
            first = min(first, len(items) - 1)
            count = min(count, len(items) - first)
            destination = min(destination, len(items))
            if first <= destination <= first + count:
                continue
            block = items[first : first + count]
            del items[first : first + count]
            target = destination if destination < first else destination - count
            items[target:target] = block
            index.move(first, count, destination)
        else:
            row = first % len(items)
            if not core.is_header(items[row]):
                items[row] = line(seed % 50)
            index.update(row, items[row])
        assert index.header_rows() == core.section_starts(items)
        assert index.backwards() == core.backwards_rows(items)


def test_copy_item_drops_comments_but_keeps_styles() -> None:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    item = yaml.load("line: 'quoted'  # a note\nsec: 5\nwho: Ada\n")
    assert item.ca.items  # the note is attached to the item
    copied = core.copy_item(item)
    assert copied == item and copied is not item
    assert isinstance(copied["line"], SingleQuotedScalarString)
    assert not copied.ca.items


def test_time_mismatch_is_explained() -> None:
    assert core.time_mismatch({"sec": 71, "time": "1:11"}) is None
    assert core.time_mismatch({"sec": 71}) is None
    assert "37:567" in (core.time_mismatch({"sec": 2787, "time": "37:567"}) or "")
    assert core.time_mismatch({"sec": "x", "time": "0:01"}) is not None

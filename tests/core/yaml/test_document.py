"""Byte-exact round trips and minimal-diff edits on synthetic documents."""

from __future__ import annotations

import datetime
import difflib
import os
import stat
from pathlib import Path

import pytest
import yaml as pyyaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from editor.core import Document, DocumentError

RICH = """\
---
# A comment before everything
title: "Tide Charts & Lamp Oil"   # end-of-line comment
short: Tide charts
season: 3
episode: 7

guests: [adaquill, brunofenwick]   # flow style
dateadded: 2024-03-09
date: '2024-03-10'
notes: |
  first line
    indented line
  last line
summary: >-
  a folded
  paragraph
defaults: &defaults
  lang: en
  explicit: yes
copy: *defaults
unicode: "caf\\u00e9 ✓ “quoted”"
transcript:
# the opening section
- header: Intro
- line: Hello   and welcome.  # double spaces kept
  sec: 3
  time: 0:03
  who: Bruno
  # a comment inside an item
- line: Thanks.
  sec: 38
  time: '0:38'
  who: Ada
- header: Second
- line: Next.
  sec: 70
  time: '1:10'
  who: Bruno
---

Body text with a trailing newline.
"""


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), n=0
        )
        if not line.startswith(("---", "+++", "@@"))
    ]


def plain(value: object) -> object:
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


@pytest.mark.parametrize(
    "text",
    [
        RICH,
        RICH.replace("\n", "\r\n"),
        "\ufeff" + RICH,
        RICH.rstrip("\n"),
        "---\ntitle: x\n---\n",
        "---\ntitle: x\n---",
        "---\n# only a comment\ntitle: x\n\n\n# trailing comment\n---\n",
        "---\nguests: [a, b]\nids: {youtube: x, anchor: y}\n\n\nempty:\nnull_value: ~\n---\nb\n",
        "---\nlong: this is a plain scalar that somebody typed by hand on one single line"
        " well past eighty columns\n---\n",
        "---\nkey: 'it''s'\nkey2: \"tab\\there\"\nkey3: ''\n---\n",
    ],
)
def test_unchanged_document_writes_back_byte_for_byte(text: str) -> None:
    doc = Document.from_text(text)
    assert doc.to_text() == text


def test_types_survive_loading() -> None:
    doc = Document.from_text(RICH)
    assert type(doc.data["season"]) is not str and doc.data["season"] == 3
    assert isinstance(doc.data["dateadded"], datetime.date)
    assert isinstance(doc.data["date"], str)
    assert doc.data["transcript"][1]["sec"] == 3


def test_changing_one_scalar_changes_only_its_line_and_keeps_comment_and_quotes() -> None:
    doc = Document.from_text(RICH)
    doc.data["title"] = "Tide Charts"
    after = doc.to_text()
    assert changed_lines(RICH, after) == [
        '-title: "Tide Charts & Lamp Oil"   # end-of-line comment\n',
        '+title: "Tide Charts"   # end-of-line comment\n',
    ]


def test_changing_a_transcript_time_writes_it_quoted_for_yaml_1_1() -> None:
    doc = Document.from_text(RICH)
    doc.data["transcript"][1]["time"] = "1:11"
    after = doc.to_text()
    assert changed_lines(RICH, after) == ["-  time: 0:03\n", "+  time: '1:11'\n"]
    front = after.split("---\n")[1]
    assert pyyaml.safe_load(front)["transcript"][1]["time"] == "1:11"


@pytest.mark.parametrize(
    "value",
    [
        "yes",
        "no",
        "on",
        "Off",
        "~",
        "null",
        "1:11",
        "012",
        "3.5",
        "2024-03-09",
        "a: b",
        "x #y",
        "- dash",
        "[list]",
        "",
        " padded ",
        "true",
        "1e3",
        "0x1F",
        ".inf",
        "=",
        "<<",
        "@at",
    ],
)
def test_values_that_yaml_1_1_would_misread_are_quoted(value: str) -> None:
    doc = Document.from_text("---\nshort: plain\n---\n")
    doc.data["short"] = value
    front = doc.to_text().split("---\n")[1]
    assert pyyaml.safe_load(front) == {"short": value}
    assert Document.from_text(doc.to_text()).data["short"] == value


def test_ints_stay_ints_and_dates_keep_their_type() -> None:
    doc = Document.from_text(RICH)
    doc.data["season"] = 4
    doc.data["dateadded"] = datetime.date(2024, 4, 1)
    doc.data["date"] = "2024-04-02"
    after = doc.to_text()
    reread = pyyaml.safe_load(after.split("---\n")[1])
    assert reread["season"] == 4
    assert reread["dateadded"] == datetime.date(2024, 4, 1)
    assert reread["date"] == "2024-04-02"
    assert "dateadded: 2024-04-01\n" in after
    assert "date: '2024-04-02'\n" in after


def test_moving_a_section_moves_its_lines_and_the_comment_above_it() -> None:
    doc = Document.from_text(RICH)
    transcript = doc.data["transcript"]
    first_section = transcript[0:3]
    del transcript[0:3]
    transcript.extend(first_section)
    after = doc.to_text()
    removed = sorted(line[1:] for line in changed_lines(RICH, after) if line.startswith("-"))
    added = sorted(line[1:] for line in changed_lines(RICH, after) if line.startswith("+"))
    assert removed == added
    assert "# the opening section\n- header: Intro\n" in after
    assert after.index("- header: Second") < after.index("- header: Intro")
    assert plain(Document.from_text(after).data) == plain(doc.data)


def test_inserting_an_item_adds_only_its_lines_in_the_neighbours_style() -> None:
    doc = Document.from_text(RICH)
    item = CommentedMap(
        [
            (
                "line",
                "A new line that is long enough to be folded at eighty columns,"
                " like the others are.",
            ),
            ("sec", 40),
            ("time", "0:40"),
            ("who", "Bruno"),
        ]
    )
    doc.data["transcript"].insert(3, item)
    after = doc.to_text()
    assert changed_lines(RICH, after) == [
        "+- line: A new line that is long enough to be folded at eighty columns, like the others\n",
        "+    are.\n",
        "+  sec: 40\n",
        "+  time: '0:40'\n",
        "+  who: Bruno\n",
    ]


def test_adding_a_key_and_deleting_one() -> None:
    doc = Document.from_text(RICH)
    doc.data.insert(2, "image", "images/podcast/x.jpg")
    del doc.data["summary"]
    after = doc.to_text()
    assert changed_lines(RICH, after) == [
        "+image: images/podcast/x.jpg\n",
        "-summary: >-\n",
        "-  a folded\n",
        "-  paragraph\n",
    ]


def test_deleting_an_item_removes_only_its_lines() -> None:
    doc = Document.from_text(RICH)
    del doc.data["transcript"][2]
    assert changed_lines(RICH, doc.to_text()) == [
        "-- line: Thanks.\n",
        "-  sec: 38\n",
        "-  time: '0:38'\n",
        "-  who: Ada\n",
    ]


def test_block_scalars_keep_their_style_when_changed() -> None:
    doc = Document.from_text(RICH)
    doc.data["notes"] = "one\ntwo\n"
    doc.data["summary"] = "a new folded text"
    after = doc.to_text()
    assert "notes: |\n  one\n  two\nsummary: >-\n  a new folded text\ndefaults" in after
    reread = Document.from_text(after).data
    assert reread["notes"] == "one\ntwo\n"
    assert reread["summary"] == "a new folded text"


def test_changing_an_anchored_mapping_keeps_the_alias() -> None:
    doc = Document.from_text(RICH)
    doc.data["defaults"]["lang"] = "de"
    after = doc.to_text()
    assert changed_lines(RICH, after) == ["-  lang: en\n", "+  lang: de\n"]
    assert Document.from_text(after).data["copy"]["lang"] == "de"


def test_flow_sequence_stays_flow_when_changed() -> None:
    doc = Document.from_text(RICH)
    doc.data["guests"].append("cy")
    assert changed_lines(RICH, doc.to_text()) == [
        "-guests: [adaquill, brunofenwick]   # flow style\n",
        "+guests: [adaquill, brunofenwick, cy]   # flow style\n",
    ]


def test_crlf_documents_get_crlf_in_new_lines() -> None:
    text = RICH.replace("\n", "\r\n")
    doc = Document.from_text(text)
    doc.data["transcript"].append(CommentedMap([("header", "Outro")]))
    doc.data["title"] = "New"
    after = doc.to_text()
    assert "\n" not in after.replace("\r\n", "")
    assert "- header: Outro\r\n" in after


def test_long_strings_never_lose_double_spaces_when_folded() -> None:
    doc = Document.from_text("---\nintro: short\n---\n")
    value = "word " * 10 + "two  spaces " + "more words here " * 6 + "end  "
    doc.data["intro"] = value
    after = doc.to_text()
    assert max(len(line) for line in after.splitlines()) < 100
    assert pyyaml.safe_load(after.split("---\n")[1])["intro"] == value
    assert Document.from_text(after).data["intro"] == value


def test_new_nested_values_are_written_in_block_style() -> None:
    doc = Document.from_text("---\ntitle: x\n---\n")
    doc.data["links"] = CommentedMap(
        [("youtube", "https://www.youtube.com/watch?v=a"), ("apple", "TODO")]
    )
    doc.data["topics"] = CommentedSeq(["data", "ml"])
    doc.data["empty"] = []
    assert doc.to_text() == (
        "---\ntitle: x\nlinks:\n  youtube: https://www.youtube.com/watch?v=a\n  apple: TODO\n"
        "topics:\n- data\n- ml\nempty: []\n---\n"
    )


def test_replacing_the_transcript_with_equal_copies_changes_nothing() -> None:
    import copy

    doc = Document.from_text(RICH)
    doc.data["transcript"] = copy.deepcopy(doc.data["transcript"])
    assert doc.to_text() == RICH


def test_locate_points_at_the_value_in_the_file() -> None:
    doc = Document.from_text(RICH)
    lines = RICH.splitlines()
    line, column = doc.locate(("transcript", 1, "who"))
    assert lines[line - 1][column - 1 :].startswith("Bruno")
    line, column = doc.locate(("title",))
    assert lines[line - 1].startswith("title:")
    line, _ = doc.locate(("transcript", 3))
    assert lines[line - 1] == "- line: Next." or lines[line - 1].startswith("- header: Second")


def test_save_is_atomic_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "episode.md"
    target.write_text(RICH, encoding="utf-8")
    os.chmod(target, 0o640)
    doc = Document.load(target)
    doc.data["short"] = "Changed"
    doc.save()
    assert "short: Changed\n" in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["episode.md"]


def test_alias_bomb_is_never_expanded() -> None:
    levels = "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n"
        for i in range(8)
    )
    text = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + levels + "title: t\nlist:\n- 1\n---\n"
    doc = Document.from_text(text)
    assert doc.to_text() == text
    doc.data["title"] = "changed"
    assert doc.to_text() == text.replace("title: t\n", "title: changed\n")
    doc.data["list"].append(doc.data["i"])  # 9**9 values if written out in full
    with pytest.raises(DocumentError, match="too large"):
        doc.to_text()


def test_emptying_collections_writes_valid_yaml() -> None:
    doc = Document.from_text("---\na: 1\nb:\n- x\n---\nbody\n")
    doc.data["b"].clear()
    assert doc.to_text() == "---\na: 1\nb: []\n---\nbody\n"
    del doc.data["a"]
    del doc.data["b"]
    assert doc.to_text() == "---\n---\nbody\n"


def test_nested_compact_sequences_take_new_first_items() -> None:
    doc = Document.from_text("---\nx:\n  - - a\n    - b\n  - c\n---\n")
    doc.data["x"][0].insert(0, "z")
    doc.data["x"].insert(0, "first")
    assert doc.to_text() == "---\nx:\n  - first\n  - - z\n    - a\n    - b\n  - c\n---\n"


def test_first_clip_in_an_empty_flow_list_is_written_in_block_style() -> None:
    doc = Document.from_text("---\ntitle: x\nquotableClips: []\nguests: []\n---\n")
    doc.data["quotableClips"].append(
        CommentedMap([("name", "Intro"), ("startOffset", 0), ("endOffset", 30)])
    )
    doc.data["guests"].append("ann")
    assert doc.to_text() == (
        "---\ntitle: x\nquotableClips:\n- name: Intro\n  startOffset: 0\n  endOffset: 30\n"
        "guests: [ann]\n---\n"
    )

"""Edit-local re-folding of long plain and quoted scalars (``scalars.refold_locally``)."""

from __future__ import annotations

import difflib

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from editor.core.yaml.document import Document
from editor.core.yaml.scalars import choose_style, refold_locally, write_string

WIDTH = 80
COLUMN = 8  # "- line: " at the start of a transcript item
INDENT = 4

word = st.builds(
    str.__add__, st.sampled_from("abcxyzé"), st.text(alphabet="abcxyz'#:-,é\"", max_size=10)
)
words = st.lists(word, min_size=30, max_size=60)


def reads(written: str) -> tuple[object, object]:
    document = "k: " + written + "\n"
    return yaml.safe_load(document)["k"], YAML(typ="safe", pure=True).load(document)["k"]


def changed_lines(old: str, new: str) -> int:
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), n=0, lineterm="")
    return sum(1 for line in diff if line.startswith("-") and not line.startswith("---"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    words=words,
    quoted=st.booleans(),
    at=st.integers(min_value=0),
    kind=st.sampled_from(["insert", "delete", "replace"]),
    inserted=word,
)
def test_one_word_edit_reads_back_and_changes_one_line(
    words: list[str], quoted: bool, at: int, kind: str, inserted: str
) -> None:
    old = " ".join(words)
    style = choose_style(old, "'" if quoted else None)
    assume(style in (None, "'"))
    written = write_string(old, style, COLUMN, INDENT, WIDTH)
    assume("\n" in written)
    index = at % len(words)
    edited = list(words)
    if kind == "insert":
        edited.insert(index, inserted)
    elif kind == "delete":
        del edited[index]
    else:
        assume(edited[index] != inserted)
        edited[index] = inserted
    new = " ".join(edited)
    assume(choose_style(new, style) == style)
    result = refold_locally(written, old, new, style, COLUMN, WIDTH)
    assert result is not None
    assert reads(result) == (new, new)
    # A word sits on one written line: inserting or replacing it rewrites that line only
    # (which may grow into two); deleting a word that was alone on its line also touches a
    # neighbour, as its line disappears.
    assert changed_lines(written, result) <= (2 if kind == "delete" else 1)


text_pieces = st.text(alphabet="ab '\"#:\\\t\né", max_size=30)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    words=words,
    style=st.sampled_from([None, "'", '"']),
    start=st.integers(min_value=0),
    length=st.integers(min_value=0, max_value=40),
    replacement=text_pieces,
)
def test_any_edit_reads_back_exactly_or_is_folded_anew(
    words: list[str], style: str | None, start: int, length: int, replacement: str
) -> None:
    old = " ".join(words)
    style = choose_style(old, style)
    written = write_string(old, style, COLUMN, INDENT, WIDTH)
    assume("\n" in written)
    begin = start % len(old)
    new = old[:begin] + replacement + old[begin + length :]
    new_style = choose_style(new, style)
    result = refold_locally(written, old, new, new_style, COLUMN, WIDTH)
    if result is not None:
        assert reads(result) == (new, new)


LONG = (
    "So the way we approached it was to start with the simplest possible model, put it "
    "in front of users as quickly as we could, and then measure what actually happened "
    "to the numbers before we invested any more time in making the model more clever."
)


def episode(value_text: str) -> str:
    return (
        "---\ntitle: Test\ntranscript:\n- header: Intro\n- line: "
        + value_text
        + "\n  sec: 10\n  who: Alexey\n---\nBody\n"
    )


def test_document_keeps_the_lines_an_edit_does_not_reach() -> None:
    written = write_string(LONG, None, 8, 4, WIDTH)
    assert written.count("\n") >= 2
    document = Document.from_text(episode(written))
    edited = LONG.replace("simplest", "simplest and most boring, least clever")
    document.data["transcript"][1]["line"] = edited
    text = document.to_text()
    assert changed_lines(document.original_text, text) == 1  # folded anew: all 4 change
    assert Document.from_text(text).data["transcript"][1]["line"] == edited


def test_a_line_that_shrank_stays_short() -> None:
    written = write_string(LONG, None, 8, 4, WIDTH)
    document = Document.from_text(episode(written))
    document.data["transcript"][1]["line"] = LONG.replace("the simplest possible ", "a ")
    text = document.to_text()
    assert changed_lines(document.original_text, text) == 1
    assert text.count("\n") == document.original_text.count("\n")


def test_a_value_rewritten_almost_entirely_is_folded_anew() -> None:
    written = write_string(LONG, None, 8, 4, WIDTH)
    document = Document.from_text(episode(written))
    fresh = "Completely different words now fill this line. " * 4
    document.data["transcript"][1]["line"] = fresh.strip()
    text = document.to_text()
    assert write_string(fresh.strip(), None, 8, 4, WIDTH) in text


def test_windows_line_endings_are_kept() -> None:
    written = write_string(LONG, None, 8, 4, WIDTH)
    original = episode(written).replace("\n", "\r\n")
    document = Document.from_text(original)
    document.data["transcript"][1]["line"] = LONG.replace(
        "numbers", "numbers and the feedback we got"
    )
    text = document.to_text()
    assert "\n" not in text.replace("\r\n", "")
    assert changed_lines(original.replace("\r\n", "\n"), text.replace("\r\n", "\n")) == 1


@settings(max_examples=300, deadline=None)
@given(text=st.text(), style=st.sampled_from([None, "'"]))
def test_the_one_line_shortcut_writes_what_the_emitter_writes(text: str, style: str | None) -> None:
    from editor.core.yaml.scalars import _on_one_line

    assert _on_one_line(text, style, 8, WIDTH) == write_string(
        text, style, 8, 0, WIDTH, split=False
    )

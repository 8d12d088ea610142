"""Property tests: random episode-like documents and random edits.

Each generated document is written by PyYAML the way the site's scripts wrote the corpus
(``sort_keys=False``, width 80). After a random sequence of edits the saved text must
(1) reload to the edited data, (2) leave every line outside the edited values alone, and
(3) read back the same under a YAML 1.1 reader (PyYAML).
"""

from __future__ import annotations

import difflib
import os
from typing import Any

import yaml as pyyaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap

from editor.core import Document

MAX_EXAMPLES = int(os.environ.get("EDITOR_FUZZ_EXAMPLES", "60"))

words = st.sampled_from(
    [
        "data",
        "yes",
        "no",
        "on",
        "1:11",
        "0:54",
        "12",
        "3.5",
        "a: b",
        "x #y",
        "“quoted”",
        "—",
        "café",
        "it's",
        '"hi"',
        "null",
        "~",
        "-",
        "[x]",
        "2024-01-02",
        "  ",
        "",
        "#",
        "true",
    ]
) | st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
sentences = st.lists(words, min_size=0, max_size=30).map(" ".join)
times = st.integers(min_value=0, max_value=4 * 3600)


@st.composite
def episodes(draw: st.DrawFn) -> dict[str, Any]:
    transcript: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        transcript.append({"header": draw(sentences)})
        for _ in range(draw(st.integers(min_value=0, max_value=4))):
            sec = draw(times)
            transcript.append(
                {
                    "line": draw(sentences),
                    "sec": sec,
                    "time": f"{sec // 60}:{sec % 60:02d}",
                    "who": draw(words),
                }
            )
    return {
        "title": draw(sentences),
        "season": draw(st.integers(min_value=1, max_value=30)),
        "guests": draw(st.lists(words, max_size=3)),
        "description": draw(sentences),
        "quotableClips": [
            {
                "name": draw(sentences),
                "startOffset": s,
                "url": f"https://y.t/w?v=x&t={s}",
                "endOffset": s + 30,
            }
            for s in draw(st.lists(times, max_size=3))
        ],
        "transcript": transcript,
    }


@st.composite
def edits(draw: st.DrawFn) -> list[tuple[Any, ...]]:
    return draw(
        st.lists(
            st.one_of(
                st.tuples(st.just("set"), st.sampled_from(["title", "description"]), sentences),
                st.tuples(
                    st.just("set_item"),
                    st.integers(0, 50),
                    st.sampled_from(["line", "who", "header"]),
                    sentences,
                ),
                st.tuples(st.just("set_sec"), st.integers(0, 50), times),
                st.tuples(st.just("move"), st.integers(0, 50), st.integers(0, 50)),
                st.tuples(st.just("insert"), st.integers(0, 50), sentences, times),
                st.tuples(st.just("delete"), st.integers(0, 50)),
            ),
            min_size=1,
            max_size=5,
        )
    )


def apply(doc: Document, edit: tuple[Any, ...]) -> None:
    data = doc.data
    transcript = data["transcript"]
    kind = edit[0]
    if kind == "set":
        data[edit[1]] = edit[2]
    elif kind == "set_item":
        item = transcript[edit[1] % len(transcript)]
        key = "header" if "header" in item else ("line" if edit[2] == "header" else edit[2])
        item[key] = edit[3]
    elif kind == "set_sec":
        item = transcript[edit[1] % len(transcript)]
        if "sec" in item:
            item["sec"] = edit[2]
            item["time"] = f"{edit[2] // 60}:{edit[2] % 60:02d}"
    elif kind == "move":
        item = transcript.pop(edit[1] % len(transcript))
        transcript.insert(edit[2] % (len(transcript) + 1), item)
    elif kind == "insert":
        new = CommentedMap(
            [
                ("line", edit[2]),
                ("sec", edit[3]),
                ("time", f"{edit[3] // 60}:{edit[3] % 60:02d}"),
                ("who", "Ann"),
            ]
        )
        transcript.insert(edit[1] % (len(transcript) + 1), new)
    elif kind == "delete" and len(transcript) > 1:
        del transcript[edit[1] % len(transcript)]


def plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def source_text(episode: dict[str, Any]) -> str:
    front = pyyaml.safe_dump(episode, sort_keys=False, allow_unicode=True, width=80)
    return f"---\n{front}---\n\nBody.\n"


@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(episode=episodes(), edit_list=edits())
def test_random_edits_round_trip_and_stay_local(
    episode: dict[str, Any], edit_list: list[Any]
) -> None:
    text = source_text(episode)
    doc = Document.from_text(text)
    assert doc.to_text() == text
    # PyYAML writes some strings plain that YAML 1.2 reads as numbers (``0E0``): such source
    # text is ambiguous before any edit, so it says nothing about the editor.
    assume(plain(pyyaml.safe_load(text.split("---\n")[1])) == plain(doc.data))
    lines = text.splitlines(keepends=True)
    transcript = doc.data["transcript"]
    starts = [doc.locate(("transcript", i))[0] - 1 for i in range(len(transcript))]
    ends = [*starts[1:], next(i for i in range(len(lines) - 1, 0, -1) if lines[i] == "---\n")]
    original_block = {
        id(item): "".join(lines[a:b]) for item, a, b in zip(transcript, starts, ends, strict=True)
    }
    untouched_head = "".join(
        lines[: next(i for i, line in enumerate(lines) if line.startswith("title:"))]
    )
    edited: set[int] = set()
    for edit in edit_list:
        if edit[0] in ("set_item", "set_sec"):
            edited.add(id(transcript[edit[1] % len(transcript)]))
        apply(doc, edit)
    saved = doc.to_text()
    # (1) it reloads to the edited data
    assert plain(Document.from_text(saved).data) == plain(doc.data)
    # (3) a YAML 1.1 reader agrees
    front = saved.split("---\n", 1)[1].rsplit("---\n", 1)[0]
    assert plain(pyyaml.safe_load(front)) == plain(doc.data)
    # (2) lines outside the edited values are unchanged: every transcript item that was not
    # edited still has its original lines, verbatim, wherever it now is.
    assert saved.startswith(untouched_head)
    assert saved.endswith("---\n\nBody.\n")
    for item in doc.data["transcript"]:
        if id(item) in original_block and id(item) not in edited:
            assert original_block[id(item)] in saved


@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(episode=episodes(), value=sentences, field=st.sampled_from(["title", "description"]))
def test_setting_one_value_changes_only_its_lines(
    episode: dict[str, Any], value: str, field: str
) -> None:
    text = source_text(episode)
    doc = Document.from_text(text)
    doc.data[field] = value
    saved = doc.to_text()
    before = text.splitlines(keepends=True)
    after = saved.splitlines(keepends=True)
    start = next(i for i, line in enumerate(before) if line.startswith(f"{field}:"))
    end = start + 1
    while end < len(before) and before[end].startswith(" "):
        end += 1
    new_end = start + 1
    while new_end < len(after) and after[new_end].startswith(" "):
        new_end += 1
    assert before[:start] == after[:start]
    assert before[end:] == after[new_end:]
    assert Document.from_text(saved).data[field] == value


@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(episode=episodes(), data=st.data())
def test_moving_an_item_only_moves_its_lines(episode: dict[str, Any], data: st.DataObject) -> None:
    text = source_text(episode)
    doc = Document.from_text(text)
    transcript = doc.data["transcript"]
    source = data.draw(st.integers(0, len(transcript) - 1))
    target = data.draw(st.integers(0, len(transcript) - 1))
    transcript.insert(target, transcript.pop(source))
    saved = doc.to_text()
    removed = sorted(
        line[1:]
        for line in difflib.unified_diff(text.splitlines(True), saved.splitlines(True), n=0)
        if line.startswith("-") and not line.startswith("---")
    )
    added = sorted(
        line[1:]
        for line in difflib.unified_diff(text.splitlines(True), saved.splitlines(True), n=0)
        if line.startswith("+") and not line.startswith("+++")
    )
    assert removed == added
    assert plain(Document.from_text(saved).data) == plain(doc.data)

"""Removing a key takes its own lines, not the blank lines that set its group apart."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from editor.core import Document
from editor.core.yaml.edits import MISSING, SetValue, apply_edits


def front(keys: list[str], gaps: list[int]) -> str:
    return (
        "---\n"
        + "".join(f"{k}: {i}\n" + "\n" * g for i, (k, g) in enumerate(zip(keys, gaps, strict=True)))
        + "---\nbody\n"
    )


def expected_after_removing(keys: list[str], gaps: list[int], removed: set[str]) -> str:
    """Each key that stays keeps its blank lines; one that had none takes those of the
    first removed key right below it (the run of removed keys up to the next one kept)."""
    lines = ["---\n"]
    index = 0
    while index < len(keys):
        if keys[index] in removed:
            index += 1
            continue
        gap = gaps[index]
        follower = index + 1
        while gap == 0 and follower < len(keys) and keys[follower] in removed:
            gap = gaps[follower]
            follower += 1
        lines.append(f"{keys[index]}: {index}\n" + "\n" * gap)
        index += 1
    return "".join(lines) + "---\nbody\n"


@settings(max_examples=200, deadline=None)
@given(
    gaps=st.lists(st.integers(min_value=0, max_value=2), min_size=2, max_size=8),
    data=st.data(),
)
def test_removed_keys_leave_the_blank_lines_between_groups(
    gaps: list[int], data: st.DataObject
) -> None:
    gaps[-1] = 0  # the last key's blank lines belong to the end of the front matter
    keys = [f"key{i}" for i in range(len(gaps))]
    removed = set(data.draw(st.lists(st.sampled_from(keys), unique=True, max_size=len(keys) - 1)))
    document = Document.from_text(front(keys, gaps))
    undo = apply_edits(document.data, [SetValue((key,), MISSING) for key in sorted(removed)])
    written = document.to_text()

    expected = expected_after_removing(keys, gaps, removed)
    assert written == expected
    reread = YAML(typ="safe").load(written.split("---\n")[1])
    assert reread == {k: i for i, k in enumerate(keys) if k not in removed}

    apply_edits(document.data, undo)
    assert document.to_text() == front(keys, gaps)  # undo gives the bytes back


def test_clearing_a_key_above_a_blank_line_is_a_one_line_diff() -> None:
    text = "---\ntitle: Tides\ndateadded: 2021-11-06\n\ntopics:\n- sea\n---\n"
    document = Document.from_text(text)
    apply_edits(document.data, [SetValue(("dateadded",), MISSING)])
    assert document.to_text() == "---\ntitle: Tides\n\ntopics:\n- sea\n---\n"


def test_nested_mappings_keep_their_blank_lines_too() -> None:
    text = "---\nids:\n  youtube: abc\n  spotify: def\n\n  apple: ghi\nnext: 1\n---\n"
    document = Document.from_text(text)
    apply_edits(document.data, [SetValue(("ids", "spotify"), MISSING)])
    assert document.to_text() == "---\nids:\n  youtube: abc\n\n  apple: ghi\nnext: 1\n---\n"

"""Several quick fixes applied together: value edits first, removals from the end back."""

from __future__ import annotations

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from editor.core.episode.fields import apply_episode_edits
from editor.core.episode.validation import in_safe_order
from editor.core.episode.validation.problem import remove_item
from editor.core.yaml.edits import SetValue


def test_removals_go_last_from_the_end_back_and_once_each() -> None:
    data = CommentedMap(topics=CommentedSeq(["a", "b", "a", "c", "a"]), title="x")
    edits = [
        remove_item(("topics", 2)),
        SetValue(("topics", 3), "C"),
        remove_item(("topics", 4)),
        remove_item(("topics", 2)),  # two fixes may remove the same duplicate
        SetValue(("title",), "y"),
    ]
    ordered = in_safe_order(edits)
    assert ordered[:2] == [SetValue(("topics", 3), "C"), SetValue(("title",), "y")]
    assert ordered[2:] == [remove_item(("topics", 4)), remove_item(("topics", 2))]
    apply_episode_edits(data, ordered)
    assert list(data["topics"]) == ["a", "b", "C"]
    assert data["title"] == "y"

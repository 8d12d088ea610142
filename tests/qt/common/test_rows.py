"""Selected rows as runs of consecutive rows."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from editor.qt.common.rows import contiguous_blocks


def test_runs_are_sorted_and_merged() -> None:
    assert contiguous_blocks([7, 2, 3, 3, 9, 8, 0]) == [(0, 1), (2, 2), (7, 3)]
    assert contiguous_blocks([]) == []


@given(st.sets(st.integers(min_value=0, max_value=60)))
def test_runs_cover_exactly_the_rows_and_never_touch(rows: set[int]) -> None:
    blocks = contiguous_blocks(rows)
    covered = [row for first, count in blocks for row in range(first, first + count)]
    assert covered == sorted(rows)
    for (first, count), (next_first, _) in itertools.pairwise(blocks):
        assert first + count < next_first  # a gap between runs, or they would be one

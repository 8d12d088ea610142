"""Selected rows as runs: tables move, delete and copy a selection block by block."""

from __future__ import annotations

from collections.abc import Iterable


def contiguous_blocks(rows: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted ``(first, count)`` runs of consecutive rows (duplicates counted once)."""
    blocks: list[tuple[int, int]] = []
    for row in sorted(set(rows)):
        if blocks and blocks[-1][0] + blocks[-1][1] == row:
            blocks[-1] = (blocks[-1][0], blocks[-1][1] + 1)
        else:
            blocks.append((row, 1))
    return blocks

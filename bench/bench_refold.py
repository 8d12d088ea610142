"""How many original lines a one-word edit in a long folded transcript value changes.

Run: python3 bench/bench_refold.py [EDITS] [SEED]

Makes EDITS (default 300) random single-word insertions, deletions and replacements inside
one written line of multi-line ``line:``/``header:`` values across the real corpus, saves
each, and counts the original lines of the file the diff removes. Side by side: the same
edits written with edit-local re-folding off (every changed value folded anew, as before
issue 15). Target: at most one original line per edit, for every edit.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from refold_cases import sample_edits  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "site" / "_podcast"


def measure(files: list[Path], edits: int, seed: int) -> dict[str, collections.Counter[int]]:
    by_kind: dict[str, collections.Counter[int]] = collections.defaultdict(collections.Counter)
    for result in sample_edits(files, edits, seed):
        if not result.reads_back:
            raise SystemExit(f"{result.path.name}: a {result.kind} does not read back")
        by_kind[result.kind][result.changed_lines] += 1
    return by_kind


def report(title: str, by_kind: dict[str, collections.Counter[int]]) -> int:
    print(title)
    worst = 0
    for kind in sorted(by_kind):
        counts = by_kind[kind]
        total = sum(counts.values())
        mean = sum(lines * n for lines, n in counts.items()) / total
        worst = max(worst, max(counts))
        spread = ", ".join(f"{lines} line(s): {n}" for lines, n in sorted(counts.items()))
        print(f"  {kind:8} {total:4} edits  mean {mean:.2f}  max {max(counts)}  ({spread})")
    return worst


def main() -> int:
    edits = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    files = sorted(CORPUS.glob("*.md"))
    if not files:
        print(f"no corpus at {CORPUS}")
        return 1
    worst = report("edit-local re-folding:", measure(files, edits, seed))
    with mock.patch("editor.core.yaml.render.refold_locally", return_value=None):
        report("folded anew (before issue 15):", measure(files, edits, seed))
    print(f"target: at most 1 original line per edit: {'met' if worst <= 1 else 'MISSED'}")
    return 0 if worst <= 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())

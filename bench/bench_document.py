"""Document core benchmark on the largest corpus episode, side by side with plain ruamel.

Run: python3 bench/bench_document.py [EPISODE.md]

Targets (issue 2): Document.load <= 1.5x ruamel load; to_text() after a one-scalar edit
<= 0.2x a ruamel dump; no-op to_text() <= 0.05x a ruamel dump.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from editor.core import Document  # noqa: E402
from editor.core.yaml.frontmatter import split_front_matter  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "site" / "_podcast"


def best_of(function: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings) if repeat < 5 else statistics.median(sorted(timings)[: repeat // 2 + 1])


def main() -> int:
    path = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else max(CORPUS.glob("*.md"), key=lambda p: p.stat().st_size)
    )
    text = path.read_text(encoding="utf-8")
    front = split_front_matter(text).front_matter

    def ruamel_load() -> object:
        yaml = YAML()
        yaml.preserve_quotes = True
        return yaml.load(front)

    yaml = YAML()
    yaml.preserve_quotes = True
    ruamel_data = yaml.load(front)

    def ruamel_dump() -> str:
        stream = io.StringIO()
        yaml.dump(ruamel_data, stream)
        return stream.getvalue()

    doc = Document.from_text(text, path)
    edited = Document.from_text(text, path)
    edited.data["title"] = "An edited title"

    rows = []
    repeat = 15
    # Interleave the pairs so both sides see the same machine load.
    load_ours = best_of(lambda: Document.from_text(text, path), repeat)
    load_ruamel = best_of(ruamel_load, repeat)
    dump_ruamel = best_of(ruamel_dump, repeat)
    edit_ours = best_of(edited.to_text, repeat * 4)
    noop_ours = best_of(doc.to_text, repeat * 4)
    rows.append(("Document.load vs ruamel load", load_ours, load_ruamel, 1.5))
    rows.append(("to_text() after one edit vs ruamel dump", edit_ours, dump_ruamel, 0.2))
    rows.append(("no-op to_text() vs ruamel dump", noop_ours, dump_ruamel, 0.05))

    print(f"episode: {path.name} ({len(text.splitlines())} lines, {len(text)} chars)")
    print(f"{'measure':45} {'ours ms':>9} {'ruamel ms':>10} {'ratio':>7} {'target':>7}")
    ok = True
    for name, ours, theirs, target in rows:
        ratio = ours / theirs
        ok = ok and ratio <= target
        flag = "ok" if ratio <= target else "MISSED"
        print(
            f"{name:45} {ours * 1000:9.2f} {theirs * 1000:10.2f} {ratio:7.3f} {target:7.2f} {flag}"
        )
    assert edited.to_text() != text and doc.to_text() == text
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

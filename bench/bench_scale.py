"""Opening and saving large transcripts of real text, side by side with other loaders.

Run: python3 bench/bench_scale.py [--sizes 2500,5000,10000] [--synthetic]

Transcripts are built from the corpus's own items (``real_text.py``; ``--synthetic`` uses
the short synthetic lines of ``bench_transcript.py``). For each size, in one run and
interleaved so all see the same machine load: ``Document.from_text``, ruamel's plain
round-trip load of the same front matter, PyYAML's C loader (the floor: no round trip, no
positions), and saving after one edit, after a section move, and unchanged.

Targets (issue 16): open is linear (10,000 items <= 2.2x 5,000 items) and <= 1.0x the plain
ruamel load at every size; saving is linear too.
"""

from __future__ import annotations

import argparse
import gc
import io
import itertools
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import yaml  # noqa: E402
from ruamel.yaml import YAML  # noqa: E402

from editor.core import Document  # noqa: E402
from editor.core.yaml.frontmatter import split_front_matter  # noqa: E402


def best_of(repeat: int, function: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)


def ruamel_load(front_matter: str) -> object:
    loader = YAML(typ="rt")
    loader.preserve_quotes = True
    return loader.load(front_matter)


def ruamel_dump(data: object) -> str:
    dumper = YAML(typ="rt")
    stream = io.StringIO()
    dumper.dump(data, stream)
    return stream.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="2500,5000,10000")
    parser.add_argument("--synthetic", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.synthetic:
        from bench_transcript import synthetic_episode as make
    else:
        from real_text import real_text_episode as make

    rows: dict[int, dict[str, float]] = {}
    operations: dict[int, dict[str, Callable[[], object]]] = {}
    for items in sizes:
        text = make(items)
        front = split_front_matter(text).front_matter
        rows[items] = {"mb": len(front.encode()) / 1e6}
        document = Document.from_text(text)
        assert len(document.data["transcript"]) == items
        edited = Document.from_text(text)
        edited.data["transcript"][items // 2]["who"] = "Grace"
        moved = Document.from_text(text)
        moved_transcript = moved.data["transcript"]
        section = moved_transcript[items // 2 : items // 2 + 12]
        del moved_transcript[items // 2 : items // 2 + 12]
        moved_transcript[10:10] = section
        operations[items] = {
            "open": lambda text=text: Document.from_text(text),
            "ruamel": lambda front=front: ruamel_load(front),
            "pyyaml_c": lambda front=front: yaml.load(front, Loader=yaml.CSafeLoader),
            "save_edit": edited.to_text,
            "save_move": moved.to_text,
            "save_noop": document.to_text,
            "ruamel_dump": lambda data=document.data: ruamel_dump(data),
        }
    # Rounds over every size and operation, keeping the best: a burst of load from other
    # programs then spoils one round of one measurement, not the ratio between two sizes.
    for round_number in range(args.repeat):
        for items in sizes:
            for name, operation in operations[items].items():
                if name.startswith("ruamel") and round_number > 0:
                    continue  # 10 s each at 10,000 items: one run
                elapsed = best_of(1, operation)
                rows[items][name] = min(rows[items].get(name, elapsed), elapsed)
        print(f"round {round_number + 1} of {args.repeat} measured", file=sys.stderr)

    kind = "synthetic" if args.synthetic else "real-text"
    print(f"{kind} transcripts; times in ms, best of {args.repeat} (ruamel: 1 run)")
    header = (
        f"{'items':>7} {'MB':>5} {'open':>8} {'ruamel':>8} {'open/ruamel':>11} "
        f"{'PyYAML C':>8} {'open/C':>6} {'save edit':>9} {'save move':>9} "
        f"{'save no-op':>10} {'ruamel dump':>11}"
    )
    print(header)
    for items, row in rows.items():
        print(
            f"{items:7} {row['mb']:5.2f} {row['open'] * 1e3:8.0f} {row['ruamel'] * 1e3:8.0f} "
            f"{row['open'] / row['ruamel']:11.2f} {row['pyyaml_c'] * 1e3:8.0f} "
            f"{row['open'] / row['pyyaml_c']:6.2f} {row['save_edit'] * 1e3:9.1f} "
            f"{row['save_move'] * 1e3:9.1f} {row['save_noop'] * 1e3:10.1f} "
            f"{row['ruamel_dump'] * 1e3:11.0f}"
        )
    print()
    ok = True
    print(f"{'target':52} {'measured':>9} {'limit':>6}")

    def check(name: str, measured: float, limit: float) -> None:
        nonlocal ok
        passed = measured <= limit
        ok = ok and passed
        print(f"{name:52} {measured:9.2f} {limit:6.2f} {'ok' if passed else 'MISSED'}")

    for items, row in rows.items():
        check(f"open / plain ruamel load, {items} items", row["open"] / row["ruamel"], 1.0)
    ordered = sorted(rows)
    for small, large in itertools.pairwise(ordered):
        factor = large / small
        for key, name in (
            ("open", "open"),
            ("save_edit", "save after one edit"),
            ("save_move", "save after a section move"),
        ):
            check(
                f"{name}, {large} / {small} items (x{factor:g} items)",
                rows[large][key] / rows[small][key],
                1.1 * factor,
            )
    for items, row in rows.items():
        ratio = row["open"] / row["pyyaml_c"]
        print(f"for reference, open / PyYAML C load, {items} items: {ratio:.2f}x")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

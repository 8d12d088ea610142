"""Time the episode library on the corpus: cold scan, warm scan (nothing changed), and a full
safe YAML parse of every file for comparison. Targets: cold <= 2 s, warm <= 0.3 s.

Run: python3 bench/bench_library.py [PODCAST_FOLDER]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from ruamel.yaml import YAML

from editor.core.files.library import Library, episode_files
from editor.core.yaml.frontmatter import split_front_matter

DEFAULT_FOLDER = Path(__file__).resolve().parents[1].parent / "shared/corpus/site/_podcast"


def _best_of(runs: int, action) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FOLDER
    files = episode_files(folder)
    if not files:
        print(f"no episodes in {folder}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:

        def cold() -> None:
            cache = Path(tempfile.mkdtemp(dir=tmp))
            Library(folder, cache).scan()

        warm_cache = Path(tmp) / "warm"
        Library(folder, warm_cache).scan()

        def warm() -> None:
            Library(folder, warm_cache).scan()

        cold_s = _best_of(3, cold)
        warm_s = _best_of(5, warm)

    yaml = YAML(typ="safe", pure=True)
    sample = files[:: max(1, len(files) // 15)]
    start = time.perf_counter()
    for path in sample:
        yaml.load(split_front_matter(path.read_text(encoding="utf-8")).front_matter)
    full_s = (time.perf_counter() - start) * len(files) / len(sample)

    print(f"episodes: {len(files)} in {folder}")
    print(f"cold scan (no cache):        {cold_s * 1000:8.1f} ms  (target <= 2000 ms)")
    print(f"warm scan (nothing changed): {warm_s * 1000:8.1f} ms  (target <= 300 ms)")
    print(f"full safe parse, estimated:  {full_s * 1000:8.1f} ms  (from {len(sample)} files)")
    print(
        f"cold scan is {full_s / cold_s:.0f}x faster than a full parse; warm is "
        f"{cold_s / warm_s:.1f}x faster than cold"
    )
    return 0 if cold_s <= 2.0 and warm_s <= 0.3 else 2


if __name__ == "__main__":
    sys.exit(main())

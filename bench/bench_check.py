"""``episode-editor check`` on a generated site of 1,000 episodes, at three sizes.

Run: python3 bench/bench_check.py [--episodes 1000]

The site is the corpus's 149 episodes copied round-robin into a temporary ``_podcast``
folder (each copy with its own season and episode numbers, so only real problems are
reported) beside the corpus's ``_people`` pages. The command runs on a quarter, a half and
all of the site: the time should grow with the
number of files (linear), and the check should keep every core busy (CPU time of the
worker processes / wall time, printed as "cores used").
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS_SITE = ROOT.parent / "shared" / "corpus" / "site"


def build_site(folder: Path, episodes: int) -> list[Path]:
    sources = sorted((CORPUS_SITE / "_podcast").glob("*.md"))
    podcast = folder / "_podcast"
    podcast.mkdir()
    shutil.copytree(CORPUS_SITE / "_people", folder / "_people")
    written = []
    for index in range(episodes):
        text = sources[index % len(sources)].read_text(encoding="utf-8")
        text = re.sub(r"^season: .*$", f"season: {100 + index // 100}", text, count=1, flags=re.M)
        text = re.sub(r"^episode: .*$", f"episode: {index % 100 + 1}", text, count=1, flags=re.M)
        target = podcast / f"episode-{index:04d}.md"
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_check(paths: list[Path]) -> tuple[float, float]:
    """Wall time of the command, and the cores it kept busy (CPU time / wall time)."""
    cpu_before = children_cpu()
    start = time.perf_counter()
    command = [sys.executable, "-m", "editor", "check", "--json", *map(str, paths)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    wall = time.perf_counter() - start
    assert done.returncode in (0, 1), done.stderr.decode()
    return wall, (children_cpu() - cpu_before) / wall


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--episodes", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        files = build_site(Path(folder), args.episodes)
        sizes = [args.episodes // 4, args.episodes // 2, args.episodes]
        results = {size: timed_check(files[:size]) for size in sizes}
    cores = os.cpu_count() or 1
    print(f"episode-editor check, {cores} cores; {args.episodes} episodes from the corpus")
    print(f"{'files':>6} {'wall s':>8} {'ms/file':>8} {'cores used':>10}")
    for size, (wall, used) in results.items():
        print(f"{size:6} {wall:8.2f} {wall / size * 1e3:8.1f} {used:10.2f}")
    quarter, full = results[sizes[0]][0], results[sizes[-1]][0]
    growth = full / quarter
    print(f"{sizes[-1]} / {sizes[0]} files: {growth:.2f}x time (target <= {4 * 1.1:.1f}x, linear)")
    print(f"cores used at {sizes[-1]} files: {results[sizes[-1]][1]:.2f} of {cores}")
    return 0 if growth <= 4.4 else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""How long a full validation pass takes (the editor reruns it after every edit).

Targets from the issue: the largest corpus episode in 20 ms or less, a synthetic
10,000-item transcript in 200 ms or less. Prints the median of several runs, and the share of
the time spent in the JSON Schema check, measured side by side in one run.

    python3 bench/bench_validation.py
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from editor.core.episode.timecode import format_time  # noqa: E402
from editor.core.episode.validation import validate  # noqa: E402
from editor.core.episode.validation.context import Context  # noqa: E402
from editor.core.episode.validation.schema import check_schema  # noqa: E402
from editor.core.yaml.document import Document  # noqa: E402

CORPUS_PODCAST = PROJECT_ROOT.parent / "shared" / "corpus" / "site" / "_podcast"
RUNS = 15


def synthetic_episode(items: int = 10_000) -> str:
    """An invented episode whose transcript has ``items`` items (a header every 12)."""
    transcript = ["transcript:"]
    section_starts: list[int] = []
    sec = 0
    for index in range(items):
        if index % 12 == 0:
            transcript.append(f"- header: Section {index // 12}")
            section_starts.append(sec)
            continue
        who = "Bruno" if index % 2 else "Ada"
        transcript += [
            f"- line: Line number {index} of the invented transcript, long enough to be a",
            "    realistic sentence that wraps onto a second line like the corpus does.",
            f"  sec: {sec}",
            f"  time: '{format_time(sec)}'",
            f"  who: {who}",
        ]
        sec += 6
    lines = [
        "---",
        "title: 'A Very Long Conversation'",
        "season: 9",
        "episode: 4",
        "guests:",
        "- adaquill",
        "image: images/podcast/long.jpg",
        "ids:",
        "  youtube: AbCdEfGhIjK",
        "links:",
        "  youtube: https://www.youtube.com/watch?v=AbCdEfGhIjK",
        "description: 'Ten thousand transcript items.'",
        f"duration: PT{sec // 3600:02d}H{sec % 3600 // 60:02d}M{sec % 60:02d}S",
        "quotableClips:",
    ]
    for number in range(0, len(section_starts) - 1, 20):
        start, end = section_starts[number], section_starts[number + 1]
        lines += [
            f"- name: Section {number}",
            f"  startOffset: {start}",
            f"  url: https://www.youtube.com/watch?v=AbCdEfGhIjK&t={start}",
            f"  endOffset: {end}",
        ]
    lines += transcript
    lines += ["---", "", "Body."]
    return "\n".join(lines) + "\n"


def median_ms(action: Callable[[], object]) -> float:
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def schema_only(doc: Document) -> None:
    check_schema(Context(doc, None))


def report(label: str, doc: Document, target_ms: float) -> None:
    validate(doc)  # warm caches (schema compilation, people pages)
    full = median_ms(lambda: validate(doc))
    schema = median_ms(lambda: schema_only(doc))
    problems = len(validate(doc))
    verdict = "ok" if full <= target_ms else "OVER TARGET"
    print(
        f"{label}: full pass {full:.1f} ms (target {target_ms:.0f} ms, {verdict}); "
        f"schema part {schema:.1f} ms ({schema / full:.0%}); {problems} problems"
    )


def main() -> int:
    files = sorted(CORPUS_PODCAST.glob("*.md"))
    if files:
        largest = max(files, key=lambda p: p.stat().st_size)
        doc = Document.load(largest)
        items = len(doc.data.get("transcript") or [])
        report(f"largest corpus episode {largest.name} ({items} items)", doc, 20)
    else:
        print(f"corpus not found at {CORPUS_PODCAST}; skipping the corpus figure")
    synthetic = Document.from_text(synthetic_episode())
    report("synthetic 10,000-item transcript", synthetic, 200)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

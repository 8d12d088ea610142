"""Benchmark of the Transcript tab on a synthetic 10,000-item episode (about 1 MB).

    python3 bench/bench_transcript.py [--items 10000] [--compare-resize]

Prints: open to a shown, filled table; moving a section with its undo command; scrolling
from top to bottom (worst step); retiming everything; find; peak memory. Targets from the
issue: open ≤ 3 s, section move ≤ 50 ms, no scrolling stall, peak memory ≤ 500 MB.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WORDS = [
    "data",
    "model",
    "pipeline",
    "harbour",
    "tide",
    "forecast",
    "lamp",
    "ledger",
    "storm",
    "gauge",
    "season",
    "keeper",
    "engineer",
    "feature",
    "team",
    "question",
    "answer",
    "really",
    "think",
    "about",
    "that",
    "what",
    "when",
    "because",
    "actually",
    "metrics",
    "warehouse",
    "stream",
    "batch",
    "notebook",
    "python",
    "cloud",
    "cost",
    "budget",
    "people",
]
SPEAKERS = ["Alexey", "Noah", "Ada", "Bruno"]


def synthetic_episode(items: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out = [
        "---",
        "title: 'A Synthetic Episode for Benchmarks'",
        "season: 9",
        "episode: 99",
        "duration: PT09H00M00S",
        "quotableClips:",
    ]
    for clip in range(40):
        start = clip * 800
        out += [
            f"- name: Clip {clip}",
            f"  startOffset: {start}",
            f"  url: https://www.youtube.com/watch?v=AbCdEfGhIjK&t={start}",
            f"  endOffset: {start + 700}",
        ]
    out.append("transcript:")
    seconds = 0
    for index in range(items):
        if index % 12 == 0:
            out.append(f"- header: 'Section {index // 12}: {rng.choice(WORDS).title()} talk'")
            continue
        seconds += rng.randint(2, 5)
        words = rng.randint(5, 12)
        text = " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."
        minutes, secs = divmod(seconds, 60)
        hours, minutes = divmod(minutes, 60)
        time_text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
        # Fold long lines at 80 columns like the corpus does.
        first, rest = text[:70], text[70:]
        cut = first.rfind(" ") if rest else len(first)
        out.append(f"- line: {text[:cut]}")
        if text[cut:].strip():
            out.append(f"    {text[cut:].strip()}")
        out += [f"  sec: {seconds}", f"  time: '{time_text}'", f"  who: {rng.choice(SPEAKERS)}"]
    out += ["---", "", "Body.", ""]
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument(
        "--compare-resize",
        action="store_true",
        help="also time resizeRowsToContents (what the tab avoids)",
    )
    args = parser.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from editor.core import Document
    from editor.qt.common.settings import Settings
    from editor.qt.editing.session import EpisodeSession
    from editor.qt.tabs.transcript.tab import TranscriptTab

    app = QApplication.instance() or QApplication([])
    text = synthetic_episode(args.items)
    print(f"synthetic episode: {args.items} transcript items, {len(text.encode()) / 1e6:.2f} MB")

    settings = Settings(
        QSettings(str(Path("/tmp") / "bench-transcript.ini"), QSettings.Format.IniFormat)
    )
    session = EpisodeSession()
    tab = TranscriptTab(session, settings)
    tab.resize(1300, 850)

    started = time.perf_counter()
    document = Document.from_text(text)
    parsed = time.perf_counter()
    session.set_document(document)
    tab.show()
    app.processEvents()
    tab.view.viewport().repaint()
    opened = time.perf_counter()
    rows = tab.model.rowCount()
    assert rows == args.items, rows
    print(
        f"open to a shown, filled table: {opened - started:.2f} s "
        f"(parse {parsed - started:.2f} s, table {opened - parsed:.2f} s)  target ≤ 3 s"
    )

    # Move a section in the middle down and back, each with its undo command, repainting.
    middle = rows // 2
    tab.view.select_rows(middle)
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        tab.transcript_actions.move_section(+1)
        tab.view.viewport().repaint()
        times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        session.undo_stack.undo()
        tab.view.viewport().repaint()
        times.append(time.perf_counter() - t0)
    print(
        f"moving a section (with its undo command): worst {max(times) * 1000:.1f} ms, "
        f"median {sorted(times)[len(times) // 2] * 1000:.1f} ms  target ≤ 50 ms"
    )

    # Scroll top to bottom a page at a time, repainting each step.
    bar = tab.view.verticalScrollBar()
    bar.setValue(0)
    steps = []
    t_all = time.perf_counter()
    while bar.value() < bar.maximum():
        t0 = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        tab.view.viewport().repaint()
        app.processEvents()
        steps.append(time.perf_counter() - t0)
    total = time.perf_counter() - t_all
    print(
        f"scrolling top to bottom: {len(steps)} page steps in {total:.2f} s, worst step "
        f"{max(steps) * 1000:.1f} ms, median {sorted(steps)[len(steps) // 2] * 1000:.1f} ms "
        "(a stall is > 100 ms)"
    )

    t0 = time.perf_counter()
    tab.operations.shift_from(1, 5)
    tab.view.viewport().repaint()
    shift = time.perf_counter() - t0
    t0 = time.perf_counter()
    session.undo_stack.undo()
    undo_shift = time.perf_counter() - t0
    print(f"shift every line (+5 s, one undo step): {shift:.2f} s, its undo {undo_shift:.2f} s")

    t0 = time.perf_counter()
    tab.find_bar.open_find(False)
    tab.find_bar.find_edit.setText("harbour")
    tab.find_bar.recount()
    print(
        f"find 'harbour': {tab.find_bar.count_label.text()} in "
        f"{(time.perf_counter() - t0) * 1000:.0f} ms"
    )

    # The open time is mostly parsing; ruamel's own round-trip load, side by side, shows
    # how much of it the editor's loader adds.
    from ruamel.yaml import YAML

    front_matter = text.split("\n---\n", 1)[0].removeprefix("---\n")
    t0 = time.perf_counter()
    YAML(typ="rt").load(front_matter)
    plain = time.perf_counter() - t0
    print(
        f"for reference, ruamel round-trip load alone: {plain:.2f} s "
        f"(Document parse / ruamel = {(parsed - started) / plain:.2f})"
    )

    if args.compare_resize:
        t0 = time.perf_counter()
        tab.view.resizeRowsToContents()
        print(
            f"for comparison, resizeRowsToContents over {rows} rows: "
            f"{time.perf_counter() - t0:.2f} s (the tab never calls it)"
        )

    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {rss_peak:.0f} MB resident (ru_maxrss)  target ≤ 500 MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

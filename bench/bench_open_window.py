"""Opening an episode in the window, side by side with ``Document.load`` alone.

Run: python3 bench/bench_open_window.py [EPISODE.md]   (offscreen unless QT_QPA_PLATFORM is set)

Target (issue 3): opening the largest corpus episode to a shown window with every tab filled
takes <= 2x ``Document.load`` of the same file. "Filled" means: the file is opened, then
every tab is made current and painted (``grab()`` lays it out and renders it), so lazy views
have done their work.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.core import Document  # noqa: E402
from editor.qt.settings import Settings  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "site" / "_podcast"
REPEAT = 9


def median_of(function: Callable[[], object], repeat: int = REPEAT) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> int:
    path = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else max(CORPUS.glob("*.md"), key=lambda p: p.stat().st_size)
    )
    app = QApplication.instance() or QApplication([])
    from editor.qt.main_window import MainWindow

    with tempfile.TemporaryDirectory() as folder:
        qsettings = QSettings(str(Path(folder) / "bench.ini"), QSettings.Format.IniFormat)
        window = MainWindow(Settings(qsettings))
        window.resize(1280, 860)
        window.show()
        app.processEvents()

        def open_and_fill() -> None:
            window.undo_stack.setClean()
            assert window.open_path(path)
            for index in range(window.tabs.count()):
                window.tabs.setCurrentIndex(index)
                window.tabs.widget(index).grab()
            window.tabs.setCurrentIndex(0)
            app.processEvents()

        def load_only() -> None:
            Document.load(path)

        open_and_fill()  # warm-up: imports, fonts, style sheets
        load_only()
        load_times = []
        window_times = []
        for _ in range(REPEAT):  # interleaved so both see the same machine state
            load_times.append(median_of(load_only, 1))
            window_times.append(median_of(open_and_fill, 1))
        load = statistics.median(load_times)
        opened = statistics.median(window_times)
        window.undo_stack.setClean()
        window.close()

    size_kb = path.stat().st_size / 1024
    print(f"episode: {path.name} ({size_kb:.0f} kB)")
    print(f"Document.load:                      {load * 1000:8.1f} ms")
    print(f"open in window, every tab painted:  {opened * 1000:8.1f} ms")
    print(f"ratio window / load: {opened / load:.2f}x (target <= 2.00x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

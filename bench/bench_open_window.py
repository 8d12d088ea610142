"""Opening an episode in the window, side by side with ``Document.load`` alone.

Run: python3 bench/bench_open_window.py [EPISODE.md]   (offscreen unless QT_QPA_PLATFORM is set)

Target (issue 3): opening the largest corpus episode to a shown window with every tab filled
takes <= 2x ``Document.load`` of the same file. Every tab fills its widgets and models while
the file opens (on ``documentReplaced``), except the Clips tab's timeline and column widths,
built when that tab is first shown; "shown" is the window painted as the user sees it
(``grab()`` of the whole window: the current tab and the docks). A second figure also paints
the two tabs that are not on screen, and the validation run at open is timed on its own
because it is the largest part that is not the window's.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.core import Document  # noqa: E402
from editor.core.episode.validation import validate  # noqa: E402
from editor.qt.common.settings import Settings  # noqa: E402

if TYPE_CHECKING:
    from editor.qt.window.main_window import MainWindow

CORPUS = ROOT.parent / "shared" / "corpus" / "site" / "_podcast"
REPEAT = 9
FRESH_RUNS = 3
IDLE_SECONDS = 1.0


def median_of(function: Callable[[], object], repeat: int = REPEAT) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def open_until_checked(window: MainWindow, app: QCoreApplication, path: Path) -> None:
    """``open_path``, then the event loop until the window has painted the file and the
    checks the open started have run and painted their problems: what the user waits for."""
    assert window.open_path(path)
    while window.problems.service.pending:
        app.processEvents()
    app.processEvents()


def first_open_in_this_process(path: Path, idle_seconds: float) -> dict[str, float]:
    """The first open of a session, at the start of a fresh process (``--first-open``).

    Set-up is importing the window's modules and showing an empty window. The event loop
    then runs for ``idle_seconds`` — the seconds a user spends choosing the file in the Open
    dialog, with another episode of the same site in the recent files (0: the file named on
    the command line, opened at once, nothing recent). The first open is
    ``open_path`` to the window painted with the checks done, paying every one-off cost left
    (lazy imports, people pages, fonts, first layouts). ``Document.load`` is then timed warm
    in the same process, as in the figures above.
    """
    start = time.perf_counter()
    app = QApplication.instance() or QApplication([])
    from editor.qt.window.main_window import MainWindow

    with tempfile.TemporaryDirectory() as folder:
        qsettings = QSettings(str(Path(folder) / "bench.ini"), QSettings.Format.IniFormat)
        settings = Settings(qsettings)
        if idle_seconds:
            # Yesterday the user edited another episode of the same site.
            settings.add_recent_file(str(another_episode_beside(path)))
        window = MainWindow(settings)
        window.resize(1280, 860)
        window.show()
        app.processEvents()
        ready = time.perf_counter()
        idle_until = ready + idle_seconds
        while time.perf_counter() < idle_until:
            app.processEvents()
            time.sleep(0.002)
        opened = time.perf_counter()
        open_until_checked(window, app, path)
        shown = time.perf_counter()
        load = median_of(lambda: Document.load(path))
        window.undo_stack.setClean()
        window.close()
    return {"setup": ready - start, "first_open": shown - opened, "load": load}


def second_largest_beside(path: Path) -> Path:
    others = [other for other in path.parent.glob("*.md") if other != path]
    return max(others, key=lambda other: other.stat().st_size)


def another_episode_beside(path: Path) -> Path:
    return next(other for other in sorted(path.parent.glob("*.md")) if other != path)


LOAD_SESSION = (
    "import json, sys, time\n"
    "from editor.core import Document\n"
    "Document.load(sys.argv[1])\n"
    "print(json.dumps({'done': time.monotonic()}))\n"
)


def window_session(path: Path) -> float:
    """``--session``: what ``episode-editor FILE`` waits for, from the process's start: the
    window with ``path`` painted and checked. Returns the system-wide monotonic clock then;
    the parent started its clock before starting the process, so interpreter start and
    every import count (``LOAD_SESSION`` is the same for ``Document.load`` alone)."""
    app = QApplication.instance() or QApplication([])
    from editor.qt.window.main_window import MainWindow

    with tempfile.TemporaryDirectory() as folder:
        qsettings = QSettings(str(Path(folder) / "bench.ini"), QSettings.Format.IniFormat)
        window = MainWindow(Settings(qsettings))
        window.resize(1280, 860)
        window.show()
        open_until_checked(window, app, path)
        done = time.monotonic()
        window.undo_stack.setClean()
        window.close()
    return done


def fresh_processes(arguments: list[str], runs: int) -> list[dict[str, float]]:
    """Runs Python with ``arguments`` (this file's modes, or ``-c``) in new interpreters,
    with their bytecode cache kept (in a temporary folder) as an installed editor has it;
    a first run only fills that cache."""
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, PYTHONPYCACHEPREFIX=cache, PYTHONPATH=str(ROOT))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        command = [sys.executable, *arguments]
        results = []
        for _ in range(runs + 1):
            started = time.monotonic()
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            result = json.loads(done.stdout.strip().splitlines()[-1])
            if "done" in result:
                result["wall"] = result["done"] - started
            results.append(result)
        return results[1:]


def main() -> int:
    if sys.argv[1:2] == ["--first-open"]:
        result = first_open_in_this_process(Path(sys.argv[2]), float(sys.argv[3]))
        print(json.dumps(result))
        return 0
    if sys.argv[1:2] == ["--session"]:
        print(json.dumps({"done": window_session(Path(sys.argv[2]))}))
        return 0
    path = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else max(CORPUS.glob("*.md"), key=lambda p: p.stat().st_size)
    )
    this = str(Path(__file__).resolve())
    after_idle = fresh_processes([this, "--first-open", str(path), str(IDLE_SECONDS)], FRESH_RUNS)
    at_once = fresh_processes([this, "--first-open", str(path), "0"], FRESH_RUNS)
    sessions: dict[str, list[float]] = {"load": [], "window": []}
    for _ in range(FRESH_RUNS):  # interleaved, so both see the same machine state
        sessions["load"].append(fresh_processes(["-c", LOAD_SESSION, str(path)], 1)[0]["wall"])
        sessions["window"].append(fresh_processes([this, "--session", str(path)], 1)[0]["wall"])
    app = QApplication.instance() or QApplication([])
    from editor.qt.window.main_window import MainWindow

    with tempfile.TemporaryDirectory() as folder:
        qsettings = QSettings(str(Path(folder) / "bench.ini"), QSettings.Format.IniFormat)
        window = MainWindow(Settings(qsettings))
        window.resize(1280, 860)
        window.show()
        app.processEvents()

        def open_and_show() -> None:
            window.undo_stack.setClean()
            open_until_checked(window, app, path)

        def open_and_paint_every_tab() -> None:
            window.undo_stack.setClean()
            open_until_checked(window, app, path)
            for index in range(window.tabs.count()):
                window.tabs.setCurrentIndex(index)
                window.tabs.widget(index).grab()
            window.tabs.setCurrentIndex(0)
            app.processEvents()

        other = second_largest_beside(path)

        def open_after_another() -> float:
            """The open of ``path`` when another large episode was open: what changes on
            screen is most of the window, as when a producer goes from one episode to the
            next (reopening the same file repaints only what its open touches)."""
            window.undo_stack.setClean()
            open_until_checked(window, app, other)
            gc.collect()
            started = time.perf_counter()
            open_and_show()
            return time.perf_counter() - started

        def load_only() -> None:
            Document.load(path)

        fresh: list[Document] = []

        def validate_only() -> None:
            validate(fresh[-1])

        open_and_paint_every_tab()  # warm-up: imports, fonts, style sheets
        load_only()
        times: dict[str, list[float]] = {
            "load": [],
            "shown": [],
            "switched": [],
            "all": [],
            "validate": [],
        }
        cpu: dict[str, list[float]] = {"load": [], "shown": []}
        for _ in range(REPEAT):  # interleaved so all see the same machine state
            gc.collect()
            started = time.process_time()
            times["load"].append(median_of(load_only, 1))
            cpu["load"].append(time.process_time() - started)
            gc.collect()
            started = time.process_time()
            times["shown"].append(median_of(open_and_show, 1))
            cpu["shown"].append(time.process_time() - started)
            times["switched"].append(open_after_another())
            gc.collect()
            times["all"].append(median_of(open_and_paint_every_tab, 1))
            fresh[:] = [Document.load(path)]  # a fresh one: validation caches positions
            gc.collect()
            times["validate"].append(median_of(validate_only, 1))
        load, shown, switched, every, checks = (
            statistics.median(times[key])
            for key in ("load", "shown", "switched", "all", "validate")
        )
        window.undo_stack.setClean()
        window.close()

    size_kb = path.stat().st_size / 1024
    print(f"episode: {path.name} ({size_kb:.0f} kB)")
    load_average = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, load average {load_average} (1, 5, 15 min)")
    print(f"Document.load:                                  {load * 1000:8.1f} ms")
    print(f"open, window painted and checked:               {shown * 1000:8.1f} ms")
    print(f"open, then painting the two hidden tabs too:    {every * 1000:8.1f} ms")
    print(f"  the checks at open, alone:                    {checks * 1000:8.1f} ms")
    print(f"ratio open / load: {shown / load:.2f}x (target <= 2.00x) {_flag(shown / load)}")
    cpu_load, cpu_shown = (statistics.median(cpu[key]) for key in ("load", "shown"))
    print(
        f"  the same in CPU time of this process (less moved by other work on the machine): "
        f"{cpu_shown * 1000:.1f} ms / {cpu_load * 1000:.1f} ms = {cpu_shown / cpu_load:.2f}x"
    )
    print(
        f"open after another episode ({other.name}), painted and checked: "
        f"{switched * 1000:.1f} ms = {switched / load:.2f}x load "
        f"(target <= 2.00x) {_flag(switched / load)}"
    )
    print(f"ratio open and every tab painted / load: {every / load:.2f}x")
    for title, runs in (
        (f"after {IDLE_SECONDS:.0f} s of an idle window (File > Open)", after_idle),
        ("straight after start (a file named on the command line)", at_once),
    ):
        setup, first, first_load = (
            statistics.median(run[key] for run in runs) for key in ("setup", "first_open", "load")
        )
        print(f"first open of a fresh process, {title}, median of {FRESH_RUNS}:")
        print(f"  set-up (imports, empty window shown):         {setup * 1000:8.1f} ms")
        print(f"  Document.load in that process:                {first_load * 1000:8.1f} ms")
        print(f"  first open, window painted and checked:       {first * 1000:8.1f} ms")
        print(
            f"  first open / load: {first / first_load:.2f}x (target <= 2.00x) "
            f"{_flag(first / first_load)}"
        )
    window_wall, load_wall = (statistics.median(sessions[k]) for k in ("window", "load"))
    print(f"from the command to done, fresh processes, median of {FRESH_RUNS}:")
    print(f"  python -c 'Document.load(FILE)':              {load_wall * 1000:8.1f} ms")
    print(f"  episode-editor FILE, painted and checked:     {window_wall * 1000:8.1f} ms")
    print(f"  ratio: {window_wall / load_wall:.2f}x (imports and interpreter start on both sides)")
    return 0


def _flag(ratio: float) -> str:
    return "ok" if ratio <= 2.0 else "MISSED"


if __name__ == "__main__":
    raise SystemExit(main())

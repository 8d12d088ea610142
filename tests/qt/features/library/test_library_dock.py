"""The Library dock: listing, sorting, filtering, opening, live updates, problem counts."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, SAMPLE_EPISODE, SAMPLE_SITE, corpus_files
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

import editor.qt.features.library.dock as library_dock
from editor.app import MainWindow
from editor.core.files.library import ProblemCounts
from editor.qt.features.library.dock import PATH_ROLE, LibraryModel, LibraryPanel


def _write_episode(folder: Path, name: str, title: str, season: int, episode: int) -> Path:
    path = folder / name
    path.write_text(
        f"---\ntitle: {title}\nseason: {season}\nepisode: {episode}\nguests:\n- ada\n---\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def podcast(tmp_path: Path) -> Path:
    folder = tmp_path / "site" / "_podcast"
    folder.mkdir(parents=True)
    _write_episode(folder, "a.md", "Alpha", 2, 10)
    _write_episode(folder, "b.md", "Beta", 10, 1)
    _write_episode(folder, "c.md", "Gamma", 2, 9)
    return folder


@pytest.fixture
def panel(qtbot, tmp_path: Path) -> LibraryPanel:  # type: ignore[no-untyped-def]
    widget = LibraryPanel(cache_dir=tmp_path / "cache")
    qtbot.addWidget(widget)
    yield widget
    widget.shutdown()


def _titles(panel: LibraryPanel) -> list[str]:
    proxy = panel.proxy
    return [proxy.index(r, LibraryModel.TITLE).data() for r in range(proxy.rowCount())]


@pytest.mark.corpus
def test_corpus_listing_passes_the_model_tester(qtmodeltester, panel: LibraryPanel) -> None:
    panel.open_folder(corpus_files()[0].parent)
    assert panel.model.rowCount() == len(corpus_files())
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.proxy)
    assert panel.count_label.text() == f"{len(corpus_files())} episodes"


def test_sorting_is_numeric_and_filter_matches_any_column(
    panel: LibraryPanel, podcast: Path
) -> None:
    panel.open_folder(podcast)
    panel.view.sortByColumn(LibraryModel.SEASON, Qt.SortOrder.AscendingOrder)
    assert _titles(panel) == ["Gamma", "Alpha", "Beta"]  # 2/9, 2/10, 10/1 (not "10" < "2")
    panel.view.sortByColumn(LibraryModel.TITLE, Qt.SortOrder.DescendingOrder)
    assert _titles(panel) == ["Gamma", "Beta", "Alpha"]
    panel.filter.setText("BET")
    assert _titles(panel) == ["Beta"]
    assert panel.count_label.text() == "1 of 3 episodes"
    panel.filter.setText("ada")  # guests column
    assert len(_titles(panel)) == 3


def test_double_click_and_enter_open_the_episode(qtbot, panel: LibraryPanel, podcast: Path) -> None:  # type: ignore[no-untyped-def]
    panel.open_folder(podcast)
    panel.filter.setText("gamma")
    index = panel.proxy.index(0, LibraryModel.TITLE)
    with qtbot.waitSignal(panel.episodeActivated) as blocker:
        panel.view.doubleClicked.emit(index)
    assert blocker.args == [podcast.resolve() / "c.md"]
    with qtbot.waitSignal(panel.episodeActivated) as blocker:
        qtbot.keyClick(panel.filter, Qt.Key.Key_Return)  # a single match opens
    assert blocker.args == [podcast.resolve() / "c.md"]


def test_list_follows_changes_on_disk(qtbot, panel: LibraryPanel, podcast: Path) -> None:  # type: ignore[no-untyped-def]
    panel.open_folder(podcast)
    _write_episode(podcast, "d.md", "Delta", 3, 1)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4, timeout=5000)
    (podcast / "a.md").unlink()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3, timeout=5000)
    target = podcast / "b.md"
    _write_episode(podcast, "b.md", "Beta renamed", 10, 1)
    stat = target.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000))
    qtbot.waitUntil(lambda: "Beta renamed" in _titles(panel), timeout=5000)
    assert sorted(_titles(panel)) == ["Beta renamed", "Delta", "Gamma"]


def test_problem_counts_arrive_in_the_background(
    qtbot,
    panel: LibraryPanel,
    podcast: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    counts = {"a.md": ProblemCounts(2, 1), "b.md": ProblemCounts(0, 0), "c.md": None}
    monkeypatch.setattr(library_dock.ProblemCounter, "USE_PROCESSES", False)
    monkeypatch.setattr(library_dock, "problem_counts", lambda path: counts[path.name])
    panel.open_folder(podcast)

    def shown() -> dict[str, str]:
        model = panel.model
        return {
            Path(model.index(r, 0).data(PATH_ROLE)).name: model.index(r, model.PROBLEMS).data()
            for r in range(model.rowCount())
        }

    qtbot.waitUntil(lambda: shown() == {"a.md": "✕2 ⚠1", "b.md": "✓", "c.md": ""}, timeout=5000)
    row = panel.model.row_of(podcast.resolve() / "a.md")
    assert "2 errors, 1 warning" in panel.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    # The counts are cached with the summaries: a new panel shows them without counting.
    panel.shutdown()
    recounted: list[str] = []
    monkeypatch.setattr(library_dock, "problem_counts", lambda path: recounted.append(path.name))
    again = LibraryPanel(cache_dir=panel.cache_dir)
    again.open_folder(podcast)
    assert again.model.summaries[0].problems == ProblemCounts(2, 1)
    again.shutdown()
    assert recounted in ([], ["c.md"])  # only the file without counts is counted again


def test_real_counts_come_from_worker_processes(qtbot, panel: LibraryPanel, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, site)
    panel.open_folder(site / "_podcast")
    summary = panel.model.summaries[0]
    qtbot.waitUntil(lambda: summary.problems is not None, timeout=30_000)
    assert summary.problems is not None
    assert summary.problems.errors == 0  # the sample episode is clean


def test_unreadable_episode_is_listed_with_its_error(panel: LibraryPanel, podcast: Path) -> None:
    (podcast / "broken.md").write_text("---\nseason: [1\n---\n", encoding="utf-8")
    panel.open_folder(podcast)
    row = panel.model.row_of(podcast.resolve() / "broken.md")
    assert panel.model.index(row, LibraryModel.TITLE).data() == "broken.md — cannot be read"
    assert "YAML error" in panel.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_files_left_out_of_the_library_are_named_with_the_reason(
    panel: LibraryPanel, podcast: Path
) -> None:
    (podcast / "notes.md").write_text("no front matter here\n", encoding="utf-8")
    panel.open_folder(podcast)
    assert panel.model.row_of(podcast.resolve() / "notes.md") < 0
    assert panel.count_label.text().endswith("· 1 file left out")
    assert "notes.md: no front matter" in panel.count_label.toolTip()


# -- in the main window -------------------------------------------------------------------


@pytest.fixture
def window(qtbot, settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:  # type: ignore[no-untyped-def]
    # pytest-qt closes the window before fixtures tear down: never block on the prompt.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    yield win
    win.desktop.shutdown()


def test_open_folder_lists_the_site_and_double_click_opens(
    qtbot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    site = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, site)
    second = _write_episode(site / "_podcast", "second.md", "Second", 1, 1)
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getExistingDirectory", lambda *a, **k: str(site)
    )
    window.desktop.action_open_folder.trigger()
    panel = window.desktop.library
    assert not window.desktop.dock.isHidden()
    assert panel.model.rowCount() == 2
    assert window.settings.get(window.settings.RECENT_FOLDERS) == [
        str((site / "_podcast").resolve())
    ]
    assert window.open_path(site / "_podcast" / SAMPLE_EPISODE.name)
    window.session.set_value(("title",), "Edited")
    asked: list[str] = []

    def answer(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", answer)
    row = panel.proxy.mapFromSource(panel.model.index(panel.model.row_of(second.resolve()), 2))
    panel.view.doubleClicked.emit(row)
    assert asked == [f"Save your changes to {SAMPLE_EPISODE.name}?"]
    assert window.document is not None and Path(window.document.path).name == "second.md"
    assert panel.model.current_path == second.resolve()
    window.session.set_value(("title",), "Edited again")
    panel.view.doubleClicked.emit(row)  # the open episode: nothing to ask, edits stay
    assert len(asked) == 1
    assert window.session.get(("title",)) == "Edited again"


def test_episodes_sharing_a_number_are_flagged(qtbot, panel: LibraryPanel, podcast: Path) -> None:  # type: ignore[no-untyped-def]
    panel.open_folder(podcast)
    model = panel.model
    assert model.clashes == {}
    _write_episode(podcast, "twin.md", "Twin of Alpha", 2, 10)
    panel.rescan()
    row = model.row_of(podcast.resolve() / "a.md")
    assert model.index(row, LibraryModel.PROBLEMS).data() == "S/E twice"
    tooltip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Season 2, episode 10 is also twin.md" in tooltip
    (podcast / "twin.md").unlink()
    panel.rescan()
    assert model.index(model.row_of(podcast.resolve() / "a.md"), LibraryModel.PROBLEMS).data() == ""


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_library_shortcut_shows_the_dock_with_the_filter_focused(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    action = window.desktop.action_library
    assert action.shortcut().toString() == "Ctrl+Shift+L"
    assert window.desktop.dock.isHidden()
    action.trigger()
    assert not window.desktop.dock.isHidden()
    qtbot.waitUntil(lambda: window.desktop.library.filter.hasFocus())
    action.trigger()
    assert window.desktop.dock.isHidden()


LIBRARY_APP = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import editor.qt
    from multiprocessing import resource_tracker
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from editor.qt.features.library.dock import LibraryPanel
    app = QApplication([])
    panel = LibraryPanel(Path(sys.argv[2]))
    panel.open_folder(Path(sys.argv[1]))

    def report():
        if panel.counter.busy:
            return
        pids = list(panel.counter._executor._processes)
        pids.append(resource_tracker._resource_tracker._pid)
        print(" ".join(str(p) for p in pids if p), flush=True)
        timer.stop()

    timer = QTimer()
    timer.timeout.connect(report)
    timer.start(100)
    app.exec()
    """
)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has exited; only its exit status is left


def test_worker_processes_exit_when_the_app_is_killed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, site)
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    app = subprocess.Popen(
        [sys.executable, "-c", LIBRARY_APP, str(site / "_podcast"), str(tmp_path / "cache")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    pids: list[int] = []
    try:
        assert app.stdout is not None
        line = app.stdout.readline()
        pids[:] = [int(p) for p in line.split()]
        assert len(pids) >= 2, (line, app.stderr.read() if app.poll() is not None else "")
        assert all(_running(pid) for pid in pids)
        app.kill()  # SIGKILL: no clean-up runs in the app
        app.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_running(pid) for pid in pids):
            time.sleep(0.1)
        assert [pid for pid in pids if _running(pid)] == []
    finally:
        if app.poll() is None:
            app.kill()
        for pid in pids:  # the workers this test started, if they outlived the app
            if _running(pid):
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)


def _shell(command: str) -> None:
    """Change files the way another program does: in another process."""
    subprocess.run(["sh", "-c", command], check=True, timeout=30)


def test_a_folder_removed_and_recreated_is_followed(
    qtbot, panel: LibraryPanel, podcast: Path
) -> None:  # type: ignore[no-untyped-def]
    panel.open_folder(podcast)
    assert panel.count_label.text() == "3 episodes"
    _shell(f"cp -r '{podcast}' '{podcast}.bak' && rm -rf '{podcast}'")
    qtbot.waitUntil(lambda: panel.count_label.text() == "0 episodes", timeout=5000)
    _shell(f"mv '{podcast}.bak' '{podcast}'")  # as `git checkout -- _podcast` brings it back
    qtbot.waitUntil(lambda: panel.count_label.text() == "3 episodes", timeout=5000)
    _write_episode(podcast, "d.md", "Delta two", 4, 4)  # and it is watched again
    qtbot.waitUntil(lambda: panel.count_label.text() == "4 episodes", timeout=5000)


@pytest.fixture
def site_with_unknown_guest(tmp_path: Path) -> Path:
    site = tmp_path / "guest-site"
    shutil.copytree(SAMPLE_SITE, site)
    episode = site / "_podcast" / SAMPLE_EPISODE.name
    text = episode.read_text(encoding="utf-8")
    assert "- adaquill\n" in text
    episode.write_text(text.replace("- adaquill\n", "- adaquill\n- zed\n", 1), encoding="utf-8")
    return site


def _errors(panel: LibraryPanel) -> int | None:
    problems = panel.model.summaries[0].problems
    return problems.errors if problems is not None else None


def test_problem_counts_follow_the_people_pages_live_and_after_a_restart(
    qtbot, site_with_unknown_guest: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(library_dock.ProblemCounter, "USE_PROCESSES", False)
    podcast = site_with_unknown_guest / "_podcast"
    people = site_with_unknown_guest / "_people"
    cache = tmp_path / "people-cache"
    first = LibraryPanel(cache_dir=cache)
    qtbot.addWidget(first)
    first.open_folder(podcast)
    qtbot.waitUntil(lambda: _errors(first) is not None, timeout=20_000)
    with_missing_page = _errors(first)
    assert with_missing_page is not None and with_missing_page >= 1
    # Another program adds the page: the count follows.
    _shell(f"printf -- '---\\nshort: zed\\nname: Zed\\n---\\n' > '{people}/zed.md'")
    qtbot.waitUntil(lambda: _errors(first) == with_missing_page - 1, timeout=20_000)
    first.shutdown()
    # While the app is closed the page goes again: the cached count is not trusted.
    _shell(f"rm '{people}/zed.md'")
    again = LibraryPanel(cache_dir=cache)
    qtbot.addWidget(again)
    again.open_folder(podcast)
    qtbot.waitUntil(lambda: _errors(again) == with_missing_page, timeout=20_000)
    again.shutdown()


def test_refresh_recounts_every_episode(
    qtbot, panel: LibraryPanel, podcast: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    counted: list[str] = []
    monkeypatch.setattr(library_dock.ProblemCounter, "USE_PROCESSES", False)
    monkeypatch.setattr(
        library_dock, "problem_counts", lambda path: counted.append(path.name) or ProblemCounts()
    )
    panel.open_folder(podcast)
    qtbot.waitUntil(lambda: sorted(counted) == ["a.md", "b.md", "c.md"], timeout=5000)
    panel.refresh_button.click()
    qtbot.waitUntil(lambda: len(counted) == 6, timeout=5000)
    assert panel.refresh_button.shortcut().toString() == "F5"


@pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)")
def test_open_folder_on_people_pages_says_they_are_not_episodes(
    qtbot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    site = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, site)
    people = site / "_people"
    for name in ("ada", "bruno", "cleo"):
        (people / f"{name}.md").write_text(f"---\nshort: {name}\n---\n", encoding="utf-8")
    pages = sorted(people.glob("*.md"))
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getExistingDirectory", lambda *a, **k: str(people)
    )
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts only fire in the active window
    qtbot.keyClick(
        QApplication.focusWidget() or window,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    panel = window.desktop.library
    assert panel.folder == people.resolve()
    assert panel.model.rowCount() == 0
    text = panel.count_label.text()
    assert text == (
        f"No episodes in _people: its {len(pages)} markdown files are each a people page "
        "(the site's _people pages describe guests, not episodes). "
        "Open the site or its _podcast folder."
    )
    assert f"{pages[0].name}: a people page" in panel.count_label.toolTip()
    assert panel.count_label.isVisible()
    assert panel.count_label.width() <= panel.width()  # wrapped, not cut off
    # Different reasons are counted one by one.
    (people / ".draft.md").write_text("---\nshort: draft\n---\n", encoding="utf-8")
    panel.rescan()
    assert panel.count_label.text() == (
        f"No episodes in _people: its {len(pages) + 1} markdown files are not episodes: "
        f"a people page (the site's _people pages describe guests, not episodes) — "
        f"{len(pages)} files; hidden file (its name starts with '.') — .draft.md. "
        "Open the site or its _podcast folder."
    )

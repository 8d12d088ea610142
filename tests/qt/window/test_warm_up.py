"""While an empty window waits for a file, the first open's one-off work is done ahead."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE_SITE

import editor.core.episode.site as site_module
from editor.qt.common.settings import Settings
from editor.qt.window import warm_up
from editor.qt.window.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def make_site(folder: Path, people: int) -> Path:
    """A site with ``people`` people pages and two episodes; returns the second episode."""
    shutil.copytree(SAMPLE_SITE, folder)
    for index in range(people):
        page = folder / "_people" / f"person{index:03d}.md"
        page.write_text(f"---\nshort: person{index:03d}\ntitle: Person {index}\n---\n")
    first = folder / "_podcast" / "tide-charts-and-lamp-oil.md"
    second = folder / "_podcast" / "second-episode.md"
    shutil.copyfile(first, second)
    return second


def count_page_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    reads: list[Path] = []
    original = site_module.page_front_matter

    def counting(path: Path) -> str | None:
        reads.append(path)
        return original(path)

    monkeypatch.setattr(site_module, "page_front_matter", counting)
    return reads


def test_an_idle_window_reads_the_recent_sites_people_before_the_first_open(
    qtbot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    episode = make_site(tmp_path / "site", people=30)
    settings.add_recent_file(str(episode.parent / "tide-charts-and-lamp-oil.md"))
    reads = count_page_reads(monkeypatch)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.warm_up.finished, timeout=5000)
    assert len(reads) >= 32  # the 30 pages and the sample's two
    reads.clear()

    assert window.open_path(episode)
    qtbot.waitUntil(lambda: not window.problems.service.pending)
    assert reads == []  # the open and its checks used what the warm-up read
    assert window.metadata_tab.site_people() is not None


def test_a_page_changed_after_the_warm_up_is_read_again(
    qtbot, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    episode = make_site(tmp_path / "site", people=3)
    settings.add_recent_file(str(episode))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.warm_up.finished, timeout=5000)
    page = episode.parents[1] / "_people" / "person001.md"
    page.write_text("---\nshort: person001\ntitle: Renamed Person, longer\n---\n")
    reads = count_page_reads(monkeypatch)

    assert window.open_path(episode)
    assert page in reads
    names = {p.short: p.name for p in window.metadata_tab.site_people() or ()}
    assert names["person001"] == "Renamed Person, longer"


def test_a_window_opened_on_a_file_does_no_warm_up(
    qtbot, settings: Settings, episode: Path
) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_path(episode)
    window.show()
    qtbot.wait(warm_up.WARM_UP_DELAY_MS + 100)
    assert window.warm_up.done == 0


def test_a_failing_step_is_logged_and_the_others_still_run(
    qtbot, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    ran: list[str] = []

    def broken() -> None:
        raise OSError("disk gone")

    runner = warm_up.WarmUp(settings)
    runner.steps = [broken, lambda: ran.append("next")]
    with caplog.at_level(logging.ERROR, logger=warm_up.__name__):
        runner.start(0)
        qtbot.waitUntil(lambda: runner.finished)
    assert ran == ["next"]
    assert "warm-up step failed" in caplog.text

"""`episode-editor check` on many files: one worker process per core, the same report."""

from __future__ import annotations

import io
import os
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_SITE

from editor.commands import check
from editor.commands.check import FILES_PER_WORKER, check_main


def site_with(folder: Path, episodes: int) -> Path:
    """A copy of the sample site with ``episodes`` numbered copies of its episode (every
    fifth one missing its title, so there is something to report)."""
    shutil.copytree(SAMPLE_SITE, folder)
    podcast = folder / "_podcast"
    sample = next(podcast.glob("*.md"))
    text = sample.read_text(encoding="utf-8")
    sample.unlink()
    for index in range(episodes):
        copy = re.sub(r"^episode: .*$", f"episode: {index + 1}", text, count=1, flags=re.M)
        if index % 5 == 0:
            copy = re.sub(r"^title: .*\n", "", copy, count=1, flags=re.M)
        (podcast / f"episode-{index:03d}.md").write_text(copy, encoding="utf-8")
    return podcast


def run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    status = check_main([*args, "--json"], out=out, err=err)
    return status, out.getvalue()


def test_a_folder_of_many_episodes_is_spread_over_one_process_per_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cores = 3
    podcast = site_with(tmp_path / "site", cores * FILES_PER_WORKER)
    pools: list[int] = []

    class RecordingPool(ProcessPoolExecutor):
        def __init__(self, max_workers: int, **kwargs: Any) -> None:
            pools.append(max_workers)
            super().__init__(max_workers, **kwargs)

    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    monkeypatch.setattr(check, "ProcessPoolExecutor", RecordingPool)
    spread = run(str(podcast))
    assert pools == [cores]

    class NoProcesses(ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            raise OSError("no /dev/shm here")

    monkeypatch.setattr(check, "ProcessPoolExecutor", NoProcesses)
    alone = run(str(podcast))
    assert spread == alone  # same problems, same order, same exit status
    assert (
        spread[0] == 1 and spread[1].count("missing field 'title'") >= cores * FILES_PER_WORKER // 5
    )


def test_a_few_files_are_checked_in_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    podcast = site_with(tmp_path / "site", FILES_PER_WORKER)
    monkeypatch.setattr(os, "cpu_count", lambda: 8)

    def no_pool(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a pool for one worker's worth of files")

    monkeypatch.setattr(check, "ProcessPoolExecutor", no_pool)
    status, out = run(str(podcast))
    assert status == 1 and out.count("missing field 'title'") >= 2

"""The pre-commit hook of .pre-commit-hooks.yaml, installed by pre-commit as a site would.

A throwaway site repository points its .pre-commit-config.yaml at a snapshot of this
repository (its working tree, committed in a temporary repository, so the test sees
uncommitted changes and works the same in a clean clone); pre-commit builds the hook's own
environment with ``pip install .`` (so resources must ship in the wheel) and `git commit`
runs it: an episode with an error blocks the commit with its path:line:col line, a valid one
is committed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, SAMPLE_SITE

pytestmark = pytest.mark.slow

EPISODE = "_podcast/tide-charts-and-lamp-oil.md"
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}


def _git(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def _snapshot_of_this_repository(destination: Path, env: dict[str, str]) -> str:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = PROJECT_ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is left out
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
        _git(*command, cwd=destination, env=env).check_returncode()
    return _git("rev-parse", "HEAD", cwd=destination, env=env).stdout.strip()


def test_the_hook_blocks_an_episode_with_errors_and_passes_a_valid_one(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("git is not installed (.ci/run installs it)")
        pytest.skip("git is not installed")
    pytest.importorskip("pre_commit", reason="pre-commit is in the test extra")
    env = {**os.environ, **GIT_IDENTITY, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    env.pop("PYTHONPATH", None)
    env.pop("GIT_DIR", None)
    env.pop("GIT_INDEX_FILE", None)

    editor_repo = tmp_path / "episode-editor"
    rev = _snapshot_of_this_repository(editor_repo, env)

    site = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, site)
    (site / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {editor_repo}\n  rev: {rev}\n  hooks:\n  - id: episode-check\n",
        encoding="utf-8",
    )
    episode = site / EPISODE
    valid = episode.read_text(encoding="utf-8")
    episode.write_text(valid.replace("\nseason: 3\n", "\nseason: three\n"), encoding="utf-8")
    _git("init", "-q", cwd=site, env=env).check_returncode()
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=site, env=env, check=True)
    _git("add", "-A", cwd=site, env=env).check_returncode()

    blocked = _git("commit", "-m", "broken episode", cwd=site, env=env)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert f"{EPISODE}:4:9: error: The season must be a whole number" in output, output
    assert _git("rev-parse", "--verify", "-q", "HEAD", cwd=site, env=env).returncode != 0

    episode.write_text(valid, encoding="utf-8")
    _git("add", "-A", cwd=site, env=env).check_returncode()
    passed = _git("commit", "-m", "valid episode", cwd=site, env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "check podcast episodes" in passed.stdout + passed.stderr
    assert _git("log", "--format=%s", cwd=site, env=env).stdout.strip() == "valid episode"

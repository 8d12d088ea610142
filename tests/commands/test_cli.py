"""The command line: --version, --help, subcommands, usage errors, the default `open`."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, SAMPLE_EPISODE

from editor import __version__
from editor.cli import SUBCOMMANDS, build_parser, main
from editor.core.resources import resource_path


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path | None, bool]]:
    """Stands in for the window: records what ``open`` would show."""
    calls: list[tuple[Path | None, bool]] = []

    def fake_run_gui(path: Path | None = None, *, self_test: bool = False) -> int:
        calls.append((path, self_test))
        return 0

    monkeypatch.setattr("editor.qt.window.gui.run_gui", fake_run_gui)
    return calls


def test_version_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"episode-editor {__version__}\n"


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str], opened: list[object]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: episode-editor")
    assert "open " in out and "check " in out and "--version" in out
    assert opened == []


@pytest.mark.parametrize(
    "args",
    [
        ["export"],
        ["snap", "episode.md"],
        ["--bogus"],
        ["check", "--bogus", "episode.md"],
        ["check"],
        ["open", "a.md", "b.md"],
        ["--sample", "episode.md"],
    ],
)
def test_unknown_words_print_the_usage_and_exit_2(
    args: list[str], capsys: pytest.CaptureFixture[str], opened: list[object]
) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: episode-editor")
    assert "error:" in err
    assert opened == []


def test_a_file_opens_in_the_window(opened: list[tuple[Path | None, bool]]) -> None:
    assert main([str(SAMPLE_EPISODE)]) == 0
    assert main(["open", str(SAMPLE_EPISODE)]) == 0
    assert main(["new-episode.md"]) == 0  # not there yet: the window says so
    assert opened == [
        (SAMPLE_EPISODE, False),
        (SAMPLE_EPISODE, False),
        (Path("new-episode.md"), False),
    ]


def test_no_arguments_open_an_empty_window(opened: list[tuple[Path | None, bool]]) -> None:
    assert main([]) == 0
    assert opened == [(None, False)]


def test_sample_opens_a_writable_copy_of_the_sample_site(
    opened: list[tuple[Path | None, bool]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--sample"]) == 0
    [(path, _)] = opened
    assert path is not None and path.is_file()
    assert PROJECT_ROOT not in path.parents
    assert path.read_bytes() == SAMPLE_EPISODE.read_bytes()
    assert (path.parents[1] / "_people" / "ada-quill.md").is_file()  # guests check out
    assert os.access(path, os.W_OK)
    assert str(path) in capsys.readouterr().out


def test_check_runs_as_a_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SAMPLE_EPISODE)]) == 0
    assert "1 file checked: 0 errors" in capsys.readouterr().err


def test_every_subcommand_module_registers_a_runner() -> None:
    parser = build_parser()
    [subparsers] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(subparsers.choices) >= len(SUBCOMMANDS)
    for name, subparser in subparsers.choices.items():
        assert callable(subparser.get_default("run")), name


def test_resources_come_from_the_installed_package() -> None:
    schema = resources.files("editor.resources").joinpath("episode.schema.json")
    assert schema.is_file()
    assert resource_path("episode.schema.json").read_bytes() == schema.read_bytes()


def _run_module(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(cwd)}
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [sys.executable, "-m", "editor", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_python_m_editor_outside_the_checkout(tmp_path: Path) -> None:
    result = _run_module("--version", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, f"episode-editor {__version__}\n")


def test_self_test_starts_the_window_on_the_sample(tmp_path: Path) -> None:
    result = _run_module("--sample", "--self-test", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith(", 0 problem(s), 0 failure(s)")


def test_self_test_fails_when_the_file_does_not_open(tmp_path: Path) -> None:
    result = _run_module(str(tmp_path / "missing.md"), "--self-test", cwd=tmp_path)
    assert result.returncode == 1
    assert "missing.md did not open" in result.stderr

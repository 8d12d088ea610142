"""End to end: the real app (``python -m editor FILE``) in a real X window under Xvfb.

Keystrokes are real X events sent with xdotool to the xcb platform, not Qt test events: the
title is retyped in the Metadata tab's field, Ctrl+S saves and Ctrl+Q quits. The only help
the app gets is ``EPISODE_EDITOR_FOCUS=title``, which puts the keyboard focus in that field
when the window opens (there is no window manager under Xvfb to click into).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, SAMPLE_EPISODE, SAMPLE_SITE

pytestmark = pytest.mark.xvfb

NEW_TITLE = "Harbour Safety, Revised"
TIMEOUT_S = 30.0


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is not installed (apt-get install {tool.lower()}); .ci/run installs it"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def _free_display() -> int:
    for number in range(160, 260):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            return number
    raise RuntimeError("no free X display number between :160 and :259")


def _wait_until(condition, what: str, timeout: float = TIMEOUT_S) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


@pytest.fixture
def display() -> Iterator[str]:
    xvfb = _require("Xvfb")
    for _attempt in range(3):
        number = _free_display()
        server = subprocess.Popen(
            [xvfb, f":{number}", "-screen", "0", "1280x860x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        socket = Path(f"/tmp/.X11-unix/X{number}")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and server.poll() is None and not socket.exists():
            time.sleep(0.05)
        if socket.exists() and server.poll() is None:
            break
        server.kill()
        server.wait()
    else:
        pytest.fail("Xvfb did not start")
    try:
        yield f":{number}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _xdotool(display: str, *args: str, timeout: float = 15) -> str:
    result = subprocess.run(
        [_require("xdotool"), *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"xdotool {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def test_edit_title_in_a_real_window_and_save(display: str, tmp_path: Path) -> None:
    _require("xdotool")
    site = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, site)
    episode = site / "_podcast" / SAMPLE_EPISODE.name
    before = episode.read_text(encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "HOME": str(home),  # fresh settings, recent files and caches
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "EPISODE_EDITOR_FOCUS": "title",
    }
    log = tmp_path / "app.log"
    with log.open("wb") as output:
        app = subprocess.Popen(
            [sys.executable, "-m", "editor", str(episode)],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        window = _xdotool(
            display, "search", "--sync", "--onlyvisible", "--name", episode.name, timeout=TIMEOUT_S
        ).split()[0]
        _xdotool(display, "windowfocus", "--sync", window)
        time.sleep(0.5)  # let the window take the focus before typing into it
        _xdotool(display, "key", "--clearmodifiers", "ctrl+a")
        _xdotool(display, "type", "--delay", "15", NEW_TITLE)
        _xdotool(display, "key", "--clearmodifiers", "ctrl+s")
        _wait_until(
            lambda: episode.read_text(encoding="utf-8") != before, "the save to reach the disk"
        )
        _xdotool(display, "key", "--clearmodifiers", "ctrl+q")
        assert app.wait(timeout=TIMEOUT_S) == 0, log.read_text(errors="replace")
    finally:
        with contextlib.suppress(ProcessLookupError):
            app.kill()
        app.wait()
    after = episode.read_text(encoding="utf-8")
    old_lines, new_lines = before.splitlines(keepends=True), after.splitlines(keepends=True)
    changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    assert changed == [
        (
            'title: "Tide Charts & Lamp Oil: Keeping Small Harbours Safe With Data"\n',
            f'title: "{NEW_TITLE}"\n',
        )
    ], log.read_text(errors="replace")

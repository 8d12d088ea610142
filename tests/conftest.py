"""Shared test set-up: offscreen Qt, isolated settings, and the shared corpus."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

# Before any Qt call: editor.qt works around PySide6 dropping references to None/True.
with contextlib.suppress(ImportError):  # core-only environments have no PySide6
    import editor.qt  # noqa: F401

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED = PROJECT_ROOT.parent / "shared"
CORPUS_SITE = SHARED / "corpus" / "site"
CORPUS_PODCAST = CORPUS_SITE / "_podcast"
SAMPLE_SITE = PROJECT_ROOT / "resources" / "sample-site"
SAMPLE_EPISODE = SAMPLE_SITE / "_podcast" / "tide-charts-and-lamp-oil.md"


def corpus_files() -> list[Path]:
    """The real episodes; under CI=true their absence is an error, not a skip."""
    files = sorted(CORPUS_PODCAST.glob("*.md"))
    if not files:
        if os.environ.get("CI") == "true":
            raise RuntimeError(f"The shared corpus is missing: {CORPUS_PODCAST} has no episodes.")
        pytest.skip(
            "the shared corpus ../shared/corpus/site/_podcast is not present",
            allow_module_level=True,
        )
    return files


def largest_corpus_file() -> Path:
    return max(corpus_files(), key=lambda p: p.stat().st_size)


@pytest.fixture(scope="session")
def corpus() -> list[Path]:
    return corpus_files()


@pytest.fixture(autouse=True, scope="session")
def _qt_test_mode() -> Iterator[None]:
    try:
        from PySide6.QtCore import QStandardPaths
    except ImportError:  # core-only environments
        yield
        return
    QStandardPaths.setTestModeEnabled(True)
    yield


@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A ``Settings`` over a temporary INI file, so tests never touch the user's settings."""
    from PySide6.QtCore import QSettings

    from editor.qt.common.settings import Settings

    qsettings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return Settings(qsettings)


@pytest.fixture
def episode(tmp_path: Path) -> Path:
    """A copy of the invented sample episode that a test may edit and save."""
    target = tmp_path / "episode.md"
    shutil.copyfile(SAMPLE_EPISODE, target)
    return target


@pytest.fixture
def session(qtbot, episode: Path):  # type: ignore[no-untyped-def]
    """An ``EpisodeSession`` over the copy of the sample episode."""
    from editor.core import Document
    from editor.qt.editing.session import EpisodeSession

    session = EpisodeSession()
    session.set_document(Document.load(episode))
    return session


@pytest.fixture
def discard_unsaved_prompt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing a modified window at teardown must not block on the unsaved-changes prompt."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)


@pytest.fixture
def window(qtbot, settings):  # type: ignore[no-untyped-def]
    """A main window, closed by qtbot at teardown."""
    from editor.qt.window.main_window import MainWindow

    win = MainWindow(settings)
    qtbot.addWidget(win)
    return win

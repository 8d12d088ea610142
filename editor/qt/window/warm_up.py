"""The one-off work of a first open, done while a new window waits for the user.

A window that starts empty is usually given a file through the Open dialog or the Library a
few seconds later. In the meantime the work that only the first open of a session would pay
is done ahead, one step per turn of the event loop so the window stays responsive: the
schema checker (importing jsonschema and compiling the schema), reading and checking the
bundled sample episode once (the YAML reader and the schema compile their patterns on first
use) and the people pages of the site the user worked in last (the guest names and the
guest checks read every page). The
results are the caches the open itself uses, so a file opened before the warm-up ends simply
does that step itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from editor.core import Document
from editor.core.episode.site import find_site_root, people
from editor.core.episode.validation import validate
from editor.core.episode.validation.schema import default_checker
from editor.core.episode.validation.site_files import people_pages
from editor.core.resources import SAMPLE_EPISODE, SAMPLE_SITE, resource_path
from editor.qt.common.settings import Settings

log = logging.getLogger(__name__)

# After the empty window's first paint, and soon enough to be done before a file is chosen.
WARM_UP_DELAY_MS = 100


def warm_schema() -> None:
    default_checker()


def warm_reader_and_checks() -> None:
    """Reads and checks the sample episode (in its own small site of two people pages)."""
    validate(Document.load(resource_path(SAMPLE_SITE, *SAMPLE_EPISODE)))


def warm_people_of_recent_site(settings: Settings) -> None:
    """Reads the people pages of the site of the most recently opened file, if it still
    exists (the next file is most likely from the same site)."""
    recent = settings.get(Settings.RECENT_FILES)
    if not recent or not Path(recent[0]).is_file():
        return
    root = find_site_root(recent[0])
    if root is None or not (root / "_people").is_dir():
        return
    people_pages(root)
    people(root)


class WarmUp(QObject):
    """Runs its steps one per event-loop turn, starting ``WARM_UP_DELAY_MS`` after
    ``start``; a failing step is logged and skipped (this is only ever an optimisation)."""

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.steps: list[Callable[[], None]] = [
            warm_schema,
            warm_reader_and_checks,
            lambda: warm_people_of_recent_site(settings),
        ]
        self.done = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run_next)

    def start(self, delay_ms: int = WARM_UP_DELAY_MS) -> None:
        if self.done < len(self.steps):
            self._timer.start(delay_ms)

    @property
    def finished(self) -> bool:
        return self.done == len(self.steps)

    def _run_next(self) -> None:
        step = self.steps[self.done]
        self.done += 1
        try:
            step()
        except Exception:  # never let a cache warm-up disturb the window
            log.exception("warm-up step failed")
        if not self.finished:
            self._timer.start(0)

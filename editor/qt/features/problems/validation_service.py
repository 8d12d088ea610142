"""Reruns validation shortly after edits stop, and applies quick fixes through the session."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from editor.core.episode.validation import Problem, in_safe_order, validate
from editor.qt.editing.session import EpisodeSession

log = logging.getLogger(__name__)

# Long enough that a burst of keystrokes validates once, short enough to feel live.
DEBOUNCE_MS = 200


class ValidationService(QObject):
    """Holds the current problems of the session's document.

    Validation never runs on the typing path: an edit only restarts a single-shot timer.
    """

    problemsChanged = Signal()

    def __init__(self, session: EpisodeSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.problems: list[Problem] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run)
        session.dataEdited.connect(self.timer.start)
        # A newly opened file is checked as soon as the window has shown it, not before:
        # at 10,000 items the checks take as long as painting the window.
        self.open_timer = QTimer(self)
        self.open_timer.setSingleShot(True)
        self.open_timer.setInterval(0)
        self.open_timer.timeout.connect(self.run)
        session.documentReplaced.connect(self.open_timer.start)

    @property
    def pending(self) -> bool:
        return self.timer.isActive() or self.open_timer.isActive()

    def run(self) -> None:
        self.timer.stop()
        self.open_timer.stop()
        document = self.session.document
        if document is None:
            self.problems = []
        else:
            try:
                self.problems = validate(document)
            except Exception as exc:  # a rule bug must never stop editing
                log.exception("validation failed")
                self.problems = [
                    Problem(
                        "validation.internal-error",
                        "warning",
                        f"Validation stopped early ({type(exc).__name__}: {exc}); "
                        "the other checks may be incomplete.",
                        (),
                        document.front_matter_line,
                        1,
                    )
                ]
        self.problemsChanged.emit()

    def current(self) -> list[Problem]:
        """The problems of the document as it is now (validates first if an edit is pending)."""
        if self.pending:
            self.run()
        return self.problems

    def errors(self) -> list[Problem]:
        return [p for p in self.current() if p.severity == "error"]

    def refresh(self, problem: Problem) -> Problem | None:
        """``problem`` as it stands after pending edits, or None if it has gone."""
        if not self.pending:
            return problem if problem in self.problems else None
        self.run()
        return problem if problem in self.problems else None

    def apply_fixes(self, problems: Sequence[Problem], text: str = "") -> int:
        """Apply the quick fixes of ``problems`` as one undoable step; returns how many."""
        fresh = [p for p in (self.refresh(p) for p in problems) if p is not None]
        fixes = [p.fix for p in fresh if p.fix is not None]
        if not fixes:
            return 0
        edits = [edit for fix in fixes for edit in fix.edits]
        label = text or (fixes[0].description if len(fixes) == 1 else f"{len(fixes)} quick fixes")
        self.session.push_edits(in_safe_order(edits), label)
        self.run()
        return len(fixes)

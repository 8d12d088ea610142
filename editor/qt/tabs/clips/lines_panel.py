"""The transcript lines inside the selected clip's [start, end), read-only."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from editor.core.episode.clips import TranscriptLine
from editor.core.episode.timecode import format_hms, format_time


class ClipLinesPanel(QTextBrowser):
    """Shows what a clip contains; clicking a line's time plays from it."""

    timeActivated = Signal(int)  # seconds

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clipLines")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._anchor_clicked)
        self.setPlaceholderText("Select a clip to read the transcript lines it contains.")
        self.shown_lines: list[TranscriptLine] = []

    def show_clip(
        self, name: str, start: int | None, end: int | None, lines: Sequence[TranscriptLine]
    ) -> None:
        self.shown_lines = list(lines)
        if start is None or end is None:
            self.setHtml(f"<p><b>{html.escape(name)}</b>: the clip has no valid start and end.</p>")
            return
        parts = [
            f"<p><b>{html.escape(name)}</b> &nbsp; {format_hms(start)} – {format_hms(end)}"
            f" &nbsp; ({len(lines)} line{'s' if len(lines) != 1 else ''})</p>"
        ]
        if end <= start:
            parts.append("<p style='color:#c02020'>The clip ends before it starts.</p>")
        elif not lines:
            parts.append("<p><i>No transcript line starts inside this clip.</i></p>")
        for line in lines:
            who = f"<b>{html.escape(line.who)}</b>: " if line.who else ""
            # An untimed line has no time of its own: no link, so none is implied.
            time = (
                f"<a href='sec:{line.sec}'>{format_time(line.sec)}</a>" if line.timed else "&nbsp;·"
            )
            parts.append(f"<p style='margin:2px 0'>{time} &nbsp;{who}{html.escape(line.text)}</p>")
        self.setHtml("".join(parts))

    def clear_clip(self) -> None:
        self.shown_lines = []
        self.clear()

    def _anchor_clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("sec:") and text[4:].isdigit():
            self.timeActivated.emit(int(text[4:]))

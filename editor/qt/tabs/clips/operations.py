"""Undoable clip edits through the session: no widgets, no selection, no messages.

Each public method is one undo step. Moved and removed clips keep their identity, so the
writer moves their original lines verbatim.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from editor.core.episode import clips as core
from editor.qt.common.rows import contiguous_blocks
from editor.qt.editing.session import EpisodeSession
from editor.qt.tabs.clips.model import CLIPS, ClipTableModel

DEFAULT_NEW_CLIP_LENGTH = 60


class ClipOperations:
    def __init__(self, session: EpisodeSession, model: ClipTableModel) -> None:
        self.session = session
        self.model = model

    def why_not_editable(self) -> str | None:
        """Why clips cannot be edited now (no document, ``quotableClips`` not a list)."""
        if self.session.document is None:
            return "No episode is open."
        value = self.session.get(CLIPS, None)
        if value is None or isinstance(value, list):
            return None
        return (
            f"quotableClips is a {type(value).__name__}, not a list of clips: "
            "fix it in the file before editing clips."
        )

    def _ensure_clip_list(self) -> None:
        # "quotableClips:" with nothing after it loads as null, and "quotableClips: []" would
        # keep its flow style; a fresh list is asked for in the corpus's block style.
        value = self.session.get(CLIPS, None)
        empty_flow = isinstance(value, CommentedSeq) and not value and value.fa.flow_style()
        if (self.session.has(CLIPS) and value is None) or empty_flow:
            fresh = CommentedSeq()
            fresh.fa.set_block_style()
            self.session.set_value(CLIPS, fresh)

    def add_clip(self, at: int, duration: int) -> None:
        """A "New clip" at index ``at``: from the previous clip's end to the next one's start
        (or a minute, within the episode)."""
        clips = self.model.clips()
        before = clips[at - 1] if 0 < at <= len(clips) else None
        after = clips[at] if at < len(clips) else None
        start = core.clip_end(before) if before is not None else 0
        start = min(start if start is not None else 0, max(0, duration - 1))
        end = min(start + DEFAULT_NEW_CLIP_LENGTH, duration)
        next_start = core.clip_start(after) if after is not None else None
        if next_start is not None and next_start > start:
            end = next_start
        values = core.new_clip_values("New clip", start, max(end, start + 1), self.model.video_id())
        with self.session.macro("Add clip"):
            self._ensure_clip_list()
            self.session.insert_items(CLIPS, at, [CommentedMap(values)])

    def remove_rows(self, rows: Sequence[int]) -> None:
        blocks = contiguous_blocks(rows)
        if not blocks:
            return
        count = sum(size for _, size in blocks)
        noun = "clip" if count == 1 else f"{count} clips"
        with self.session.macro(f"Remove {noun}"):
            for first, size in reversed(blocks):
                self.session.remove_items(CLIPS, first, size)

    def move_block(self, first: int, count: int, step: int) -> int | None:
        """Move rows ``first..first+count-1`` one place up (step < 0) or down; returns the
        block's new first row, or None when it cannot move."""
        if (step < 0 and first == 0) or (step > 0 and first + count >= self.model.rowCount()):
            return None
        destination = first - 1 if step < 0 else first + count + 1
        self.model.moveRows(QModelIndex(), first, count, QModelIndex(), destination)
        return first - 1 if step < 0 else first + 1

    def sort_by_start(self) -> bool:
        """Order the clips by start (one step of moves); False when already sorted."""
        clips = list(self.model.clips())
        order = sorted(
            range(len(clips)),
            key=lambda i: (core.clip_start(clips[i]) is None, core.clip_start(clips[i]) or 0, i),
        )
        if order == list(range(len(clips))):
            return False
        current = list(range(len(clips)))
        with self.session.macro("Sort clips by start"):
            for target, original in enumerate(order):
                at = current.index(original)
                if at != target:
                    self.session.move_items(CLIPS, at, 1, target)
                    current.insert(target, current.pop(at))
        return True

    def fix_urls(self, rows: Sequence[int]) -> int:
        fixable = [row for row in rows if row in self.model.rows_with_fixable_urls()]
        if not fixable:
            return 0
        noun = "URL" if len(fixable) == 1 else f"{len(fixable)} URLs"
        with self.session.macro(f"Fix clip {noun}"):
            for row in fixable:
                self.model.fix_url(row)
        return len(fixable)

    def move_edges(self, edges: Sequence[tuple[int, str]], seconds: int) -> None:
        """A drag's result: every listed (row, "start" | "end") edge to ``seconds``."""
        text = "Drag clip boundary" if len(edges) > 1 else f"Drag clip {edges[0][1]}"
        with self.session.macro(text):
            for row, edge in edges:
                if edge == "start":
                    self.model.set_start(row, seconds, text=text)
                else:
                    self.model.set_end(row, seconds, text=text)

    def nudge(self, row: int, edge: str, delta: int) -> bool:
        """Move a clip's start or end by ``delta`` seconds, keeping it at least 1 s long."""
        clip = self.model.clip(row)
        start, end = core.clip_start(clip), core.clip_end(clip)
        if start is None or end is None:
            return False
        if edge == "start":
            value = min(max(0, start + delta), end - 1)
            if value == start:
                return False
            self.model.set_start(row, value, text="Nudge clip start")
        else:
            value = max(start + 1, end + delta)
            if value == end:
                return False
            self.model.set_end(row, value, text="Nudge clip end")
        return True

    def apply_changes(self, title: str, changes: Sequence[core.ClipChange]) -> int:
        """Apply a reviewed diff as one undo step; returns how many edits it made."""
        ops = core.sync_operations(len(self.model.clips()), changes, self.model.video_id())
        if not ops:
            return 0
        with self.session.macro(title):
            self._ensure_clip_list()
            self.session.push_edits(ops, title)
        return len(ops)

"""Structure and timing operations on the transcript, each one undo step on the session.

Each method returns None on success or a short message saying why nothing was done
(the tab shows it in its status line).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from editor.core.episode import transcript as core
from editor.qt.common.rows import contiguous_blocks
from editor.qt.editing.session import EpisodeSession
from editor.qt.tabs.transcript.model import TRANSCRIPT

Refusal = str | None


class TranscriptOperations:
    def __init__(self, session: EpisodeSession) -> None:
        self.session = session

    def items(self) -> list[Any]:
        items = self.session.get(TRANSCRIPT, None)
        return items if isinstance(items, list) else []

    def style(self) -> core.TimeStyle:
        return core.detect_time_style(self.items())

    # -- inserting and deleting ----------------------------------------------------------

    def insert_line_after(self, row: int) -> int:
        """Insert an empty line after ``row`` (at the top when -1); returns its row."""
        items = self.items()
        template = _nearest_line(items, row)
        seconds = core.item_seconds(template) if template is not None else None
        if seconds is None and not items:
            seconds = 0
        item = core.new_line(template, seconds, self.style())
        target = min(row + 1, len(items))
        self.session.insert_items(TRANSCRIPT, target, [item], text="Insert line")
        return target

    def insert_header_after(self, row: int, title: str = "New section") -> int:
        target = min(row + 1, len(self.items()))
        self.session.insert_items(
            TRANSCRIPT, target, [core.new_header(title)], text="Insert section header"
        )
        return target

    def delete_rows(self, rows: Iterable[int]) -> Refusal:
        blocks = contiguous_blocks(r for r in rows if 0 <= r < len(self.items()))
        if not blocks:
            return "Select the lines to delete."
        total = sum(count for _, count in blocks)
        label = "Delete line" if total == 1 else f"Delete {total} lines"
        with self.session.macro(label):
            for first, count in reversed(blocks):
                self.session.remove_items(TRANSCRIPT, first, count)
        return None

    # -- split and merge ---------------------------------------------------------------

    def split_line(self, row: int, position: int | None = None, text: str | None = None) -> Refusal:
        """Split the line at ``row`` at ``position`` of ``text`` (default: its current text,
        split at the sentence end nearest the middle)."""
        items = self.items()
        if not 0 <= row < len(items) or not core.is_line(items[row]):
            return "Put the cursor on a line to split it."
        item = items[row]
        current = core.text_of(item.get("line"))
        text = current if text is None else text
        if position is None:
            position = core.best_split_position(text)
        first, second = core.split_text(text, max(0, min(position, len(text))))
        if not first or not second:
            return "Put the text cursor inside the text, between two words, to split there."
        new_item = core.copy_item(item)
        new_item["line"] = core.like_style(item.get("line"), second)
        with self.session.macro(f"Split line {row + 1}"):
            self.session.set_value(
                (*TRANSCRIPT, row, "line"), core.like_style(item.get("line"), first)
            )
            self.session.insert_items(TRANSCRIPT, row + 1, [new_item])
        return None

    def merge_with_next(self, row: int) -> Refusal:
        items = self.items()
        if not 0 <= row < len(items) - 1:
            return "There is no next line to merge with."
        item, following = items[row], items[row + 1]
        if not core.is_line(item) or not core.is_line(following):
            return "Only two lines can be merged (not a section header)."
        first_speaker = str(item.get("who") or "").strip()
        second_speaker = str(following.get("who") or "").strip()
        if first_speaker != second_speaker:
            # Merging would give one speaker's words to the other.
            return (
                f"Lines {row + 1} and {row + 2} have different speakers "
                f"({first_speaker or 'none'} and {second_speaker or 'none'}): not merged. "
                "Set the same speaker first (Ctrl+Shift+E) to merge them."
            )
        text = core.merged_text(core.text_of(item.get("line")), core.text_of(following.get("line")))
        with self.session.macro(f"Merge lines {row + 1} and {row + 2}"):
            self.session.set_value(
                (*TRANSCRIPT, row, "line"), core.like_style(item.get("line"), text)
            )
            self.session.remove_items(TRANSCRIPT, row + 1, 1)
        return None

    # -- speakers ----------------------------------------------------------------------

    def set_speaker(self, rows: Iterable[int], speaker: str) -> Refusal:
        speaker = speaker.strip()
        items = self.items()
        targets = [r for r in sorted(set(rows)) if 0 <= r < len(items) and core.is_line(items[r])]
        if not targets:
            return "Select the lines whose speaker to set."
        if not speaker:
            return "Type a speaker name."
        label = f"Set speaker of {len(targets)} line{'s' if len(targets) != 1 else ''}"
        with self.session.macro(label):
            for row in targets:
                old = items[row].get("who")
                self.session.set_value((*TRANSCRIPT, row, "who"), core.like_style(old, speaker))
        return None

    # -- moving ------------------------------------------------------------------------

    def move_rows(self, rows: Iterable[int], delta: int) -> tuple[int, int] | None:
        """Move a contiguous block of rows one up (-1) or down (+1); returns the block's new
        ``(first, count)`` or None when it cannot move."""
        blocks = contiguous_blocks(rows)
        if len(blocks) != 1:
            return None
        first, count = blocks[0]
        length = len(self.items())
        label = "Move line" if count == 1 else f"Move {count} lines"
        if delta < 0 and first > 0:
            self.session.move_items(TRANSCRIPT, first, count, first - 1, text=f"{label} up")
            return first - 1, count
        if delta > 0 and first + count < length:
            self.session.move_items(
                TRANSCRIPT, first, count, first + count + 1, text=f"{label} down"
            )
            return first + 1, count
        return None

    def move_section(self, row: int, delta: int) -> tuple[int, int] | None:
        """Move the section holding ``row`` past its neighbour; returns its new
        ``(first, count)`` or None."""
        move = core.section_move(self.items(), row, delta)
        if move is None:
            return None
        first, count, destination = move
        self.session.move_items(
            TRANSCRIPT,
            first,
            count,
            destination,
            text=f"Move section {'up' if delta < 0 else 'down'}",
        )
        new_first = destination if destination < first else destination - count
        return new_first, count

    def move_section_before(self, header_row: int, before_header_row: int | None) -> Refusal:
        move = core.section_drop(self.items(), header_row, before_header_row)
        if move is None:
            return "The section is already there."
        first, count, destination = move
        self.session.move_items(TRANSCRIPT, first, count, destination, text="Move section")
        return None

    # -- retiming ----------------------------------------------------------------------

    def shift_from(self, row: int, delta: int) -> Refusal:
        """Shift every line from ``row`` on, and the clips after that point, by ``delta`` s."""
        if delta == 0:
            return "Shifting by 0 seconds changes nothing."
        try:
            edits = core.shift_edits(self.session.data, row, delta, self.style())
        except core.RetimeError as exc:
            return str(exc)
        if not edits:
            return "There are no timed lines from here on."
        sign = "+" if delta > 0 else "−"
        self.session.push_edits(edits, f"Shift times from line {row + 1} by {sign}{abs(delta)} s")
        return None

    def retime_from(self, row: int, target_seconds: int) -> Refusal:
        """Shift from ``row`` on so that the first timed line from ``row`` lands on
        ``target_seconds``."""
        items = self.items()
        for index in range(max(0, row), len(items)):
            if core.is_header(items[index]):
                continue
            seconds = core.item_seconds(items[index])
            if seconds is not None:
                return self.shift_from(index, target_seconds - seconds)
        return "There are no timed lines from here on."

    # -- find and replace --------------------------------------------------------------

    def replace_all(self, query: core.FindQuery, replacement: str) -> int:
        edits = core.replace_all_edits(self.items(), query, replacement)
        if edits:
            self.session.push_edits(
                edits, f"Replace {len(edits)} line{'s' if len(edits) != 1 else ''}"
            )
        return len(edits)

    def replace_one(self, match: core.Match, query: core.FindQuery, replacement: str) -> bool:
        items = self.items()
        if not 0 <= match.row < len(items):
            return False
        item = items[match.row]
        if not isinstance(item, dict):
            return False
        key = core.item_text_key(item)
        text = core.text_of(item.get(key))
        new = core.replace_in_text(text, query, replacement, match.start)
        if new == text:
            return False
        self.session.set_value(
            (*TRANSCRIPT, match.row, key), core.like_style(item.get(key), new), text="Replace"
        )
        return True


def _nearest_line(items: Sequence[Any], row: int) -> Any:
    """The line at or before ``row`` (else the first line after it)."""
    for index in range(min(row, len(items) - 1), -1, -1):
        if core.is_line(items[index]):
            return items[index]
    for index in range(max(row + 1, 0), len(items)):
        if core.is_line(items[index]):
            return items[index]
    return None

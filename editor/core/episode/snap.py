"""Snapping an episode's line times and clip edges to speech onsets.

``plan_snap`` says what would move (for a review or a dry run); ``snap_edits`` turns the
moves into the same ``(path, value)`` edits the transcript operations apply: ``sec`` and
``time`` in the file's style, and a clip's URL ``t=`` following its new start.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from editor.core.episode import clips as clip_core
from editor.core.episode import transcript as core
from editor.core.yaml.edits import SetValue

LINE = "line"
CLIP_START = "start"
CLIP_END = "end"
DEFAULT_MAX_SHIFT = 3.0


@dataclass(frozen=True)
class SnapMove:
    kind: str  # LINE, CLIP_START or CLIP_END
    row: int  # transcript row, or clip index
    old: int  # seconds
    new: int
    label: str  # what moves, for people: "Line 12 (Bruno)", "Clip 2 start"

    @property
    def distance(self) -> int:
        return self.new - self.old


def timed_rows(items: Sequence[Any]) -> list[int]:
    return [
        row
        for row, item in enumerate(items)
        if core.is_line(item) and core.item_seconds(item) is not None
    ]


def _line_label(items: Sequence[Any], row: int) -> str:
    who = core.text_of(items[row].get("who")).strip()
    return f"Line {row + 1}" + (f" ({who})" if who else "")


def plan_snap(
    data: Any,
    onsets: Sequence[float],
    max_shift: float = DEFAULT_MAX_SHIFT,
    rows: Iterable[int] | None = None,
    clip_edges: Iterable[tuple[int, str]] = (),
) -> list[SnapMove]:
    """The moves that put each chosen line time (``rows``; None: every timed line) and clip
    edge on its nearest onset (rounded to a whole second, as the file keeps seconds) within
    ``max_shift`` seconds. Two lines never land on the same second: the nearer one does.
    A clip edge shared with a neighbour (one ends where the next starts) moves both; a clip
    whose start would reach its end keeps both edges."""
    items = data.get("transcript") if isinstance(data, dict) else None
    items = items if isinstance(items, list) else []
    chosen = timed_rows(items) if rows is None else sorted(set(rows))
    candidates: list[SnapMove] = []
    for row in chosen:
        if not 0 <= row < len(items) or not core.is_line(items[row]):
            continue
        seconds = core.item_seconds(items[row])
        if seconds is not None:
            candidates.append(SnapMove(LINE, row, seconds, seconds, _line_label(items, row)))
    clips = data.get(clip_core.CLIPS_KEY) if isinstance(data, dict) else None
    clips = clips if isinstance(clips, list) else []
    for index, edge in sorted(set(clip_edges)):
        if not 0 <= index < len(clips):
            continue
        clip = clips[index]
        value = clip_core.clip_start(clip) if edge == CLIP_START else clip_core.clip_end(clip)
        if value is not None:
            candidates.append(SnapMove(edge, index, value, value, f"Clip {index + 1} {edge}"))
    from editor.core.audio import snap_times  # numpy: imported when snapping, not at start

    targets = snap_times([move.old for move in candidates], onsets, max_shift)
    landed = [
        SnapMove(move.kind, move.row, move.old, new, move.label)
        for move, target in zip(candidates, targets, strict=True)
        if abs((new := round(target)) - move.old) <= max_shift
    ]
    moves = [move for move in _nearest_line_wins(landed) if move.new != move.old]
    moves += _shared_edges(moves, clips)
    return _keep_clips_valid(moves, clips)


def _shared_edges(moves: Sequence[SnapMove], clips: Sequence[Any]) -> list[SnapMove]:
    """A clip edge on the same second as a moved edge of the other kind (the end of one
    chapter where the next starts) moves with it, so no gap or overlap opens."""
    moved = {(move.row, move.kind) for move in moves if move.kind != LINE}
    extra: list[SnapMove] = []
    for move in moves:
        if move.kind == LINE:
            continue
        other = CLIP_END if move.kind == CLIP_START else CLIP_START
        for index, clip in enumerate(clips):
            value = clip_core.clip_end(clip) if other == CLIP_END else clip_core.clip_start(clip)
            if value == move.old and (index, other) not in moved:
                moved.add((index, other))
                extra.append(SnapMove(other, index, value, move.new, f"Clip {index + 1} {other}"))
    return extra


def _nearest_line_wins(moves: list[SnapMove]) -> list[SnapMove]:
    """Per second, only the line nearest to it lands there (the earlier line on a tie; a
    line already there stays). Clip edges may share a second: one clip ends where the next
    starts."""
    best: dict[int, SnapMove] = {}
    for move in moves:
        if move.kind == LINE and (
            move.new not in best or abs(move.distance) < abs(best[move.new].distance)
        ):
            best[move.new] = move
    kept = {id(move) for move in best.values()}
    return [move for move in moves if move.kind != LINE or id(move) in kept]


def _keep_clips_valid(moves: list[SnapMove], clips: Sequence[Any]) -> list[SnapMove]:
    edges: dict[int, dict[str, SnapMove]] = {}
    for move in moves:
        if move.kind != LINE:
            edges.setdefault(move.row, {})[move.kind] = move
    broken: set[int] = set()
    for index, moved in edges.items():
        start = moved[CLIP_START].new if CLIP_START in moved else clip_core.clip_start(clips[index])
        end = moved[CLIP_END].new if CLIP_END in moved else clip_core.clip_end(clips[index])
        if start is not None and end is not None and start >= end:
            broken.add(index)
    return [move for move in moves if move.kind == LINE or move.row not in broken]


def snap_edits(
    data: Any, moves: Sequence[SnapMove], style: core.TimeStyle | None = None
) -> list[SetValue]:
    """The edits for ``moves``: both ``sec`` and ``time`` of a line (the keys
    it has, in the file's time style), a clip's offset, and its URL when it follows the
    start in the usual ``t=`` form."""
    items = data.get("transcript") or []
    style = style or core.detect_time_style(items)
    clips = data.get(clip_core.CLIPS_KEY) or []
    edits: list[SetValue] = []
    for move in moves:
        if move.kind == LINE:
            edits.extend(core.line_time_edits(items[move.row], move.row, move.new, style))
        elif move.kind == CLIP_END:
            edits.append(SetValue((clip_core.CLIPS_KEY, move.row, "endOffset"), move.new))
        else:
            edits.append(SetValue((clip_core.CLIPS_KEY, move.row, "startOffset"), move.new))
            url = clips[move.row].get("url")
            new_url = clip_core.url_after_start_change(url, move.new)
            if new_url is not None:
                edits.append(
                    SetValue((clip_core.CLIPS_KEY, move.row, "url"), core.like_style(url, new_url))
                )
    return edits


def describe(move: SnapMove, style: core.TimeStyle | None = None) -> str:
    style = style or core.TimeStyle()
    sign = "+" if move.distance > 0 else "−"
    return (
        f"{move.label}: {style.text(move.old)} → {style.text(move.new)} "
        f"({sign}{abs(move.distance)} s)"
    )

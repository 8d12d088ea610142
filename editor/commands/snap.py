"""``episode-editor snap --audio FILE.wav EPISODE.md``: move line times to where speech starts.

Headless (never imports Qt). Exit status: 0 done (or nothing to move), 2 when the episode
or the audio cannot be read or the file cannot be saved.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from editor.core.episode import snap
from editor.core.episode.fields import apply_episode_edits
from editor.core.episode.transcript import detect_time_style
from editor.core.yaml.document import Document
from editor.core.yaml.errors import DocumentError

EXIT_DONE = 0
EXIT_UNREADABLE = 2


def register(subparsers: Any) -> None:
    """Add the ``snap`` subcommand to an ``argparse`` subparsers object."""
    parser = subparsers.add_parser(
        "snap",
        help="move transcript times to where speech starts in the audio",
        description=(
            "Detect where speech starts after a pause in the episode's audio (PCM WAV) and "
            "move every timed line's sec/time to the nearest start within --max-shift "
            "seconds. Only the changed lines are rewritten, as in the window."
        ),
        epilog="Exit status: 0 done, 2 unreadable episode or audio.",
    )
    parser.add_argument("--audio", required=True, metavar="FILE.wav", help="the episode audio")
    parser.add_argument("episode", metavar="EPISODE.md", help="the episode file to change")
    parser.add_argument(
        "--max-shift",
        type=float,
        default=snap.DEFAULT_MAX_SHIFT,
        metavar="SECONDS",
        help="never move a time further than this (default: %(default)g)",
    )
    parser.add_argument(
        "--clips", action="store_true", help="snap the clips' start and end offsets too"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print what would move; change nothing"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    if args.max_shift < 0:
        err.write("--max-shift must be 0 or more seconds.\n")
        return EXIT_UNREADABLE
    try:
        document = Document.load(args.episode)
    except (DocumentError, OSError) as error:
        err.write(f"{args.episode}: cannot read the episode: {error}\n")
        return EXIT_UNREADABLE
    # numpy comes with the audio code: imported here, so other commands start without it.
    from editor.core.audio import ANALYSIS_RATE, AudioError, load_pcm, speech_onsets

    try:
        pcm = load_pcm(args.audio, max_rate=ANALYSIS_RATE)
    except AudioError as error:
        err.write(
            f"{args.audio}: {error} The command line reads PCM WAV; convert other formats "
            "first (for example: ffmpeg -i episode.mp3 episode.wav).\n"
        )
        return EXIT_UNREADABLE
    except OSError as error:
        err.write(f"{args.audio}: cannot read the audio: {error.strerror or error}\n")
        return EXIT_UNREADABLE
    onsets = speech_onsets(pcm.samples, pcm.rate)
    data = document.data
    clip_edges: list[tuple[int, str]] = []
    clips = data.get("quotableClips")
    if args.clips and isinstance(clips, list):
        clip_edges = [
            (i, edge) for i in range(len(clips)) for edge in (snap.CLIP_START, snap.CLIP_END)
        ]
    moves = snap.plan_snap(data, onsets, args.max_shift, clip_edges=clip_edges)
    items = data.get("transcript") if isinstance(data.get("transcript"), list) else []
    style = detect_time_style(items)
    for move in moves:
        out.write(snap.describe(move, style) + "\n")
    timed = len(snap.timed_rows(items))
    lines = sum(1 for move in moves if move.kind == snap.LINE)
    summary = f"{len(onsets)} speech starts found; moved {lines} of {timed} timed lines"
    if args.clips:
        summary += f" and {len(moves) - lines} clip edges"
    if args.dry_run:
        err.write(summary.replace("moved", "would move") + " (dry run: nothing saved).\n")
        return EXIT_DONE
    if moves:
        apply_episode_edits(data, snap.snap_edits(data, moves, style))
        try:
            document.save()
        except OSError as error:
            err.write(f"{args.episode}: cannot save: {error.strerror or error}\n")
            return EXIT_UNREADABLE
    err.write(summary + ".\n")
    return EXIT_DONE

"""``episode-editor export`` and ``episode-editor import-transcript`` (never imports Qt).

Exit status: 0 done, 1 done with problems reported (nothing to export, lines unmatched),
2 unreadable input or bad usage.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import Any, TextIO

from editor.core.episode import site
from editor.core.episode.fields import apply_episode_edits
from editor.core.episode.formats.cues import CueFileError, read_cue_file
from editor.core.episode.formats.export import EXPORT_FORMATS, ExportError, export_episode
from editor.core.episode.formats.importing import (
    DEFAULT_THRESHOLD,
    MERGE_CHOICES,
    MODES,
    parse_mapping,
    plan_import,
)
from editor.core.yaml.document import Document, atomic_write
from editor.core.yaml.errors import DocumentError

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2


def register(subparsers: Any) -> None:
    """Add the ``export`` and ``import-transcript`` subcommands to an argparse subparsers."""
    export = subparsers.add_parser(
        "export",
        help="write an episode's transcript, chapters or clips in a podcast format",
        description=(
            "Write the transcript, chapters or soundbites of EPISODE in FORMAT: vtt, srt, "
            "podcast-json, text, chapters-json, psc, youtube, soundbites."
        ),
    )
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS, dest="format")
    export.add_argument(
        "--from",
        dest="source",
        choices=("headers", "clips"),
        help="where chapters come from (chapters-json, psc: headers; youtube: clips)",
    )
    export.add_argument("-o", "--output", metavar="OUT", help="write here (default: stdout)")
    export.add_argument("episode", metavar="EPISODE.md")
    export.set_defaults(run=run_export)

    importer = subparsers.add_parser(
        "import-transcript",
        help="import a VTT, SRT or JSON transcript into an episode",
        description=(
            "Read a VTT, SRT, Podcasting 2.0 JSON or whisper/WhisperX JSON transcript into "
            "EPISODE: replace its transcript, or set the times of its lines (timings)."
        ),
    )
    importer.add_argument("--from", dest="source", required=True, metavar="FILE")
    importer.add_argument("--mode", choices=MODES, default="replace")
    importer.add_argument(
        "--speaker",
        action="append",
        default=[],
        metavar="LABEL=NAME",
        help="map a speaker label to a name, e.g. SPEAKER_00=Alexey (repeatable)",
    )
    importer.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help=f"timings: how alike (0-100) a line and a cue must be (default {DEFAULT_THRESHOLD})",
    )
    importer.add_argument(
        "--merge",
        choices=MERGE_CHOICES,
        default="auto",
        help="merge consecutive cues of one speaker into one line (auto: unless the file "
        "was written by episode-editor)",
    )
    importer.add_argument("--dry-run", action="store_true", help="print the diff, write nothing")
    importer.add_argument("episode", metavar="EPISODE.md")
    importer.set_defaults(run=run_import)


def run_export(
    args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    try:
        document = Document.load(args.episode)
    except DocumentError as exc:
        err.write(f"{args.episode}: error: {exc.message}\n")
        return EXIT_UNREADABLE
    try:
        result = export_episode(document.data, args.format, args.source)
    except ExportError as exc:
        err.write(f"{args.episode}: {exc}\n")
        return EXIT_PROBLEMS
    for note in result.notes:
        err.write(f"{args.episode}: note: {note}\n")
    if args.output:
        try:
            atomic_write(Path(args.output), result.text.encode("utf-8"))
        except OSError as exc:
            err.write(f"{args.output}: error: cannot write: {exc.strerror or exc}\n")
            return EXIT_UNREADABLE
    else:
        out.write(result.text)
    return EXIT_OK


def run_import(
    args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    try:
        mapping = parse_mapping(args.speaker)
    except ValueError as exc:
        err.write(f"error: {exc}\n")
        return EXIT_UNREADABLE
    try:
        document = Document.load(args.episode)
    except DocumentError as exc:
        err.write(f"{args.episode}: error: {exc.message}\n")
        return EXIT_UNREADABLE
    try:
        cue_file = read_cue_file(args.source)
    except CueFileError as exc:
        err.write(f"{args.source}: error: {exc}\n")
        return EXIT_UNREADABLE
    if not mapping:
        root = site.find_site_root(args.episode)
        labels = [label for label in cue_file.speakers() if label.startswith("SPEAKER_")]
        if labels:
            from editor.core.episode.formats.importing import suggest_mapping

            suggested = suggest_mapping(labels, document.data, root)
            hint = " ".join(f"--speaker {k}={v}" for k, v in suggested.items())
            err.write(f"{args.source}: note: no --speaker given; suggested: {hint}\n")
    plan = plan_import(
        document.data, cue_file, args.mode, mapping, threshold=args.threshold, merge=args.merge
    )
    before = document.to_text()
    apply_episode_edits(document.data, plan.edits)
    after = document.to_text()
    for line in plan.summary():
        err.write(f"{args.episode}: {line}\n")
    if args.dry_run:
        name = str(args.episode).lstrip("/")
        out.writelines(
            difflib.unified_diff(
                before.splitlines(keepends=True),
                after.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )
    elif after != before:
        try:
            document.save()
        except OSError as exc:
            err.write(f"{args.episode}: error: cannot write: {exc.strerror or exc}\n")
            return EXIT_UNREADABLE
    return EXIT_PROBLEMS if plan.unmatched else EXIT_OK

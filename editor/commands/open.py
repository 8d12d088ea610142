"""``episode-editor [open] [FILE | --sample]``: the editor window (the default command)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "open",
        help="open an episode in the editor window (the default: `episode-editor FILE`)",
        description="Open the editor window, on FILE if given.",
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument("file", nargs="?", metavar="FILE", help="the episode file to open")
    target.add_argument(
        "--sample",
        action="store_true",
        help="open a copy of the sample episode (and its site) in a new temporary folder",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=(
            "start the window, open and validate the file, then exit: 0 when that raised no "
            "exception and Qt printed no warning (for install checks; set "
            "QT_QPA_PLATFORM=offscreen to run it without a display)"
        ),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path: Path | None = Path(args.file) if args.file else None
    if args.sample:
        from editor.core.resources import copy_sample_site

        path = copy_sample_site()
        print(f"Opening a copy of the sample episode: {path}")
    from editor.qt.window.gui import run_gui

    return run_gui(path, self_test=args.self_test)

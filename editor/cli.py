"""The command line: ``episode-editor [--version] [COMMAND] ...`` (``python -m editor`` too).

Subcommands live in their own modules, listed in ``SUBCOMMANDS``; each has
``register(subparsers) -> None`` and sets ``parser.set_defaults(run=<callable(args) -> int>)``.
``open`` is the default: ``episode-editor FILE`` and ``episode-editor --sample`` open the
window. An unknown option or subcommand prints the usage and exits 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from editor import __version__
from editor.commands import check, formats, snap
from editor.commands import open as open_command

# Registering a command must not import Qt (``check`` stays headless): Qt is imported by the
# ``run`` callable of the commands that need it.
SUBCOMMANDS: tuple[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None], ...] = (
    open_command.register,
    check.register,
    formats.register,
    snap.register,
)
DEFAULT_SUBCOMMAND = "open"
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="episode-editor",
        description=(
            "Edit the YAML front matter of podcast episode files without rewriting what you "
            "did not touch. Without a command, `episode-editor [FILE]` opens the window."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    for register in SUBCOMMANDS:
        register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = with_default_command(list(sys.argv[1:] if argv is None else argv), parser)
    try:
        options = parser.parse_args(args)
    except SystemExit as exit_request:  # --help, --version or a usage error (exit 2)
        code = exit_request.code
        return code if isinstance(code, int) else EXIT_USAGE
    run = options.run
    status = run(options)
    return int(status)


def with_default_command(args: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """Puts ``open`` in front of arguments that name no command but a file or an option."""
    if not args:
        return [DEFAULT_SUBCOMMAND]
    first = args[0]
    if first in _command_names(parser) or first in ("-h", "--help", "--version"):
        return args
    if first.startswith("-") or _looks_like_path(first):
        return [DEFAULT_SUBCOMMAND, *args]
    return args  # an unknown word: argparse says "invalid choice" with the usage, exit 2


def _command_names(parser: argparse.ArgumentParser) -> set[str]:
    return {
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    }


def _looks_like_path(word: str) -> bool:
    path = Path(word)
    return "/" in word or "\\" in word or bool(path.suffix) or path.exists()

"""``episode-editor check [--json] PATH...``: validate episode files headless (never imports Qt).

Exit status: 0 when no file has errors (warnings are fine), 1 when some file has errors,
2 when a file cannot be read or a PATH does not exist. A file that is not an episode (a people
page, a page without episode keys: ``episode_files``) is named on stderr as not checked and
does not change the status: it is not an error in the site.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any, TextIO

from editor.core.episode.validation import Problem, season_episode_duplicates, validate
from editor.core.episode.validation.problem import ERROR, sort_key
from editor.core.files.episode_files import (
    NO_FRONT_MATTER,
    find_episode_files,
    left_out_summary,
    why_not_an_episode,
)
from editor.core.yaml.document import Document
from editor.core.yaml.errors import DocumentError

EXIT_CLEAN = 0
EXIT_ERRORS = 1
EXIT_UNREADABLE = 2

# Worker processes pay off from about this many files each (start-up is ~0.5 s).
FILES_PER_WORKER = 12
MAX_WORKERS = 8


@dataclass(eq=False)  # keyed by identity, like the Documents it stands in for
class EpisodeNumbers:
    """Season and episode of a checked file: stands in for its Document in the folder check."""

    data: dict[str, Any]
    path: Path | None
    position: tuple[int, int]

    def locate(self, _path: tuple[Any, ...]) -> tuple[int, int]:
        return self.position


@dataclass
class FileReport:
    """What checking one file found (picklable: files are checked in worker processes)."""

    path: Path
    shown: str
    problems: list[Problem] = field(default_factory=list)
    unreadable: tuple[str, int, int] | None = None  # message, line, column
    numbers: EpisodeNumbers | None = None


DESCRIPTION = (
    "Check podcast episode files for mistakes (missing speakers, times that disagree, "
    "broken links, clips outside the episode...). A PATH may be a file or a folder; "
    "folders are searched recursively for .md files whose front matter is an episode."
)
EPILOG = (
    "Exit status: 0 no errors (warnings allowed), 1 errors found, 2 unreadable file. "
    "A file that is not an episode (e.g. a people page) is named as not checked and "
    "does not change the exit status."
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check episode files and print path:line:col problems (no window)",
        description=DESCRIPTION,
        epilog=EPILOG,
    )
    _add_arguments(parser)
    parser.set_defaults(run=run)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="episode-editor check", description=DESCRIPTION, epilog=EPILOG
    )
    _add_arguments(parser)
    return parser


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print a JSON list of problems")
    parser.add_argument(
        "--site-root",
        metavar="FOLDER",
        help="the Jekyll site folder (default: found above each file, by _people/ or _config.yml)",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="episode files or folders")


def check_main(args: Sequence[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    parser = build_parser()
    try:
        options = parser.parse_args(list(args))
    except SystemExit as exit_request:  # --help or a usage error
        code = exit_request.code
        return code if isinstance(code, int) else EXIT_UNREADABLE
    return run(options, out, err)


def run(options: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    site_root = Path(options.site_root) if options.site_root else None

    files: list[Path] = []
    missing: list[str] = []
    not_episodes: list[str] = []  # notes for the files and folders that hold no episode
    for given in options.paths:
        target = Path(given)
        if not target.exists():
            missing.append(given)
            continue
        if not target.is_dir():
            why = why_not_an_episode(target)
            # A file named on purpose whose front matter is gone is a broken episode, not
            # another kind of page: checking it reports the error (a pre-commit hook must
            # block an episode whose opening '---' was deleted).
            if why is not None and why != NO_FRONT_MATTER:
                not_episodes.append(f"{given}: not an episode, not checked: {why}")
                continue
        found = find_episode_files(target)
        files.extend(found.episodes)
        if target.is_dir() and not found.episodes and found.left_out:
            not_episodes.append(
                f"{given}: no episodes here, nothing checked: {left_out_summary(found.left_out)}"
            )

    reports = _check_files(files, site_root)
    _add_folder_problems(reports)
    for note in not_episodes:
        err.write(note + "\n")
    _emit(reports, missing, options.json, out, err)

    if missing or any(r.unreadable is not None for r in reports):
        return EXIT_UNREADABLE
    if any(p.severity == ERROR for r in reports for p in r.problems):
        return EXIT_ERRORS
    return EXIT_CLEAN


def _check_files(files: list[Path], site_root: Path | None) -> list[FileReport]:
    """Checks ``files`` in order; many files are spread over worker processes.

    Loading dominates (about 0.1 s per large episode), so a site of hundreds of files gains
    almost a factor of the number of cores.
    """
    workers = min(os.cpu_count() or 1, MAX_WORKERS, len(files) // FILES_PER_WORKER)
    if workers >= 2:
        try:
            # "spawn": a forked copy of a process that runs Qt threads (tests) could deadlock.
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                return list(pool.map(_check_file, files, repeat(site_root), chunksize=4))
        except (OSError, BrokenProcessPool):  # no processes here (sandbox, /dev/shm): go on
            pass
    return [_check_file(path, site_root) for path in files]


def _check_file(path: Path, site_root: Path | None) -> FileReport:
    report = FileReport(path=path, shown=str(path))
    try:
        document = Document.load(path)
    except DocumentError as exc:
        report.unreadable = (exc.message, exc.line or 1, exc.column or 1)
        return report
    report.problems = validate(document, site_root=site_root)
    data = document.data if isinstance(document.data, dict) else {}
    report.numbers = EpisodeNumbers(
        {"season": data.get("season"), "episode": data.get("episode")},
        path,
        document.locate(("episode",)),
    )
    return report


def _add_folder_problems(reports: list[FileReport]) -> None:
    by_numbers = {id(r.numbers): r for r in reports if r.numbers is not None}
    duplicates = season_episode_duplicates(r.numbers for r in reports if r.numbers is not None)
    for numbers, problems in duplicates.items():
        report = by_numbers[id(numbers)]
        report.problems = sorted([*report.problems, *problems], key=sort_key)


def _emit(
    reports: list[FileReport], missing: list[str], as_json: bool, out: TextIO, err: TextIO
) -> None:
    if as_json:
        rows: list[dict[str, Any]] = [
            _json_row(name, 1, 1, "document.not-found", "The path does not exist.")
            for name in missing
        ]
        for report in reports:
            if report.unreadable is not None:
                rows.append(_unreadable_row(report))
            rows.extend(problem.to_json(report.shown) for problem in report.problems)
        json.dump(rows, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    for name in missing:
        err.write(f"{name}: error: the path does not exist [document.not-found]\n")
    for report in reports:
        if report.unreadable is not None:
            row = _unreadable_row(report)
            out.write(
                f"{row['path']}:{row['line']}:{row['column']}: error: {row['message']} "
                f"[{row['rule']}]\n"
            )
        for problem in report.problems:
            out.write(
                f"{report.shown}:{problem.line}:{problem.column}: {problem.severity}: "
                f"{problem.message} [{problem.rule}]\n"
            )
    errors = sum(1 for r in reports for p in r.problems if p.severity == ERROR)
    warnings = sum(1 for r in reports for p in r.problems if p.severity != ERROR)
    unreadable = sum(1 for r in reports if r.unreadable is not None) + len(missing)
    summary = f"{len(reports)} file{'s' if len(reports) != 1 else ''} checked: "
    summary += f"{errors} error{'s' if errors != 1 else ''}, "
    summary += f"{warnings} warning{'s' if warnings != 1 else ''}"
    if unreadable:
        summary += f", {unreadable} unreadable"
    err.write(summary + "\n")


def _unreadable_row(report: FileReport) -> dict[str, Any]:
    assert report.unreadable is not None
    message, line, column = report.unreadable
    return _json_row(report.shown, line, column, "document.unreadable", message)


def _json_row(path: str, line: int, column: int, rule: str, message: str) -> dict[str, Any]:
    return {
        "path": path,
        "line": line,
        "column": column,
        "severity": ERROR,
        "rule": rule,
        "message": message,
    }

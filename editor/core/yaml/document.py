"""An episode file: front matter loaded for round-trip editing, body kept verbatim."""

from __future__ import annotations

import contextlib
import gc
import os
import stat
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import MarkedYAMLError, ReusedAnchorWarning, YAMLError

from editor.core.yaml.edits import DataPath
from editor.core.yaml.errors import DocumentError
from editor.core.yaml.frontmatter import split_front_matter
from editor.core.yaml.loader import MAX_DEPTH, TooLarge, compose_and_construct
from editor.core.yaml.render import DEFAULT_WIDTH, fingerprint, render_front_matter
from editor.core.yaml.sourcemap import SourceMap, build_source_map

# Lists whose items the change summary follows by identity (see ``LoadedItem``).
ITEM_LISTS = ("transcript", "quotableClips")

# Limits that keep a hostile file from freezing the window. The number of values is what
# costs time and memory (``loader.MAX_NODES``, counted while reading); this cap only stops
# text far beyond what that many real values take: 60,000 real transcript items are 21 MB.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_FRONT_MATTER_CHARS = 32_000_000


class Document:
    """The single source of truth for one episode file.

    Edit ``data`` in place (it is a ruamel ``CommentedMap``); ``to_text()`` writes back only
    what differs from what was loaded and copies everything else from the original text.
    """

    def __init__(self, text: str, path: Path | None = None) -> None:
        split = split_front_matter(text)
        self.path = path
        self.original_text = text
        self._prefix = split.prefix
        self._closing = split.closing
        self._front_matter = split.front_matter
        self.front_matter_line = split.front_matter_line
        self.body = split.body
        self.line_width = DEFAULT_WIDTH  # where new or rewritten long text is folded
        self.data: CommentedMap = self._parse(split.front_matter)
        self._remember_baseline(text)

    # -- loading -----------------------------------------------------------------------

    @classmethod
    def from_text(cls, text: str, path: Path | None = None) -> Document:
        try:
            return cls(text, path)
        except DocumentError:
            raise
        except RecursionError:
            raise DocumentError("The front matter is nested too deeply to open.") from None
        except Exception as exc:  # nothing but DocumentError may escape: see the docstring
            raise DocumentError(f"The file cannot be read: {exc}") from None

    @classmethod
    def from_bytes(cls, raw: bytes, path: Path | None = None) -> Document:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            line_start = raw.rfind(b"\n", 0, exc.start) + 1
            column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
            raise DocumentError(
                f"The file is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}).",
                line=line,
                column=column,
            ) from None
        if "\x00" in text:
            nul = text.index("\x00")
            raise DocumentError(
                "The file is binary, not text (it contains NUL bytes).",
                line=text.count("\n", 0, nul) + 1,
                column=nul - (text.rfind("\n", 0, nul) + 1) + 1,
            )
        return cls.from_text(text, path)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Document:
        file_path = Path(path)
        return cls.from_bytes(read_episode_bytes(file_path), file_path)

    def _parse(self, front_matter: str) -> CommentedMap:
        if len(front_matter) > MAX_FRONT_MATTER_CHARS:
            raise DocumentError(
                f"The front matter is {len(front_matter):,} characters long; the editor opens "
                f"front matter up to {MAX_FRONT_MATTER_CHARS:,} characters.",
                line=self.front_matter_line,
            )
        try:
            with warnings.catch_warnings(), _collector_paused():
                # Duplicate anchors are legal YAML 1.1 (the later one wins); don't print them.
                warnings.simplefilter("ignore", ReusedAnchorWarning)
                parsed = compose_and_construct(front_matter)
                source_map = (
                    build_source_map(front_matter, parsed)
                    if isinstance(parsed.data, CommentedMap)
                    else None
                )
        except TooLarge as exc:
            raise DocumentError(str(exc), line=self.front_matter_line) from None
        except MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = self.front_matter_line + (mark.line if mark else 0)
            column = (mark.column if mark else 0) + 1
            problem = exc.problem or exc.context or "invalid YAML"
            if problem.startswith("maximum depth"):
                problem = f"the front matter is nested more than {MAX_DEPTH} levels deep"
            raise DocumentError(
                f"YAML syntax error: {problem}.", line=line, column=column
            ) from None
        except YAMLError as exc:
            raise DocumentError(f"YAML error: {exc}", line=self.front_matter_line) from None
        if parsed.data is None:
            data = CommentedMap()
            self._source_map: SourceMap | None = None
        elif not isinstance(parsed.data, CommentedMap):
            raise DocumentError(
                "The front matter must be a mapping of keys to values "
                f"(it is a {type(parsed.data).__name__}).",
                line=self.front_matter_line,
            )
        else:
            data = parsed.data
            self._source_map = source_map
        return data

    # -- writing -----------------------------------------------------------------------

    def front_matter_text(self) -> str:
        """The YAML between the '---' lines as it should be written now."""
        return render_front_matter(
            self.data, self._source_map, self._front_matter, width=self.line_width
        )

    def to_text(self) -> str:
        return self._prefix + self.front_matter_text() + self._closing + self.body

    def is_unchanged(self) -> bool:
        return self.to_text() == self.original_text

    def save(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write atomically: a temp file in the same folder, fsync, then rename over."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("The document has no path; give one to save().")
        text = self.to_text()
        atomic_write(target, text.encode("utf-8"))
        self.path = target
        self._remember_baseline(text)
        return target

    # -- what the file held when it was loaded or last saved ---------------------------

    def _remember_baseline(self, text: str) -> None:
        """Note the text on disk and the items of the transcript and clips as they are now.

        The editor's commands move, insert and remove these very objects and edit their
        fields in place, so the change summary can tell what happened to each item.
        """
        self.baseline_text = text
        self.baseline_items: dict[str, list[LoadedItem]] = {}
        memo: dict[int, Any] = {}
        for key in ITEM_LISTS:
            items = self.data.get(key)
            if not isinstance(items, list) or len({id(i) for i in items}) != len(items):
                continue
            self.baseline_items[key] = [LoadedItem.capture(item, memo) for item in items]

    # -- locations -----------------------------------------------------------------------

    def locate(self, path: DataPath) -> tuple[int, int]:
        """1-based (line, column) in the file where the value at ``path`` was loaded from.

        For paths that did not exist when the file was loaded, the nearest loaded ancestor.
        """
        if self._source_map is None:
            return (self.front_matter_line, 1)
        line, column = self._source_map.locate(path)
        return (self.front_matter_line + line, column + 1)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold off Python's cycle collector while a front matter is read.

    Reading makes hundreds of thousands of objects that all stay alive; each full collection
    on the way walks all of them again, which made opening grow faster than the text (10,000
    items took 2.4x as long as 5,000). Garbage made meanwhile is collected afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True)
class LoadedItem:
    """One item of a list as it was on disk: the object itself and its fields then."""

    obj: Any
    values: dict[Any, Any]  # the fields' values then (the object may have changed since)
    prints: dict[Any, Any]  # their fingerprints, to compare containers edited in place

    @classmethod
    def capture(cls, item: Any, memo: dict[int, Any]) -> LoadedItem:
        if not isinstance(item, dict):
            return cls(item, {}, {})
        values = dict(item)
        return cls(item, values, {k: fingerprint(v, memo) for k, v in values.items()})


def read_episode_bytes(file_path: Path) -> bytes:
    """The bytes of a regular file; anything else (folder, FIFO, device) is a ``DocumentError``.

    Opening non-blocking and checking the open descriptor means a FIFO cannot block the
    window and ``/dev/zero`` cannot fill the memory.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(file_path, flags)
    except IsADirectoryError:
        raise DocumentError(f"{file_path} is a folder, not an episode file.") from None
    except OSError as exc:
        raise DocumentError(f"{file_path} cannot be read: {exc.strerror or exc}.") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError(f"{file_path} is a folder, not an episode file.")
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError(f"{file_path} is not a regular file.")
        if info.st_size > MAX_FILE_BYTES:
            raise DocumentError(
                f"{file_path} is {info.st_size / 2**20:.0f} MB; the editor opens files up to "
                f"{MAX_FILE_BYTES // 2**20} MB."
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DocumentError(f"{file_path} cannot be read: {exc.strerror or exc}.") from None
    finally:
        os.close(fd)


def atomic_write(target: Path, payload: bytes) -> None:
    """Replace ``target`` with ``payload`` so a crash leaves the old or the new file, whole."""
    folder = target.parent if str(target.parent) else Path(".")
    try:
        mode: int | None = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp_name, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)

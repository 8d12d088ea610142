"""Hostile input: nothing may crash the editor, hang it, or make it run anything.

Every check runs under a time budget (``time_budget``): a hang fails the test instead of
stalling the suite. The budgets are generous hang guards, not performance assertions.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import os
import re
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from conftest import PROJECT_ROOT, SHARED

from editor.core import Document, DocumentError
from editor.core.episode.links import is_safe_url

YAML_SUITE = SHARED / "yaml-test-suite"
ODD_FILES = SHARED / "corpus" / "odd"


class BudgetExceeded(Exception):
    pass


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Fail with ``BudgetExceeded`` if the block runs longer than ``seconds`` (a hang guard)."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise BudgetExceeded(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def shared_files(folder: Path, pattern: str) -> list[Path]:
    files = sorted(folder.glob(pattern))
    if not files and os.environ.get("CI") == "true":
        raise RuntimeError(f"The shared test data is missing: {folder} is empty or absent.")
    return files


def wrap_as_front_matter(case: bytes) -> bytes:
    if case and not case.endswith(b"\n"):
        case += b"\n"
    return b"---\n" + case + b"---\nThe body.\n"


def assert_clear_error(error: DocumentError) -> None:
    assert error.line >= 1 and error.column >= 1
    assert error.message.strip()
    assert "Traceback" not in error.message


def open_or_error(raw: bytes, budget: float = 5.0) -> Document | DocumentError:
    with time_budget(budget):
        try:
            return Document.from_bytes(raw)
        except DocumentError as error:
            assert_clear_error(error)
            return error


# -- the YAML test suite -----------------------------------------------------------------

SUITE_CASES = shared_files(YAML_SUITE, "*.yaml")


@pytest.mark.skipif(not SUITE_CASES, reason="../shared/yaml-test-suite is not present")
def test_every_yaml_suite_case_opens_or_reports_line_and_column() -> None:
    opened, refused, crashed = [], [], []
    for case in SUITE_CASES:
        try:
            result = open_or_error(wrap_as_front_matter(case.read_bytes()))
        except BudgetExceeded:
            crashed.append(f"{case.name}: hang")
            continue
        except Exception as exc:
            crashed.append(f"{case.name}: {type(exc).__name__}: {exc}")
            continue
        (refused if isinstance(result, DocumentError) else opened).append(case.name)
    assert crashed == []
    # The sweep really ran both ways. (Not every *.error case is refused: some are only
    # invalid in YAML 1.2, and a '---' line inside a case ends the front matter early.)
    assert len(opened) >= 50 and len(refused) >= 50


@pytest.mark.skipif(not SUITE_CASES, reason="../shared/yaml-test-suite is not present")
def test_every_yaml_suite_case_that_opens_round_trips_byte_identically() -> None:
    differs = []
    for case in SUITE_CASES:
        raw = wrap_as_front_matter(case.read_bytes())
        result = open_or_error(raw)
        if isinstance(result, Document):
            with time_budget(5.0):
                written = result.to_text().encode("utf-8")
            if written != raw:
                differs.append(case.name)
    assert differs == []


def test_error_position_points_at_the_bad_line() -> None:
    raw = b"---\ntitle: ok\nguests: [ada, grace\nduration: 1\n---\nbody\n"
    error = open_or_error(raw)
    assert isinstance(error, DocumentError)
    assert error.line in (3, 4, 5)
    raw = b"---\ntitle: ok\n  bad: indent\n---\n"
    error = open_or_error(raw)
    assert isinstance(error, DocumentError)
    assert error.line == 3


# -- bytes that are not episode text ------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        b"---\ntitle: \x00\x01\x02\n---\n",
        bytes(range(256)) * 64,
        b"\x7fELF\x02\x01\x01" + b"\x00" * 100,
        b"PK\x03\x04" + os.urandom(4096),
    ],
    ids=["png", "nul-in-front-matter", "all-bytes", "elf", "zip"],
)
def test_binary_files_are_refused(raw: bytes) -> None:
    assert isinstance(open_or_error(raw), DocumentError)


def test_non_utf8_bytes_report_the_line_and_character_column() -> None:
    raw = "---\ntitle: Tïde\n".encode() + b"subtitle: caf\xe9\n---\n"
    error = open_or_error(raw)
    assert isinstance(error, DocumentError)
    assert (error.line, error.column) == (3, 14)
    assert "UTF-8" in error.message
    latin1 = "---\ntïtle: x\n---\n".encode("latin-1")
    error = open_or_error(latin1)
    assert isinstance(error, DocumentError)
    assert (error.line, error.column) == (2, 2)


def test_utf16_file_is_refused() -> None:
    raw = "---\ntitle: x\n---\n".encode("utf-16")
    assert isinstance(open_or_error(raw), DocumentError)


# -- size and depth -----------------------------------------------------------------------


def test_50_mb_body_opens_and_round_trips() -> None:
    line = "A long transcript paragraph that goes on and on about tide charts.\n"
    text = "---\ntitle: Big\n---\n" + line * (50_000_000 // len(line))
    with time_budget(20):
        document = Document.from_text(text)
        assert document.data["title"] == "Big"
        assert document.body == text[len("---\ntitle: Big\n---\n") :]
        assert document.to_text() == text


def test_50_mb_front_matter_is_refused_quickly() -> None:
    item = "- {line: Something said on the show, sec: 12, who: ada}\n"
    text = "---\ntranscript:\n" + item * (50_000_000 // len(item)) + "---\n"
    with time_budget(30), pytest.raises(DocumentError) as caught:
        Document.from_text(text)
    assert "characters" in caught.value.message
    assert_clear_error(caught.value)


@pytest.mark.parametrize(
    "front_matter",
    [
        "x: [" + "1," * 600_000 + "1]\n",
        "x:\n" + "- a\n" * 600_000,
        "x: &a [" + "1," * 600_000 + "*a]\n",
    ],
    ids=["flow-ints", "block-items", "with-an-alias"],
)
def test_front_matter_with_too_many_values_is_refused_quickly(front_matter: str) -> None:
    # Under the character cap, but dense: opening it in full takes a minute and gigabytes.
    from editor.core.yaml.loader import MAX_NODES

    assert front_matter.count("1") + front_matter.count("a") > MAX_NODES
    with time_budget(30), pytest.raises(DocumentError) as caught:
        Document.from_text("---\n" + front_matter + "---\n")
    assert "more than" in caught.value.message and "values" in caught.value.message
    assert_clear_error(caught.value)


def test_front_matter_of_10_000_long_items_opens_and_round_trips() -> None:
    # 4 MB of honest text, twice what the editor used to refuse by size.
    words = "Tide charts and lamp oil, said the keeper - it is all about the weather today. " * 4
    items = "".join(
        f"- line: {words[: 300 + index % 40]}\n  sec: {index}\n  time: '{index}'\n  who: Ada\n"
        for index in range(10_000)
    )
    text = "---\ntitle: Long\ntranscript:\n" + items + "---\nbody\n"
    assert len(text) > 3_500_000
    with time_budget(30):
        document = Document.from_text(text)
        assert len(document.data["transcript"]) == 10_000
        assert document.to_text() == text


def test_large_front_matter_that_needs_the_pure_reader_is_refused_with_a_reason() -> None:
    # An anchor keeps it off the libyaml fast path; ruamel's pure reader takes 0.3 MB/s.
    text = "---\nx: &a 1\ny: *a\nz: '" + "lamp oil " * 300_000 + "'\n---\n"
    with time_budget(30), pytest.raises(DocumentError) as caught:
        Document.from_text(text)
    assert "anchors" in caught.value.message
    assert_clear_error(caught.value)


def test_syntax_error_in_large_front_matter_is_reported_with_its_line() -> None:
    items = "".join(f"- line: Said {index}\n  who: Ada\n" for index in range(80_000))
    text = "---\ntranscript:\n" + items + "  bad: [unclosed\n---\n"
    assert len(text) > 2_000_000
    with time_budget(30), pytest.raises(DocumentError) as caught:
        Document.from_text(text)
    assert caught.value.line >= 160_000
    assert "syntax error" in caught.value.message
    assert_clear_error(caught.value)


@pytest.mark.parametrize(
    "front_matter",
    [
        "x: " + "[" * 100_000 + "]" * 100_000,
        "x: " + "{a: " * 5_000 + "1" + "}" * 5_000,
        "".join(" " * i + "a:\n" for i in range(400)) + " " * 400 + "b\n",
        "x:\n" + "".join(" " * i + "-\n" for i in range(1, 400)),
        "x: " + "[" * 50_000,
    ],
    ids=["flow-seq-100k", "flow-map-5k", "block-map-400", "block-seq-400", "unclosed-50k"],
)
def test_deeply_nested_front_matter_is_refused_with_a_position(front_matter: str) -> None:
    raw = ("---\n" + front_matter + "\n---\n").encode()
    result = open_or_error(raw, budget=10)
    assert isinstance(result, DocumentError)


def test_moderately_nested_front_matter_opens() -> None:
    text = "---\nx: " + "[" * 150 + "]" * 150 + "\n---\n"
    result = open_or_error(text.encode())
    assert isinstance(result, Document)


def billion_laughs(levels: int = 30, fan_out: int = 10) -> str:
    """``levels`` anchors, each a list of ``fan_out`` aliases of the previous one."""
    lines = ["---", 'lol0: &lol0 ["lol", "lol"]']
    for level in range(1, levels):
        aliases = ", ".join([f"*lol{level - 1}"] * fan_out)
        lines.append(f"lol{level}: &lol{level} [{aliases}]")
    lines += ["title: Laughs", "---", "body", ""]
    return "\n".join(lines)


def test_alias_bomb_opens_without_expanding_aliases() -> None:
    # 10**30 leaves: any code that walks the expanded tree never finishes.
    text = billion_laughs()
    with time_budget(2.0):
        document = Document.from_text(text)
    assert document.data["title"] == "Laughs"
    # Aliases stay shared objects, not copies.
    assert document.data["lol5"][0] is document.data["lol5"][1]
    with time_budget(2.0):
        assert document.to_text() == text
    document.data["title"] = "Edited"
    with time_budget(2.0):
        assert "title: Edited" in document.to_text()


def test_validation_of_an_alias_bomb_does_not_expand_it() -> None:
    from editor.core.episode.validation import validate

    document = Document.from_text(billion_laughs())
    with time_budget(2.0):
        validate(document)


def test_change_review_of_an_alias_bomb_does_not_expand_it() -> None:
    from editor.core.files.changes import review

    text = billion_laughs(levels=12)
    document = Document.from_text(text)
    document.data["title"] = "Edited"
    with time_budget(2.0):
        report = review(document, text)
    assert "title changed" in report.summary[0]


# -- tags that must never be constructed --------------------------------------------------


class _ImportSpy(importlib.abc.MetaPathFinder):
    def __init__(self) -> None:
        self.asked: list[str] = []

    def find_spec(self, fullname: str, path: object, target: object = None) -> None:
        self.asked.append(fullname)
        return None


@pytest.mark.parametrize(
    "value",
    [
        '!!python/object/apply:os.system ["touch {marker}"]',
        "!!python/object/apply:subprocess.check_call [[touch, {marker}]]",
        '!!python/object/new:os.system ["touch {marker}"]',
        "!!python/name:hostile_probe_module.boom",
        "!!python/module:hostile_probe_module",
        "!!python/object:hostile_probe_module.Thing {{path: {marker}}}",
        "!<tag:yaml.org,2002:python/object/apply:os.system> [touch {marker}]",
        "!ruby/object:Gem::Installer {{i: x}}",
        "!!binary aGVsbG8=",
        "!custom {{a: 1}}",
    ],
)
def test_unknown_tags_are_never_constructed(value: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    spy = _ImportSpy()
    sys.meta_path.insert(0, spy)
    try:
        text = f"---\ntitle: x\nevil: {value.format(marker=marker)}\n---\n"
        result = open_or_error(text.encode())
    finally:
        sys.meta_path.remove(spy)
    assert not marker.exists()
    assert "hostile_probe_module" not in sys.modules
    assert not [name for name in spy.asked if "hostile_probe" in name]
    if isinstance(result, Document):
        evil = result.data["evil"]
        assert not callable(evil)
        assert type(evil).__module__.startswith(("ruamel", "builtins"))
        with time_budget(5.0):
            assert result.to_text() == text
        assert not marker.exists()


# -- paths that are not readable episode files -------------------------------------------


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with time_budget(5), pytest.raises(DocumentError) as caught:
        Document.load(tmp_path)
    assert "folder" in caught.value.message


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as caught:
        Document.load(tmp_path / "nope.md")
    assert "cannot be read" in caught.value.message


def test_a_fifo_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "episode.md"
    os.mkfifo(fifo)
    with time_budget(5), pytest.raises(DocumentError) as caught:
        Document.load(fifo)
    assert "not a regular file" in caught.value.message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_an_endless_device_is_refused() -> None:
    with time_budget(5), pytest.raises(DocumentError):
        Document.load("/dev/zero")


def test_unreadable_file_permission_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Works as root too: the permission error is raised where the file is opened.
    target = tmp_path / "episode.md"
    target.write_text("---\ntitle: x\n---\n")
    real_open = os.open

    def denied(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == target:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(DocumentError) as caught:
        Document.load(target)
    assert "Permission denied" in caught.value.message


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads mode 000")
def test_chmod_000_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "episode.md"
    target.write_text("---\ntitle: x\n---\n")
    target.chmod(0)
    try:
        with pytest.raises(DocumentError):
            Document.load(target)
    finally:
        target.chmod(0o644)


ODD = shared_files(ODD_FILES, "*.md")


@pytest.mark.corpus
@pytest.mark.skipif(not ODD, reason="../shared/corpus/odd is not present")
@pytest.mark.parametrize("path", ODD, ids=[p.name for p in ODD])
def test_odd_corpus_files_open_or_report(path: Path) -> None:
    with time_budget(5):
        try:
            document = Document.load(path)
        except DocumentError as error:
            assert_clear_error(error)
        else:
            assert document.to_text() == document.original_text


# -- links and execution ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://datatalks.club/podcast.html",
        "http://example.com",
        "HTTPS://EXAMPLE.COM/a?b=c#d",
        "  https://example.com/with-spaces-around  ",
    ],
)
def test_web_links_are_safe(url: str) -> None:
    assert is_safe_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "smb://server/share",
        "ms-msdt:/id PCWDiagnostic",
        "vscode://file/etc/passwd",
        "/etc/passwd",
        "~/episode.md",
        "C:\\Windows\\System32\\calc.exe",
        "https:/missing-host",
        "https://",
        "https://exa mple.com",
        "https://example.com\n.evil",
        "https://example.com\\@evil",
        "http://[::1",
        "",
        None,
        42,
    ],
)
def test_other_links_are_refused(url: object) -> None:
    assert not is_safe_url(url)


def test_open_link_refuses_unsafe_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QDesktopServices

    from editor.qt.common.links import open_link

    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True
    )
    assert not open_link("file:///etc/passwd")
    assert not open_link("javascript:alert(1)")
    assert opened == []
    assert open_link("https://example.com/x")
    assert opened == ["https://example.com/x"]


_FORBIDDEN = re.compile(
    r"\bsubprocess\b|\bos\.(system|popen|exec\w*|spawn\w*|startfile)\b|(?<![.\w])eval\(|"
    r"(?<![.\w])exec\(|shell\s*=\s*True|\bQProcess\b|\bpickle\b|__import__|"
    r"typ\s*=\s*[\"'](unsafe|full)[\"']|"
    r"\bimportlib\b(?!\.resources\b)"  # reading the package's own data files is fine
)


def test_nothing_from_a_document_is_executed_or_passed_to_a_shell() -> None:
    offenders = []
    for source in sorted((PROJECT_ROOT / "editor").rglob("*.py")):
        text = source.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            if _FORBIDDEN.search(line):
                offenders.append(f"{source.relative_to(PROJECT_ROOT)}:{number}: {line.strip()}")
    assert offenders == []


# -- the window -----------------------------------------------------------------------------


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_window_opens_an_alias_bomb_without_expanding_it(
    qtbot, settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Every view (metadata fields and "other fields" tree, clips, transcript, problems)
    must walk shared (aliased) values once, not once per alias."""
    from PySide6.QtWidgets import QMessageBox

    from editor.app import MainWindow

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    bomb = tmp_path / "laughs.md"
    bomb.write_text(billion_laughs(), encoding="utf-8")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    with time_budget(5.0):
        assert window.open_path(bomb)
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            qtbot.wait(10)
        window.session.set_value(("title",), "Still responsive")
        qtbot.wait(10)
    assert window.document is not None
    assert window.document.data["title"] == "Still responsive"

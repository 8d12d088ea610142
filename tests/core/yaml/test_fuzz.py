"""Property-based fuzzing of the front-matter splitter, loading and the time parsers.

CI runs a bounded number of examples (well under 30 s in total). For a long local run set
``EPISODE_FUZZ_EXAMPLES`` (see docs/fuzzing.md), e.g. ``EPISODE_FUZZ_EXAMPLES=20000``.
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from editor.core import Document, DocumentError
from editor.core.episode.timecode import (
    TimeFormatError,
    format_chapter_time,
    format_hms,
    format_iso_duration,
    format_time,
    is_clock_time,
    parse_iso_duration,
    parse_time,
)
from editor.core.yaml.frontmatter import BOM, split_front_matter

_SCALE = int(os.environ.get("EPISODE_FUZZ_EXAMPLES", "0"))


def fuzz(ci_examples: int) -> settings:
    """CI: ``ci_examples``; a local run raises every test to EPISODE_FUZZ_EXAMPLES."""
    return settings(
        max_examples=max(ci_examples, _SCALE),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        derandomize=_SCALE == 0,  # CI is reproducible; local runs explore new inputs
    )


LINE_BREAKS = st.sampled_from(["\n", "\r\n"])
TEXT_CHARS = st.characters(blacklist_categories=("Cs",))
_CLOSING_LINE = re.compile(r"(?:---|\.\.\.)[ \t]*\r?")


def _is_closing_line(line: str) -> bool:
    return _CLOSING_LINE.fullmatch(line) is not None


# -- the splitter -------------------------------------------------------------------------


@fuzz(400)
@given(st.text(TEXT_CHARS, max_size=300))
@example("---\n---\n")
@example("---\r\n...")
@example("\ufeff---\nx: 1\n---")
@example("--- \n---\n---\n")
@example("---\nx\n---")
def test_splitter_returns_the_whole_text_or_a_positioned_error(text: str) -> None:
    try:
        split = split_front_matter(text)
    except DocumentError as error:
        assert error.line >= 1 and error.column >= 1
        return
    assert split.prefix + split.front_matter + split.closing + split.body == text
    assert split.prefix.lstrip(BOM).startswith("---")
    assert split.closing.startswith(("---", "..."))
    # The closing line is the first one: no earlier front matter line could have closed it.
    assert not any(_is_closing_line(line) for line in split.front_matter.split("\n")[:-1])


front_matter_lines = st.lists(
    st.text(TEXT_CHARS, max_size=40).filter(
        lambda s: "\n" not in s and "\r" not in s and not _is_closing_line(s)
    ),
    max_size=8,
)


@fuzz(300)
@given(
    bom=st.booleans(),
    opening_spaces=st.sampled_from(["", " ", "\t "]),
    eol=LINE_BREAKS,
    lines=front_matter_lines,
    closing=st.sampled_from(["---", "...", "--- "]),
    body=st.text(TEXT_CHARS, max_size=200),
)
def test_splitter_finds_the_front_matter_it_was_given(
    bom: bool,
    opening_spaces: str,
    eol: str,
    lines: list[str],
    closing: str,
    body: str,
) -> None:
    front_matter = "".join(line + eol for line in lines)
    text = (BOM if bom else "") + "---" + opening_spaces + eol + front_matter + closing + eol
    text += body
    split = split_front_matter(text)
    assert split.front_matter == front_matter
    assert split.body == body
    assert split.has_bom == bom


# -- loading anything ---------------------------------------------------------------------


@fuzz(300)
@given(st.binary(max_size=400))
@example(b"---\n\xff\n---\n")
@example(b"---\n\x00\n---\n")
def test_any_bytes_open_or_raise_document_error(raw: bytes) -> None:
    try:
        Document.from_bytes(raw)
    except DocumentError as error:
        assert error.line >= 1 and error.column >= 1


YAMLISH = st.lists(
    st.sampled_from(
        [
            "title: x",
            "key: 'quoted'",
            'key: "dq \\u00e9"',
            "- item",
            "  - nested",
            "  key: value",
            "? complex",
            ": value",
            "&a anchor: 1",
            "alias: *a",
            "tag: !!str 1",
            "evil: !!python/object/apply:os.system [true]",
            "folded: >",
            "literal: |-",
            "  text",
            "# comment",
            "",
            "[flow, seq]",
            "{flow: map}",
            "%TAG ! tag:x,2000:",
            "---",
            "...",
            "\t tab",
            "date: 2024-01-01",
            "bad: [unclosed",
            "dup: 1",
            "dup: 2",
        ]
    ),
    max_size=12,
)


@fuzz(300)
@given(lines=YAMLISH, eol=LINE_BREAKS, body=st.text(TEXT_CHARS, max_size=50))
def test_yaml_like_front_matter_opens_or_raises_document_error(
    lines: list[str], eol: str, body: str
) -> None:
    text = "---" + eol + "".join(line + eol for line in lines) + "---" + eol + body
    try:
        Document.from_text(text)
    except DocumentError as error:
        assert error.line >= 1 and error.column >= 1


# -- time parsers -------------------------------------------------------------------------

SECONDS = st.integers(min_value=0, max_value=10 * 86400)


@fuzz(500)
@given(SECONDS)
def test_every_time_format_parses_back(seconds: int) -> None:
    assert parse_time(format_time(seconds)) == seconds
    assert parse_time(format_hms(seconds)) == seconds
    assert parse_time(format_chapter_time(seconds)) == seconds
    assert parse_time(format_iso_duration(seconds)) == seconds
    assert parse_iso_duration(format_iso_duration(seconds)) == seconds
    assert parse_time(str(seconds)) == seconds
    assert parse_time(seconds) == seconds
    assert is_clock_time(format_time(seconds))
    assert is_clock_time(format_hms(seconds))


@fuzz(300)
@given(
    hours=st.integers(0, 99),
    minutes=st.integers(0, 59),
    seconds=st.integers(0, 59),
)
def test_clock_times_parse_to_their_seconds(hours: int, minutes: int, seconds: int) -> None:
    total = hours * 3600 + minutes * 60 + seconds
    assert parse_time(f"{hours}:{minutes:02d}:{seconds:02d}") == total
    assert parse_time(f"PT{hours}H{minutes}M{seconds}S") == total
    if hours == 0:
        assert parse_time(f"{minutes}:{seconds:02d}") == total
        assert format_time(total) == f"{minutes}:{seconds:02d}"


TIMEISH = st.one_of(
    st.text(TEXT_CHARS, max_size=30),
    st.text(st.sampled_from("0123456789:.PTHMSD-+ ²٣"), max_size=30),
    st.text(st.sampled_from("0123456789"), min_size=4000, max_size=6000),
    st.builds(lambda d: f"PT{d}H", st.text(st.sampled_from("0123456789"), min_size=300)),
)


@fuzz(500)
@given(TIMEISH)
@example("²")
@example("9" * 5000)
@example("PT" + "9" * 400 + "H")
def test_time_parsers_return_seconds_or_time_format_error(text: str) -> None:
    try:
        value = parse_time(text)
    except TimeFormatError:
        pass
    else:
        assert isinstance(value, int) and value >= 0
    try:
        value = parse_iso_duration(text)
    except TimeFormatError:
        pass
    else:
        assert isinstance(value, int) and value >= 0
    assert is_clock_time(text) in (True, False)


@fuzz(300)
@given(
    lines=YAMLISH,
    eol=LINE_BREAKS,
    before=st.sampled_from(["", "\ufeff"]),
    body=st.text(TEXT_CHARS, max_size=80),
)
def test_unedited_documents_write_back_byte_identically(
    lines: list[str], eol: str, before: str, body: str
) -> None:
    text = before + "---" + eol + "".join(line + eol for line in lines) + "---" + eol + body
    try:
        document = Document.from_text(text)
    except DocumentError:
        return
    assert document.to_text() == text

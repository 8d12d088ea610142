"""Writing YAML scalars the way the episode files were written (PyYAML's style).

The corpus was produced by PyYAML (width 80, 4-space continuation lines inside list items)
and then edited by hand. New or changed values are written with the same folding rules so
they look like their neighbours. The scalar writers are a port of PyYAML's emitter
(MIT licence), with its rule that a fold never happens inside a run of spaces, so reading
the text back never loses a space.

Every plain scalar this module writes reads back as a string under both YAML 1.1 (Jekyll)
and YAML 1.2: anything a 1.1 or 1.2 reader would resolve to another type is quoted.
"""

from __future__ import annotations

import datetime
import io
import math
import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.resolver import implicit_resolvers

BREAKS = "\n\x85\u2028\u2029"
_WHITESPACE_AFTER = "\0 \t\r\n\x85\u2028\u2029"
_IMPLICIT_PATTERNS = [(tuple(first), regexp) for _, _, regexp, first in implicit_resolvers]

ESCAPE_REPLACEMENTS = {
    "\0": "0",
    "\x07": "a",
    "\x08": "b",
    "\x09": "t",
    "\x0a": "n",
    "\x0b": "v",
    "\x0c": "f",
    "\x0d": "r",
    "\x1b": "e",
    '"': '"',
    "\\": "\\",
    "\x85": "N",
    "\xa0": "_",
    "\u2028": "L",
    "\u2029": "P",
}


# Ruby's Psych (Jekyll's reader) goes further than the YAML 1.1 spec: it reads ``0:54`` as
# the base-60 integer 54, ``1,000`` as 1000, and ``:name`` as a symbol.
_PSYCH_NON_STRINGS = re.compile(
    r"""^(?:[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
    |[-+]?[0-9][0-9_,]*(?:\.[0-9_,]*)?(?:[eE][-+]?[0-9]+)?
    |[-+]?\.[0-9_,]*(?:[eE][-+]?[0-9]+)?
    |:.*)$""",
    re.X,
)


def resolves_as_string(text: str) -> bool:
    """True when a plain scalar ``text`` is a string for YAML 1.1 (Jekyll) and 1.2 readers."""
    if _PSYCH_NON_STRINGS.match(text):
        return False
    for first_chars, regexp in _IMPLICIT_PATTERNS:
        applies = (not text and "" in first_chars) or (text and text[0] in first_chars)
        if applies and regexp.match(text):
            return False
    return True


@dataclass(frozen=True)
class Analysis:
    multiline: bool
    allow_flow_plain: bool
    allow_block_plain: bool
    allow_single_quoted: bool
    allow_block: bool


def analyze(scalar: str) -> Analysis:
    """Which styles can represent ``scalar`` (PyYAML's ``analyze_scalar``)."""
    if not scalar:
        return Analysis(False, False, False, True, False)
    block_indicators = flow_indicators = line_breaks = special_characters = False
    leading_space = leading_break = trailing_space = trailing_break = False
    break_space = space_break = False
    if scalar.startswith("---") or scalar.startswith("..."):
        block_indicators = flow_indicators = True
    preceded_by_whitespace = True
    followed_by_whitespace = len(scalar) == 1 or scalar[1] in _WHITESPACE_AFTER
    previous_space = previous_break = False
    for index, ch in enumerate(scalar):
        if index == 0:
            if ch in "#,[]{}&*!|>'\"%@`":
                flow_indicators = block_indicators = True
            if ch in "?:":
                flow_indicators = True
                if followed_by_whitespace:
                    block_indicators = True
            if ch == "-" and followed_by_whitespace:
                flow_indicators = block_indicators = True
        else:
            if ch in ",?[]{}":
                flow_indicators = True
            if ch == ":":
                flow_indicators = True
                if followed_by_whitespace:
                    block_indicators = True
            if ch == "#" and preceded_by_whitespace:
                flow_indicators = block_indicators = True
        if ch in BREAKS:
            line_breaks = True
        if not (ch == "\n" or "\x20" <= ch <= "\x7e"):
            printable = (
                ch == "\x85"
                or "\xa0" <= ch <= "\ud7ff"
                or "\ue000" <= ch <= "\ufffd"
                or "\U00010000" <= ch < "\U0010ffff"
            ) and ch != "\ufeff"
            if not printable:
                special_characters = True
        if ch == " ":
            if index == 0:
                leading_space = True
            if index == len(scalar) - 1:
                trailing_space = True
            if previous_break:
                break_space = True
            previous_space, previous_break = True, False
        elif ch in BREAKS:
            if index == 0:
                leading_break = True
            if index == len(scalar) - 1:
                trailing_break = True
            if previous_space:
                space_break = True
            previous_space, previous_break = False, True
        else:
            previous_space = previous_break = False
        preceded_by_whitespace = ch in _WHITESPACE_AFTER
        followed_by_whitespace = index + 2 >= len(scalar) or scalar[index + 2] in _WHITESPACE_AFTER
    flow_plain = block_plain = single = block = True
    if leading_space or leading_break or trailing_space or trailing_break:
        flow_plain = block_plain = False
    if trailing_space:
        block = False
    if break_space:
        flow_plain = block_plain = single = False
    if space_break or special_characters:
        flow_plain = block_plain = single = block = False
    if line_breaks:
        flow_plain = block_plain = False
    if flow_indicators:
        flow_plain = False
    if block_indicators:
        block_plain = False
    return Analysis(line_breaks, flow_plain, block_plain, single, block)


class _Writer:
    """Tracks the column like PyYAML's emitter, writing into a list of parts."""

    def __init__(self, column: int, indent: int, width: int) -> None:
        self.parts: list[str] = []
        self.column = column
        self.indent = indent
        self.width = width
        self.whitespace = True
        self.indention = False

    def write(self, data: str) -> None:
        self.column += len(data)
        self.parts.append(data)

    def line_break(self, data: str = "\n") -> None:
        self.whitespace = True
        self.indention = True
        self.column = 0
        self.parts.append(data)

    def write_indent(self) -> None:
        if (
            not self.indention
            or self.column > self.indent
            or (self.column == self.indent and not self.whitespace)
        ):
            self.line_break()
        if self.column < self.indent:
            self.whitespace = True
            self.parts.append(" " * (self.indent - self.column))
            self.column = self.indent

    def text(self) -> str:
        return "".join(self.parts)


def write_plain(text: str, column: int, indent: int, width: int, split: bool = True) -> str:
    out = _Writer(column, indent, width)
    spaces = False
    start = end = 0
    while end <= len(text):
        ch = text[end] if end < len(text) else None
        if spaces:
            if ch != " ":
                if start + 1 == end and out.column > width and split:
                    out.write_indent()
                    out.whitespace = out.indention = False
                else:
                    out.write(text[start:end])
                start = end
        elif ch is None or ch == " ":
            out.write(text[start:end])
            start = end
        if ch is not None:
            spaces = ch == " "
        end += 1
    return out.text()


def write_single_quoted(text: str, column: int, indent: int, width: int, split: bool = True) -> str:
    out = _Writer(column, indent, width)
    out.write("'")
    spaces = False
    start = end = 0
    while end <= len(text):
        ch = text[end] if end < len(text) else None
        if spaces:
            if ch is None or ch != " ":
                if (
                    start + 1 == end
                    and out.column > width
                    and split
                    and start != 0
                    and end != len(text)
                ):
                    out.write_indent()
                else:
                    out.write(text[start:end])
                start = end
        elif (ch is None or ch == " " or ch == "'") and start < end:
            out.write(text[start:end])
            start = end
        if ch == "'":
            out.write("''")
            start = end + 1
        if ch is not None:
            spaces = ch == " "
        end += 1
    out.write("'")
    return out.text()


def write_double_quoted(text: str, column: int, indent: int, width: int, split: bool = True) -> str:
    out = _Writer(column, indent, width)
    out.write('"')
    start = end = 0
    while end <= len(text):
        ch = text[end] if end < len(text) else None
        if (
            ch is None
            or ch in '"\\\x85\u2028\u2029\ufeff'
            or not (
                "\x20" <= ch <= "\x7e" or "\xa0" <= ch <= "\ud7ff" or "\ue000" <= ch <= "\ufffd"
            )
        ):
            if start < end:
                out.write(text[start:end])
                start = end
            if ch is not None:
                if ch in ESCAPE_REPLACEMENTS:
                    data = "\\" + ESCAPE_REPLACEMENTS[ch]
                elif ch <= "\xff":
                    data = f"\\x{ord(ch):02X}"
                elif ch <= "\uffff":
                    data = f"\\u{ord(ch):04X}"
                else:
                    data = f"\\U{ord(ch):08X}"
                out.write(data)
                start = end + 1
        if (
            0 < end < len(text) - 1
            and (ch == " " or start >= end)
            and out.column + (end - start) > width
            and split
        ):
            data = text[start:end] + "\\"
            if start < end:
                start = end
            out.write(data)
            out.write_indent()
            out.whitespace = out.indention = False
            if text[start] == " ":
                out.write("\\")
        end += 1
    out.write('"')
    return out.text()


def _block_hints(text: str, indent_step: int) -> str:
    hints = ""
    if text:
        if text[0] in " " + BREAKS:
            hints += str(indent_step)
        if text[-1] not in BREAKS:
            hints += "-"
        elif len(text) == 1 or text[-2] in BREAKS:
            hints += "+"
    return hints


def write_literal(text: str, indent: int, indent_step: int = 2) -> str:
    """``|`` block; the result ends with a line break."""
    out = _Writer(0, indent, 10**9)
    out.write("|" + _block_hints(text, indent_step))
    out.line_break()
    breaks = True
    start = end = 0
    while end <= len(text):
        ch = text[end] if end < len(text) else None
        if breaks:
            if ch is None or ch not in BREAKS:
                for br in text[start:end]:
                    out.line_break("\n" if br == "\n" else br)
                if ch is not None:
                    out.write_indent()
                start = end
        elif ch is None or ch in BREAKS:
            out.write(text[start:end])
            if ch is None:
                out.line_break()
            start = end
        if ch is not None:
            breaks = ch in BREAKS
        end += 1
    return out.text()


def write_folded(text: str, indent: int, width: int, indent_step: int = 2) -> str:
    """``>`` block; the result ends with a line break."""
    out = _Writer(0, indent, width)
    out.write(">" + _block_hints(text, indent_step))
    out.line_break()
    leading_space = True
    spaces = False
    breaks = True
    start = end = 0
    while end <= len(text):
        ch = text[end] if end < len(text) else None
        if breaks:
            if ch is None or ch not in BREAKS:
                if not leading_space and ch is not None and ch != " " and text[start] == "\n":
                    out.line_break()
                leading_space = ch == " "
                for br in text[start:end]:
                    out.line_break("\n" if br == "\n" else br)
                if ch is not None:
                    out.write_indent()
                start = end
        elif spaces:
            if ch != " ":
                if start + 1 == end and out.column > width:
                    out.write_indent()
                else:
                    out.write(text[start:end])
                start = end
        elif ch is None or ch in " " + BREAKS:
            out.write(text[start:end])
            if ch is None:
                out.line_break()
            start = end
        if ch is not None:
            breaks = ch in BREAKS
            spaces = ch == " "
        end += 1
    return out.text()


def choose_style(text: str, preferred: str | None, flow: bool = False) -> str | None:
    """The style to write ``text`` in: the preferred one when it can hold the value.

    Styles: ``None`` plain, ``"'"``, ``'"'``, ``"|"``, ``">"``.
    """
    analysis = analyze(text)
    plain_allowed = (
        bool(text)
        and (analysis.allow_flow_plain if flow else analysis.allow_block_plain)
        and resolves_as_string(text)
    )
    single_allowed = analysis.allow_single_quoted and not analysis.multiline
    if preferred in ("|", ">") and not flow and analysis.allow_block and text:
        return preferred
    if preferred == '"':
        return '"'
    if preferred == "'":
        return "'" if single_allowed else '"'
    if plain_allowed:
        return None
    return "'" if single_allowed else '"'


def write_string(
    text: str,
    style: str | None,
    column: int,
    indent: int,
    width: int = 80,
    split: bool = True,
) -> str:
    """``text`` in ``style`` (see ``choose_style``); block styles end with a line break."""
    if style is None:
        return write_plain(text, column, indent, width, split)
    if style == "'":
        return write_single_quoted(text, column, indent, width, split)
    if style == '"':
        return write_double_quoted(text, column, indent, width, split)
    if style == "|":
        return write_literal(text, indent)
    return write_folded(text, indent, width)


def format_non_string(value: Any) -> str | None:
    """The plain text of a non-string scalar, or None when it is not one."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        number = float(value)
        if math.isnan(number):
            return ".nan"
        if math.isinf(number):
            return ".inf" if number > 0 else "-.inf"
        text = repr(number)
        if "e" in text and "." not in text:
            mantissa, exponent = text.split("e")
            text = f"{mantissa}.0e{exponent}"
        return text
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return None


def inline_fallback(value: Any) -> str:
    """Any other value (tagged scalars...), written by ruamel as a one-line flow node."""
    from editor.core.yaml.loader import make_yaml

    yaml = make_yaml()
    yaml.default_flow_style = True
    yaml.width = 10**9
    stream = io.StringIO()
    yaml.dump([value], stream)
    text = stream.getvalue().strip()
    if text.startswith("[") and text.endswith("]"):
        return text[1:-1]
    return text


# -- re-folding only the lines an edit touched ------------------------------------------

_REFOLD_STYLES = (None, "'", '"')
_MOST_TEXT_CHANGED = 0.5  # below this share of unchanged text, the value is folded anew
_SLIDE = 80  # how far an ambiguous insertion or deletion may slide to touch fewer lines


def refold_locally(
    written: str, old: str, new: str, style: str | None, column: int, width: int
) -> str | None:
    """``new`` written in ``style`` by editing ``written`` (the multi-line text of ``old``
    as it is in the file), keeping every line the edit does not reach.

    Lines holding the change are re-broken at single spaces, PyYAML's way (a line is broken
    once it runs past ``width``); a line that shrank stays short. None when the text cannot
    be edited that way (blank lines or escaped breaks in it, another style, most of the text
    changed, or the result would not read back as ``new``); the caller then folds anew.
    """
    if style not in _REFOLD_STYLES or "\r" in written:
        return None
    lines = written.split("\n")
    if len(lines) < 2:
        return None
    indents: list[str] = [""]
    contents: list[str] = [lines[0]]
    for line in lines[1:]:
        content = line.lstrip(" ")
        indents.append(line[: len(line) - len(content)])
        contents.append(content)
    for content in contents:
        if not content or content[0] in " \t" or content[-1] in " \t" or content.endswith("\\"):
            return None
    unfolded_old = " ".join(contents)
    if _on_one_line(old, style, column, width) != unfolded_old:
        return None
    unfolded_new = _on_one_line(new, style, column, width)
    if "\n" in unfolded_new or unfolded_new == unfolded_old:
        return None if "\n" in unfolded_new else written
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for content in contents:
        starts.append(position)
        position += len(content)
        ends.append(position)  # the folded space, or the end of the text
        position += 1
    span = _best_span(unfolded_old, unfolded_new, starts, ends)
    if span is None:
        return None
    first, last = span
    growth = len(unfolded_new) - len(unfolded_old)
    middle = unfolded_new[starts[first] : ends[last] + growth]
    if not middle or middle[0] == " " or middle[-1] == " ":
        return None
    indent = indents[first] if first else indents[1]
    start_column = column if first == 0 else len(indent)
    quoted_edges = style is not None
    pieces = _fold_words(
        middle,
        start_column,
        len(indents[1]),
        width,
        no_break_after_first=quoted_edges and first == 0,
        no_break_before_last=quoted_edges and last == len(lines) - 1,
        after_backslash=style == '"',
    )
    rebuilt = [
        *lines[:first],
        (indents[first] if first else "") + pieces[0],
        *(indents[1] + piece for piece in pieces[1:]),
        *lines[last + 1 :],
    ]
    result = "\n".join(rebuilt)
    return result if reads_back_as(result, new) else None


def _on_one_line(text: str, style: str | None, column: int, width: int) -> str:
    """``write_string(..., split=False)``, quicker for the plain and single-quoted styles."""
    if style is None:
        return text
    if style == "'":
        return "'" + text.replace("'", "''") + "'"
    return write_string(text, style, column, 0, width, split=False)


def _best_span(old: str, new: str, starts: list[int], ends: list[int]) -> tuple[int, int] | None:
    """The fewest consecutive lines (first, last) of ``old`` whose rewrite turns it into
    ``new``; None when most of the text changed."""
    shortest = min(len(old), len(new))
    prefix = 0
    while prefix < shortest and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < shortest and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    if min(prefix + suffix, shortest) < _MOST_TEXT_CHANGED * max(len(old), len(new)):
        return None
    best: tuple[int, int] | None = None
    for kept_prefix in range(prefix, max(-1, prefix - _SLIDE), -1):
        kept_suffix = min(suffix, shortest - kept_prefix)
        changed_from, changed_to = kept_prefix, len(old) - kept_suffix
        span = _lines_touched(changed_from, changed_to, starts, ends)
        if best is None or span[1] - span[0] < best[1] - best[0]:
            best = span
    return best


def _lines_touched(begin: int, end: int, starts: list[int], ends: list[int]) -> tuple[int, int]:
    """Lines whose text (with the folded space after it) overlaps ``old[begin:end]``; for an
    insertion (``begin == end``), the line holding that point."""
    count = len(starts)
    if begin == end:
        line = next(i for i in range(count) if starts[i] <= begin <= ends[i])
        return line, line
    first = next(i for i in range(count) if begin <= ends[i])
    last = max(i for i in range(count) if starts[i] <= end - 1)
    if last + 1 < count and begin <= ends[last] < end:
        last += 1  # the folded space after ``last`` changed: the next line joins in
    return first, max(first, last)


def _fold_words(
    text: str,
    column: int,
    indent: int,
    width: int,
    *,
    no_break_after_first: bool,
    no_break_before_last: bool,
    after_backslash: bool,
) -> list[str]:
    """``text`` broken at single spaces once a line runs past ``width`` (PyYAML's rule)."""
    pieces = [""]
    word_start = 0
    for index in range(1, len(text) - 1):
        if text[index] != " " or text[index - 1] == " " or text[index + 1] == " ":
            continue
        if (no_break_after_first and index == 1) or (
            no_break_before_last and index == len(text) - 2
        ):
            continue
        if after_backslash and text[index - 1] == "\\":
            continue
        word = text[word_start:index]
        pieces[-1] += word
        column += len(word)
        if column > width:
            pieces.append("")
            column = indent
        else:
            pieces[-1] += " "
            column += 1
        word_start = index + 1
    pieces[-1] += text[word_start:]
    return pieces


def reads_back_as(written: str, value: str) -> bool:
    """True when the scalar text ``written`` (its continuation lines indented) reads back as
    the string ``value`` under YAML 1.1 (PyYAML, as Jekyll reads it).

    Folding and quoting rules of plain and quoted scalars are the same in YAML 1.2 (ruamel);
    the tests read every re-folded value back with both.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        read = yaml.load("k: " + written + "\n", Loader=loader)
    except yaml.YAMLError:
        return False
    return isinstance(read, dict) and isinstance(read.get("k"), str) and read["k"] == value

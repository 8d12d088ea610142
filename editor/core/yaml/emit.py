"""Writing new YAML from scratch, in the corpus style.

The corpus style is PyYAML's with ``sort_keys=False``: ``- `` at the parent's indentation,
mappings indented by 2, long plain strings folded at 80 columns with continuation lines
indented 2 past their key. Every piece returned starts where its first token goes (no
leading indentation) and ends with a line break.
"""

from __future__ import annotations

from typing import Any

from editor.core.yaml.errors import DocumentError
from editor.core.yaml.scalars import choose_style, format_non_string, inline_fallback, write_string

MAX_FRESH_VALUES = 200_000


def check_size(value: Any, limit: int = MAX_FRESH_VALUES) -> None:
    """Refuse to write out a value that expands to more than ``limit`` values.

    New values are written without anchors, so a structure that shares parts (an alias
    bomb pasted into a list) would be written out in full: stop before that hangs.
    """
    budget = limit
    stack = [value]
    while stack:
        item = stack.pop()
        budget -= 1
        if budget < 0:
            raise DocumentError(
                f"The new value is too large to write: it expands to more than {limit:,} values."
            )
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def fresh_document(data: Any, width: int = 80) -> str:
    check_size(data)
    if isinstance(data, dict) and not data:
        return ""
    if isinstance(data, dict) and data:
        return "".join(map_entry(key, value, 0, width) for key, value in data.items())
    if isinstance(data, list) and data:
        return "".join(seq_item(item, 0, width) for item in data)
    return scalar(data, 0, 0, width) + "\n"


def scalar(value: Any, column: int, indent: int, width: int, flow: bool = False) -> str:
    """One scalar; block styles are never chosen here, so there is no trailing line break."""
    plain = format_non_string(value)
    if plain is not None:
        return plain
    if isinstance(value, str):
        style = choose_style(value, None, flow=flow)
        return write_string(value, style, column, indent, width, split=not flow)
    return inline_fallback(value)


def _key_text(key: Any) -> str:
    if isinstance(key, str):
        return scalar(key, 0, 0, 10**9, flow=True)
    plain = format_non_string(key)
    return plain if plain is not None else inline_fallback(key)


def map_entry(key: Any, value: Any, column: int, width: int = 80) -> str:
    key_text = _key_text(key)
    return key_text + ":" + _after_key(value, column, column + len(key_text) + 2, width)


def _after_key(value: Any, column: int, value_column: int, width: int) -> str:
    if isinstance(value, dict):
        if not value:
            return " {}\n"
        inner = column + 2
        return "\n" + "".join(" " * inner + map_entry(k, v, inner, width) for k, v in value.items())
    if isinstance(value, list):
        if not value:
            return " []\n"
        return "\n" + "".join(" " * column + seq_item(item, column, width) for item in value)
    return " " + scalar(value, value_column, column + 2, width) + "\n"


def seq_item(value: Any, column: int, width: int = 80) -> str:
    inner = column + 2
    if isinstance(value, dict) and value:
        items = list(value.items())
        first_key, first_value = items[0]
        text = "- " + map_entry(first_key, first_value, inner, width)
        return text + "".join(" " * inner + map_entry(k, v, inner, width) for k, v in items[1:])
    if isinstance(value, list) and value:
        text = "- " + seq_item(value[0], inner, width)
        return text + "".join(" " * inner + seq_item(item, inner, width) for item in value[1:])
    if isinstance(value, dict):
        return "- {}\n"
    if isinstance(value, list):
        return "- []\n"
    return "- " + scalar(value, inner, inner, width) + "\n"


def flow_collection(value: Any) -> str:
    """A one-line flow collection, e.g. ``[a, b]`` or ``{a: 1}``."""
    if isinstance(value, dict):
        inner = ", ".join(
            f"{_flow_item(k)}: {_flow_item(v)}" if v is not None else f"{_flow_item(k)}:"
            for k, v in value.items()
        )
        return "{" + inner + "}"
    return "[" + ", ".join(_flow_item(item) for item in value) + "]"


def _flow_item(value: Any) -> str:
    if isinstance(value, dict | list):
        return flow_collection(value)
    return scalar(value, 0, 0, 10**9, flow=True)

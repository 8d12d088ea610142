"""Structure: the declarative JSON Schema in ``resources/episode.schema.json``.

``jsonschema`` is the checker and the only source of error details. Because it takes about
20 µs per transcript item, list items are first screened by a predicate compiled from the
same item schema; only items the predicate cannot prove valid are given to ``jsonschema``.
The predicate understands a handful of keywords and refuses to compile (so every item goes
to ``jsonschema``) when the schema uses any other.
"""

from __future__ import annotations

import copy
import datetime
import json
import re
from collections.abc import Callable, Collection, Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from editor.core.episode.validation.context import EXPANSION_LIMIT, Context
from editor.core.episode.validation.problem import ERROR, describe_value
from editor.core.resources import resource_path

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_FILE = "episode.schema.json"
SCREENED_LISTS = ("transcript", "quotableClips")

Predicate = Callable[[Any], bool]

_IGNORED_KEYWORDS = {"title", "description", "$comment", "examples", "default"}


@cache
def load_schema() -> dict[str, Any]:
    with open(resource_path(SCHEMA_FILE), encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    # Not checked against the meta-schema here (30 ms, the largest one-off cost of the first
    # open): the file ships with the editor and a test checks it.
    return schema


class SchemaChecker:
    """The episode schema split into a document part and screened list-item parts."""

    def __init__(self, schema: dict[str, Any]) -> None:
        # Imported by the first check, not with the module: jsonschema takes about 70 ms to
        # import, and the window should show before that (it warms it up while idle).
        from jsonschema import Draft202012Validator

        self.schema = schema
        document_schema = copy.deepcopy(schema)
        self.item_validators: dict[str, Draft202012Validator] = {}
        self.item_predicates: dict[str, Predicate | None] = {}
        properties = document_schema.get("properties", {})
        for key in SCREENED_LISTS:
            list_schema = properties.get(key)
            if not isinstance(list_schema, dict) or "items" not in list_schema:
                continue
            item_schema = list_schema.pop("items")
            self.item_validators[key] = Draft202012Validator(
                item_schema, format_checker=Draft202012Validator.FORMAT_CHECKER
            )
            self.item_predicates[key] = compile_predicate(item_schema)
        self.document_validator = Draft202012Validator(
            document_schema, format_checker=Draft202012Validator.FORMAT_CHECKER
        )

    def errors(
        self,
        data: Any,
        plain_items: Callable[[str], list[Any]] | None = None,
        skip: Collection[str] = (),
    ) -> Iterable[ValidationError]:
        """Every schema violation; ``plain_items(key)`` may give fast copies of list items.

        Keys in ``skip`` are left out (values too large to check).
        """
        if not isinstance(data, dict):
            yield from self.document_validator.iter_errors(data)
            return
        yield from self.document_validator.iter_errors(_json_view(data, skip))
        for key, validator in self.item_validators.items():
            if key in skip:
                continue
            items = data.get(key)
            if not isinstance(items, list):
                continue
            predicate = self.item_predicates[key]
            screened = plain_items(key) if plain_items is not None else items
            for index, item in enumerate(items):
                if predicate is not None and predicate(screened[index]):
                    continue
                for error in validator.iter_errors(item):
                    error.path.appendleft(index)
                    error.path.appendleft(key)
                    yield error


@cache
def default_checker() -> SchemaChecker:
    return SchemaChecker(load_schema())


def check_schema(ctx: Context) -> None:
    oversized = ctx.oversized_keys()
    for key in sorted(oversized):
        ctx.report(
            "document.alias-expansion",
            ERROR,
            f"'{key}' expands to more than {EXPANSION_LIMIT:,} values through YAML aliases "
            "(*name): write the values out, or remove the aliases.",
            (key,),
        )
    for error in default_checker().errors(ctx.doc.data, ctx.plain_items, oversized):
        _report(ctx, error)


def _json_view(data: dict[str, Any], skip: Collection[str] = ()) -> dict[str, Any]:
    """A shallow copy where YAML dates are ISO strings (JSON has no date type)."""
    view = {key: value for key, value in data.items() if key not in skip}
    for key, value in view.items():
        if isinstance(value, datetime.date):
            view[key] = value.isoformat()
    return view


def _report(ctx: Context, error: ValidationError) -> None:
    subschema = error.schema if isinstance(error.schema, dict) else {}
    rule = subschema.get("x-rule") or f"schema.{error.validator}"
    path = tuple(error.path)
    if error.validator == "required":
        missing = _quoted_name(error.message)
        where = _describe_container(path)
        message = f"Add the missing field '{missing}'{where}."
        ctx.report(rule, ERROR, message, path)
        return
    if error.validator == "additionalProperties" and error.validator_value is False:
        extras = (
            sorted(str(k) for k in error.instance if k not in subschema.get("properties", {}))
            if isinstance(error.instance, dict)
            else []
        )
        hint = subschema.get("x-message", "")
        names = ", ".join(f"'{name}'" for name in extras)
        message = f"Unknown key {names}: remove or rename it. {hint}".strip()
        target = (*path, extras[0]) if extras else path
        ctx.report(rule, ERROR, message, target)
        return
    template = subschema.get("x-message")
    blank = _blank_in_the_way(error)
    value = describe_value(error.instance, focus=blank)
    if template:
        message = template.replace("{value}", value)
    else:
        message = f"{_describe_path(path)}: {error.message}."
    if blank is not None and isinstance(error.instance, str):
        message += f" {_describe_blank(error.instance, blank)}"
    ctx.report(rule, ERROR, message, path)


def _blank_in_the_way(error: ValidationError) -> int | None:
    """Where a space (tab, line break) makes a value fail its pattern, if that is the reason:
    the value without its blanks would match."""
    value, pattern = error.instance, error.validator_value
    if error.validator != "pattern" or not isinstance(value, str) or not isinstance(pattern, str):
        return None
    inner = value.strip()
    blanks = [i for i, char in enumerate(value) if char.isspace()]
    if not blanks or not re.search(pattern, "".join(inner.split())):
        return None
    offset = len(value) - len(value.lstrip())
    inside = [i for i in blanks if offset <= i < offset + len(inner)]
    return inside[0] if inside else blanks[0]


_BLANK_NAMES = {" ": "a space", "\t": "a tab", "\n": "a line break", "\u00a0": "a no-break space"}


def _describe_blank(value: str, index: int) -> str:
    name = _BLANK_NAMES.get(value[index], "a blank character")
    before = value[max(0, index - 20) : index]
    after = value[index + 1 : index + 21]
    if index == 0 or not value[:index].strip():
        return f"It starts with {name}: remove it."
    if not value[index:].strip():
        return f"It ends with {name}: remove it."
    return (
        f"The problem is {name} between '{before.lstrip()}' and '{after.rstrip()}': "
        "paths and ids cannot contain spaces (use '-')."
    )


_QUOTED = re.compile(r"'([^']*)'")


def _quoted_name(message: str) -> str:
    match = _QUOTED.search(message)
    return match.group(1) if match else message


def _describe_container(path: tuple[Any, ...]) -> str:
    if not path:
        return ""
    if path[0] == "quotableClips" and len(path) == 2:
        return f" to clip {path[1] + 1}"
    if path[0] == "transcript" and len(path) == 2:
        return f" to transcript item {path[1] + 1}"
    return f" to {_describe_path(path)}"


def _describe_path(path: tuple[Any, ...]) -> str:
    if not path:
        return "The front matter"
    text = str(path[0])
    for key in path[1:]:
        text += f"[{key + 1}]" if isinstance(key, int) else f".{key}"
    return text


# -- the screening predicate -----------------------------------------------------------

_MISSING = object()
_OBJECT_KEYWORDS = {"type", "properties", "additionalProperties", "required"}
_TYPE_TESTS: dict[str, Predicate] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
}


def compile_predicate(schema: Any) -> Predicate | None:
    """A fast ``value -> True if certainly valid``; None if the schema is beyond it.

    Understands an object schema (``type: object``, ``properties``,
    ``additionalProperties: false``, ``required``) whose properties use ``type``,
    ``minLength``, ``minimum`` and ``pattern``; anything else means every value goes to
    jsonschema. Specialised closures, because this runs for every transcript item after
    every edit.
    """
    keywords = _keywords(schema)
    if keywords is None:
        return None
    if keywords.get("type") == "object" or "properties" in keywords:
        return _object_predicate(keywords)
    return _leaf_predicate(keywords)


def _keywords(schema: Any) -> dict[str, Any] | None:
    if schema is True:
        return {}
    if not isinstance(schema, dict):
        return None
    return {
        key: value
        for key, value in schema.items()
        if key not in _IGNORED_KEYWORDS and not key.startswith("x-")
    }


def _object_predicate(keywords: dict[str, Any]) -> Predicate | None:
    if not set(keywords) <= _OBJECT_KEYWORDS or keywords.get("type", "object") != "object":
        return None
    extra = keywords.get("additionalProperties", True)
    if extra not in (True, False):
        return None
    properties = keywords.get("properties", {})
    tests: list[tuple[str, Predicate]] = []
    for name, subschema in properties.items():
        sub = _keywords(subschema)
        test = _leaf_predicate(sub) if sub is not None else None
        if test is None:
            return None
        tests.append((name, test))
    known = frozenset(properties)
    closed = extra is False
    required = tuple(keywords.get("required", ()))

    def valid_object(value: Any) -> bool:
        if not isinstance(value, dict):
            return False
        if closed and not known.issuperset(value):
            return False
        for name in required:
            if name not in value:
                return False
        for name, test in tests:
            item = value.get(name, _MISSING)
            if item is not _MISSING and not test(item):
                return False
        return True

    return valid_object


def _leaf_predicate(keywords: dict[str, Any]) -> Predicate | None:
    if not keywords:
        return lambda value: True
    if not set(keywords) <= {"type", "minLength", "minimum", "pattern"}:
        return None
    kind = keywords.get("type")
    if not isinstance(kind, str) or kind not in _TYPE_TESTS:
        return None
    is_kind = _TYPE_TESTS[kind]
    if kind == "string":
        shortest = keywords.get("minLength", 0)
        pattern = keywords.get("pattern")
        if "minimum" in keywords or not isinstance(shortest, int):
            return None
        if pattern is None:
            return lambda v: isinstance(v, str) and len(v) >= shortest
        search = re.compile(pattern).search
        return lambda v: isinstance(v, str) and len(v) >= shortest and search(v) is not None
    if kind in ("integer", "number"):
        if "minLength" in keywords or "pattern" in keywords:
            return None
        lowest = keywords.get("minimum")
        if lowest is None:
            return is_kind
        return lambda v: is_kind(v) and v >= lowest
    if len(keywords) > 1:
        return None
    return is_kind

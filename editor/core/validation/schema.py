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
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from editor.core.resources import resource_path
from editor.core.validation.context import EXPANSION_LIMIT, Context
from editor.core.validation.problem import ERROR, describe_value

SCHEMA_FILE = "episode.schema.json"
SCREENED_LISTS = ("transcript", "quotableClips")

Predicate = Callable[[Any], bool]

_IGNORED_KEYWORDS = {"title", "description", "$comment", "examples", "default"}


@cache
def load_schema() -> dict[str, Any]:
    with open(resource_path(SCHEMA_FILE), encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    Draft202012Validator.check_schema(schema)
    return schema


class SchemaChecker:
    """The episode schema split into a document part and screened list-item parts."""

    def __init__(self, schema: dict[str, Any]) -> None:
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
    if template:
        message = template.replace("{value}", describe_value(error.instance))
    else:
        message = f"{_describe_path(path)}: {error.message}."
    ctx.report(rule, ERROR, message, path)


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


class _PredicateSource:
    """Writes one Python expression that is true only for values the schema accepts.

    Generated code, because this runs for every transcript item after every edit and nested
    closures cost several times more than the inlined tests.
    """

    def __init__(self) -> None:
        self.constants: dict[str, Any] = {"_MISSING": object()}
        self.names = 0

    def constant(self, value: Any) -> str:
        name = f"_c{len(self.constants)}"
        self.constants[name] = value
        return name

    def variable(self) -> str:
        self.names += 1
        return f"_v{self.names}"

    def expression(self, schema: Any, var: str) -> str | None:
        if schema is True or schema == {}:
            return "True"
        if not isinstance(schema, dict):
            return None
        parts: list[str] = []
        for keyword, argument in schema.items():
            if keyword in _IGNORED_KEYWORDS or keyword.startswith("x-"):
                continue
            part = self.keyword(keyword, argument, schema, var)
            if part is None:
                return None
            parts.append(part)
        return " and ".join(parts) if parts else "True"

    def keyword(self, keyword: str, argument: Any, schema: dict[str, Any], var: str) -> str | None:
        if keyword == "type":
            names = [argument] if isinstance(argument, str) else list(argument)
            tests = [_TYPE_SOURCE.get(name) for name in names]
            if any(test is None for test in tests):
                return None
            return "(" + " or ".join(t.format(v=var) for t in tests if t) + ")"
        if keyword == "minLength" and isinstance(argument, int):
            return f"(not isinstance({var}, str) or len({var}) >= {argument})"
        if keyword == "minimum" and isinstance(argument, int | float):
            return (
                f"(not isinstance({var}, (int, float)) or isinstance({var}, bool) "
                f"or {var} >= {argument!r})"
            )
        if keyword == "pattern" and isinstance(argument, str):
            regex = self.constant(re.compile(argument))
            return f"(not isinstance({var}, str) or {regex}.search({var}) is not None)"
        if keyword == "required":
            present = " and ".join(f"{name!r} in {var}" for name in argument)
            return f"(not isinstance({var}, dict) or ({present or 'True'}))"
        if keyword == "additionalProperties" and argument is False:
            known = self.constant(frozenset(schema.get("properties", {})))
            return f"(not isinstance({var}, dict) or {known}.issuperset({var}))"
        if keyword == "properties" and isinstance(argument, dict):
            checks = []
            for name, subschema in argument.items():
                item = self.variable()
                inner = self.expression(subschema, item)
                if inner is None:
                    return None
                checks.append(f"(({item} := {var}.get({name!r}, _MISSING)) is _MISSING or {inner})")
            return f"(not isinstance({var}, dict) or ({' and '.join(checks) or 'True'}))"
        return None


_TYPE_SOURCE = {
    "string": "isinstance({v}, str)",
    "integer": "(isinstance({v}, int) and not isinstance({v}, bool))",
    "number": "(isinstance({v}, (int, float)) and not isinstance({v}, bool))",
    "boolean": "isinstance({v}, bool)",
    "object": "isinstance({v}, dict)",
    "array": "isinstance({v}, list)",
    "null": "{v} is None",
}


def compile_predicate(schema: Any) -> Predicate | None:
    """A fast ``value -> True if certainly valid``; None if the schema is beyond it.

    Handles ``type``, ``properties``, ``additionalProperties: false``, ``required``,
    ``pattern``, ``minLength`` and ``minimum`` (plus annotations); anything else means
    every value goes to jsonschema.
    """
    source = _PredicateSource()
    expression = source.expression(schema, "value")
    if expression is None:
        return None
    namespace: dict[str, Any] = dict(source.constants)
    exec(f"def predicate(value):\n    return {expression}\n", namespace)
    predicate: Predicate = namespace["predicate"]
    return predicate

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
_TYPE_TESTS: dict[str, Predicate] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
}


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


def compile_predicate(schema: Any) -> Predicate | None:
    """A fast ``value -> True if certainly valid``; None if the schema is beyond it."""
    if schema is True or schema == {}:
        return lambda value: True
    if not isinstance(schema, dict):
        return None
    tests: list[Predicate] = []
    for keyword, argument in schema.items():
        if keyword in _IGNORED_KEYWORDS or keyword.startswith("x-"):
            continue
        test = _compile_keyword(keyword, argument, schema)
        if test is None:
            return None
        tests.append(test)
    if len(tests) == 1:
        return tests[0]

    def all_tests(value: Any) -> bool:
        return all(test(value) for test in tests)

    return all_tests


def _compile_keyword(keyword: str, argument: Any, schema: dict[str, Any]) -> Predicate | None:
    if keyword == "type":
        names = [argument] if isinstance(argument, str) else list(argument)
        checks = [_TYPE_TESTS.get(name) for name in names]
        if any(check is None for check in checks):
            return None
        if len(checks) == 1:
            return checks[0]
        return lambda value: any(check(value) for check in checks)  # type: ignore[misc]
    if keyword == "minLength":
        return lambda value: not isinstance(value, str) or len(value) >= argument
    if keyword == "minimum":
        return lambda value: not _is_number(value) or value >= argument
    if keyword == "pattern":
        regex = re.compile(argument)
        return lambda value: not isinstance(value, str) or regex.search(value) is not None
    if keyword == "required":
        required = tuple(argument)
        return lambda value: not isinstance(value, dict) or all(n in value for n in required)
    if keyword == "properties":
        compiled = {}
        for name, subschema in argument.items():
            predicate = compile_predicate(subschema)
            if predicate is None:
                return None
            compiled[name] = predicate
        pairs = tuple(compiled.items())

        def properties_valid(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for name, predicate in pairs:
                if name in value and not predicate(value[name]):
                    return False
            return True

        return properties_valid
    if keyword == "additionalProperties":
        known = frozenset(schema.get("properties", {}))
        if argument is False:
            return lambda value: not isinstance(value, dict) or known.issuperset(value)
        extra = compile_predicate(argument)
        if extra is None:
            return None
        return lambda value: (
            not isinstance(value, dict)
            or all(extra(item) for name, item in value.items() if name not in known)
        )
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)

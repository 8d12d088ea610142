"""Round-trip loading with ruamel.yaml that also remembers where every node came from.

The minimal-diff writer needs, for every value it may copy, the exact span of source text
it was read from. ruamel's constructor forgets which node made which object, and its
composer forgets where aliases were written, so the subclasses below record both.
"""

from __future__ import annotations

import os
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver

try:  # PyYAML built with libyaml
    from yaml import CSafeLoader as _CLoader
    from yaml.nodes import ScalarNode as _PyScalarNode
    from yaml.nodes import SequenceNode as _PySequenceNode
except ImportError:  # pragma: no cover - PyYAML without libyaml: ruamel only
    _CLoader = None  # type: ignore[assignment,misc]

MAX_DEPTH = 200


class _RecordingConstructor(RoundTripConstructor):
    """Keeps ``id(node) -> object`` for every node it builds.

    Unknown tags such as ``!!python/object`` are never constructed: the round-trip
    constructor turns them into inert tagged values.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.objects_by_node: dict[int, Any] = {}

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        obj = super().construct_object(node, deep=deep)
        self.objects_by_node[id(node)] = obj
        return obj


class _RecordingComposer(Composer):
    """Keeps the source span of every alias (``*name``), in document order."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.alias_spans: list[tuple[int, int]] = []

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            event = self.parser.peek_event()
            self.alias_spans.append((event.start_mark.index, event.end_mark.index))
        return super().compose_node(parent, index)


def make_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.Constructor = _RecordingConstructor
    yaml.Composer = _RecordingComposer
    yaml.max_depth = MAX_DEPTH
    return yaml


class Parsed:
    def __init__(
        self,
        node: Node | None,
        data: Any,
        objects_by_node: dict[int, Any],
        alias_spans: list[tuple[int, int]],
    ) -> None:
        self.node = node
        self.data = data
        self.objects_by_node = objects_by_node
        self.alias_spans = alias_spans


def compose_and_construct(text: str) -> Parsed:
    """Parse ``text``; raises ruamel's own errors, which the caller turns into ``DocumentError``.

    Plain episode text (no tags, anchors or aliases) is composed by libyaml through PyYAML's
    C loader, twenty times faster than ruamel's pure-Python scanner; ruamel's round-trip
    constructor then builds the data from the same nodes, with YAML 1.2 tag resolution, so
    the result is the same. Everything else, and every error, goes through ruamel itself.
    """
    if _fast_path_enabled():
        fast = _fast_parse(text)
        if fast is not None:
            return fast
    return _ruamel_parse(text)


def _ruamel_parse(text: str) -> Parsed:
    yaml = make_yaml()
    node = yaml.compose(text)
    composer = yaml.composer
    constructor = yaml.constructor
    assert isinstance(composer, _RecordingComposer)
    assert isinstance(constructor, _RecordingConstructor)
    if node is None:
        return Parsed(None, None, {}, [])
    data = constructor.construct_document(node)
    return Parsed(node, data, constructor.objects_by_node, composer.alias_spans)


# -- the libyaml fast path -------------------------------------------------------------------

_FAST_PATH_ENV = "EPISODE_EDITOR_PURE_LOADER"
_MAX_FAST_NESTING = 40
_MAX_FAST_INDENT = 160
_BRACKET_RE = re.compile(r"[\[\]{}]")
_DEEP_INDENT_RE = re.compile(rf"^ {{{_MAX_FAST_INDENT + 1}}}", re.MULTILINE)


def _fast_path_enabled() -> bool:
    return os.environ.get(_FAST_PATH_ENV, "") in ("", "0") and _CLoader is not None


class _NotPlain(Exception):
    """The text uses something the fast path leaves to ruamel (tags, anchors, aliases)."""


def _too_deep_for_c(text: str) -> bool:
    # libyaml's composer recurses in C: keep hostile nesting away from it.
    depth = deepest = 0
    for match in _BRACKET_RE.finditer(text):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    return deepest > _MAX_FAST_NESTING or _DEEP_INDENT_RE.search(text) is not None


def _fast_parse(text: str) -> Parsed | None:
    if _too_deep_for_c(text):
        return None
    assert _CLoader is not None
    try:
        loader = _CLoader(text)
        try:
            pynode = loader.get_single_node()
        finally:
            loader.dispose()
    except Exception:
        return None
    if pynode is None:
        return None
    try:
        node = _Converter(text).convert(pynode)
    except (_NotPlain, RecursionError):
        return None
    yaml = make_yaml()
    constructor = yaml.constructor
    assert isinstance(constructor, _RecordingConstructor)
    try:
        data = constructor.construct_document(node)
    except Exception:
        return None
    return Parsed(node, data, constructor.objects_by_node, [])


class _Converter:
    """PyYAML nodes to ruamel nodes, resolving plain scalars the YAML 1.2 way (as ruamel)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.resolver = VersionedResolver()
        self.seen: set[int] = set()

    def convert(self, pynode: Any) -> Node:
        if id(pynode) in self.seen:
            raise _NotPlain("alias")
        self.seen.add(id(pynode))
        start = pynode.start_mark.index
        if self.text[start : start + 1] in ("&", "!", "*"):
            raise _NotPlain("properties")
        if isinstance(pynode, _PyScalarNode):
            style = pynode.style or None  # libyaml says '' for plain
            if style is None and pynode.value == "":
                # libyaml places empty values a character away from ruamel; let ruamel do it.
                raise _NotPlain("empty value")
            tag = self.resolver.resolve(
                ScalarNode, pynode.value, (style is None, style is not None)
            )
            return ScalarNode(tag, pynode.value, pynode.start_mark, pynode.end_mark, style=style)
        if isinstance(pynode, _PySequenceNode):
            if pynode.tag != "tag:yaml.org,2002:seq":
                raise _NotPlain("tag")
            tag = self.resolver.resolve(SequenceNode, None, (True, False))
            items = [self.convert(item) for item in pynode.value]
            return SequenceNode(
                tag, items, pynode.start_mark, pynode.end_mark, flow_style=pynode.flow_style
            )
        if pynode.tag != "tag:yaml.org,2002:map":
            raise _NotPlain("tag")
        tag = self.resolver.resolve(MappingNode, None, (True, False))
        pairs = [(self.convert(key), self.convert(value)) for key, value in pynode.value]
        return MappingNode(
            tag, pairs, pynode.start_mark, pynode.end_mark, flow_style=pynode.flow_style
        )

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
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

try:  # PyYAML built with libyaml
    from yaml import CSafeLoader as _CLoader
    from yaml import MarkedYAMLError as _PyMarkedYAMLError
    from yaml.events import DocumentEndEvent as _PyDocumentEndEvent
    from yaml.events import DocumentStartEvent as _PyDocumentStartEvent
    from yaml.events import MappingEndEvent as _PyMappingEndEvent
    from yaml.events import MappingStartEvent as _PyMappingStartEvent
    from yaml.events import ScalarEvent as _PyScalarEvent
    from yaml.events import SequenceEndEvent as _PySequenceEndEvent
    from yaml.events import SequenceStartEvent as _PySequenceStartEvent
    from yaml.events import StreamEndEvent as _PyStreamEndEvent
except ImportError:  # pragma: no cover - PyYAML without libyaml: ruamel only
    _CLoader = None  # type: ignore[assignment,misc]

    class _PyMarkedYAMLError(Exception):  # type: ignore[no-redef]
        pass


MAX_DEPTH = 200
# Size alone is not dangerous, the number of nodes is: each costs time and memory (about
# 15 µs and 1.3 kB from text to the editor's records; ``[1,1,1,...]`` packs one into two
# characters). 10,000 real transcript items are about 80,000 nodes. Past this many the
# front matter is refused while it is read, before the rest of it takes memory.
MAX_NODES = 500_000


# What ruamel's pure-Python reader gets through in a few seconds. Only front matter the
# libyaml fast path leaves to it (anchors, aliases, tags, empty values) is held to this.
MAX_PURE_CHARS = 2_000_000
MAX_PURE_NODES = 100_000  # it takes about 50 µs a node


class TooLarge(Exception):
    """Front matter refused for its size; the message says why, for the user."""


class TooManyNodes(TooLarge):
    def __init__(self, limit: int) -> None:
        super().__init__(
            f"The front matter holds more than {limit:,} values; the editor opens up to "
            f"{limit:,} (about {limit // 8:,} transcript lines)."
        )


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

    nodes_left = MAX_PURE_NODES

    def compose_node(self, parent: Any, index: Any) -> Any:
        self.nodes_left -= 1
        if self.nodes_left < 0:
            raise TooManyNodes(MAX_PURE_NODES)
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
    fast_error: YAMLError | None = None
    if _fast_path_enabled():
        try:
            fast = _fast_parse_or_raise(text, MAX_NODES)
        except _PyMarkedYAMLError as error:
            fast, fast_error = None, _as_ruamel_error(error)
        if fast is not None:
            return fast
    if len(text) > MAX_PURE_CHARS:
        if fast_error is not None:
            raise fast_error
        raise TooLarge(
            f"The front matter is {len(text):,} characters long and uses anchors, aliases, "
            f"tags or empty values; the editor opens such front matter up to "
            f"{MAX_PURE_CHARS:,} characters."
        )
    return _ruamel_parse(text)


def _as_ruamel_error(error: Any) -> MarkedYAMLError:
    return MarkedYAMLError(
        context=error.context,
        context_mark=error.context_mark,
        problem=error.problem,
        problem_mark=error.problem_mark,
    )


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


def _fast_parse(text: str, max_nodes: int = MAX_NODES) -> Parsed | None:
    """The libyaml fast path, or None where ruamel must read the text (errors included)."""
    try:
        return _fast_parse_or_raise(text, max_nodes)
    except _PyMarkedYAMLError:
        return None


def _fast_parse_or_raise(text: str, max_nodes: int) -> Parsed | None:
    """As ``_fast_parse``, but libyaml's syntax errors are raised."""
    if _too_deep_for_c(text):
        return None
    assert _CLoader is not None
    try:
        loader = _CLoader(text)
        try:
            node = _EventComposer(loader, max_nodes).compose()
        finally:
            loader.dispose()
    except (_NotPlain, RecursionError):
        return None
    except (TooManyNodes, _PyMarkedYAMLError):
        raise
    except Exception:
        return None
    if node is None:
        return None
    yaml = make_yaml()
    constructor = yaml.constructor
    assert isinstance(constructor, _RecordingConstructor)
    try:
        data = constructor.construct_document(node)
    except Exception:
        return None
    return Parsed(node, data, constructor.objects_by_node, [])


class _EventComposer:
    """Builds ruamel nodes straight from libyaml's events, resolving plain scalars the YAML
    1.2 way (as ruamel does).

    Going from events rather than through libyaml's own node tree costs no more, and lets a
    front matter with too many nodes be refused when the count is passed, before the rest
    of it takes any memory.
    """

    def __init__(self, loader: Any, max_nodes: int) -> None:
        self.loader = loader
        self.max_nodes = max_nodes
        resolver = VersionedResolver()
        self.seq_tag = resolver.resolve(SequenceNode, None, (True, False))
        self.map_tag = resolver.resolve(MappingNode, None, (True, False))
        self.str_tag = resolver.resolve(ScalarNode, "", (False, True))
        # ``VersionedResolver.resolve`` looks the YAML version up again for every scalar; take
        # its table once (the same one: YAML 1.2, as ruamel reads a text without %YAML).
        self.implicit_by_first_char: dict[Any, list[tuple[str, Any]]] = resolver.versioned_resolver
        self.tags: dict[str, Tag] = {}

    def plain_tag(self, value: str) -> Any:
        table = self.implicit_by_first_char
        for suffix, regexp in table.get(value[0], []) + table.get(None, []):
            if regexp.match(value):
                tag = self.tags.get(suffix)
                if tag is None:
                    tag = self.tags[suffix] = Tag(suffix=suffix)
                return tag
        return self.str_tag

    def compose(self) -> Node | None:
        get_event = self.loader.get_event
        get_event()  # stream start
        if not isinstance(get_event(), _PyDocumentStartEvent):
            return None  # an empty stream
        plain_tag = self.plain_tag
        str_tag = self.str_tag
        budget = self.max_nodes
        # Open collections: [start event, children]; a mapping's children alternate key, value.
        stack: list[tuple[Any, list[Any]]] = []
        root: Node | None = None
        while True:
            event = get_event()
            kind = type(event)
            if kind is _PyScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    raise _NotPlain("properties")
                style = event.style or None  # libyaml says '' for plain
                value = event.value
                if style is None and value == "":
                    # libyaml places empty values a character away from ruamel; let ruamel do it.
                    raise _NotPlain("empty value")
                budget -= 1
                if budget < 0:
                    raise TooManyNodes(self.max_nodes)
                tag = plain_tag(value) if style is None else str_tag
                node: Node = ScalarNode(tag, value, event.start_mark, event.end_mark, style=style)
            elif kind is _PySequenceStartEvent or kind is _PyMappingStartEvent:
                if event.anchor is not None or event.tag is not None:
                    raise _NotPlain("properties")
                budget -= 1
                if budget < 0:
                    raise TooManyNodes(self.max_nodes)
                stack.append((event, []))
                continue
            elif kind is _PySequenceEndEvent:
                start, items = stack.pop()
                node = SequenceNode(
                    self.seq_tag,
                    items,
                    start.start_mark,
                    event.end_mark,
                    flow_style=start.flow_style,
                )
            elif kind is _PyMappingEndEvent:
                start, items = stack.pop()
                pairs = list(zip(items[0::2], items[1::2], strict=True))
                node = MappingNode(
                    self.map_tag,
                    pairs,
                    start.start_mark,
                    event.end_mark,
                    flow_style=start.flow_style,
                )
            elif kind is _PyDocumentEndEvent:
                break
            else:  # an alias
                raise _NotPlain(kind.__name__)
            if stack:
                stack[-1][1].append(node)
            else:
                root = node
        if not isinstance(get_event(), _PyStreamEndEvent):
            return None  # more than one document: ruamel reports it
        return root

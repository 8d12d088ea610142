"""Round-trip loading with ruamel.yaml that also remembers where every node came from.

The minimal-diff writer needs, for every value it may copy, the exact span of source text
it was read from. ruamel's constructor forgets which node made which object, and its
composer forgets where aliases were written, so the subclasses below record both.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import Node

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
    """Parse ``text``; raises ruamel's own errors, which the caller turns into ``DocumentError``."""
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

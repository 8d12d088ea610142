"""Where each value of the front matter was read from (placeholder, replaced below)."""

from __future__ import annotations

from typing import Any

from editor.core.loader import Parsed


class SourceMap:
    def __init__(self, text: str, parsed: Parsed) -> None:
        self.text = text
        self.parsed = parsed
        self.root = parsed.node

    def locate(self, path: tuple[Any, ...]) -> tuple[int, int]:
        node: Any = self.root
        best = (node.start_mark.line, node.start_mark.column)
        for key in path:
            nxt = None
            if node.id == "mapping":
                for knode, vnode in node.value:
                    if self.parsed.objects_by_node.get(id(knode)) == key:
                        best = (knode.start_mark.line, knode.start_mark.column)
                        nxt = vnode
                        break
            elif node.id == "sequence" and isinstance(key, int) and 0 <= key < len(node.value):
                nxt = node.value[key]
                best = (nxt.start_mark.line, nxt.start_mark.column)
            if nxt is None:
                break
            node = nxt
        return best


def build_source_map(text: str, parsed: Parsed) -> SourceMap:
    return SourceMap(text, parsed)

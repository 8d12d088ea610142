"""The plan of the code is checked, not just followed: no import cycles among editor's modules.

The layer rules themselves are import-linter contracts in pyproject.toml (``lint-imports`` in
.ci/test); this test adds what import-linter has no contract for: no module of ``editor``
imports, directly or through others, a module that imports it back. Imports made only for
type checking or inside functions count too: a cycle hidden that way is still a cycle.
"""

from __future__ import annotations

import grimp


def strongly_connected_components(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative: components with more than one module are cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, list[str]]] = [(root, sorted(graph[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, pending = work[-1]
            if pending:
                child = pending.pop()
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, sorted(graph.get(child, ()))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return components


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert strongly_connected_components(graph) == [["a", "b", "c"]]
    assert strongly_connected_components({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles_among_editor_modules() -> None:
    graph = grimp.build_graph("editor")
    modules = {m for m in graph.modules if m.startswith("editor")}
    # A package's __init__ importing its own children is not a cycle between modules.
    imports = {
        m: {
            other
            for other in graph.find_modules_directly_imported_by(m)
            if other in modules and not other.startswith(m + ".")
        }
        for m in modules
    }
    assert strongly_connected_components(imports) == []

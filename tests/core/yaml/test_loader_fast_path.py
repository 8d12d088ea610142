"""The libyaml fast path must build exactly what ruamel builds: same data, same types, same
node spans (the writer copies text by those spans)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import corpus_files

from editor.core import Document
from editor.core.yaml.frontmatter import split_front_matter
from editor.core.yaml.loader import Parsed, _fast_parse, _ruamel_parse

SUITE = Path(__file__).resolve().parents[4] / "shared" / "yaml-test-suite"


def typed(value: Any) -> Any:
    if isinstance(value, dict):
        return ("map", type(value).__name__, [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", type(value).__name__, [typed(v) for v in value])
    return (type(value).__name__, value)


def spans(node: Any) -> list[tuple[Any, ...]]:
    found = [
        (
            type(node).__name__,
            node.start_mark.index,
            node.end_mark.index,
            getattr(node, "style", None),
            getattr(node, "flow_style", None),
            str(node.tag),
        )
    ]
    if isinstance(node.value, list):
        for child in node.value:
            for part in child if isinstance(child, tuple) else (child,):
                found.extend(spans(part))
    return found


def assert_same(fast: Parsed, pure: Parsed) -> None:
    assert typed(fast.data) == typed(pure.data)
    assert spans(fast.node) == spans(pure.node)


@pytest.mark.corpus
def test_fast_path_matches_ruamel_on_every_episode() -> None:
    for path in corpus_files():
        front = split_front_matter(path.read_text(encoding="utf-8")).front_matter
        fast = _fast_parse(front)
        assert fast is not None, f"{path.name} should take the fast path"
        assert_same(fast, _ruamel_parse(front))


def test_fast_path_matches_ruamel_on_the_yaml_test_suite() -> None:
    cases = sorted(SUITE.glob("*.yaml"))
    if not cases:
        pytest.skip("../shared/yaml-test-suite is not present")
    compared = 0
    for case in cases:
        text = case.read_text(encoding="utf-8", errors="replace")
        try:
            pure = _ruamel_parse(text)
        except Exception:
            continue
        fast = _fast_parse(text)
        if fast is None or pure.node is None:
            continue
        assert_same(fast, pure)
        compared += 1
    assert compared > 50


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: !custom 1\n",
        "a:\n  b:\n",
        "a: " + "[" * 100 + "]" * 100 + "\n",
    ],
)
def test_fast_path_leaves_anchors_tags_empty_values_and_deep_nesting_to_ruamel(text: str) -> None:
    assert _fast_parse(text) is None


def test_pure_loader_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "---\ntitle: x\nseason: 3\ntime: 1:11\n---\n"
    fast_doc = Document.from_text(text)
    monkeypatch.setenv("EPISODE_EDITOR_PURE_LOADER", "1")
    pure_doc = Document.from_text(text)
    assert typed(fast_doc.data) == typed(pure_doc.data)
    assert pure_doc.data["time"] == "1:11"

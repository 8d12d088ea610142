"""The wrapped, elided text of a transcript cell: shaping only the start of a long text must
show exactly what laying out the whole text shows."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import corpus_files
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout
from PySide6.QtWidgets import QApplication

from editor.core import Document
from editor.qt.tabs.transcript.delegates import wrapped_lines


def whole_text_lines(text: str, font: Any, width: int, max_lines: int) -> list[tuple[int, str]]:
    """The reference: the whole text laid out, the rest of it elided."""
    flat = text.replace("\n", " ")
    layout = QTextLayout(flat, font)
    layout.beginLayout()
    spans: list[tuple[int, int]] = []
    while len(spans) <= max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    lines = [(start, flat[start : start + length].rstrip()) for start, length in spans[:max_lines]]
    if len(spans) > max_lines and lines:
        start = spans[max_lines - 1][0]
        rest = QFontMetrics(font).elidedText(flat[start:], Qt.TextElideMode.ElideRight, width)
        lines[-1] = (start, rest)
    return lines


WORDS = [
    "the", "tide", "tables", "were", "harbour", "data", "pipeline", "—", "“quoted”", "it’s",
    "well-known", "https://example.org/a/very/long/path/that/does/not/break", "MMMMMMMM",
    "iiiiiiii", "…", "3:45", "Ünïcödé", "数据", "و", "\n", "  ", "a", "(parenthesis)",
]  # fmt: skip


@pytest.fixture(scope="module")
def font(qapp: QApplication) -> QFont:
    return QApplication.font()


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), max_size=400),
    width=st.integers(min_value=40, max_value=900),
    max_lines=st.integers(min_value=1, max_value=4),
)
def test_a_prefix_wraps_and_elides_as_the_whole_text(
    font: QFont, words: list[str], width: int, max_lines: int
) -> None:
    text = " ".join(words)
    assert wrapped_lines(text, font, width, max_lines) == whole_text_lines(
        text, font, width, max_lines
    )


@pytest.mark.corpus
def test_every_real_line_wraps_as_the_whole_text(font: QFont) -> None:
    texts = []
    for path in corpus_files():
        transcript = Document.load(path).data.get("transcript") or []
        texts += [
            str(item["line"]) for item in transcript if isinstance(item, dict) and "line" in item
        ]
    assert len(texts) > 1000
    for width in (160, 674):
        for text in texts[::3]:
            assert wrapped_lines(text, font, width, 2) == whole_text_lines(text, font, width, 2)

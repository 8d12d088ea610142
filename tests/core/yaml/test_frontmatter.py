"""The front-matter splitter and the errors of Document loading."""

from __future__ import annotations

import pytest

from editor.core import Document, DocumentError
from editor.core.yaml.frontmatter import split_front_matter


def test_split_parts_concatenate_to_the_input() -> None:
    text = "---\ntitle: A\n---\nbody\n---\nmore\n"
    split = split_front_matter(text)
    assert split.prefix == "---\n"
    assert split.front_matter == "title: A\n"
    assert split.closing == "---\n"
    assert split.body == "body\n---\nmore\n"
    assert split.prefix + split.front_matter + split.closing + split.body == text


def test_split_accepts_bom_crlf_trailing_spaces_and_dots_closing() -> None:
    text = "\ufeff---  \r\na: 1\r\n...\r\nbody"
    split = split_front_matter(text)
    assert split.has_bom
    assert split.front_matter == "a: 1\r\n"
    assert split.closing == "...\r\n"
    assert split.body == "body"


def test_closing_line_without_newline_and_empty_body() -> None:
    split = split_front_matter("---\na: 1\n---")
    assert split.closing == "---"
    assert split.body == ""


def test_a_dashes_prefix_inside_a_line_does_not_close() -> None:
    split = split_front_matter("---\na: '---x'\nb: ---not\n---\n")
    assert split.front_matter == "a: '---x'\nb: ---not\n"


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("title: no front matter\n", 1, "no front matter"),
        ("stray text\n---\na: 1\n---\n", 1, "no front matter"),
        ("---\na: 1\nb: 2\n", 4, "never closed"),
        ("---\na: [1, 2\n---\n", 3, "YAML syntax error"),
        ("---\n- a\n- b\n---\n", 2, "must be a mapping"),
        ("---\na: 1\n  b: 2\n---\n", 3, "YAML syntax error"),
    ],
)
def test_unopenable_text_raises_document_error_with_position(
    text: str, line: int, fragment: str
) -> None:
    with pytest.raises(DocumentError) as caught:
        Document.from_text(text)
    assert fragment in caught.value.message
    assert caught.value.line == line
    assert caught.value.column >= 1


def test_non_utf8_bytes_raise_document_error_with_position() -> None:
    with pytest.raises(DocumentError) as caught:
        Document.from_bytes(b"---\ntitle: caf\xe9\n---\n")
    assert "UTF-8" in caught.value.message
    assert (caught.value.line, caught.value.column) == (2, 11)


def test_empty_front_matter_opens_as_an_empty_mapping() -> None:
    doc = Document.from_text("---\n---\nbody\n")
    assert dict(doc.data) == {}
    assert doc.to_text() == "---\n---\nbody\n"
    doc.data["title"] = "New"
    assert doc.to_text() == "---\ntitle: New\n---\nbody\n"

"""The Changes view's content: unified diff against disk and the transcript-terms summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_EPISODE

from editor.core import Document
from editor.core.files.changes import review, review_against_disk, summarize, unified_diff


def _sample() -> tuple[str, Document]:
    text = SAMPLE_EPISODE.read_text(encoding="utf-8")
    return text, Document.from_text(text, SAMPLE_EPISODE)


def _section_slice(transcript: list, number: int) -> tuple[int, int]:
    """(start, end) of the ``number``-th (1-based) section: its header and its lines."""
    headers = [i for i, item in enumerate(transcript) if "header" in item]
    start = headers[number - 1]
    end = headers[number] if number < len(headers) else len(transcript)
    return start, end


def test_unchanged_document_has_no_diff_and_no_summary() -> None:
    text, doc = _sample()
    report = review(doc, text)
    assert report.diff == ""
    assert report.summary == []
    assert not report.has_changes
    assert not report.changed_on_disk


def test_title_change_diff_and_summary() -> None:
    text, doc = _sample()
    doc.data["title"] = "A new title"
    report = review(doc, text)
    assert report.summary == ["title changed"]
    assert report.diff.startswith(
        "--- a/tide-charts-and-lamp-oil.md\n+++ b/tide-charts-and-lamp-oil.md\n"
    )
    lines = report.diff.splitlines()
    removed = [line for line in lines if line.startswith("-") and not line.startswith("---")]
    added = [line for line in lines if line.startswith("+") and not line.startswith("+++")]
    assert any("Tide Charts & Lamp Oil" in line for line in removed)
    assert any("A new title" in line for line in added)


def test_section_moved_is_reported_with_positions() -> None:
    old = Document.from_text(SAMPLE_EPISODE.read_text(encoding="utf-8")).data
    _, doc = _sample()
    transcript = doc.data["transcript"]
    headers = [item["header"] for item in transcript if "header" in item]
    assert len(headers) >= 3
    start, end = _section_slice(transcript, 2)
    block = transcript[start:end]
    del transcript[start:end]
    transcript.extend(block)  # section 2 becomes the last one
    assert summarize(old, doc.data) == [f"section '{headers[1]}' moved from 2 to {len(headers)}"]


def test_lines_retimed_edited_added_and_speaker() -> None:
    old = Document.from_text(SAMPLE_EPISODE.read_text(encoding="utf-8")).data
    _, doc = _sample()
    transcript = doc.data["transcript"]
    lines = [item for item in transcript if "line" in item]
    lines[0]["sec"] = 4
    lines[0]["time"] = "0:04"
    lines[1]["sec"] = 39
    lines[2]["line"] = "A reworded question."
    lines[3]["who"] = "Someone else"
    transcript.append({"line": "A closing remark.", "sec": 9999, "time": "2:46:39", "who": "Ada"})
    assert summarize(old, doc.data) == [
        "1 line edited",
        "1 line added",
        "2 lines retimed",
        "speaker changed on 1 line",
    ]


def test_sections_added_removed_renamed() -> None:
    old = {"transcript": [{"header": "Intro"}, {"header": "Middle"}, {"header": "End"}]}
    new = {"transcript": [{"header": "Intro"}, {"header": "Centre"}, {"header": "Bonus"}]}
    assert summarize(old, new) == [
        "section 'Middle' renamed to 'Centre'",
        "section 'End' renamed to 'Bonus'",
    ]
    new = {"transcript": [{"header": "New first"}, {"header": "Intro"}, {"header": "Middle"}]}
    assert summarize(old, new) == ["section 'New first' added at 1", "section 'End' removed"]
    inserted = {"transcript": [{"header": "Intro"}, {"header": "X"}, *old["transcript"][1:]]}
    assert summarize(old, inserted) == ["section 'X' added at 2"]  # shifted ones did not move


def test_clips_added_removed_retimed_renamed_reordered() -> None:
    a = {"name": "A", "startOffset": 0, "endOffset": 10, "url": "u0"}
    b = {"name": "B", "startOffset": 10, "endOffset": 20, "url": "u10"}
    c = {"name": "C", "startOffset": 20, "endOffset": 30, "url": "u20"}
    old = {"quotableClips": [a, b]}
    assert summarize(old, {"quotableClips": [a, b, c]}) == ["clip 'C' added"]
    assert summarize(old, {"quotableClips": [a]}) == ["clip 'B' removed"]
    assert summarize(old, {"quotableClips": [b, a]}) == ["clips reordered"]
    assert summarize(old, {"quotableClips": [a, {**b, "endOffset": 25}]}) == ["clip 'B' retimed"]
    assert summarize(old, {"quotableClips": [a, {**b, "name": "Bee"}]}) == [
        "clip 'B' renamed to 'Bee'"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ({"guests": ["ada"]}, {"guests": ["ada", "bo"]}, ["guest 'bo' added"]),
        ({"guests": ["ada", "bo"]}, {"guests": ["bo"]}, ["guest 'ada' removed"]),
        ({"guests": ["ada"]}, {"guests": ["adaq"]}, ["guest 'ada' renamed to 'adaq'"]),
        ({"topics": ["a", "b"]}, {"topics": ["b", "a"]}, ["topics reordered"]),
        ({"links": {"apple": "TODO"}}, {"links": {"apple": "https://x"}}, ["links.apple changed"]),
        ({"season": 1}, {"season": 1, "episode": 2}, ["episode added"]),
        ({"season": 1, "intro": "x"}, {"season": 1}, ["intro removed"]),
    ],
)
def test_other_fields(old: dict, new: dict, expected: list[str]) -> None:
    assert summarize(old, new) == expected


def test_review_when_disk_changed_or_vanished_or_broken(tmp_path: Path) -> None:
    text, doc = _sample()
    doc.data["title"] = "Mine"
    other = text.replace("season: 3", "season: 4")
    report = review(doc, other)
    assert report.changed_on_disk
    assert report.summary == ["title changed", "season changed"]
    assert review(doc, None).summary == ["the file no longer exists on disk: Save creates it"]
    broken = review(doc, "---\ntitle: [\n---\n")
    assert broken.summary[0].startswith("the file on disk cannot be read")


def test_unified_diff_marks_missing_final_newline() -> None:
    assert unified_diff("a\n", "a\n") == ""
    diff = unified_diff("a\nb", "a\nc\n", "f.md")
    assert "-b\n\\ No newline at end of file\n+c\n" in diff


def test_review_against_disk_reads_the_file(tmp_path: Path) -> None:
    path = tmp_path / "e.md"
    path.write_text("---\ntitle: Old\n---\nBody\n", encoding="utf-8")
    doc = Document.load(path)
    doc.data["title"] = "New"
    report = review_against_disk(doc)
    assert report.summary == ["title changed"]
    assert "-title: Old\n+title: New\n" in report.diff
    path.unlink()
    assert review_against_disk(doc).summary == [
        "the file no longer exists on disk: Save creates it"
    ]


# -- the Changes view (Qt) -----------------------------------------------------------------


def test_changes_dialog_shows_summary_and_coloured_diff(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor

    from editor.qt.common.changes_view import ChangesDialog, diff_line_kind

    text, doc = _sample()
    doc.data["title"] = "A new title"
    dialog = ChangesDialog(review(doc, text), "tide.md")
    qtbot.addWidget(dialog)
    view = dialog.view
    assert [view.summary.item(i).text() for i in range(view.summary.count())] == ["Title changed"]
    assert "Save would change 2 lines" in view.heading.text()
    assert '+title: "A new title"' in view.diff.toPlainText()
    block = view.diff.document().findBlockByNumber(0)
    while block.isValid() and not block.text().startswith("+title"):
        block = block.next()
    formats = block.layout().formats()
    assert formats and formats[0].format.background().color() != QColor()
    assert [diff_line_kind(x) for x in ("+++ b", "--- a", "@@ -1", "+x", "-y", " z", "\\ No")] == [
        "file",
        "file",
        "hunk",
        "added",
        "removed",
        "context",
        "note",
    ]


def test_changes_dialog_without_changes(qtbot) -> None:  # type: ignore[no-untyped-def]
    from editor.qt.common.changes_view import ChangesDialog

    text, doc = _sample()
    dialog = ChangesDialog(review(doc, text), "tide.md", confirm=True)
    qtbot.addWidget(dialog)
    assert "would not change" in dialog.view.heading.text()
    assert dialog.view.summary.isHidden()
    assert dialog.view.diff.toPlainText() == "No changes."

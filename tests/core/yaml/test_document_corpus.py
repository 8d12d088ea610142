"""The document promises, checked over every real episode in ../shared/corpus.

Loading is the expensive part (ruamel parses ~100 ms per episode), so each test loads an
episode once and checks several edits on it; a YAML 1.1 reader (PyYAML, C-accelerated)
checks every edited text, and ruamel re-reads a sample of them.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest
import yaml as pyyaml
from conftest import corpus_files
from ruamel.yaml.comments import CommentedMap

from editor.core import Document

pytestmark = pytest.mark.corpus

SafeLoader = getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader)
EPISODES = corpus_files()


def _diff(before: str, after: str) -> tuple[list[str], list[str]]:
    removed: list[str] = []
    added: list[str] = []
    for line in difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        (removed if line.startswith("-") else added).append(line[1:])
    return removed, added


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def _check_readers_agree(doc: Document, index: int) -> None:
    text = doc.to_text()
    front = text.split("---\n", 1)[1].split("\n---\n", 1)[0] + "\n"
    assert _plain(pyyaml.load(front, Loader=SafeLoader)) == _plain(doc.data)
    if index % 5 == 0:
        assert _plain(Document.from_text(text).data) == _plain(doc.data)


def _sections(transcript: list[Any]) -> list[tuple[int, int]]:
    starts = [i for i, item in enumerate(transcript) if "header" in item]
    return list(zip(starts, [*starts[1:], len(transcript)], strict=False))


@pytest.mark.parametrize("episode", EPISODES, ids=lambda p: p.stem[:40])
def test_noop_identity_and_single_value_edits(episode: Path) -> None:
    raw = episode.read_bytes()
    doc = Document.load(episode)
    original = doc.original_text
    assert doc.to_text().encode("utf-8") == raw

    expected_removed: list[str] = []
    expected_added: list[str] = ["addedbytest: A new key\n"]
    doc.data.insert(1, "addedbytest", "A new key")

    lines = original.splitlines(True)
    title_at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    title_lines = [lines[title_at]]
    for line in lines[title_at + 1 :]:
        if not line.startswith(" "):
            break
        title_lines.append(line)
    expected_removed.extend(title_lines)
    doc.data["title"] = "Edited title"
    quote = title_lines[0][len("title: ")]
    quote = quote if quote in "'\"" else ""
    expected_added.append(f"title: {quote}Edited title{quote}\n")

    transcript = doc.data.get("transcript") or []
    spoken = [i for i, item in enumerate(transcript) if "who" in item]
    if spoken:
        row = spoken[len(spoken) // 2]
        line, _ = doc.locate(("transcript", row, "who"))
        expected_removed.append(lines[line - 1])
        transcript[row]["who"] = "Zelda"
        who_quote = lines[line - 1].split("who: ", 1)[1][0]
        who_quote = who_quote if who_quote in "'\"" else ""
        expected_added.append(f"  who: {who_quote}Zelda{who_quote}\n")
    clips = doc.data.get("quotableClips") or []
    if clips:
        clip = clips[len(clips) // 2]
        old = clip["startOffset"]
        clip["startOffset"] = old + 7
        expected_removed.append(f"  startOffset: {old}\n")
        expected_added.append(f"  startOffset: {old + 7}\n")

    removed, added = _diff(original, doc.to_text())
    assert sorted(removed) == sorted(expected_removed)
    assert sorted(added) == sorted(expected_added)
    _check_readers_agree(doc, EPISODES.index(episode))


@pytest.mark.parametrize("episode", EPISODES, ids=lambda p: p.stem[:40])
def test_moves_inserts_and_deletes(episode: Path) -> None:
    doc = Document.load(episode)
    original = doc.original_text
    transcript = doc.data.get("transcript")
    if not transcript:
        pytest.skip("no transcript")
    sections = _sections(transcript)
    if len(sections) >= 3:
        start, end = sections[1]
        block = list(transcript[start:end])
        del transcript[start:end]
        transcript.extend(block)
        removed, added = _diff(original, doc.to_text())
        assert removed and sorted(removed) == sorted(added)
        _check_readers_agree(doc, EPISODES.index(episode))
        # Moving it back restores the original bytes: the items kept their identity.
        del transcript[len(transcript) - len(block) :]
        transcript[start:start] = block
        assert doc.to_text() == original

    new_line = CommentedMap(
        [
            ("line", "Yes: a new  line, with # signs and “quotes” that runs past eighty columns."),
            ("sec", 61),
            ("time", "1:01"),
            ("who", "no"),
        ]
    )
    transcript.insert(2, new_line)
    removed, added = _diff(original, doc.to_text())
    assert removed == []
    assert added[0].startswith("- line: ")
    assert "  time: '1:01'\n" in added and "  who: 'no'\n" in added
    del transcript[2]
    assert doc.to_text() == original

    victim = len(transcript) // 2
    victim_lines = doc.to_text().count("\n")
    del transcript[victim]
    removed, added = _diff(original, doc.to_text())
    assert added == []
    assert removed[0].startswith("- ")
    assert doc.to_text().count("\n") == victim_lines - len(removed)
    _check_readers_agree(doc, EPISODES.index(episode))

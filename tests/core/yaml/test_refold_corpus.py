"""Edit-local re-folding on the real corpus: a one-word edit inside one written line of a
long folded transcript value changes at most that one original line of the file."""

from __future__ import annotations

import random

import pytest
from conftest import corpus_files, largest_corpus_file
from refold_cases import sample_edits

pytestmark = pytest.mark.corpus

SEED = 15
FILES = 10
EDITS = 80


def test_one_word_edits_change_at_most_one_original_line() -> None:
    files = corpus_files()
    chosen = sorted({largest_corpus_file(), *random.Random(SEED).sample(files, FILES)})
    results = list(sample_edits(chosen, EDITS, SEED))
    assert len(results) == EDITS
    assert {r.kind for r in results} == {"insert", "delete", "replace"}
    too_many = [(r.path.name, r.kind, r.changed_lines) for r in results if r.changed_lines > 1]
    assert too_many == []
    assert all(r.reads_back for r in results)


def test_replace_all_keeps_untouched_lines(qapp) -> None:  # type: ignore[no-untyped-def]
    from editor.core.episode import transcript as core
    from editor.core.yaml.document import Document
    from editor.qt.editing.session import EpisodeSession
    from editor.qt.tabs.transcript.operations import TranscriptOperations

    session = EpisodeSession()
    session.set_document(Document.load(largest_corpus_file()))
    document = session.document
    assert document is not None
    ops = TranscriptOperations(session)
    query = core.FindQuery(r"\breally\b", regex=True, case_sensitive=True)
    matches = len(core.find_matches(ops.items(), query))
    assert matches >= 10
    assert ops.replace_all(query, "truly") > 0
    removed = changed_original_lines(document.original_text, document.to_text())
    assert 0 < removed <= matches  # folded anew, shorter text pulls up the lines below
    session.undo_stack.undo()
    assert document.to_text() == document.original_text


def changed_original_lines(old: str, new: str) -> int:
    import difflib

    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), n=0, lineterm="")
    return sum(1 for line in diff if line.startswith("-") and not line.startswith("---"))

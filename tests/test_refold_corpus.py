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

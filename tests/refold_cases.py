"""Random one-word edits inside long folded transcript lines of real episodes, and how many
original lines of the file each one changes (shared by the corpus test and the bench)."""

from __future__ import annotations

import difflib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from editor.core.yaml.document import Document

WORDS = ("really", "quite", "(laughs)", "data", "pipeline", "x", "MLOps", "don't")


@dataclass(frozen=True)
class FoldedValue:
    """A transcript value written over several lines, with each line's span in the value."""

    index: int
    key: str
    value: str
    spans: list[tuple[int, int]]


@dataclass(frozen=True)
class EditResult:
    path: Path
    kind: str
    changed_lines: int  # original lines of the file the edit removed or rewrote
    reads_back: bool


def folded_values(document: Document) -> list[FoldedValue]:
    """Plain and single-quoted multi-line ``line:``/``header:`` values of the transcript,
    with the span of the value each written line holds."""
    found: list[FoldedValue] = []
    items = document.data.get("transcript")
    if not isinstance(items, list):
        return found
    text = document.original_text
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        for key in ("line", "header"):
            value = item.get(key)
            if not isinstance(value, str) or key not in item:
                continue
            line_number, _ = document.locate(("transcript", index, key))
            spans = _spans(text, line_number, value)
            if spans is not None and len(spans) > 1:
                found.append(FoldedValue(index, key, str(value), spans))
    return found


def _spans(text: str, line_number: int, value: str) -> list[tuple[int, int]] | None:
    file_lines = text.splitlines()
    first = file_lines[line_number - 1]
    head, sep, rest = first.partition(": ")
    if not sep:
        return None
    quoted = rest.startswith("'")
    contents = [rest]
    for line in file_lines[line_number:]:
        stripped = line.lstrip(" ")
        if not stripped or len(line) - len(stripped) <= len(head) - len(head.lstrip(" -")):
            break
        if stripped.startswith(("line:", "who:", "sec:", "time:", "header:", "- ")):
            break
        contents.append(stripped)
    if quoted:
        contents[0] = contents[0][1:]
        contents[-1] = contents[-1][:-1]
        contents = [c.replace("''", "'") for c in contents]
    if " ".join(contents) != value:
        return None
    spans = []
    position = 0
    for content in contents:
        spans.append((position, position + len(content)))
        position += len(content) + 1
    return spans


def one_word_edit(rng: random.Random, target: FoldedValue) -> tuple[str, str] | None:
    """(kind, new value) for an insertion, deletion or replacement of one word inside one of
    the value's written lines; None when the chosen line has too few words."""
    start, end = target.spans[rng.randrange(len(target.spans))]
    words = []
    position = start
    for word in target.value[start:end].split(" "):
        if word:
            words.append((position, position + len(word)))
        position += len(word) + 1
    if len(words) < 2:
        return None
    kind = rng.choice(("insert", "delete", "replace"))
    value = target.value
    word_start, word_end = words[rng.randrange(len(words))]
    new_word = rng.choice(WORDS)
    if kind == "insert":
        return kind, value[:word_start] + new_word + " " + value[word_start:]
    if kind == "replace":
        if value[word_start:word_end] == new_word:
            new_word += "s"
        return kind, value[:word_start] + new_word + value[word_end:]
    if word_end < end and value[word_end] == " ":
        return kind, value[:word_start] + value[word_end + 1 :]
    if value[word_start - 1] == " " and word_start - 1 > start:
        return kind, value[: word_start - 1] + value[word_end:]
    return None


def sample_edits(files: list[Path], count: int, seed: int) -> Iterator[EditResult]:
    """``count`` random one-word edits spread over ``files``, each on a fresh document."""
    rng = random.Random(seed)
    documents: dict[Path, Document] = {}
    targets: dict[Path, list[FoldedValue]] = {}
    for path in files:
        document = Document.load(path)
        found = folded_values(document)
        if found:
            documents[path] = document
            targets[path] = found
    paths = sorted(targets)
    made = 0
    while made < count and paths:
        path = rng.choice(paths)
        target = rng.choice(targets[path])
        edit = one_word_edit(rng, target)
        if edit is None:
            continue
        kind, new_value = edit
        document = documents[path]
        item = document.data["transcript"][target.index]
        original_value = item[target.key]
        item[target.key] = new_value
        try:
            written = document.to_text()
        finally:
            item[target.key] = original_value
        removed = [
            line
            for line in difflib.unified_diff(
                document.original_text.splitlines(), written.splitlines(), n=0, lineterm=""
            )
            if line.startswith("-") and not line.startswith("---")
        ]
        reread = Document.from_text(written).data["transcript"][target.index][target.key]
        made += 1
        yield EditResult(path, kind, len(removed), reread == new_value)

"""Opening and saving grow linearly with the transcript.

These guard the complexity, not the speed: each compares the same operation on a transcript
and on one four times as long, measured side by side in one run (best of three, so a busy
machine does not fail them). Linear work takes 4x as long; the margin allows 6.5x. Work that
grows with the square of the size (a search back over the whole text for every value, as
opening once did) takes 8-16x at these sizes.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from editor.core import Document

SMALL, LARGE = 2_000, 8_000
GROWTH_LIMIT = 6.5
SENTENCE = "So the tide tables were the first data set I cleaned, and it took weeks to get right"


def episode(items: int) -> str:
    """A transcript of ``items`` lines of real length (about 250 characters, folded)."""
    lines = ["---", "title: Scale", "guests:", "- ada", "transcript:"]
    for index in range(items):
        if index % 20 == 0:
            lines.append(f"- header: 'Section {index // 20}: the harbour'")
            continue
        lines += [
            f"- line: {SENTENCE} (take {index}). {SENTENCE},",
            f"    and then {SENTENCE.lower()}.",
            f"  sec: {index * 3}",
            f"  time: '{index * 3 // 60}:{index * 3 % 60:02d}'",
            f"  who: {('Ada', 'Noah')[index % 2]}",
        ]
    return "\n".join([*lines, "---", "Body.", ""])


def best_of(repeat: int, function: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)


def growth(operation: Callable[[int], Callable[[], object]]) -> float:
    """Time of ``operation`` on LARGE items over its time on SMALL items."""
    small, large = operation(SMALL), operation(LARGE)
    small()
    large()  # warm-up: imports, caches
    small_times, large_times = [], []
    for _ in range(3):  # interleaved, so both see the same machine load
        small_times.append(best_of(1, small))
        large_times.append(best_of(1, large))
    return min(large_times) / min(small_times)


def test_open_is_linear() -> None:
    def opening(items: int) -> Callable[[], object]:
        text = episode(items)
        return lambda: Document.from_text(text)

    assert growth(opening) <= GROWTH_LIMIT


@pytest.mark.parametrize("edit", ["one-line", "every-line", "section-move"])
def test_save_is_linear(edit: str) -> None:
    def saving(items: int) -> Callable[[], object]:
        document = Document.from_text(episode(items))
        transcript = document.data["transcript"]
        if edit == "one-line":
            transcript[items // 2]["who"] = "Grace"
        elif edit == "every-line":
            for item in transcript:
                if "sec" in item:
                    item["sec"] += 5
        else:
            section = transcript[items // 2 : items // 2 + 20]
            del transcript[items // 2 : items // 2 + 20]
            transcript[40:40] = section
        assert document.to_text() != document.original_text
        return document.to_text

    assert growth(saving) <= GROWTH_LIMIT


def test_no_op_save_is_linear() -> None:
    def saving(items: int) -> Callable[[], object]:
        document = Document.from_text(episode(items))
        return document.to_text

    assert growth(saving) <= GROWTH_LIMIT


@pytest.mark.parametrize("edit", ["one-line", "section-move", "every-line"])
def test_save_compares_each_item_once(edit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save asks whether an item changed at the root, while pairing the moved items and
    while writing each entry; every container is compared with what was loaded once."""
    from editor.core.yaml import render

    items = 400
    document = Document.from_text(episode(items))
    transcript = document.data["transcript"]
    if edit == "one-line":
        transcript[items // 2]["who"] = "Grace"
    elif edit == "section-move":
        section = transcript[items // 2 : items // 2 + 20]
        del transcript[items // 2 : items // 2 + 20]
        transcript[40:40] = section
    else:
        for item in transcript:
            if "sec" in item:
                item["sec"] += 5
    compared: list[tuple[int, int]] = []
    original = render._container_unchanged

    def counting(current: object, record: object, verdicts: object) -> bool:
        compared.append((id(current), id(record)))
        return original(current, record, verdicts)  # type: ignore[arg-type]

    monkeypatch.setattr(render, "_container_unchanged", counting)
    text = document.to_text()
    assert "Grace" in text or edit != "one-line"
    assert len(compared) == len(set(compared))
    # The items, the transcript, the guests, the root, and a moved item tried at two places.
    assert len(compared) <= items + 6

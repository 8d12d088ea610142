"""The change summary follows items by identity, through the editor's own operations, so
lines that share a text cannot confuse it (issue 15)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS_PODCAST, corpus_files, largest_corpus_file
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.episode import clips as clip_core
from editor.core.episode import transcript as core
from editor.core.files.changes import clip_changes, review, transcript_changes
from editor.core.yaml.document import Document
from editor.qt.editing.session import EpisodeSession
from editor.qt.tabs.transcript.operations import TranscriptOperations

pytestmark = pytest.mark.corpus

EPISODES = [
    "developer-personal-brand-learn-in-public.md",  # 96 lines repeat another's text
    "machine-learning-decision-optimization.md",
]
_sessions: dict[Path, EpisodeSession] = {}


def open_session(path: Path) -> EpisodeSession:
    """One session per episode; every example undoes its edits back to the loaded state."""
    if path not in _sessions:
        session = EpisodeSession()
        session.set_document(Document.load(path))
        _sessions[path] = session
    return _sessions[path]


def pairs_of(items: list[Any]) -> list[tuple[Any, Any]]:
    return list(itertools.pairwise(items))


def shorten(name: str) -> str:
    return name if len(name) <= 50 else name[:47] + "…"


def row_of(items: list[Any], item: Any) -> int:
    return next(n for n, candidate in enumerate(items) if candidate is item)


def episodes() -> list[Path]:
    corpus_files()
    return [largest_corpus_file(), *(CORPUS_PODCAST / name for name in EPISODES)]


@pytest.mark.parametrize("path", episodes(), ids=lambda p: p.stem[:30])
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_summary_counts_equal_the_operations_effects(qapp, path: Path, data: Any) -> None:
    session = open_session(path)
    document = session.document
    assert document is not None
    try:
        check_one_sequence(session, document, data.draw)
    finally:
        while session.undo_stack.canUndo():
            session.undo_stack.undo()
    baseline = document.baseline_items
    ops = TranscriptOperations(session)
    assert transcript_changes(baseline["transcript"], ops.items()).describe() == [
        "transcript changed"
    ]


def check_one_sequence(session: EpisodeSession, document: Document, draw: Any) -> None:
    ops = TranscriptOperations(session)
    items = ops.items()
    lines = [i for i in items if core.is_line(i) and "sec" in i]
    headers = [i for i in items if core.is_header(i)]

    deleted = draw(st.lists(st.sampled_from(lines), max_size=3, unique_by=id))
    alive = [i for i in lines if all(i is not d for d in deleted)]
    retimed = draw(st.lists(st.sampled_from(alive), max_size=4, unique_by=id))
    speakers = draw(st.lists(st.sampled_from(alive), max_size=4, unique_by=id))
    edited = draw(st.lists(st.sampled_from(alive), max_size=4, unique_by=id))
    inserted_after = draw(st.lists(st.sampled_from(alive), max_size=3))
    section = (
        draw(st.none() | st.tuples(st.sampled_from(headers), st.sampled_from([-1, 1])))
        if headers
        else None
    )
    # A line moved past its next neighbour (a line that stays) is one moved line.
    staying = {id(i) for i in alive}
    pairs = [(a, b) for a, b in pairs_of(items) if id(a) in staying and id(b) in staying]
    line_move = draw(st.none() | st.sampled_from(pairs)) if pairs else None

    clips = document.data.get("quotableClips") or []
    removed_clips = (
        draw(st.lists(st.sampled_from(clips), max_size=2, unique_by=id)) if clips else []
    )
    kept_clips = [c for c in clips if all(c is not r for r in removed_clips)]
    renamed_clips = (
        draw(st.lists(st.sampled_from(kept_clips), max_size=2, unique_by=id)) if kept_clips else []
    )
    retimed_clips = (
        draw(st.lists(st.sampled_from(kept_clips), max_size=2, unique_by=id)) if kept_clips else []
    )
    added_clips = draw(st.integers(min_value=0, max_value=2))

    speaker_changes = sum(1 for i in speakers if i.get("who") != "Zed Quinn")
    sections_moved = 0
    lines_moved = 0

    structural: list[Any] = []
    if section is not None:
        structural.append(("section", section))
    if line_move is not None:
        structural.append(("line", line_move))
    for kind, what in draw(st.permutations(structural)):
        current = ops.items()
        if kind == "section":
            header, delta = what
            if ops.move_section(row_of(current, header), delta) is not None:
                sections_moved += 1
        else:
            first, second = what
            row = row_of(current, first)
            if current[row + 1] is second and ops.move_rows([row], 1) is not None:
                lines_moved += 1

    edits: list[tuple[str, Any]] = [
        *(("delete", i) for i in deleted),
        *(("retime", i) for i in retimed),
        *(("speaker", i) for i in speakers),
        *(("edit", i) for i in edited),
        *(("insert", i) for i in inserted_after),
        *(("remove clip", c) for c in removed_clips),
        *(("rename clip", c) for c in renamed_clips),
        *(("retime clip", c) for c in retimed_clips),
        *(("add clip", None) for _ in range(added_clips)),
    ]
    for kind, item in draw(st.permutations(edits)):
        current = ops.items()
        if kind == "delete":
            assert ops.delete_rows([row_of(current, item)]) is None
        elif kind == "retime":
            row = row_of(current, item)
            for edit in core.line_time_edits(item, row, int(item["sec"]) + 100_000, ops.style()):
                session.set_value(edit.path, edit.value)
        elif kind == "speaker":
            assert ops.set_speaker([row_of(current, item)], "Zed Quinn") is None
        elif kind == "edit":
            row = row_of(current, item)
            new = core.like_style(item["line"], core.text_of(item["line"]) + " (edited)")
            session.set_value(("transcript", row, "line"), new)
        elif kind == "insert":
            ops.insert_line_after(row_of(current, item))
        else:
            clip_list = document.data["quotableClips"]
            if kind == "remove clip":
                session.remove_items(("quotableClips",), row_of(clip_list, item), 1)
            elif kind == "rename clip":
                row = row_of(clip_list, item)
                session.set_value(("quotableClips", row, "name"), f"Renamed {row}")
            elif kind == "retime clip":
                row = row_of(clip_list, item)
                start = clip_core.clip_start(item) or 0
                session.set_value(("quotableClips", row, "startOffset"), start + 1)
                url = clip_core.url_after_start_change(item.get("url"), start + 1)
                if url is not None:
                    session.set_value(("quotableClips", row, "url"), url)
            else:
                values = clip_core.new_clip_values("New clip", 1, 5, "abc")
                session.insert_items(("quotableClips",), len(clip_list), [values])

    baseline = document.baseline_items
    found = transcript_changes(baseline["transcript"], ops.items())
    assert len(found.sections_moved) == sections_moved
    assert found.lines_moved == lines_moved
    assert found.lines_removed == len(deleted)
    assert found.lines_added == len(inserted_after)
    assert found.lines_retimed == len(retimed)
    assert found.speaker_changed == speaker_changes
    assert found.lines_edited == len(edited)
    assert not found.sections_added and not found.sections_removed
    if clips:
        clip_found = clip_changes(baseline["quotableClips"], document.data["quotableClips"])
        assert len(clip_found.removed) == len(removed_clips)
        assert len(clip_found.added) == added_clips
        assert len(clip_found.renamed) == len(renamed_clips)
        assert len(clip_found.retimed) == len(retimed_clips)
        assert clip_found.edited == []
        assert clip_found.moved == []


# -- the cases from the issue, through ``review`` as the Review Changes dialog calls it ----


def loaded(name: str) -> tuple[str, EpisodeSession]:
    path = CORPUS_PODCAST / name if name else largest_corpus_file()
    text = path.read_text(encoding="utf-8")
    session = EpisodeSession()
    session.set_document(Document.from_text(text, path))
    return text, session


def summary(session: EpisodeSession, disk_text: str) -> list[str]:
    assert session.document is not None
    return review(session.document, disk_text).summary


def test_every_section_move_on_the_largest_episode_is_one_section_moved(qapp) -> None:
    text, session = loaded("")
    ops = TranscriptOperations(session)
    header_rows = [n for n, item in enumerate(ops.items()) if core.is_header(item)]
    for number, row in enumerate(header_rows[:-1], 1):
        title = core.text_of(ops.items()[row]["header"])
        assert ops.move_section(row, 1) is not None
        assert summary(session, text) == [
            f"section '{shorten(title)}' moved from {number} to {number + 1}"
        ], number
        session.undo_stack.undo()


def test_moved_line_and_a_line_retimed_and_edited(qapp) -> None:
    text, session = loaded("")
    ops = TranscriptOperations(session)
    rows = [n for n, item in enumerate(ops.items()) if core.is_line(item)]
    row = next(r for r in rows if r + 1 in rows)
    assert ops.move_rows([row], 1) is not None
    assert summary(session, text) == ["1 line moved"]
    session.undo_stack.undo()
    item = ops.items()[row]
    for edit in core.line_time_edits(item, row, int(item["sec"]) + 3, ops.style()):
        session.set_value(edit.path, edit.value)
    session.set_value(("transcript", row, "line"), "Reworded.")
    assert summary(session, text) == ["1 line edited", "1 line retimed"]


def test_removing_clip_4_and_renaming_clip_6(qapp) -> None:
    text, session = loaded("data-engineering-tools-modern-data-stack.md")
    clips = session.get(("quotableClips",))
    fourth, sixth = core.text_of(clips[3]["name"]), core.text_of(clips[5]["name"])
    session.remove_items(("quotableClips",), 3, 1)
    session.set_value(("quotableClips", 4, "name"), "Renamed")
    assert summary(session, text) == [
        f"clip '{shorten(sixth)}' renamed to 'Renamed'",
        f"clip '{shorten(fourth)}' removed",
    ]


def test_a_clip_removed_and_another_added_is_not_a_rename(qapp) -> None:
    text, session = loaded("data-engineering-tools-modern-data-stack.md")
    clips = session.get(("quotableClips",))
    first = core.text_of(clips[0]["name"])
    session.remove_items(("quotableClips",), 0, 1)
    new = clip_core.new_clip_values("New clip", 10, 20, "abc")
    session.insert_items(("quotableClips",), len(clips), [new])
    assert summary(session, text) == ["clip 'New clip' added", f"clip '{shorten(first)}' removed"]


def test_metadata_in_the_same_terms(qapp) -> None:
    text, session = loaded("data-engineering-tools-modern-data-stack.md")
    guests = list(session.get(("guests",)))
    session.set_value(("title",), "Another title")
    session.set_value(("guests",), [*guests, "new-guest"])
    assert summary(session, text) == ["title changed", "guest 'new-guest' added"]


def test_after_saving_only_later_edits_are_summarised(qapp, tmp_path: Path) -> None:
    _, session = loaded("data-engineering-tools-modern-data-stack.md")
    document = session.document
    assert document is not None
    target = tmp_path / "episode.md"
    ops = TranscriptOperations(session)
    header = next(n for n, item in enumerate(ops.items()) if core.is_header(item))
    ops.move_section(header, 1)
    document.save(target)
    saved = target.read_text(encoding="utf-8")
    assert review(document, saved).diff == ""
    session.set_value(("title",), "Later")
    report = review(document, saved)
    assert report.summary == ["title changed"]
    assert not report.changed_on_disk

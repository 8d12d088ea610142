"""Pure clip logic: URLs, chapters, sections, overlaps and gaps, snapping, the time scale."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from conftest import CORPUS_SITE, SAMPLE_EPISODE, corpus_files
from hypothesis import given
from hypothesis import strategies as st

from editor.core import Document
from editor.core.episode.clips import (
    CLIPS_KEY,
    Chapter,
    ProposedClip,
    TimeScale,
    build_clip_url,
    chapter_warnings,
    chapters_from_clips,
    check_clip_url,
    clips_from_chapters,
    clips_from_sections,
    diff_clips,
    episode_duration,
    format_chapters,
    is_openable_url,
    lines_in_range,
    new_clip_values,
    overlaps_and_gaps,
    parse_chapters,
    parse_clip_url,
    read_chapter_file,
    snap_time,
    sync_operations,
    transcript_sections,
    url_after_start_change,
    write_chapter_file,
)
from editor.core.episode.fields import apply_episode_edits
from editor.core.yaml.edits import Edit, MoveItems

CORPUS_TIMESTAMPS = CORPUS_SITE / "podcast-timestamps"


def apply_ops(clips: list[dict[str, Any]], ops: list[Edit]) -> list[dict[str, Any]]:
    """The clips after ``ops``, applied by the core function the app uses."""
    data: dict[str, Any] = {CLIPS_KEY: [dict(c) for c in clips]}
    apply_episode_edits(data, ops)
    return list(data[CLIPS_KEY])


def fast_front_matter(path: Any) -> Any:
    """PyYAML's C loader: ten times faster than the round-trip loader, same values here."""
    text = path.read_text(encoding="utf-8")
    front = text.split("\n---", 1)[0].removeprefix("---\n")
    return yaml.load(front, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def clip(name: str, start: int, end: int, vid: str = "AbCdEfGhIjK") -> dict[str, Any]:
    return new_clip_values(name, start, end, vid)


# -- URLs --------------------------------------------------------------------------


def test_parse_and_build_usual_url() -> None:
    parsed = parse_clip_url("https://www.youtube.com/watch?v=AbC-_1&t=41")
    assert parsed is not None
    assert (parsed.video_id, parsed.start) == ("AbC-_1", 41)
    assert parsed.text() == "https://www.youtube.com/watch?v=AbC-_1&t=41"
    assert build_clip_url("X1", 5) == "https://www.youtube.com/watch?v=X1&t=5"
    # the host spelling of an existing URL is kept
    assert build_clip_url("X1", 5, "https://youtube.com/watch?v=Q&t=1") == (
        "https://youtube.com/watch?v=X1&t=5"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=NfAJAr7FvyY&t&t=956",
        "https://youtu.be/NfAJAr7FvyY?t=3",
        "ftp://www.youtube.com/watch?v=a&t=1",
        "",
        None,
        12,
    ],
)
def test_unusual_urls_do_not_parse(url: object) -> None:
    assert parse_clip_url(url) is None
    assert url_after_start_change(url, 10) is None


def test_url_follows_start() -> None:
    url = "https://youtube.com/watch?v=AbC&t=41"
    assert url_after_start_change(url, 50) == "https://youtube.com/watch?v=AbC&t=50"
    assert url_after_start_change(url, 41) is None


def test_check_clip_url() -> None:
    good = check_clip_url("https://www.youtube.com/watch?v=AbC&t=41", "AbC", 41)
    assert good.ok and good.fixed is None
    bad_t = check_clip_url("https://www.youtube.com/watch?v=AbC&t=40", "AbC", 41)
    assert not bad_t.ok and "t=40" in bad_t.message
    assert bad_t.fixed == "https://www.youtube.com/watch?v=AbC&t=41"
    bad_id = check_clip_url("https://www.youtube.com/watch?v=Old&t=41", "AbC", 41)
    assert not bad_id.ok and "Old" in bad_id.message
    assert bad_id.fixed == "https://www.youtube.com/watch?v=AbC&t=41"
    odd = check_clip_url("https://www.youtube.com/watch?v=AbC&t&t=41", "AbC", 41)
    assert not odd.ok and odd.fixed == "https://www.youtube.com/watch?v=AbC&t=41"
    missing = check_clip_url(None, "AbC", 3)
    assert not missing.ok and missing.fixed == "https://www.youtube.com/watch?v=AbC&t=3"
    # nothing to compare against: no complaint
    assert check_clip_url("https://example.org/x", None, 3).ok


def test_openable_urls() -> None:
    assert is_openable_url("https://www.youtube.com/watch?v=a&t=1")
    assert is_openable_url("HTTP://example.org")
    for url in ("file:///etc/passwd", "javascript:alert(1)", "", None, "www.youtube.com"):
        assert not is_openable_url(url)


def test_new_clip_key_order() -> None:
    assert list(new_clip_values("A", 1, 2, "vid")) == ["name", "startOffset", "url", "endOffset"]
    assert list(new_clip_values("A", 1, 2, None)) == ["name", "startOffset", "endOffset"]


# -- sections, lines, duration -----------------------------------------------------


def sample_data() -> Any:
    return Document.load(SAMPLE_EPISODE).data


def test_duration_from_iso_or_last_line() -> None:
    assert episode_duration({"duration": "PT00H12M05S"}) == 725
    assert episode_duration({"duration": "garbage", "transcript": [{"line": "x", "sec": 9}]}) == 9
    assert episode_duration({}) is None


def test_sections_of_the_sample() -> None:
    data = sample_data()
    sections = transcript_sections(data["transcript"], 725)
    assert [(s.header, s.start, s.end) for s in sections] == [
        ("Podcast Introduction", 3, 41),
        ("From Lamp Lighter to Data Keeper", 41, 302),
        ("Cleaning the 1911 Logbook: Ink, Smudges and Missing Days", 302, 560),
        ("A Forecast the Harbour Master Trusts", 560, 725),
    ]


def test_sections_without_timed_lines_are_skipped_with_a_note() -> None:
    transcript = [
        {"header": "Empty"},
        {"line": "untimed"},
        {"header": "Real"},
        {"line": "a", "sec": 10},
        {"header": "Last"},
        {"line": "b", "sec": 30},
    ]
    proposed, notes = clips_from_sections(transcript, None)
    assert proposed == [ProposedClip("Real", 10, 30)]
    assert any("Empty" in n for n in notes) and any("Last" in n for n in notes)


def test_lines_in_range_is_half_open() -> None:
    data = sample_data()
    lines = lines_in_range(data["transcript"], 41, 302)
    assert [line.sec for line in lines] == [41, 50, 118, 125]
    assert lines[0].who == "Bruno"
    assert lines_in_range(data["transcript"], 302, 302) == []
    untimed = lines_in_range(
        [{"line": "a", "sec": 5}, {"line": "b"}, {"line": "c", "sec": 9}], 0, 9
    )
    assert [(line.text, line.sec, line.timed) for line in untimed] == [
        ("a", 5, True),
        ("b", 5, False),
    ]


# -- overlaps, gaps, snapping ------------------------------------------------------


def test_overlaps_and_gaps() -> None:
    clips = [clip("a", 0, 10), clip("b", 8, 20), clip("c", 25, 30), clip("d", 40, 30)]
    found = overlaps_and_gaps(clips)
    assert [(i.kind, i.start, i.end, i.first, i.second) for i in found] == [
        ("overlap", 8, 10, 0, 1),
        ("gap", 20, 25, 1, 2),
    ]
    assert "overlap by 2 s" in found[0].describe(["a", "b", "c", "d"])
    # contiguous clips: nothing to report, whatever the list order
    assert overlaps_and_gaps([clip("b", 10, 20), clip("a", 0, 10)]) == []


def test_snap_time() -> None:
    targets = [3, 38, 41, 50]
    assert snap_time(40.2, targets, 2) == (41, True)
    assert snap_time(45.4, targets, 2) == (45, False)
    assert snap_time(39.4, targets, 2) == (38, True)
    assert snap_time(-3, [], 2) == (0, False)


# -- the time scale ----------------------------------------------------------------


def test_time_scale_round_trip_and_fit() -> None:
    scale = TimeScale(725, width=741, margin=8)
    assert scale.pixels_per_second == pytest.approx(1.0)
    assert scale.x_for(0) == 8
    assert scale.x_for(725) == pytest.approx(733)
    assert scale.time_for(scale.x_for(123.5)) == pytest.approx(123.5)
    assert scale.max_scroll() == 0


def test_time_scale_zoom_keeps_anchor_and_clamps() -> None:
    scale = TimeScale(1000, width=1016, margin=8)
    anchor_time = scale.time_for(300)
    scale.zoom(4, anchor_x=300)
    assert scale.pixels_per_second == pytest.approx(4)
    assert scale.time_for(300) == pytest.approx(anchor_time)
    scale.set_scroll(10**9)
    assert scale.scroll == scale.max_scroll()
    assert scale.visible_range()[1] == pytest.approx(1000)
    scale.zoom(0.001)
    assert scale.pixels_per_second == pytest.approx(scale.fit_pps())
    assert scale.scroll == 0


def test_time_scale_caps_absurd_durations() -> None:
    scale = TimeScale(10**12, width=800)
    scale.zoom(10**6)
    assert scale.max_scroll() < 2**31


def test_time_scale_ensure_visible_and_ticks() -> None:
    scale = TimeScale(3600, width=500)
    scale.zoom(100)
    scale.ensure_visible(3000)
    assert 0 <= scale.x_for(3000) <= 500
    assert scale.tick_step() * scale.pixels_per_second >= 70


@given(
    duration=st.integers(1, 20000),
    width=st.integers(50, 4000),
    factor=st.floats(0.1, 50),
    t=st.floats(0, 20000),
)
def test_time_scale_inverse_property(duration: int, width: int, factor: float, t: float) -> None:
    scale = TimeScale(duration, width)
    scale.zoom(factor, anchor_x=width / 3)
    assert scale.time_for(scale.x_for(t)) == pytest.approx(t, abs=1e-6)
    assert 0 <= scale.scroll <= scale.max_scroll()


# -- chapters ----------------------------------------------------------------------


def test_parse_chapters_forms_and_problems() -> None:
    text = (
        "\ufeff00:00:00 Intro\n2:06 - Guest: Overview\n\n[1:02:03] Late\nnot a chapter\n9:99 Bad\n"
    )
    parsed = parse_chapters(text)
    assert parsed.chapters == [
        Chapter(0, "Intro"),
        Chapter(126, "Guest: Overview"),
        Chapter(3723, "Late"),
    ]
    assert [p.split(":")[0] for p in parsed.problems] == ["line 5", "line 6"]


def test_format_chapters() -> None:
    text = format_chapters([Chapter(0, "Intro"), Chapter(3723, "Late  part")])
    assert text == "00:00:00 Intro\n01:02:03 Late part\n"


def test_chapter_warnings() -> None:
    assert chapter_warnings([Chapter(0, "a"), Chapter(10, "b"), Chapter(30, "c")]) == []
    warnings = chapter_warnings([Chapter(5, "a"), Chapter(9, "b")])
    assert any("00:00:00" in w for w in warnings)
    assert any("three" in w for w in warnings)
    assert any("10 s" in w for w in warnings)


def test_chapter_file_round_trip(tmp_path: Any) -> None:
    chapters = [Chapter(0, "Intro & Hello"), Chapter(126, "Guest Overview — Career")]
    path = tmp_path / "chapters.txt"
    write_chapter_file(path, chapters)
    assert read_chapter_file(path).chapters == chapters
    (tmp_path / "latin1.txt").write_bytes(b"00:00:00 Caf\xe9\n")
    with pytest.raises(ValueError, match="not UTF-8"):
        read_chapter_file(tmp_path / "latin1.txt")


@pytest.mark.corpus
def test_corpus_chapter_files_round_trip() -> None:
    corpus_files()
    files = sorted(CORPUS_TIMESTAMPS.glob("*.txt"))
    assert len(files) > 100
    for path in files:
        text = path.read_text(encoding="utf-8")
        parsed = parse_chapters(text)
        assert parsed.problems == [], path.name
        # some files leave spaces at line ends; the export writes none
        expected = "".join(line.rstrip() + "\n" for line in text.splitlines() if line.strip())
        assert format_chapters(parsed.chapters) == expected, path.name
        # chapters -> clips -> chapters is the identity
        proposed = clips_from_chapters(parsed.chapters, 99999)
        clips = [new_clip_values(p.name, p.start, p.end, "v") for p in proposed]
        assert chapters_from_clips(clips) == sorted(parsed.chapters, key=lambda c: c.start)


# -- proposals and sync operations -------------------------------------------------


def test_clips_from_chapters_ends() -> None:
    proposed = clips_from_chapters([Chapter(50, "b"), Chapter(0, "a")], 90)
    assert proposed == [ProposedClip("a", 0, 50), ProposedClip("b", 50, 90)]


def test_diff_and_sync_operations_reach_the_proposal() -> None:
    current = [
        clip("Intro", 0, 40),
        clip("Soundbite", 100, 120),
        clip("Second", 41, 300),
        clip("Third", 300, 560),
    ]
    current[3]["url"] = "https://www.youtube.com/watch?v=AbCdEfGhIjK&t=299"
    proposed = [
        ProposedClip("Intro", 0, 41),
        ProposedClip("Second", 41, 302),
        ProposedClip("Renamed third", 302, 560),
        ProposedClip("Fourth", 560, 725),
    ]
    changes = diff_clips(current, proposed, "AbCdEfGhIjK")
    kinds = [(c.kind, c.old_index, c.new_position) for c in changes]
    assert kinds == [
        ("changed", 0, 0),
        ("changed", 2, 1),
        ("added", None, 2),  # neither name nor start matches "Third"
        ("added", None, 3),
        ("removed", 1, None),
        ("removed", 3, None),
    ]
    assert changes[0].fields == {"endOffset": (40, 41)}
    ops = sync_operations(len(current), changes, "AbCdEfGhIjK")
    result = apply_ops(current, ops)
    assert [(c["name"], c["startOffset"], c["endOffset"]) for c in result] == [
        (p.name, p.start, p.end) for p in proposed
    ]
    assert all(c["url"].endswith(f"&t={c['startOffset']}") for c in result)

    kept = apply_ops(current, sync_operations(len(current), changes, "AbCdEfGhIjK", False))
    assert [c["name"] for c in kept] == [
        "Intro",
        "Second",
        "Renamed third",
        "Fourth",
        "Soundbite",
        "Third",
    ]


def test_sync_moves_instead_of_rewriting() -> None:
    current = [clip("b", 10, 20), clip("a", 0, 10)]
    proposed = [ProposedClip("a", 0, 10), ProposedClip("b", 10, 20)]
    changes = diff_clips(current, proposed, "AbCdEfGhIjK")
    assert [c.kind for c in changes] == ["unchanged", "unchanged"]
    ops = sync_operations(2, changes, "AbCdEfGhIjK")
    assert [type(op) for op in ops] == [MoveItems]
    assert [c["name"] for c in apply_ops(current, ops)] == ["a", "b"]


@pytest.mark.corpus
def test_sections_sync_over_the_corpus() -> None:
    for path in corpus_files():
        data = fast_front_matter(path)
        current = [dict(c) for c in data.get("quotableClips") or []]
        vid = (data.get("ids") or {}).get("youtube")
        proposed, _ = clips_from_sections(data.get("transcript"), episode_duration(data))
        changes = diff_clips(current, proposed, vid)
        result = apply_ops(current, sync_operations(len(current), changes, vid))
        assert [(c["name"], c["startOffset"], c["endOffset"]) for c in result] == [
            (p.name, p.start, p.end) for p in proposed
        ], path.name
        # proposing what is already there changes nothing
        again = diff_clips(result, proposed, vid)
        assert all(c.kind == "unchanged" for c in again), path.name


def test_describe_rename_spells_out_look_alike_characters() -> None:
    from editor.core.episode.clips import describe_rename

    assert describe_rename("Bowne\u2011Anderson", "Bowne-Anderson") == (
        "renamed: “\u2011” U+2011 non-breaking hyphen → “-” U+002D hyphen-minus"
    )
    assert describe_rename("Old name", "New name") == "renamed from “Old name”"
    assert describe_rename("Intro", "Intro:") == "renamed: nothing → “:” U+003A colon"


names = st.sampled_from(["a", "b", "c", "d", "e", "A", "b "])
clip_values = st.tuples(names, st.integers(0, 50), st.integers(0, 60))


@given(current=st.lists(clip_values, max_size=7), proposal=st.lists(clip_values, max_size=7))
def test_sync_operations_always_reach_the_proposal(
    current: list[tuple[str, int, int]], proposal: list[tuple[str, int, int]]
) -> None:
    clips = [clip(n, s, e) for n, s, e in current]
    proposed = [ProposedClip(n, s, e) for n, s, e in proposal]
    changes = diff_clips(clips, proposed, "AbCdEfGhIjK")
    result = apply_ops(clips, sync_operations(len(clips), changes, "AbCdEfGhIjK"))
    assert [(c["name"], c["startOffset"], c["endOffset"]) for c in result] == proposal
    # keeping unmatched clips: the proposal first, then the kept ones in their order
    kept = apply_ops(clips, sync_operations(len(clips), changes, "AbCdEfGhIjK", False))
    assert [(c["name"], c["startOffset"], c["endOffset"]) for c in kept][
        : len(proposal)
    ] == proposal
    assert len(kept) == len(proposal) + sum(1 for c in changes if c.kind == "removed")

"""Export to podcast formats and transcript import (core, no Qt), unit and corpus tests.

Exports are read back with readers other than the ones that wrote them: VTT (written with
webvtt-py) and SRT (written with srt) with pysubs2, JSON by the spec's fields, XML with
ElementTree.
"""

from __future__ import annotations

import html
import json
import random
import re
from functools import cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pysubs2
import pytest
from conftest import SAMPLE_EPISODE, SAMPLE_SITE, corpus_files
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from editor.core.episode.fields import apply_episode_edits
from editor.core.episode.formats.cues import CueFileError, read_cue_text
from editor.core.episode.formats.export import (
    EXPORT_FORMATS,
    ExportError,
    export_episode,
    transcript_cues,
)
from editor.core.episode.formats.importing import (
    parse_mapping,
    plan_import,
    suggest_mapping,
)
from editor.core.episode.transcript import is_header, is_line, item_seconds, text_of, time_mismatch
from editor.core.yaml.document import Document


def _document(text: str) -> Document:
    return Document.from_text(text)


EPISODE = """\
---
title: Lamps
guests:
- ada-quill
duration: PT00H01M40S
quotableClips:
- name: Opening
  startOffset: 0
  endOffset: 30
- name: Too short
  startOffset: 30
  endOffset: 35
transcript:
- header: Start
- line: Welcome to the show, <everyone> & friends.
  sec: 0
  time: '0:00'
  who: Bruno
- line: A pasted note without a time.
  who: Bruno
- line: Thank you for having me.
  sec: 12
  time: '0:12'
  who: Ada
- header: Middle
- line: Same second as the next.
  sec: 40
  time: '0:40'
  who: Bruno
- line: And this one.
  sec: 40
  time: '0:40'
  who: Ada
---
body
"""


def test_vtt_has_one_cue_per_timed_line_with_voices_and_ends_at_next_later_start() -> None:
    data = _document(EPISODE).data
    result = export_episode(data, "vtt")
    events = pysubs2.SSAFile.from_string(result.text, format_="vtt").events
    assert [(e.start, e.end) for e in events] == [
        (0, 12_000),
        (12_000, 40_000),
        (40_000, 100_000),  # both lines of the same second end at the duration
        (40_000, 100_000),
    ]
    assert html.unescape(events[0].plaintext) == (
        "Welcome to the show, <everyone> & friends.\nA pasted note without a time."
    )
    assert re.findall(r"^<v ([^>]+)>", result.text, re.MULTILINE) == [
        "Bruno",
        "Ada",
        "Bruno",
        "Ada",
    ]
    assert "NOTE Section: Start" in result.text and "NOTE Section: Middle" in result.text
    assert result.notes == ["1 line has no time; merged into the previous cue."]


def test_the_last_cue_without_duration_lasts_by_its_text() -> None:
    data = _document(EPISODE.replace("duration: PT00H01M40S\n", "")).data
    cues, _ = transcript_cues(data)
    assert cues[-1].end == 45.0  # 5 s minimum


def test_srt_cards_follow_the_podcasting_guidance() -> None:
    long_line = " ".join(["word"] * 60)
    data = _document(EPISODE.replace("Same second as the next.", long_line)).data
    text = export_episode(data, "srt").text
    events = pysubs2.SSAFile.from_string(text, format_="srt").events
    for event in events:
        lines = event.plaintext.split("\n")
        assert len(lines) <= 2 and all(len(line) <= 32 for line in lines)
    starts = [e.start for e in events]
    assert starts == sorted(starts)
    assert {0, 12_000, 40_000} <= set(starts)
    assert events[0].plaintext.startswith("Bruno: Welcome")


def test_podcast_json_and_chapters_and_psc_and_soundbites() -> None:
    data = _document(EPISODE).data
    segments = json.loads(export_episode(data, "podcast-json").text)["segments"]
    assert [(s["speaker"], s["startTime"], s["endTime"]) for s in segments] == [
        ("Bruno", 0, 12),
        ("Ada", 12, 40),
        ("Bruno", 40, 100),
        ("Ada", 40, 100),
    ]
    chapters = json.loads(export_episode(data, "chapters-json").text)
    assert chapters["version"] == "1.2.0"
    assert chapters["chapters"] == [
        {"startTime": 0, "title": "Start", "endTime": 40},
        {"startTime": 40, "title": "Middle", "endTime": 100},
    ]
    from_clips = json.loads(export_episode(data, "chapters-json", "clips").text)
    assert [c["title"] for c in from_clips["chapters"]] == ["Opening", "Too short"]
    root = ElementTree.fromstring(export_episode(data, "psc").text)
    assert root.tag == "{http://podlove.org/simple-chapters}chapters"
    assert [(c.get("start"), c.get("title")) for c in root] == [
        ("00:00:00.000", "Start"),
        ("00:00:40.000", "Middle"),
    ]
    soundbites = export_episode(data, "soundbites")
    assert 'startTime="30" duration="5"' in soundbites.text
    assert any("5 s long" in note for note in soundbites.notes)
    youtube = export_episode(data, "youtube")
    assert youtube.text == "00:00:00 Opening\n00:00:30 Too short\n"


def test_text_export_keeps_headings_and_untimed_lines() -> None:
    text = export_episode(_document(EPISODE).data, "text").text
    assert text.startswith("# Lamps\n\n## Start\n\n[0:00:00] Bruno: Welcome")
    assert "\n\nBruno: A pasted note without a time.\n\n" in text


def test_nothing_to_export_is_a_clear_error() -> None:
    with pytest.raises(ExportError, match="no timed lines"):
        export_episode(_document("---\ntitle: x\n---\n").data, "vtt")
    with pytest.raises(ExportError, match="no clips"):
        export_episode(_document("---\ntitle: x\n---\n").data, "soundbites")


def _timed(data: Any) -> list[tuple[Any, int, str]]:
    return [
        (item.get("who"), item_seconds(item), text_of(item.get("line")))
        for item in data["transcript"]
        if is_line(item) and item_seconds(item) is not None
    ]


def test_vtt_round_trip_through_replace_gives_the_same_lines() -> None:
    document = _document(EPISODE)
    vtt = export_episode(document.data, "vtt").text
    plan = plan_import(document.data, read_cue_text(vtt, "x.vtt"), "replace")
    apply_episode_edits(document.data, plan.edits)
    lines = _timed(document.data)
    assert (
        lines[0][2] == "Welcome to the show, <everyone> & friends.\nA pasted note without a time."
    )
    assert lines[1:] == [
        ("Ada", 12, "Thank you for having me."),
        ("Bruno", 40, "Same second as the next."),
        ("Ada", 40, "And this one."),
    ]
    headers = [i for i, item in enumerate(document.data["transcript"]) if is_header(item)]
    assert headers == [0, 3]


WHISPERX = {
    "segments": [
        {"start": 0.4, "end": 3.1, "text": " Hello and welcome.", "speaker": "SPEAKER_00"},
        {"start": 3.2, "end": 5.0, "text": " Today a guest.", "speaker": "SPEAKER_00"},
        {"start": 5.5, "end": 9.0, "text": " Thanks for having me.", "speaker": "SPEAKER_01"},
        {"start": 9.5, "end": 12.0, "text": " Tell us more.", "speaker": "SPEAKER_00"},
    ],
    "word_segments": [],
}


def test_whisperx_json_imports_with_a_speaker_mapping() -> None:
    document = _document(EPISODE)
    cues = read_cue_text(json.dumps(WHISPERX), "whisperx.json")
    assert cues.format == "whisper-json"
    mapping = parse_mapping(["SPEAKER_00=Bruno", "SPEAKER_01=Ada"])
    plan = plan_import(document.data, cues, "replace", mapping)
    apply_episode_edits(document.data, plan.edits)
    assert _timed(document.data) == [
        ("Bruno", 0, "Hello and welcome. Today a guest."),
        ("Ada", 5, "Thanks for having me."),
        ("Bruno", 9, "Tell us more."),
    ]
    text = document.to_text()
    assert "  time: '0:05'\n  who: Ada\n" in text  # the file's key order and quotes
    assert plan.unmapped == []


def test_unmapped_labels_are_kept_and_reported() -> None:
    cues = read_cue_text(json.dumps(WHISPERX), "w.json")
    plan = plan_import(_document(EPISODE).data, cues, "replace", {"SPEAKER_00": "Bruno"})
    assert plan.unmapped == ["SPEAKER_01"]


def test_speakers_are_suggested_from_host_and_guest_pages() -> None:
    data = Document.load(SAMPLE_EPISODE).data
    # The host opens the episode: the transcript's speaker who is not a guest comes first.
    assert suggest_mapping(["SPEAKER_00", "SPEAKER_01"], data, SAMPLE_SITE) == {
        "SPEAKER_00": "Bruno",
        "SPEAKER_01": "Ada",
    }
    # Without a transcript the guest's first name comes from the people page.
    fresh = _document("---\nguests:\n- adaquill\n---\n").data
    assert suggest_mapping(["SPEAKER_00"], fresh, SAMPLE_SITE) == {"SPEAKER_00": "Ada"}
    assert suggest_mapping(["SPEAKER_00"], fresh, None) == {}


def test_podcast_json_and_srt_import() -> None:
    podcast = {
        "version": "1.0.0",
        "segments": [
            {"speaker": "Ann", "startTime": 1.5, "endTime": 2, "body": "I"},
            {"speaker": "Ann", "startTime": 2, "endTime": 2.5, "body": "am."},
            {"speaker": "Bo", "startTime": 3, "body": "No."},
        ],
    }
    cues = read_cue_text(json.dumps(podcast), "t.json")
    plan = plan_import(_document(EPISODE).data, cues, "replace")
    assert [(i.get("who"), i["sec"], i["line"]) for i in plan.edits[0].value if is_line(i)] == [
        ("Ann", 1, "I am."),
        ("Bo", 3, "No."),
    ]
    srt_text = (
        "1\n00:00:01,000 --> 00:00:02,000\nAnn: Hello\nthere.\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\nstill Ann.\n"
    )
    srt_cues = read_cue_text(srt_text, "t.srt")
    assert [(c.speaker, c.text) for c in srt_cues.cues] == [
        ("Ann", "Hello there."),
        ("Ann", "still Ann."),
    ]


@pytest.mark.parametrize(
    ("text", "name", "message"),
    [
        ("{broken", "x.json", "JSON is broken"),
        ('{"segments": [{"foo": 1}]}', "x.json", "neither"),
        ('{"segments": [{"startTime": "x", "body": "a"}]}', "x.json", "not a number"),
        ("hello", "x.txt", "not a VTT, SRT or JSON"),
        ("WEBVTT\n\nnot a cue\n00:00 --> x\n", "x.vtt", "no cues"),
        ("1\n00:00:01,000 --> broken\nx\n", "x.srt", "cannot be read"),
    ],
)
def test_bad_transcript_files_give_clear_errors(text: str, name: str, message: str) -> None:
    with pytest.raises(CueFileError, match=message):
        read_cue_text(text, name)


def test_timings_give_the_cue_to_the_timed_line_not_its_pasted_copy() -> None:
    text = EPISODE.replace(
        "- line: Thank you for having me.\n  sec: 12",
        "- line: Thank you for having me\n  who: Ada\n- line: Thank you for having me.\n  sec: 3",
    )
    document = _document(text)
    vtt = export_episode(_document(EPISODE).data, "vtt").text
    plan = plan_import(document.data, read_cue_text(vtt, "x.vtt"), "timings")
    items = document.data["transcript"]
    copy_row = next(
        i for i, item in enumerate(items) if item.get("line") == "Thank you for having me"
    )
    assert plan.copies == [(copy_row, copy_row + 1)]
    apply_episode_edits(document.data, plan.edits)
    assert item_seconds(items[copy_row + 1]) == 12
    assert "sec" not in items[copy_row] and "time" not in items[copy_row]


def test_timings_report_lines_that_match_no_cue() -> None:
    document = _document(EPISODE.replace("And this one.", "Something else entirely, really."))
    vtt = export_episode(_document(EPISODE).data, "vtt").text
    plan = plan_import(document.data, read_cue_text(vtt, "x.vtt"), "timings")
    row = next(
        i
        for i, item in enumerate(document.data["transcript"])
        if "entirely" in str(item.get("line"))
    )
    assert row in plan.unmatched


# -- the shared corpus -----------------------------------------------------------------------


@cache
def _corpus_documents() -> tuple[tuple[Path, str], ...]:
    return tuple((path, path.read_text(encoding="utf-8")) for path in corpus_files())


@pytest.mark.corpus
def test_every_corpus_episode_exports_and_parses_back_with_other_readers() -> None:
    checked = 0
    for path, text in _corpus_documents():
        data = Document.from_text(text, path).data
        cues, _ = transcript_cues(data)
        timed = [
            i for i in data.get("transcript") or [] if is_line(i) and item_seconds(i) is not None
        ]
        for fmt in EXPORT_FORMATS:
            try:
                result = export_episode(data, fmt)
            except ExportError:
                assert fmt in ("chapters-json", "psc", "youtube", "soundbites") or not timed, path
                continue
            if fmt == "vtt":
                events = pysubs2.SSAFile.from_string(result.text, format_="vtt").events
                assert len(events) == len(timed), path
                assert [e.start for e in events] == [item_seconds(i) * 1000 for i in timed], path
                voices = [
                    html.unescape(m.group(1)) if m else None
                    for m in (
                        re.match(r"<v ([^>]+)>", block.split("\n", 2)[1])
                        for block in result.text.split("\n\n")
                        if "-->" in block.split("\n", 1)[0]
                    )
                ]
                expected = [(i.get("who") or "").strip() or None for i in timed]
                assert voices == expected, path
            elif fmt == "srt":
                events = pysubs2.SSAFile.from_string(result.text, format_="srt").events
                starts = {e.start for e in events}
                assert {item_seconds(i) * 1000 for i in timed} <= starts, path
                words = " ".join(e.plaintext.replace("\n", " ") for e in events).split()
                assert len(words) >= sum(len(text_of(i.get("line")).split()) for i in timed)
            elif fmt == "podcast-json":
                payload = json.loads(result.text)
                assert payload["version"] == "1.0.0"
                segments = payload["segments"]
                assert [s["startTime"] for s in segments] == [item_seconds(i) for i in timed]
                assert all(s["endTime"] > s["startTime"] and "body" in s for s in segments)
                assert [s.get("speaker") for s in segments] == [c.speaker for c in cues]
            elif fmt == "chapters-json":
                payload = json.loads(result.text)
                assert payload["version"] == "1.2.0"
                for chapter in payload["chapters"]:
                    assert isinstance(chapter["startTime"], int) and chapter["title"]
            elif fmt in ("psc", "soundbites"):
                wrapped = result.text.split("?>", 1)[-1]
                root = ElementTree.fromstring(
                    f'<r xmlns:podcast="https://podcastindex.org/namespace/1.0">{wrapped}</r>'
                )
                assert len(root.iter().__next__()) >= 1
            checked += 1
    assert checked > 149 * 4


@pytest.mark.corpus
def test_corpus_vtt_export_then_replace_import_gives_back_every_timed_line() -> None:
    for path, text in _corpus_documents()[::3]:
        document = Document.from_text(text, path)
        if not transcript_cues(document.data)[0]:
            continue
        expected = [(c.speaker, c.start, c.text) for c in transcript_cues(document.data)[0]]
        vtt = export_episode(document.data, "vtt").text
        plan = plan_import(document.data, read_cue_text(vtt, "x.vtt"), "replace")
        apply_episode_edits(document.data, plan.edits)
        got = [((who or "").strip() or None, sec, line) for who, sec, line in _timed(document.data)]
        assert got == expected, path
        headers = [i for i in Document.from_text(text).data["transcript"] if is_header(i)]
        assert [i for i in document.data["transcript"] if is_header(i)] == headers


def _perturbed(vtt: str, rng: random.Random) -> str:
    """Each cue's text slightly edited, as after proofreading: punctuation, a word."""

    def edit(match: re.Match[str]) -> str:
        text = match.group(0)
        if rng.random() < 0.5:
            text = text.replace(",", "")
        if rng.random() < 0.5:
            text = re.sub(r"\b(the|a|and)\b", "this", text, count=1)
        return text

    return re.sub(r"(?m)^<v [^>]*>.*$", edit, vtt)


@pytest.mark.corpus
def test_corpus_timings_restore_removed_times_and_change_nothing_else() -> None:
    rng = random.Random(18)
    removed = restored = 0
    for path, text in _corpus_documents()[1::3]:
        original = Document.from_text(text, path)
        if not transcript_cues(original.data)[0]:
            continue
        vtt = _perturbed(export_episode(original.data, "vtt").text, rng)
        document = Document.from_text(text, path)
        times: dict[int, int] = {}
        for row, item in enumerate(document.data["transcript"]):
            if is_line(item) and "sec" in item:
                times[row] = item.pop("sec")
                item.pop("time", None)
        plan = plan_import(document.data, read_cue_text(vtt, "x.vtt"), "timings")
        apply_episode_edits(document.data, plan.edits)
        removed += len(times)
        items = document.data["transcript"]
        originals = original.data["transcript"]
        for row, seconds in times.items():
            if item_seconds(items[row]) == seconds:
                restored += 1
                got, want = dict(items[row]), dict(originals[row])
                assert list(got) == list(want), (path, row)
                if time_mismatch(want) is not None:  # a broken time in the file is fixed
                    got.pop("time"), want.pop("time")
                assert got == want, (path, row)
            items[row] = originals[row]
        # Nothing else changed: with those lines put back, the file is byte for byte the same.
        assert document.to_text() == text, path
    assert removed > 5000
    assert restored / removed >= 0.95, (restored, removed)


_words = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="\ufeff"
    ),
    min_size=1,
    max_size=30,
).map(lambda text: " ".join(text.split()))


@given(
    st.lists(
        st.tuples(
            st.integers(0, 5000),
            st.sampled_from(["Ann", "Bo", "Dr. O'Neil", "A & B <co>", None]),
            _words.filter(bool),
        ),
        min_size=1,
        max_size=12,
    )
)
@settings(max_examples=60, deadline=None)
def test_any_text_survives_vtt_export_and_replace_import(
    lines: list[tuple[int, str | None, str]],
) -> None:
    """Markup characters, '-->' and any speaker name come back exactly."""
    transcript = CommentedSeq()
    for sec, who, text in lines:
        item = CommentedMap(line=text, sec=sec)
        if who is not None:
            item["who"] = who
        transcript.append(item)
    data = CommentedMap(transcript=transcript)
    vtt = export_episode(data, "vtt").text
    plan = plan_import(data, read_cue_text(vtt, "x.vtt"), "replace")
    got = [(i.get("who"), i["sec"], i["line"]) for i in plan.edits[0].value]
    assert got == [(who, sec, text) for sec, who, text in lines]
    srt_events = pysubs2.SSAFile.from_string(export_episode(data, "srt").text, format_="srt")
    assert {sec * 1000 for sec, _, _ in lines} <= {e.start for e in srt_events}

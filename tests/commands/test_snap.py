"""Snapping an episode to speech: the core plan and edits, and ``episode-editor snap``
run as a user would (a subprocess), checked on the bytes of the file."""

from __future__ import annotations

import difflib
import random
import subprocess
import sys
from pathlib import Path

import pytest

from editor.core.audio import speech_onsets
from editor.core.episode import snap
from editor.core.episode.fields import apply_episode_edits
from editor.core.yaml.document import Document
from tests.audio_helpers import voiced_bursts, write_wav

PROJECT_ROOT = Path(__file__).resolve().parents[2]
RATE = 8000
# Speech starts: at least 5 s apart, so a time off by up to 2 s is nearest to its own start.
TRUTH = [4, 10, 17, 23, 30, 36, 43, 49, 56, 62, 70, 77]
CLIPS = [(4, 30), (30, 56), (56, 77)]


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def episode_text(times: list[int], clips: list[tuple[int, int]] = CLIPS) -> str:
    lines = ["---", "title: Snapping", "ids:", "  youtube: AbCdEfGhIjK", "quotableClips:"]
    for number, (start, end) in enumerate(clips, 1):
        lines += [
            f"- name: Part {number}",
            f"  startOffset: {start}",
            f"  url: https://www.youtube.com/watch?v=AbCdEfGhIjK&t={start}",
            f"  endOffset: {end}",
        ]
    lines.append("transcript:")
    for number, seconds in enumerate(times):
        if number % 4 == 0:
            lines.append(f"- header: Part {number // 4 + 1}  # a comment stays")
        lines += [
            f"- line: Line number {number + 1}.",
            f"  sec: {seconds}",
            f"  time: '{clock(seconds)}'",
            f"  who: {'Ada' if number % 2 else 'Bruno'}",
        ]
    return "\n".join([*lines, "---", "", "Body text.", ""])


@pytest.fixture(scope="module")
def audio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("audio")
    samples = voiced_bursts(TRUTH, TRUTH[-1] + 4, rate=RATE)
    return write_wav(folder / "episode.wav", samples, RATE, channels=2)


def run_snap(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "editor", "snap", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def line_seconds(path: Path) -> list[int]:
    items = Document.load(path).data["transcript"]
    return [item["sec"] for item in items if "sec" in item]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_snap_puts_shifted_times_back_on_speech(tmp_path: Path, audio: Path, seed: int) -> None:
    generator = random.Random(seed)
    shifted = [t + generator.randint(-2, 2) for t in TRUTH]
    episode = tmp_path / "episode.md"
    episode.write_text(episode_text(shifted), encoding="utf-8")
    result = run_snap("--audio", str(audio), str(episode))
    assert result.returncode == 0, result.stderr
    assert line_seconds(episode) == TRUTH  # every line back within 0.1 s (whole seconds)
    assert episode.read_text(encoding="utf-8") == episode_text(TRUTH, CLIPS)
    moved = sum(1 for a, b in zip(shifted, TRUTH, strict=True) if a != b)
    assert f"moved {moved} of {len(TRUTH)} timed lines" in result.stderr
    assert result.stdout.count("→") == moved


def test_snap_changes_only_the_moved_lines(tmp_path: Path, audio: Path) -> None:
    shifted = list(TRUTH)
    shifted[3] += 2
    episode = tmp_path / "episode.md"
    before = episode_text(shifted)
    episode.write_text(before, encoding="utf-8")
    assert run_snap("--audio", str(audio), str(episode)).returncode == 0
    after = episode.read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == ["-  sec: 25", "-  time: '0:25'", "+  sec: 23", "+  time: '0:23'"]


def test_nothing_moves_further_than_max_shift(tmp_path: Path, audio: Path) -> None:
    shifted = [t + d for t, d in zip(TRUTH, [2, -2, 1, 0, 2, -1, 2, 1, -2, 0, 1, 2], strict=True)]
    episode = tmp_path / "episode.md"
    episode.write_text(episode_text(shifted), encoding="utf-8")
    result = run_snap("--audio", str(audio), "--max-shift", "1", str(episode))
    assert result.returncode == 0, result.stderr
    after = line_seconds(episode)
    for old, new, truth in zip(shifted, after, TRUTH, strict=True):
        assert abs(new - old) <= 1
        assert new == (truth if abs(old - truth) <= 1 else old)


def test_dry_run_prints_the_moves_and_keeps_the_file(tmp_path: Path, audio: Path) -> None:
    episode = tmp_path / "episode.md"
    episode.write_text(episode_text([TRUTH[0] + 2, *TRUTH[1:]]), encoding="utf-8")
    before = episode.read_bytes()
    result = run_snap("--audio", str(audio), "--dry-run", str(episode))
    assert result.returncode == 0, result.stderr
    assert episode.read_bytes() == before
    assert result.stdout == "Line 2 (Bruno): 0:06 → 0:04 (−2 s)\n"
    assert "would move 1 of 12 timed lines" in result.stderr


def test_clips_option_snaps_edges_and_urls_follow(tmp_path: Path, audio: Path) -> None:
    episode = tmp_path / "episode.md"
    wrong = [(5, 29), (31, 55), (57, 81)]
    episode.write_text(episode_text(TRUTH, wrong), encoding="utf-8")
    result = run_snap("--audio", str(audio), "--clips", str(episode))
    assert result.returncode == 0, result.stderr
    text = episode.read_text(encoding="utf-8")
    # Clip ends snap to speech starts too (the last end has no speech within 3 s: it stays).
    assert text == episode_text(TRUTH, [(4, 30), (30, 56), (56, 81)])


def test_unreadable_audio_and_episode_exit_2(tmp_path: Path, audio: Path) -> None:
    episode = tmp_path / "episode.md"
    episode.write_text(episode_text(TRUTH), encoding="utf-8")
    mp3 = tmp_path / "episode.mp3"
    mp3.write_bytes(b"ID3\x03" + bytes(100))
    result = run_snap("--audio", str(mp3), str(episode))
    assert result.returncode == 2
    assert "not a PCM WAV file" in result.stderr and "ffmpeg" in result.stderr
    result = run_snap("--audio", str(tmp_path / "none.wav"), str(episode))
    assert result.returncode == 2 and "cannot read the audio" in result.stderr
    result = run_snap("--audio", str(audio), str(tmp_path / "none.md"))
    assert result.returncode == 2 and "cannot read the episode" in result.stderr
    assert run_snap("--audio", str(audio)).returncode == 2  # usage error
    assert episode.read_text(encoding="utf-8") == episode_text(TRUTH)


def test_plan_lets_the_nearest_of_two_times_take_an_onset() -> None:
    data = Document.from_text(episode_text([9, 11, 17])).data
    moves = snap.plan_snap(data, [10.0, 17.0], max_shift=3)
    assert [(m.row, m.old, m.new) for m in moves] == [(1, 9, 10)]  # a tie: the earlier line
    moves = snap.plan_snap(data, [10.6, 17.0], max_shift=3)
    assert moves == []  # the line at 11 is nearer to 10.6 than the one at 9: it stays


def test_plan_keeps_a_clip_whose_start_would_reach_its_end() -> None:
    data = Document.from_text(episode_text([4], clips=[(3, 5)])).data
    edges = [(0, snap.CLIP_START), (0, snap.CLIP_END)]
    assert snap.plan_snap(data, [4.0], max_shift=3, rows=[], clip_edges=edges) == []


def test_onsets_of_the_generated_audio_are_the_truth(audio: Path) -> None:
    from editor.core.audio import load_pcm

    pcm = load_pcm(audio)
    assert speech_onsets(pcm.samples, pcm.rate) == pytest.approx(TRUTH, abs=0.05)


def test_a_shared_clip_edge_moves_both_clips_and_the_url_follows() -> None:
    data = Document.from_text(episode_text([4], clips=[(4, 30), (30, 56)])).data
    moves = snap.plan_snap(data, [31.0], max_shift=3, rows=[], clip_edges=[(1, snap.CLIP_START)])
    assert {(m.kind, m.row, m.new) for m in moves} == {("start", 1, 31), ("end", 0, 31)}
    apply_episode_edits(data, snap.snap_edits(data, moves))
    clips = data["quotableClips"]
    assert (clips[0]["endOffset"], clips[1]["startOffset"]) == (31, 31)
    assert clips[1]["url"].endswith("&t=31") and clips[0]["url"].endswith("&t=4")


def test_a_line_with_only_a_time_keeps_only_its_time() -> None:
    text = '---\ntranscript:\n- line: Hello\n  time: "0:09"\n  who: Ada\n---\n'
    document = Document.from_text(text)
    moves = snap.plan_snap(document.data, [10.2])
    apply_episode_edits(document.data, snap.snap_edits(document.data, moves))
    assert document.to_text() == text.replace('"0:09"', '"0:10"')

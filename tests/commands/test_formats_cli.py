"""`episode-editor export` and `import-transcript` end to end, as subprocesses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pysubs2
from conftest import PROJECT_ROOT, SAMPLE_EPISODE

from editor.core.episode.transcript import is_line, item_seconds
from editor.core.yaml.document import Document


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "editor", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_export_to_stdout_and_to_a_file(tmp_path: Path) -> None:
    shown = run("export", "--format", "vtt", str(SAMPLE_EPISODE))
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("WEBVTT")
    out = tmp_path / "episode.srt"
    written = run("export", "--format", "srt", str(SAMPLE_EPISODE), "-o", str(out))
    assert written.returncode == 0 and written.stdout == ""
    events = pysubs2.load(str(out), format_="srt").events
    timed = [
        i for i in Document.load(SAMPLE_EPISODE).data["transcript"] if item_seconds(i) is not None
    ]
    assert {item_seconds(i) * 1000 for i in timed if is_line(i)} <= {e.start for e in events}


def test_export_usage_and_unreadable_errors_exit_2(tmp_path: Path) -> None:
    assert run("export", "--format", "nope", str(SAMPLE_EPISODE)).returncode == 2
    missing = run("export", "--format", "vtt", str(tmp_path / "missing.md"))
    assert missing.returncode == 2 and "cannot be read" in missing.stderr


def test_nothing_to_export_exits_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    result = run("export", "--format", "psc", str(empty))
    assert result.returncode == 1 and "no timed section headers" in result.stderr


def test_vtt_export_then_replace_import_leaves_the_file_as_it_was(episode: Path) -> None:
    before = episode.read_bytes()
    vtt = episode.with_suffix(".vtt")
    assert run("export", "--format", "vtt", str(episode), "-o", str(vtt)).returncode == 0
    result = run("import-transcript", "--from", str(vtt), "--mode", "replace", str(episode))
    assert result.returncode == 0, result.stderr
    assert episode.read_bytes() == before


def test_whisperx_import_with_speakers_dry_run_then_write(episode: Path, tmp_path: Path) -> None:
    source = tmp_path / "whisperx.json"
    source.write_text(
        json.dumps(
            {
                "segments": [
                    {"start": 1.2, "end": 4.0, "text": " Welcome back.", "speaker": "SPEAKER_00"},
                    {
                        "start": 4.1,
                        "end": 6.0,
                        "text": " Glad to be here.",
                        "speaker": "SPEAKER_01",
                    },
                ]
            }
        ),
        encoding="utf-8",
    )
    before = episode.read_bytes()
    args = ["--from", str(source), "--speaker", "SPEAKER_00=Bruno", "--speaker", "SPEAKER_01=Ada"]
    dry = run("import-transcript", *args, "--dry-run", str(episode))
    assert dry.returncode == 0, dry.stderr
    assert "+- line: Welcome back.\n" in dry.stdout and "+- line: Glad to be here.\n" in dry.stdout
    assert episode.read_bytes() == before
    assert run("import-transcript", *args, str(episode)).returncode == 0
    lines = [i for i in Document.load(episode).data["transcript"] if is_line(i)]
    assert [(i["who"], i["sec"], i["line"]) for i in lines] == [
        ("Bruno", 1, "Welcome back."),
        ("Ada", 4, "Glad to be here."),
    ]


def test_import_suggests_speakers_and_reports_unmatched(episode: Path, tmp_path: Path) -> None:
    source = tmp_path / "cues.vtt"
    source.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v SPEAKER_00>Nothing like any line.\n",
        encoding="utf-8",
    )
    result = run("import-transcript", "--from", str(source), "--mode", "timings", str(episode))
    assert result.returncode == 1
    assert "suggested: --speaker SPEAKER_00=" in result.stderr
    assert "matched no cue" in result.stderr


def test_import_bad_input_exits_2(episode: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{nope", encoding="utf-8")
    result = run("import-transcript", "--from", str(broken), str(episode))
    assert result.returncode == 2 and "JSON is broken" in result.stderr
    bad_pair = run("import-transcript", "--from", str(broken), "--speaker", "x", str(episode))
    assert bad_pair.returncode == 2 and "LABEL=Name" in bad_pair.stderr

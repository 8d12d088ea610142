"""Saves are atomic, keep the mode, survive SIGKILL at any moment, and fail loudly and safely."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editor.core import Document
from editor.core.files.safe_save import (
    DiskBaseline,
    DiskCheck,
    describe_save_error,
    remove_stale_temp_files,
    save_document,
    temp_files_for,
)

PROJECT_ROOT = Path(__file__).resolve().parents[3]

# The child loads two versions of a large episode and saves them alternately, forever,
# through the same code path as the window (``save_document``). It clears stale temp
# files with no age threshold, so after any kill at most the one in-flight temp remains.
CHILD = r"""
import sys
from pathlib import Path
from editor.core import Document
from editor.core.files.safe_save import save_document
target = Path(sys.argv[1])
versions = [Document.from_text(Path(p).read_text(encoding="utf-8"), target) for p in sys.argv[2:]]
save_document(versions[0], target, stale_after=0.0)
print("ready", flush=True)
while True:
    for version in versions:
        save_document(version, target, stale_after=0.0)
"""


def _episode(title: str, body_lines: int) -> str:
    front = f'---\ntitle: "{title}"\nduration: PT00H59M23S\nguests:\n- ada\n- grace\n---\n'
    line = f"{title}: the quick brown fox jumps over the lazy dog, lamp oil and tide charts.\n"
    return front + line * body_lines


def test_atomic_save_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "episode.md"
    target.write_text(_episode("Old", 3), encoding="utf-8")
    target.chmod(0o640)
    document = Document.load(target)
    document.data["title"] = "New"
    save_document(document)
    assert (target.stat().st_mode & 0o7777) == 0o640
    assert Document.load(target).data["title"] == "New"
    assert temp_files_for(target) == []


def test_sigkill_during_saves_leaves_old_or_new_file_whole(tmp_path: Path) -> None:
    """SIGKILL a saving process at random moments: the file is always one version, whole."""
    old_text = _episode("Old version", 40_000)  # ~3 MB, so kills land mid-write
    new_text = _episode("New version", 40_001)
    versions = {old_text.encode("utf-8"), new_text.encode("utf-8")}
    sources = []
    for name, text in (("old.src", old_text), ("new.src", new_text)):
        source = tmp_path / name
        source.write_text(text, encoding="utf-8")
        sources.append(str(source))
    folder = tmp_path / "site"
    folder.mkdir()
    target = folder / "episode.md"
    target.write_text(old_text, encoding="utf-8")
    target.chmod(0o640)

    rng = random.Random(7)
    kills = 0
    kills_mid_save = 0
    deadline = time.monotonic() + 25.0
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    while kills < 40 and time.monotonic() < deadline:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(target), *sources],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"ready", "the saving child did not start"
        time.sleep(rng.uniform(0.0, 0.08))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        child.stdout.close()
        kills += 1

        assert target.read_bytes() in versions, f"kill {kills} left a torn or foreign file"
        assert (target.stat().st_mode & 0o7777) == 0o640
        leftovers = temp_files_for(target)
        assert len(leftovers) <= 1, f"stray temp files after kill {kills}: {leftovers}"
        kills_mid_save += len(leftovers)
        assert sorted(p.name for p in folder.iterdir() if p not in leftovers) == ["episode.md"]

    print(f"{kills} kills, {kills_mid_save} mid-save")
    assert kills >= 20, f"only {kills} kills fit in the time budget"
    # The test is only meaningful if some kills interrupted a save.
    assert kills_mid_save > 0
    # The next save clears the leftover of the interrupted one.
    document = Document.load(target)
    save_document(document, stale_after=0.0)
    assert temp_files_for(target) == []


def test_stale_temp_files_are_removed_but_fresh_ones_and_others_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "episode.md"
    target.write_text(_episode("x", 1), encoding="utf-8")
    stale = tmp_path / ".episode.md.abcd1234.tmp"
    fresh = tmp_path / ".episode.md.zz_9zz_9.tmp"
    other_episode = tmp_path / ".other.md.abcd1234.tmp"
    user_file = tmp_path / ".episode.md.notes.tmp"
    for path in (stale, fresh, other_episode, user_file):
        path.write_text("partial")
    long_ago = time.time() - 3600
    for path in (stale, other_episode, user_file):
        os.utime(path, (long_ago, long_ago))

    assert temp_files_for(target) == sorted([stale, fresh])
    removed = remove_stale_temp_files(target)
    assert removed == [stale]
    assert not stale.exists()
    assert fresh.exists() and other_episode.exists() and user_file.exists()


def test_full_disk_keeps_old_file_and_edits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "episode.md"
    original = _episode("Old", 10)
    target.write_text(original, encoding="utf-8")
    document = Document.load(target)
    document.data["title"] = "Edited"

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError) as caught:
        save_document(document)
    assert caught.value.errno == errno.ENOSPC
    assert target.read_text(encoding="utf-8") == original
    assert temp_files_for(target) == []
    assert document.data["title"] == "Edited"
    assert "disk is full" in describe_save_error(caught.value, target)


def test_read_only_file_is_refused_even_as_root(tmp_path: Path) -> None:
    target = tmp_path / "episode.md"
    original = _episode("Old", 2)
    target.write_text(original, encoding="utf-8")
    target.chmod(0o444)
    document = Document.load(target)
    document.data["title"] = "Edited"
    with pytest.raises(PermissionError) as caught:
        save_document(document)
    assert target.read_text(encoding="utf-8") == original
    assert describe_save_error(caught.value, target) == "episode.md is read-only."
    assert document.data["title"] == "Edited"


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    document = Document.from_text(_episode("x", 1))
    target = tmp_path / "gone" / "episode.md"
    with pytest.raises(OSError) as caught:
        save_document(document, target)
    assert caught.value.errno == errno.ENOENT
    assert "does not exist" in describe_save_error(caught.value, target)
    assert not target.parent.exists()


def test_disk_baseline_notices_changes_replacement_and_deletion(tmp_path: Path) -> None:
    target = tmp_path / "episode.md"
    target.write_text(_episode("x", 1), encoding="utf-8")
    baseline = DiskBaseline.of_document(Document.load(target))
    assert baseline.check() is DiskCheck.UNCHANGED
    target.write_text(_episode("y", 1), encoding="utf-8")
    assert baseline.check() is DiskCheck.CHANGED
    baseline.record(target, target.read_bytes())
    assert baseline.check() is DiskCheck.UNCHANGED
    target.unlink()
    assert baseline.check() is DiskCheck.MISSING


def test_disk_baseline_of_a_bom_crlf_file_matches_its_bytes(tmp_path: Path) -> None:
    target = tmp_path / "episode.md"
    target.write_bytes(b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nbody\r\n")
    baseline = DiskBaseline.of_document(Document.load(target))
    assert baseline.check() is DiskCheck.UNCHANGED


def test_save_renders_the_front_matter_once(episode: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Rendering a 10,000-item transcript takes as long as the rest of the save together.
    document = Document.load(episode)
    document.data["title"] = "A retitled episode"
    render = Document.to_text
    renders: list[Document] = []

    def counted(self: Document) -> str:
        renders.append(self)
        return render(self)

    monkeypatch.setattr(Document, "to_text", counted)
    written, payload = save_document(document, episode)
    assert len(renders) == 1
    assert episode.read_bytes() == payload
    assert b"A retitled episode" in payload
    assert written == episode and document.path == episode

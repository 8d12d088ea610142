"""Renaming a guest id across every episode: previews first, and only guest lines change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CORPUS_SITE, SAMPLE_SITE, corpus_files

from editor.core import Document
from editor.core.files.rename import RenameError, apply_rename, plan_guest_rename

GUEST = "alexeygrigorev"  # a guest of several corpus episodes


def _copy_site_with(tmp_path: Path, guest: str) -> list[Path]:
    """Copies (in tmp_path) of the corpus episodes listing ``guest`` plus two that do not."""
    podcast = tmp_path / "_podcast"
    podcast.mkdir()
    with_guest = [p for p in corpus_files() if f"- {guest}\n" in p.read_text(encoding="utf-8")]
    without = [p for p in corpus_files() if p not in with_guest][:2]
    for path in with_guest + without:
        shutil.copy(path, podcast / path.name)
    people = CORPUS_SITE / "_people" / f"{guest}.md"
    if people.exists():
        (tmp_path / "_people").mkdir()
        shutil.copy(people, tmp_path / "_people" / people.name)
    return [podcast / p.name for p in with_guest]


def _changed_lines(diff: str) -> list[str]:
    return [
        line
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.mark.corpus
def test_rename_on_corpus_copies_touches_only_guest_lines(tmp_path: Path) -> None:
    episodes = _copy_site_with(tmp_path, GUEST)
    assert len(episodes) >= 2
    before = {p: p.read_text(encoding="utf-8") for p in (tmp_path / "_podcast").iterdir()}
    previews = plan_guest_rename(tmp_path / "_podcast", GUEST, "alexey-grigorev")
    # Previews come first: nothing is written yet.
    assert all(p.read_text(encoding="utf-8") == before[p] for p in before)
    episode_previews = [p for p in previews if p.kind == "episode"]
    assert sorted(p.path for p in episode_previews) == sorted(episodes)
    for preview in episode_previews:
        assert not preview.error
        assert _changed_lines(preview.diff) == [f"-- {GUEST}", "+- alexey-grigorev"]
    result = apply_rename(previews)
    assert sorted(result.written) == sorted(p.path for p in previews)
    assert result.skipped == []
    for path, text in before.items():
        after = path.read_text(encoding="utf-8")
        if path in episodes:
            assert after == text.replace(f"- {GUEST}\n", "- alexey-grigorev\n", 1)
            assert "alexey-grigorev" in Document.from_text(after).data["guests"]
        else:
            assert after == text


@pytest.mark.corpus
def test_rename_updates_the_people_page_short_id(tmp_path: Path) -> None:
    _copy_site_with(tmp_path, GUEST)
    if not (tmp_path / "_people").exists():
        pytest.fail(f"the corpus has no people page for {GUEST}")
    previews = plan_guest_rename(tmp_path / "_podcast", GUEST, "alexey-grigorev")
    (person,) = [p for p in previews if p.kind == "person"]
    assert _changed_lines(person.diff) == [f"-short: {GUEST}", "+short: alexey-grigorev"]


def test_rename_keeps_quoting_and_removes_duplicates(tmp_path: Path) -> None:
    podcast = tmp_path / "_podcast"
    podcast.mkdir()
    (podcast / "a.md").write_text('---\ntitle: A\nguests:\n- "ada"\n- bo\n---\nBody\n')
    (podcast / "b.md").write_text("---\ntitle: B\nguests:\n- ada\n- adaq\n---\n")
    (podcast / "c.md").write_text("---\ntitle: C mentions ada\nguests: [bo]\n---\n")
    previews = {p.path.name: p for p in plan_guest_rename(podcast, "ada", "adaq")}
    assert set(previews) == {"a.md", "b.md"}
    assert previews["a.md"].new_text == '---\ntitle: A\nguests:\n- "adaq"\n- bo\n---\nBody\n'
    assert previews["b.md"].new_text == "---\ntitle: B\nguests:\n- adaq\n---\n"


def test_file_changed_after_preview_is_skipped(tmp_path: Path) -> None:
    podcast = tmp_path / "_podcast"
    podcast.mkdir()
    episode = podcast / "a.md"
    episode.write_text("---\nguests:\n- ada\n---\n")
    previews = plan_guest_rename(podcast, "ada", "adaq")
    episode.write_text("---\nguests:\n- ada\n- bo\n---\n")
    result = apply_rename(previews)
    assert result.written == []
    assert result.skipped == [(episode, "changed on disk since the preview")]
    assert episode.read_text() == "---\nguests:\n- ada\n- bo\n---\n"


def test_unopenable_file_is_reported_not_written(tmp_path: Path) -> None:
    podcast = tmp_path / "_podcast"
    podcast.mkdir()
    (podcast / "bad.md").write_text("---\nguests: [ada\n---\n")
    (preview,) = plan_guest_rename(podcast, "ada", "adaq")
    assert "YAML" in preview.error
    assert apply_rename([preview]).written == []


@pytest.mark.parametrize(("old", "new"), [("ada", "ada"), ("ada", "two words"), ("", "x")])
def test_bad_ids_are_refused(old: str, new: str) -> None:
    with pytest.raises(RenameError):
        plan_guest_rename(SAMPLE_SITE / "_podcast", old, new)


def test_sample_site_rename_finds_episode_and_person() -> None:
    previews = plan_guest_rename(SAMPLE_SITE / "_podcast", "adaquill", "ada-quill")
    assert sorted(p.kind for p in previews) == ["episode", "person"]

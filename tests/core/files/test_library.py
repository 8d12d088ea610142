"""Library scanning: fast summaries of every episode in a folder, and their cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import SAMPLE_EPISODE, corpus_files
from ruamel.yaml import YAML

from editor.core.files.library import (
    CACHE_FILE_NAME,
    EpisodeSummary,
    Library,
    ProblemCounts,
    guest_ids,
    read_summary,
    top_level_blocks,
)
from editor.core.yaml.frontmatter import split_front_matter


def _full_parse(path: Path) -> dict:
    yaml = YAML(typ="safe", pure=True)
    yaml.version = (1, 1)
    return yaml.load(split_front_matter(path.read_text(encoding="utf-8")).front_matter)


@pytest.mark.corpus
def test_scan_lists_every_corpus_episode_like_a_full_parse(tmp_path: Path) -> None:
    files = corpus_files()
    summaries = Library(files[0].parent, tmp_path).scan()
    assert [s.path.name for s in summaries] == [f.name for f in files]
    assert not [s for s in summaries if s.error]
    # The fast scanner must agree with a full YAML parse (checked on every 15th file for speed).
    for summary in summaries[::15]:
        data = _full_parse(summary.path)
        assert summary.title == " ".join(str(data["title"]).split())
        assert (summary.season, summary.episode) == (data["season"], data["episode"])
        assert summary.guests == data["guests"]


@pytest.mark.corpus
def test_unchanged_files_come_from_the_cache(tmp_path: Path) -> None:
    folder = corpus_files()[0].parent
    first = Library(folder, tmp_path).scan()
    assert (tmp_path / CACHE_FILE_NAME).exists()
    library = Library(folder, tmp_path)
    assert len(library.cache.entries) == len(first)
    library.cache.entries[str(first[0].path)].title = "from the cache"
    again = library.scan()
    assert again[0].title == "from the cache"  # not re-read: mtime and size did not change


def test_changed_file_is_read_again(tmp_path: Path) -> None:
    folder = tmp_path / "_podcast"
    folder.mkdir()
    episode = folder / "one.md"
    episode.write_text("---\ntitle: First\nseason: 1\nepisode: 2\nguests:\n- ada\n---\nbody\n")
    cache_dir = tmp_path / "cache"
    assert Library(folder, cache_dir).scan()[0].title == "First"
    episode.write_text("---\ntitle: Second title\nseason: 1\nepisode: 2\nguests: [ada, bo]\n---\n")
    stat = episode.stat()
    os.utime(episode, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    summary = Library(folder, cache_dir).scan()[0]
    assert summary.title == "Second title"
    assert summary.guests == ["ada", "bo"]


def test_removed_files_leave_the_listing_and_the_cache(tmp_path: Path) -> None:
    for name in ("a.md", "b.md", "_template.md", ".hidden.md", "notes.txt"):
        (tmp_path / name).write_text("---\ntitle: x\nseason: 1\n---\n")
    library = Library(tmp_path, tmp_path / "cache")
    # Names starting with '_' are episodes too (``check`` checks them); hidden files are not.
    assert [s.name for s in library.scan()] == ["_template.md", "a.md", "b.md"]
    assert [(p.name, why) for p, why in library.left_out] == [
        (".hidden.md", "hidden file (its name starts with '.')")
    ]
    (tmp_path / "a.md").unlink()
    assert [s.name for s in library.scan()] == ["_template.md", "b.md"]
    assert sorted(library.cache.entries) == [
        str(tmp_path.resolve() / "_template.md"),
        str(tmp_path.resolve() / "b.md"),
    ]


def test_summary_of_the_sample_episode() -> None:
    summary = read_summary(SAMPLE_EPISODE)
    assert summary.title.startswith("Tide Charts & Lamp Oil")
    assert (summary.season, summary.episode, summary.guests) == (3, 7, ["adaquill"])


@pytest.mark.parametrize(
    ("text", "expected_title"),
    [
        ("---\ntitle: 'A folded\n  title'\nseason: 2\n---\n", "A folded title"),
        ('---\ntitle: "Quoted\nat column zero"\n---\n', "Quoted at column zero"),
        ("---\ntitle: >-\n  Block\n  scalar\n---\n", "Block scalar"),
        ("---\ntitle: x\ntitle: y\n---\n", ""),  # duplicate key: full parse reports it
        ("---\n{title: Flow, season: 4}\n---\n", "Flow"),
        (
            "\ufeff---\r\ntitle: Windows\r\n  line endings\r\nseason: 1\r\n---\r\n",
            "Windows line endings",
        ),
    ],
)
def test_awkward_layouts(tmp_path: Path, text: str, expected_title: str) -> None:
    path = tmp_path / "e.md"
    path.write_text(text, encoding="utf-8")
    summary = read_summary(path)
    assert summary.title == expected_title
    if not expected_title:
        assert "YAML error" in summary.error


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"no front matter\n", "no front matter"),
        (b"---\ntitle: [unclosed\n---\n", "YAML error"),
        (b"---\ntitle: \xff\xfe\n---\n", "not UTF-8"),
        (b"---\n- a list\n---\n", "not a mapping"),
    ],
)
def test_bad_files_are_listed_with_an_error(tmp_path: Path, raw: bytes, message: str) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(raw)
    summary = read_summary(path)
    assert message in summary.error


def test_top_level_blocks_keeps_continuations_and_list_items() -> None:
    text = "title: a\n  b\nguests:\n- x\n- y\n\nother:\n  k: v\nseason: 3\n"
    assert top_level_blocks(text, ["title", "guests", "season"]) == {
        "title": "title: a\n  b\n",
        "guests": "guests:\n- x\n- y\n\n",
        "season": "season: 3\n",
    }


def test_cache_survives_garbage_and_round_trips_problem_counts(tmp_path: Path) -> None:
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / CACHE_FILE_NAME).write_text("{not json")
    (tmp_path / "e.md").write_text("---\ntitle: t\nguests: [b, a]\n---\n")
    library = Library(tmp_path, tmp_path / "cache")
    (summary,) = library.scan()
    library.set_problems(summary.path, ProblemCounts(2, 1), (summary.mtime_ns, summary.size))
    library.set_problems(summary.path, ProblemCounts(9, 9), (0, 0))  # stale: ignored
    library.save_cache()
    (again,) = Library(tmp_path, tmp_path / "cache").scan()
    assert again.problems == ProblemCounts(2, 1)
    assert again.problems.total == 3
    assert guest_ids([again]) == ["a", "b"]
    assert EpisodeSummary.from_json(again.to_json()) == again


def test_counts_from_other_checks_are_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import editor.core.files.library as library

    (tmp_path / "e.md").write_text("---\ntitle: t\nseason: 1\n---\n")
    first = Library(tmp_path, tmp_path / "cache")
    (summary,) = first.scan()
    first.set_problems(summary.path, ProblemCounts(1, 0), (summary.mtime_ns, summary.size))
    first.save_cache()
    assert library.checks_fingerprint() == library.checks_fingerprint()  # stable
    (same,) = Library(tmp_path, tmp_path / "cache").scan()
    assert same.problems == ProblemCounts(1, 0)
    monkeypatch.setattr(library, "checks_fingerprint", lambda: "other checks")
    (again,) = Library(tmp_path, tmp_path / "cache").scan()
    assert again.title == "t"
    assert again.problems is None


@pytest.mark.corpus
def test_corpus_has_no_number_clashes_but_a_copy_makes_one(tmp_path: Path) -> None:
    from editor.core.files.library import number_clashes

    summaries = Library(corpus_files()[0].parent, tmp_path).scan()
    assert number_clashes(summaries) == {}
    twin = EpisodeSummary(
        path=tmp_path / "twin.md", season=summaries[0].season, episode=summaries[0].episode
    )
    assert number_clashes([*summaries, twin]) == {
        summaries[0].path: [twin.path],
        twin.path: [summaries[0].path],
    }

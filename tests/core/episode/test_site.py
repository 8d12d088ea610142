"""Finding the site an episode belongs to, its people and its files (pure Python)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS_SITE, SAMPLE_EPISODE, SAMPLE_SITE, corpus_files

from editor.core.episode.site import (
    episode_topics,
    find_site_root,
    link_url,
    people,
    people_or_none,
    read_person,
    site_file,
    topics_in,
)


def test_site_root_is_found_by_walking_up() -> None:
    assert find_site_root(SAMPLE_EPISODE) == SAMPLE_SITE
    assert find_site_root(SAMPLE_SITE / "_podcast") == SAMPLE_SITE


def test_a_file_outside_any_site_has_no_root(tmp_path: Path) -> None:
    lonely = tmp_path / "a" / "b.md"
    lonely.parent.mkdir()
    lonely.write_text("---\n---\n", encoding="utf-8")
    assert find_site_root(lonely) is None


def test_people_short_ids_and_names() -> None:
    found = people(SAMPLE_SITE)
    assert [(p.short, p.name) for p in found] == [
        ("adaquill", "Ada Quill"),
        ("brunofenwick", "Bruno Fenwick"),
    ]


def test_person_without_short_uses_the_file_name(tmp_path: Path) -> None:
    page = tmp_path / "someone.md"
    page.write_text("---\ntitle: 'Some One'  # comment\n---\n", encoding="utf-8")
    person = read_person(page)
    assert person is not None and (person.short, person.name) == ("someone", "Some One")
    page.write_text("no front matter", encoding="utf-8")
    assert read_person(page) is None


@pytest.mark.corpus
def test_corpus_people_cover_the_corpus_guests() -> None:
    corpus_files()
    ids = {p.short for p in people(CORPUS_SITE)}
    assert len(ids) > 100
    assert "16rahuljain" in ids


def test_site_file_stays_inside_the_site() -> None:
    assert site_file(SAMPLE_SITE, "images/podcast/tide-charts-and-lamp-oil.svg") is not None
    assert site_file(SAMPLE_SITE, "/images/podcast/tide-charts-and-lamp-oil.svg") is not None
    assert site_file(SAMPLE_SITE, "images/podcast/missing.jpg") is None
    assert site_file(SAMPLE_SITE, "../../../etc/passwd") is None
    assert site_file(SAMPLE_SITE, "https://example.com/x.png") is None
    assert site_file(None, "images/x.png") is None


def test_link_urls_are_web_only() -> None:
    assert link_url("youtube", "https://youtu.be/x") == "https://youtu.be/x"
    assert link_url("youtube", "AbC_12", is_id=True) == "https://www.youtube.com/watch?v=AbC_12"
    assert link_url("youtube", "AbC_12") is None
    assert link_url("apple", "TODO") is None
    assert link_url("anchor", "file:///etc/passwd") is None
    assert link_url("anchor", "javascript:alert(1)", is_id=True) is None
    assert link_url("anchor", "Some-Episode-e2abcd1", is_id=True) is None
    assert link_url("spotify", None) is None


def test_people_or_none_tells_no_site_from_no_people(tmp_path: Path) -> None:
    assert people_or_none(None) is None
    assert people_or_none(tmp_path) is None
    (tmp_path / "_people").mkdir()
    assert people_or_none(tmp_path) == ()


def test_topics_in_reads_the_topics_block_only() -> None:
    text = "---\ntitle: a\ntopics:\n- one\n- 'two words'\nguests:\n- not a topic\n---\n- body\n"
    assert topics_in(text) == ["one", "two words"]
    assert topics_in("---\ntopics: [a, b]\n---\n") == []


def test_episode_topics_most_used_first(tmp_path: Path) -> None:
    for name, items in (("a.md", ["x", "y"]), ("b.md", ["y"]), ("c.md", ["z", "y", "x"])):
        body = "".join(f"- {item}\n" for item in items)
        (tmp_path / name).write_text(f"---\ntopics:\n{body}---\n", encoding="utf-8")
    assert episode_topics(tmp_path) == ("y", "x", "z")
    assert episode_topics(None) == ()


@pytest.mark.corpus
def test_corpus_topics() -> None:
    corpus_files()
    found = episode_topics(CORPUS_SITE / "_podcast")
    assert len(found) > 50
    assert "machine learning" in found[:5]


def test_validation_reuses_the_people_pages_read_for_the_guest_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins
    import io

    from editor.core.episode.validation.site_files import people_pages

    folder = tmp_path / "_people"
    folder.mkdir()
    for short in ("ada", "bruno", "cleo"):
        text = f"---\nshort: {short}\ntitle: {short.title()}\n---\nA long biography.\n"
        (folder / f"{short}-page.md").write_text(text, encoding="utf-8")
    assert [p.short for p in people(tmp_path)] == ["ada", "bruno", "cleo"]
    opened: list[str] = []
    real_open = io.open

    def counting_open(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        if str(file).startswith(str(folder)) and "r" in mode:
            opened.append(str(file))
        return real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", counting_open)
    monkeypatch.setattr(io, "open", counting_open)
    assert people_pages(tmp_path)["cleo"] == [folder / "cleo-page.md"]
    assert opened == []  # the opening file's validation reads no page a second time
    (folder / "cleo-page.md").write_text("---\nshort: cleopatra\n---\n", encoding="utf-8")
    found = people_pages(tmp_path)
    assert found["cleopatra"] == [folder / "cleo-page.md"] and "cleo" not in found
    assert opened == [str(folder / "cleo-page.md")]  # a rewritten page is read again

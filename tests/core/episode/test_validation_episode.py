"""Schema, clip, link, metadata and site rules on invented episodes."""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from validation_helpers import (
    CLEAN_EPISODE,
    apply_fix,
    edited,
    line_of,
    only,
    problems_in,
    rules,
)

from editor.core.episode.validation import season_episode_duplicates, validate
from editor.core.episode.validation.schema import compile_predicate, load_schema
from editor.core.yaml.document import Document

# -- structure (JSON Schema) -------------------------------------------------------------


def test_the_bundled_schema_is_a_valid_draft_2020_12_schema() -> None:
    # load_schema does not check it at run time (it is the slowest part of the first open).
    Draft202012Validator.check_schema(load_schema())


def test_missing_required_field() -> None:
    text = edited(("season: 4\n", ""))
    problem = only(problems_in(text), "metadata.missing-field")
    assert "'season'" in problem.message
    assert problem.severity == "error"


def test_wrong_type_points_at_the_value() -> None:
    text = edited(("episode: 2\n", "episode: two\n"))
    problem = only(problems_in(text), "metadata.episode")
    assert problem.line == line_of(text, "episode: two")
    assert "'two'" in problem.message


@pytest.mark.parametrize("duration", ["PT01H40S", "PT00H59M23S", "PT45M", "PT3600S", "P1DT2H"])
def test_full_iso_durations_are_accepted(duration: str) -> None:
    assert "metadata.duration" not in rules(
        problems_in(edited(("duration: PT00H10M00S", f"duration: {duration}")))
    )


@pytest.mark.parametrize("duration", ["1:40:00", "PT", "P", "PT1H40", "60 minutes"])
def test_durations_that_are_not_iso(duration: str) -> None:
    text = edited(("duration: PT00H10M00S", f"duration: '{duration}'"))
    assert "metadata.duration" in rules(problems_in(text))


def test_links_may_be_todo() -> None:
    text = edited(
        ("  youtube: https://www.youtube.com/watch?v=Zx9Yw8Vu7Ts\n", "  youtube: TODO\n"),
        (
            "  spotify: https://open.spotify.com/episode/1a2B3c4D5e6F7g8H9i0JkL\n",
            "  spotify: TODO\n",
        ),
    )
    assert problems_in(text) == []


def test_dates_quoted_or_not() -> None:
    assert problems_in(edited(("dateadded: 2024-05-01", "dateadded: '2024-05-01'"))) == []
    text = edited(("dateadded: 2024-05-01", "dateadded: '2024-13-01'"))
    assert "metadata.date" in rules(problems_in(text))


def test_unknown_key_in_a_transcript_item() -> None:
    text = edited(("  time: '0:20'\n  who: Pim\n", "  time: '0:20'\n  who: Pim\n  speaker: Pim\n"))
    problem = only(problems_in(text), "transcript.shape")
    assert problem.path == ("transcript", 2, "speaker")
    assert problem.line == line_of(text, "speaker: Pim")


def test_clip_missing_a_field() -> None:
    text = edited(("  url: https://www.youtube.com/watch?v=Zx9Yw8Vu7Ts&t=60\n", ""))
    problem = only(problems_in(text), "clips.shape")
    assert "'url'" in problem.message and "clip 2" in problem.message


def test_the_screening_predicate_agrees_with_jsonschema() -> None:
    from jsonschema import Draft202012Validator

    item_schema = load_schema()["properties"]["transcript"]["items"]
    predicate = compile_predicate(item_schema)
    assert predicate is not None
    validator = Draft202012Validator(item_schema)
    samples = [
        {"header": "A"},
        {"header": ""},
        {"line": "x", "who": "A", "sec": 3, "time": "0:03"},
        {"line": "x", "who": "A", "sec": -1},
        {"line": "x", "who": "A", "sec": True},
        {"line": "x", "who": 3},
        {"line": "x", "extra": 1},
        {"line": None},
        "a string",
        None,
    ]
    for sample in samples:
        if predicate(sample):
            assert validator.is_valid(sample), sample
    assert compile_predicate({"type": "string", "format": "email"}) is None


@pytest.mark.parametrize("key", ["transcript", "quotableClips"])
def test_the_screening_predicate_never_passes_an_invalid_item(key: str) -> None:
    import random

    from jsonschema import Draft202012Validator

    item_schema = load_schema()["properties"][key]["items"]
    predicate = compile_predicate(item_schema)
    assert predicate is not None
    validator = Draft202012Validator(item_schema)
    keys = [*item_schema["properties"], "extra"]
    values = [None, True, 0, -1, 5, 3.0, "", "x", "0:03", "https://youtu.be/AbCdEfGhIjK", [], {}]
    chooser = random.Random(6)
    passed = 0
    for _ in range(3000):
        names = chooser.sample(keys, chooser.randint(0, len(keys)))
        sample = {name: chooser.choice(values) for name in names}
        if predicate(sample):
            passed += 1
            assert validator.is_valid(sample), sample
    assert passed > 0


# -- clips ------------------------------------------------------------------------------


def test_clip_that_ends_before_it_starts() -> None:
    text = edited(("  endOffset: 300\n", "  endOffset: 40\n"))
    problem = only(problems_in(text), "clips.start-after-end")
    assert problem.line == line_of(text, "endOffset: 40")


def test_overlapping_clips() -> None:
    text = edited(("  startOffset: 60\n", "  startOffset: 50\n"), ("&t=60\n", "&t=50\n"))
    problem = only(problems_in(text), "clips.overlap")
    assert problem.path == ("quotableClips", 1, "startOffset")


def test_clip_after_the_end_of_the_episode() -> None:
    text = edited(("  endOffset: 300\n", "  endOffset: 900\n"))
    problem = only(problems_in(text), "clips.after-end")
    assert "0:15:00" in problem.message
    # Within a minute of the end is fine (the last words last a while).
    assert problems_in(edited(("  endOffset: 300\n", "  endOffset: 640\n"))) == []


def test_clip_url_start_disagrees_and_is_rebuilt() -> None:
    text = edited(("&t=60\n", "&t=65\n"))
    problem = only(problems_in(text), "clips.url-start")
    assert problem.line == line_of(text, "&t=65")
    doc = Document.from_text(text)
    apply_fix(doc, problem)
    assert doc.data["quotableClips"][1]["url"] == "https://www.youtube.com/watch?v=Zx9Yw8Vu7Ts&t=60"
    assert validate(doc) == []


def test_clip_url_for_another_video() -> None:
    text = edited(("watch?v=Zx9Yw8Vu7Ts&t=60", "watch?v=AAAAAAAAAAA&t=60"))
    problem = only(problems_in(text), "clips.url-video")
    doc = Document.from_text(text)
    apply_fix(doc, problem)
    assert validate(doc) == []


def test_clip_far_from_the_section_it_names() -> None:
    text = edited(
        ("  startOffset: 60\n", "  startOffset: 200\n"),
        ("&t=60\n", "&t=200\n"),
        ("  endOffset: 60\n", "  endOffset: 200\n"),
    )
    problem = only(problems_in(text), "clips.far-from-section")
    assert problem.severity == "warning"
    assert "0:01:00" in problem.message


# -- ids and links ----------------------------------------------------------------------


def test_youtube_id_disagrees_with_the_link() -> None:
    text = edited(("  youtube: Zx9Yw8Vu7Ts\n", "  youtube: Zx9Yw8Vu7Tt\n"))
    found = rules(problems_in(text))
    assert "ids.youtube-mismatch" in found


def test_malformed_youtube_id_and_link_are_fixed_from_each_other() -> None:
    # The corpus mistake: '&t' stuck to the id, the link, and every clip URL.
    text = edited(
        ("  youtube: Zx9Yw8Vu7Ts\n", "  youtube: Zx9Yw8Vu7Ts&t\n"),
        ("watch?v=Zx9Yw8Vu7Ts\n", "watch?v=Zx9Yw8Vu7Ts&t\n"),
        ("watch?v=Zx9Yw8Vu7Ts&t=60", "watch?v=Zx9Yw8Vu7Ts&t&t=60"),
    )
    problems = problems_in(text)
    assert sorted(rules(problems)) == [
        "clips.url-start",
        "ids.youtube-malformed",
        "links.malformed",
    ]
    assert "it has 2" in only(problems, "clips.url-start").message
    doc = Document.from_text(text)
    for problem in problems:
        apply_fix(doc, problem)
    assert validate(doc) == []


@pytest.mark.parametrize(
    "link",
    [
        "https://podcasters.spotify.com/pod/pod/show/orchardcast/episodes/Orchard-Sensors---Pim-Marrowfield-e2zzz01",
        "https://anchor.fm/orchardcast/episodes/Orchard-Sensors---Pim-Marrowfield-e2zzz01https://anchor.fm/x",
        "anchor.fm/orchardcast/episodes/Orchard-Sensors---Pim-Marrowfield-e2zzz01",
    ],
)
def test_malformed_anchor_link(link: str) -> None:
    text = edited(
        (
            "  anchor: https://anchor.fm/orchardcast/episodes/Orchard-Sensors---Pim-Marrowfield-e2zzz01\n",
            f"  anchor: {link}\n",
        )
    )
    problem = only(problems_in(text), "links.malformed")
    assert problem.path == ("links", "anchor")


def test_anchor_id_that_is_not_the_end_of_the_link() -> None:
    text = edited(
        (
            "  anchor: Orchard-Sensors---Pim-Marrowfield-e2zzz01\n",
            "  anchor: ow/orchardcast/episodes/Orchard-Sensors---Pim-Marrowfield-e2zzz01\n",
        )
    )
    problem = only(problems_in(text), "ids.anchor-mismatch")
    assert problem.line == line_of(text, "anchor: ow/")


# -- metadata ---------------------------------------------------------------------------


DESCRIPTION = (
    "description: 'Pim Marrowfield on orchard sensors, apple counts and harvest forecasts.'"
)


def test_description_over_160_characters() -> None:
    text = edited((DESCRIPTION, f"description: '{'x' * 161}'"))
    problem = only(problems_in(text), "description.too-long")
    assert problem.severity == "warning" and "161" in problem.message
    assert problems_in(edited((DESCRIPTION, f"description: '{'y' * 160}'"))) == []


@pytest.mark.parametrize("other", ["Sensors", "sensor", "SENSORS"])
def test_topics_that_differ_only_in_case_or_plural(other: str) -> None:
    text = edited(("- sensors\n", f"- sensors\n- {other}\n"))
    problem = only(problems_in(text), "topics.duplicate")
    assert problem.path == ("topics", 2)
    doc = Document.from_text(text)
    apply_fix(doc, problem)
    assert validate(doc) == []


def test_different_topics_are_fine() -> None:
    assert problems_in(edited(("- sensors\n", "- sensors\n- sensor fusion\n- analysis\n"))) == []


def test_double_md_extension(tmp_path: Path) -> None:
    path = tmp_path / "orchard.md.md"
    path.write_text(CLEAN_EPISODE, encoding="utf-8")
    assert rules(validate(Document.load(path))) == ["file.double-extension"]


# -- the site around the file -------------------------------------------------------------


def _site(tmp_path: Path, people: list[str], image_folder: bool = True) -> Path:
    (tmp_path / "_people").mkdir()
    for short in people:
        (tmp_path / "_people" / f"{short}-page.md").write_text(
            f"---\ntitle: Someone\nshort: {short}\n---\n", encoding="utf-8"
        )
    if image_folder:
        (tmp_path / "images" / "podcast").mkdir(parents=True)
    (tmp_path / "_podcast").mkdir()
    episode = tmp_path / "_podcast" / "orchard.md"
    episode.write_text(CLEAN_EPISODE, encoding="utf-8")
    return episode


def test_guest_without_people_page_and_missing_image(tmp_path: Path) -> None:
    episode = _site(tmp_path, ["someoneelse"])
    problems = validate(Document.load(episode))  # site root found by walking up
    assert rules(problems) == ["guests.no-people-page", "image.missing"]
    guest = problems[0]
    assert guest.severity == "error" and guest.path == ("guests", 0)
    assert guest.line == line_of(CLEAN_EPISODE, "- marrowfield")
    assert problems[1].severity == "warning"


def test_guest_with_a_people_page_and_present_image(tmp_path: Path) -> None:
    episode = _site(tmp_path, ["marrowfield"])
    (tmp_path / "images" / "podcast" / "orchard-sensors.jpg").write_bytes(b"\xff\xd8")
    assert validate(Document.load(episode)) == []
    assert validate(Document.from_text(CLEAN_EPISODE), site_root=tmp_path) == []


def test_images_kept_outside_the_checkout_are_not_reported(tmp_path: Path) -> None:
    episode = _site(tmp_path, ["marrowfield"], image_folder=False)
    assert validate(Document.load(episode)) == []


def test_no_site_means_no_site_checks() -> None:
    assert validate(Document.from_text(CLEAN_EPISODE)) == []


# -- the folder-level check ---------------------------------------------------------------


def test_season_and_episode_duplicated_across_files(tmp_path: Path) -> None:
    first, second, third = (tmp_path / f"{name}.md" for name in ("a", "b", "c"))
    first.write_text(CLEAN_EPISODE, encoding="utf-8")
    second.write_text(CLEAN_EPISODE, encoding="utf-8")
    third.write_text(edited(("episode: 2\n", "episode: 3\n")), encoding="utf-8")
    docs = [Document.load(p) for p in (first, second, third)]
    found = season_episode_duplicates(docs)
    assert set(map(id, found)) == {id(docs[0]), id(docs[1])}
    problem = found[docs[0]][0]
    assert problem.rule == "episode.duplicate-number"
    assert "b.md" in problem.message
    assert problem.line == line_of(CLEAN_EPISODE, "episode: 2")


def test_alias_bomb_is_reported_not_expanded() -> None:
    anchors = "lol0: &lol0 [lol, lol]\n" + "".join(
        f"lol{n}: &lol{n} [{', '.join([f'*lol{n - 1}'] * 10)}]\n" for n in range(1, 30)
    )
    text = edited(("topics:\n- agriculture\n- sensors\n", anchors + "topics: *lol29\n"))
    problems = problems_in(text)  # must return at once, not walk 10**29 values
    flagged = {p.path for p in problems if p.rule == "document.alias-expansion"}
    assert ("topics",) in flagged and ("lol29",) in flagged
    assert ("lol4",) not in flagged  # 10**4 values is fine


@pytest.mark.parametrize(
    ("anchor_line", "walked"),
    [
        ("lol29: &lol29 [x]", True),
        ("lol29:\n- &lol29 x", True),
        ("lol29: [&lol29 x]", True),
        ("lol29: {a: 1, b: &lol29 x}", True),
        ("lol29: R&D, Q & A, rock&roll", False),
    ],
)
def test_values_are_walked_for_alias_expansion_only_where_an_anchor_can_be(
    anchor_line: str, walked: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from editor.core.episode.validation import context

    sizes: list[int] = []
    original = context.expanded_size

    def counting(value: object, memo: dict[int, int]) -> int:
        sizes.append(1)
        return original(value, memo)

    monkeypatch.setattr(context, "expanded_size", counting)
    problems_in(edited(("topics:\n- agriculture\n", f"{anchor_line}\ntopics:\n- agriculture\n")))
    assert bool(sizes) is walked


def test_a_path_with_a_space_names_the_space_and_shows_that_part() -> None:
    long_name = "2024-03-09-retrieval-augmented-generation-with-embeddings-hybrid search.jpg"
    text = edited(
        ("image: images/podcast/orchard-sensors.jpg", f"image: images/podcast/{long_name}")
    )
    problem = only(problems_in(text), "image.path")
    # The value is cut around the space, not after its first 60 characters.
    assert "hybrid search.jpg'" in problem.message
    assert "a space between 'th-embeddings-hybrid' and 'search.jpg'" in problem.message


def test_a_value_wrong_for_another_reason_is_not_blamed_on_a_space() -> None:
    text = edited(("image: images/podcast/orchard-sensors.jpg", "image: my picture.doc"))
    problem = only(problems_in(text), "image.path")
    assert "'my picture.doc'" in problem.message
    assert "space" not in problem.message

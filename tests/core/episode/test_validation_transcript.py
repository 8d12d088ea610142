"""Transcript rules, each shown firing on an invented mistake and silent on the clean file."""

from __future__ import annotations

from validation_helpers import (
    CLEAN_EPISODE,
    apply_fix,
    edited,
    line_of,
    only,
    problems_in,
    rules,
)

from editor.core.episode.validation import validate
from editor.core.yaml.document import Document


def test_the_clean_episode_has_no_problems() -> None:
    assert problems_in(CLEAN_EPISODE) == []


def test_untimed_continuation_lines_are_fine() -> None:
    # "And it works in the rain..." has who but no sec/time, like many corpus lines.
    assert "transcript.missing-time" not in rules(problems_in(CLEAN_EPISODE))


def test_line_without_speaker_points_at_the_item_and_offers_the_previous_speaker() -> None:
    text = edited(("  time: '0:20'\n  who: Pim\n", "  time: '0:20'\n"))
    problem = only(problems_in(text), "transcript.missing-speaker")
    assert problem.severity == "error"
    assert problem.path == ("transcript", 2, "who")
    assert problem.line == line_of(text, "Glad to be here.")
    assert problem.column == 3
    assert "who" in problem.message
    assert problem.fix is not None and "Host" in problem.fix.description
    doc = Document.from_text(text)
    apply_fix(doc, problem)
    assert doc.data["transcript"][2]["who"] == "Host"
    assert validate(doc) == []


def test_no_speaker_fix_across_a_section_header() -> None:
    text = edited(("  time: '1:00'\n  who: Host\n", "  time: '1:00'\n"))
    problem = only(problems_in(text), "transcript.missing-speaker")
    assert problem.path == ("transcript", 4, "who")
    assert problem.fix is None  # the line above is in another section


def test_header_with_other_fields() -> None:
    text = edited(("- header: Counting Apples\n", "- header: Counting Apples\n  who: Host\n"))
    problem = only(problems_in(text), "transcript.header-with-fields")
    assert problem.line == line_of(text, "header: Counting Apples")
    doc = Document.from_text(text)
    apply_fix(doc, problem)
    assert validate(doc) == []


def test_item_with_neither_header_nor_line() -> None:
    text = edited(("- header: Counting Apples\n", "- who: Host\n  sec: 59\n  time: '0:59'\n"))
    assert "transcript.no-text" in rules(problems_in(text))


def test_same_line_pasted_twice_in_a_row() -> None:
    text = edited(
        (
            "- line: Glad to be here.\n",
            "- line: Glad to be here.\n  sec: 20\n  time: '0:20'\n  who: Pim\n"
            "- line: Glad to be here.\n",
        )
    )
    problems = problems_in(text)
    problem = only(problems, "transcript.duplicate-line")
    assert problem.path == ("transcript", 3)
    doc = Document.from_text(text)
    apply_fix(doc, problem)
    assert validate(doc) == []


def test_a_pasted_copy_without_speaker_is_the_one_to_delete() -> None:
    # The corpus pattern: a who-less copy, then the real line (sometimes past a header).
    text = edited(
        (
            "- header: Counting Apples\n",
            "- line: How do you count apples on a tree?\n- header: Counting Apples\n",
        )
    )
    problems = problems_in(text)
    assert rules(problems) == ["transcript.duplicate-line"]
    assert problems[0].path == ("transcript", 3)
    assert "no who" in problems[0].message
    doc = Document.from_text(text)
    apply_fix(doc, problems[0])
    assert validate(doc) == []


def test_two_people_saying_the_same_thing_is_not_a_duplicate() -> None:
    text = edited(
        (
            "- line: Thank you, Pim.\n",
            "- line: Bye.\n  sec: 288\n  time: '4:48'\n  who: Pim\n- line: Bye.\n",
        ),
    )
    assert problems_in(text) == []


def test_duplicate_header() -> None:
    text = edited(
        ("- line: Thank you, Pim.\n", "- header: Counting Apples\n- line: Thank you, Pim.\n")
    )
    problem = only(problems_in(text), "transcript.duplicate-header")
    assert problem.line == line_of(text, "- line: Thank you, Pim.") - 1
    assert problem.fix is not None


def test_time_that_is_not_a_time() -> None:
    text = edited(("  time: '1:06'\n", "  time: 37:567\n"))
    problem = only(problems_in(text), "transcript.time-invalid")
    assert problem.path == ("transcript", 5, "time")
    assert problem.line == line_of(text, "37:567")
    assert "1:06" in problem.message  # what sec says
    assert problem.fix is None  # not certain which of the two is wrong


def test_time_broken_over_lines_is_fixed_from_sec() -> None:
    text = edited(("  time: '1:06'\n", "  time: '1:\n\n    06'\n"))
    problem = only(problems_in(text), "transcript.time-invalid")
    doc = Document.from_text(text)
    apply_fix(doc, problem)
    assert doc.data["transcript"][5]["time"] == "1:06"


def test_time_and_sec_disagree_and_sec_is_set_from_time() -> None:
    text = edited(("  sec: 66\n", "  sec: 70\n"))
    problem = only(problems_in(text), "transcript.time-mismatch")
    assert problem.path == ("transcript", 5, "sec")
    assert problem.line == line_of(text, "sec: 70")
    doc = Document.from_text(text)
    apply_fix(doc, problem)
    assert doc.data["transcript"][5]["sec"] == 66
    assert validate(doc) == []


def test_sec_without_time_and_time_without_sec() -> None:
    text = edited(("  time: '0:20'\n", ""))
    problem = only(problems_in(text), "transcript.missing-time")
    doc = Document.from_text(text)
    apply_fix(doc, problem)
    assert doc.data["transcript"][2]["time"] == "0:20"
    text = edited(("  sec: 20\n", ""))
    problem = only(problems_in(text), "transcript.missing-sec")
    doc = Document.from_text(text)
    apply_fix(doc, problem)
    assert doc.data["transcript"][2]["sec"] == 20


def test_sec_going_back_by_minutes_is_an_error() -> None:
    text = edited(("  sec: 290\n  time: '4:50'\n", "  sec: 2\n  time: '0:02'\n"))
    problem = only(problems_in(text), "transcript.sec-backwards")
    assert problem.severity == "error"
    assert problem.line == line_of(text, "time: '0:02'") - 1
    assert "1:06" in problem.message


def test_sec_going_back_by_seconds() -> None:
    # Overlapping speech: a few seconds back is normal.
    text = edited(("  sec: 290\n  time: '4:50'\n", "  sec: 62\n  time: '1:02'\n"))
    assert problems_in(text) == []
    text = edited(("  sec: 290\n  time: '4:50'\n", "  sec: 40\n  time: '0:40'\n"))
    problem = only(problems_in(text), "transcript.sec-out-of-order")
    assert problem.severity == "warning"


def test_line_far_after_the_end_of_the_episode() -> None:
    text = edited(("  sec: 290\n  time: '4:50'\n", "  sec: 1200\n  time: '20:00'\n"))
    assert "transcript.after-end" in rules(problems_in(text))
    # The recording often runs a minute or two past the published duration.
    text = edited(("  sec: 290\n  time: '4:50'\n", "  sec: 700\n  time: '11:40'\n"))
    assert "transcript.after-end" not in rules(problems_in(text))


def test_speaker_that_is_transcript_text() -> None:
    text = edited(
        (
            "  time: '0:20'\n  who: Pim\n",
            "  time: '0:20'\n  who: I think that we counted every apple twice.\n",
        )
    )
    problem = only(problems_in(text), "transcript.speaker-not-a-name")
    assert problem.path == ("transcript", 2, "who")


def test_speaker_with_a_colon() -> None:
    text = edited(("  time: '0:20'\n  who: Pim\n", "  time: '0:20'\n  who: 'Pim:'\n"))
    problem = only(problems_in(text), "transcript.speaker-punctuation")
    assert problem.severity == "warning"
    doc = Document.from_text(text)
    apply_fix(doc, problem)
    assert validate(doc) == []


def _many_lines(speaker_of: list[str]) -> str:
    lines = "".join(
        f"- line: Line {n}.\n  sec: {100 + n}\n  time: '1:{40 + n:02d}'\n  who: {who}\n"
        for n, who in enumerate(speaker_of)
    )
    return edited(("- line: Thank you, Pim.\n", lines + "- line: Thank you, Pim.\n"))


def test_rare_speaker_that_extends_a_frequent_one_is_a_typo() -> None:
    text = _many_lines(["Host", "Pim"] * 8 + ["Pimim"])
    problem = only(problems_in(text), "transcript.speaker-typo")
    assert "'Pim'" in problem.message
    doc = Document.from_text(text)
    apply_fix(doc, problem)
    assert validate(doc) == []


def test_a_different_rare_speaker_is_not_a_typo() -> None:
    # "Hostess" extends "Host", but "ess" is not the end of anyone's name.
    assert problems_in(_many_lines(["Host", "Pim"] * 8 + ["Hostess"])) == []
    # A rare speaker whose name is a prefix of a frequent one is a real person too.
    assert problems_in(_many_lines(["Hostname", "Pim"] * 8 + ["Host"])) == []


def test_a_wrong_duration_is_one_problem_that_names_the_lines_and_offers_a_fix() -> None:
    # A duration of 0:30 leaves the three lines at 6:00 and later past the end.
    text = edited(
        ("duration: PT00H10M00S", "duration: PT00H00M30S"),
        ("  sec: 60\n  time: '1:00'\n", "  sec: 360\n  time: '6:00'\n"),
        ("  sec: 66\n  time: '1:06'\n", "  sec: 366\n  time: '6:06'\n"),
        ("  sec: 290\n  time: '4:50'\n", "  sec: 590\n  time: '9:50'\n"),
    )
    problems = [p for p in problems_in(text) if p.rule == "transcript.after-end"]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.message.startswith("3 lines start more than 5 minutes after the episode ends")
    assert f"from line {line_of(text, 'sec: 360') - 1} (6:00)" in problem.message
    assert f"to line {line_of(text, 'sec: 590') - 1} (9:50)" in problem.message
    assert problem.fix is not None
    assert "PT00H09M50S" in problem.fix.description
    doc = Document.from_text(text)
    apply_fix(doc, problem)
    assert doc.data["duration"] == "PT00H09M50S"
    assert [p for p in validate(doc) if p.rule == "transcript.after-end"] == []

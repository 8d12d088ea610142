"""Invented episodes for the validation tests: one clean file, edited line by line."""

from __future__ import annotations

from pathlib import Path

from editor.core.episode.fields import apply_episode_edits
from editor.core.episode.validation import Problem, in_safe_order, validate
from editor.core.yaml.document import Document

CLEAN_EPISODE = """\
---
title: 'Orchard Sensors: Counting Apples Before They Fall'
short: Orchard Sensors
season: 4
episode: 2
guests:
- marrowfield
image: images/podcast/orchard-sensors.jpg
ids:
  youtube: Zx9Yw8Vu7Ts
  anchor: Orchard-Sensors---Pim-Marrowfield-e2zzz01
links:
  youtube: https://www.youtube.com/watch?v=Zx9Yw8Vu7Ts
  anchor: https://anchor.fm/orchardcast/episodes/Orchard-Sensors---Pim-Marrowfield-e2zzz01
  apple: TODO
  spotify: https://open.spotify.com/episode/1a2B3c4D5e6F7g8H9i0JkL
description: 'Pim Marrowfield on orchard sensors, apple counts and harvest forecasts.'
topics:
- agriculture
- sensors
dateadded: 2024-05-01
duration: PT00H10M00S
quotableClips:
- name: Podcast Introduction
  startOffset: 0
  url: https://www.youtube.com/watch?v=Zx9Yw8Vu7Ts&t=0
  endOffset: 60
- name: Counting Apples
  startOffset: 60
  url: https://www.youtube.com/watch?v=Zx9Yw8Vu7Ts&t=60
  endOffset: 300
transcript:
- header: Podcast Introduction
- line: Welcome to the orchard podcast. Today we count apples with Pim.
  sec: 5
  time: '0:05'
  who: Host
- line: Glad to be here.
  sec: 20
  time: '0:20'
  who: Pim
- header: Counting Apples
- line: How do you count apples on a tree?
  sec: 60
  time: '1:00'
  who: Host
- line: We photograph each row at dawn and let a small model count the red blobs.
  sec: 66
  time: '1:06'
  who: Pim
- line: And it works in the rain as well, which surprised us.
  who: Pim
- line: Thank you, Pim.
  sec: 290
  time: '4:50'
  who: Host
---

Body text.
"""


def edited(*replacements: tuple[str, str], text: str = CLEAN_EPISODE) -> str:
    """``text`` with each ``(old, new)`` replaced; every ``old`` must occur exactly once."""
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def problems_in(text: str, site_root: Path | None = None) -> list[Problem]:
    return validate(Document.from_text(text), site_root=site_root)


def rules(problems: list[Problem]) -> list[str]:
    return [p.rule for p in problems]


def only(problems: list[Problem], rule: str) -> Problem:
    matching = [p for p in problems if p.rule == rule]
    assert len(matching) == 1, f"expected one {rule}, got {problems}"
    return matching[0]


def line_of(text: str, fragment: str) -> int:
    """1-based number of the only line containing ``fragment``."""
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(numbers) == 1, f"{fragment!r} is on lines {numbers}"
    return numbers[0]


def apply_fix(doc: Document, problem: Problem) -> None:
    """Apply a quick fix straight to ``doc.data`` with the core function the app uses (the
    window pushes the same edits through its session, in the same safe order)."""
    assert problem.fix is not None, f"{problem.rule} has no quick fix"
    apply_episode_edits(doc.data, in_safe_order(problem.fix.edits))

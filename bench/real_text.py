"""Large episodes made of real text: the corpus's own transcript items, repeated.

    from real_text import real_text_episode
    text = real_text_episode(10_000)   # about 3.5 MB of front matter

Synthetic text (``bench_transcript.synthetic_episode``) has short, regular lines; real lines
average about 340 characters per item, folded over several lines, with quotes, colons and
typographic punctuation. This generator takes every transcript item of every corpus episode
verbatim (its lines as written, comments included), in file order, and repeats them until
there are ``items`` of them, rewriting only the ``sec:`` and ``time:`` lines so the times go
forward. The rest of the front matter (title, guests, clips...) and the body come from the
largest episode. Reads ``../shared/corpus`` in place.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "site" / "_podcast"

_SEC_RE = re.compile(r"^(  sec: ).*$", re.MULTILINE)
# A quoted time may be folded over lines (one corpus item is): match up to its closing quote.
_TIME_RE = re.compile(
    r"""^(  time: )(?:'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^'"\n][^\n]*)[ \t]*$""", re.MULTILINE
)
_TOP_LEVEL_RE = re.compile(r"^[^\s#-]", re.MULTILINE)
_ITEM_RE = re.compile(r"^- ", re.MULTILINE)


def corpus_files() -> list[Path]:
    files = sorted(CORPUS.glob("*.md"))
    if not files:
        raise SystemExit(f"The corpus is not present: {CORPUS} has no episodes.")
    return files


def _transcript_block(front_matter: str) -> tuple[int, int] | None:
    """Span of the items under the top-level ``transcript:`` key (items at column 0)."""
    match = re.search(r"^transcript:[ \t]*\n", front_matter, re.MULTILINE)
    if match is None:
        return None
    following = _TOP_LEVEL_RE.search(front_matter, match.end())
    return match.end(), following.start() if following else len(front_matter)


def _split(text: str) -> tuple[str, str, str]:
    """(opening + front matter, closing line, body) of an episode in the corpus style."""
    end = text.index("\n---\n", 4)
    return text[: end + 1], "---\n", text[end + 5 :]


@cache
def corpus_items() -> tuple[str, ...]:
    """Every transcript item of the corpus as written (``- line: ...`` to the next item)."""
    items: list[str] = []
    for path in corpus_files():
        front_matter = _split(path.read_text(encoding="utf-8"))[0]
        span = _transcript_block(front_matter)
        if span is None:
            continue
        block = front_matter[span[0] : span[1]]
        starts = [m.start() for m in _ITEM_RE.finditer(block)] + [len(block)]
        items += [block[a:b] for a, b in itertools.pairwise(starts)]
    return tuple(item if item.endswith("\n") else item + "\n" for item in items)


def _clock(seconds: int) -> str:
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def real_text_episode(items: int) -> str:
    """An episode whose transcript has ``items`` real items (headers included)."""
    pool = corpus_items()
    largest = max(corpus_files(), key=lambda p: p.stat().st_size)
    head, closing, body = _split(largest.read_text(encoding="utf-8"))
    span = _transcript_block(head)
    assert span is not None
    out = [head[: span[0]]]
    seconds = 0
    for index in range(items):
        item = pool[index % len(pool)]
        if _SEC_RE.search(item):
            seconds += 3 + index % 5
            item = _SEC_RE.sub(rf"\g<1>{seconds}", item, count=1)
            item = _TIME_RE.sub(rf"\g<1>'{_clock(seconds)}'", item, count=1)
        out.append(item)
    out.append(head[span[1] :])
    return "".join(out) + closing + body


if __name__ == "__main__":
    import sys

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    episode = real_text_episode(count)
    sys.stdout.write(episode)
    sys.stderr.write(
        f"{count} items from {len(corpus_items())} real ones, "
        f"{len(episode.encode()) / 1e6:.2f} MB, "
        f"{len(episode.encode()) / count:.0f} bytes per item\n"
    )

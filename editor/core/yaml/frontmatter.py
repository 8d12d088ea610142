"""Split a Jekyll file into its front matter and body, the way Jekyll does.

Jekyll accepts a file whose first line is ``---`` (trailing spaces allowed) and whose front
matter ends at the next line that is ``---`` or ``...``. Everything after that closing line
is the body, kept exactly as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from editor.core.yaml.errors import DocumentError

BOM = "\ufeff"
_OPEN_RE = re.compile(r"---[ \t]*(\r\n|\n|\r)")
_CLOSE_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\n|\r|\Z)", re.MULTILINE)


@dataclass(frozen=True)
class SplitFile:
    """An episode file in three parts: ``prefix + front_matter + closing + body`` is the text."""

    prefix: str  # optional BOM and the opening '---' line with its line break
    front_matter: str  # YAML text, from the line after '---' up to the closing line
    closing: str  # the closing '---' line with its line break (if any)
    body: str
    front_matter_line: int  # 1-based file line of the first front matter line

    @property
    def has_bom(self) -> bool:
        return self.prefix.startswith(BOM)


def split_front_matter(text: str) -> SplitFile:
    start = 1 if text.startswith(BOM) else 0
    opening = _OPEN_RE.match(text, start)
    if opening is None:
        raise DocumentError(
            "The file has no front matter: its first line must be '---'.", line=1, column=1
        )
    fm_start = opening.end()
    # A closing marker directly after the opening line means empty front matter.
    closing = _CLOSE_RE.search(text, fm_start)
    while (
        closing is not None
        and closing.start() != fm_start
        and text[closing.start() - 1] not in "\r\n"
    ):
        closing = _CLOSE_RE.search(text, closing.start() + 1)
    if closing is None:
        line = text.count("\n", 0, len(text)) + 1
        raise DocumentError(
            "The front matter is never closed: add a '---' line after it.", line=line, column=1
        )
    return SplitFile(
        prefix=text[:fm_start],
        front_matter=text[fm_start : closing.start()],
        closing=closing.group(0),
        body=text[closing.end() :],
        front_matter_line=2,
    )

"""What every tab offers the window and the features: the tab interface."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from editor.core.episode.validation import Problem


class EpisodeTab(Protocol):
    """A tab of the window, showing the part of the data that ``owns`` says."""

    def owns(self, path: Sequence[object]) -> bool:
        """True when the data at ``path`` is shown on this tab (see ``tabs.ownership``)."""
        ...

    def focus_path(self, path: tuple[object, ...]) -> bool:
        """Select the data at ``path`` here; False when this tab cannot show it."""
        ...

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Outline the places of ``problems`` (all of them owned by this tab)."""
        ...

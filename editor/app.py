"""Entry point of ``episode-editor``: the command line is ``editor.cli``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editor.qt.window.main_window import MainWindow as MainWindow


def __getattr__(name: str) -> object:
    # ``from editor.app import MainWindow`` without importing Qt for the headless ``check``.
    if name == "MainWindow":
        from editor.qt.window.main_window import MainWindow

        return MainWindow
    raise AttributeError(name)


def main(argv: Sequence[str] | None = None) -> int:
    from editor.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())

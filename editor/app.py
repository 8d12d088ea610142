"""Entry point: `episode-editor [FILE]` opens the window; `episode-editor check` validates;
`episode-editor snap` moves transcript times to speech starts."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editor.qt.main_window import MainWindow as MainWindow


def __getattr__(name: str) -> object:
    # ``from editor.app import MainWindow`` without importing Qt for the headless ``check``.
    if name == "MainWindow":
        from editor.qt.main_window import MainWindow

        return MainWindow
    raise AttributeError(name)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "check":
        from editor.cli import check_main

        return check_main(args[1:])
    if args and args[0] in ("export", "import-transcript"):
        from editor.formats_cli import formats_main

        return formats_main(args)
    if args and args[0] == "snap":
        from editor.snap_cli import snap_main

        return snap_main(args)
    from editor.qt.gui import run_gui

    return run_gui(args)


if __name__ == "__main__":
    raise SystemExit(main())

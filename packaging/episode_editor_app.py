"""Entry script of the PyInstaller app: the same command line as ``episode-editor``."""

import multiprocessing

from editor.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # `check` starts worker processes from the app itself
    raise SystemExit(main())

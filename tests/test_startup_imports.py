"""What starting the program imports: heavy libraries only when a feature needs them.

numpy (audio analysis) and jsonschema (the schema check) take about 70 ms each to import;
``episode-editor --version``, ``--help`` and the pre-commit hook's ``check`` start with the
command line, and the window should show before them (they come with the first check and
the first audio, or while the empty window waits: see ``editor/qt/window/warm_up.py``).
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("numpy", "jsonschema", "rapidfuzz", "webvtt", "srt", "pysubs2")


def modules_after(code: str) -> list[str]:
    probe = (
        f"{code}\nimport json, sys\n"
        f"print(json.dumps(sorted(m for m in {(*HEAVY, 'PySide6')!r} if m in sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_the_command_line_starts_without_qt_or_heavy_libraries() -> None:
    assert modules_after("import editor.cli; editor.cli.build_parser()") == []


def test_checking_imports_the_schema_checker_only() -> None:
    loaded = modules_after(
        "import io, contextlib, editor.cli\n"
        "from editor.core.resources import resource_path, SAMPLE_SITE, SAMPLE_EPISODE\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    editor.cli.main(['check', str(resource_path(SAMPLE_SITE, *SAMPLE_EPISODE))])"
    )
    assert loaded == ["jsonschema"]


def test_the_window_modules_import_without_numpy() -> None:
    assert "numpy" not in modules_after("import editor.qt.window.main_window")

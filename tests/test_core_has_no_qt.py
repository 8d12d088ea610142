"""editor.core must stay pure Python: importing it must not import Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def test_importing_core_does_not_import_pyside6() -> None:
    code = (
        "import sys, pkgutil, importlib, editor.core\n"
        "for m in pkgutil.walk_packages(editor.core.__path__, 'editor.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "import editor.cli\n"
        "editor.cli.build_parser()\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"editor.core imported Qt modules: {result.stdout}"


def test_no_core_source_file_mentions_qt() -> None:
    offenders = [
        path.name
        for path in (PROJECT_ROOT / "editor" / "core").rglob("*.py")
        if "PySide6" in path.read_text(encoding="utf-8")
        or "shiboken6" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []

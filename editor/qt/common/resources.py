"""The one place that loads files from ``resources/`` (icons, style sheets, the schema)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from editor.core.resources import resource_path

__all__ = ["icon", "resource_path", "style_sheet"]


def icon(name: str) -> QIcon:
    """An SVG icon from ``resources/icons/<name>.svg`` (an empty icon if it is missing)."""
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()


def style_sheet(name: str) -> str:
    path: Path = resource_path(f"{name}.qss")
    return path.read_text(encoding="utf-8") if path.exists() else ""

from editor.qt.common import pyside_fixes as _pyside_fixes  # noqa: F401  (patches PySide6 bugs)

"""Start the Qt application and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from editor.qt.settings import APPLICATION, ORGANIZATION, Settings


def run_gui(args: list[str]) -> int:
    from editor.qt.desktop import focus_from_environment
    from editor.qt.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0], *args])
    QApplication.setOrganizationName(ORGANIZATION)
    QApplication.setApplicationName(APPLICATION)
    settings = Settings()
    QApplication.setDesktopFileName("episode-editor")
    window = MainWindow(settings)
    window.desktop.apply_startup_preferences()
    files = [a for a in args if not a.startswith("-")]
    if files:
        window.open_path(Path(files[0]))
    window.show()
    QTimer.singleShot(0, window.work_protection.offer_recovery)
    QTimer.singleShot(0, lambda: focus_from_environment(window))
    return app.exec()

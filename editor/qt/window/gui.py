"""Start the Qt application and the main window."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from editor.qt.common.settings import APPLICATION, ORGANIZATION, Settings

# How long --self-test lets the window run (deferred start-up work, repaints) before it checks.
SELF_TEST_MS = 500
# Said by Qt's offscreen platform on every show(): a limit of that platform, not of the editor.
_PLATFORM_NOTICES = {"This plugin does not support propagateSizeHints()"}


def run_gui(path: Path | None = None, *, self_test: bool = False) -> int:
    from editor.qt.window.desktop import focus_from_environment
    from editor.qt.window.main_window import MainWindow

    failures = _FailureRecorder() if self_test else None
    app = QApplication.instance() or QApplication([sys.argv[0]])
    QApplication.setOrganizationName(ORGANIZATION)
    QApplication.setApplicationName(APPLICATION)
    settings = Settings()
    QApplication.setDesktopFileName("episode-editor")
    window = MainWindow(settings)
    window.desktop.apply_startup_preferences()
    if failures is not None:
        # Opened inside the event loop, so a dialog it shows is closed by the exit below.
        if path is not None:
            QTimer.singleShot(0, lambda: window.open_path(path))
        QTimer.singleShot(SELF_TEST_MS, lambda: app.exit(failures.report(window, path)))
    elif path is not None:
        window.open_path(path)
    window.show()
    if failures is None:
        QTimer.singleShot(0, window.work_protection.offer_recovery)
        QTimer.singleShot(0, lambda: focus_from_environment(window))
    status = app.exec()
    if failures is not None:
        failures.uninstall()
    return status


class _FailureRecorder:
    """Collects Qt warnings and uncaught exceptions while ``--self-test`` runs."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self._previous_hook = sys.excepthook
        qInstallMessageHandler(self._on_qt_message)
        sys.excepthook = self._on_exception

    def _on_qt_message(self, kind: QtMsgType, _context: QMessageLogContext, text: str) -> None:
        if text in _PLATFORM_NOTICES:
            return
        sys.stderr.write(f"{text}\n")
        if kind not in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            self.messages.append(f"Qt {kind.name}: {text}")

    def _on_exception(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        self.messages.append("".join(traceback.format_exception(kind, error, trace)))
        self._previous_hook(kind, error, trace)

    def report(self, window: object, path: Path | None) -> int:
        from editor.qt.window.main_window import MainWindow

        assert isinstance(window, MainWindow)
        problems = window.problems.service.current()
        internal = [p for p in problems if p.rule == "validation.internal-error"]
        self.messages.extend(f"validation failed: {p.message}" for p in internal)
        opened = window.session.document is not None
        if path is not None and not opened:
            self.messages.append(f"{path} did not open")
        for message in self.messages:
            sys.stderr.write(f"self-test: {message}\n")
        print(
            f"self-test: {'opened ' + str(path) if opened else 'no file open'}, "
            f"{len(problems)} problem(s), {len(self.messages)} failure(s)"
        )
        return 1 if self.messages else 0

    def uninstall(self) -> None:
        qInstallMessageHandler(None)
        sys.excepthook = self._previous_hook

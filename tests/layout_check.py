"""Finds clipped text in a window: a label or button narrower than its text needs.

Used in-process by ``test_first_hour.py`` and, for ``QT_SCALE_FACTOR=1.5`` (which must be set
before Qt starts), as ``python tests/layout_check.py`` in a child process that prints one
clipped widget per line.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QWidget,
)

WINDOW_SIZE = (1024, 640)


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
    chain = []
    parent: QWidget | None = widget
    while parent is not None:
        chain.append(parent.objectName() or type(parent).__name__)
        parent = parent.parentWidget()
    return f"{type(widget).__name__} {text!r} in {'/'.join(reversed(chain[1:5]))}"


def clipped_widgets(top: QWidget) -> list[str]:
    """Visible one-line labels and buttons that got less width than their size hint, and
    toolbars too narrow for their buttons."""
    from editor.qt.common.elided_label import ElidedLabel

    found = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not top.window():
            continue
        if _inside_item_view(widget) or isinstance(widget, ElidedLabel):
            continue
        if widget.objectName() == "qt_toolbar_ext_button":  # the » of an overflowing toolbar
            found.append(f"{describe(widget)}: the toolbar hides buttons behind »")
            continue
        if isinstance(widget, QLabel):
            if widget.wordWrap() or not widget.text() or widget.pixmap().isNull() is False:
                continue
        elif not isinstance(widget, QAbstractButton) or not widget.text():
            continue
        if widget.width() < widget.sizeHint().width() - 1:
            found.append(f"{describe(widget)}: {widget.width()} < {widget.sizeHint().width()}")
    return found


def _inside_item_view(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def walk_window(episode: Path, size: tuple[int, int] = WINDOW_SIZE) -> list[str]:
    """Opens ``episode`` in a fresh window of ``size`` and checks every tab and dialog."""
    from PySide6.QtCore import QSettings

    from editor.core.files.changes import review_against_disk
    from editor.qt.common.changes_view import ChangesDialog
    from editor.qt.common.diff_dialog import DiffDialog
    from editor.qt.common.settings import Settings
    from editor.qt.window.main_window import MainWindow
    from editor.qt.window.preferences_dialog import PreferencesDialog

    app = QApplication.instance()
    assert app is not None
    folder = tempfile.mkdtemp()
    settings = Settings(QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat))
    window = MainWindow(settings)
    problems: list[str] = []
    try:
        window.resize(*size)
        assert window.open_path(episode)
        window.show()
        app.processEvents()
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            app.processEvents()
            problems += [f"tab {index + 1}: {p}" for p in clipped_widgets(window)]
        window.transcript_tab.find_bar.show()
        window.tabs.setCurrentWidget(window.transcript_tab)
        app.processEvents()
        problems += [f"find bar: {p}" for p in clipped_widgets(window)]
        window.session.set_value(("title",), "A changed title")
        document = window.document
        assert document is not None
        dialogs: list[QWidget] = [
            PreferencesDialog(settings, window),
            ChangesDialog(review_against_disk(document), episode.name, True, window),
            DiffDialog("Show Differences", "a\n", "b\n", episode.name, "Disk vs. yours.", window),
        ]
        for dialog in dialogs:
            dialog.show()
            app.processEvents()
            problems += [f"{dialog.objectName()}: {p}" for p in clipped_widgets(dialog)]
            dialog.close()
            dialog.deleteLater()
    finally:
        window.undo_stack.setClean()
        window.close()
        window.desktop.shutdown()
        window.deleteLater()
    return problems


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import editor.qt  # noqa: F401 - PySide6 workarounds before any Qt call

    application = QApplication(sys.argv[:1])
    for line in walk_window(Path(sys.argv[1])):
        print(line)

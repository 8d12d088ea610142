"""Open cell editors: the typing in them is the user's edit before anything reads the data."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QApplication, QWidget


def open_cell_editor(view: QAbstractItemView) -> QWidget | None:
    """The editor open in ``view`` (not a closed one still waiting to be deleted)."""
    if view.state() != QAbstractItemView.State.EditingState:
        return None
    editor = view.indexWidget(view.currentIndex())
    if editor is not None:
        return editor
    # The editor may sit on another cell than the current one: the focused child of the
    # viewport, if the view still has it as the editor of the cell under it.
    widget = QApplication.focusWidget()
    viewport = view.viewport()
    while widget is not None and widget.parentWidget() is not viewport:
        widget = widget.parentWidget()
    if widget is None:
        return None
    under = view.indexAt(widget.geometry().center())
    return widget if under.isValid() and view.indexWidget(under) is widget else None


def commit_cell_editor(view: QAbstractItemView, close: bool = True) -> None:
    """Store the typing in ``view``'s open editor through its delegate (and close it)."""
    editor = open_cell_editor(view)
    if editor is None:
        return
    view.commitData(editor)
    if close:
        view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


def discard_cell_editor(view: QAbstractItemView) -> None:
    """Close ``view``'s open editor without storing its typing (its cell is going away)."""
    editor = open_cell_editor(view)
    if editor is not None:
        view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

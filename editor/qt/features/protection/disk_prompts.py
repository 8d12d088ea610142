"""Questions asked when the file on disk and the edits in the window disagree.

Each prompt is a module-level function so tests can replace it with a stub.
"""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from editor.qt.common.diff_dialog import DiffDialog


class ExternalChange(enum.Enum):
    RELOAD = "reload"
    KEEP_MINE = "keep-mine"


def show_differences(parent: QWidget | None, name: str, disk_text: str, mine: str) -> None:
    DiffDialog(
        "Differences",
        disk_text,
        mine,
        name,
        f"Lines marked '-' are in the file on disk; lines marked '+' are your unsaved "
        f"version of {name}.",
        parent,
    ).exec()


def ask_about_external_change(
    parent: QWidget | None, name: str, disk_text: str, mine: str
) -> ExternalChange:
    """The file changed on disk while it has unsaved edits: Reload, Keep Mine, or look first."""
    while True:
        box = QMessageBox(parent)
        box.setObjectName("externalChangeBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("File changed on disk")
        box.setText(f"{name} was changed by another program.")
        box.setInformativeText(
            "You also have unsaved edits. Reload the file from disk (your edits are lost), "
            "or keep your version (saving will then replace the other changes)?"
        )
        reload_button = box.addButton("&Reload", QMessageBox.ButtonRole.DestructiveRole)
        keep_button = box.addButton("&Keep Mine", QMessageBox.ButtonRole.AcceptRole)
        diff_button = box.addButton("Show &Differences…", QMessageBox.ButtonRole.HelpRole)
        box.setDefaultButton(keep_button)
        box.setEscapeButton(keep_button)
        box.exec()
        clicked = box.clickedButton()
        if clicked is diff_button:
            show_differences(parent, name, disk_text, mine)
            continue
        return ExternalChange.RELOAD if clicked is reload_button else ExternalChange.KEEP_MINE


def ask_overwrite_changed_file(
    parent: QWidget | None, name: str, disk_text: str | None, mine: str
) -> bool:
    """Before a save: the file changed on disk since it was opened. True = overwrite it."""
    while True:
        box = QMessageBox(parent)
        box.setObjectName("overwriteChangedBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("File changed on disk")
        box.setText(f"{name} was changed by another program since you opened it.")
        box.setInformativeText("Saving now replaces those changes with your version. Save anyway?")
        save_button = box.addButton("&Overwrite", QMessageBox.ButtonRole.DestructiveRole)
        cancel_button = box.addButton(QMessageBox.StandardButton.Cancel)
        diff_button = None
        if disk_text is not None:
            diff_button = box.addButton("Show &Differences…", QMessageBox.ButtonRole.HelpRole)
        box.setDefaultButton(cancel_button)
        box.exec()
        clicked = box.clickedButton()
        if diff_button is not None and clicked is diff_button:
            show_differences(parent, name, disk_text or "", mine)
            continue
        return clicked is save_button


class MissingFile(enum.Enum):
    FOLLOW = "follow"  # save to the name the file was renamed to
    SAVE_AS = "save-as"  # choose a name
    WRITE_AGAIN = "write-again"  # create the file again under its old name
    CANCEL = "cancel"


def ask_about_missing_file(parent: QWidget | None, name: str, moved_to: Path | None) -> MissingFile:
    """Before a save: the file is no longer on disk under its name (renamed, moved, deleted)."""
    box = QMessageBox(parent)
    box.setObjectName("missingFileBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("File moved or deleted")
    follow_button = None
    if moved_to is not None:
        box.setText(f"{name} was renamed to {moved_to.name} by another program.")
        box.setInformativeText(
            f"Save your edits to {moved_to.name} (the file's new name), choose another name, "
            f"or create {name} again (there would then be two copies)?"
        )
        follow_button = box.addButton(f"Save to {moved_to.name}", QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setText(f"{name} was moved or deleted by another program.")
        box.setInformativeText(
            f"Choose where to save your edits, or create {name} again where it was?"
        )
    save_as_button = box.addButton("Save &As…", QMessageBox.ButtonRole.ActionRole)
    again_button = box.addButton(f"Create {name} Again", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(follow_button or save_as_button)
    box.exec()
    clicked = box.clickedButton()
    if follow_button is not None and clicked is follow_button:
        return MissingFile.FOLLOW
    if clicked is save_as_button:
        return MissingFile.SAVE_AS
    if clicked is again_button:
        return MissingFile.WRITE_AGAIN
    return MissingFile.CANCEL

"""Rename a guest id across the podcast: choose the ids, preview every file, then write."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.core.files.rename import (
    RenameError,
    RenamePreview,
    RenameResult,
    apply_rename,
    is_merge,
    plan_guest_rename,
)
from editor.qt.common.changes_view import DiffView

# Returns an error message when a file must not be rewritten now (e.g. it is open with
# unsaved edits), or None.
BlockCheck = Callable[[Path], str | None]


def tell_files_skipped(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def _names(previews: Sequence[RenamePreview]) -> str:
    return ", ".join(p.path.name for p in previews)


class RenameGuestDialog(QDialog):
    """Plans the rename, shows one diff per file, and writes only on "Rename"."""

    filesRewritten = Signal(object)  # list[Path]

    def __init__(
        self,
        podcast_folder: Path,
        guest_ids: Sequence[str],
        blocked: BlockCheck | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("renameGuestDialog")
        self.setWindowTitle("Rename Guest")
        self.podcast_folder = podcast_folder
        self.blocked = blocked
        self.previews: list[RenamePreview] = []

        self.old_id = QComboBox()
        self.old_id.setObjectName("oldGuestId")
        self.old_id.setEditable(True)
        self.old_id.addItems(list(guest_ids))
        self.old_id.setCurrentText("")
        self.new_id = QLineEdit()
        self.new_id.setObjectName("newGuestId")
        self.new_id.setPlaceholderText("the new id, e.g. ada-quill")
        self.preview_button = QPushButton("&Preview")
        self.preview_button.setObjectName("previewButton")
        self.preview_button.clicked.connect(self.preview)
        self.new_id.returnPressed.connect(self.preview)

        self.message = QLabel("Choose the guest id to rename and the new id, then Preview.")
        self.message.setObjectName("renameMessage")
        self.message.setWordWrap(True)
        self.files = QListWidget()
        self.files.setObjectName("renameFiles")
        self.files.currentRowChanged.connect(self._show_file)
        self.diff = DiffView()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.files)
        splitter.addWidget(self.diff)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 640])

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.rename_button = self.buttons.addButton(
            "&Rename", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.rename_button.setObjectName("applyRenameButton")
        self.rename_button.setEnabled(False)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("&Guest id:", self.old_id)
        form.addRow("&New id:", self.new_id)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self.old_id.editTextChanged.connect(self._ids_edited)
        self.new_id.textEdited.connect(self._ids_edited)
        self.resize(960, 620)

    # -- steps ----------------------------------------------------------------------------

    def preview(self) -> None:
        self.previews = []
        self.files.clear()
        self.diff.set_diff("")
        old, new = self.old_id.currentText().strip(), self.new_id.text().strip()
        try:
            previews = plan_guest_rename(self.podcast_folder, old, new)
        except RenameError as error:
            self._say(str(error), ok=False)
            return
        self.previews = previews
        merge_into = is_merge(self.podcast_folder, new) if previews else []
        self.rename_button.setText("&Merge" if merge_into else "&Rename")
        for preview in previews:
            label = {
                "episode": preview.path.name,
                "person": f"{preview.path.name} (person)",
                "person-removed": f"{preview.path.name} (person, deleted)",
            }.get(preview.kind, preview.path.name)
            reason = preview.error or self._why_left_alone(preview)
            item = QListWidgetItem(label if not reason else f"⚠ {label} — left alone: {reason}")
            item.setToolTip(reason or str(preview.path))
            self.files.addItem(item)
        blocked = [p for p in previews if not p.error and self._why_left_alone(p)]
        writable = [p for p in previews if not p.error and p not in blocked]
        if not previews:
            self._say(f"No episode lists '{old}' as a guest.", ok=False)
        elif blocked and not writable:
            self._say(
                f"{_names(blocked)} is open with unsaved changes and is left alone, so there "
                "is nothing else to rename: save or discard the changes, then preview again.",
                ok=False,
            )
        else:
            episodes = sum(1 for p in writable if p.kind == "episode")
            people = len(writable) - episodes
            text = f"'{old}' → '{new}' in {episodes} episode{'s' if episodes != 1 else ''}"
            removed = [p for p in writable if p.kind == "person-removed"]
            if merge_into:
                pages = ", ".join(f"_people/{page.name}" for page in merge_into)
                text = (
                    f"'{new}' already exists ({pages}): this MERGES '{old}' into '{new}', "
                    f"so they become one person. {text}; episodes that list both keep one "
                    f"'{new}'"
                )
                if removed:
                    names = ", ".join(f"_people/{p.path.name}" for p in removed)
                    text += f"; {names} is deleted so that no two pages claim '{new}'"
            elif people:
                text += " and its people page"
            errors = len(previews) - len(writable)
            if errors:
                plural = "s" if errors != 1 else ""
                text += f"; {errors} file{plural} cannot be read and stay as they are"
            if blocked:
                text += (
                    f"; {_names(blocked)} is open with unsaved changes and is left alone (it "
                    f"keeps '{old}': save it, then rename again to include it)"
                )
            button = "Merge" if merge_into else "Rename"
            self._say(text + f". Nothing is written until you press {button}.", ok=True)
        self.files.setCurrentRow(0)

    def apply(self) -> None:
        # Asked again now: what is open and modified decides, not what was at Preview.
        left_alone = [(p, self._why_left_alone(p)) for p in self.previews if not p.error]
        result = apply_rename([p for p, why in left_alone if not why])
        result.skipped[:0] = [
            (p.path, f"{why}, left alone (save it, then rename again to include it)")
            for p, why in left_alone
            if why
        ]
        self.report(result)
        if result.written:
            self.filesRewritten.emit(result.written)
        self.accept()

    def report(self, result: RenameResult) -> None:
        if not result.skipped:
            return
        details = "\n".join(f"{path.name}: {why}" for path, why in result.skipped)
        written = len(result.written)
        tell_files_skipped(
            self,
            "Some files were not renamed",
            f"{written} file{'s were' if written != 1 else ' was'} renamed; these were left "
            f"as they are:\n\n{details}",
        )

    # -- helpers --------------------------------------------------------------------------

    def _ids_edited(self, *_args: object) -> None:
        self.previews = []
        self.files.clear()
        self.diff.set_diff("", "Press Preview to see what changes.")
        self.rename_button.setEnabled(False)
        self.rename_button.setText("&Rename")

    def _why_left_alone(self, preview: RenamePreview) -> str | None:
        return self.blocked(preview.path) if self.blocked is not None else None

    def _say(self, text: str, ok: bool) -> None:
        self.message.setText(text)
        self.rename_button.setEnabled(ok)

    def _show_file(self, row: int) -> None:
        if 0 <= row < len(self.previews):
            preview = self.previews[row]
            self.diff.set_diff(preview.diff, preview.error or "No change.")

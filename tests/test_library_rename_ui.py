"""The Rename Guest dialog: preview per file, nothing written before Rename, open-file guard."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE_EPISODE, SAMPLE_SITE
from PySide6.QtWidgets import QMessageBox

from editor.app import MainWindow
from editor.qt.rename_guest_dialog import RenameGuestDialog

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE_SITE, tmp_path / "site")
    return tmp_path / "site"


def test_preview_then_rename(qtbot, site: Path) -> None:  # type: ignore[no-untyped-def]
    episode = site / "_podcast" / SAMPLE_EPISODE.name
    before = episode.read_text(encoding="utf-8")
    dialog = RenameGuestDialog(site / "_podcast", ["adaquill", "bruno"])
    qtbot.addWidget(dialog)
    assert not dialog.rename_button.isEnabled()
    dialog.old_id.setCurrentText("adaquill")
    dialog.new_id.setText("ada-quill")
    dialog.preview_button.click()
    assert dialog.rename_button.isEnabled()
    assert [dialog.files.item(i).text() for i in range(dialog.files.count())] == [
        SAMPLE_EPISODE.name,
        "ada-quill.md (person)",
    ]
    assert "-- adaquill\n+- ada-quill" in dialog.diff.toPlainText()
    assert "1 episode and its people page" in dialog.message.text()
    assert episode.read_text(encoding="utf-8") == before  # nothing written by the preview
    dialog.new_id.setText("ada-quill2")
    dialog.new_id.textEdited.emit("ada-quill2")
    assert not dialog.rename_button.isEnabled()  # the ids changed: preview again first
    dialog.preview_button.click()
    with qtbot.waitSignal(dialog.filesRewritten) as blocker:
        dialog.rename_button.click()
    assert sorted(p.name for p in blocker.args[0]) == ["ada-quill.md", SAMPLE_EPISODE.name]
    assert episode.read_text(encoding="utf-8") == before.replace("- adaquill\n", "- ada-quill2\n")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("nobody", "someone", "No episode lists 'nobody' as a guest."),
        ("adaquill", "has space", "is not a valid guest id"),
    ],
)
def test_nothing_to_rename_or_bad_id(qtbot, site: Path, old: str, new: str, message: str) -> None:  # type: ignore[no-untyped-def]
    dialog = RenameGuestDialog(site / "_podcast", [])
    qtbot.addWidget(dialog)
    dialog.old_id.setCurrentText(old)
    dialog.new_id.setText(new)
    dialog.preview()
    assert message in dialog.message.text()
    assert not dialog.rename_button.isEnabled()


def test_window_refuses_to_rename_an_open_modified_file_and_reloads_a_clean_one(
    qtbot,
    settings,
    site: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    episode = site / "_podcast" / SAMPLE_EPISODE.name
    window.desktop.open_folder(site)
    assert window.desktop.action_rename_guest.isEnabled()
    window.open_path(episode)
    window.session.set_value(("title",), "Unsaved")
    dialogs: list[RenameGuestDialog] = []

    def run(dialog: RenameGuestDialog) -> int:
        dialogs.append(dialog)
        dialog.old_id.setCurrentText("adaquill")
        dialog.new_id.setText("ada-quill")
        dialog.preview()
        if dialog.rename_button.isEnabled():
            dialog.apply()
        return 0

    monkeypatch.setattr(RenameGuestDialog, "exec", run)
    window.desktop.action_rename_guest.trigger()
    assert "open with unsaved changes" in dialogs[0].message.text()
    assert "adaquill" in episode.read_text(encoding="utf-8")
    window.undo_stack.undo()  # back to clean: the rename may go ahead and the file reloads
    window.desktop.action_rename_guest.trigger()
    assert "- ada-quill\n" in episode.read_text(encoding="utf-8")
    assert list(window.document.data["guests"]) == ["ada-quill"]
    window.desktop.shutdown()

"""A file that cannot be opened is shown as raw text with the error marked; fixing the text
and trying again opens it (modified, so the user saves it)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLE_EPISODE
from PySide6.QtCore import Qt

from editor.app import MainWindow
from editor.core import Document, DocumentError
from editor.core.files.recovery import JournalStore
from editor.core.files.repair import RepairText, read_for_repair
from editor.qt.features.protection import work_protection
from editor.qt.features.protection.raw_text_view import RawTextDialog, RawTextView
from editor.qt.features.protection.work_protection import WorkProtection

pytestmark = pytest.mark.usefixtures("discard_unsaved_prompt")

BROKEN = "---\ntitle: Fine\nguests: [ada, grace\nseason: 3\n---\nBody text.\n"
FIXED = BROKEN.replace("grace\n", "grace]\n")


def error_of(text: str) -> DocumentError:
    try:
        Document.from_text(text)
    except DocumentError as error:
        return error
    raise AssertionError("expected the text not to open")


@pytest.fixture
def view(qtbot) -> RawTextView:  # type: ignore[no-untyped-def]
    widget = RawTextView(Path("/x/broken.md"), BROKEN, error_of(BROKEN))
    qtbot.addWidget(widget)
    return widget


def test_the_error_line_and_column_are_marked(view: RawTextView) -> None:
    error = error_of(BROKEN)
    assert f"Line {error.line}, column {error.column}" in view.message.text()
    assert "broken.md cannot be opened" in view.title.text()
    assert view.editor.error_line == error.line
    selections = view.editor.extraSelections()
    assert selections and selections[0].cursor.blockNumber() == error.line - 1
    cursor = view.editor.textCursor()
    assert cursor.blockNumber() == error.line - 1
    assert cursor.positionInBlock() == min(error.column - 1, cursor.block().length() - 1)


def test_try_again_with_the_text_still_broken_moves_the_mark(qtbot, view: RawTextView) -> None:  # type: ignore[no-untyped-def]
    still_broken = FIXED.replace("season: 3", "season: 3\n  oops: [")
    view.editor.setPlainText(still_broken)
    with qtbot.assertNotEmitted(view.documentReady):
        assert view.try_again() is None
    assert view.error is not None
    assert view.editor.error_line == error_of(still_broken).line


def test_try_again_with_fixed_text_gives_the_document(qtbot, view: RawTextView) -> None:  # type: ignore[no-untyped-def]
    view.editor.setPlainText(FIXED)
    with qtbot.waitSignal(view.documentReady) as ready:
        qtbot.mouseClick(view.try_again_button, Qt.MouseButton.LeftButton)
    document = ready.args[0]
    assert document.path == Path("/x/broken.md")
    assert list(document.data["guests"]) == ["ada", "grace"]
    assert document.to_text() == FIXED
    assert view.editor.extraSelections() == []


def test_the_dialog_accepts_once_the_text_opens(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = RawTextDialog(Path("/x/broken.md"), BROKEN, error_of(BROKEN))
    qtbot.addWidget(dialog)
    dialog.view.editor.setPlainText(FIXED)
    dialog.view.try_again()
    assert dialog.result() == RawTextDialog.DialogCode.Accepted
    assert dialog.document is not None and dialog.document.to_text() == FIXED


def test_non_utf8_bytes_show_as_replacement_characters(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "latin1.md"
    path.write_bytes(b"---\ntitle: caf\xe9\n---\n")
    repair = read_for_repair(path)
    assert repair.lossy and "caf\ufffd" in repair.text
    with pytest.raises(DocumentError) as caught:
        Document.load(path)
    widget = RawTextView(path, repair.text, caught.value, repair.lossy)
    qtbot.addWidget(widget)
    assert "not UTF-8" in widget.hint.text()
    assert widget.editor.error_line == 2


def test_binary_and_folder_paths_are_not_offered_for_repair(tmp_path: Path) -> None:
    binary = tmp_path / "picture.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(DocumentError):
        read_for_repair(binary)
    with pytest.raises(DocumentError):
        read_for_repair(tmp_path)


# -- in the window -------------------------------------------------------------------------


@pytest.fixture
def episode(tmp_path: Path) -> Path:
    target = tmp_path / "site" / "_podcast" / SAMPLE_EPISODE.name
    shutil.copytree(SAMPLE_EPISODE.parents[1], tmp_path / "site")
    return target


@pytest.fixture
def protection(window: MainWindow, tmp_path: Path) -> Iterator[WorkProtection]:
    guard = window.work_protection
    guard.recovery.store = JournalStore(tmp_path / "recovery")
    yield guard
    guard.window_closing()


def test_a_fixed_file_opens_modified_and_saves_the_fix(
    window: MainWindow, protection: WorkProtection, episode: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = episode.read_text(encoding="utf-8")
    broken = good.replace("guests:\n", "guests: [\n", 1)
    episode.write_text(broken, encoding="utf-8")
    error = error_of(broken)
    shown: list[tuple[str, int]] = []

    def user_fixes_it(path, repair: RepairText, err, parent, on_fixed):  # type: ignore[no-untyped-def]
        shown.append((repair.text, err.line))
        on_fixed(Document.from_text(good, path))

    monkeypatch.setattr(work_protection, "fix_in_raw_text", user_fixes_it)
    assert protection.open_for_repair(episode, error)
    assert shown == [(broken, error.line)]
    assert window.document is not None and window.document.to_text() == good
    assert window.is_modified
    assert episode.read_text(encoding="utf-8") == broken  # nothing written yet
    assert protection.confirm_save(episode)  # the disk still holds what was shown
    protection.save(window.document, episode)
    assert episode.read_text(encoding="utf-8") == good


def test_cancelling_the_repair_opens_nothing(
    window: MainWindow, protection: WorkProtection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "broken.md"
    path.write_text(BROKEN, encoding="utf-8")
    monkeypatch.setattr(work_protection, "fix_in_raw_text", lambda *a: None)  # never fixed
    assert protection.open_for_repair(path, error_of(BROKEN))
    assert window.document is None


def test_the_window_opens_a_broken_file_in_the_raw_text_view(
    window: MainWindow, protection: WorkProtection, episode: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = episode.read_text(encoding="utf-8")
    broken = good.replace("guests:\n", "guests: [\n", 1)
    episode.write_text(broken, encoding="utf-8")
    offered: list[str] = []

    def user_fixes_it(p, repair: RepairText, err, parent, on_fixed):  # type: ignore[no-untyped-def]
        offered.append(repair.text)
        on_fixed(Document.from_text(good, p))

    monkeypatch.setattr(work_protection, "fix_in_raw_text", user_fixes_it)
    assert not window.open_path(episode)  # not opened as it is; the raw view took over
    assert offered == [broken]
    assert window.document is not None and window.document.to_text() == good
    assert window.is_modified
    assert window.save()
    assert episode.read_text(encoding="utf-8") == good


def test_the_window_explains_a_binary_file_without_the_raw_text_view(
    window: MainWindow, protection: WorkProtection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    path = tmp_path / "picture.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    monkeypatch.setattr(
        work_protection, "fix_in_raw_text", lambda *a: pytest.fail("not text: no raw view")
    )
    messages: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: messages.append(box.informativeText()) or 0
    )
    assert not window.open_path(path)
    assert len(messages) == 1 and "Line 1, column" in messages[0]
    assert window.document is None


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_real_raw_text_dialog_does_not_block_the_window(
    qtbot, window: MainWindow, protection: WorkProtection, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "broken.md"
    path.write_text(BROKEN, encoding="utf-8")
    assert not window.open_path(path)  # returns at once: the dialog is open, not exec'd
    dialog = window.findChild(RawTextDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.view.editor.setPlainText(FIXED)
    qtbot.mouseClick(dialog.view.try_again_button, Qt.MouseButton.LeftButton)
    assert window.document is not None and window.document.to_text() == FIXED
    assert window.is_modified
    assert path.read_text(encoding="utf-8") == BROKEN
    assert protection.confirm_save(path)  # the disk still holds what was shown

"""The Rename Guest dialog: preview per file, nothing written before Rename, open-file guard."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE_EPISODE, SAMPLE_SITE
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from editor.app import MainWindow
from editor.qt.features.library import rename_guest_dialog
from editor.qt.features.library.rename_guest_dialog import RenameGuestDialog

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


def test_an_open_modified_episode_is_left_alone_and_listed_as_skipped(
    qtbot,
    settings,
    site: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    told: list[str] = []
    monkeypatch.setattr(
        rename_guest_dialog, "tell_files_skipped", lambda parent, title, text: told.append(text)
    )
    window = MainWindow(settings)
    qtbot.addWidget(window)
    episode = site / "_podcast" / SAMPLE_EPISODE.name
    other = site / "_podcast" / "second.md"
    other.write_text(
        "---\ntitle: Second\nseason: 9\nepisode: 9\nguests:\n- adaquill\n---\n", encoding="utf-8"
    )
    on_disk = episode.read_bytes()
    window.desktop.open_folder(site)
    window.open_path(episode)
    title = window.metadata_tab.fields["title"].focus_widget()
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, " (unsaved)")
    assert window.is_modified
    dialogs: list[RenameGuestDialog] = []

    def run(dialog: RenameGuestDialog) -> int:
        dialogs.append(dialog)
        dialog.old_id.setCurrentText("adaquill")
        dialog.new_id.clear()
        qtbot.keyClicks(dialog.new_id, "ada-quill")
        dialog.preview_button.click()
        if dialog.rename_button.isEnabled():
            dialog.rename_button.click()
        return 0

    monkeypatch.setattr(RenameGuestDialog, "exec", run)
    window.desktop.action_rename_guest.trigger()
    message = dialogs[0].message.text()
    assert "in 1 episode and its people page" in message
    assert f"{SAMPLE_EPISODE.name} is open with unsaved changes and is left alone" in message
    items = [dialogs[0].files.item(i).text() for i in range(dialogs[0].files.count())]
    assert f"⚠ {SAMPLE_EPISODE.name} — left alone: open with unsaved changes" in items
    # The others are renamed; the open file is untouched on disk and in the window.
    assert "- ada-quill\n" in other.read_text(encoding="utf-8")
    assert "short: ada-quill\n" in (site / "_people" / "ada-quill.md").read_text(encoding="utf-8")
    assert episode.read_bytes() == on_disk
    assert window.is_modified and window.session.get(("title",)).endswith(" (unsaved)")
    assert list(window.document.data["guests"]) == ["adaquill"]
    assert len(told) == 1
    assert told[0].startswith("2 files were renamed; these were left as they are:")
    assert (
        f"{SAMPLE_EPISODE.name}: open with unsaved changes, left alone "
        "(save it, then rename again to include it)"
    ) in told[0]
    # Saved or discarded, the file is included the next time (and reloads in the window).
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    window.desktop.action_rename_guest.trigger()
    assert "left alone" not in dialogs[1].message.text()
    assert "- ada-quill\n" in episode.read_text(encoding="utf-8")
    assert list(window.document.data["guests"]) == ["ada-quill"]
    assert len(told) == 1
    window.desktop.shutdown()


def test_rename_is_refused_when_the_open_modified_episode_is_the_only_file(
    qtbot, site: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = RenameGuestDialog(
        site / "_podcast", ["bruno"], lambda path: "open with unsaved changes"
    )
    qtbot.addWidget(dialog)
    dialog.old_id.setCurrentText("adaquill")
    qtbot.keyClicks(dialog.new_id, "ada-quill")
    dialog.preview_button.click()
    assert "is open with unsaved changes and is left alone" in dialog.message.text()
    assert not dialog.rename_button.isEnabled()


# -- a small site with two people, an episode listing both and one whose name starts with _


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def two_people(tmp_path: Path) -> Path:
    site = tmp_path / "people-site"
    _write(site / "_config.yml", "title: test\n")
    _write(site / "_people" / "a.md", "---\nshort: a\nname: Ann\n---\nAnn's bio\n")
    _write(site / "_people" / "b.md", "---\nshort: b\nname: Bea\n---\nBea's bio\n")
    podcast = site / "_podcast"
    _write(podcast / "e1.md", "---\ntitle: One\nseason: 1\nepisode: 1\nguests:\n- a\n---\n")
    _write(podcast / "e2.md", "---\ntitle: Two\nseason: 1\nepisode: 2\nguests:\n- a\n- b\n---\n")
    _write(podcast / "_s12e08.md", "---\ntitle: Eight\nseason: 12\nepisode: 8\nguests:\n- a\n---\n")
    return site


def _preview_in_dialog(qtbot, podcast: Path, old: str, new: str) -> RenameGuestDialog:  # type: ignore[no-untyped-def]
    dialog = RenameGuestDialog(podcast, [])
    qtbot.addWidget(dialog)
    dialog.old_id.setCurrentText(old)
    qtbot.keyClicks(dialog.new_id, new)
    dialog.preview_button.click()
    return dialog


def test_renaming_to_an_existing_id_is_shown_as_a_merge_and_leaves_one_page(
    qtbot, two_people: Path
) -> None:  # type: ignore[no-untyped-def]
    from editor.commands.check import check_main

    podcast = two_people / "_podcast"
    dialog = _preview_in_dialog(qtbot, podcast, "a", "b")
    message = dialog.message.text()
    assert "'b' already exists (_people/b.md)" in message
    assert "MERGES 'a' into 'b'" in message
    assert "_people/a.md is deleted" in message
    assert dialog.rename_button.text() == "&Merge"
    items = [dialog.files.item(i).text() for i in range(dialog.files.count())]
    assert "a.md (person, deleted)" in items
    assert (two_people / "_people" / "a.md").exists()  # nothing written by the preview
    with qtbot.waitSignal(dialog.filesRewritten):
        dialog.rename_button.click()
    assert not (two_people / "_people" / "a.md").exists()
    assert (
        two_people / "_people" / "b.md"
    ).read_text() == "---\nshort: b\nname: Bea\n---\nBea's bio\n"
    assert (podcast / "e2.md").read_text().endswith("guests:\n- b\n---\n")
    assert "- a\n" not in (podcast / "_s12e08.md").read_text()
    # No two people pages claim 'b': the site checks clean.
    out, err = io.StringIO(), io.StringIO()
    check_main([str(podcast)], out, err)
    assert "3 files checked" in err.getvalue()
    assert "shared-people-id" not in out.getvalue() and "no-people-page" not in out.getvalue()


def test_check_reports_two_people_pages_with_the_same_short(two_people: Path) -> None:
    from editor.commands.check import check_main

    # What a rename without the merge guard wrote: a.md claims b as well.
    _write(two_people / "_people" / "a.md", "---\nshort: b\nname: Ann\n---\n")
    out, err = io.StringIO(), io.StringIO()
    assert check_main([str(two_people / "_podcast" / "e2.md")], out, err) == 1
    assert "[guests.shared-people-id]" in out.getvalue()
    assert "_people/a.md, _people/b.md" in out.getvalue()


def test_an_existing_bad_id_can_be_renamed_to_a_good_one(qtbot, two_people: Path) -> None:  # type: ignore[no-untyped-def]
    _write(two_people / "_people" / "ella(wati)sahnan.md", "---\nshort: ella(wati)sahnan\n---\n")
    episode = _write(
        two_people / "_podcast" / "e3.md",
        "---\ntitle: Three\nseason: 1\nepisode: 3\nguests:\n- ella(wati)sahnan\n---\n",
    )
    dialog = _preview_in_dialog(
        qtbot, two_people / "_podcast", "ella(wati)sahnan", "ellawatisahnan"
    )
    assert dialog.rename_button.isEnabled(), dialog.message.text()
    assert "in 1 episode and its people page" in dialog.message.text()
    with qtbot.waitSignal(dialog.filesRewritten):
        dialog.rename_button.click()
    assert "- ellawatisahnan\n" in episode.read_text()
    page = (two_people / "_people" / "ella(wati)sahnan.md").read_text()
    assert page == "---\nshort: ellawatisahnan\n---\n"
    # The new id must still follow the rule.
    dialog = _preview_in_dialog(qtbot, two_people / "_podcast", "ellawatisahnan", "ella (w)")
    assert "is not a valid guest id" in dialog.message.text()
    assert not dialog.rename_button.isEnabled()


def test_check_library_and_rename_see_the_same_episode_files(qtbot, two_people: Path) -> None:  # type: ignore[no-untyped-def]
    from editor.commands.check import check_main
    from editor.core.files.library import Library

    podcast = two_people / "_podcast"
    _write(podcast / "notes.md", "Just some notes, no front matter.\n")
    _write(podcast / "draft.md", "---\ntitle: A page, not an episode\n---\n")
    out, err = io.StringIO(), io.StringIO()
    check_main([str(podcast)], out, err)
    assert "3 files checked" in err.getvalue()
    library = Library(podcast)
    listed = sorted(s.path.name for s in library.scan())
    assert listed == ["_s12e08.md", "e1.md", "e2.md"]
    assert {path.name: why for path, why in library.left_out} == {
        "draft.md": "its front matter has none of the episode keys "
        "(season, episode, transcript, quotableClips, ids, guests)",
        "notes.md": "no front matter (no '---' line at the top)",
    }
    dialog = _preview_in_dialog(qtbot, podcast, "a", "ann")
    assert "in 3 episodes and its people page" in dialog.message.text()
    with qtbot.waitSignal(dialog.filesRewritten) as written:
        dialog.rename_button.click()
    assert "_s12e08.md" in {p.name for p in written.args[0]}
    assert "- ann\n" in (podcast / "_s12e08.md").read_text()

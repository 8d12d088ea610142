"""File ▸ Export… and File ▸ Import Transcript… as a user reaches them: shortcuts and menus,
dialogs stubbed at their module-level functions or driven by qtbot, then the bytes on disk."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pysubs2
import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QPlainTextEdit

from editor.core.episode.transcript import is_line, item_seconds
from editor.core.yaml.document import Document
from editor.qt.features.formats import dialogs
from editor.qt.features.formats.feature import EXPORT_SHORTCUT, IMPORT_SHORTCUT
from editor.qt.window.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def press(qtbot: Any, window: MainWindow, keys: str) -> None:
    combination = QKeySequence(keys)[0]
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())


@pytest.fixture
def shown(qtbot, window: MainWindow, episode: Path, discard_unsaved_prompt: None) -> MainWindow:  # type: ignore[no-untyped-def]
    assert window.open_path(episode)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_actions_are_in_the_file_menu_with_shortcuts(window: MainWindow) -> None:
    texts = [action.text() for action in window.menus["file"].actions()]
    assert "E&xport…" in texts and "&Import Transcript…" in texts
    assert window.formats.action_export.shortcut() == QKeySequence(EXPORT_SHORTCUT)
    assert window.formats.action_import.shortcut() == QKeySequence(IMPORT_SHORTCUT)
    assert not window.formats.action_export.isEnabled()  # no document yet


def test_export_by_shortcut_writes_the_chosen_format(
    qtbot, shown: MainWindow, episode: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "out.vtt"
    offered: list[str] = []

    def choose(parent: Any, default: str) -> dialogs.ExportChoice:
        dialog = dialogs.ExportDialog(parent, default)  # driven like a user: pick in the combo
        box = dialog.findChild(QComboBox, "exportFormat")
        box.setCurrentIndex(box.findData("srt"))
        return dialog.choice()

    def save_path(parent: Any, start: str) -> str:
        offered.append(start)
        return str(target)

    monkeypatch.setattr(dialogs, "choose_export", choose)
    monkeypatch.setattr(dialogs, "choose_export_path", save_path)
    monkeypatch.setattr(dialogs, "show_notes", lambda *a: None)
    press(qtbot, shown, EXPORT_SHORTCUT)
    assert offered == [str(episode.with_name("episode.srt"))]
    events = pysubs2.load(str(target), format_="srt").events
    lines = [i for i in Document.load(episode).data["transcript"] if is_line(i) and "sec" in i]
    assert {i["sec"] * 1000 for i in lines} <= {e.start for e in events}
    assert shown.undo_stack.isClean()


def test_export_cancelled_writes_nothing(
    qtbot, shown: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(dialogs, "choose_export", lambda *a: dialogs.ExportChoice("vtt", None))
    monkeypatch.setattr(dialogs, "choose_export_path", lambda *a: "")
    shown.formats.action_export.trigger()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["episode.md", "settings.ini"]


WHISPERX = {
    "segments": [
        {"start": 0.5, "end": 2.0, "text": " Hello there.", "speaker": "SPEAKER_00"},
        {"start": 2.5, "end": 4.0, "text": " Hi, glad to be here.", "speaker": "SPEAKER_01"},
        {"start": 4.5, "end": 6.0, "text": " Let us begin.", "speaker": "SPEAKER_00"},
    ]
}


def test_import_with_speaker_mapping_is_one_undo_step_and_saves(
    qtbot, shown: MainWindow, episode: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "asr.json"
    source.write_text(json.dumps(WHISPERX), encoding="utf-8")
    before = episode.read_text(encoding="utf-8")
    offered: dict[str, Any] = {}
    reviewed: list[list[str]] = []

    def options(parent: Any, labels: Any, candidates: Any, suggested: Any) -> Any:
        offered.update(labels=list(labels), candidates=list(candidates), suggested=dict(suggested))
        dialog = dialogs.ImportDialog(parent, labels, candidates, suggested)
        dialog.findChild(QComboBox, "speaker:SPEAKER_01").setCurrentText("Ada")
        return dialog.choice()

    monkeypatch.setattr(dialogs, "choose_transcript_file", lambda *a: str(source))
    monkeypatch.setattr(dialogs, "ask_import_options", options)
    monkeypatch.setattr(
        dialogs, "review_import", lambda p, summary, diff: reviewed.append(list(summary)) or True
    )
    press(qtbot, shown, IMPORT_SHORTCUT)

    assert offered["labels"] == ["SPEAKER_00", "SPEAKER_01"]
    assert offered["suggested"] == {"SPEAKER_00": "Bruno", "SPEAKER_01": "Ada"}
    assert {"Bruno", "Ada"} <= set(offered["candidates"])
    assert reviewed and "3 lines from the file" in reviewed[0][0]
    assert shown.undo_stack.count() == 1
    shown.action_save.trigger()
    lines = [i for i in Document.load(episode).data["transcript"] if is_line(i)]
    assert [(i["who"], i["sec"], i["line"]) for i in lines] == [
        ("Bruno", 0, "Hello there."),
        ("Ada", 2, "Hi, glad to be here."),
        ("Bruno", 4, "Let us begin."),
    ]
    shown.undo_stack.undo()
    shown.action_save.trigger()
    assert episode.read_text(encoding="utf-8") == before


def test_import_timings_only_retimes_and_review_can_cancel(
    qtbot, shown: MainWindow, episode: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    data = Document.load(episode).data
    lines = [(row, i) for row, i in enumerate(data["transcript"]) if is_line(i) and "sec" in i]
    row, first = lines[0]
    source = tmp_path / "fixed.vtt"
    source.write_text(
        f"WEBVTT\n\n00:00:09.000 --> 00:00:10.000\n<v {first['who']}>{first['line']}\n",
        encoding="utf-8",
    )
    before = episode.read_text(encoding="utf-8")
    monkeypatch.setattr(dialogs, "choose_transcript_file", lambda *a: str(source))
    monkeypatch.setattr(
        dialogs, "ask_import_options", lambda *a: dialogs.ImportChoice("timings", {})
    )
    monkeypatch.setattr(dialogs, "review_import", lambda *a: False)
    shown.formats.action_import.trigger()
    assert shown.undo_stack.count() == 0

    monkeypatch.setattr(dialogs, "review_import", lambda *a: True)
    shown.formats.action_import.trigger()
    assert shown.undo_stack.count() == 1
    shown.action_save.trigger()
    after = episode.read_text(encoding="utf-8")
    changed = [
        (old, new)
        for old, new in zip(before.splitlines(), after.splitlines(), strict=True)
        if old != new
    ]
    assert item_seconds(Document.load(episode).data["transcript"][row]) == 9
    assert all("sec:" in old or "time:" in old for old, _ in changed) and changed


def test_unreadable_transcript_file_shows_an_error(
    qtbot, shown: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "broken.json"
    source.write_text("{nope", encoding="utf-8")
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "choose_transcript_file", lambda *a: str(source))
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    shown.formats.action_import.trigger()
    assert errors and "JSON is broken" in errors[0]
    assert shown.undo_stack.count() == 0


def test_review_dialog_shows_summary_and_diff(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = dialogs.ReviewDialog(None, ["2 lines retimed."], "-a\n+b\n")
    qtbot.addWidget(dialog)
    assert dialog.findChild(QLabel, "importSummary").text() == "2 lines retimed."
    assert dialog.findChild(QPlainTextEdit, "importDiff").toPlainText() == "-a\n+b\n"

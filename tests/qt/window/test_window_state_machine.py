"""A user at the real window, as a hypothesis state machine (issue 11).

Rules are user actions through the UI (keys, shortcuts, cell editors sometimes left open,
an outline drop, topics and guests, undo/redo, save, a change on disk, close and reopen)
on the sample episode and real corpus episodes. After every step:

- what the tables show is ``document.data``; ``to_text()`` parses back (ruamel and PyYAML);
- a clean undo stack means ``to_text()`` is the file on disk, byte for byte;
- after a save the disk holds what the window shows, open editors included;
- at the end, undoing every step and saving gives the bytes the episode was opened with;
- no Python exception, no Qt warning (pytest-qt fails the test on one).

CI runs a bounded budget; ``EPISODE_WINDOW_EXAMPLES`` / ``EPISODE_WINDOW_STEPS`` run it
longer (see docs/fuzzing.md).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from editor.core import Document
from editor.core.yaml.frontmatter import split_front_matter
from editor.qt.features.problems import feature as problems_feature
from editor.qt.features.protection import disk_prompts
from editor.qt.tabs.metadata.guests_field import GuestsField
from editor.qt.tabs.metadata.line_field import LineField
from editor.qt.tabs.metadata.tags_field import TagsField
from editor.qt.tabs.transcript.model import SPEAKER, TEXT
from editor.qt.window.main_window import MainWindow
from tests.conftest import CORPUS_PODCAST, SAMPLE_EPISODE

# The offscreen platform's own limits (shown windows, completer popups) are not the editor's.
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)",
)

EXAMPLES = int(os.environ.get("EPISODE_WINDOW_EXAMPLES", "25"))
STEPS = int(os.environ.get("EPISODE_WINDOW_STEPS", "30"))
LONG_RUN = "EPISODE_WINDOW_EXAMPLES" in os.environ

WORDS = st.sampled_from(["tide", "Lamp", "oil", "ledger", "gauge", "1911", "Ada", "#", "'", ":"])
TYPED = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)
TRANSCRIPT_SHORTCUTS = [
    "Ctrl+Return",
    "Ctrl+Shift+Return",
    "Delete",
    "Ctrl+J",
    "Ctrl+B",
    "Alt+Up",
    "Alt+Down",
    "Alt+Shift+Up",
    "Alt+Shift+Down",
]
CLIP_SHORTCUTS = ["Ctrl+Shift+N", "Delete", "Alt+Up", "Alt+Down"]


def episodes() -> list[Path]:
    """The sample and five real episodes spread over the corpus by size (none when absent)."""
    corpus = sorted(CORPUS_PODCAST.glob("*.md"), key=lambda p: p.stat().st_size)
    if not corpus and os.environ.get("CI") == "true":
        raise RuntimeError(f"The shared corpus is missing: {CORPUS_PODCAST} has no episodes.")
    picked = [corpus[int(len(corpus) * q)] for q in (0.1, 0.3, 0.5, 0.7, 0.9)] if corpus else []
    return [SAMPLE_EPISODE, *picked]


def trace(*args: Any) -> None:
    if os.environ.get("TRACE_STEPS"):
        print(*args, file=sys.stderr, flush=True)


def press(qtbot: Any, key: str, target: QWidget | None = None) -> None:
    trace("press", key, target)
    combination = QKeySequence(key)[0]
    widget = target or QApplication.focusWidget()
    if widget is None:
        return
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())


def without_block(text: str, key: str) -> str:
    """``text`` without the top-level ``key:`` line and the list items under it."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.rstrip("\r\n") == f"{key}:"]
    if not starts:
        return text
    end = starts[0] + 1
    while end < len(lines) and lines[end].startswith(("- ", "  ")):
        end += 1
    return "".join(lines[: starts[0]] + lines[end:])


def front_matter(text: str) -> str:
    return split_front_matter(text).front_matter


class WindowUser(RuleBasedStateMachine):
    qtbot: Any
    settings: Any
    folder: Path

    def __init__(self) -> None:
        super().__init__()
        self.window: MainWindow | None = None
        self.path = self.folder / "episode.md"
        self.opened_text = ""  # what the document was loaded from (disk, or a reload)
        self.disk_changes = 0
        self.parsed_text = ""

    # -- set-up ----------------------------------------------------------------------------

    shared: MainWindow | None = None  # one window serves every example (it is slow to build)

    @initialize(source=st.sampled_from(episodes()), without_topics=st.booleans())
    def open_episode(self, source: Path, without_topics: bool) -> None:
        shutil.copyfile(source, self.path)
        if without_topics:  # the first topic then creates the list, and undo must remove it
            self.path.write_text(
                without_block(self.path.read_text(encoding="utf-8"), "topics"), encoding="utf-8"
            )
        window = WindowUser.shared
        if window is None:
            self._new_window()
            return
        assert not window.is_modified  # the previous example's teardown saved
        assert window.open_path(self.path)
        self.window = window
        self.opened_text = self.path.read_text(encoding="utf-8")

    def _new_window(self) -> None:
        window = MainWindow(self.settings)
        window.resize(1200, 800)
        window.show()
        self.qtbot.waitExposed(window)
        window.activateWindow()
        self.qtbot.waitUntil(window.isActiveWindow)
        assert window.open_path(self.path)
        self.window = window
        WindowUser.shared = window
        self.opened_text = self.path.read_text(encoding="utf-8")

    @property
    def win(self) -> MainWindow:
        assert self.window is not None
        return self.window

    def open(self) -> bool:
        return self.window is not None

    # -- user actions ----------------------------------------------------------------------

    @precondition(open)
    @rule(key=st.sampled_from(["title", "short", "keywords"]), text=TYPED)
    def type_in_a_form_field(self, key: str, text: str) -> None:
        press(self.qtbot, "Ctrl+1", self.win.tabs)
        field = self.win.metadata_tab.fields.get(key)
        if not isinstance(field, LineField) or not field.edit.isEnabled():
            return
        field.edit.setFocus()
        field.edit.end(False)
        self.qtbot.keyClicks(field.edit, " " + text)

    @precondition(open)
    @rule(
        row=st.integers(0, 400),
        column=st.sampled_from([TEXT, SPEAKER]),
        text=TYPED,
        commit=st.booleans(),
    )
    def edit_a_transcript_cell(self, row: int, column: int, text: str, commit: bool) -> None:
        press(self.qtbot, "Ctrl+3", self.win.tabs)
        view = self.win.transcript_tab.view
        rows = view.transcript_model().rowCount()
        if not rows:
            return
        view.setFocus()
        view.select_rows(row % rows, column=column)
        self.qtbot.keyClick(view, Qt.Key.Key_Return)
        editor = QApplication.focusWidget()
        if not view.is_editing() or editor is None or editor is view:
            return
        trace("type", text, editor, commit)
        self.qtbot.keyClicks(editor, text)
        if commit:
            self.qtbot.keyClick(editor, Qt.Key.Key_Return)

    @precondition(open)
    @rule(row=st.integers(0, 50), text=TYPED, commit=st.booleans())
    def edit_a_clip_name(self, row: int, text: str, commit: bool) -> None:
        press(self.qtbot, "Ctrl+2", self.win.tabs)
        tab = self.win.clips_tab
        rows = tab.model.rowCount()
        if not rows:
            return
        tab.table.setFocus()
        tab.table.setCurrentIndex(tab.model.index(row % rows, 0))
        self.qtbot.keyClick(tab.table, Qt.Key.Key_F2)
        editor = QApplication.focusWidget()
        if tab.table.state() != tab.table.State.EditingState or editor is None:
            return
        trace("type", text, editor, commit)
        self.qtbot.keyClicks(editor, text)
        if commit:
            self.qtbot.keyClick(editor, Qt.Key.Key_Return)

    @precondition(open)
    @rule(row=st.integers(0, 400), key=st.sampled_from(TRANSCRIPT_SHORTCUTS))
    def transcript_shortcut(self, row: int, key: str) -> None:
        press(self.qtbot, "Ctrl+3", self.win.tabs)
        view = self.win.transcript_tab.view
        rows = view.transcript_model().rowCount()
        view.setFocus()
        if rows:
            view.select_rows(row % rows, column=TEXT)
        press(self.qtbot, key, view)

    @precondition(open)
    @rule(row=st.integers(0, 50), key=st.sampled_from(CLIP_SHORTCUTS))
    def clip_shortcut(self, row: int, key: str) -> None:
        press(self.qtbot, "Ctrl+2", self.win.tabs)
        tab = self.win.clips_tab
        tab.table.setFocus()
        if tab.model.rowCount():
            tab.select_rows([row % tab.model.rowCount()])
        press(self.qtbot, key, tab.table)

    @precondition(open)
    @rule(source=st.integers(0, 50), destination=st.integers(0, 50))
    def drag_a_section_in_the_outline(self, source: int, destination: int) -> None:
        from tests.qt.tabs.transcript.test_transcript_tab import drop_on, near_top

        press(self.qtbot, "Ctrl+3", self.win.tabs)
        outline = self.win.transcript_tab.outline
        count = outline.model.rowCount()
        if count < 2:
            return
        mime = outline.model.mimeData([outline.model.index(source % count)])
        rect = outline.list.visualRect(outline.model.index(destination % count))
        drop_on(self.qtbot, outline.list, mime, near_top(rect))

    @precondition(open)
    @rule(text=TYPED, which=st.sampled_from(["topics", "guests"]))
    def add_a_topic_or_guest(self, text: str, which: str) -> None:
        press(self.qtbot, "Ctrl+1", self.win.tabs)
        field = self.win.metadata_tab.fields.get(which)
        if not isinstance(field, TagsField | GuestsField) or not field.isEnabled():
            return
        field.add_edit.setFocus()
        self.qtbot.keyClicks(field.add_edit, text.replace(" ", ""))
        self.qtbot.keyClick(field.add_edit, Qt.Key.Key_Return)

    @precondition(open)
    @rule(row=st.integers(0, 20), which=st.sampled_from(["topics", "guests"]))
    def remove_a_topic_or_guest(self, row: int, which: str) -> None:
        press(self.qtbot, "Ctrl+1", self.win.tabs)
        field = self.win.metadata_tab.fields.get(which)
        if isinstance(field, TagsField) and field.chips:
            chip = field.chips[row % len(field.chips)]
            self.qtbot.mouseClick(chip.remove_button, Qt.MouseButton.LeftButton)
        elif isinstance(field, GuestsField) and field.model.rowCount():
            field.view.setCurrentIndex(field.model.index(row % field.model.rowCount()))
            field.remove_selected()

    @precondition(open)
    @rule()
    def undo(self) -> None:
        self.win.commit_open_editors()
        press(self.qtbot, "Ctrl+Z", self.win.tabs)

    @precondition(open)
    @rule()
    def redo(self) -> None:
        self.win.commit_open_editors()
        press(self.qtbot, "Ctrl+Shift+Z", self.win.tabs)

    @precondition(open)
    @rule()
    def save(self) -> None:
        editor = QApplication.focusWidget()
        press(self.qtbot, "Ctrl+S", editor or self.win.tabs)
        document = self.win.document
        assert document is not None
        assert not self.win.is_modified
        assert self.path.read_text(encoding="utf-8") == document.to_text()

    @precondition(open)
    @rule(reload=st.booleans())
    def change_on_disk(self, reload: bool) -> None:
        text = self.path.read_text(encoding="utf-8")
        self.disk_changes += 1
        note = f"externalNote: change {self.disk_changes} on disk\n"
        lines = text.splitlines(keepends=True)
        noted = [i for i, line in enumerate(lines) if line.startswith("externalNote:")]
        if noted:
            lines[noted[0]] = note
            changed = "".join(lines)
        else:
            changed = text.replace("\n---", "\n" + note.rstrip("\n") + "\n---", 1)
        self.path.write_text(changed, encoding="utf-8")
        modified = self.win.is_modified
        choice = (
            disk_prompts.ExternalChange.RELOAD if reload else disk_prompts.ExternalChange.KEEP_MINE
        )
        disk_prompts.ask_about_external_change = lambda *_a: choice  # type: ignore[assignment]
        self.win.work_protection.watcher.check_now()
        if not modified or reload:
            self.opened_text = changed

    @precondition(open)
    @rule(save_first=st.booleans())
    def close_and_reopen(self, save_first: bool) -> None:
        answer = (
            QMessageBox.StandardButton.Save if save_first else QMessageBox.StandardButton.Discard
        )
        QMessageBox.question = lambda *_a, **_k: answer  # type: ignore[assignment]
        self.win.close()
        assert not self.win.isVisible()
        self.opened_text = self.path.read_text(encoding="utf-8")  # what the new window opens
        self.win.deleteLater()
        # As when the program ends: the closed window and its editors are gone for good.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.window = WindowUser.shared = None
        self._new_window()

    # -- invariants ------------------------------------------------------------------------

    @invariant()
    def the_window_shows_the_data(self) -> None:
        if self.window is None or self.window.document is None:
            return
        data = self.win.document.data if self.win.document else {}
        transcript = data.get("transcript")
        rows = len(transcript) if isinstance(transcript, list) else 0
        assert self.win.transcript_tab.model.rowCount() == rows
        clips = data.get("quotableClips")
        if isinstance(clips, list):
            assert self.win.clips_tab.model.rowCount() == len(clips)
        title = self.win.metadata_tab.fields.get("title")
        if isinstance(title, LineField) and isinstance(data.get("title"), str):
            assert title.edit.text() == data["title"]

    @invariant()
    def the_text_parses_back_to_the_data(self) -> None:
        if self.window is None or self.win.document is None:
            return
        document = self.win.document
        text = document.to_text()
        if text == self.parsed_text:
            return  # the same text was checked after an earlier step
        assert Document.from_text(text).data == document.data
        loaded = yaml.load(front_matter(text), Loader=yaml.CSafeLoader)  # YAML 1.1, as Jekyll
        self.parsed_text = text
        assert list(loaded or {}) == [str(key) for key in document.data]

    @invariant()
    def clean_means_the_disk(self) -> None:
        if self.window is None or self.win.document is None:
            return
        if self.win.undo_stack.isClean():
            assert self.win.document.to_text() == self.path.read_text(encoding="utf-8")

    def teardown(self) -> None:
        window = self.window
        if window is None:
            return
        try:
            window.commit_open_editors()
            while window.undo_stack.canUndo():
                window.action_undo.trigger()
            document = window.document
            assert document is not None
            assert document.to_text() == self.opened_text
            assert window.save()
            assert self.path.read_text(encoding="utf-8") == self.opened_text
        finally:
            window.undo_stack.setClean()


@pytest.mark.corpus
def test_a_user_at_the_window_never_loses_work(
    qtbot: Any, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        problems_feature,
        "ask_save_with_errors",
        lambda *_a: problems_feature.SaveAnswer(save=True),
    )
    monkeypatch.setattr(disk_prompts, "ask_overwrite_changed_file", lambda *_a: True)
    monkeypatch.setattr(QMessageBox, "question", QMessageBox.question)
    monkeypatch.setattr(
        disk_prompts, "ask_about_external_change", disk_prompts.ask_about_external_change
    )
    WindowUser.qtbot = qtbot
    WindowUser.settings = settings
    WindowUser.folder = tmp_path
    try:
        run_state_machine_as_test(WindowUser, settings=settings_for_run())
    finally:
        if WindowUser.shared is not None:
            WindowUser.shared.undo_stack.setClean()
            WindowUser.shared.close()
            WindowUser.shared.deleteLater()
            WindowUser.shared = None


def settings_for_run() -> Any:
    return hypothesis_settings(
        max_examples=EXAMPLES,
        stateful_step_count=STEPS,
        deadline=None,
        derandomize=not LONG_RUN,
        database=None if not LONG_RUN else hypothesis_settings.default.database,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )

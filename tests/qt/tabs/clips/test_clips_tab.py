"""The Clips tab standalone: table model, editing, URL sync, sections and chapters, timeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QPushButton

from editor.core import Document
from editor.core.episode.clips import Chapter, format_chapters
from editor.qt.editing.session import EpisodeSession
from editor.qt.tabs.clips.dialogs import ClipSyncDialog
from editor.qt.tabs.clips.model import END, LENGTH, NAME, START, URL, ClipTableModel
from editor.qt.tabs.clips.tab import ClipsTab

VIDEO = "AbCdEfGhIjK"

# Showing a top-level window on the offscreen platform logs this once per process; it is
# about the platform plugin, not about the tab.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def tab(qtbot: Any, session: EpisodeSession, settings: Any) -> ClipsTab:
    widget = ClipsTab(session, settings)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()  # laid out for real: the timeline drag tests need true geometry
    qtbot.waitExposed(widget)
    return widget


def settle(qtbot: Any, tab: ClipsTab) -> None:
    """Let the tab's coalesced refresh (timeline, actions, banner) run."""
    qtbot.waitUntil(lambda: not tab._refresh_timer.isActive(), timeout=2000)


def clips(session: EpisodeSession) -> list[Any]:
    return list(session.get(("quotableClips",)))


def names(session: EpisodeSession) -> list[str]:
    return [c["name"] for c in clips(session)]


# -- the model -------------------------------------------------------------------


def test_model_passes_qtmodeltester(qtmodeltester: Any, session: EpisodeSession) -> None:
    model = ClipTableModel(session)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 4
    assert model.index(1, NAME).data() == "From Lamp Lighter to Data Keeper"
    assert model.index(1, START).data() == "0:00:41"
    assert model.index(1, END).data() == "0:05:02"
    assert model.index(1, LENGTH).data() == "0:04:21"
    assert model.index(1, URL).data().endswith("&t=41")


def test_model_follows_session_changes(qtmodeltester: Any, session: EpisodeSession) -> None:
    model = ClipTableModel(session)
    qtmodeltester.check(model, force_py=True)
    session.move_items(("quotableClips",), 3, 1, 0)
    assert model.index(0, NAME).data() == "A Forecast the Harbour Master Trusts"
    session.remove_items(("quotableClips",), 0, 2)
    assert model.rowCount() == 2
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert model.rowCount() == 4
    assert model.index(0, NAME).data() == "Podcast Introduction"
    session.set_value(("ids", "youtube"), "Other")
    assert not model.url_check(0).ok


def test_editing_start_moves_url_t_in_one_undo_step(session: EpisodeSession) -> None:
    model = ClipTableModel(session)
    before = session.undo_stack.count()
    assert model.setData(model.index(1, START), "0:45")
    assert session.get(("quotableClips", 1, "startOffset")) == 45
    assert session.get(("quotableClips", 1, "url")).endswith("&t=45")
    assert session.undo_stack.count() == before + 1
    session.undo_stack.undo()
    assert session.get(("quotableClips", 1, "startOffset")) == 41
    assert session.get(("quotableClips", 1, "url")).endswith("&t=41")


def test_retyping_the_same_start_is_not_an_undo_step(session: EpisodeSession) -> None:
    model = ClipTableModel(session)
    assert model.setData(model.index(1, START), "0:41")
    assert session.undo_stack.count() == 0


@pytest.mark.parametrize(
    "text, seconds", [("1:02:03", 3723), ("62:03", 3723), ("300", 300), ("PT5M", 300)]
)
def test_time_cells_accept_every_time_format(
    session: EpisodeSession, text: str, seconds: int
) -> None:
    model = ClipTableModel(session)
    assert model.setData(model.index(3, END), text)
    assert session.get(("quotableClips", 3, "endOffset")) == seconds


def test_bad_time_is_rejected_with_a_message(qtbot: Any, session: EpisodeSession) -> None:
    model = ClipTableModel(session)
    with qtbot.waitSignal(model.editFailed) as blocker:
        assert not model.setData(model.index(0, END), "soon")
    assert "not a time" in blocker.args[0]
    assert session.get(("quotableClips", 0, "endOffset")) == 41


def test_length_edit_sets_the_end(session: EpisodeSession) -> None:
    model = ClipTableModel(session)
    assert model.setData(model.index(1, LENGTH), "1:00")
    assert session.get(("quotableClips", 1, "endOffset")) == 101


def test_url_mismatch_is_shown_and_fixed_in_one_click(
    qtbot: Any, tab: ClipsTab, session: EpisodeSession
) -> None:
    session.set_value(("quotableClips", 2, "url"), f"https://www.youtube.com/watch?v={VIDEO}&t=300")
    model = tab.model
    assert not model.url_check(2).ok
    assert "t=300" in model.index(2, URL).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(2, URL).data(Qt.ItemDataRole.ForegroundRole) is not None
    tab.select_rows([2])
    assert tab.action_fix_url.isEnabled()
    before = session.undo_stack.count()
    tab.action_fix_url.trigger()
    assert session.get(("quotableClips", 2, "url")).endswith("&t=302")
    assert session.undo_stack.count() == before + 1
    settle(qtbot, tab)
    assert not tab.action_fix_url.isEnabled()


def test_drag_and_drop_rows_reorders(session: EpisodeSession) -> None:
    model = ClipTableModel(session)
    mime = model.mimeData([model.index(0, 0)])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert names(session)[2] == "Podcast Introduction"


# -- the tab -----------------------------------------------------------------------


def test_add_clip_uses_corpus_key_order_and_undoes(tab: ClipsTab, session: EpisodeSession) -> None:
    tab.select_rows([1])
    tab.add_clip()
    added = clips(session)[2]
    assert list(added) == ["name", "startOffset", "url", "endOffset"]
    assert (added["startOffset"], added["endOffset"]) == (302, 302 + 60) or added[
        "endOffset"
    ] == 302
    assert added["url"] == f"https://www.youtube.com/watch?v={VIDEO}&t={added['startOffset']}"
    assert tab.selected_rows() == [2]
    session.undo_stack.undo()
    assert len(clips(session)) == 4


def test_remove_and_move_are_undoable(tab: ClipsTab, session: EpisodeSession) -> None:
    original = [id(c) for c in clips(session)]
    tab.select_rows([0, 1])
    tab.move_selected(1)
    assert names(session)[:3] == [
        "Cleaning the 1911 Logbook: Ink, Smudges and Missing Days",
        "Podcast Introduction",
        "From Lamp Lighter to Data Keeper",
    ]
    assert tab.selected_rows() == [1, 2]
    tab.remove_selected()
    assert len(clips(session)) == 2
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert [id(c) for c in clips(session)] == original  # identity kept for the writer


def test_sort_by_start_is_one_step(tab: ClipsTab, session: EpisodeSession) -> None:
    session.move_items(("quotableClips",), 0, 1, 4)
    session.move_items(("quotableClips",), 0, 1, 3)
    before = session.undo_stack.count()
    tab.sort_by_start()
    assert [c["startOffset"] for c in clips(session)] == [0, 41, 302, 560]
    assert session.undo_stack.count() == before + 1


def test_focus_path_and_problems(tab: ClipsTab) -> None:
    class Problem:
        rule, severity, message = "clip-order", "warning", "ends late"
        path = ("quotableClips", 2, "endOffset")
        line, column = 1, 1

    assert tab.focus_path(("quotableClips", 2, "endOffset"))
    assert tab.table.currentIndex().row() == 2
    assert tab.table.currentIndex().column() == END
    assert not tab.focus_path(("title",))
    tab.show_problems([Problem()])
    assert tab.timeline.content.flagged_rows == {2}
    assert tab.model.index(2, END).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "ends late" in tab.model.index(2, END).data(Qt.ItemDataRole.ToolTipRole)
    tab.show_problems([])
    assert tab.model.index(2, END).data(Qt.ItemDataRole.BackgroundRole) is None


def test_selecting_a_clip_shows_its_lines(tab: ClipsTab) -> None:
    tab.select_rows([2])
    text = tab.lines_panel.toPlainText()
    assert "What did the old records look like?" in text
    assert "Let's start with your background" not in text
    assert [line.sec for line in tab.lines_panel.shown_lines] == [302, 309, 401, 407]
    assert tab.timeline.selected_rows == {2}


def test_open_at_time_only_for_http(
    tab: ClipsTab, session: EpisodeSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    tab.select_rows([1])
    tab.open_selected_url()
    assert opened == [f"https://www.youtube.com/watch?v={VIDEO}&t=41"]
    session.set_value(("quotableClips", 1, "url"), "file:///etc/passwd")
    tab.open_selected_url()
    assert len(opened) == 1
    assert "http" in tab.message.text()


# -- sections and chapters -------------------------------------------------------------


def accept_dialog(
    monkeypatch: pytest.MonkeyPatch, seen: list[ClipSyncDialog], uncheck: str = ""
) -> None:
    def fake_exec(dialog: ClipSyncDialog) -> int:
        seen.append(dialog)
        if uncheck:
            dialog.set_all_checked(uncheck, False)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(ClipSyncDialog, "exec", fake_exec)


def test_clips_from_sections_shows_diff_and_applies_one_step(
    tab: ClipsTab, session: EpisodeSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    session.set_value(("quotableClips", 0, "endOffset"), 40)
    session.set_value(("quotableClips", 3, "name"), "Renamed")
    seen: list[ClipSyncDialog] = []
    accept_dialog(monkeypatch, seen)
    before = session.undo_stack.count()
    tab.action_from_sections.trigger()
    assert len(seen) == 1
    kinds = sorted(c.kind for c in seen[0].changes)
    # "Renamed" matches no section by name but matches by start: a rename, not remove+add
    assert kinds == ["changed", "changed", "unchanged", "unchanged"]
    assert session.undo_stack.count() == before + 1
    assert names(session)[3] == "A Forecast the Harbour Master Trusts"
    assert session.get(("quotableClips", 0, "endOffset")) == 41
    assert session.get(("quotableClips", 0, "startOffset")) == 3  # first line at 0:03
    assert session.get(("quotableClips", 0, "url")).endswith("&t=3")
    session.undo_stack.undo()
    assert names(session)[3] == "Renamed"


def test_sections_diff_can_keep_unmatched_clips(
    tab: ClipsTab, session: EpisodeSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab.select_rows([3])
    tab.add_clip()
    session.set_value(("quotableClips", 4, "name"), "Soundbite")
    seen: list[ClipSyncDialog] = []
    accept_dialog(monkeypatch, seen, uncheck="removed")
    tab.sync.clips_from_sections()
    assert "Soundbite" in names(session)


def test_import_chapters_from_clipboard_and_export_round_trip(
    tab: ClipsTab, session: EpisodeSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    chapters = [
        Chapter(0, "Hello"),
        Chapter(41, "From Lamp Lighter to Data Keeper"),
        Chapter(400, "Gaps"),
    ]
    QGuiApplication.clipboard().setText(format_chapters(chapters))
    seen: list[ClipSyncDialog] = []
    accept_dialog(monkeypatch, seen)
    tab.sync.import_chapters_from_clipboard()
    assert [(c["name"], c["startOffset"], c["endOffset"]) for c in clips(session)] == [
        ("Hello", 0, 41),
        ("From Lamp Lighter to Data Keeper", 41, 400),
        ("Gaps", 400, 725),
    ]
    QGuiApplication.clipboard().setText("")
    tab.sync.export_chapters_to_clipboard()
    assert QGuiApplication.clipboard().text() == format_chapters(chapters)


def test_import_and_export_chapter_files(
    tab: ClipsTab, session: EpisodeSession, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    exported = tmp_path / "out.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(exported), ""))
    tab.sync.export_chapters_to_file()
    text = exported.read_text(encoding="utf-8")
    assert text.splitlines()[1] == "00:00:41 From Lamp Lighter to Data Keeper"
    # importing what was exported changes nothing
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(exported), ""))
    seen: list[ClipSyncDialog] = []
    accept_dialog(monkeypatch, seen)
    count = session.undo_stack.count()
    tab.sync.import_chapters_from_file()
    assert seen == [] and session.undo_stack.count() == count
    assert "already match" in tab.message.text()
    # a bad file is reported, not raised
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    tab.sync.import_chapters_from_file()
    assert "Cannot read" in tab.message.text() or "No chapters" in tab.message.text()


def test_export_warns_about_youtube_rules(tab: ClipsTab, session: EpisodeSession) -> None:
    session.remove_items(("quotableClips",), 0, 2)
    tab.sync.export_chapters_to_clipboard()
    assert "00:00:00" in tab.message.text() and "three" in tab.message.text()


# -- the timeline --------------------------------------------------------------------


def edge_point(tab: ClipsTab, seconds: float) -> QPoint:
    timeline = tab.timeline
    lane = timeline.lanes().clips
    return QPoint(round(timeline.scale.x_for(seconds)), round(lane.center().y()))


def test_timeline_shows_clips_sections_and_intervals(
    qtbot: Any, tab: ClipsTab, session: EpisodeSession
) -> None:
    content = tab.timeline.content
    assert content.duration == 725
    assert [(c.start, c.end) for c in content.clips] == [(0, 41), (41, 302), (302, 560), (560, 725)]
    assert content.sections[0].header == "Podcast Introduction"
    assert content.intervals == []
    session.set_value(("quotableClips", 1, "endOffset"), 320)
    session.set_value(("quotableClips", 3, "startOffset"), 600)
    settle(qtbot, tab)
    kinds = [(i.kind, i.start, i.end) for i in tab.timeline.content.intervals]
    assert kinds == [("overlap", 302, 320), ("gap", 560, 600)]


def test_clicking_a_bar_selects_the_row(qtbot: Any, tab: ClipsTab) -> None:
    qtbot.mouseClick(tab.timeline, Qt.MouseButton.LeftButton, pos=edge_point(tab, 400))
    assert tab.selected_rows() == [2]
    assert tab.timeline.hit_test(QPointF(edge_point(tab, 400))) == (2, "")


def test_dragging_an_edge_snaps_and_is_one_undo_step(
    qtbot: Any, tab: ClipsTab, session: EpisodeSession
) -> None:
    tab.timeline.zoom_by(4, anchor_x=0)
    tab.timeline.scale.ensure_visible(302)
    start = edge_point(tab, 302)
    assert tab.timeline.hit_test(QPointF(start))[1] in ("start", "end")
    tab.select_rows([2])
    before = session.undo_stack.count()
    target = edge_point(tab, 309.6)  # near the line at 5:09
    qtbot.mousePress(tab.timeline, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(
            tab.timeline, QPoint(start.x() + (target.x() - start.x()) * step // 5, start.y())
        )
    assert session.undo_stack.count() == before  # nothing applied while dragging
    qtbot.mouseRelease(tab.timeline, Qt.MouseButton.LeftButton, pos=target)
    assert session.get(("quotableClips", 2, "startOffset")) == 309
    assert session.get(("quotableClips", 2, "url")).endswith("&t=309")
    # the cut moved: the previous clip, which ended there, follows
    assert session.get(("quotableClips", 1, "endOffset")) == 309
    assert session.undo_stack.count() == before + 1
    session.undo_stack.undo()
    assert session.get(("quotableClips", 2, "startOffset")) == 302
    assert session.get(("quotableClips", 2, "url")).endswith("&t=302")
    assert session.get(("quotableClips", 1, "endOffset")) == 302


def test_ctrl_drag_moves_only_this_clips_edge(
    qtbot: Any, tab: ClipsTab, session: EpisodeSession
) -> None:
    tab.select_rows([1])
    start, target = edge_point(tab, 302), edge_point(tab, 250)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.mousePress(tab.timeline, Qt.MouseButton.LeftButton, ctrl, pos=start)
    qtbot.mouseMove(tab.timeline, target)
    qtbot.mouseRelease(tab.timeline, Qt.MouseButton.LeftButton, ctrl, pos=target)
    assert session.get(("quotableClips", 1, "endOffset")) < 302
    assert session.get(("quotableClips", 2, "startOffset")) == 302
    settle(qtbot, tab)
    assert [i.kind for i in tab.timeline.content.intervals] == ["gap"]


def test_a_linked_drag_cannot_squash_the_neighbour(
    qtbot: Any, tab: ClipsTab, session: EpisodeSession
) -> None:
    tab.select_rows([0])
    start, target = edge_point(tab, 41), edge_point(tab, 400)  # far past clip 2's end (302)
    qtbot.mousePress(tab.timeline, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(tab.timeline, target)
    qtbot.mouseRelease(tab.timeline, Qt.MouseButton.LeftButton, pos=target)
    assert session.get(("quotableClips", 0, "endOffset")) == 301
    assert session.get(("quotableClips", 1, "startOffset")) == 301


def test_dragging_an_end_edge(qtbot: Any, tab: ClipsTab, session: EpisodeSession) -> None:
    tab.select_rows([3])
    start = edge_point(tab, 725)
    target = edge_point(tab, 712)
    qtbot.mousePress(tab.timeline, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(tab.timeline, target)
    qtbot.mouseRelease(tab.timeline, Qt.MouseButton.LeftButton, pos=target)
    assert session.get(("quotableClips", 3, "endOffset")) == 712


def test_ctrl_wheel_zooms_and_buttons_scroll(qtbot: Any, tab: ClipsTab) -> None:
    from PySide6.QtCore import QPoint as P
    from PySide6.QtGui import QWheelEvent

    scale = tab.timeline.scale
    fitted = scale.pixels_per_second
    event = QWheelEvent(
        QPointF(200, 50),
        QPointF(200, 50),
        P(0, 0),
        P(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QGuiApplication.sendEvent(tab.timeline, event)
    assert scale.pixels_per_second > fitted
    assert tab.timeline_view.scroll_bar.maximum() > 0
    tab.timeline_view.scroll_bar.setValue(100)
    assert scale.scroll == 100
    tab.timeline_view.fit_button.click()
    assert scale.pixels_per_second == pytest.approx(fitted)


def test_overlapping_clips_stack_and_stay_clickable(
    qtbot: Any, tab: ClipsTab, session: EpisodeSession
) -> None:
    session.set_value(("quotableClips", 2, "startOffset"), 41)  # clip 3 now overlaps clip 2
    settle(qtbot, tab)
    timeline = tab.timeline
    first = timeline.clip_rect(next(c for c in timeline.content.clips if c.row == 1))
    second = timeline.clip_rect(next(c for c in timeline.content.clips if c.row == 2))
    assert first.top() != second.top() and not first.intersects(second)
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=second.center().toPoint())
    assert tab.selected_rows() == [2]
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=first.center().toPoint())
    assert tab.selected_rows() == [1]


def test_space_without_audio_explains_and_does_not_edit(qtbot: Any, tab: ClipsTab) -> None:
    from PySide6.QtWidgets import QAbstractItemView

    tab.select_rows([1])
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Space)
    assert tab.message.text().startswith("Attach audio first")
    assert tab.table.state() != QAbstractItemView.State.EditingState  # no cell editor
    assert tab.session.undo_stack.count() == 0


def test_empty_document_and_no_clips(qtbot: Any, settings: Any) -> None:
    session = EpisodeSession()
    tab = ClipsTab(session, settings)
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 0
    assert not tab.action_add.isEnabled()
    session.set_document(Document.from_text("---\ntitle: x\n---\n"))
    tab.add_clip()
    assert session.get(("quotableClips", 0, "name")) == "New clip"
    assert list(session.get(("quotableClips", 0))) == ["name", "startOffset", "endOffset"]
    tab.sync.clips_from_sections()
    assert "no sections" in tab.message.text()


def test_banner_offers_to_fix_every_disagreeing_url(
    qtbot: Any, tab: ClipsTab, session: EpisodeSession
) -> None:
    assert tab.url_banner.isHidden()
    session.set_value(("ids", "youtube"), "NewVideo123")
    settle(qtbot, tab)
    assert not tab.url_banner.isHidden()
    assert "4 clip URLs disagree" in tab.url_banner_label.text()
    before = session.undo_stack.count()
    tab.url_banner.findChild(QPushButton, "fixAllUrlsButton").click()
    assert all(
        c["url"] == f"https://www.youtube.com/watch?v=NewVideo123&t={c['startOffset']}"
        for c in clips(session)
    )
    assert session.undo_stack.count() == before + 1
    settle(qtbot, tab)
    assert tab.url_banner.isHidden()


def test_sync_dialog_lists_changes_and_unchecking_neutralises_them(qtbot: Any) -> None:
    from editor.core.episode.clips import ProposedClip, diff_clips, new_clip_values

    current = [new_clip_values("Old name", 0, 40, VIDEO), new_clip_values("Gone", 50, 60, VIDEO)]
    proposed = [ProposedClip("New name", 0, 41), ProposedClip("Fresh", 70, 80)]
    dialog = ClipSyncDialog("Review", diff_clips(current, proposed, VIDEO), ["a note"])
    qtbot.addWidget(dialog)
    changed = dialog.tree.topLevelItem(1).child(0)
    assert changed.text(0) == "New name"
    assert changed.text(2) == "end 0:00:40 → 0:00:41; renamed from “Old name”"
    for kind in ("added", "changed", "removed"):
        dialog.set_all_checked(kind, False)
    kinds = sorted(c.kind for c in dialog.accepted_changes())
    assert kinds == ["kept", "unchanged"]  # nothing added, nothing changed, nothing removed


HOSTILE_CLIPS = [
    "quotableClips: not a list\n",
    "quotableClips:\n",
    "quotableClips: []\n",
    "quotableClips:\n- just a string\n- 42\n- null\n",
    "quotableClips:\n- name: x\n  startOffset: '1:02'\n  endOffset: soon\n  url: 12\n",
    "quotableClips:\n- name: back\n  startOffset: 90\n  endOffset: 10\n- {}\n",
    "quotableClips:\n- name: [a, b]\n  startOffset: true\n  endOffset: 1.5\n",
    "quotableClips:\n- name: huge\n  startOffset: -5\n  endOffset: 1000000000000\n",
    "duration: PTXYZ\ntranscript: 7\nquotableClips:\n- name: a\n  startOffset: 0\n  endOffset: 5\n",
    "transcript:\n- header: null\n- line: x\n  sec: -5\n- header: [1]\n- line: y\n  sec: '10'\n",
]


@pytest.mark.parametrize("body", HOSTILE_CLIPS)
def test_hostile_clip_data_never_crashes(
    qtbot: Any, qtmodeltester: Any, settings: Any, body: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = EpisodeSession()
    session.set_document(
        Document.from_text(f"---\ntitle: t\nids:\n  youtube: {VIDEO}\n{body}---\n")
    )
    tab = ClipsTab(session, settings)
    qtbot.addWidget(tab)
    tab.resize(900, 600)
    qtmodeltester.check(tab.model, force_py=True)
    for row in range(tab.model.rowCount()):
        tab.select_rows([row])
        for column in range(tab.model.columnCount()):
            index = tab.model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                index.data(role)
    tab.timeline.grab()  # paints every lane
    accept_dialog(monkeypatch, [])
    tab.sync.clips_from_sections()
    tab.sync.export_chapters_to_clipboard()
    tab.fix_all_urls()
    tab.sort_by_start()
    tab.add_clip()
    assert tab.model.rowCount() >= 1 or not isinstance(session.get(("quotableClips",)), list)


def test_keyboard_nudges_edges_one_second(
    qtbot: Any, tab: ClipsTab, session: EpisodeSession
) -> None:
    tab.select_rows([1])
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert session.get(("quotableClips", 1, "startOffset")) == 42
    assert session.get(("quotableClips", 1, "url")).endswith("&t=42")
    alt_shift = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(tab.table, Qt.Key.Key_Left, alt_shift)
    assert session.get(("quotableClips", 1, "endOffset")) == 301
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.get(("quotableClips", 1, "startOffset")) == 41
    assert session.get(("quotableClips", 1, "endOffset")) == 302


def test_a_burst_of_edits_rebuilds_the_timeline_once(
    qtbot: Any, tab: ClipsTab, session: EpisodeSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    original = tab.timeline.set_content
    monkeypatch.setattr(tab.timeline, "set_content", lambda c: (calls.append(1), original(c)))
    with session.macro("Shift everything"):
        for step in range(40):
            session.set_value(("quotableClips", step % 4, "endOffset"), 700 + step)
    settle(qtbot, tab)
    assert len(calls) == 1
    assert tab.timeline.content.clips[3].end == 739


def test_play_from_a_point_is_wired(
    qtbot: Any, tab: ClipsTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    played: list[tuple[float, float | None]] = []
    monkeypatch.setattr(tab, "_play", lambda start, end: played.append((start, end)))
    qtbot.mouseDClick(tab.timeline, Qt.MouseButton.LeftButton, pos=edge_point(tab, 100))
    assert played and played[-1][1] is None and abs(played[-1][0] - 100) < 2
    tab.select_rows([1])
    tab.lines_panel.anchorClicked.emit(QUrl("sec:118"))
    assert played[-1] == (118, None)
    tab.play_around_edge("end")
    assert played[-1] == (300.0, 304.0)


def test_timeline_paints_and_hit_tests_any_clips(qtbot: Any) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from editor.core.episode.clips import overlaps_and_gaps
    from editor.qt.tabs.clips.timeline import TimelineClip, TimelineContent, TimelineWidget

    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.resize(700, 160)
    times = st.integers(-100, 10**7)

    @settings(max_examples=40, deadline=None)
    @given(
        spans=st.lists(st.tuples(times, times), max_size=12),
        duration=st.integers(1, 10**6),
        zoom=st.floats(0.01, 1000),
        x=st.integers(-50, 750),
        y=st.integers(0, 160),
    )
    def check(spans: list[tuple[int, int]], duration: int, zoom: float, x: int, y: int) -> None:
        clips = [TimelineClip(row, f"c{row}", start, end) for row, (start, end) in enumerate(spans)]
        plain = [{"startOffset": a, "endOffset": b} for a, b in spans]
        widget.set_content(
            TimelineContent(duration=duration, clips=clips, intervals=overlaps_and_gaps(plain))
        )
        widget.zoom_by(zoom, x)
        widget.set_selected_rows({0})
        widget.grab()
        row, edge = widget.hit_test(QPointF(x, y))
        assert -1 <= row < max(1, len(spans)) and edge in ("", "start", "end")

    check()


def test_clicking_a_section_selects_its_clip(qtbot: Any, tab: ClipsTab) -> None:
    timeline = tab.timeline
    y = round(timeline.lanes().sections.top() + 8)
    qtbot.mouseClick(
        timeline, Qt.MouseButton.LeftButton, pos=QPoint(round(timeline.scale.x_for(400)), y)
    )
    assert tab.selected_rows() == [2]
    # the first section starts at 0:03, no clip does
    qtbot.mouseClick(
        timeline, Qt.MouseButton.LeftButton, pos=QPoint(round(timeline.scale.x_for(20)), y)
    )
    assert (
        "No clip starts where the section “Podcast Introduction” does (0:00:03)"
        in tab.message.text()
    )

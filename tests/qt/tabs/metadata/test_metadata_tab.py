"""The Metadata tab: every field edits through the session, keeps types and never drops keys."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import SAMPLE_EPISODE
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QDesktopServices

from editor.core import Document
from editor.qt.editing.session import MISSING, EpisodeSession
from editor.qt.tabs.metadata.data_tree_model import DataTreeModel
from editor.qt.tabs.metadata.date_field import DateField
from editor.qt.tabs.metadata.duration_field import DurationField
from editor.qt.tabs.metadata.guests_field import GuestsField
from editor.qt.tabs.metadata.image_field import ImageField
from editor.qt.tabs.metadata.int_field import IntField
from editor.qt.tabs.metadata.line_field import LineField
from editor.qt.tabs.metadata.links_field import LinksField
from editor.qt.tabs.metadata.tab import MetadataTab
from editor.qt.tabs.metadata.tags_field import TagsField
from editor.qt.tabs.metadata.text_area_field import TextAreaField

ODD_EPISODE = """\
---
layout: episode
title: Odd one
season: "three"
episode: 4
dateadded: "2023-05-06"
date: 2023-05-01 10:30:00
duration: PT00H59M
extra:
  count: 3
  flag: true
  names:
  - a
  - b
empty:
---
Body.
"""


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE_EPISODE.parents[1], tmp_path / "site")
    return tmp_path / "site" / "_podcast" / SAMPLE_EPISODE.name


@pytest.fixture
def session(site_copy: Path) -> EpisodeSession:
    session = EpisodeSession()
    session.set_document(Document.load(site_copy))
    return session


@pytest.fixture
def tab(qtbot, session: EpisodeSession, settings) -> MetadataTab:  # type: ignore[no-untyped-def]
    widget = MetadataTab(session, settings)
    qtbot.addWidget(widget)
    widget.resize(1100, 900)
    return widget


def odd_session(tmp_path: Path) -> EpisodeSession:
    path = tmp_path / "site" / "_podcast" / "odd.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "site" / "_config.yml").write_text("title: test\n", encoding="utf-8")
    path.write_text(ODD_EPISODE, encoding="utf-8")
    session = EpisodeSession()
    session.set_document(Document.load(path))
    return session


def field(tab: MetadataTab, key: str, kind: type) -> Any:
    editor = tab.fields[key]
    assert isinstance(editor, kind)
    return editor


# -- text fields -----------------------------------------------------------------------------


def test_typing_in_a_line_edit_is_one_undo_step(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    title = field(tab, "title", LineField)
    original = tab.session.get(("title",))
    title.edit.setFocus()
    title.edit.end(False)
    qtbot.keyClicks(title.edit, " (Part 2)")
    assert tab.session.get(("title",)) == original + " (Part 2)"
    assert tab.session.undo_stack.count() == 1
    assert title.count.text() == f"{len(original) + 9} chars"
    tab.session.undo_stack.undo()
    assert title.edit.text() == original
    assert tab.session.get(("title",)) == original
    tab.session.undo_stack.redo()
    assert title.edit.text() == original + " (Part 2)"


def test_each_focus_in_starts_a_new_undo_step(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    title = field(tab, "title", LineField)
    short = field(tab, "short", LineField)
    title.edit.setFocus()
    qtbot.keyClicks(title.edit, "A")
    title.new_edit()  # what a focus-in does
    qtbot.keyClicks(title.edit, "B")
    assert tab.session.undo_stack.count() == 2
    qtbot.keyClicks(short.edit, "C")
    assert tab.session.undo_stack.count() == 3


def test_typing_back_to_the_start_leaves_the_stack_clean(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    short = field(tab, "short", LineField)
    short.edit.end(False)
    qtbot.keyClicks(short.edit, "xy")
    assert not tab.session.undo_stack.isClean()
    qtbot.keyClick(short.edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(short.edit, Qt.Key.Key_Backspace)
    assert tab.session.undo_stack.isClean()


def test_editing_keeps_the_string_quoting_class(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    title = field(tab, "title", LineField)
    before = type(tab.session.get(("title",)))
    qtbot.keyClicks(title.edit, "!")
    assert type(tab.session.get(("title",))) is before


def test_an_absent_field_is_added_only_when_given_a_value(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    keywords = field(tab, "keywords", LineField)
    assert not tab.session.has(("keywords",))
    keywords.edit.setFocus()
    assert not tab.session.has(("keywords",))  # viewing never adds a key
    qtbot.keyClicks(keywords.edit, "t")
    assert tab.session.get(("keywords",)) == "t"
    keys = list(tab.session.data)
    assert keys.index("keywords") == keys.index("intro") + 1  # canonical order
    qtbot.keyClick(keywords.edit, Qt.Key.Key_Backspace)
    assert not tab.session.has(("keywords",))
    assert tab.session.undo_stack.isClean()


def test_clearing_a_present_field_keeps_the_key(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    short = field(tab, "short", LineField)
    short.edit.selectAll()
    qtbot.keyClick(short.edit, Qt.Key.Key_Delete)
    assert tab.session.get(("short",)) == ""


def test_description_shows_count_and_seo_range(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    description = field(tab, "description", TextAreaField)
    text = description.text()
    assert description.count.text() == f"{len(text)} chars"
    assert "150–160" in description.hint.text()
    description.edit.selectAll()
    qtbot.keyClicks(description.edit, "x" * 155)
    assert description.hint.property("range") == "ok"
    assert tab.session.get(("description",)) == "x" * 155
    assert tab.session.undo_stack.count() == 1
    qtbot.keyClicks(description.edit, "x" * 10)
    assert description.hint.property("range") == "long"


def test_intro_keeps_br_tags_verbatim(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    intro = field(tab, "intro", TextAreaField)
    assert "<br><br>" in intro.text()
    intro.edit.moveCursor(intro.edit.textCursor().MoveOperation.End)
    qtbot.keyClicks(intro.edit, " <br>More.")
    assert tab.session.get(("intro",)).endswith("they had. <br>More.")
    assert "<br><br>" in tab.session.get(("intro",))


# -- numbers, dates, durations -------------------------------------------------------------


def test_spin_boxes_keep_ints(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    episode = field(tab, "episode", IntField)
    episode.spin.setFocus()
    qtbot.keyClick(episode.spin, Qt.Key.Key_Up)
    assert tab.session.get(("episode",)) == 8
    assert type(tab.session.get(("episode",))) is int
    episode.spin.lineEdit().selectAll()
    qtbot.keyClicks(episode.spin, "12")
    assert tab.session.get(("episode",)) == 12
    assert tab.session.undo_stack.count() == 1


def test_duration_is_written_as_iso(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    duration = field(tab, "duration", DurationField)
    assert duration.edit.text() == "0:12:05"
    duration.edit.selectAll()
    qtbot.keyClicks(duration.edit, "0:59:23")
    assert tab.session.get(("duration",)) == "PT00H59M23S"
    assert tab.session.undo_stack.count() == 1
    duration.edit.selectAll()
    qtbot.keyClicks(duration.edit, "1:7x")
    assert duration.edit.property("problem") == "error"
    assert tab.session.get(("duration",)) == "PT00H01M07S"  # the last valid text
    assert "Not a duration" in duration.edit.toolTip()
    qtbot.keyClick(duration.edit, Qt.Key.Key_Backspace)
    assert duration.edit.property("problem") == ""
    assert "Not a duration" not in duration.edit.toolTip()
    duration.set_problems("warning", ["Longer than the audio"])
    qtbot.keyClicks(duration.edit, "x")
    assert duration.edit.property("problem") == "error"
    assert "Longer than the audio" in duration.edit.toolTip()
    qtbot.keyClick(duration.edit, Qt.Key.Key_Backspace)
    assert duration.edit.property("problem") == "warning"


def test_unquoted_date_stays_a_date(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    dateadded = field(tab, "dateadded", DateField)
    assert dateadded.date_edit.date() == QDate(2024, 3, 9)
    dateadded.date_edit.setDate(QDate(2024, 3, 10))
    value = tab.session.get(("dateadded",))
    assert value == datetime.date(2024, 3, 10)
    assert type(value) is datetime.date


def test_absent_date_is_added_as_a_date_and_cleared_away(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    date = field(tab, "date", DateField)
    assert not tab.session.has(("date",))
    assert date.date_edit.text() == "Not set"
    qtbot.mouseClick(date.today_button, Qt.MouseButton.LeftButton)
    assert tab.session.get(("date",)) == datetime.date.today()
    qtbot.mouseClick(date.clear_button, Qt.MouseButton.LeftButton)
    assert not tab.session.has(("date",))


def test_quoted_date_and_timestamp_keep_their_type(qtbot, tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    session = odd_session(tmp_path)
    tab = MetadataTab(session, settings)
    qtbot.addWidget(tab)
    dateadded = field(tab, "dateadded", DateField)
    dateadded.date_edit.setDate(QDate(2023, 5, 7))
    value = session.get(("dateadded",))
    assert isinstance(value, str) and value == "2023-05-07"
    date = field(tab, "date", DateField)
    date.date_edit.setDate(QDate(2023, 6, 2))
    moment = session.get(("date",))
    assert isinstance(moment, datetime.datetime)
    assert (moment.year, moment.month, moment.day, moment.hour, moment.minute) == (
        2023,
        6,
        2,
        10,
        30,
    )
    text = session.document.to_text()  # type: ignore[union-attr]
    assert 'dateadded: "2023-05-07"' in text


# -- lists --------------------------------------------------------------------------------


def test_guests_add_with_completion_move_and_remove(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    guests = field(tab, "guests", GuestsField)
    guests.add_edit.setFocus()
    guests.ensure_people()
    completions = [
        guests.completer.people_model.item(row).data(Qt.ItemDataRole.UserRole + 1)
        for row in range(guests.completer.people_model.rowCount())
    ]
    assert completions == ["adaquill", "brunofenwick"]
    guests.completer.setCompletionPrefix("Fenw")  # matches names as well as ids
    popup_model = guests.completer.completionModel()
    assert popup_model.rowCount() == 1
    assert guests.completer.pathFromIndex(popup_model.index(0, 0)) == "brunofenwick"
    guests.add_edit.setText("brunofenwick")  # typing would open the popup
    qtbot.keyClick(guests.add_edit, Qt.Key.Key_Return)
    assert list(tab.session.get(("guests",))) == ["adaquill", "brunofenwick"]
    assert guests.model.rowCount() == 2
    guests.move_selected(-1)
    assert list(tab.session.get(("guests",))) == ["brunofenwick", "adaquill"]
    guests.remove_selected()
    assert list(tab.session.get(("guests",))) == ["adaquill"]
    for _ in range(3):
        tab.session.undo_stack.undo()
    assert list(tab.session.get(("guests",))) == ["adaquill"]
    assert tab.session.undo_stack.isClean()


# Typing opens the completion popup, which the offscreen platform cannot raise.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
def test_guest_duplicate_is_not_added(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    guests = field(tab, "guests", GuestsField)
    guests.add_edit.setText("adaquill")  # typed text would open the completion popup
    qtbot.keyClick(guests.add_edit, Qt.Key.Key_Return)
    assert list(tab.session.get(("guests",))) == ["adaquill"]
    # Said, and the box is empty so that the next guest typed is not glued onto this one.
    assert guests.note.isVisibleTo(tab)
    assert guests.note.text() == "adaquill is already listed (selected above)."
    assert guests.add_edit.text() == ""
    assert guests.view.currentIndex().row() == 0
    qtbot.keyClicks(guests.add_edit, "nobody-qa")
    assert not guests.note.isVisibleTo(tab)
    assert guests.add_edit.text() == "nobody-qa"


def test_topics_tags_add_and_remove(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    topics = field(tab, "topics", TagsField)
    assert [chip.label.text() for chip in topics.chips] == ["data engineering", "forecasting"]
    qtbot.keyClicks(topics.add_edit, "tides, history")
    qtbot.keyClick(topics.add_edit, Qt.Key.Key_Return)
    assert list(tab.session.get(("topics",))) == [
        "data engineering",
        "forecasting",
        "tides",
        "history",
    ]
    qtbot.mouseClick(topics.chips[0].remove_button, Qt.MouseButton.LeftButton)
    assert list(tab.session.get(("topics",))) == ["forecasting", "tides", "history"]
    assert [chip.label.text() for chip in topics.chips] == ["forecasting", "tides", "history"]


def test_string_list_model_passes_the_model_tester(qtmodeltester, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    guests = field(tab, "guests", GuestsField)
    qtmodeltester.check(guests.model, force_py=True)
    guests.model.append(["brunofenwick"])
    qtmodeltester.check(guests.model, force_py=True)


# -- image and links -------------------------------------------------------------------


def test_image_thumbnail_when_the_file_exists(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    image = field(tab, "image", ImageField)
    pixmap = image.preview.pixmap()
    assert pixmap is not None and not pixmap.isNull()
    image.edit.selectAll()
    qtbot.keyClicks(image.edit, "images/nothing-here.png")
    assert image.preview.text() == "No preview"
    assert tab.session.get(("image",)) == "images/nothing-here.png"


def test_link_open_buttons_open_only_web_links(qtbot, tab: MetadataTab, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True
    )
    links = field(tab, "links", LinksField)
    ids = field(tab, "ids", LinksField)
    youtube = links.rows["youtube"]
    assert youtube.open_button.isEnabled()
    qtbot.mouseClick(youtube.open_button, Qt.MouseButton.LeftButton)
    assert opened == ["https://www.youtube.com/watch?v=AbCdEfGhIjK"]
    assert not links.rows["apple"].open_button.isEnabled()  # TODO is valid, but not a link
    assert links.rows["apple"].edit.text() == "TODO"
    qtbot.mouseClick(ids.rows["youtube"].open_button, Qt.MouseButton.LeftButton)
    assert opened[-1] == "https://www.youtube.com/watch?v=AbCdEfGhIjK"
    spotify = links.rows["spotify"]
    spotify.edit.selectAll()
    qtbot.keyClicks(spotify.edit, "file:///etc/passwd")
    assert not spotify.open_button.isEnabled()
    assert not spotify.open()
    assert len(opened) == 2


def test_link_added_to_an_absent_mapping_goes_away_when_cleared(
    qtbot, tmp_path: Path, settings
) -> None:  # type: ignore[no-untyped-def]
    session = odd_session(tmp_path)
    tab = MetadataTab(session, settings)
    qtbot.addWidget(tab)
    ids = field(tab, "ids", LinksField)
    row = ids.rows["youtube"]
    qtbot.keyClicks(row.edit, "v")
    assert dict(session.get(("ids",))) == {"youtube": "v"}
    qtbot.keyClick(row.edit, Qt.Key.Key_Backspace)
    assert not session.has(("ids",))


# -- other fields ------------------------------------------------------------------------


def test_unknown_keys_and_odd_values_go_to_other_fields(
    qtbot, tmp_path: Path, settings, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    session = odd_session(tmp_path)
    tab = MetadataTab(session, settings)
    qtbot.addWidget(tab)
    model = tab.other_model
    assert model.top_keys() == ["layout", "season", "extra", "empty"]
    assert tab.fields["episode"].accepts(session.get(("episode",)))
    assert not tab.fields["season"].accepts(session.get(("season",)))
    qtmodeltester.check(model, force_py=True)
    extra = model.index_for_path(("extra",))
    assert model.rowCount(extra) == 3
    count = model.index_for_path(("extra", "count")).siblingAtColumn(1)
    assert count.flags() & Qt.ItemFlag.ItemIsEditable
    assert model.setData(count, "4")
    assert session.get(("extra", "count")) == 4
    assert not model.setData(count, "four")
    flag = model.index_for_path(("extra", "flag")).siblingAtColumn(1)
    assert model.data(flag) == "true"
    assert model.setData(flag, "no")
    assert session.get(("extra", "flag")) is False
    names = model.index_for_path(("extra", "names"))
    assert not names.siblingAtColumn(1).flags() & Qt.ItemFlag.ItemIsEditable
    session.undo_stack.undo()
    assert session.get(("extra", "flag")) is True
    qtmodeltester.check(model, force_py=True)
    tab.show_problems([problem(("extra", "count"), "error", "Count is off")])
    count_row = model.index_for_path(("extra", "count"))
    assert count_row.data(Qt.ItemDataRole.ToolTipRole) == "Count is off"
    assert count_row.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert tab.focus_path(("extra", "count"))
    assert tab.other_view.currentIndex().internalPointer() is count_row.internalPointer()
    text = session.document.to_text()  # type: ignore[union-attr]
    assert "  count: 4\n" in text and 'season: "three"' in text and "empty:\n" in text


def test_tree_model_follows_structural_changes(qtbot, tmp_path: Path, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    session = odd_session(tmp_path)
    model = DataTreeModel(session)
    model.set_keys(["extra"])
    qtmodeltester.check(model, force_py=True)
    session.insert_items(("extra", "names"), 2, ["c"])
    assert model.rowCount(model.index_for_path(("extra", "names"))) == 3
    session.set_value(("extra",), MISSING)
    assert model.rowCount() == 0
    session.undo_stack.undo()
    assert model.rowCount() == 1
    qtmodeltester.check(model, force_py=True)


# -- focus and problems ----------------------------------------------------------------


def problem(path: tuple[Any, ...], severity: str, message: str) -> SimpleNamespace:
    return SimpleNamespace(
        rule="test", severity=severity, message=message, path=path, line=1, column=1
    )


def test_show_problems_outlines_fields_with_tooltips(tab: MetadataTab) -> None:
    tab.show_problems(
        [
            problem(("title",), "warning", "Title is long"),
            problem(("title",), "error", "Title has a tab"),
            problem(("links", "apple"), "warning", "Apple link is TODO"),
        ]
    )
    title = field(tab, "title", LineField)
    assert title.edit.property("problem") == "error"
    assert "Title is long" in title.edit.toolTip() and "Title has a tab" in title.edit.toolTip()
    apple = field(tab, "links", LinksField).rows["apple"]
    assert apple.edit.property("problem") == "warning"
    assert field(tab, "links", LinksField).rows["youtube"].edit.property("problem") == ""
    tab.show_problems([problem(("title",), "info", "A hint"), problem((), "error", "Whole file")])
    assert title.edit.property("problem") == "info"
    tab.show_problems([])
    assert title.edit.property("problem") == ""
    assert "Title is long" not in title.edit.toolTip()


def test_focus_path_focuses_the_field(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    assert tab.focus_path(("links", "spotify"))
    assert tab.focusWidget() is field(tab, "links", LinksField).rows["spotify"].edit
    assert tab.focus_path(("guests", 0))
    guests = field(tab, "guests", GuestsField)
    assert tab.focusWidget() is guests.view and guests.view.currentIndex().row() == 0
    assert not tab.focus_path(("no_such_key",))


def test_document_changes_never_create_commands(tab: MetadataTab) -> None:
    tab.session.set_value(("title",), "From elsewhere")
    assert field(tab, "title", LineField).edit.text() == "From elsewhere"
    tab.session.set_value(("season",), 9)
    assert field(tab, "season", IntField).spin.value() == 9
    assert tab.session.undo_stack.count() == 2


# -- the whole corpus ------------------------------------------------------------------------


@pytest.mark.corpus
def test_viewing_corpus_episodes_changes_nothing_and_shows_every_key(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    from conftest import corpus_files

    session = EpisodeSession()
    tab = MetadataTab(session, settings)
    qtbot.addWidget(tab)
    for path in corpus_files()[::6]:  # a sixth of the corpus keeps this test quick
        document = Document.load(path)
        session.set_document(document)
        assert session.undo_stack.count() == 0, path.name
        assert document.to_text() == document.original_text, path.name
        in_form = {key for key, editor in tab.fields.items() if editor.accepts(session.get((key,)))}
        shown = in_form | set(tab.other_model.top_keys()) | {"quotableClips", "transcript"}
        assert set(session.data) <= shown, path.name


@pytest.mark.corpus
def test_widget_edits_on_a_spread_of_corpus_files_touch_one_line_each(
    qtbot, settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from conftest import corpus_files

    files = corpus_files()
    session = EpisodeSession()
    tab = MetadataTab(session, settings)
    qtbot.addWidget(tab)
    duration = field(tab, "duration", DurationField)
    for source in files[:: max(1, len(files) // 12)]:
        target = tmp_path / source.name
        shutil.copyfile(source, target)
        before = target.read_text(encoding="utf-8").splitlines()
        session.set_document(Document.load(target))
        if not session.has(("duration",)):
            continue
        duration.edit.selectAll()
        qtbot.keyClicks(duration.edit, "1:02:03")
        session.document.save()  # type: ignore[union-attr]
        after = target.read_text(encoding="utf-8").splitlines()
        changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
        assert len(changed) == 1, source.name
        assert changed[0][1] == "duration: PT01H02M03S", source.name


def saved_diff(session: EpisodeSession, path: Path, before: list[str]) -> list[str]:
    import difflib

    session.document.save()  # type: ignore[union-attr]
    after = path.read_text(encoding="utf-8").splitlines()
    return [
        line
        for line in difflib.unified_diff(before, after, n=0, lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_widget_edits_write_exactly_their_lines(qtbot, tab: MetadataTab, site_copy: Path) -> None:  # type: ignore[no-untyped-def]
    before = site_copy.read_text(encoding="utf-8").splitlines()
    guests = field(tab, "guests", GuestsField)
    guests.add_edit.setText("brunofenwick")
    guests.add_from_edit()
    topics = field(tab, "topics", TagsField)
    topics.add("tides")
    field(tab, "dateadded", DateField).date_edit.setDate(QDate(2024, 3, 11))
    apple = field(tab, "links", LinksField).rows["apple"]
    apple.edit.selectAll()
    qtbot.keyClicks(apple.edit, "https://podcasts.apple.com/x")
    qtbot.keyClicks(field(tab, "keywords", LineField).edit, "tides, logbooks")
    assert sorted(saved_diff(tab.session, site_copy, before)) == sorted(
        [
            "+- brunofenwick",
            "+- tides",
            "-dateadded: 2024-03-09",
            "+dateadded: 2024-03-11",
            "-  apple: TODO",
            "+  apple: https://podcasts.apple.com/x",
            "+keywords: tides, logbooks",
        ]
    )
    after = site_copy.read_text(encoding="utf-8").splitlines()
    assert after.index("+- brunofenwick"[1:]) == after.index("- adaquill") + 1
    assert after.index("keywords: tides, logbooks") == after.index("topics:") - 1
    reopened = Document.load(site_copy)
    assert list(reopened.data["guests"]) == ["adaquill", "brunofenwick"]
    assert reopened.data["dateadded"] == datetime.date(2024, 3, 11)


def test_undoing_every_widget_edit_restores_the_file_byte_for_byte(
    qtbot, tab: MetadataTab, site_copy: Path
) -> None:  # type: ignore[no-untyped-def]
    original = site_copy.read_bytes()
    qtbot.keyClicks(field(tab, "title", LineField).edit, "x")
    field(tab, "season", IntField).spin.setValue(4)
    field(tab, "topics", TagsField).remove(0)
    field(tab, "guests", GuestsField).model.append(["brunofenwick"])
    field(tab, "date", DateField).date_edit.setDate(QDate(2020, 1, 2))
    while tab.session.undo_stack.canUndo():
        tab.session.undo_stack.undo()
    tab.session.document.save()  # type: ignore[union-attr]
    assert site_copy.read_bytes() == original


def test_guest_list_shows_names_and_flags_unknown_ids(tab: MetadataTab) -> None:
    guests = field(tab, "guests", GuestsField)
    first = guests.model.index(0)
    assert first.data() == "adaquill  —  Ada Quill"
    assert first.data(Qt.ItemDataRole.EditRole) == "adaquill"
    assert first.data(Qt.ItemDataRole.ForegroundRole) is None
    guests.model.append(["nobody"])
    unknown = guests.model.index(1)
    assert unknown.data() == "nobody  —  no people page"
    assert unknown.data(Qt.ItemDataRole.EditRole) == "nobody"
    assert "No people page" in unknown.data(Qt.ItemDataRole.ToolTipRole)
    assert unknown.data(Qt.ItemDataRole.ForegroundRole) is not None


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()
def test_wheel_does_not_change_unfocused_spin_boxes(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    season = field(tab, "season", IntField)
    event = QWheelEvent(
        QPointF(5, 5),
        QPointF(5, 5),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    tab.resize(600, 300)  # small enough that the form scrolls
    tab.show()
    bar = tab.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())
    QApplication.sendEvent(season.spin, event)
    assert tab.session.get(("season",)) == 3
    assert tab.session.undo_stack.count() == 0
    assert bar.value() < bar.maximum()  # the wheel scrolled the form instead


def test_backspace_in_the_empty_topic_box_removes_the_last_topic(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    topics = field(tab, "topics", TagsField)
    qtbot.keyClick(topics.add_edit, Qt.Key.Key_Backspace)
    assert list(tab.session.get(("topics",))) == ["data engineering"]
    qtbot.keyClicks(topics.add_edit, "ab")
    qtbot.keyClick(topics.add_edit, Qt.Key.Key_Backspace)
    assert topics.add_edit.text() == "a"
    assert list(tab.session.get(("topics",))) == ["data engineering"]


def test_picking_a_person_in_the_completion_popup_adds_them(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    guests = field(tab, "guests", GuestsField)
    guests.add_edit.setText("brunofenwick")  # what the completer writes into the box
    guests.completer.activated.emit("brunofenwick")
    qtbot.waitUntil(lambda: guests.add_edit.text() == "")
    assert list(tab.session.get(("guests",))) == ["adaquill", "brunofenwick"]


def test_typing_a_link_into_an_empty_mapping_creates_it(qtbot, tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "nulls.md"
    path.write_text("---\ntitle: A\nids:\nlinks:\n  youtube: TODO\n---\n", encoding="utf-8")
    session = EpisodeSession()
    session.set_document(Document.load(path))
    tab = MetadataTab(session, settings)
    qtbot.addWidget(tab)
    qtbot.keyClicks(field(tab, "ids", LinksField).rows["youtube"].edit, "abc")
    assert dict(session.get(("ids",))) == {"youtube": "abc"}
    assert session.document.to_text().startswith("---\ntitle: A\nids:\n  youtube: abc\nlinks:")  # type: ignore[union-attr]


def test_multi_line_title_goes_to_other_fields(qtbot, tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "multi.md"
    path.write_text('---\ntitle: "Line one\\nline two"\nshort: S\n---\n', encoding="utf-8")
    session = EpisodeSession()
    session.set_document(Document.load(path))
    tab = MetadataTab(session, settings)
    qtbot.addWidget(tab)
    assert tab.other_model.top_keys() == ["title"]
    assert tab.fields["short"].accepts(session.get(("short",)))


def test_guests_reorder_by_drag_uses_move_rows(tab: MetadataTab) -> None:
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QAbstractItemView

    guests = field(tab, "guests", GuestsField)
    assert guests.view.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    model = guests.model
    assert model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDropEnabled  # never onto a guest
    assert model.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled
    model.append(["brunofenwick"])
    moved = tab.session.get(("guests", 0))
    assert model.moveRow(QModelIndex(), 0, QModelIndex(), 2)  # what QListView's drop calls
    assert list(tab.session.get(("guests",))) == ["brunofenwick", "adaquill"]
    assert tab.session.get(("guests", 1)) is moved  # same object: the writer moves its line


def test_topic_suggestions_come_from_the_neighbouring_episodes(qtbot, tab: MetadataTab) -> None:  # type: ignore[no-untyped-def]
    topics = field(tab, "topics", TagsField)
    topics.ensure_suggestions()  # what focusing the box does
    assert topics.completer.model().stringList() == ["data engineering", "forecasting"]
    tab.session.remove_items(("topics",), 0, 1)
    topics.completer.activated.emit("data engineering")
    qtbot.waitUntil(lambda: topics.add_edit.text() == "")
    assert list(tab.session.get(("topics",))) == ["forecasting", "data engineering"]


def test_tab_order_goes_down_each_column(tab: MetadataTab) -> None:
    order: list[Any] = []
    widget = field(tab, "title", LineField).edit.nextInFocusChain()
    while widget is not field(tab, "title", LineField).edit and len(order) < 500:
        order.append(widget)
        widget = widget.nextInFocusChain()
    position = {id(w): i for i, w in enumerate(order)}
    duration = position[id(field(tab, "duration", DurationField).edit)]
    description = position[id(field(tab, "description", TextAreaField).edit)]
    youtube = position[id(field(tab, "ids", LinksField).rows["youtube"].edit)]
    assert position[id(field(tab, "short", LineField).edit)] < duration < description < youtube


def test_values_replaced_from_elsewhere_move_between_form_and_other_fields(
    tab: MetadataTab,
) -> None:
    tab.session.set_value(("season",), "three")  # e.g. a repair or another tab
    assert tab.other_model.top_keys() == ["season"]
    assert tab.other_box.isVisibleTo(tab)
    tab.session.set_value(("layout",), "episode")
    assert tab.other_model.top_keys() == ["layout", "season"]
    tab.session.undo_stack.undo()
    tab.session.undo_stack.undo()
    assert tab.other_model.top_keys() == []
    assert not tab.other_box.isVisibleTo(tab)
    assert field(tab, "season", IntField).spin.value() == 3


def test_extra_link_services_get_rows_that_go_with_the_document(
    qtbot, tmp_path: Path, settings
) -> None:  # type: ignore[no-untyped-def]
    first = tmp_path / "first.md"
    first.write_text("---\nids:\n  youtube: a\n  vimeo: '123'\n---\n", encoding="utf-8")
    session = EpisodeSession()
    tab = MetadataTab(session, settings)
    qtbot.addWidget(tab)
    session.set_document(Document.load(first))
    ids = field(tab, "ids", LinksField)
    assert ids.rows["vimeo"].edit.text() == "123"
    ids.rows["vimeo"].edit.end(False)
    qtbot.keyClicks(ids.rows["vimeo"].edit, "4")
    assert session.get(("ids", "vimeo")) == "1234"
    session.set_document(Document.load(SAMPLE_EPISODE))
    assert "vimeo" not in ids.rows
    session.set_value(("ids", "youtube"), "zzz")  # no stale row reacts to this
    assert ids.rows["youtube"].edit.text() == "zzz"


def test_topic_chips_are_reused_and_each_remove_button_removes_its_own_topic(
    qtbot, tab: MetadataTab
) -> None:  # type: ignore[no-untyped-def]
    topics = field(tab, "topics", TagsField)
    qtbot.keyClicks(topics.add_edit, "tides, history, lamps")
    qtbot.keyClick(topics.add_edit, Qt.Key.Key_Return)
    first_chips = list(topics.chips)
    # Remove from the middle, then undo: the chips follow the list, and are the same widgets.
    for text in ["tides", "data engineering", "lamps"]:
        row = [chip.label.text() for chip in topics.chips].index(text)
        qtbot.mouseClick(topics.chips[row].remove_button, Qt.MouseButton.LeftButton)
        assert text not in list(tab.session.get(("topics",)))
        assert [chip.label.text() for chip in topics.chips] == list(tab.session.get(("topics",)))
        tips = [chip.remove_button.toolTip() for chip in topics.chips]
        assert tips == [f"Remove “{chip.label.text()}”" for chip in topics.chips]
    assert topics.chips == first_chips[: len(topics.chips)]
    for _ in range(3):
        tab.session.undo_stack.undo()
    assert list(tab.session.get(("topics",))) == [
        "data engineering",
        "forecasting",
        "tides",
        "history",
        "lamps",
    ]
    assert [chip.label.text() for chip in topics.chips] == list(tab.session.get(("topics",)))
    qtbot.mouseClick(topics.chips[3].remove_button, Qt.MouseButton.LeftButton)
    assert list(tab.session.get(("topics",)))[3:] == ["lamps"]

"""The Metadata tab: a form over the episode's front matter, one widget per known field,
and an "Other fields" tree for everything else (nothing is ever hidden or dropped)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path as FilePath
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from editor.core.episode import site
from editor.qt.common.settings import Settings
from editor.qt.editing.session import DataPath, EpisodeSession
from editor.qt.tabs.metadata.data_tree_model import PATH_ROLE, DataTreeModel
from editor.qt.tabs.metadata.date_field import DateField
from editor.qt.tabs.metadata.duration_field import DurationField
from editor.qt.tabs.metadata.field import FieldEditor, set_problem_state
from editor.qt.tabs.metadata.guests_field import GuestsField
from editor.qt.tabs.metadata.image_field import ImageField
from editor.qt.tabs.metadata.int_field import IntField
from editor.qt.tabs.metadata.line_field import LineField
from editor.qt.tabs.metadata.links_field import LinksField
from editor.qt.tabs.metadata.tags_field import TagsField
from editor.qt.tabs.metadata.text_area_field import TextAreaField
from editor.qt.tabs.ownership import TabName, owner_of

SEO_DESCRIPTION = (150, 160)
SEVERITY_RANK = {"": 0, "info": 1, "warning": 2, "error": 3}


def worse(a: str, b: str) -> str:
    """The more severe of two severities ("" for none; unknown ones count as warnings)."""
    return max(a, b, key=lambda s: SEVERITY_RANK.get(s, 2))


class MetadataTab(QWidget):
    def __init__(
        self, session: EpisodeSession, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.site_root: FilePath | None = None
        # Before the fields connect theirs, so the site root is known when they refresh.
        session.documentReplaced.connect(self._on_document_replaced)
        session.valueChanged.connect(self._on_value_changed)
        self.fields: dict[str, FieldEditor] = {}
        self._rows: dict[str, QFormLayout] = {}
        self._visible: dict[str, bool] = {}

        self.stack = QStackedWidget(self)
        empty = QLabel("Open an episode file (Ctrl+O) or drop one here.", self)
        empty.setObjectName("emptyState")
        empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        font = empty.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        empty.setFont(font)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(empty)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("metadataScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(self._build_form())
        self.stack.addWidget(self.scroll_area)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._on_document_replaced()
        for editor in self.fields.values():
            editor.reload()

    # -- building ----------------------------------------------------------------------------

    def _form_group(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return box, form

    def _add(self, form: QFormLayout, key: str, label: str, editor: FieldEditor) -> None:
        self.fields[key] = editor
        self._rows[key] = form
        editor.focus_widget().setAccessibleName(label or key)
        if label:
            caption = QLabel(f"{label}:", self)
            caption.setBuddy(editor)
            caption.setToolTip(f"Front matter key: {key}")
            form.addRow(caption, editor)
        else:
            form.addRow(editor)

    def _build_form(self) -> QWidget:
        s = self.session
        page = QWidget(self)
        page.setObjectName("metadataForm")

        episode, form = self._form_group("Episode")
        self._add(form, "title", "Title", LineField(s, ("title",), "title"))
        self._add(form, "short", "Short title", LineField(s, ("short",), "short"))
        self._add(form, "season", "Season", IntField(s, ("season",), "season"))
        self._add(form, "episode", "Episode", IntField(s, ("episode",), "episode"))
        self._add(form, "guests", "Guests", GuestsField(s, ("guests",), "guests", self.site_people))
        self._add(form, "image", "Image", ImageField(s, ("image",), "image", self.site_file))

        # Created column by column, so Tab goes Episode, Dates, Description, Links.
        dates, form = self._form_group("Dates")
        self._add(form, "date", "Date", DateField(s, ("date",), "date"))
        self._add(form, "dateadded", "Date added", DateField(s, ("dateadded",), "dateadded"))
        self._add(form, "duration", "Duration", DurationField(s, ("duration",), "duration"))

        text, form = self._form_group("Description")
        self._add(
            form,
            "description",
            "Description",
            TextAreaField(s, ("description",), "description", lines=3, recommended=SEO_DESCRIPTION),
        )
        self._add(form, "intro", "Intro", TextAreaField(s, ("intro",), "intro", lines=6))
        self._add(form, "context", "Context", TextAreaField(s, ("context",), "context", lines=3))
        self._add(form, "keywords", "Keywords", LineField(s, ("keywords",), "keywords"))
        self._add(form, "topics", "Topics", TagsField(s, ("topics",), "topics", self.site_topics))

        links = QGroupBox("IDs and links", self)
        links_layout = QHBoxLayout(links)
        for key, title, is_id in (("ids", "IDs", True), ("links", "Links", False)):
            column, form = self._form_group(title)
            column.setFlat(True)
            self._add(form, key, "", LinksField(s, (key,), key, is_id=is_id))
            links_layout.addWidget(column, 1)
        self.fields["ids"].setObjectName("idsField")
        self.fields["links"].setObjectName("linksField")

        self.other_box = QGroupBox("Other fields", self)
        self.other_model = DataTreeModel(s, self)
        self.other_view = QTreeView(self.other_box)
        self.other_view.setObjectName("otherFieldsTree")
        self.other_view.setModel(self.other_model)
        self.other_view.setAlternatingRowColors(True)
        self.other_view.setUniformRowHeights(True)
        self.other_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.other_view.setMinimumHeight(140)
        self.other_view.header().resizeSection(0, 200)
        other_layout = QVBoxLayout(self.other_box)
        other_layout.addWidget(self.other_view)

        for name, editor in self.fields.items():
            editor.setObjectName(editor.objectName() or f"{name}Field")

        # Side by side when there is room, one above the other in a narrow pane (beside the
        # Library, in a small window) instead of a horizontal scroll bar.
        columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns = columns
        left = QVBoxLayout()
        left.addWidget(episode)
        left.addWidget(dates)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(text)
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        outer = QVBoxLayout(page)
        self._form_layout = outer
        outer.addLayout(columns)
        outer.addWidget(links)
        outer.addWidget(self.other_box)
        outer.addStretch(1)
        return page

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    def _reflow(self) -> None:
        columns = self.columns
        items = [columns.itemAt(i) for i in range(columns.count())]
        widths = [item.minimumSize().width() for item in items if item is not None]
        side_by_side = sum(widths) + columns.spacing() * (len(widths) - 1)
        margins = self._form_layout.contentsMargins()
        # The width with a vertical scroll bar, shown or not: its coming and going must not
        # flip the layout (and the scroll position with it).
        scroll_bar = self.scroll_area.verticalScrollBar().sizeHint().width()
        frame = 2 * self.scroll_area.frameWidth()
        room = self.scroll_area.width() - frame - scroll_bar - margins.left() - margins.right()
        wanted = (
            QBoxLayout.Direction.LeftToRight
            if room >= side_by_side
            else QBoxLayout.Direction.TopToBottom
        )
        if columns.direction() != wanted:
            columns.setDirection(wanted)

    # -- site ------------------------------------------------------------------------------

    def site_people(self) -> Sequence[site.Person] | None:
        """The site's people, or None when the episode is not in a site with ``_people/``."""
        return site.people_or_none(self.site_root)

    def site_topics(self) -> Sequence[str]:
        """Topics of the episodes next to this one, most used first."""
        document = self.session.document
        path = document.path if document is not None else None
        return site.episode_topics(FilePath(path).parent if path is not None else None)

    def site_file(self, relative: str) -> FilePath | None:
        return site.site_file(self.site_root, relative)

    # -- the document -------------------------------------------------------------------

    def _on_document_replaced(self) -> None:
        document = self.session.document
        self.stack.setCurrentIndex(0 if document is None else 1)
        path = document.path if document is not None else None
        self.site_root = site.find_site_root(path) if path is not None else None
        if not self.fields:
            return
        guests = self.fields["guests"]
        if isinstance(guests, GuestsField):
            guests.reset_people()
            if document is not None:
                guests.ensure_people()
        self._route(force=True)
        self._reflow()

    def _route(self, force: bool = False) -> None:
        """Show each known key in its form field when the field can show its value, and
        everything else in "Other fields"."""
        shown = set()
        for key, editor in self.fields.items():
            visible = editor.accepts(self.session.get((key,)))
            if force or self._visible.get(key) != visible:
                self._rows[key].setRowVisible(editor, visible)
                self._visible[key] = visible
            if visible:
                shown.add(key)
        other = [key for key in self.session.data if key not in shown and self.owns((key,))]
        if force or other != self.other_model.top_keys():
            self.other_model.set_keys(other)
            self.other_box.setVisible(bool(other))
            self.other_view.expandToDepth(0)

    def _on_value_changed(self, path: DataPath) -> None:
        # A top-level value replaced from elsewhere (undo, a repair, another tab) may now
        # need the other place: a form field or "Other fields".
        if len(path) == 1 and self.session.document is not None:
            self._route()

    def editor_for(self, path: DataPath) -> FieldEditor | None:
        """The visible form field showing ``path`` (or the part of it the form shows)."""
        if not path:
            return None
        editor = self.fields.get(path[0]) if isinstance(path[0], str) else None
        if editor is None or path[0] in self.other_model.top_keys():
            return None
        if isinstance(editor, LinksField) and len(path) > 1:
            row = editor.row_for(path[1]) if isinstance(path[1], str) else None
            return row or editor
        return editor

    def focus_first(self) -> None:
        """The first field shown (Title, in a typical episode)."""
        for editor in self.fields.values():
            if editor.isVisibleTo(self.scroll_area):
                editor.focus_widget().setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def owns(self, path: Sequence[object]) -> bool:
        return owner_of(path) is TabName.METADATA

    def focus_path(self, path: tuple[Any, ...]) -> bool:
        path = tuple(path)
        editor = self.editor_for(path)
        if editor is not None:
            self.scroll_area.ensureWidgetVisible(editor, 40, 40)
            return editor.focus_path(path)
        index = self.other_model.index_for_path(path)
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            self.other_view.expand(parent)
            parent = parent.parent()
        self.other_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.other_view.scrollTo(index)
        self.scroll_area.ensureWidgetVisible(self.other_view, 40, 40)
        self.other_view.setFocus()
        return True

    def show_problems(self, problems: Sequence[Any]) -> None:
        """Outline the fields with problems (error or warning) and list them in tooltips."""
        found: dict[int, tuple[FieldEditor, str, list[str]]] = {}
        tree: dict[DataPath, tuple[str, str]] = {}
        for problem in problems:
            path = tuple(getattr(problem, "path", ()) or ())
            severity = str(getattr(problem, "severity", "error"))
            message = str(getattr(problem, "message", ""))
            editor = self.editor_for(path)
            if editor is None:
                index = self.other_model.index_for_path(path)
                if index.isValid():
                    key = tuple(index.data(PATH_ROLE))
                    old_severity, old_message = tree.get(key, ("", ""))
                    tree[key] = (
                        worse(old_severity, severity),
                        "\n".join(m for m in (old_message, message) if m),
                    )
                continue
            entry = found.setdefault(id(editor), (editor, "", []))
            found[id(editor)] = (editor, worse(entry[1], severity), [*entry[2], message])
        for editor in self._all_editors():
            _editor, severity, messages = found.get(id(editor), (editor, "", []))
            editor.set_problems(severity, messages)
        self.other_model.set_problems(tree)
        set_problem_state(self.other_view, "error" if tree else "", "")

    def _all_editors(self) -> list[FieldEditor]:
        editors: list[FieldEditor] = []
        for editor in self.fields.values():
            editors.append(editor)
            if isinstance(editor, LinksField):
                editors.extend(editor.rows.values())
        return editors

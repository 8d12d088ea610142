"""``ids`` and ``links``: one row per service, each with an Open button."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QPushButton, QWidget
from ruamel.yaml.comments import CommentedMap

from editor.core.episode.site import PLACEHOLDER, link_url
from editor.qt.common.links import open_link
from editor.qt.editing.session import MISSING, DataPath, EpisodeSession
from editor.qt.tabs.metadata.field import FieldEditor
from editor.qt.tabs.metadata.line_field import LineField

SERVICES = ("youtube", "anchor", "apple", "spotify")
SERVICE_LABELS = {
    "youtube": "YouTube",
    "anchor": "Anchor",
    "apple": "Apple",
    "spotify": "Spotify",
}


class LinkRow(LineField):
    """One service's value plus an Open button."""

    def __init__(
        self,
        session: EpisodeSession,
        path: DataPath,
        label: str,
        is_id: bool,
        parent: QWidget | None,
    ) -> None:
        super().__init__(
            session,
            path,
            label,
            placeholder=f"{'id' if is_id else 'https://…'} or {PLACEHOLDER}",
            parent=parent,
        )
        self.is_id = is_id
        self.count.hide()
        self.open_button = QPushButton("Open", self)
        self.open_button.setObjectName(f"{path[-1]}OpenButton")
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.addWidget(self.open_button)
        self.open_button.clicked.connect(self.open)
        self.edit.textChanged.connect(self._update_button)

    container: FieldEditor | None = None

    def write(self, value: Any, *, empty: bool = False, merge: bool = True) -> None:
        container = self.container
        if empty and self.absent_at_load and container is not None and container.absent_at_load:
            mapping = self.session.get(container.path)
            if isinstance(mapping, dict) and set(mapping) <= {self.path[-1]}:
                # The whole mapping came from this edit; blanking it takes the mapping away.
                if mapping:
                    self.session.set_value(container.path, MISSING, text=f"Edit {self.label}")
                return
        if container is not None and value is not MISSING:
            mapping = self.session.get(container.path)
            if mapping is None:  # ``ids:`` with no value: the mapping replaces the null
                self.session.set_value(
                    container.path,
                    CommentedMap([(self.path[-1], value)]),
                    text=f"Edit {self.label}",
                )
                return
        super().write(value, empty=empty, merge=merge)

    def url(self) -> str | None:
        return link_url(str(self.path[-1]), self.edit.text(), is_id=self.is_id)

    def open(self) -> bool:
        url = self.url()
        return open_link(url) if url else False

    def _update_button(self, *_args: object) -> None:
        url = self.url()
        self.open_button.setEnabled(url is not None)
        text = self.edit.text().strip()
        if url:
            tip = f"Open {url}"
        elif text == PLACEHOLDER:
            tip = f"{PLACEHOLDER}: not published yet"
        else:
            tip = "Only http and https addresses open"
        self.open_button.setToolTip(tip)

    def show_value(self, value: Any) -> None:
        super().show_value(value)
        self._update_button()


class LinksField(FieldEditor):
    """A mapping of service → id or URL. Services other than the usual four get rows too."""

    def __init__(
        self,
        session: EpisodeSession,
        path: DataPath,
        label: str,
        is_id: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, path, label, parent)
        self.is_id = is_id
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.rows: dict[str, LinkRow] = {}
        for service in SERVICES:
            self._add_row(service)

    def accepts(self, value: Any) -> bool:
        if value is MISSING or value is None:
            return True
        return isinstance(value, dict) and all(
            isinstance(key, str) and (item is None or isinstance(item, str))
            for key, item in value.items()
        )

    def focus_widget(self) -> QWidget:
        return self.rows[SERVICES[0]].edit

    def problem_widgets(self) -> Sequence[QWidget]:
        return [row.edit for row in self.rows.values()]

    def focus_path(self, path: DataPath) -> bool:
        if len(path) > len(self.path) and path[len(self.path)] in self.rows:
            self.rows[path[len(self.path)]].edit.setFocus()
            return True
        return super().focus_path(path)

    def row_for(self, service: str) -> LinkRow | None:
        return self.rows.get(service)

    def _add_row(self, service: str) -> None:
        row = LinkRow(
            self.session, (*self.path, service), f"{self.label} {service}", self.is_id, self
        )
        row.container = self
        row.absent_at_load = not self.session.has(row.path)
        self.rows[service] = row
        self.form.addRow(SERVICE_LABELS.get(service, service), row)
        row.refresh()

    def show_value(self, value: Any) -> None:
        if isinstance(value, dict):
            for key in value:
                if isinstance(key, str) and key not in self.rows:
                    self._add_row(key)

    def reload(self) -> None:
        for service in [s for s in self.rows if s not in SERVICES]:
            row = self.rows.pop(service)
            self.form.removeRow(row)
        super().reload()

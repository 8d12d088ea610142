"""The ordered guests list, with completion from the site's people pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import (
    QBrush,
    QColor,
    QKeySequence,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.episode.site import Person
from editor.qt.editing.session import MISSING, DataPath, EpisodeSession
from editor.qt.tabs.metadata.field import FieldEditor
from editor.qt.tabs.metadata.line_field import is_text_like
from editor.qt.tabs.metadata.string_list_model import StringListModel

SHORT_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2


def is_string_list(value: Any) -> bool:
    if value is MISSING or value is None:
        return True
    return isinstance(value, list) and all(
        is_text_like(item) and item is not None for item in value
    )


class PeopleCompleter(QCompleter):
    """Completes a people ``short`` id, matching the id or the person's name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people_model = QStandardItemModel(self)
        self.setModel(self.people_model)
        self.setCompletionRole(SEARCH_ROLE)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setMaxVisibleItems(12)

    def set_people(self, people: Sequence[Person]) -> None:
        self.people_model.clear()
        for person in people:
            label = f"{person.short} — {person.name}" if person.name else person.short
            item = QStandardItem(label)
            item.setData(person.short, SHORT_ROLE)
            item.setData(f"{person.short} {person.name}", SEARCH_ROLE)
            item.setEditable(False)
            self.people_model.appendRow(item)

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(SHORT_ROLE) or "")


class GuestListModel(StringListModel):
    """Guest ids, shown with the person's name from their people page."""

    names: dict[str, str] | None = None  # None: not in a site, so nothing to compare with

    def set_people(self, people: Sequence[Person] | None) -> None:
        self.names = None if people is None else {p.short: p.name for p in people}
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        value = super().data(index, Qt.ItemDataRole.EditRole)
        if value is None or self.names is None:
            return super().data(index, role)
        known = value in self.names
        if role == Qt.ItemDataRole.DisplayRole:
            if not known:
                return f"{value}  —  no people page"
            return f"{value}  —  {self.names[value]}" if self.names[value] else value
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.names[value] if known else f"No people page has short: {value}"
        if role == Qt.ItemDataRole.ForegroundRole and not known:
            return QBrush(QColor("#b26a00"))
        return super().data(index, role)


class StringListView(QListView):
    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.fontMetrics().lineSpacing() * 3 + 12)


class GuestsField(FieldEditor):
    """An ordered list: add (with completion), rename in place, remove, move up and down."""

    def __init__(
        self,
        session: EpisodeSession,
        path: DataPath,
        label: str,
        load_people: Callable[[], Sequence[Person] | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, path, label, parent)
        self._load_people = load_people
        self._people_loaded = False
        self._completer_people: Sequence[Person] | None = None
        self.model = GuestListModel(session, path, self)
        self.view = StringListView(self)
        self.view.setObjectName(f"{path[-1]}List")
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDropIndicatorShown(True)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.add_edit = QLineEdit(self)
        self.add_edit.setObjectName(f"{path[-1]}AddEdit")
        self.add_edit.setPlaceholderText("Add a guest: type a people id or name, press Enter")
        self.completer = PeopleCompleter(self)
        self.add_edit.setCompleter(self.completer)
        self.add_button = QPushButton("Add", self)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("Remove")
        self.remove_button.setToolTip("Remove the selected guest (Delete)")
        self.up_button = QToolButton(self)
        self.up_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
        self.up_button.setToolTip("Move the selected guest up (Alt+Up, or drag it)")
        self.down_button = QToolButton(self)
        self.down_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.down_button.setToolTip("Move the selected guest down (Alt+Down)")

        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 0, 0)
        layout.addLayout(buttons, 0, 1)
        layout.addWidget(self.add_edit, 1, 0)
        layout.addWidget(self.add_button, 1, 1)
        self.note = QLabel(self)
        self.note.setObjectName(f"{path[-1]}Note")
        self.note.setWordWrap(True)
        self.note.hide()
        layout.addWidget(self.note, 2, 0, 1, 2)
        self.add_edit.textEdited.connect(self.note.hide)

        self.add_edit.returnPressed.connect(self.add_from_edit)
        self.completer.activated.connect(self._on_completion_activated)
        self.add_button.clicked.connect(self.add_from_edit)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        for keys, slot in (
            (QKeySequence.StandardKey.Delete, self.remove_selected),
            (QKeySequence("Alt+Up"), lambda: self.move_selected(-1)),
            (QKeySequence("Alt+Down"), lambda: self.move_selected(1)),
        ):
            shortcut = QShortcut(keys, self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.model.rowsMoved.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._update_buttons)
        self.add_edit.installEventFilter(self)
        self._update_buttons()

    def accepts(self, value: Any) -> bool:
        return is_string_list(value)

    def focus_widget(self) -> QWidget:
        return self.view

    def problem_widgets(self) -> Sequence[QWidget]:
        return [self.view]

    def show_value(self, value: Any) -> None:
        self._update_buttons()  # the model follows the session by itself

    def focus_path(self, path: DataPath) -> bool:
        if len(path) > len(self.path) and isinstance(path[len(self.path)], int):
            row = path[len(self.path)]
            if 0 <= row < self.model.rowCount():
                self.view.setCurrentIndex(self.model.index(row))
        self.view.setFocus()
        return True

    def eventFilter(self, watched: Any, event: Any) -> bool:
        from PySide6.QtCore import QEvent

        if watched is self.add_edit and event.type() == QEvent.Type.FocusIn:
            self.ensure_people()
        return super().eventFilter(watched, event)

    def ensure_people(self) -> None:
        """Reads the site's people pages (cached by the folder's modification time)."""
        if not self._people_loaded:
            self._people_loaded = True
            found = self._load_people()
            if found is not self._completer_people:  # the same site: keep the completer
                self._completer_people = found
                self.completer.set_people(found or ())
            self.model.set_people(found)

    def reset_people(self) -> None:
        self._people_loaded = False
        self.model.set_people(None)

    # -- edits -------------------------------------------------------------------------------

    def _on_completion_activated(self, text: str) -> None:
        # Picking a person in the popup adds them. The completer writes the id into the box
        # after this signal, so the box is emptied on the next turn of the event loop.
        self.add(text)
        QTimer.singleShot(0, self.add_edit.clear)

    def add_from_edit(self) -> None:
        self.add(self.add_edit.text())

    def add(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        if text in self.model.strings():
            row = self.model.strings().index(text)
            self.view.setCurrentIndex(self.model.index(row))
            # Cleared, so that typing on starts a new guest instead of extending this one.
            self.add_edit.clear()
            self.note.setText(f"{text} is already listed (selected above).")
            self.note.show()
            return
        self.model.append([text])
        self.add_edit.clear()
        self.view.setCurrentIndex(self.model.index(self.model.rowCount() - 1))

    def selected_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row < 0:
            return
        self.model.remove(row, drop_key_when_empty=self.absent_at_load)
        rows = self.model.rowCount()
        if rows:
            self.view.setCurrentIndex(self.model.index(min(row, rows - 1)))

    def move_selected(self, step: int) -> None:
        row = self.selected_row()
        target = row + step
        if row < 0 or not 0 <= target < self.model.rowCount():
            return
        destination = target if step < 0 else target + 1
        self.model.moveRow(QModelIndex(), row, QModelIndex(), destination)
        self.view.setCurrentIndex(self.model.index(target))

    def _update_buttons(self, *_args: object) -> None:
        row = self.selected_row()
        rows = self.model.rowCount()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < rows - 1)

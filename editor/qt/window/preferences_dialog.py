"""Preferences: line width for new text, confirm before save, and the colour theme."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from editor.qt.common.settings import Settings

THEMES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))
MIN_LINE_WIDTH, MAX_LINE_WIDTH = 40, 400


# What PyYAML (and so the site's scripts) does: a line is broken at the first space after
# the width, never inside a word, so a line runs past the width by the end of that word.
FOLD_RULE = (
    "Long text is broken like the site's own files: at the first space after this many "
    "columns, so a line runs on to the end of the word that crosses the width (width 60 can "
    "give lines of 70 columns)."
)


class PreferencesDialog(QDialog):
    """Edits the preferences in ``settings``; OK writes them and applies the theme."""

    preferencesChanged = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self.settings = settings

        self.line_width = QSpinBox()
        self.line_width.setObjectName("lineWidth")
        self.line_width.setRange(MIN_LINE_WIDTH, MAX_LINE_WIDTH)
        self.line_width.setSuffix(" columns")
        self.line_width.setToolTip(FOLD_RULE)
        self.confirm_before_save = QCheckBox("Show the changes and confirm before each save")
        self.confirm_before_save.setObjectName("confirmBeforeSave")
        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        for key, label in THEMES:
            self.theme.addItem(label, key)

        self.jump_back = QCheckBox("Jump back about 2 s when playback resumes")
        self.jump_back.setObjectName("audioJumpBack")
        self.reaction_delay = QSpinBox()
        self.reaction_delay.setObjectName("tapReactionDelay")
        self.reaction_delay.setRange(0, 2000)
        self.reaction_delay.setSingleStep(50)
        self.reaction_delay.setSuffix(" ms")
        self.reaction_delay.setToolTip("Shift+F9 in tap timing sets the time this much earlier")

        form = QFormLayout()
        form.addRow("&Break new text after:", self.line_width)
        form.addRow("&Theme:", self.theme)
        form.addRow("", self.confirm_before_save)
        form.addRow("", self.jump_back)
        form.addRow("Tap timing &reaction delay:", self.reaction_delay)
        note = QLabel(
            f"{FOLD_RULE} This applies to text you add or change from now on; text you do "
            "not touch keeps its own line breaks."
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.load()

    def load(self) -> None:
        self.line_width.setValue(self.settings.get(Settings.LINE_WIDTH))
        self.confirm_before_save.setChecked(self.settings.get(Settings.CONFIRM_BEFORE_SAVE))
        index = self.theme.findData(self.settings.get(Settings.THEME))
        self.theme.setCurrentIndex(max(0, index))
        self.jump_back.setChecked(self.settings.get(Settings.AUDIO_JUMP_BACK))
        self.reaction_delay.setValue(self.settings.get(Settings.TAP_REACTION_DELAY_MS))

    def store(self) -> None:
        self.settings.set(Settings.LINE_WIDTH, self.line_width.value())
        self.settings.set(Settings.CONFIRM_BEFORE_SAVE, self.confirm_before_save.isChecked())
        self.settings.set(Settings.THEME, str(self.theme.currentData()))
        self.settings.set(Settings.AUDIO_JUMP_BACK, self.jump_back.isChecked())
        self.settings.set(Settings.TAP_REACTION_DELAY_MS, self.reaction_delay.value())
        self.settings.sync()

    def accept(self) -> None:
        self.store()
        apply_theme(self.settings.get(Settings.THEME))
        self.preferencesChanged.emit()
        super().accept()


def apply_theme(theme: str) -> None:
    """Apply 'system', 'light' or 'dark' to the running application.

    Desktops with a platform theme (GNOME, KDE, Windows, macOS) follow ``setColorScheme``.
    Elsewhere (a bare X server) the scheme request is ignored, so the palette is set directly.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    hints = QGuiApplication.styleHints()
    if theme == "system":
        hints.unsetColorScheme()
        app.setPalette(app.style().standardPalette())
    else:
        wanted = Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light
        hints.setColorScheme(wanted)
        if _palette_is_dark(app.palette()) != (wanted == Qt.ColorScheme.Dark):
            app.setPalette(dark_palette() if wanted == Qt.ColorScheme.Dark else light_palette())
    # Widgets with their own style sheet keep the palette they were polished with until
    # the sheet is applied again.
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet)


def _palette_is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def light_palette() -> QPalette:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        palette = app.style().standardPalette()
        if not _palette_is_dark(palette):
            return palette
    return _palette(
        window="#efefef",
        base="#ffffff",
        alternate="#f5f5f5",
        text="#1a1a1a",
        button="#e8e8e8",
        highlight="#3074c6",
        link="#1a5fb4",
        disabled="#8a8a8a",
    )


def dark_palette() -> QPalette:
    return _palette(
        window="#2b2b2b",
        base="#1f1f1f",
        alternate="#262626",
        text="#e6e6e6",
        button="#353535",
        highlight="#3d7bd9",
        link="#78aeff",
        disabled="#7a7a7a",
    )


def _palette(
    *,
    window: str,
    base: str,
    alternate: str,
    text: str,
    button: str,
    highlight: str,
    link: str,
    disabled: str,
) -> QPalette:
    role = QPalette.ColorRole
    palette = QPalette()
    for name, value in (
        (role.Window, window),
        (role.Base, base),
        (role.AlternateBase, alternate),
        (role.ToolTipBase, base),
        (role.ToolTipText, text),
        (role.Text, text),
        (role.WindowText, text),
        (role.Button, button),
        (role.ButtonText, text),
        (role.BrightText, "#ff5555"),
        (role.Highlight, highlight),
        (role.HighlightedText, "#ffffff"),
        (role.Link, link),
        (role.PlaceholderText, disabled),
    ):
        palette.setColor(name, QColor(value))
    for name in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, name, QColor(disabled))
    return palette

"""Every persistent setting, declared once, over ``QSettings``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

ORGANIZATION = "episode-editor"
APPLICATION = "episode-editor"


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T


class Settings:
    """Typed access to the application's settings.

    Pass one instance around explicitly; there is no global. Tests give it a
    ``QSettings`` over a temporary file.
    """

    RECENT_FILES = Setting[list[str]]("files/recent", [])
    RECENT_FOLDERS = Setting[list[str]]("files/recentFolders", [])
    WINDOW_GEOMETRY = Setting[QByteArray]("window/geometry", QByteArray())
    WINDOW_STATE = Setting[QByteArray]("window/state", QByteArray())
    LAST_TAB = Setting[int]("window/lastTab", 0)
    LINE_WIDTH = Setting[int]("preferences/lineWidth", 80)
    CONFIRM_BEFORE_SAVE = Setting[bool]("preferences/confirmBeforeSave", False)
    THEME = Setting[str]("preferences/theme", "system")  # system | light | dark
    TRANSCRIPT_SPLITTER = Setting[QByteArray]("transcript/splitter", QByteArray())
    AUDIO_JUMP_BACK = Setting[bool]("audio/jumpBackOnResume", False)  # about 2 s
    TAP_REACTION_DELAY_MS = Setting[int]("audio/tapReactionDelayMs", 300)
    MAX_RECENT = 10

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qsettings = (
            qsettings if qsettings is not None else QSettings(ORGANIZATION, APPLICATION)
        )

    def get(self, setting: Setting[T]) -> T:
        raw = self.qsettings.value(setting.key, setting.default)
        return _coerce(raw, setting.default)

    def set(self, setting: Setting[T], value: T) -> None:
        self.qsettings.setValue(setting.key, value)

    # -- per-file values (audio attached to an episode, "don't ask again" flags) --------

    def get_for_file(self, group: str, file_path: str, default: Any = None) -> Any:
        return self.qsettings.value(f"{group}/{_file_key(file_path)}", default)

    def set_for_file(self, group: str, file_path: str, value: Any) -> None:
        if value is None:
            self.qsettings.remove(f"{group}/{_file_key(file_path)}")
        else:
            self.qsettings.setValue(f"{group}/{_file_key(file_path)}", value)

    # The local audio file attached to an episode (Clips tab preview); never in the episode.
    AUDIO_FILE_GROUP = "audioFile"

    def audio_file(self, episode_path: str) -> str | None:
        value = self.get_for_file(self.AUDIO_FILE_GROUP, episode_path)
        return str(value) if value else None

    def set_audio_file(self, episode_path: str, audio_path: str | None) -> None:
        self.set_for_file(self.AUDIO_FILE_GROUP, episode_path, audio_path or None)

    def add_recent_file(self, path: str) -> list[str]:
        recent = [p for p in self.get(self.RECENT_FILES) if p != path]
        recent.insert(0, path)
        del recent[self.MAX_RECENT :]
        self.set(self.RECENT_FILES, recent)
        return recent

    def sync(self) -> None:
        self.qsettings.sync()


def _file_key(file_path: str) -> str:
    # QSettings treats '/' and '\\' as group separators; keep the path in one key.
    return file_path.replace("%", "%25").replace("/", "%2F").replace("\\", "%5C")


def _coerce(raw: Any, default: Any) -> Any:
    if isinstance(default, bool):
        if isinstance(raw, str):
            return raw.lower() in ("1", "true", "yes")
        return bool(raw)
    if isinstance(default, int):
        try:
            return int(raw)
        except (TypeError, ValueError):
            return default
    if isinstance(default, list):
        if raw is None:
            return []
        if isinstance(raw, str):
            return [raw]
        return [str(item) for item in raw]
    if isinstance(default, QByteArray):
        return raw if isinstance(raw, QByteArray) else default
    return raw if raw is not None else default

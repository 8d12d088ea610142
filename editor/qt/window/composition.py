"""Which features a main window has, and the order they plug in (menus, docks, status bar
and the checks before saving follow this order)."""

from __future__ import annotations

from dataclasses import dataclass

from editor.qt.features.api import WindowApi
from editor.qt.features.audio.feature import AudioFeature, install_audio
from editor.qt.features.formats.feature import FormatsFeature, install_formats
from editor.qt.features.problems.feature import ProblemsFeature, install_problems
from editor.qt.features.protection.work_protection import WorkProtection
from editor.qt.window.desktop import DesktopFeatures, install_desktop


@dataclass(frozen=True)
class WindowFeatures:
    desktop: DesktopFeatures
    work_protection: WorkProtection
    problems: ProblemsFeature
    formats: FormatsFeature
    audio: AudioFeature


def install_features(window: WindowApi) -> WindowFeatures:
    desktop = install_desktop(window)
    work_protection = WorkProtection(window)
    desktop.disk_fingerprint = work_protection.disk_fingerprint
    problems = install_problems(window)
    formats = install_formats(window)
    audio = install_audio(window)
    # Before a save: the Preferences' confirm-before-save, then errors, then the disk.
    window.add_save_guard(desktop.confirm_write)
    window.add_save_guard(problems.confirm_save)
    window.add_save_guard(work_protection.confirm_save)
    return WindowFeatures(desktop, work_protection, problems, formats, audio)

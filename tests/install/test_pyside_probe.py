"""The installed PySide6 must not have the None-refcount bug of 6.12.0.

PySide6 6.12.0 (on Python 3.11) returns None from every void call without taking a reference:
100 ``setObjectName`` calls lower ``sys.getrefcount(None)`` by 100, and CPython aborts with
"none_dealloc" after a while. pyproject.toml excludes that release (``!=6.12.0``); this probe
fails loudly if some install still brought a PySide6 that has the bug.
"""

from __future__ import annotations

import sys

import pytest

CALLS = 100


def test_installed_pyside6_keeps_its_references_to_none() -> None:
    if sys.version_info >= (3, 12):
        pytest.skip("None is immortal from Python 3.12 on: its reference count does not move")
    import PySide6
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    assert lost < CALLS // 2, (
        f"PySide6 {PySide6.__version__} drops a reference to None on every void call "
        f"({lost} lost in {CALLS} calls): the editor would abort with 'none_dealloc'. "
        "pyproject.toml excludes PySide6 6.12.0; reinstall with: pip install -e '.[test]'"
    )

"""A guard against PySide6 6.12.0's None-refcount bug, applied only where the probe finds it.

PySide6 6.12.0 (on Python 3.11) returns ``None``, ``True`` and ``False`` to Python without
taking a reference to them: every call of a void method (``setObjectName``, ``QModelIndex.data``
returning nothing, ``QMimeData.setData``...) drops one reference to ``None``, and every
``Signal.emit`` one to ``True``. After a few hundred or thousand calls CPython aborts with
"none_dealloc" / "bool_dealloc: deallocating None/True".

pyproject.toml excludes that release (``PySide6>=6.6,!=6.12.0``) and
``tests/install/test_pyside_probe.py`` fails on an environment that has it. This guard stays for the
environments that got 6.12.0 anyway (a virtual environment made before the exclusion, an
install with ``--no-deps``): without it the editor would crash and lose unsaved work. It does
nothing unless the probe below sees a void call lose a reference. Those three objects are
static singletons that are never freed, so giving each a huge reference count makes them
immortal, which is what CPython 3.12 does for them anyway.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject

_IMMORTAL_REFERENCES = 1 << 40


def _calls_lose_references() -> bool:
    probe = QObject()
    before = sys.getrefcount(None)
    probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def _make_immortal(obj: object) -> None:
    # ob_refcnt is the first field of every CPython object.
    refcount = ctypes.c_ssize_t.from_address(id(obj))
    refcount.value += _IMMORTAL_REFERENCES


def install() -> None:
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return  # None, True and False are immortal there already
    if sys.getrefcount(None) > _IMMORTAL_REFERENCES:
        return  # done already
    if not _calls_lose_references():
        return
    for singleton in (None, True, False):
        _make_immortal(singleton)


install()

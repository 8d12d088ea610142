"""Work-arounds for bugs in the installed PySide6, applied once when ``editor.qt`` is imported.

The installed PySide6 (6.12) returns ``None``, ``True`` and ``False`` to Python without taking
a reference to them: every call of a void method (``setObjectName``, ``QModelIndex.data``
returning nothing, ``QMimeData.setData``...) drops one reference to ``None``, and every
``Signal.emit`` one to ``True``. After a few hundred or thousand calls CPython aborts with
"none_dealloc" / "bool_dealloc: deallocating None/True". Those three objects are static
singletons that are never freed, so giving each a huge reference count makes them immortal,
which is what CPython 3.12 does for them anyway. The bug is probed, not assumed by version.
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

"""Work-arounds for bugs in the installed PySide6, applied once when ``editor.qt`` is imported.

PySide6 6.12's ``SignalInstance.emit`` returns ``True`` without taking a reference to it, so
every ``.emit()`` from Python drops one reference to ``True``; after a few hundred emits the
interpreter aborts with "bool_dealloc: deallocating True or False". The fix is probed, not
assumed by version: one test emit, and the patch is applied only if it lost a reference.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_py_incref = ctypes.pythonapi.Py_IncRef
_py_incref.argtypes = [ctypes.py_object]
_py_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def _emit_loses_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.ping.emit()
    lost = sys.getrefcount(True) < before
    if lost:
        _py_incref(True)  # give back the reference the probe itself took
    return lost


def install() -> None:
    if getattr(SignalInstance.emit, "_episode_editor_fixed", False):
        return
    if not _emit_loses_a_reference():
        return
    original = SignalInstance.emit

    def emit(self: SignalInstance, *args: Any) -> Any:
        result = original(self, *args)
        if result is True or result is False:
            _py_incref(result)
        return result

    emit._episode_editor_fixed = True  # type: ignore[attr-defined]
    SignalInstance.emit = emit  # type: ignore[method-assign]


install()

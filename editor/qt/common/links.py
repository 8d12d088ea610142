"""Open a link from a document in the browser, but only if it is a web link."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from editor.core.episode.links import is_safe_url


def open_link(url: str) -> bool:
    """Open ``url`` with the desktop's browser if it is ``http(s)``; False when refused."""
    if not is_safe_url(url):
        return False
    qurl = QUrl(url.strip(), QUrl.ParsingMode.StrictMode)
    if not qurl.isValid() or qurl.scheme().lower() not in ("http", "https"):
        return False
    return bool(QDesktopServices.openUrl(qurl))

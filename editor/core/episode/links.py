"""Which links from a document may be opened: only web pages, never local files or programs."""

from __future__ import annotations

from urllib.parse import urlsplit

SAFE_SCHEMES = frozenset({"http", "https"})


def is_safe_url(url: object) -> bool:
    """True only for ``http://`` / ``https://`` URLs with a host.

    Anything else a document might contain (``file:``, ``javascript:``, ``smb:``, custom
    schemes that launch programs, text with control characters) is refused, so opening a
    link from a document can never run or read anything on this machine.
    """
    if not isinstance(url, str):
        return False
    text = url.strip()
    if not text or len(text) > 8192:
        return False
    if any(ord(ch) < 0x21 or ch == "\x7f" or ch == "\\" for ch in text):
        return False
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return False
    return parts.scheme.lower() in SAFE_SCHEMES and bool(host)

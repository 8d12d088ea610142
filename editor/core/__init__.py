"""The pure-Python core of episode-editor. Nothing here may import Qt."""

from editor.core.document import Document
from editor.core.errors import DocumentError

__all__ = ["Document", "DocumentError"]

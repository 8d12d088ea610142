"""The pure-Python core of episode-editor. Nothing here may import Qt."""

from editor.core.yaml.document import Document
from editor.core.yaml.errors import DocumentError

__all__ = ["Document", "DocumentError"]

"""episode-editor: edit the YAML front matter of podcast episodes without rewriting the file."""

__version__ = "0.1.0"

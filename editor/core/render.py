"""Minimal-diff rendering of the front matter (placeholder: full dump when changed)."""

from __future__ import annotations

import io
from typing import Any

from editor.core.loader import make_yaml
from editor.core.sourcemap import SourceMap


def render_front_matter(data: Any, source_map: SourceMap | None, original: str) -> str:
    yaml = make_yaml()
    out = io.StringIO()
    yaml.dump(data, out)
    text = out.getvalue()
    if source_map is not None:
        from editor.core.loader import compose_and_construct

        if compose_and_construct(original).data == data:
            return original
    return text

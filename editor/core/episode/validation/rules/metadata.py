"""Metadata rules: description length, topics, the file name."""

from __future__ import annotations

from editor.core.episode.validation.context import Context
from editor.core.episode.validation.problem import WARNING, Fix, remove_item

# Search engines cut descriptions at about 160 characters; 16 corpus episodes use exactly 160.
DESCRIPTION_MAX = 160


def check(ctx: Context) -> None:
    _check_description(ctx)
    _check_topics(ctx)
    _check_file_name(ctx)


def _check_description(ctx: Context) -> None:
    description = ctx.data.get("description")
    if not isinstance(description, str):
        return
    length = len(description.strip())
    if length <= DESCRIPTION_MAX:
        return
    ctx.report(
        "description.too-long",
        WARNING,
        f"The description has {length} characters; search engines show about "
        f"{DESCRIPTION_MAX}. Shorten it by {length - DESCRIPTION_MAX}.",
        ("description",),
    )


def topic_key(topic: str) -> str:
    """Topics equal up to case and a plural ending share a key."""
    words = topic.casefold().split()
    if not words:
        return ""
    last = words[-1]
    if len(last) > 4 and last.endswith("ies"):
        last = last[:-3] + "y"
    elif len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return " ".join([*words[:-1], last])


def _check_topics(ctx: Context) -> None:
    seen: dict[str, tuple[int, str]] = {}
    for index, topic in enumerate(ctx.list_at("topics")):
        if not isinstance(topic, str):
            continue
        key = topic_key(topic)
        if not key:
            continue
        if key not in seen:
            seen[key] = (index, topic)
            continue
        first_index, first = seen[key]
        how = "repeats" if first == topic else "differs only in case or plural from"
        path = ("topics", index)
        ctx.report(
            "topics.duplicate",
            WARNING,
            f"The topic '{topic}' {how} '{first}' (topic {first_index + 1}): keep one.",
            path,
            Fix(f"Delete the topic '{topic}'", (remove_item(path),)),
        )


def _check_file_name(ctx: Context) -> None:
    path = ctx.doc.path
    if path is None:
        return
    name = path.name
    if name.lower().endswith(".md.md"):
        ctx.report(
            "file.double-extension",
            WARNING,
            f"The file name '{name}' ends in .md.md, so the page URL ends in '.md': "
            "rename the file to end in a single .md.",
            (),
        )

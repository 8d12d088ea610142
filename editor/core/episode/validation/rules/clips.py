"""Clip rules: order, overlaps, the episode's end, URLs, and the section each clip names."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from editor.core.episode.timecode import format_hms
from editor.core.episode.validation.context import YOUTUBE_ID_RE, Context, is_seconds
from editor.core.episode.validation.problem import ERROR, WARNING, Fix, describe_value
from editor.core.yaml.edits import SetValue

# Clip ends run up to 33 s past the transcript's last line in the corpus (the last line lasts
# a while); a minute past the end of the episode the clip cannot be played.
AFTER_END_TOLERANCE = 60
# In the corpus a clip starts within a few seconds of the section it names, or up to 35 s
# before its first timed line when the line above is long; further than this it is misplaced.
SECTION_TOLERANCE = 60


def check(ctx: Context) -> None:
    clips = ctx.list_at("quotableClips")
    if not clips:
        return
    video_id = ctx.youtube_id() or _video_id_from_link(ctx)
    end = _episode_end(ctx)
    sections = _section_starts(ctx)
    previous: tuple[int, int, int] | None = None  # index, start, end
    for index, clip in enumerate(clips):
        if not isinstance(clip, dict):
            continue
        path = ("quotableClips", index)
        start, stop = clip.get("startOffset"), clip.get("endOffset")
        if not (is_seconds(start) and is_seconds(stop)):
            continue  # the schema reports it
        assert isinstance(start, int) and isinstance(stop, int)
        if start >= stop:
            ctx.report(
                "clips.start-after-end",
                ERROR,
                f"This clip starts at {format_hms(start)} but ends at {format_hms(stop)}: "
                "its end must come after its start.",
                (*path, "endOffset"),
            )
        if previous is not None and start < previous[2]:
            other, other_start, other_end = previous
            ctx.report(
                "clips.overlap",
                ERROR,
                f"This clip starts at {format_hms(start)}, before clip {other + 1} "
                f"({format_hms(other_start)}–{format_hms(other_end)}) ends: clips follow "
                "each other without overlapping; fix the times or delete the copy.",
                (*path, "startOffset"),
            )
        if end is not None and stop > end + AFTER_END_TOLERANCE:
            ctx.report(
                "clips.after-end",
                ERROR,
                f"This clip ends at {format_hms(stop)}, after the episode ends "
                f"({format_hms(end)}): shorten it or fix the duration.",
                (*path, "endOffset"),
            )
        _check_url(ctx, clip, index, start, video_id)
        _check_section(ctx, clip, index, start, sections)
        if previous is None or stop >= previous[2]:
            previous = (index, start, stop)


def _episode_end(ctx: Context) -> int | None:
    """The duration, or the transcript's last line when the recording runs past it."""
    duration = ctx.duration_seconds()
    if duration is None:
        return None
    last = ctx.last_transcript_second()
    return max(duration, last) if last is not None else duration


def _video_id_from_link(ctx: Context) -> str | None:
    link = ctx.mapping_at("links").get("youtube")
    if not isinstance(link, str):
        return None
    video = youtube_video_id(link)
    return video if video and YOUTUBE_ID_RE.match(video) else None


def youtube_video_id(url: str) -> str | None:
    parts = urlsplit(url.strip())
    if parts.netloc.endswith("youtu.be"):
        return parts.path.strip("/") or None
    values = parse_qs(parts.query, keep_blank_values=True).get("v")
    return values[0] if values else None


def clip_url(video_id: str, start: int, like: str = "") -> str:
    """The clip URL in the corpus style, keeping the host the file already uses."""
    host = "youtube.com" if like.startswith("https://youtube.com/") else "www.youtube.com"
    return f"https://{host}/watch?v={video_id}&t={start}"


def _check_url(
    ctx: Context, clip: dict[str, Any], index: int, start: int, video_id: str | None
) -> None:
    url = clip.get("url")
    if not isinstance(url, str):
        return
    path = ("quotableClips", index, "url")
    parts = urlsplit(url.strip())
    query = parse_qs(parts.query, keep_blank_values=True)
    fix = None
    if video_id is not None:
        rebuilt = clip_url(video_id, start, url)
        fix = Fix(f"Rebuild the URL: {rebuilt}", (SetValue(path, rebuilt),))
    if "youtube.com" not in parts.netloc and "youtu.be" not in parts.netloc:
        return  # the schema reports a URL that is not YouTube
    clip_video = youtube_video_id(url)
    if video_id is not None and clip_video != video_id:
        ctx.report(
            "clips.url-video",
            ERROR,
            f"This clip links to video {describe_value(clip_video or '')}, but the episode's "
            f"video is '{video_id}': rebuild the URL.",
            path,
            fix,
        )
        return
    times = query.get("t", [])
    expected = str(start)
    if times != [expected] and [t.rstrip("s") for t in times] != [expected]:
        if not times:
            found = "it has no t="
        elif len(times) == 1:
            found = f"it is {describe_value(times[0])}"
        else:
            found = f"it has {len(times)}: " + ", ".join(describe_value(t) for t in times)
        ctx.report(
            "clips.url-start",
            ERROR,
            f"The URL's t= should be the clip's start {start} ({found}): rebuild the URL.",
            path,
            fix,
        )


def _section_starts(ctx: Context) -> dict[str, list[int]]:
    """Header text -> the sec of the first timed line after each header with that text."""
    starts: dict[str, list[int]] = {}
    pending: list[str] = []
    for item in ctx.plain_items("transcript"):
        if item is None:
            continue
        header = item.get("header")
        if isinstance(header, str):
            pending.append(_name_key(header))
            continue
        sec = item.get("sec")
        if pending and isinstance(sec, int) and not isinstance(sec, bool):
            for key in pending:
                starts.setdefault(key, []).append(sec)
            pending = []
    return starts


def _name_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _check_section(
    ctx: Context, clip: dict[str, Any], index: int, start: int, sections: dict[str, list[int]]
) -> None:
    name = clip.get("name")
    if not isinstance(name, str) or (index == 0 and start == 0):
        return  # the opening clip starts at 0, before the first words
    starts = sections.get(_name_key(name))
    if not starts:
        return
    nearest = min(starts, key=lambda sec: abs(sec - start))
    if abs(nearest - start) <= SECTION_TOLERANCE:
        return
    ctx.report(
        "clips.far-from-section",
        WARNING,
        f"This clip starts at {format_hms(start)}, but its section "
        f"{describe_value(name, 50)} starts at {format_hms(nearest)} in the transcript: "
        "fix the clip's start, or the section's header placement or times.",
        ("quotableClips", index, "startOffset"),
    )

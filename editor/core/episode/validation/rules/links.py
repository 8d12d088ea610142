"""ids and links that must agree with each other."""

from __future__ import annotations

from dataclasses import replace

from editor.core.episode.validation.context import YOUTUBE_ID_RE, Context
from editor.core.episode.validation.problem import ERROR, Fix
from editor.core.episode.validation.rules.clips import youtube_video_id
from editor.core.yaml.edits import SetValue

TODO = "TODO"


def check(ctx: Context) -> None:
    ids = ctx.mapping_at("ids")
    links = ctx.mapping_at("links")
    _check_youtube(ctx, ids.get("youtube"), links.get("youtube"))
    _check_anchor(ctx, ids.get("anchor"), links.get("anchor"))
    _offer_youtube_fixes(ctx, ids.get("youtube"), links.get("youtube"))


def _offer_youtube_fixes(ctx: Context, video_id: object, link: object) -> None:
    """Attach certain fixes to the schema's findings when the other half of the pair is sound.

    ``NfAJAr7FvyY&t`` next to ``watch?v=NfAJAr7FvyY&t``: the 11-character id is not in doubt.
    """
    linked = youtube_video_id(link) if isinstance(link, str) else None
    if not linked or not YOUTUBE_ID_RE.match(linked):
        return
    for position, problem in enumerate(ctx.problems):
        if problem.fix is not None:
            continue
        if problem.rule == "ids.youtube-malformed":
            if isinstance(video_id, str) and video_id.startswith(linked):
                fix = Fix(
                    f"Set ids.youtube to '{linked}' (from the link)",
                    (SetValue(("ids", "youtube"), linked),),
                )
                ctx.problems[position] = replace(problem, fix=fix)
        elif problem.rule == "links.malformed" and problem.path == ("links", "youtube"):
            url = f"https://www.youtube.com/watch?v={linked}"
            fix = Fix(f"Set the link to {url}", (SetValue(("links", "youtube"), url),))
            ctx.problems[position] = replace(problem, fix=fix)


def _check_youtube(ctx: Context, video_id: object, link: object) -> None:
    if not isinstance(video_id, str) or not isinstance(link, str) or link.strip() == TODO:
        return
    if not YOUTUBE_ID_RE.match(video_id):
        return  # the schema reports a malformed id
    linked = youtube_video_id(link)
    if linked is None or linked == video_id:
        return
    ctx.report(
        "ids.youtube-mismatch",
        ERROR,
        f"ids.youtube is '{video_id}' but links.youtube points to video '{linked}': "
        "make them the same video.",
        ("ids", "youtube"),
    )


def _check_anchor(ctx: Context, anchor_id: object, link: object) -> None:
    if not isinstance(anchor_id, str) or not isinstance(link, str):
        return
    anchor_id, link = anchor_id.strip(), link.strip()
    if not anchor_id or anchor_id == TODO or link == TODO:
        return
    if link.rstrip("/").endswith("/" + anchor_id.strip("/")):
        return
    ctx.report(
        "ids.anchor-mismatch",
        ERROR,
        f"ids.anchor '{anchor_id}' is not the end of links.anchor: copy the part of the "
        "link after the show name (or after /episodes/).",
        ("ids", "anchor"),
    )

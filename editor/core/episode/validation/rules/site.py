"""Rules that look at the site around the file: people pages and images."""

from __future__ import annotations

from editor.core.episode.validation.context import Context
from editor.core.episode.validation.problem import ERROR, WARNING
from editor.core.episode.validation.site_files import image_state, people_pages


def check(ctx: Context) -> None:
    if ctx.site_root is None:
        return
    _check_guests(ctx)
    _check_image(ctx)


def _check_guests(ctx: Context) -> None:
    guests = ctx.list_at("guests")
    if not guests:
        return
    known = people_pages(ctx.site_root) if ctx.site_root else {}
    if not known:
        return  # no _people folder: nothing to compare with
    for index, guest in enumerate(guests):
        if not isinstance(guest, str):
            continue
        if guest in known:
            pages = known[guest]
            if len(pages) > 1:
                names = ", ".join(f"_people/{page.name}" for page in pages)
                ctx.report(
                    "guests.shared-people-id",
                    ERROR,
                    f"{len(pages)} people pages have short: {guest} ({names}), so the site "
                    "cannot tell who this guest is. Give each person their own id, or delete "
                    "the extra page.",
                    ("guests", index),
                )
            continue
        ctx.report(
            "guests.no-people-page",
            ERROR,
            f"No people page has short: {guest}. Fix the id, or add a page "
            f"_people/{guest}.md with short: {guest}.",
            ("guests", index),
        )


def _check_image(ctx: Context) -> None:
    image = ctx.data.get("image")
    if not isinstance(image, str) or not image.strip() or ctx.site_root is None:
        return
    if image_state(ctx.site_root, image) != "missing":
        return
    ctx.report(
        "image.missing",
        WARNING,
        f"The image file {image.strip()} is not in the site: add it or fix the path.",
        ("image",),
    )

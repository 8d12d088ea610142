"""Transcript rules: item shape, speakers, timing and duplicates (one pass over the items)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from editor.core.episode.timecode import format_iso_duration, format_time
from editor.core.episode.validation.context import Context, is_seconds
from editor.core.episode.validation.problem import ERROR, WARNING, Fix, describe_value, remove_item
from editor.core.yaml.edits import MISSING, SetValue

# Lines overlap when people talk over each other: the corpus has `sec` going back by 1-4 s
# in valid episodes. Anything more is a wrong timestamp; by more than a minute it is an error.
BACKWARDS_TOLERANCE = 5
BACKWARDS_ERROR = 60
# The transcript runs up to 230 s past `duration` in the corpus (the recording is longer
# than the published cut); five minutes past it a line is misplaced.
AFTER_END_TOLERANCE = 300
# Speaker names in the corpus are at most 11 characters; a `who` this long is pasted text.
SPEAKER_MAX = 40
# A name used this rarely next to a frequent name it extends is a typo ("Ruslanan").
TYPO_MAX_COUNT = 3
TYPO_MIN_OTHER = 10

Items = list[dict[str, Any] | None]
_CLOCK_RE = re.compile(r"^\s*(?:(\d+):)?(\d+):(\d{1,2})(?:\.\d+)?\s*$")


def clock_seconds(text: str) -> int | None:
    """Seconds in ``m:ss`` / ``h:mm:ss`` text, or None if it is not a clock time.

    The same language as ``timecode.is_clock_time`` + ``parse_time``, in one regex match
    (this runs for every line of every transcript after every edit).
    """
    match = _CLOCK_RE.match(text)
    if match is None:
        return None
    hours, minutes, seconds = match.groups()
    if int(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
        return None
    return (int(hours) * 3600 if hours else 0) + int(minutes) * 60 + int(seconds)


def check(ctx: Context) -> None:
    items = ctx.plain_items("transcript")
    if not items:
        return
    duration = ctx.duration_seconds()
    speakers: Counter[str] = Counter()
    speaker_items: dict[str, list[int]] = {}
    previous_line: int | None = None
    previous_sec: int | None = None
    previous_sec_index = -1
    headers_seen: dict[str, int] = {}
    duplicates_reported: set[int] = set()
    previous_text: str | None = None
    after_end: list[tuple[int, int]] = []  # (item index, sec) of lines past the end

    for index, item in enumerate(items):
        if item is None:
            continue  # the schema reports it
        path = ("transcript", index)
        if "header" in item:
            _check_header(ctx, item, index, headers_seen)
            continue
        if "line" not in item:
            ctx.report(
                "transcript.no-text",
                ERROR,
                "This transcript item has neither 'header' nor 'line': "
                "add the spoken text as 'line' or delete the item.",
                path,
            )
            continue

        # -- duplicates -----------------------------------------------------------------
        text = _text_key(item.get("line"))
        if previous_line is not None and text and text == previous_text:
            _check_duplicate(ctx, items, previous_line, index, duplicates_reported)
        previous_text = text
        previous_line_index = previous_line
        previous_line = index

        # -- speaker ----------------------------------------------------------------------
        who = item.get("who")
        if who is None or (isinstance(who, str) and not who.strip()):
            # A who-less copy of the next line is reported (and deleted) as a duplicate.
            if not _is_pasted_copy(items, index):
                _report_missing_speaker(ctx, items, index, previous_line_index)
        elif isinstance(who, str):
            if len(who) > SPEAKER_MAX or "\n" in who:
                ctx.report(
                    "transcript.speaker-not-a-name",
                    ERROR,
                    f"The speaker is {describe_value(who, 40)}, which is transcript text, not a "
                    "name: move the text into 'line' (or the previous line) and put the "
                    "speaker's name in 'who'.",
                    (*path, "who"),
                )
            elif who.endswith(":") or who != who.strip():
                clean = who.strip().rstrip(":").strip()
                ctx.report(
                    "transcript.speaker-punctuation",
                    WARNING,
                    f"The speaker {describe_value(who)} has stray punctuation or spaces; "
                    f"the site adds its own colon. Write '{clean}'.",
                    (*path, "who"),
                    Fix(f"Set the speaker to '{clean}'", (SetValue((*path, "who"), clean),)),
                )
            else:
                speakers[who] += 1
                speaker_items.setdefault(who, []).append(index)

        # -- timing -----------------------------------------------------------------------
        sec = item.get("sec")
        has_sec = "sec" in item
        sec_ok = is_seconds(sec)
        if "time" in item:
            _check_time(ctx, item, index, sec if sec_ok else None, has_sec)
        elif has_sec and sec_ok:
            assert isinstance(sec, int)
            text = format_time(sec)
            ctx.report(
                "transcript.missing-time",
                ERROR,
                f"This line has sec {sec} but no time: add time '{text}'.",
                (*path, "time"),
                Fix(f"Set time to '{text}' (from sec)", (SetValue((*path, "time"), text),)),
            )
        if sec_ok:
            assert isinstance(sec, int)
            if previous_sec is not None and sec < previous_sec - BACKWARDS_TOLERANCE:
                _report_backwards(ctx, index, sec, previous_sec, previous_sec_index)
            if duration is not None and sec > duration + AFTER_END_TOLERANCE:
                after_end.append((index, sec))
            previous_sec = sec
            previous_sec_index = index

    if duration is not None and after_end:
        _report_after_end(ctx, duration, after_end)
    _check_speaker_typos(ctx, items, speakers, speaker_items)


def _report_after_end(ctx: Context, duration: int, after_end: list[tuple[int, int]]) -> None:
    """One problem for all the lines past the end: a wrong ``duration`` is one mistake."""
    first_index, first_sec = after_end[0]
    last_index, last_sec = after_end[-1]
    first_line = ctx.doc.locate(("transcript", first_index))[0]
    beyond = f"more than {AFTER_END_TOLERANCE // 60} minutes after the episode ends"
    ends = f"(duration {format_time(duration)})"
    if len(after_end) == 1:
        message = (
            f"This line starts at {format_time(first_sec)}, {beyond} {ends}: "
            "check sec/time or the duration."
        )
    else:
        last_line = ctx.doc.locate(("transcript", last_index))[0]
        message = (
            f"{len(after_end)} lines start {beyond} {ends}, from line {first_line} "
            f"({format_time(first_sec)}) to line {last_line} ({format_time(last_sec)}): "
            "the duration is probably wrong, or these times are."
        )
    last = ctx.last_transcript_second() or last_sec
    new_duration = format_iso_duration(last)
    ctx.report(
        "transcript.after-end",
        WARNING,
        message,
        ("transcript", first_index, "sec"),
        Fix(
            f"Set duration to {new_duration} (the last line's time, {format_time(last)})",
            (SetValue(("duration",), new_duration),),
        ),
    )


def _check_header(
    ctx: Context, item: dict[str, Any], index: int, headers_seen: dict[str, int]
) -> None:
    path = ("transcript", index)
    extras = [key for key in item if key != "header"]
    if extras:
        names = ", ".join(f"'{key}'" for key in extras)
        fix = None
        if "line" not in extras:
            fix = Fix(
                f"Remove {names} from the header",
                tuple(SetValue((*path, key), MISSING) for key in extras),
            )
        ctx.report(
            "transcript.header-with-fields",
            ERROR,
            f"A header stands alone, but this one also has {names}: remove "
            + ("them" if len(extras) > 1 else "it")
            + " or make a separate line item.",
            path,
            fix,
        )
    header = item.get("header")
    if not isinstance(header, str):
        return
    key = " ".join(header.split()).casefold()
    if not key:
        return
    if key in headers_seen:
        first = headers_seen[key]
        ctx.report(
            "transcript.duplicate-header",
            ERROR,
            f"The header {describe_value(header)} already appears at item {first + 1}: "
            "delete this copy (or rename it if it starts a different section).",
            path,
            Fix("Delete this duplicate header", (remove_item(path),)),
        )
    else:
        headers_seen[key] = index


def _text_key(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    if "  " in value or "\n" in value or value != value.strip():
        return " ".join(value.split())
    return value


def _same_text_and_speaker(earlier: dict[str, Any], later: dict[str, Any]) -> bool:
    text = _text_key(later.get("line"))
    if not text or text != _text_key(earlier.get("line")):
        return False
    who_a, who_b = earlier.get("who"), later.get("who")
    # "Bye." / "Bye." from two people is a real exchange.
    return not (who_a and who_b and who_a != who_b)


def _item(items: Items, index: int) -> dict[str, Any]:
    return items[index] or {}


def _is_pasted_copy(items: Items, index: int) -> bool:
    """True if the next line (past any headers) repeats this line's text."""
    for position in range(index + 1, len(items)):
        following = items[position]
        if not isinstance(following, dict):
            return False
        if "line" in following:
            return _same_text_and_speaker(_item(items, index), following)
        if "header" not in following:
            return False
    return False


def _check_duplicate(
    ctx: Context, items: Items, first: int, second: int, reported: set[int]
) -> None:
    """Reports a line that repeats the previous line's text (on the copy to delete)."""
    earlier, later = _item(items, first), _item(items, second)
    if not _same_text_and_speaker(earlier, later):
        return
    # Delete the copy that carries less: the pasted one usually lacks who/sec.
    earlier_weight = sum(key in earlier for key in ("who", "sec", "time"))
    later_weight = sum(key in later for key in ("who", "sec", "time"))
    target = first if earlier_weight < later_weight else second
    if target in reported:
        return
    reported.add(target)
    other = second if target == first else first
    lacking = [key for key in ("who", "sec") if key not in _item(items, target)]
    detail = f" (this copy has no {' or '.join(lacking)})" if lacking else ""
    ctx.report(
        "transcript.duplicate-line",
        ERROR,
        f"This line repeats the text of item {other + 1}{detail}: delete the extra copy.",
        ("transcript", target),
        Fix("Delete the repeated line", (remove_item(("transcript", target)),)),
    )


def _report_missing_speaker(
    ctx: Context, items: Items, index: int, previous_line: int | None
) -> None:
    path = ("transcript", index)
    fix = None
    hint = "add who (the speaker's name)"
    # Only a line directly above offers its speaker: after a header the next speaker is
    # usually someone else (the host's next question).
    if previous_line is not None and previous_line == index - 1:
        previous_who = _item(items, previous_line).get("who")
        if isinstance(previous_who, str) and 0 < len(previous_who) <= SPEAKER_MAX:
            fix = Fix(
                f"Set the speaker to '{previous_who}' (from the previous line)",
                (SetValue((*path, "who"), previous_who),),
            )
            hint += f"; the previous line is {previous_who}'s"
    ctx.report(
        "transcript.missing-speaker",
        ERROR,
        f"This line has no speaker: {hint}.",
        (*path, "who"),  # where the speaker goes; located at the item's first line
        fix,
    )


def _check_time(
    ctx: Context, item: dict[str, Any], index: int, sec: int | None, has_sec: bool
) -> None:
    path = ("transcript", index)
    time = item.get("time")
    if not isinstance(time, str):
        return  # the schema reports the type
    seconds = clock_seconds(time)
    if seconds is None:
        fix = None
        squeezed = "".join(time.split())
        if sec is not None and squeezed == format_time(sec):
            fix = Fix(
                f"Set time to '{squeezed}' (from sec)",
                (SetValue((*path, "time"), squeezed),),
            )
        ctx.report(
            "transcript.time-invalid",
            ERROR,
            f"The time {describe_value(time)} is not a time: write m:ss or h:mm:ss with "
            "seconds and minutes below 60"
            + (f" (sec {sec} is {format_time(sec)})." if sec is not None else "."),
            (*path, "time"),
            fix,
        )
        return
    if not has_sec:
        ctx.report(
            "transcript.missing-sec",
            ERROR,
            f"This line has time '{time}' but no sec: add sec {seconds}.",
            (*path, "sec"),
            Fix(f"Set sec to {seconds} (from time)", (SetValue((*path, "sec"), seconds),)),
        )
    elif sec is not None and seconds != sec:
        ctx.report(
            "transcript.time-mismatch",
            ERROR,
            f"time '{time}' is {seconds} s but sec is {sec} ({format_time(sec)}): make them agree.",
            (*path, "sec"),
            Fix(f"Set sec to {seconds} (from time)", (SetValue((*path, "sec"), seconds),)),
        )


def _report_backwards(
    ctx: Context, index: int, sec: int, previous_sec: int, previous_index: int
) -> None:
    back = previous_sec - sec
    severe = back > BACKWARDS_ERROR
    ctx.report(
        "transcript.sec-backwards" if severe else "transcript.sec-out-of-order",
        ERROR if severe else WARNING,
        f"This line starts at {format_time(sec)}, {_span(back)} before the line above it "
        f"(item {previous_index + 1}, {format_time(previous_sec)}): fix its time or move it.",
        ("transcript", index, "sec"),
    )


def _span(seconds: int) -> str:
    if seconds < 120:
        return f"{seconds} s"
    return f"{seconds // 60} min {seconds % 60} s"


def _check_speaker_typos(
    ctx: Context,
    items: Items,
    speakers: Counter[str],
    speaker_items: dict[str, list[int]],
) -> None:
    frequent = [name for name, count in speakers.items() if count >= TYPO_MIN_OTHER]
    if not frequent:
        return
    for name, count in speakers.items():
        if count > TYPO_MAX_COUNT:
            continue
        intended = _typo_of(name, frequent)
        if intended is None:
            continue
        for index in speaker_items[name]:
            path = ("transcript", index, "who")
            ctx.report(
                "transcript.speaker-typo",
                WARNING,
                f"The speaker '{name}' appears {count} time{'s' if count > 1 else ''}; "
                f"did you mean '{intended}'?",
                path,
                Fix(f"Set the speaker to '{intended}'", (SetValue(path, intended),)),
            )


def _typo_of(name: str, frequent: list[str]) -> str | None:
    """``Ruslan`` for ``Ruslanan``: a frequent name followed by the end of a frequent name."""
    for candidate in frequent:
        if candidate == name or not name.startswith(candidate):
            continue
        tail = name[len(candidate) :]
        if any(other.endswith(tail) for other in frequent):
            return candidate
    return None

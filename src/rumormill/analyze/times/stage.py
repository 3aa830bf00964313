"""The pipeline stage: `find_times` fills `ctx.times`; `time_at` finds the time at a range.

>>> import rumormill
>>> analysis = rumormill.analyze("They split last week.", published="2020-07-31")
>>> [(t.id, t.span.text, t.value, t.anchor) for t in analysis.times]
[('t1', 'last week', '2020-W30', '2020-07-31')]
"""

from __future__ import annotations

from ...model import TimeRef
from ..context import Context
from .extraction import extract


def find_times(ctx: Context) -> None:
    """Fill `ctx.times`, resolved against `ctx.published` (relative values are None without it).

    "since November 2018" -> TimeRef(span "November 2018", value "2018-11", mod "interval_start").
    """
    for found in extract(ctx.doc, ctx.published):
        ctx.times.append(
            TimeRef(
                id=ctx.new_id("t"),
                span=ctx.span(found.start, found.end),
                value=found.value,
                kind=found.kind,
                mod=found.mod,
                anchor=found.anchor,
            )
        )


def time_at(ctx: Context, start: int, end: int) -> TimeRef | None:
    """The TimeRef of `ctx.times` that overlaps characters `start:end` most, or None.

    For the quotes stage: the date of "he tweeted on July 20" is `time_at(ctx, *cue_range)`.
    """
    best, best_overlap = None, 0
    for time in ctx.times:
        overlap = min(end, time.span.end) - max(start, time.span.start)
        if overlap > best_overlap:
            best, best_overlap = time, overlap
    return best

"""Quote re-anchoring: relative times inside a dated quote are read against the quote's date.

"... my daughter's life yesterday," he tweeted on July 20 -> "yesterday" = July 19, not
the day before publication.
"""

from __future__ import annotations

from datetime import date

from ..context import Context
from .calendar import _FULL_DATE
from .extraction import TimeFound, extract


def anchor_quoted_times(ctx: Context) -> None:
    """Re-resolve relative times inside a dated quote against the quote's own date.

    "... my daughter's life yesterday," he tweeted on July 20 -> "yesterday" = July 19.
    The TimeRef keeps its id; its value and anchor change in place in `ctx.times`.
    """
    rereads: dict[date, dict[tuple[int, int], TimeFound]] = {}
    for quote in ctx.quotes:
        stamp = quote.date
        if stamp is None or not stamp.value or not _FULL_DATE.fullmatch(stamp.value):
            continue
        said_on = date.fromisoformat(stamp.value)
        for i, time in enumerate(ctx.times):
            if (time.anchor is None and time.value is not None) or time.id == stamp.id:
                continue  # absolute ("2014"), or the quote's own date
            if not (quote.span.start <= time.span.start and time.span.end <= quote.span.end):
                continue
            if said_on not in rereads:
                rereads[said_on] = {(f.start, f.end): f for f in extract(ctx.doc, said_on)}
            found = rereads[said_on].get((time.span.start, time.span.end))
            if found is not None and found.anchor is not None:
                ctx.times[i] = time.model_copy(update={"value": found.value, "anchor": found.anchor})

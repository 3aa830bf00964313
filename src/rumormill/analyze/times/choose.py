"""Choosing among overlapping candidates, and joining clock times to their day.

>>> short = _Candidate(0, 4, 0, "year", _Reading("2020"))
>>> long = _Candidate(0, 9, 1, "month_year", _Reading("2020-07"))
>>> [c.rule for c in _choose([short, long])]  # the longest wins
['month_year']
"""

from __future__ import annotations

import re

from .calendar import _FULL_DATE
from .reading import _Candidate, _Reading, _with


def _choose(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first, then the earlier rule; a candidate overlapping a chosen one is dropped."""
    chosen: list[_Candidate] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.order, c.start)):
        if all(c.end <= k.start or k.end <= c.start for k in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


_CLOCK_THEN_DAY = re.compile(r"\s*,?\s*(?:on\s+)?$", re.I)
_DAY_THEN_CLOCK = re.compile(r"\s*,?\s*(?:at\s+)?(?:about\s+|around\s+)?$", re.I)


def _merge_clock_times(text: str, chosen: list[_Candidate]) -> list[_Candidate]:
    """ "9 a.m. Tuesday" is one time (TimeML); "Tuesday at 9 a.m." gives the clock its day."""
    out: list[_Candidate] = []
    for c in chosen:
        prev = out[-1] if out else None
        if prev is not None and prev.rule == "clock" and _is_day(c.reading):
            if _CLOCK_THEN_DAY.fullmatch(text[prev.end : c.start]):
                value = _with(
                    prev.reading, value=c.reading.value[:10] + prev.reading.value[10:], relative=c.reading.relative
                )
                out[-1] = _Candidate(prev.start, c.end, prev.order, "clock", value)
                continue
        if prev is not None and c.rule == "clock" and _is_day(prev.reading):
            if _DAY_THEN_CLOCK.fullmatch(text[prev.end : c.start]) and c.reading.value:
                value = prev.reading.value[:10] + c.reading.value[10:]
                c = _Candidate(
                    c.start, c.end, c.order, c.rule, _with(c.reading, value=value, relative=prev.reading.relative)
                )
        out.append(c)
    return out


def _is_day(reading: _Reading) -> bool:
    return reading.kind == "date" and bool(reading.value) and bool(_FULL_DATE.fullmatch(reading.value[:10]))

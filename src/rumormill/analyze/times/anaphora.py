"""Anaphoric times: "the following year", "a year earlier", "that day" point from the last date
mentioned, not from the publication date (TimeML's anchorTimeID, as TempEval-3 annotates them).

    >>> import rumormill
    >>> from datetime import date
    >>> from .extraction import extract
    >>> doc = rumormill.nlp()("Net rose in the third quarter. A year earlier it fell.")
    >>> [f.value for f in extract(doc, date(1989, 10, 26))]
    ['1989-Q3', '1988-Q3']

A reading is anaphoric by its form ("following", "previous", "the same", "that", "N units
earlier/later"); deictic forms ("next year", "last week", "yesterday", "two years ago") keep
the publication date. The reference is the nearest date before it in the same paragraph, or
in the previous sentence (a new paragraph often goes on from the last one's date); without
one, the reading keeps its value against the publication date.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc

from .calendar import _iso_week, _month_shift, _quarter_shift
from .reading import _Candidate, _with


@dataclass(frozen=True)
class _Anaphor:
    """A shift from the reference date: `count` units (TimeML letter Y, Q, M, W or D).

    `point`: "a year earlier" moves the reference itself and keeps its precision (1989-Q3 ->
    1988-Q3); otherwise the reading names the calendar unit around the shifted reference ("the
    following year" after March 3, 1995 -> 1996). `part`: a part of day ("the next morning").
    """

    count: int
    unit: str
    point: bool = False
    part: str | None = None


# A calendar value a later anaphor can count from: a year, quarter/half, month, week or day,
# optionally with a time of day (no X placeholders, no seasons: "a year earlier" than a
# season is rare and TimeML has no season arithmetic to copy).
_VALUE = re.compile(
    r"(?P<y>\d{4})(?:-(?:(?P<qh>[QH])(?P<n>[1-4])|W(?P<w>\d\d)|(?P<m>\d\d)(?:-(?P<d>\d\d))?))?(?P<t>T[\dA-Z:]+)?"
)
# Paragraphs: a blank line (TimeML and wire texts) ends one.
_PARAGRAPH = re.compile(r"\n\s*\n")


def _resolve(doc: Doc, chosen: list[_Candidate]) -> list[tuple[_Candidate, str | None]]:
    """Each candidate (in text order) with the reference value it was resolved against, if any."""
    text = doc.text
    sent_starts = [s.start_char for s in doc.sents]
    out: list[tuple[_Candidate, str | None]] = []
    last: _Candidate | None = None  # the last date mentioned
    last_period: _Candidate | None = None  # the same, leaving out days counted from today
    for c in chosen:
        anaphor = c.reading.anaphor
        reference = None
        ref = last if anaphor is not None and anaphor.unit in ("D", "W") else last_period
        if anaphor is not None and ref is not None and _in_reach(text, sent_starts, ref, c):
            value = _shift(ref.reading.value, anaphor)
            if value is not None:
                reference = ref.reading.value
                c = _Candidate(c.start, c.end, c.order, c.rule, _with(c.reading, value=value, relative=True))
        out.append((c, reference))
        if _is_reference(c):
            last = c
            # "said Friday ... up from a year earlier": a day counted from today dates the news,
            # while a longer anaphor looks back from the period reported on.
            if c.rule not in _TODAY_COUNTED:
                last_period = c
    return out


# Rules whose days are counted from today: "Friday", "yesterday", "this morning" (and a clock
# time joined to one of them).
_TODAY_COUNTED = frozenset({"weekday", "deictic", "daypart", "clock"})


def _is_reference(c: _Candidate) -> bool:
    """A calendar date that later anaphors may count from.

    Not a look back: "from $5 a year earlier" leaves the reference time where it was (the next
    comparison is again with the period under discussion), while narrative steps forward ("two
    days later", "the following year") move it.
    """
    if c.reading.kind not in ("date", "time") or not c.reading.value or not _VALUE.fullmatch(c.reading.value):
        return False
    return c.reading.anaphor is None or c.reading.anaphor.count >= 0


def _in_reach(text: str, sent_starts: list[int], ref: _Candidate, c: _Candidate) -> bool:
    """The reference lies in the same paragraph, or in the sentence just before."""
    if not _PARAGRAPH.search(text, ref.end, c.start):
        return True
    here = bisect.bisect_right(sent_starts, c.start) - 1
    there = bisect.bisect_right(sent_starts, ref.start) - 1
    return here - there <= 1


def _shift(value: str | None, a: _Anaphor) -> str | None:
    """`value` moved by the anaphor, or None when its precision cannot carry the shift.

    >>> _shift("1989-Q3", _Anaphor(-1, "Y", point=True)), _shift("1995-03-03", _Anaphor(1, "Y"))
    ('1988-Q3', '1996')
    """
    m = _VALUE.fullmatch(value or "")
    if m is None:
        return None
    year = int(m["y"])
    if a.unit == "Y":
        if not a.point:
            return str(year + a.count)
        return f"{year + a.count}{value[4:]}" if not (m["m"] == "02" and m["d"] == "29") else None
    if a.unit == "Q":
        if m["qh"] == "Q":
            y, q = _quarter_shift(year, int(m["n"]), a.count)
            return f"{y}-Q{q}"
        if m["m"]:
            y, q = _quarter_shift(year, (int(m["m"]) - 1) // 3 + 1, a.count)
            return f"{y}-Q{q}"
        return None
    if a.unit == "M":
        if not m["m"]:
            return None
        y, mo = _month_shift(year, int(m["m"]), a.count)
        if a.point and m["d"]:
            return _valid(y, mo, int(m["d"]))
        return f"{y}-{mo:02d}"
    day = date.fromisoformat(value[:10]) if m["d"] else None
    if a.unit == "W":
        if day is not None:
            moved = day + timedelta(days=7 * a.count)
            return moved.isoformat() if a.point else _iso_week(moved)
        if m["w"]:
            return _iso_week(date.fromisocalendar(year, int(m["w"]), 1) + timedelta(days=7 * a.count))
        return None
    if a.unit == "D" and day is not None:
        moved = (day + timedelta(days=a.count)).isoformat()
        return f"{moved}T{a.part}" if a.part else moved
    if a.unit == "D" and not a.point and not a.part and not (m["qh"] or m["w"]):
        # "last October ... that same day": a day of the month named, which TimeML writes
        # with its unknown digits as X (1998-10-XX)
        return f"{year}-{m['m']}-XX" if m["m"] else f"{year}-XX-XX"
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None

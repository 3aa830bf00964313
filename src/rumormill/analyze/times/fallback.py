"""The last resort (step 5): spaCy DATE/TIME entities no rule read, if they name a month or
weekday, read by dateparser against the anchor.

    >>> _dateparser_reading("Jan. 5th", date(2020, 7, 31))
    _Reading(value='2020-01-05', kind='date', mod=None, relative=True)
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from .calendar import _iso_week
from .lexicon import _capitalised, _table
from .reading import _Candidate, _Reading
from .rules import _rules

if TYPE_CHECKING:
    from .reader import _Reader


_LEADING_DROP = frozenset({"the", "a", "an", "this", "that", "in", "on", "at", "for", "since", "until", "by"})


@cache
def _calendar_names() -> frozenset[str]:
    """Month and weekday names as written: "July", "Jul.", "JULY", "Monday"."""
    names = set()
    for phrase in list(_table("month")) + list(_table("weekday")):
        names |= {_capitalised(phrase), phrase.upper(), _capitalised(phrase).rstrip("."), phrase.upper().rstrip(".")}
    return frozenset(names)


_PERIOD_GRANULARITY = {"year": "%Y", "month": "%Y-%m", "week": "week", "day": "%Y-%m-%d", "time": "%Y-%m-%dT%H:%M"}


@lru_cache(maxsize=4096)  # the same entity text recurs across articles of a day
def _dateparser_reading(text: str, anchor: date | None) -> _Reading | None:
    """Last resort for an entity no rule read: dateparser, relative to the anchor, past first."""
    if anchor is None:
        return None
    data = _dateparser(anchor).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    granularity = _PERIOD_GRANULARITY.get(data.period or "day", "%Y-%m-%d")
    found = data.date_obj
    value = _iso_week(found.date()) if granularity == "week" else found.strftime(granularity)
    return _Reading(value, kind="time" if data.period == "time" else "date", relative=True)


@lru_cache(maxsize=16)  # articles come in batches of the same few days
def _dateparser(anchor: date):
    """A dateparser parser relative to `anchor`, past first; imported only when needed (slow)."""
    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": datetime.combine(anchor, datetime.min.time()), "PREFER_DATES_FROM": "past"}
    return DateDataParser(languages=["en"], settings=settings)


def _fallback(reader: _Reader, chosen: list[_Candidate]) -> list[_Candidate]:
    """spaCy DATE/TIME entities that no rule read but that name a month or weekday (step 5).

    Only calendar names: on relative phrases ("the 87th minute", "one morning") dateparser
    guesses dates that are not there.
    """
    extra = []
    taken = [(c.start, c.end) for c in chosen]
    for ent in reader.doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        tokens = [t for t in ent if not (t.i == ent.start and t.lower_ in _LEADING_DROP)]
        if not tokens or not any(t.text in _calendar_names() for t in tokens):
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        reading = _dateparser_reading(reader.text[start:end], reader.anchor)
        if reading is not None:
            extra.append(_Candidate(start, end, len(_rules()), "fallback", reading))
    return extra

"""Reading calendar dates: "July 20", "November 2018", "in May", "7/20/2020", "2014", "the
1990s", "the 20th century", "nineteen ninety-six", "Thanksgiving".

    >>> import re
    >>> _read_numeric(re.match(r"(?P<iso>(?P<iy>\\d+)-(?P<im>\\d+)-(?P<id>\\d+))", "2020-07-20"), None)
    _Reading(value='2020-07-20', kind='date', mod=None, relative=False)
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from .calendar import _day_interval, _holiday, _iso_week, _month_interval
from .lexicon import _shift_of, _table, _words
from .reading import _Reading
from .years import _calendar_year

if TYPE_CHECKING:
    from .reader import _Reader


def _read_full_date(m: re.Match, r: _Reader) -> _Reading | None:
    """ "July 20", "Aug. 7, 1998", "Monday, Oct. 26", "20 July 2020", "the 4th of July"."""
    month = _month_number(m["month"])
    day = int(m["day"])
    if m["year"]:
        try:
            return _Reading(date(int(m["year"]), month, day).isoformat())
        except ValueError:
            return None
    if r.anchor is None:
        return _Reading(f"XXXX-{month:02d}-{day:02d}")
    interval = _day_interval(month, day)
    if interval(2000) is None:  # 2000 is a leap year: only impossible dates fail
        return None
    if m["weekday"]:  # "Monday, Oct. 26": the year in which Oct. 26 is a Monday
        weekday = int(_table("weekday")[m["weekday"].lower()])
        fits = [
            y
            for y in (r.anchor.year, r.anchor.year - 1, r.anchor.year + 1)
            if interval(y) and interval(y)[0].isoweekday() == weekday
        ]
        if fits:
            return _Reading(date(fits[0], month, day).isoformat(), relative=True)
    year = _calendar_year(r.anchor, r.direction(m.start()), interval)
    if interval(year) is None:
        return None
    return _Reading(date(year, month, day).isoformat(), relative=True)


def _month_number(word: str) -> int:
    months = _table("month")
    key = word.lower()
    return int(months.get(key) or months.get(key + ".") or months[key.rstrip(".") + "."])


def _read_month_year(m: re.Match, r: _Reader) -> _Reading | None:
    """ "November 2018", "July of 1997"."""
    return _Reading(f"{m['year']}-{_month_number(m['month']):02d}")


def _read_month(m: re.Match, r: _Reader) -> _Reading | None:
    """ "in May", "last November", "January this year"; a bare month needs a date cue."""
    month = _month_number(m["month"])
    if not (m["shift"] or m["yshift"]):
        token = r.token_at(m.start())
        if token is not None and (token.tag_ in ("MD", "VB", "VBP") or token.ent_type_ in ("PERSON", "ORG")):
            return None  # "the couple may wed", "a speech by May", "April Ryan"
        if r.prev_word(m.start()) not in _words("datecue") and not r.is_date_entity(m.start()):
            return None
    if r.anchor is None:
        return _Reading(f"XXXX-{month:02d}")
    if m["yshift"]:
        year = r.anchor.year + _shift_of(m["yshift"])
    elif m["shift"] and _shift_of(m["shift"]) != 0:
        shift = _shift_of(m["shift"])
        year = r.anchor.year
        if shift < 0 and month >= r.anchor.month:
            year -= 1
        elif shift > 0 and month <= r.anchor.month:
            year += 1
    elif m["shift"]:  # "this September": the one of this year
        year = r.anchor.year
    else:
        year = _calendar_year(r.anchor, r.direction(m.start()), _month_interval(month))
    return _Reading(f"{year}-{month:02d}", relative=True)


def _read_numeric(m: re.Match, r: _Reader) -> _Reading | None:
    """ "2020-07-20", "7/20/2020" (month first, unless the first number cannot be a month), "20.07.2020"."""
    if m["iso"]:
        year, month, day = int(m["iy"]), int(m["im"]), int(m["id"])
    else:
        a, b, year = int(m["a"]), int(m["b"]), int(m["sy"])
        if year < 100:
            year += 2000 if year <= 50 else 1900  # two-digit years: 1951..2050
        day_first = m["sep"] == "." or a > 12  # dots are the European order: day.month.year
        month, day = (b, a) if day_first else (a, b)
    try:
        return _Reading(date(year, month, day).isoformat())
    except ValueError:
        return None


_PRODUCT_ENTITIES = frozenset({"PRODUCT", "ORG", "WORK_OF_ART", "FAC", "LAW"})


def _read_year(m: re.Match, r: _Reader) -> _Reading | None:
    """ "2014", "fiscal 1989", "the year 2000"; not "2000 people"."""
    token = r.token_at(m.start("year"))
    if token is not None and token.dep_ == "nummod" and token.head.tag_ == "NNS":
        if token.head.lower_ not in _table("unit"):
            return None
    if token is not None and token.ent_type_ in _PRODUCT_ENTITIES and token.i > 0 and token.nbor(-1).is_title:
        return None  # "Windows 2000", "Vision 2030": a name, not a year
    if not m["pre"] and int(m["year"]) < 1900 and r.prev_word(m.start()) not in _words("datecue"):
        return None  # old years only with a cue: "in 1898", not "1850 metres"
    return _Reading(m["year"])


def _read_decade(m: re.Match, r: _Reader) -> _Reading | None:
    """ "the 1990s" -> "199", "the '80s" -> "198"."""
    digits = m["dec"].lstrip("'’")
    if len(digits) == 2:
        if not m["the"] and m["dec"][0] not in "'’":
            return None  # "in her 80s" is an age
        century = 20 if r.anchor and 2000 + int(digits) <= r.anchor.year else 19
        return _Reading(f"{century}{digits[0]}")
    return _Reading(digits[:3])


def _read_century(m: re.Match, r: _Reader) -> _Reading | None:
    """ "the 20th century" -> "19"."""
    ordinal = m["ord"].lower()
    n = int(re.sub(r"\D", "", ordinal)) if ordinal[0].isdigit() else int(_table("ordinal").get(ordinal, 0))
    if n <= 0:
        return None
    return _Reading(f"{n - 1:02d}")


def _read_spoken_year(m: re.Match, r: _Reader) -> _Reading | None:
    """Years said aloud in transcripts: "nineteen ninety-six" -> "1996", "the year two thousand"."""
    numbers = _table("number")
    tens = int(numbers[m["tens"].lower()]) if m["tens"] else 0
    ones = int(numbers[m["ones"].lower()]) if m["ones"] else 0
    if m["millennium"]:
        return _Reading(str(2000 + tens + ones))
    if not tens:
        return None  # "nineteen" alone is a count
    return _Reading(str(1900 + tens + ones))


def _read_holiday(m: re.Match, r: _Reader) -> _Reading | None:
    """ "Thanksgiving" -> 1999-11-25 for an article of January 2000; "Easter week"."""
    if not any(ch.isupper() for ch in m["holiday"]):
        return None
    rule = _table("holiday")[" ".join(m["holiday"].lower().replace("’", "'").split())]
    if m["year"]:
        year = int(m["year"])
    elif r.anchor is None:
        return _Reading(None)
    else:

        def interval(y: int):
            day = _holiday(rule, y)
            return (day, day) if day else None

        direction = r.direction(m.start())
        shift = _shift_of(m["shift"]) if m["shift"] else None
        if shift:
            direction = shift
        year = _calendar_year(r.anchor, direction, interval)
    day = _holiday(rule, year)
    if day is None:
        return None
    value = _iso_week(day) if m["week"] else day.isoformat()
    return _Reading(value, relative=not m["year"])

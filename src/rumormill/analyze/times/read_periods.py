"""Reading periods: quarters and halves, seasons, "this week", "last year", "the end of the
year", "the weekend", "year-end", "the year".

    >>> from datetime import date
    >>> from .reader import _Reader
    >>> import rumormill
    >>> reader = _Reader(rumormill.nlp()("Sales rose last year."), date(2020, 7, 31))
    >>> [(c.rule, c.reading.value) for c in reader.candidates() if c.rule == "shifted"]
    [('shifted', '2019')]
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from .anaphora import _Anaphor
from .calendar import _iso_week, _month_shift, _part_interval, _quarter_shift, _season_interval
from .durations import _duration
from .lexicon import _shift_of, _table, _words
from .modifiers import _mod_key
from .reading import _Reading, _with
from .years import _calendar_year, _pick_year

if TYPE_CHECKING:
    from .reader import _Reader


def _read_part(m: re.Match, r: _Reader) -> _Reading | None:
    """Quarters and halves: "the third quarter" -> "2020-Q3", "first-half", "the year-ago quarter"."""
    per_year = 2 if m["part"].lower() == "half" else 4
    letter = "Q" if per_year == 4 else "H"
    if m["q"]:
        part = int(m["q"][1])
    elif m["ord"]:
        part = int(_table("ordinal").get(m["ord"].lower(), 0) or re.sub(r"\D", "", m["ord"]) or 0)
        part = per_year if part == -1 else part
        if not 1 <= part <= per_year:
            return None
    else:
        part = 0
        if not (m["the"] or m["shift"] or m["yago"]):
            return None
    year_ago = bool(m["yago"]) and "ago" in m["yago"].lower() or "earlier" in (m["yago"] or "").lower()
    if m["year"] or m["pyear"]:
        year = int(m["year"] or m["pyear"])
        if not part:
            return None
        return _Reading(f"{year}-{letter}{part}")
    if r.anchor is None:
        return _Reading(f"XXXX-{letter}{part}" if part else None, relative=True)
    current = (r.anchor.month - 1) // (12 // per_year) + 1
    if m["qshift"]:
        year = r.anchor.year + _shift_of(m["qshift"])
    elif part:
        # Tense misleads here: "expects to report for the third quarter" (in October) is the
        # quarter just ended, so the nearest instance wins.
        year = _pick_year(r.anchor, 0, _part_interval(part, per_year))
        if m["shift"] and _shift_of(m["shift"]) < 0 and part >= current:
            year = r.anchor.year - 1
    else:
        # "the quarter", "the latest quarter": the last one reported, i.e. the one before now
        shift = _shift_of(m["shift"]) if m["shift"] and m["shift"].lower() not in ("the", "same") else -1
        if m["shift"] and m["shift"].lower() in ("this", "current"):
            shift = 0
        year, part = _quarter_shift(r.anchor.year, current, shift, per_year)
    if year_ago:
        year -= 1
    return _Reading(f"{year}-{letter}{part}", relative=True)


def _read_part_rule(m: re.Match, r: _Reader) -> _Reading | None:
    """ "Q3", "the latest period" and "the quarter" as well as "the third quarter"."""
    part = m["part"] or m["part2"] or "quarter"
    if m["q"]:
        part = "q"
    if (
        m["part2"]
        and m["part2"].lower() == "period"
        and not (m["shift"] and m["shift"].lower() in ("latest", "most recent"))
        and not m["yago"]
    ):
        return None  # "the period" alone is no date; "the latest period" is the last quarter
    view = _GroupView(m, part=part)
    return _read_part(view, r)


def _read_season(m: re.Match, r: _Reader) -> _Reading | None:
    """ "this summer" -> "2020-SU", "last fall", "the summer of 1998", "in spring"."""
    season = _table("season")[m["season"].lower()]
    shift = m["shift"]
    if m["year"]:
        return _Reading(f"{m['year']}-{season}")
    nxt = r.next_word(m.end()).lower()
    token = r.token_at(m.start("season"))
    if token is not None and token.tag_.startswith("VB"):
        return None  # "prices fall", "to spring a surprise"
    if not shift:
        if nxt == "of" or (r.prev_word(m.start()) not in _words("datecue") and not m["the"]):
            return None  # "the fall of Rome", "prices fall"
        if m["the"] and r.prev_word(m.start()) not in _words("datecue"):
            return None
    if r.anchor is None:
        return _Reading(f"XXXX-{season}")
    interval = _season_interval(season)
    n = _shift_of(shift) if shift and shift.lower() != "the" else None
    if n is None:
        year = _calendar_year(r.anchor, r.direction(m.start()), interval)
    elif n == 0:  # "this summer": the one of this year (this winter began last December)
        year = r.anchor.year - 1 if season == "WI" and r.anchor.month <= 2 else r.anchor.year
    else:
        years = [y for y in range(r.anchor.year - 2, r.anchor.year + 3)]
        if n < 0:
            year = max(
                y for y in years if interval(y)[1] < r.anchor and not interval(y)[0] <= r.anchor <= interval(y)[1]
            )
        else:
            year = min(y for y in years if interval(y)[0] > r.anchor)
    return _Reading(f"{year}-{season}", relative=True)


def _read_shifted(m: re.Match, r: _Reader) -> _Reading | None:
    """ "this week" -> "2020-W31", "last year", "the coming weekend"; "for the last year" -> P1Y."""
    unit = m["unit"].lower()
    shift = _shift_of(m["shift"])
    if m["shift"].lower().startswith("that") and getattr(r.token_at(m.start("shift")), "dep_", "") != "det":
        return None  # "said that weekend sales rose": the conjunction
    if m["the"] and shift != 0 and r.prev_word(m.start()) in _words("spanprep") and unit != "weekend":
        return _Reading("P6M" if unit == "half" else _duration(1, unit), kind="duration")
    a = r.anchor
    if a is None:
        return _Reading(None, relative=True)
    if unit == "week":
        value = _iso_week(a + timedelta(days=7 * shift))
    elif unit == "weekend":
        value = _iso_week(a + timedelta(days=7 * shift)) + "-WE"
    elif unit == "month":
        year, month = _month_shift(a.year, a.month, shift)
        value = f"{year}-{month:02d}"
    elif unit == "quarter":
        year, quarter = _quarter_shift(a.year, (a.month - 1) // 3 + 1, shift)
        value = f"{year}-Q{quarter}"
    elif unit == "half":
        year, half = _quarter_shift(a.year, (a.month - 1) // 6 + 1, shift, 2)
        value = f"{year}-H{half}"
    elif unit == "decade":
        value = str(a.year // 10 + shift)
    elif unit == "century":
        value = f"{a.year // 100 + shift:02d}"
    else:
        value = str(a.year + shift)
    return _Reading(value, relative=True, anaphor=_shifted_anaphor(m, r, shift))


_ANAPHOR_UNIT = {"week": "W", "month": "M", "quarter": "Q", "year": "Y"}


def _shifted_anaphor(m: re.Match, r: _Reader, shift: int) -> _Anaphor | None:
    """ "the following year", "that month", "the same week" count from the last date mentioned;
    "the next month" too, in a past clause ("he left the next month"); "next year" does not."""
    word = " ".join(m["shift"].lower().split())
    unit = _ANAPHOR_UNIT.get(m["unit"].lower())
    if unit is None:
        return None
    if not (m["the"] or word.startswith("that")):
        return None  # "same year" without its article is no anaphor
    if word in _words("anaphoric") or (word in _words("pastanaphoric") and r.direction(m.start()) < 0):
        return _Anaphor(shift, unit)
    return None


def _read_period_of_rule(m: re.Match, r: _Reader) -> _Reading | None:
    """ "the end of the year" -> this year with mod END; "the middle of this month"."""
    view = _GroupView(m, the=None, shift="this")
    reading = _read_shifted(view, r)
    key = _mod_key(m["pmod"] + " of")
    return _with(reading, mod=_table("mod").get(key)) if reading else None


def _read_the_weekend(m: re.Match, r: _Reader) -> _Reading | None:
    """ "the weekend": the coming one late in the week or in a future clause, else the last one."""
    if r.anchor is None:
        return _Reading(None, relative=True)
    direction = r.direction(m.start())
    today = r.anchor.isoweekday()
    # Thursday on, or any day in a future clause, "the weekend" is this week's; else last week's.
    this_week = direction > 0 or today >= 6 or (today >= 4 and direction == 0)
    day = r.anchor if this_week else r.anchor - timedelta(days=7)
    return _Reading(_iso_week(day) + "-WE", relative=True)


def _read_year_relative(m: re.Match, r: _Reader) -> _Reading | None:
    """ "year-end" -> the anchor's year end, "year-ago" / "year-earlier" -> the year before."""
    if r.anchor is None:
        return _Reading(None, relative=True)
    if "end" in m[0].lower():
        return _Reading(str(r.anchor.year), mod="END", relative=True)
    # "year-earlier" profit: the period just named, a year before; "year-ago" is deictic
    anaphor = _Anaphor(-1, "Y", point=True) if "earlier" in m[0].lower() else None
    return _Reading(str(r.anchor.year - 1), relative=True, anaphor=anaphor)


_WORD_BEFORE_OF = re.compile(r"([\w'’]+)\s+of\s+$", re.I)


def _read_the_year(m: re.Match, r: _Reader) -> _Reading | None:
    """ "the year ended March 31" -> P1Y; "for the year" -> the anchor's year.

    Not an award: "song of the year" (only a part of a period comes "of the year").
    """
    of = _WORD_BEFORE_OF.search(r.before(m.start()))
    if of and of[1].lower() not in _table("unit") and of[1].lower() not in _words("periodpart"):
        return None
    if r.next_word(m.end()).lower() in ("ended", "ending", "to", "before", "after", "that", "when", "in"):
        if r.next_word(m.end()).lower() in ("ended", "ending"):
            return _Reading("P1Y", kind="duration")
        return None  # "the year before", "the year that...": anaphoric, no value to give
    if r.anchor is None:
        return _Reading(None, relative=True)
    return _Reading(str(r.anchor.year), relative=True)


class _GroupView:
    """A match with some groups overridden, so that one reading function serves two rules."""

    def __init__(self, m: re.Match, **overrides):
        self._m, self._overrides = m, overrides

    def __getitem__(self, name):
        if name in self._overrides:
            return self._overrides[name]
        try:
            return self._m[name]
        except IndexError:
            return None

    def start(self, *args):
        return self._m.start(*args)

    def end(self, *args):
        return self._m.end(*args)

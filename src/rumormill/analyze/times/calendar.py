"""Calendar arithmetic in TimeML notation: weeks, month and quarter shifts, intervals, holidays.

>>> _iso_week(date(2020, 7, 31)), _month_shift(2020, 12, 1)
('2020-W31', (2021, 1))
>>> _holiday("11-TH4", 1999)  # Thanksgiving: the 4th Thursday of November
datetime.date(1999, 11, 25)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

_FULL_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month_shift(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def _quarter_shift(year: int, quarter: int, n: int, per_year: int = 4) -> tuple[int, int]:
    index = year * per_year + quarter - 1 + n
    return index // per_year, index % per_year + 1


def _month_end(year: int, month: int) -> date:
    next_year, next_month = _month_shift(year, month, 1)
    return date(next_year, next_month, 1) - timedelta(days=1)


def _day_interval(month: int, day: int) -> Callable[[int], tuple[date, date] | None]:
    def interval(year: int):
        try:
            found = date(year, month, day)
        except ValueError:  # 29 February outside a leap year, or 31 April
            return None
        return found, found

    return interval


def _month_interval(month: int) -> Callable[[int], tuple[date, date]]:
    return lambda year: (date(year, month, 1), _month_end(year, month))


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # meteorological seasons, three months each


def _season_interval(season: str) -> Callable[[int], tuple[date, date]]:
    first = _SEASON_START[season]

    def interval(year: int):
        end_year, end_month = _month_shift(year, first, 2)
        return date(year, first, 1), _month_end(end_year, end_month)

    return interval


def _part_interval(part: int, per_year: int) -> Callable[[int], tuple[date, date]]:
    months = 12 // per_year

    def interval(year: int):
        first = (part - 1) * months + 1
        return date(year, first, 1), _month_end(year, first + months - 1)

    return interval


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * leap) // 433
    month = (h + leap - 7 * m + 90) // 25
    return date(year, month, (h + leap - 7 * m + 33 * month + 19) % 32)


_WEEKDAY_CODES = {"MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6, "SU": 7}
_HOLIDAY_RULE = re.compile(
    r"(?P<month>\d\d)-(?:(?P<day>\d\d)|(?P<wd>[A-Z]{2})(?P<nth>\d|L)(?P<plus>[+-]\d+)?|ELECTION)"
)


def _holiday(rule: str, year: int) -> date | None:
    """The date of a holiday rule of the lexicon in `year` ("11-TH4" = 4th Thursday of November)."""
    if rule.startswith("EASTER"):
        return _easter(year) + timedelta(days=int(rule[6:] or 0))
    m = _HOLIDAY_RULE.fullmatch(rule)
    if m is None:
        return None
    month = int(m["month"])
    if m["day"]:
        return date(year, month, int(m["day"]))
    if m["wd"] is None:  # US election day: the Tuesday after the first Monday of November
        return _nth_weekday(year, month, 1, 1) + timedelta(days=1)
    weekday = _WEEKDAY_CODES[m["wd"]]
    nth = -1 if m["nth"] == "L" else int(m["nth"])
    return _nth_weekday(year, month, weekday, nth) + timedelta(days=int(m["plus"] or 0))


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    if nth < 0:
        last = _month_end(year, month)
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))

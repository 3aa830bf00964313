"""The year of an underspecified date ("July 20", "Friday", "in November"), from anchor and tense.

>>> from .calendar import _day_interval
>>> _calendar_year(date(2021, 2, 10), -1, _day_interval(8, 6))  # "set a record on Aug. 6"
2020
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date


def _pick_year(anchor: date, direction: int, interval: Callable[[int], tuple[date, date] | None]) -> int:
    """The year of an underspecified date ("July 20", "Friday", "the fourth quarter").

    Past tense: the latest instance that starts on or before the anchor; future tense: the
    first that ends on or after it; otherwise the instance containing the anchor, or else
    the nearest one.
    """
    spans = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        found = interval(year)
        if found is not None:
            spans.append((year, *found))
    if direction < 0:
        past = [s for s in spans if s[1] <= anchor]
        if past:
            return max(past)[0]
    elif direction > 0:
        ahead = [s for s in spans if s[2] >= anchor]
        if ahead:
            return min(ahead)[0]
    for year, start, end in spans:
        if start <= anchor <= end:
            return year
    past = [s for s in spans if s[2] < anchor]
    ahead = [s for s in spans if s[1] > anchor]
    if past and ahead:
        last, following = max(past), min(ahead)
        # News tells of the past more than of the future: the coming instance wins only
        # when it is less than half as far away ("products introduced in April", said in
        # October, is last April; "record date Nov. 22", said on 27 October, is next month).
        return following[0] if 2 * (following[1] - anchor).days < (anchor - last[2]).days else last[0]
    return (past or ahead)[0][0]


# Journalists drop the year of a date in the current year (AP style), and of one just
# across the turn of the year. A bare "Nov. 17" is this year's unless the clause says
# otherwise: a past clause moves a date more than two months ahead back a year ("set a
# record on Aug. 6", written in February), a future clause moves a date already gone
# forward a year. Two months: payment and record dates, deadlines and schedules in
# past-tense clauses ("was extended to Nov. 16") mostly fall within that distance.
_NEAR_DAYS = 60
_FAR_DAYS = 120  # without tense, a date this far ahead is more likely last year's


def _calendar_year(anchor: date, direction: int, interval: Callable[[int], tuple[date, date] | None]) -> int:
    """The year of a month or day given without one ("July 20", "in November", "Christmas")."""
    year = anchor.year
    current = interval(year)
    if current is None:  # 29 February: the nearest leap year
        return _pick_year(anchor, direction, interval)
    start, end = current
    if start <= anchor <= end:
        return year
    if end < anchor:
        following = interval(year + 1)
        if direction > 0 or (direction == 0 and following and (following[0] - anchor).days <= _NEAR_DAYS):
            return year + 1
        return year
    ahead = (start - anchor).days
    if (direction < 0 and ahead > _NEAR_DAYS) or (direction == 0 and ahead > _FAR_DAYS):
        return year - 1
    return year

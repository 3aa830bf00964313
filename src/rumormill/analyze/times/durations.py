"""Counts and units: TimeML durations ("P2Y6M") and dates shifted by a count of units.

>>> _count("twenty-four"), _duration(2.5, "years"), _shifted(date(2020, 7, 31), -2, "years")
((True, 24.0), 'P2Y6M', '2018')
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .calendar import _iso_week, _month_shift, _quarter_shift
from .lexicon import _table


def _unit_code(word: str) -> tuple[bool, int, str]:
    """Lexicon unit -> (time part?, multiplier, TimeML letter): "decades" -> (False, 10, "Y")."""
    code = _table("unit")[word.lower()]
    time_part = code.startswith("T")
    code = code.removeprefix("T")
    return time_part, int(code[:-1] or 1), code[-1]


# The next smaller unit, for halves: "2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M.
_SMALLER = {
    (False, "Y"): (12, False, "M"),
    (False, "Q"): (3, False, "M"),
    (False, "M"): (30, False, "D"),
    (False, "W"): (7, False, "D"),
    (False, "D"): (24, True, "H"),
    (True, "H"): (60, True, "M"),
    (True, "M"): (60, True, "S"),
}
_VAGUE_UNIT = {10: "DE", 100: "CE"}  # TimeML units for vague decades and centuries


def _duration(count: float | None, unit: str) -> str:
    time_part, multiplier, letter = _unit_code(unit)
    t = "T" if time_part else ""
    if count is None:
        return f"P{t}X{_VAGUE_UNIT.get(multiplier, letter)}"
    total = count * multiplier
    whole = int(total)
    if total == whole:
        return f"P{t}{whole}{letter}"
    factor, small_time, small_letter = _SMALLER.get((time_part, letter), (1, time_part, letter))
    rest = round((total - whole) * factor)
    head = f"{whole}{letter}" if whole else ""
    if small_time and not time_part:
        return f"P{head}T{rest}{small_letter}"
    return f"P{t}{head}{rest}{small_letter}"


def _shifted(anchor: date, count: float, unit: str) -> str:
    """The date `count` units from the anchor, at the unit's granularity ("2 years ago" -> "2018")."""
    time_part, multiplier, letter = _unit_code(unit)
    if time_part:
        hours = count * multiplier * {"H": 1, "M": 1 / 60, "S": 1 / 3600}[letter]
        return (datetime.combine(anchor, datetime.min.time()) + timedelta(hours=hours)).date().isoformat()
    total = count * multiplier
    if letter == "Y" and total != int(total):
        letter, total = "M", total * 12
    if letter == "D":
        return (anchor + timedelta(days=round(total))).isoformat()
    if letter == "W":
        return _iso_week(anchor + timedelta(days=round(total * 7)))
    if letter == "M":
        year, month = _month_shift(anchor.year, anchor.month, round(total))
        return f"{year}-{month:02d}"
    if letter == "Q":
        year, quarter = _quarter_shift(anchor.year, (anchor.month - 1) // 3 + 1, round(total))
        return f"{year}-Q{quarter}"
    return str(anchor.year + round(total))


_NUMBER_SPLIT = re.compile(r"[\s-]+")


def _count(text: str) -> tuple[bool, float | None]:
    """(understood?, count) of a count phrase; count None means vague ("several" -> PX...).

    "5 1/2" -> 5.5; "twenty-four" -> 24; "a couple of" -> 2; "12 to 18" -> vague.
    """
    words = _table("number")
    phrase = " ".join(text.lower().split())
    if re.search(r"\d\s*(?:to|or|-|–)\s*\d|\w\s+(?:to|or)\s+\w", phrase):
        return True, None
    if phrase in words:
        value = words[phrase]
        return True, None if value == "X" else float(value)
    m = re.fullmatch(r"(\d[\d,]*(?:\.\d+)?)(?:\s+(\d)/(\d))?", phrase)
    if m:
        value = float(m[1].replace(",", ""))
        if m[2]:
            value += int(m[2]) / int(m[3])
        return True, value
    total = 0.0
    for word in _NUMBER_SPLIT.split(phrase):
        if word not in words or words[word] == "X":
            return False, None
        value = float(words[word])
        total = max(total, 1) * value if value >= 100 else total + value  # "two hundred", "forty-two"
    return True, total

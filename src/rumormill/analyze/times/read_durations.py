"""Reading durations, sets and vague references: "two years ago", "for a year", "for years",
"every five weeks", "daily", "now".

    >>> from .reader import _Reader
    >>> import rumormill
    >>> reader = _Reader(rumormill.nlp()("They met every five weeks."), None)
    >>> [(c.rule, c.reading.value, c.reading.kind) for c in reader.candidates() if c.rule == "set"]
    [('set', 'P5W', 'set')]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .anaphora import _Anaphor
from .durations import _count, _duration, _shifted, _unit_code
from .lexicon import _table, _words
from .read_dates import _month_number
from .reading import _Reading, _with

if TYPE_CHECKING:
    from .reader import _Reader


def _read_ago(m: re.Match, r: _Reader) -> _Reading | None:
    """ "two years ago" -> "2018", "a week or so ago" (approx), "months ago" -> PAST_REF."""
    direction = -1 if m["dir"].lower() in ("ago", "earlier", "before") else 1
    mod = "APPROX" if m["orso"] else None
    ok, count = _count(m["count"]) if m["count"] else (True, None)
    if not ok:
        return None
    if count is None:
        return _Reading("PAST_REF" if direction < 0 else "FUTURE_REF", mod=mod)
    if r.anchor is None:
        return _Reading(None, mod=mod)
    # "ago" counts from now; "earlier" and "later" from the last date mentioned (TimeML)
    time_part, multiplier, letter = _unit_code(m["unit"])
    anaphor = None
    if m["dir"].lower() in ("earlier", "later") and not time_part and count == int(count):
        anaphor = _Anaphor(int(direction * count * multiplier), letter, point=True)
    return _Reading(_shifted(r.anchor, direction * count, m["unit"]), mod=mod, relative=True, anaphor=anaphor)


def _read_ago_rule(m: re.Match, r: _Reader) -> _Reading | None:
    """ "two years ago", "a year earlier"; without a count only "years ago" (PAST_REF)."""
    if m["count"] is None and m["dir"].lower() != "ago":
        return None  # "days later" is no date
    if m["count"] is None and not m["unit"].lower().endswith("s"):
        return None
    return _read_ago(m, r)


def _read_duration(m: re.Match, r: _Reader) -> _Reading | None:
    """ "for a year" -> P1Y, "two-day", "2 1/2 years" -> P2Y6M, "the first nine months" -> P9M.

    "a year" after a count or amount ("$1 billion a year", "twice a week") is a set (P1Y).
    """
    ok, count = _count(m["count"])
    if not ok:
        return None
    unit = m["unit"].lower()
    count_word = m["count"].lower()
    if unit in ("second", "quarter") and (count_word in ("a", "an", "one") or count != 1):
        return None  # "a second term", "a quarter of the vote", "the 1988 second quarter"
    if count_word in ("a", "an") and unit.endswith("s"):
        return None  # "a Days of Our Lives reunion": no count of one goes with a plural
    if unit == "quarters" and "-" in m[0]:
        return None  # "three-quarters of its food" is a share
    if m["half1"] or m["half2"]:
        count = (count or 0) + 0.5
    if count_word in ("a", "an") and not m["the"] and not m["shift"]:
        prev = r.prev_token(m.start())
        prev_word = r.prev_word(m.start())
        if prev_word in ("once", "twice", "thrice", "times") or (
            prev is not None and prev.pos_ in ("NUM", "NOUN", "SYM") and prev.lower_ not in _table("unit")
        ):
            return _Reading(_duration(1, unit), kind="set")
    if count is not None and count != int(count) and unit in ("decade", "decades", "century", "centuries"):
        count = count * _unit_code(unit)[1]
        unit = "years"
    mod = "APPROX" if m["orso"] else None
    return _Reading(_duration(count, unit), kind="duration", mod=mod)


def _read_duration_rule(m: re.Match, r: _Reader) -> _Reading | None:
    """ "the past two months", "the next 12 to 18 months": always a duration."""
    reading = _read_duration(m, r)
    if reading is None:
        return None
    if m["count"].lower() in ("a", "an"):
        return None  # "the next a year" cannot happen; "the first a" is noise
    return _with(reading, kind="duration")


def _read_vague_span(m: re.Match, r: _Reader) -> _Reading | None:
    """ "for years" -> PXY, "in recent months" -> PAST_REF, "the coming weeks" -> FUTURE_REF."""
    if m["recent"] and m["recent"].lower().startswith(("recent", "past")):
        return _Reading("PAST_REF")
    if m["recent"] or m["ahead"]:
        return _Reading("FUTURE_REF")
    if r.prev_word(m.start()) not in _words("spanprep"):
        return None
    return _Reading(_duration(None, m["unit"]), kind="duration")


def _read_set(m: re.Match, r: _Reader) -> _Reading | None:
    """ "every five weeks" -> P5W (set), "every Monday" -> XXXX-WXX-1, "each July" -> XXXX-07."""
    if m["weekday"]:
        return _Reading(f"XXXX-WXX-{_table('weekday')[m['weekday'].lower()]}", kind="set")
    if m["month"]:
        return _Reading(f"XXXX-{_month_number(m['month']):02d}", kind="set")
    ok, count = _count(m["count"]) if m["count"] else (True, 1.0)
    if not ok:
        return None
    if m["other"]:
        count = (count or 1) * 2
    return _Reading(_duration(count, m["unit"]), kind="set")


def _read_set_rule(m: re.Match, r: _Reader) -> _Reading | None:
    """ "every five weeks", "each July", "per year"."""
    if m["unit2"]:
        return _Reading(_duration(1, m["unit2"]), kind="set")
    return _read_set(m, r)


def _read_frequency(m: re.Match, r: _Reader) -> _Reading | None:
    """ "daily" -> P1D (a set); lower case only, so "the Daily Mail" is not one."""
    return _Reading(_table("frequency")[m[0]], kind="set")


def _read_ref(m: re.Match, r: _Reader) -> _Reading | None:
    """ "now" -> PRESENT_REF, "recently" -> PAST_REF, "the future" -> FUTURE_REF."""
    word = " ".join(m[0].lower().split())
    value = _table("ref")[word]
    token = r.token_at(m.start())
    if word in ("current", "recent"):
        if token is None or token.pos_ != "ADJ":
            return None
    if word in ("the past", "the present", "the future"):
        last = r.token_at(m.end() - 1)
        nxt = last.nbor() if last is not None and last.i + 1 < len(last.doc) else None
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "NUM", "ADJ"):
            return None  # "the past president", "the present case"
    return _Reading(value)

"""Reading days and times of day: "Friday", "yesterday", "this morning", "10:35 a.m.".

>>> from datetime import date
>>> from .reader import _Reader
>>> import rumormill
>>> reader = _Reader(rumormill.nlp()("He left yesterday."), date(2020, 7, 31))
>>> [(c.rule, c.reading.value) for c in reader.candidates()]
[('deictic', '2020-07-30')]
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from .anaphora import _Anaphor
from .lexicon import _shift_of, _table, _words
from .reading import _Reading

if TYPE_CHECKING:
    from .reader import _Reader


def _read_weekday(m: re.Match, r: _Reader) -> _Reading | None:
    """ "Friday" -> the Friday on or before the anchor in a past clause; "Tuesday nights" is a set."""
    weekday = int(_table("weekday")[m["weekday"].lower()])
    part = _table("daypart").get((m["dp"] or "").lower())
    if m["plural"] or m["dps"]:
        return _Reading(f"XXXX-WXX-{weekday}" + (f"T{part}" if part else ""), kind="set")
    if r.anchor is None:
        return _Reading(None)
    shift = _shift_of(m["shift"]) if m["shift"] else None
    today = r.anchor.isoweekday()
    if shift is None or shift == 0:
        direction = r.direction(m.start()) if shift is None else 0
        if direction > 0 or (shift == 0 and weekday >= today):
            delta = (weekday - today) % 7
        else:
            delta = -((today - weekday) % 7)
    elif shift < 0:  # "last Friday": the one before this week's
        delta = -((today - weekday) % 7 or 7)
    else:
        delta = (weekday - today) % 7 or 7
    day = r.anchor + timedelta(days=delta)
    value = day.isoformat() + (f"T{part}" if part else "")
    return _Reading(value, kind="time" if part else "date", relative=True)


def _read_deictic(m: re.Match, r: _Reader) -> _Reading | None:
    """ "yesterday" -> the day before the anchor; "tonight" -> the anchor at night."""
    word = m["deictic"].lower()
    offset = int(_table("deictic")[word])
    if m["dd"]:
        offset += -1 if m["dd"].lower() == "before" else 1
    part = _table("daypart").get((m["dp"] or "").lower()) or ("NI" if word == "tonight" else None)
    if r.anchor is None:
        return _Reading(None)
    value = (r.anchor + timedelta(days=offset)).isoformat()
    if m["dp"]:
        return _Reading(f"{value}T{part}", kind="time", relative=True)
    return _Reading(value, relative=True)


def _read_anaphoric_day(m: re.Match, r: _Reader) -> _Reading | None:
    """ "the next day", "that morning", "the same day": days counted from the last date mentioned.

    English counts days from today with "tomorrow", "yesterday" and "today", so these are
    anaphoric; without an earlier date they fall back to the anchor ("the next day" = anchor + 1).
    """
    if m["that"]:
        token = r.token_at(m.start())
        if token is None or token.dep_ != "det":
            return None  # "said that night fell", "hoped that morning flights..."
    shift = _shift_of(m["shift"] or "that")
    if shift and r.prev_word(m.start()) in _words("spanprep"):
        return _Reading("P1D", kind="duration")  # "over the next day"
    word = m["dp"].lower()
    part = None if word == "day" else _table("daypart")[word]
    anaphor = _Anaphor(shift, "D", part=part)
    if r.anchor is None:
        return _Reading(None, kind="time" if part else "date", anaphor=anaphor)
    value = (r.anchor + timedelta(days=shift)).isoformat() + (f"T{part}" if part else "")
    return _Reading(value, kind="time" if part else "date", relative=True, anaphor=anaphor)


def _read_daypart(m: re.Match, r: _Reader) -> _Reading | None:
    """ "this morning" -> anchor + TMO, "last night" -> the day before + TNI."""
    part = _table("daypart")[m["dp"].lower()]
    if r.anchor is None:
        return _Reading(None, kind="time")
    offset = -1 if m["shift"].lower() == "last" else 0
    return _Reading(f"{(r.anchor + timedelta(days=offset)).isoformat()}T{part}", kind="time", relative=True)


def _read_clock(m: re.Match, r: _Reader) -> _Reading | None:
    """ "10:35 a.m.", "10 p.m. EST", "noon", "21:30" (a bare hh:mm needs a cue: "at 21:30")."""
    if m["word"]:
        clock = _table("clockword")[m["word"].lower()]
    else:
        hour = int(m["h"] or m["h2"])
        minute = int(m["mi"] or m["mi2"] or 0)
        if m["ampm"]:
            pm = m["ampm"].lower().startswith("p")
            hour = hour % 12 + (12 if pm else 0)
        elif not m["zone"] and r.prev_word(m.start()) not in _words("clockcue"):
            return None
        clock = f"{hour:02d}:{minute:02d}"
    if r.anchor is None:
        return _Reading(f"XXXX-XX-XXT{clock}", kind="time")
    return _Reading(f"{r.anchor.isoformat()}T{clock}", kind="time", relative=True)

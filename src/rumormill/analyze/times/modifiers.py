"""Modifiers before a time join its span or give its `mod` (step 3): "early", "nearly", "since".

>>> import rumormill
>>> from .reader import _Reader
>>> from .reading import _Reading
>>> reader = _Reader(rumormill.nlp()("It rained in early May."), None)
>>> found = _extend(reader, _Candidate(19, 22, 0, "month", _Reading("XXXX-05")))
>>> (found.start, found.reading.mod)
(13, 'START')
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from .lexicon import _alternation, _table
from .reading import _Candidate, _with

if TYPE_CHECKING:
    from .reader import _Reader


_BEFORE_THE = frozenset({"at least", "more than", "nearly", "almost", "less than"})


def _mod_key(word: str) -> str:
    word = " ".join(word.lower().split())
    word = word.removeprefix("the very ").removeprefix("very ")
    if word.startswith("the ") and word[4:] in _table("mod"):
        return word[4:]
    return word


@cache
def _DATE_MOD_BEFORE() -> re.Pattern:  # noqa: N802 - a lazily compiled constant
    mods = _alternation(w for w in _table("mod") if not w.endswith("-"))
    return re.compile(rf"(?<![\w-])(?P<word>(?:the\s+)?(?:very\s+)?(?:{mods}))(?:\s+|-\s*)$", re.I)


@cache
def _QUANT_BEFORE() -> re.Pattern:  # noqa: N802
    return re.compile(rf"(?<![\w-])(?P<q>{_alternation(_table('quantmod'))})\s+$", re.I)


@cache
def _QUANT_OUT_BEFORE() -> re.Pattern:  # noqa: N802
    return re.compile(rf"(?<![\w-])(?P<q>{_alternation(_table('quantout'))})\s+$", re.I)


@cache
def _PREP_BEFORE() -> re.Pattern:  # noqa: N802
    return re.compile(rf"(?<![\w-])(?P<p>{_alternation(_table('prep'))})\s+(?:the\s+)?$", re.I)


def _extend(reader: _Reader, candidate: _Candidate) -> _Candidate:
    """Join modifiers to the span ("early", "the end of", "nearly") and keep a preposition's meaning."""
    start, reading = candidate.start, candidate.reading
    core = reader.text[candidate.start : candidate.end].lower()
    if reading.kind in ("date", "time") and reading.mod is None and not (reading.value or "").endswith("_REF"):
        m = _DATE_MOD_BEFORE().search(reader.before(start))
        if m:
            start -= len(m[0])
            reading = _with(reading, mod=_table("mod").get(_mod_key(m["word"]), None))
    if candidate.rule in ("duration", "ago", "shifted_n") and (reading.mod is None or reading.mod == "APPROX"):
        m = _QUANT_BEFORE().search(reader.before(start))
        if m and (not core.startswith("the ") or m["q"].lower() in _BEFORE_THE):
            start -= len(m[0])
            reading = _with(reading, mod=_table("quantmod")[" ".join(m["q"].lower().split())])
        elif m is None and not core.startswith("the "):
            m = _QUANT_OUT_BEFORE().search(reader.before(start))
            if m:  # "about five hours": TimeBank leaves "about" out but it still means approx
                reading = _with(reading, mod=_table("quantout")[" ".join(m["q"].lower().split())])
    if reading.kind in ("date", "time") and reading.mod is None:
        m = _PREP_BEFORE().search(reader.before(start))
        if m:
            reading = _with(reading, mod=_table("prep")[" ".join(m["p"].lower().split())])
    if start == candidate.start and reading is candidate.reading:
        return candidate
    return _Candidate(start, candidate.end, candidate.order, candidate.rule, reading)

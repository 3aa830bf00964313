"""`extract`: every time expression of one parsed text, resolved against an anchor date (steps 1-6).

>>> import rumormill
>>> extract(rumormill.nlp()("He left on Friday."), date(2020, 7, 31))[0].value
'2020-07-31'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from .anaphora import _resolve
from .choose import _choose, _merge_clock_times
from .fallback import _fallback
from .modifiers import _extend
from .reader import _Reader


@dataclass(frozen=True)
class TimeFound:
    """One time expression found in a text: characters `start:end` and its reading."""

    start: int
    end: int
    value: str | None
    kind: str = "date"
    mod: str | None = None
    anchor: str | None = None


def extract(doc: Doc, anchor: date | None) -> list[TimeFound]:
    """Every time expression of a parsed text, in text order, resolved against `anchor`.

    >>> import rumormill
    >>> extract(rumormill.nlp()("He left on Friday."), date(2020, 7, 31))[0].value
    '2020-07-31'
    """
    reader = _Reader(doc, anchor)
    chosen = _choose(reader.candidates())
    chosen = [_extend(reader, c) for c in chosen]
    chosen = _merge_clock_times(reader.text, chosen)
    chosen += _fallback(reader, chosen)
    chosen.sort(key=lambda c: c.start)
    anchor_iso = anchor.isoformat() if anchor else None
    return [
        TimeFound(
            c.start,
            c.end,
            c.reading.value,
            c.reading.kind,
            c.reading.mod.lower() if c.reading.mod else None,
            (reference or anchor_iso) if c.reading.relative and c.reading.value is not None else None,
        )
        for c, reference in _resolve(doc, chosen)
    ]

"""The reader: the rules' matches that the parse accepts, in one text (steps 1 and 2).

>>> import rumormill
>>> reader = _Reader(rumormill.nlp()("They wed in 2014."), None)
>>> [(c.start, c.end, c.rule, c.reading.value) for c in reader.candidates()]
[(12, 16, 'year', '2014')]
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from spacy.tokens import Doc

from .lexicon import _alternation, _table, _words
from .names import _CAPITALISED, _in_name
from .reading import _Candidate
from .rules import _rules
from .tense import _tense_of
from .windows import _windows


class _Reader:
    """One parsed text and its anchor date, with the parse at hand for the rules' checks."""

    def __init__(self, doc: Doc, anchor: date | None):
        self.doc = doc
        self.text = doc.text
        self.anchor = anchor
        self._directions: dict[int, int] = {}

    # -- context helpers

    def before(self, start: int, width: int = 40) -> str:
        return self.text[max(0, start - width) : start]

    def prev_word(self, start: int) -> str:
        m = _LAST_WORD.search(self.before(start))
        return m[1].lower() if m else ""

    def next_word(self, end: int) -> str:
        m = _FIRST_WORD.match(self.text, end)
        return m[1] if m else ""

    def token_at(self, start: int):
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def prev_token(self, start: int):
        token = self.token_at(start)
        return token.nbor(-1) if token is not None and token.i > 0 else None

    def is_date_entity(self, start: int) -> bool:
        token = self.token_at(start)
        return token is not None and token.ent_type_ in ("DATE", "TIME")

    def direction(self, start: int) -> int:
        """-1 when the clause around `start` is past, +1 when future, 0 when unknown/present.

        A past clause with "until", "to", "by"... may point ahead ("was extended to Nov. 16"),
        so it counts as unknown.
        """
        if start not in self._directions:
            tense = _tense_of(self.token_at(start))
            before = self.prev_word(start)
            if before in _words("futurecue"):
                tense = 1  # "payable Jan. 2", "effective Feb. 1"
            elif before in _words("pastcue"):
                tense = -1  # "living apart since the summer"
            elif tense < 0 and before in _words("openprep"):
                tense = 0
            self._directions[start] = tense
        return self._directions[start]

    # -- candidates

    def candidates(self) -> list[_Candidate]:
        """Every rule's matches that the parse accepts, found only near anchor words (speed)."""
        found = []
        rules = _rules()
        for window_start, window_end, kinds in _windows(self.text):
            for order, rule in enumerate(rules):
                if rule.needs.isdisjoint(kinds):
                    continue
                for m in rule.pattern.finditer(self.text, window_start, window_end):
                    reading = rule.read(m, self)
                    if reading is None or (rule.name not in _CAPITALISED and _in_name(self.doc, m.start(), m.end())):
                        continue
                    start = m.start()
                    prenominal = _PRENOMINAL().match(m[0])
                    if prenominal:  # "the 14-day strike": TimeML leaves "the" out
                        start += len(prenominal[1])
                    found.append(_Candidate(start, m.end(), order, rule.name, reading))
        return found


_LAST_WORD = re.compile(r"([\w'’]+)\W*$")
_FIRST_WORD = re.compile(r"\W*?([\w'’]+)")


@cache
def _PRENOMINAL() -> re.Pattern:  # noqa: N802
    """A leading "the" before a hyphenated modifier: "the third-quarter", "the 14-day"."""
    return re.compile(rf"(the\s+)\S.*-(?:{_alternation(_table('unit'))})$", re.I | re.S)

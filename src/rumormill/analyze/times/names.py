"""Time words inside names: capitalised mid-sentence, a word prose writes in lower case is a name.

>>> import rumormill
>>> doc = rumormill.nlp()("She watched USA Today on Friday.")
>>> _in_name(doc, 12, 17), _in_name(doc, 21, 27)  # "Today" is a name, "Friday" a day
(True, False)
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc

from .lexicon import _table

_CAPITALISED = frozenset({"holiday", "century"})  # "New Year's Eve", "the 20th Century"


@cache
def _prose_words() -> frozenset[str]:
    """Words of time expressions that prose writes in lower case ("today", "days", "night")."""
    kinds = ("unit", "deictic", "ref", "daypart", "shift", "number", "frequency", "season", "clockword")
    names = {w for kind in ("month", "weekday", "holiday") for phrase in _table(kind) for w in phrase.split()}
    return frozenset(w for kind in kinds for phrase in _table(kind) for w in phrase.split()) - names


def _starts_sentence(token) -> bool:
    """The first word of a sentence, a line, or a quotation or bracket."""
    if token.is_sent_start or token.i == 0:
        return True
    before = token.nbor(-1)
    opening = not any(ch.isalnum() for ch in before.text) and before.text not in (",", "-", "&")
    return opening or "\n" in before.whitespace_ or before.is_space  # after ``, ", (, :, a dash


def _in_name(doc: Doc, start: int, end: int) -> bool:
    """True when `start:end` holds a word written lower case in prose but capitalised here,
    not at the start of a sentence: a name ("USA Today", "Entertainment Tonight", "Days of
    Our Lives", "Sunday Night Football")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    for token in span:
        if token.is_title and token.lower_ in _prose_words() and not _starts_sentence(token):
            return True
    return False

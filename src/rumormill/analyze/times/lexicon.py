"""The times lexicon (`lexicons/times.txt`) as lookup tables, and regexes built from its phrases.

>>> _table("month")["july"], _shift_of("last")
('7', -1)
>>> _alternation(["a", "an"])  # longest first, so that "an" is not read as "a"
'an|a'
"""

from __future__ import annotations

import re
from functools import cache

from .. import lexicons

_LEXICON = "times"


@cache
def _table(kind: str) -> dict[str, str]:
    """Phrase -> value for one class of the times lexicon ("month" -> {"january": "1", ...})."""
    return {row[0].lower(): (row[2] if len(row) > 2 else "") for row in lexicons.load(_LEXICON) if row[1] == kind}


def _words(kind: str) -> frozenset[str]:
    return frozenset(_table(kind))


def _shift_of(word: str | None) -> int:
    if not word:
        return 0
    key = " ".join(word.lower().split())
    shifts = _table("shift")
    return int(shifts.get(key) or shifts.get("the " + key) or shifts.get(key.removeprefix("the "), 0))


def _phrase(phrase: str, abbreviation: bool = False) -> str:
    """A regex for a lexicon phrase: any whitespace between words, either apostrophe."""
    if abbreviation and phrase.endswith("."):
        return re.escape(phrase[:-1]) + r"\.?"
    words = [re.escape(word).replace("'", "['’]") for word in phrase.split()]
    return r"\s+".join(words)


def _capitalised(phrase: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in phrase.split())


def _alternation(phrases, cased: bool = False, abbreviation: bool = False) -> str:
    """Longest first, so that "a couple of" wins over "a". Cased: Capitalised or UPPER only."""
    forms = set()
    for phrase in phrases:
        forms.update({_capitalised(phrase), phrase.upper()} if cased else {phrase})
    ordered = sorted(forms, key=lambda p: (-len(p), p))
    return "|".join(_phrase(p, abbreviation) for p in ordered)

"""The stretches of text around anchor words (a digit, a month, a unit, "now"...) that rules scan.

    >>> [(start, end, sorted(kinds)) for start, end, kinds in _windows("We met on Friday.")]
    [(0, 17, ['holiday', 'weekday'])]

"Friday" is a weekday and a word of a holiday ("Good Friday"); a rule scans a window only if
it holds one of the kinds the rule needs.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import _table

# How far a rule's match reaches beyond its anchor words. Before: "the most recent
# year-earlier fiscal fourth " before "quarter" is 43 characters. After: " or so ago" after
# "years", " p.m. EST" after "10". Modifiers found later ("nearly", "the end of") look at
# the whole text, not the window.
_REACH_BEFORE = 48
_REACH_AFTER = 24

_WORD = re.compile(r"\w+")

_DIGIT = frozenset({"digit"})


@cache
def _anchor_kinds() -> dict[str, frozenset[str]]:
    """Anchor word -> its kinds: every match holds a digit or one of these words."""
    found: dict[str, set[str]] = {}
    kinds = ("month", "weekday", "season", "daypart", "clockword", "unit", "deictic", "ref", "frequency", "holiday")
    for kind in kinds:
        for phrase in _table(kind):
            for word in phrase.split():
                if word not in ("the", "of", "new", "st.", "a"):  # found by its other words
                    found.setdefault(word.rstrip("."), set()).add(kind)
    for word in ("century", "centuries", "period", "nineteen", "thousand", "q1", "q2", "q3", "q4", "half", "weekend"):
        found.setdefault(word, set()).add("calendar")
    return {word: frozenset(k) for word, k in found.items()}


def _windows(text: str) -> list[tuple[int, int, set[str]]]:
    """Stretches of text around anchor words (a digit, a month, a unit, "now"...).

    Every rule's match holds an anchor word near its ends (`_REACH_BEFORE`,
    `_REACH_AFTER`), so the rules need not scan the rest of the text.
    """
    windows: list[list] = []
    anchors = _anchor_kinds()
    for m in _WORD.finditer(text):
        word = m[0]
        kinds = _DIGIT if word[0].isdigit() else anchors.get(word.lower())
        if kinds is None:
            continue
        start, end = max(0, m.start() - _REACH_BEFORE), min(len(text), m.end() + _REACH_AFTER)
        while end < len(text) and text[end].isalnum():  # never cut a word in two
            end += 1
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
            windows[-1][2].update(kinds)
        else:
            windows.append([start, end, set(kinds)])
    return [(s, e, k) for s, e, k in windows]

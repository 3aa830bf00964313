"""A cheap English check: the share of English function words among the words.

Running text in English has 35-55% function words ("the", "of", "and", ...); other
languages written in Latin script have under 10% of these particular words, and other
scripts have almost no ASCII letters. Short texts (under 12 words) are not judged.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Frequent English function words that are rare as words in other Latin-script languages.
_ENGLISH = frozenset(
    "the of and to in is was that for it with as on be at by this have from or had not are "
    "but they his her she he has been were their which would will who we an its when there "
    "can said after than more could about into them our what some these also only over".split()
)
MIN_WORDS = 12
MIN_SHARE = 0.12


def guess_language(text: str) -> str | None:
    """"en", "und" (undetermined, not English), or None when the text is too short to judge."""
    words = _WORD.findall(text[:20_000])
    if len(words) < MIN_WORDS:
        return None
    letters = sum(len(w) for w in words)
    ascii_letters = sum(1 for w in words for ch in w if ch.isascii())
    if ascii_letters / letters < 0.5:
        return "und"
    share = sum(1 for w in words if w.lower() in _ENGLISH) / len(words)
    return "en" if share >= MIN_SHARE else "und"

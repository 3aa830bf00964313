"""Restyle an article by rules, for the credibility style test: the same facts and sources in a
calmer voice.

    >>> restyle("SHOCKING! Kim is secretly heartbroken, an insider claims!!")
    'Surprising. Kim is privately sad, an insider claims.'

Three rules, nothing else: exclamation marks become full stops ("?!" a question mark); words in
capitals of four letters or more are written in lower case (capitalised where they open a
sentence; shorter ones are kept, as they are mostly acronyms: TMZ, NBC); and sensational words
are swapped for the plain ones of the commented lexicon `restyle.txt`. Sources, hedges,
negations, names, numbers and dates are left as they are.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from .masking import sentence_initial

# "!" that is part of a name (E! News, OK! magazine, Yahoo!) stays.
_BANGS = re.compile(r"(?<!\bE)(?<!\bOK)(?<!\bHello)(?<!\bYahoo)!+")
_CAPS = re.compile(r"\b[A-Z][A-Z'’]{3,}\b")


@cache
def plain_words() -> tuple[re.Pattern, dict[str, str]]:
    text = resources.files(__package__).joinpath("restyle.txt").read_text(encoding="utf-8")
    pairs = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        if not line.strip():
            continue
        sensational, _, plain = line.partition("\t")
        pairs[sensational.strip().lower()] = plain.strip()
    names = sorted(pairs, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) + r")\b", re.I)
    return pattern, pairs


def _swap(match: re.Match) -> str:
    word = match.group()
    plain = plain_words()[1][" ".join(word.lower().split())]
    if plain and word[0].isupper():
        plain = plain[0].upper() + plain[1:]
    return plain


def _calm_caps(match: re.Match) -> str:
    word = match.group()
    return word.capitalize() if sentence_initial(match.string, match.start()) else word.lower()


def restyle(text: str | None) -> str | None:
    """The text restyled by the three rules (None stays None)."""
    if not text:
        return text
    text = re.sub(r"\?!+|!+\?", "?", text)
    text = _BANGS.sub(".", text)
    text = re.sub(r"\.(?=\.)", "", text)  # "Wow!." -> "Wow."
    text = _CAPS.sub(_calm_caps, text)
    text = plain_words()[0].sub(_swap, text)
    text = re.sub(r"[ \t]{2,}", " ", text)  # a deleted intensifier leaves no double space
    text = re.sub(r" +([,.;:?])", r"\1", text)
    return text

"""A candidate name span (`Name`) and the words that identify it.

>>> doc = nlp("Ms Jowell's office said")
>>> trim(doc, 0, 3)          # the span without the possessive, and the title's gender
(0, 2, 'f')
>>> name_words(doc, 0, 2)
('Jowell',)
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ._lexicon import POSSESSIVE, QUOTE_MARKS, lexicon


@dataclass
class Name:
    start: int  # token indices, end exclusive
    end: int
    kind: str
    source: str  # "ner" | "lexicon" | "title" | "context"
    gender: str | None = None  # from a title before the name ("Mrs")
    words: tuple[str, ...] = ()  # the name's words without titles and punctuation


def trim(doc: Doc, start: int, end: int) -> tuple[int, int, str | None]:
    """Strip determiners, titles and possessives from a span; return the title's gender."""
    honorifics = lexicon().honorifics
    gender = None
    for title in (doc[start - 1] if start > 0 else None, doc[start] if end - start > 1 else None):
        if title is not None and title.text.rstrip(".") in honorifics:
            gender = honorifics[title.text.rstrip(".")]  # "Ms Jowell", with or without "Ms" in the span
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].text in QUOTE_MARKS):
        start += 1
    while end > start and (
        doc[end - 1].text in POSSESSIVE
        or doc[end - 1].text in QUOTE_MARKS
        or doc[end - 1].is_punct
        or doc[end - 1].text.rstrip(".") in honorifics
        and end - 1 > start
    ):
        end -= 1  # "Sunday Times Mr" (the title belongs to the next name)
    return start, end, gender


def name_words(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    honorifics = lexicon().honorifics
    words = [t.text for t in doc[start:end] if not t.is_punct and t.text not in POSSESSIVE]
    while len(words) > 1 and words[0].rstrip(".") in honorifics:
        words.pop(0)
    return tuple(words)

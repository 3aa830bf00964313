"""Titles of works that spaCy misses: after a work noun, and in quotes before a role noun.

>>> title_run(nlp("She starred in the show Keeping Up with the Kardashians last year."), 5, 13)
10
>>> quoted_title(nlp("the 'Wash Us In The Blood' rapper said"), 1, 10)
(2, 7)
"""

from __future__ import annotations

from spacy.tokens import Doc

from ._lexicon import QUOTE_MARKS, lexicon


def title_run(doc: Doc, i: int, limit: int) -> int:
    """End of a Title Case run at token i: "Get Out", "Keeping Up with the Kardashians"."""
    j, end = i, i
    while j < limit and j - i < 8:
        token = doc[j]
        if token.text[:1].isupper() and not token.is_punct and not (j > i and token.is_sent_start):
            end = j = j + 1
        elif j > i and token.is_lower and len(token.text) <= 4 and not token.is_punct:
            j += 1  # "with", "the", "of" inside a title, kept only if a capital follows
        else:
            break
    return end


def quoted_title(doc: Doc, i: int, sent_end: int) -> tuple[int, int] | None:
    """A Title Case phrase in quotes that starts after the quote mark at token i, if it is a
    work: a role or work noun follows it ("the 'Wash Us In The Blood' rapper") or a work noun
    precedes it ("the song 'Famous'")."""
    lex = lexicon()
    j = i + 1
    limit = min(sent_end, i + 12)
    while j < limit and doc[j].text not in QUOTE_MARKS:
        j += 1
    if j >= limit or j == i + 1 or not doc[i + 1].text[:1].isupper():
        return None
    if not doc[j].whitespace_ and j + 1 < len(doc) and not doc[j + 1].is_punct:
        return None  # an apostrophe inside a word ("who’s"), not a closing quote
    if not all(t.text[:1].isupper() or not t.is_alpha or len(t.text) <= 4 for t in doc[i + 1 : j]):
        return None
    after = doc[j + 1].lower_ if j + 1 < len(doc) else ""
    before = doc[i - 1].lower_ if i > 0 else ""
    if after in lex.works or lex.roles.get(after, ("",))[0] == "person" or before in lex.works:
        return i + 1, j
    return None

"""Short walks over spaCy's dependency tree that several steps share.

>>> doc = nlp("Kim bought it for herself")
>>> clause_subject(doc[4])
Kim
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def clause_subject(token: Token) -> Token | None:
    """The subject of the clause that contains `token` (through xcomp and conj chains)."""
    head = token
    for _ in range(8):  # clauses rarely nest deeper; bounds the walk on odd parses
        subjects = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
        if subjects and head.i != token.i:
            return subjects[0]
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def dominates(ancestor: Token, token: Token) -> bool:
    head = token
    for _ in range(20):  # bounded: parses are shallow
        if head.i == ancestor.i:
            return True
        if head.head.i == head.i:
            return False
        head = head.head
    return False


def head_of(doc: Doc, start: int, end: int) -> Token:
    """The token of a span whose head lies outside it (spaCy's `Span.root`)."""
    return doc[start:end].root

"""Small helpers over spaCy's dependency tree: subtrees, trimming, children, clause verbs."""

from __future__ import annotations

from spacy.tokens import Doc, Token


def _subtree_range(token: Token) -> tuple[int, int]:
    return (token.left_edge.i, token.right_edge.i + 1)


def trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Drop punctuation, spaces and conjunctions at both ends; None when nothing is left.
    A closing quote mark stays when the span opens a quote ('her a "white supremacist"')."""
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "cc"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"):
        end -= 1
    if start < end and end < len(doc) and doc[end].is_quote and doc[end].tag_ == "''":
        opened = sum(1 for t in doc[start:end] if t.is_quote) % 2 == 1
        if opened:
            end += 1
    return (start, end) if start < end else None


def _has_aux_to(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _is_passive(token: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _clause_verb(token: Token) -> Token:
    """The nearest verb at or above `token` that heads a clause (for adverbs, PPs)."""
    current = token
    for _ in range(8):  # a clause head is never more than a few arcs up; stop on odd parses
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("aux", "auxpass"):
            return current
        if current.head.i == current.i:
            return current
        current = current.head
    return current

"""The compact features an article is linked by, computed once from its Analysis.

Linking a new article must not read other articles' full Analyses, so everything placement
compares is reduced here to a few small maps: the names the article is about (weighted by how
often it names them), the content words of its headline and body, a date, and a MinHash
signature of its body for near-duplicate detection.

    >>> f = features(analysis)
    >>> f.entities        # {"kim kardashian": 2.6, "kanye west": 2.4, ...}
    >>> f.terms           # {"apart": 1.7, "divorce": 2.1, ...}
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from datasketch import MinHash

from ..analyze.claims import boilerplate_start
from ..model import Analysis

NUM_PERM = 128
SHINGLE = 3  # words per shingle: a light rewrite still shares most three-word runs
MAX_ENTITIES = 8
# Entities that can name an event's participants; places and "other" are context, not the event.
ENTITY_KINDS = {"person": 1.0, "organisation": 0.7, "work": 0.8}
MIN_PARAGRAPH_WORDS = 8  # shorter paragraphs are captions, credits and sign-offs

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_TITLE_TAIL = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")  # " | Outlet Name" after a headline


@dataclass
class Features:
    """What placement compares: weights by lowercased name and by term, a date, a signature."""

    entities: dict[str, float] = field(default_factory=dict)
    terms: dict[str, float] = field(default_factory=dict)
    published: str | None = None
    signature: np.ndarray | None = None  # NUM_PERM uint32 minimum hashes, or None for too little text


@cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    extra = {
        "said",
        "says",
        "say",
        "told",
        "tell",
        "new",
        "just",
        "like",
        "according",
        "report",
        "reports",
        "reportedly",
        "source",
        "sources",
        "news",
        "year",
        "years",
        "time",
        "people",
        "photo",
        "photos",
    }
    return frozenset(STOP_WORDS) | extra


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def stem(word: str) -> str:
    """A light stem so that "divorce", "divorced" and "divorces" count as one term."""
    for suffix, keep in (("'s", 0), ("ies", 1), ("ing", 0), ("ed", 0), ("es", 0), ("s", 0)):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: len(word) - len(suffix)] + ("y" if keep else "")
    return word


def content_terms(text: str) -> list[str]:
    stops = _stop_words()
    return [stem(w) for w in words(text) if w not in stops and len(w) > 2 and not w.isdigit()]


def headline(title: str | None) -> str:
    """The headline without the outlet's name after a bar or dash."""
    return _TITLE_TAIL.sub("", title or "").strip()


def entity_weights(analysis: Analysis) -> dict[str, float]:
    """Names the article is about: full names of people, organisations and works, weighted by
    how many times the article mentions each (log-damped), the most mentioned first."""
    weights: dict[str, float] = {}
    for entity in analysis.entities:
        kind = ENTITY_KINDS.get(entity.kind)
        name = " ".join(words(entity.name))
        if kind is None or len(name) < 3:
            continue
        weights[name] = weights.get(name, 0.0) + kind * (1.0 + np.log1p(len(entity.mentions)))
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_ENTITIES]
    return {name: round(float(w), 3) for name, w in top}


def term_weights(title: str | None, text: str) -> dict[str, float]:
    """Content words of the headline (counted twice) and the body, with sublinear counts
    (1 + log n): which of them matter is for their document frequency to say, in `stories`."""
    counts: dict[str, int] = {}
    for weight, part in ((2, headline(title)), (1, text)):
        for term in content_terms(part):
            counts[term] = counts.get(term, 0) + weight
    return {term: round(1.0 + float(np.log(n)), 3) for term, n in counts.items()}


def body_shingles(text: str) -> set[bytes]:
    """Three-word shingles of the body without its boilerplate: short paragraphs (captions,
    credits, "Let us know in the comments") and sentences from a boilerplate opener on are left
    out, so two unrelated pieces from one site do not look alike through their furniture."""
    kept = []
    for paragraph in re.split(r"\n\s*\n|\r\n\s*\r\n", text):
        cut = boilerplate_start(paragraph)
        if cut is not None:
            paragraph = paragraph[:cut]
        tokens = words(paragraph)
        if len(tokens) >= MIN_PARAGRAPH_WORDS:
            kept.extend(tokens)
    return {" ".join(kept[i : i + SHINGLE]).encode() for i in range(len(kept) - SHINGLE + 1)}


MIN_SHINGLES = 20  # below this a text is too short to call anything a copy of it


def signature(text: str) -> np.ndarray | None:
    shingles = body_shingles(text)
    if len(shingles) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    minhash.update_batch(sorted(shingles))
    return minhash.hashvalues.astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The estimated Jaccard similarity of two signatures' shingle sets."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def features(analysis: Analysis, published: str | None = None) -> Features:
    article = analysis.article
    return Features(
        entities=entity_weights(analysis),
        terms=term_weights(article.title, article.text),
        published=published if published is not None else article.published,
        signature=signature(article.text),
    )

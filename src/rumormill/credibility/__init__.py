"""Credibility: how likely an article's central claims are to hold up, from its content and
sourcing (never its outlet), with every score explained by factors that point at the text.

    >>> from rumormill import analyze
    >>> analysis = analyze("Kim is said to live in Calabasas, a source claims.", published="2020-07-31")
    >>> 0.0 <= analysis.credibility.score <= 1.0
    True

features.py computes what the analysis says about sourcing, model.py scores and explains it
with the shipped artefact (credibility.json), train.py trains one, explain.py words it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from ..model import Analysis, Credibility

__all__ = ["score"]

_UNSCORED = False


@contextmanager
def unscored() -> Iterator[None]:
    """Analyse without the credibility stage: for training data, whose score by the model being
    replaced is not wanted (and that model may not even load, when its features changed)."""
    global _UNSCORED
    before, _UNSCORED = _UNSCORED, True
    try:
        yield
    finally:
        _UNSCORED = before


def scoring() -> bool:
    return not _UNSCORED


def score(analysis: Analysis, threads: Sequence[dict] | None = None, model=None) -> Credibility:
    """Score one analysed article with `model` (default: the `credibility_model` setting's file,
    else the shipped one; loaded once).

    `threads` are claim threads from the store, when there are any (see features.py)."""
    from .model import default

    return (model or default()).score(analysis, threads)


def stage(ctx) -> None:
    """The pipeline's last stage: score what the earlier stages found."""
    if _UNSCORED:
        return
    analysis = Analysis.model_construct(
        article=ctx.article, claims=ctx.claims, quotes=ctx.quotes, entities=ctx.entities, sourcing=ctx.sourcing
    )
    ctx.credibility = score(analysis)

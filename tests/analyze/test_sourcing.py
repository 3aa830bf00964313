"""The sourcing profile counts claims by source kind and certainty."""

from __future__ import annotations

from rumormill.analyze.context import Context
from rumormill.analyze.sourcing import summarise
from rumormill.model import Article, Claim, Source, Span


def _claim(n, kind, certainty, name=None):
    span = Span(start=0, end=3, text="Kim")
    return Claim(id=f"c{n}", span=span, text="Kim", source=Source(kind=kind, name=name), certainty=certainty)


def test_sourcing_profile_counts_and_shares(nlp):
    article = Article(text="Kim")
    ctx = Context(article=article, doc=nlp("Kim"), published=None)
    ctx.claims = [
        _claim(1, "reports", "hedged"),
        _claim(2, "reports", "hedged"),
        _claim(3, "anonymous", "asserted"),
        _claim(4, "named", "asserted", "Kanye West"),
        _claim(5, "none", "asserted"),
    ]
    sourcing = summarise(ctx)
    assert sourcing.claims == 5
    assert sourcing.by_source == {
        "named": 1,
        "descriptive": 0,
        "anonymous": 1,
        "reports": 2,
        "outlet": 0,
        "self": 0,
        "none": 1,
    }
    assert sourcing.by_certainty == {"asserted": 3, "hedged": 2, "denied": 0}
    assert (sourcing.share_hedged, sourcing.share_anonymous, sourcing.share_named, sourcing.share_unsourced) == (
        0.4,
        0.2,
        0.2,
        0.2,
    )
    assert sourcing.named_sources == ["Kanye West"]


def test_sourcing_profile_of_no_claims(nlp):
    ctx = Context(article=Article(text="Hi"), doc=nlp("Hi"), published=None)
    sourcing = summarise(ctx)
    assert (sourcing.claims, sourcing.share_hedged) == (0, 0.0)

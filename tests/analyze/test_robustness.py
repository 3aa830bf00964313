"""Hostile and odd text never breaks the analysis: it gives an Analysis or an InputError.

Property-based: hypothesis builds texts from news-like words, quote marks of every kind, line
breaks, numbers, dates and stray Unicode, the material that trips up rule-based extractors
(an unclosed quote, a cue with nothing after it, a paragraph of punctuation).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rumormill import InputError, analyze
from rumormill.model import Article

PIECES = [
    "Kim",
    "Kanye West",
    "she",
    "he",
    "they",
    "the rapper",
    "a source",
    "an insider",
    "reportedly",
    "is said to",
    "claimed",
    "said",
    "told",
    "tweeted",
    "denied",
    "according to",
    "reports",
    "the couple",
    "wed",
    "in 2014",
    "on July 20",
    "yesterday",
    "since November",
    "for a year",
    "their children",
    "North, seven,",
    "39",
    "not",
    "if",
    "may",
    "Picture: Getty",
    "\u201c",
    "\u201d",
    '"',
    "'",
    "\u2018",
    "\u2019",
    ",",
    ".",
    ":",
    ";",
    "-",
    "\u2014",
    "?",
    "!",
    "(",
    ")",
    "\n",
    "\n\n",
    "  ",
    "\t",
    "$14 million",
    "@kimk",
    "#news",
    "https://example.com/a?b=1",
    "\u00e9t\u00e9",
    "\u0416\u0443\u043a",
    "\u6f22\u5b57",
    "\U0001f600",
    "\u200b",
]

texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=60).map(" ".join)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_robustness_any_text_gives_analysis_or_input_error(text):
    try:
        analysis = analyze(Article(text=text, language="en"), published="2020-07-31")
    except InputError:
        return
    body = analysis.article.text
    for claim in analysis.claims:
        assert body[claim.span.start : claim.span.end] == claim.span.text
        assert 0.0 <= claim.check_worthy <= 1.0
    ids = {e.id for e in analysis.entities}
    assert all(r.subject in ids and r.object in ids for r in analysis.relations)
    assert all(q.speaker.entity is None or q.speaker.entity in ids for q in analysis.quotes)


@settings(deadline=None)
@given(text=st.text(min_size=1, max_size=400))
def test_robustness_arbitrary_unicode(text):
    try:
        analyze(text)
    except InputError:
        pass

"""Credibility features on real analyses: values that mean what they say, spans into the text."""

from __future__ import annotations

import math

import pytest

import rumormill
from rumormill.credibility.features import NAMES, central_claim, extract, sensational_cues, unattributed_quotes


def _spans_match(analysis, features):
    text = analysis.article.text
    for feature in features:
        for span in feature.evidence:
            assert span.text == text[span.start : span.end], (feature.name, span)


def test_features_of_the_example_are_named_in_order_and_point_into_the_text(example_analysis):
    features = extract(example_analysis)
    assert [f.name for f in features] == list(NAMES)
    _spans_match(example_analysis, features)
    by_name = {f.name: f for f in features}
    assert 0 < by_name["named_sources"].value < 1
    assert by_name["anonymous_sources"].evidence  # "a source" backs some of its claims
    assert any(s.text.lower() == "reportedly" for s in by_name["hedging"].evidence)
    assert by_name["corroboration"].value is None  # no claim threads given
    assert by_name["text_model"].value is None  # filled in by the model


def test_shares_count_claims_by_source_kind():
    analysis = rumormill.analyze(
        "Kim Kardashian said she is moving to Wyoming. A source claims the couple split in June. "
        "The singer reportedly bought a ranch in Cody."
    )
    by_name = {f.name: f for f in extract(analysis)}
    kinds = [c.source.kind for c in analysis.claims]
    assert by_name["named_sources"].value == pytest.approx(kinds.count("named") / len(kinds))
    assert by_name["anonymous_sources"].value == pytest.approx(
        sum(k in ("anonymous", "descriptive") for k in kinds) / len(kinds)
    )
    assert by_name["unnamed_reports"].value == pytest.approx(kinds.count("reports") / len(kinds))
    assert "of 3 claims" in by_name["named_sources"].note or len(kinds) != 3


def test_central_claim_is_the_body_claim_matching_the_headline():
    article = rumormill.Article(
        title="Kanye West buys Wyoming ranch | Some Outlet",
        text="The weather was nice in Los Angeles on Monday. Kanye West bought a huge ranch in Wyoming, his rep said.",
    )
    analysis = rumormill.analyze(article)
    claim = central_claim(analysis)
    assert claim is not None and "ranch" in claim.text
    feature = {f.name: f for f in extract(analysis)}["headline_named"]
    assert all(s.text == analysis.article.text[s.start : s.end] for s in feature.evidence)
    assert feature.evidence[0] == claim.span


def test_without_a_title_the_central_claim_is_the_lede():
    analysis = rumormill.analyze("Kanye West bought a ranch in Wyoming on Monday. It rained in Los Angeles.")
    assert "ranch" in central_claim(analysis).text


def test_sensational_cues_come_from_the_lexicon_as_whole_words():
    text = "A BOMBSHELL report: the star is heartbroken, behind closed doors. Splitting hairs is not a split."
    found = [s.text for s in sensational_cues(text)]
    assert found == ["BOMBSHELL", "heartbroken", "behind closed doors"]


def test_quotes_without_a_speaker_are_counted_and_attributed_ones_are_not():
    analysis = rumormill.analyze(
        '"We are very happy together and we love our kids," Kim said.\n\n'
        "The couple married in 2014 and has four children.\n\n"
        'Things are bad now. "They have been fighting for months and it is over."'
    )
    spans = unattributed_quotes(analysis)
    assert [s.text for s in spans] == ["They have been fighting for months and it is over."]
    assert {f.name: f for f in extract(analysis)}["unattributed_quotes"].value == pytest.approx(math.log1p(1))


def test_denials_on_record_count_named_denials():
    analysis = rumormill.analyze("Kim Kardashian denied that she is pregnant with her fifth child.")
    feature = {f.name: f for f in extract(analysis)}["denials"]
    assert feature.value == pytest.approx(math.log1p(1))
    assert feature.evidence


def test_corroboration_counts_independent_origins_once():
    analysis = rumormill.analyze("Kim Kardashian is moving to Wyoming.")
    threads = [
        {"stance": "confirm", "origin": "a"},
        {"stance": "confirm", "origin": "a"},  # the same origin again: one vote
        {"stance": "confirm", "origin": "b"},
        {"stance": "deny", "origin": "c"},
    ]
    feature = {f.name: f for f in extract(analysis, threads)}["corroboration"]
    assert feature.value == pytest.approx(math.log1p(2) - math.log1p(1))

"""The model article: the analysis finds everything that examples/README.md lists.

This is the integration test of the whole pipeline on real text (the real spaCy model).
"""

from __future__ import annotations

import pytest


def _entity(analysis, name):
    found = [e for e in analysis.entities if e.name == name or name in e.aliases]
    assert found, f"no entity {name!r} among {[e.name for e in analysis.entities]}"
    return found[0]


def _claim_with(analysis, words):
    found = [c for c in analysis.claims if words in analysis.article.text[c.span.start : c.span.end]]
    assert found, f"no claim whose span contains {words!r}"
    return found[0]


def _claim_by_hedge_or_cue(analysis, word):
    for claim in analysis.claims:
        pieces = [h.text for h in claim.hedges] + ([claim.cue.text] if claim.cue else [])
        pieces += [claim.source.span.text] if claim.source.span else []
        if any(word.lower() in p.lower() for p in pieces):
            return claim
    raise AssertionError(f"no claim with a hedge, cue or source {word!r}")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Kim Kardashian", "person"),
        ("Kanye West", "person"),
        ("North", "person"),
        ("Saint", "person"),
        ("Chicago", "person"),
        ("Psalm", "person"),
        ("Kris Jenner", "person"),
        ("Meek Mill", "person"),
        ("Calabasas", "place"),
        ("Los Angeles", "place"),
        ("Cody", "place"),
        ("Wyoming", "place"),
    ],
)
def test_example_entities(example_analysis, name, kind):
    assert _entity(example_analysis, name).kind == kind


def test_example_chicago_is_a_child_not_the_city(example_analysis):
    chicago = [e for e in example_analysis.entities if e.name == "Chicago"]
    assert [e.kind for e in chicago] == ["person"]


@pytest.mark.parametrize(
    ("name", "age"),
    [("Kim Kardashian", 39), ("Kanye West", 43), ("North", 7), ("Saint", 4), ("Chicago", 2), ("Psalm", 1)],
)
def test_example_ages(example_analysis, name, age):
    ages = [a for a in _entity(example_analysis, name).attributes if a.name == "age"]
    assert [int(a.value) for a in ages][:1] == [age]
    assert ages[0].as_of == "2020-07-31"


def test_example_descriptors_resolve(example_analysis):
    kim = _entity(example_analysis, "Kim Kardashian")
    kanye = _entity(example_analysis, "Kanye West")
    assert any("KKW Beauty owner" in m.text for m in kim.mentions if m.type == "descriptor")
    assert any("rapper" in m.text for m in kanye.mentions if m.type == "descriptor")
    assert any(m.type == "pronoun" for m in kanye.mentions)


def _relations(analysis):
    names = {e.id: e.name for e in analysis.entities}
    return {(names[r.subject], r.predicate, names[r.object]) for r in analysis.relations}


def test_example_marriage(example_analysis):
    relations = _relations(example_analysis)
    assert ("Kim Kardashian", "spouse", "Kanye West") in relations or (
        "Kanye West",
        "spouse",
        "Kim Kardashian",
    ) in relations
    spouse = [r for r in example_analysis.relations if r.predicate == "spouse"]
    assert any(r.since is not None and r.since.value == "2014" for r in spouse)


@pytest.mark.parametrize("child", ["North", "Saint", "Chicago", "Psalm"])
def test_example_children(example_analysis, child):
    relations = _relations(example_analysis)
    for parent in ("Kim Kardashian", "Kanye West"):
        assert (parent, "parent", child) in relations or (child, "child", parent) in relations


@pytest.mark.parametrize("cue", ["reportedly", "rumoured", "is said to", "is thought to", "According to reports"])
def test_example_reported_claims_are_hedged(example_analysis, cue):
    claim = _claim_by_hedge_or_cue(example_analysis, cue)
    assert (claim.source.kind, claim.certainty) == ("reports", "hedged")


def test_example_anonymous_source(example_analysis):
    claim = _claim_by_hedge_or_cue(example_analysis, "a source")
    assert claim.source.kind == "anonymous"
    assert claim.cue is not None and claim.cue.text == "claims"


def test_example_kanye_claimed(example_analysis):
    kanye = _entity(example_analysis, "Kanye West")
    claim = _claim_with(example_analysis, "trying to divorce Kim")
    assert claim.source.kind == "named"
    assert claim.source.entity == kanye.id
    assert claim.cue is not None and claim.cue.text == "claimed"


def test_example_outlet_voice(example_analysis):
    claim = _claim_with(example_analysis, "wed in 2014")
    assert (claim.source.kind, claim.certainty) == ("none", "asserted")


def test_example_no_claim_from_photo_credit(example_analysis):
    text = example_analysis.article.text
    for claim in example_analysis.claims:
        assert "Getty" not in text[claim.span.start : claim.span.end]


def test_example_quotes_and_speakers(example_analysis):
    kanye = _entity(example_analysis, "Kanye West")
    by_start = {q.span.text[:25]: q for q in example_analysis.quotes}
    tweet = next(q for k, q in by_start.items() if k.startswith("Kim was trying to fly"))
    assert tweet.speaker.entity == kanye.id
    assert tweet.speaker.channel == "social_post"
    assert tweet.cue is not None and tweet.cue.text == "tweeted"
    assert tweet.date is not None and tweet.date.value == "2020-07-20"
    speech = next(q for k, q in by_start.items() if k.startswith("My mom saved my life"))
    assert speech.speaker.entity == kanye.id
    assert speech.speaker.channel == "speech"
    source = next(q for k, q in by_start.items() if k.startswith("Kanye has been in Wyoming"))
    assert source.speaker.kind == "anonymous"
    assert "brings the kids" in source.span.text  # the quote runs over two sentences
    follow_on = next(q for k, q in by_start.items() if k.startswith("When together"))
    assert follow_on.speaker.kind == "anonymous"  # next paragraph continues the source


def test_example_scare_quotes_are_not_speech(example_analysis):
    # a nickname is no speech; two words under a cue are the speaker's ("hailed her a
    # "white supremacist"": Kanye's words, a partial quote inside the reported clause)
    assert not [q for q in example_analysis.quotes if q.span.text == "Kris Jong Un"]
    (partial,) = [q for q in example_analysis.quotes if q.span.text == "white supremacist"]
    assert partial.speaker.name == "Kanye West"


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("2014", "2014"),
        ("November 2018", "2018-11"),
        ("July 20", "2020-07-20"),
        ("this week", "2020-W31"),
        ("for a year", "P1Y"),
        ("yesterday", "2020-07-19"),
    ],
)
def test_example_times(example_analysis, words, value):
    found = [t for t in example_analysis.times if words in t.span.text or t.span.text in words]
    assert value in [t.value for t in found], [(t.span.text, t.value) for t in found]


def test_example_since_is_an_interval_start(example_analysis):
    since = next(t for t in example_analysis.times if t.value == "2018-11")
    assert since.mod == "interval_start"


def test_example_sourcing_profile(example_analysis):
    sourcing = example_analysis.sourcing
    assert sourcing.claims == len(example_analysis.claims)
    assert sourcing.by_source["reports"] >= 5
    assert sourcing.by_source["anonymous"] >= 1
    assert sourcing.by_source["named"] >= 2
    assert 0 < sourcing.share_hedged < 1

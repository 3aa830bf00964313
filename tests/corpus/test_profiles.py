"""Entity profiles across articles: facts with provenance, derived birth dates, conflicts."""

from __future__ import annotations

import importlib

import pytest

import rumormill
from rumormill import open_store
from rumormill.model import Article

from .story_morrow import articles

# the module, not the `rumormill.corpus.profiles()` function that shares its name
profiles = importlib.import_module("rumormill.corpus.profiles")


@pytest.fixture(scope="module")
def analyses():
    return list(rumormill.analyze_many(articles()))


@pytest.fixture
def filled(tmp_path, analyses):
    with open_store(f"sqlite:///{tmp_path / 'profiles.db'}") as store:
        store.add_many(analyses)
        yield store


def test_a_short_name_resolves_to_the_full_name_it_stands_for(filled):
    assert profiles.resolve(filled, "Morrow") == ("Lena Morrow", "person")
    assert profiles.resolve(filled, "lena-morrow") == ("Lena Morrow", "person")
    assert profiles.resolve(filled, "Nobody Here") is None


def test_facts_carry_article_span_and_date(filled):
    profile = profiles.profile(filled, "Lena Morrow")
    assert profile.id == "lena-morrow"
    assert profile.articles == 5  # the three copies of the rumour are one article
    assert profile.first_seen == "2024-03-10" and profile.last_seen == "2024-06-20"
    ages = {(f.value, f.published) for f in profile.facts if f.kind == "age"}
    assert ("34", "2024-03-10") in ages and ("37", "2024-03-11") in ages
    for fact in profile.facts:
        stored = filled.get(fact.article_id).article.text
        assert stored[fact.span.start : fact.span.end] == fact.span.text
    spouses = {f.value for f in profile.facts if f.kind == "spouse"}
    assert spouses == {"Theo Vance"}
    assert any(f.kind == "child" and f.value == "Ivy" and f.object == "ivy" for f in profile.facts)


def test_an_age_that_does_not_fit_the_dates_is_a_conflict(filled):
    profile = profiles.profile(filled, "Lena Morrow")
    ages = [c for c in profile.conflicts if c.kind == "age"]
    assert len(ages) == 1
    assert {f.value for f in ages[0].facts} == {"34", "37"}
    assert "34" in ages[0].message and "37" in ages[0].message
    # Theo Vance is 41 in March and in June: one birth range, no conflict
    vance = profiles.profile(filled, "Theo Vance")
    assert not [c for c in vance.conflicts if c.kind == "age"]
    assert vance.born["after"] <= vance.born["before"]
    assert vance.born == {"after": "1982-06-21", "before": "1983-03-11"}


def test_two_spouses_at_one_date_are_a_conflict(tmp_path):
    """Through the whole analysis: the relations come from the articles' own words."""
    texts = [
        ("Singer Ada Quill and her husband Tom Birch attended the gala in London.", "2023-05-01"),
        ("Ada Quill and her husband Raj Patel were seen in Paris on Friday.", "2023-05-12"),
        ("Ada Quill and her husband Leo Marsh opened a restaurant.", "2026-01-10"),
    ]
    analyses = rumormill.analyze_many(Article(text=t, published=d) for t, d in texts)
    with open_store(f"sqlite:///{tmp_path / 'spouses.db'}") as store:
        store.add_many(analyses)
        profile = profiles.profile(store, "Ada Quill")
    spouses = [c for c in profile.conflicts if c.kind == "spouse"]
    assert [sorted(f.value for f in c.facts) for c in spouses] == [["Raj Patel", "Tom Birch"]]


def test_profiles_lists_the_most_written_about(filled):
    top = profiles.profiles(filled, limit=3)
    assert top[0].name in ("Lena Morrow", "Theo Vance") and top[0].articles == 5
    assert [p.name for p in profiles.profiles(filled, "delg")] == ["Marco Delgado"]

"""One person across articles, and relations in time: profiles read from small hand-built
analyses (the entities and relations an article's analysis would hold), stored in a real store.

The people are the gossip pages' own; the texts are short and written for the tests.
"""

from __future__ import annotations

import importlib

from rumormill import corpus
from rumormill.corpus.model import Fact
from rumormill.model import Analysis, Article, Entity, Relation, TimeRef

profiles = importlib.import_module("rumormill.corpus.profiles")


def analysis(
    text: str, published: str, people: list[str], relations=(), title: str | None = None, aliases=()
) -> Analysis:
    """An article's analysis by hand: one person entity per name (e1, e2, ...; a name must be
    written in the text; the first one has `aliases`), and relations as (subject, predicate,
    object, evidence, since) with people by name and the evidence a piece of the text."""
    article = Article(text=text, published=published, title=title or text[:60])
    ids = {name: f"e{k}" for k, name in enumerate(people, 1)}
    entities = [
        Entity(id=ids[name], name=name, kind="person", aliases=list(aliases) if k == 0 else [])
        for k, name in enumerate(people)
    ]
    rows = []
    for k, (subject, predicate, obj, evidence, since) in enumerate(relations, 1):
        start = text.index(evidence)
        span = {"start": start, "end": start + len(evidence), "text": evidence}
        when = None
        if since is not None:
            at = text.index(since)
            when = TimeRef(id=f"t{k}", span={"start": at, "end": at + len(since), "text": since}, value=since)
        rows.append(
            Relation(id=f"r{k}", subject=ids[subject], predicate=predicate, object=ids[obj], span=span, since=when)
        )
    return Analysis(article=article, entities=entities, relations=rows)


# `store`: a fresh store on SQLite and on PostgreSQL in turn (tests/corpus/conftest.py)


def spouse_conflicts(store, name: str) -> list[list[str]]:
    found = profiles.profile(store, name)
    return [sorted(f.value for f in c.facts) for c in found.conflicts if c.kind == "spouse"]


# -- names ------------------------------------------------------------------------------------


def test_name_words_drop_what_is_not_the_name():
    assert profiles.name_words("Kim Kardashian’s") == ("kim", "kardashian")
    assert profiles.name_words("Kim K.") == ("kim", "k")
    assert profiles.name_words("Robert Downey Jr.") == ("robert", "downey")
    assert profiles.name_words("Mrs Prince William") == ("prince", "william")
    assert profiles.name_words("Lady Gaga") == ("lady", "gaga")  # the title is all of the name
    assert profiles.name_words("Kanye West // Slime") == ("kanye", "west", "slime")  # a headline slip
    assert profiles.name_words("Kim Kardashian & Kate Middleton") == ()  # two people: never merged


def test_variants_share_the_first_name_and_the_rest_in_order():
    words = profiles.name_words
    assert profiles.variant_of(words("Kanye West"), words("Kanye Omari West"))
    assert profiles.variant_of(words("Kim K."), words("Kim Kardashian"))
    assert profiles.variant_of(words("Kim Kardashian"), words("Kim Kardashian West"))
    assert not profiles.variant_of(words("Kim Kardashian"), words("Kim Jong Un"))
    assert not profiles.variant_of(words("Kim K."), words("Kim Jong Un"))
    assert not profiles.variant_of(words("Kourtney Kardashian"), words("Kim Kardashian"))
    assert not profiles.variant_of(words("Kim"), words("Kim Kardashian"))  # a first name alone: see below


def test_canonical_names_follow_the_most_written_form():
    counts = {
        "kim kardashian": 20,
        "kim kardashian west": 5,
        "kim k.": 1,
        "kim west": 1,
        "kim basinger": 2,
        "kim": 3,
    }
    canonical = profiles.canonical_names(counts)
    assert {n for n, c in canonical.items() if c == "kim kardashian"} == {
        "kim kardashian",
        "kim kardashian west",
        "kim k.",
        "kim west",  # by way of "kim kardashian west"
    }
    assert canonical["kim basinger"] == "kim basinger"
    assert canonical["kim"] == "kim"


def test_a_middle_name_is_one_profile(store):
    store.add_many(
        [
            analysis("Kanye West released an album.", "2018-06-01", ["Kanye West"]),
            analysis("Kanye West spoke in Chicago.", "2018-06-02", ["Kanye West"]),
            analysis("Kanye Omari West was born in Atlanta.", "2018-06-03", ["Kanye Omari West"]),
            analysis(
                "Kim Kardashian and her husband Kanye Omari West left.",
                "2018-06-04",
                ["Kim Kardashian", "Kanye Omari West"],
                [("Kim Kardashian", "spouse", "Kanye Omari West", "her husband Kanye Omari West", None)],
            ),
        ]
    )
    assert profiles.resolve(store, "Kanye Omari West") == ("Kanye West", "person")
    assert profiles.resolve(store, "kanye-omari-west") == ("Kanye West", "person")
    profile = corpus.profile(store, "Kanye Omari West")
    assert (profile.id, profile.name, profile.articles) == ("kanye-west", "Kanye West", 4)
    assert "Kanye Omari West" in profile.aliases
    assert corpus.profile(store, "Kanye West").articles == 4
    listed = [(p.name, p.articles) for p in corpus.profiles(store)]
    assert listed == [("Kanye West", 4), ("Kim Kardashian", 1)]
    # on her profile, her husband goes by his profile's name, and links to it
    kim = profiles.profile(store, "Kim Kardashian")
    assert [(f.kind, f.value, f.object, f.span.text) for f in kim.facts] == [
        ("spouse", "Kanye West", "kanye-west", "her husband Kanye Omari West")
    ]


def test_a_first_name_asked_for_is_the_full_name_it_stands_for(store):
    store.add_many(
        [
            analysis("Kanye West released an album. Kanye smiled.", "2018-06-01", ["Kanye West"], aliases=["Kanye"]),
            analysis("Kanye West spoke in Chicago. Kanye left.", "2018-06-02", ["Kanye West"], aliases=["Kanye"]),
            analysis("Kanye waved.", "2018-06-03", ["Kanye"]),  # an article that never names him in full
        ]
    )
    # "Kanye" stands for Kanye West in two articles and for a Kanye of no surname in one
    assert profiles.resolve(store, "Kanye") == ("Kanye West", "person")
    assert profiles.resolve(store, "Kanye Omari West") is None  # no article writes it


def test_a_place_asked_for_by_its_name_is_the_place(store):
    city = Analysis(
        article=Article(text="Paris was sunny.", published="2018-06-01"),
        entities=[Entity(id="e1", name="Paris", kind="place")],
    )
    store.add_many(
        [
            city,
            analysis("Paris Hilton left. Paris smiled.", "2018-06-02", ["Paris Hilton"], aliases=["Paris"]),
            analysis("Paris Hilton sang. Paris waved.", "2018-06-03", ["Paris Hilton"], aliases=["Paris"]),
        ]
    )
    assert profiles.resolve(store, "Paris") == ("Paris", "place")
    assert profiles.resolve(store, "Paris Hilton") == ("Paris Hilton", "person")


def test_kim_k_is_kim_kardashian_and_kim_basinger_is_not(store):
    store.add_many(
        [
            analysis("Kim Kardashian posted a selfie.", "2018-06-01", ["Kim Kardashian"]),
            analysis("Kim Kardashian launched a perfume.", "2018-06-02", ["Kim Kardashian"]),
            analysis("Kim K. stunned in Paris.", "2018-06-03", ["Kim K."]),
            analysis("Kim Kardashian West met the president.", "2018-06-04", ["Kim Kardashian West"]),
            analysis("Kim Basinger starred in a thriller.", "2018-06-05", ["Kim Basinger"]),
        ]
    )
    kim = corpus.profile(store, "Kim K.")
    assert (kim.name, kim.articles) == ("Kim Kardashian", 4)
    assert {"Kim K.", "Kim Kardashian West"} <= set(kim.aliases)
    assert corpus.profile(store, "Kim Basinger").articles == 1


def test_a_first_name_joins_the_person_its_story_defines(store):
    full = analysis(
        "Kim Kardashian stepped out in Paris on Sunday.",
        "2018-06-10",
        ["Kim Kardashian"],
        title="Kim Kardashian steps out in Paris",
    )
    first_only = analysis(
        "Kim stepped out in Paris with her sisters on Sunday.",
        "2018-06-11",
        ["Kim"],
        title="Kim Kardashian steps out in Paris with her sisters",
    )
    elsewhere = analysis("Kim waved at fans in Rome.", "2016-01-05", ["Kim"], title="A star waves in Rome")
    store.add_many([full, first_only, elsewhere])
    corpus.link(store)
    assert corpus.story(store, _story_of(store, full)).articles == 2  # the two Paris reports are one story
    # the story names her in full; the Kim in Rome has a story of her own that names no one
    assert _article_ids(store, "Kim Kardashian") == {full.article.id, first_only.article.id}
    assert profiles.profile(store, "Kim Kardashian").articles == 2


def test_a_first_name_joins_the_one_person_its_article_names_in_full(store):
    one = analysis("Kim Kardashian posed. Later Kim laughed.", "2018-06-01", ["Kim Kardashian", "Kim"])
    two = analysis(
        "Kim Kardashian met Kim Basinger. Kim laughed.", "2018-06-02", ["Kim Kardashian", "Kim Basinger", "Kim"]
    )
    store.add_many([one, two])
    with store.reading() as conn:
        own = set(profiles.members(conn, store, "Kim Kardashian", "person"))
    assert own == {(one.article.id, "e1"), (one.article.id, "e2"), (two.article.id, "e1")}


def _story_of(store, filed: Analysis) -> str:
    return corpus.article_links(store, filed.article.id)["story"].id


def _article_ids(store, name: str) -> set[str]:
    with store.reading() as conn:
        return {a for a, _ in profiles.members(conn, store, name, "person")}


# -- relations in time ------------------------------------------------------------------------


def test_a_parent_is_a_parent_on_the_childs_profile(store):
    text = "Kim Kardashian and her mother Kris Jenner arrived."
    store.add_many(
        [
            analysis(
                text,
                "2018-06-01",
                ["Kim Kardashian", "Kris Jenner"],
                [("Kris Jenner", "parent", "Kim Kardashian", "her mother Kris Jenner", None)],
            )
        ]
    )
    kim = profiles.profile(store, "Kim Kardashian")
    assert [(f.kind, f.value, f.object) for f in kim.facts] == [("parent", "Kris Jenner", "kris-jenner")]
    kris = profiles.profile(store, "Kris Jenner")
    assert [(f.kind, f.value) for f in kris.facts] == [("child", "Kim Kardashian")]


def test_a_former_spouse_is_history_not_a_conflict(store):
    store.add_many(
        [
            analysis(
                "Kim Kardashian and her husband Kanye West flew to Paris.",
                "2018-01-10",
                ["Kim Kardashian", "Kanye West"],
                [("Kim Kardashian", "spouse", "Kanye West", "her husband Kanye West", None)],
            ),
            analysis(
                "Kim Kardashian married Kris Humphries in 2011 and her husband Kanye West in 2014.",
                "2018-01-12",
                ["Kim Kardashian", "Kris Humphries", "Kanye West"],
                [
                    (
                        "Kim Kardashian",
                        "spouse",
                        "Kris Humphries",
                        "Kim Kardashian married Kris Humphries in 2011",
                        "2011",
                    ),
                    ("Kim Kardashian", "spouse", "Kanye West", "her husband Kanye West in 2014", "2014"),
                ],
            ),
            analysis(
                "Kim Kardashian's ex-husband Kris Humphries was spotted in Minnesota.",
                "2018-01-15",
                ["Kim Kardashian", "Kris Humphries"],
                [
                    (
                        "Kim Kardashian",
                        "former_spouse",
                        "Kris Humphries",
                        "Kim Kardashian's ex-husband Kris Humphries",
                        None,
                    )
                ],
            ),
            analysis(
                "Kim Kardashian's husband Kris Humphries filed papers back then.",
                "2018-01-20",
                ["Kim Kardashian", "Kris Humphries"],
                [("Kim Kardashian", "spouse", "Kris Humphries", "Kim Kardashian's husband Kris Humphries", None)],
            ),
        ]
    )
    kim = profiles.profile(store, "Kim Kardashian")
    assert {(f.kind, f.value) for f in kim.facts} == {
        ("spouse", "Kanye West"),
        ("spouse", "Kris Humphries"),
        ("former_spouse", "Kris Humphries"),
    }
    # the 2011 wedding makes him her husband in 2011, not in 2018; after the first report of
    # him as her ex-husband, "her husband Kris Humphries" tells of the past
    assert spouse_conflicts(store, "Kim Kardashian") == []
    wedding = next(f for f in kim.facts if f.kind == "spouse" and f.value == "Kris Humphries" and f.as_of)
    assert wedding.derived["married_on"] == "2011" and "current_on" not in wedding.derived


def test_two_current_spouses_at_one_date_are_a_conflict(store):
    store.add_many(
        [
            analysis(
                "Singer Ada Quill and her husband Tom Birch attended the gala in London.",
                "2023-05-01",
                ["Ada Quill", "Tom Birch"],
                [("Ada Quill", "spouse", "Tom Birch", "her husband Tom Birch", None)],
            ),
            analysis(
                "Ada Quill and her husband Raj Patel were seen in Paris on Friday.",
                "2023-05-12",
                ["Ada Quill", "Raj Patel"],
                [("Ada Quill", "spouse", "Raj Patel", "her husband Raj Patel", None)],
            ),
            analysis(
                "Ada Quill and her husband Leo Marsh opened a restaurant.",
                "2026-01-10",
                ["Ada Quill", "Leo Marsh"],
                [("Ada Quill", "spouse", "Leo Marsh", "her husband Leo Marsh", None)],
            ),
        ]
    )
    conflicts = [c for c in profiles.profile(store, "Ada Quill").conflicts if c.kind == "spouse"]
    assert [sorted(f.value for f in c.facts) for c in conflicts] == [["Raj Patel", "Tom Birch"]]
    assert "current on 2023-05-01" in conflicts[0].message and "current on 2023-05-12" in conflicts[0].message


def test_spouses_months_apart_or_unnamed_are_not_a_conflict(store):
    store.add_many(
        [
            analysis(
                "Ada Quill and her husband Tom Birch attended the gala.",
                "2023-01-01",
                ["Ada Quill", "Tom Birch"],
                [("Ada Quill", "spouse", "Tom Birch", "her husband Tom Birch", None)],
            ),
            analysis(  # months later: a divorce and a wedding may lie between
                "Ada Quill and her husband Raj Patel were seen in Paris.",
                "2023-09-15",
                ["Ada Quill", "Raj Patel"],
                [("Ada Quill", "spouse", "Raj Patel", "her husband Raj Patel", None)],
            ),
            analysis(  # "her husband" unnamed: whoever the coreference made of it
                "Nina Cole, a friend of Ada Quill, said she and her husband were thrilled.",
                "2023-01-03",
                ["Nina Cole", "Ada Quill"],
                [
                    (
                        "Nina Cole",
                        "spouse",
                        "Ada Quill",
                        "Nina Cole, a friend of Ada Quill, said she and her husband",
                        None,
                    )
                ],
            ),
        ]
    )
    assert spouse_conflicts(store, "Ada Quill") == []


def test_two_weddings_are_marriages_in_turn(store):
    store.add_many(
        [
            analysis(
                "Ada Quill married Tom Birch in 1999.",
                "2012-04-16",
                ["Ada Quill", "Tom Birch"],
                [("Ada Quill", "spouse", "Tom Birch", "Ada Quill married Tom Birch in 1999", "1999")],
            ),
            analysis(
                "Ada Quill married Raj Patel in 2000.",
                "2016-09-25",
                ["Ada Quill", "Raj Patel"],
                [("Ada Quill", "spouse", "Raj Patel", "Ada Quill married Raj Patel in 2000", "2000")],
            ),
        ]
    )
    assert spouse_conflicts(store, "Ada Quill") == []


def test_one_article_naming_two_spouses_is_not_a_conflict(store):
    text = "Ada Quill and her husband Tom Birch, with Ada Quill's husband Raj Patel, left."
    store.add_many(
        [
            analysis(
                text,
                "2023-05-01",
                ["Ada Quill", "Tom Birch", "Raj Patel"],
                [
                    ("Ada Quill", "spouse", "Tom Birch", "her husband Tom Birch", None),
                    ("Ada Quill", "spouse", "Raj Patel", "Ada Quill's husband Raj Patel", None),
                ],
            )
        ]
    )
    assert spouse_conflicts(store, "Ada Quill") == []


def test_ages_agree_on_a_birth_date_they_all_allow():
    """Three ages where the middle one fits each of the others, but the three allow no one birth
    date: the consensus is two of them, and its birth-date range is not empty."""

    def age(value: str, as_of: str) -> Fact:
        span = {"start": 0, "end": len(value), "text": value}
        fact = Fact(kind="age", value=value, article_id=as_of, span=span, published=as_of, as_of=as_of)
        fact.derived = profiles._born(value, as_of)
        return fact

    facts = [age("35", "2016-03-01"), age("36", "2017-09-01"), age("37", "2019-03-01")]
    born = profiles._birth_range(facts)
    assert born is not None and born["after"] <= born["before"]
    conflicts = profiles._age_conflicts(facts)
    assert len(conflicts) == 1 and "2 of 3 ages agree" in conflicts[0].message

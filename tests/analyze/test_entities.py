"""Entities stage: names, kinds, aliases, coreference, ages and roles on hand-made sentences."""

from __future__ import annotations

from datetime import date

import pytest

from rumormill.analyze.context import Context
from rumormill.analyze.entities import GROUPS, age_after, find_entities, listed_names, number_at
from rumormill.model import Article


@pytest.fixture
def analyse(nlp):
    def run(text: str, published: str | None = "2020-07-31") -> Context:
        article = Article(text=text, published=published)
        ctx = Context(article=article, doc=nlp(text), published=date.fromisoformat(published) if published else None)
        find_entities(ctx)
        return ctx

    return run


def _by_name(ctx: Context, name: str):
    found = [e for e in ctx.entities if e.name == name or name in e.aliases]
    assert found, f"no entity {name!r} among {[e.name for e in ctx.entities]}"
    return found[0]


def _referent(ctx: Context, word: str, nth: int = 0) -> str | None:
    """Name of the entity that the nth token with text `word` resolves to."""
    tokens = [t for t in ctx.doc if t.text == word]
    eid = ctx.entity_of(tokens[nth])
    return ctx.entity(eid).name if eid else None


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Kim Kardashian met Kanye West in Calabasas.", "Kim Kardashian", "person"),
        ("Kim Kardashian met Kanye West in Calabasas.", "Calabasas", "place"),
        ("He posted the video on Twitter on Monday.", "Twitter", "organisation"),
        ("Kim arrives in Cody. Picture: Getty", "Getty", "organisation"),
        ("She starred in the movie Get Out last year.", "Get Out", "work"),
        ("The 'Wash Us In The Blood' rapper left.", "Wash Us In The Blood", "work"),
        ("Shares in plane-making giant Bombardier fell.", "Bombardier", "organisation"),
        # a one-word location that says something is a person; one that is reached stays a place
        ("Mars said that the crowd was wild.", "Mars", "person"),
        ("Mars won three awards. Mars took a bow. Mars said the crowd was great.", "Mars", "person"),
        ("The rover landed on Mars last year.", "Mars", "place"),
        # a capitalised occupation opening the sentence is no part of the name
        ("Historian Hugo Vickers said the permission was granted.", "Hugo Vickers", "person"),
        ("Comedian Billy Eichner slammed the host.", "Billy Eichner", "person"),
        # a brand named after a person in the possessive is no person
        ("Victoria Beckham left. Victoria's Secret says the show will return.", "Victoria's Secret", "organisation"),
        # a person's name before a show noun names the show
        ("It's not The Jimmy Fallon Show anymore, the host said.", "Jimmy Fallon Show", "work"),
    ],
)
def test_entities_kind(analyse, text, name, kind):
    assert _by_name(analyse(text), name).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "The weather was fine and nothing happened.",
        "it was raining, and they stayed at home all day.",
    ],
)
def test_entities_none_in_plain_sentences(analyse, text):
    ctx = analyse(text)
    assert ctx.entities == [] and ctx.token_entity == {}


@pytest.mark.parametrize(
    ("text", "alias", "name"),
    [
        ("Kim Kardashian arrived. Later Kim left and Kardashian's car followed.", "Kim", "Kim Kardashian"),
        ("Kim Kardashian arrived. Later Kim left and Kardashian's car followed.", "Kardashian", "Kim Kardashian"),
        ("Kanye West spoke. The tweets came after West broke down.", "West", "Kanye West"),
        ("Jessica Simpson sang. Jess then left.", "Jess", "Jessica Simpson"),
        ("President Luiz Inacio Lula da Silva spoke. Lula then left.", "Lula", "Luiz Inacio Lula da Silva"),
    ],
)
def test_entities_name_variants_merge(analyse, text, alias, name):
    ctx = analyse(text)
    assert _referent(ctx, alias, -1) == name
    assert len([e for e in ctx.entities if e.kind == "person"]) == 1


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a person's name stops at a lower-case preposition, a comma or a paragraph break
        ("A photo of Nicole Kidman via Instagram went viral.", "Nicole Kidman"),
        ("The nominees include Alfred Molina, Feud and more.", "Alfred Molina"),
        ("The winners were announced.\n\nDwayne Johnson arrived late.", "Dwayne Johnson"),
        # ... but keeps its own particles
        ("The actress Olivia de Havilland said it was true.", "Olivia de Havilland"),
    ],
)
def test_entities_person_name_boundaries(analyse, text, name):
    assert _by_name(analyse(text), name).kind == "person"


def test_entities_brand_is_no_alias_of_a_person(analyse):
    ctx = analyse("Victoria Beckham left. Victoria's Secret says the show will return.")
    assert _by_name(ctx, "Victoria Beckham").aliases == []


def test_entities_children_listed_with_ages_are_people(analyse):
    ctx = analyse("Kim visits with their four children; North, seven, Saint, four, Chicago, two, and Psalm, one.")
    for name, age in (("North", 7), ("Saint", 4), ("Chicago", 2), ("Psalm", 1)):
        entity = _by_name(ctx, name)
        assert entity.kind == "person"
        assert [(a.name, a.value, a.as_of) for a in entity.attributes] == [("age", age, "2020-07-31")]


def test_entities_place_stays_place_after_preposition(analyse):
    ctx = analyse("Her daughter Chicago, two, was born. The family later moved back in Chicago.")
    kinds = sorted(e.kind for e in ctx.entities if e.name == "Chicago")
    assert kinds == ["person", "place"]


@pytest.mark.parametrize(
    ("text", "name", "age"),
    [
        ("Kim Kardashian, 39, was seen.", "Kim Kardashian", 39),
        ("The rapper Kanye West, 43 is thought to live there.", "Kanye West", 43),
        ("39-year-old Kim Kardashian was seen.", "Kim Kardashian", 39),
        ("Kim Kardashian, aged 39, was seen.", "Kim Kardashian", 39),
        ("Kim Kardashian (39) was seen.", "Kim Kardashian", 39),
        ("Kanye West, forty-three, was seen.", "Kanye West", 43),
        ("Brad Pitt starred. The 54-year-old actor said nothing.", "Brad Pitt", 54),
    ],
)
def test_entities_age(analyse, text, name, age):
    ages = [a.value for a in _by_name(analyse(text), name).attributes if a.name == "age"]
    assert ages == [age]


@pytest.mark.parametrize(
    "text",
    [
        "Kim Kardashian, 2012 was a good year for her.",
        "They drove from Chicago, 60 miles away.",
        "Kim Kardashian spent 39 days in Paris.",
    ],
)
def test_entities_no_age(analyse, text):
    ctx = analyse(text)
    assert not [a for e in ctx.entities for a in e.attributes if a.name == "age"]


def test_entities_age_is_not_known_without_publication_date(analyse):
    ctx = analyse("Kim Kardashian, 39, was seen.", published=None)
    assert [a.as_of for a in _by_name(ctx, "Kim Kardashian").attributes] == [None]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("She met up with rapper Meek Mill at a hotel.", "Meek Mill", "rapper"),
        ("Kim Kardashian arrived. The KKW Beauty owner, 39, smiled.", "Kim Kardashian", "KKW Beauty owner"),
        ("Labour election chief Alan Milburn spoke.", "Alan Milburn", "Labour election chief"),
        ("Deputy Prime Minister John Prescott spoke.", "John Prescott", "Deputy Prime Minister"),
    ],
)
def test_entities_role(analyse, text, name, role):
    roles = [a.value for a in _by_name(analyse(text), name).attributes if a.name == "role"]
    assert role in roles


@pytest.mark.parametrize(
    ("text", "word", "nth", "name"),
    [
        # pronouns by gender and salience
        ("Kim Kardashian and her husband Kanye West left.", "her", 0, "Kim Kardashian"),
        ("Kanye claimed he had tried to divorce Kim after she met Meek Mill.", "he", 0, "Kanye"),
        ("Kanye claimed he had tried to divorce Kim after she met Meek Mill.", "she", 0, "Kim"),
        ("Kim Kardashian was spotted in Los Angeles. She was alone.", "She", 0, "Kim Kardashian"),
        ("During his Twitter tirade, Kanye West claimed many things.", "his", 0, "Kanye West"),
        ("Kim was later spotted returning to Los Angeles by herself.", "herself", 0, "Kim"),
        # "Mr Blair": titles give gender
        ("Mr Blair met Ms Jowell. She said it went well.", "She", 0, "Ms Jowell"),
        # descriptors
        # a spokesperson introduced as one is "the spokesman" later
        (
            "Press spokesman Owen Hale spoke on Monday. The spokesman said the plan would pass.",
            "spokesman",
            1,
            "Owen Hale",
        ),
        (
            "Kim Kardashian and Kanye West split. The KKW Beauty owner, 39, is said to live in "
            "Calabasas while the rapper, 43, is thought to live in Cody.",
            "owner",
            0,
            "Kim Kardashian",
        ),
        (
            "Kim Kardashian and Kanye West split. The KKW Beauty owner, 39, is said to live in "
            "Calabasas while the rapper, 43, is thought to live in Cody.",
            "rapper",
            0,
            "Kanye West",
        ),
        ("Kim Kardashian, the KKW Beauty owner, left.", "owner", 0, "Kim Kardashian"),
        (
            "Kanye West tweeted. The tweets came after West broke down. The rapper explained his views.",
            "rapper",
            0,
            "Kanye West",
        ),
        # kinship: "his wife" after "her husband X" is known
        ("Kim and her husband Kanye West argued. He made claims about his wife.", "wife", 0, "Kim"),
        # organisations: "the firm", "its", "it said"
        ("Phytopharm shares rose. The firm said it would expand.", "firm", 0, "Phytopharm"),
        ("Phytopharm shares rose. The firm said it would expand.", "it", 0, "Phytopharm"),
        ("Libya said the withdrawal did not mean that Libya had cut its ties with the US.", "its", 0, "Libya"),
        # a quote's speaker is not "he" inside the quote, also in a quote that goes on
        ('Mr Campbell quit. "He is a strong member," Mr Prescott said.', "He", 0, "Campbell"),
        (
            'Matt Dawson joined. Coach Warren Gatland told the Daily Mirror: "We will offer Matt a deal. '
            '"I am very happy with his contribution."',
            "his",
            0,
            "Matt Dawson",
        ),
        # a reporter named after the report is less salient than the report's subject
        (
            "Singer Ian Brown was arrested. Brown then got into a brawl with a guard who tried to restrain him, "
            "Mr Smernicki added. He was released.",
            "He",
            0,
            "Ian Brown",
        ),
    ],
)
def test_entities_coreference(analyse, text, word, nth, name):
    ctx = analyse(text)
    assert _referent(ctx, word, nth) == _by_name(ctx, name).name


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # first person belongs to the quote's speaker, which the quotes stage resolves
        ('"I love my family," Kim Kardashian said.', "I"),
        # expletive "it"
        ("Phytopharm grew. It is thought that sales rose.", "It"),
        # "a spokesperson for X ... the spokesperson": an unnamed person, not X
        ("A spokesperson for Morrow denied it. The spokesperson said it was false.", "spokesperson"),
        # a description, not a reference back
        ("Springsteen mocked Bono as the man who pioneered the mullet.", "man"),
        # no compatible antecedent: "she" with only a man named
        ("Kanye West left early. She stayed.", "She"),
        # the unnamed woman, not the named man
        ("Brad Pitt was shocked when a woman came forward. She said she was pregnant.", "She"),
        # "him" is not the subject of its own verb
        ("Kanye West praised him.", "him"),
        # "the insider" is an anonymous source, never the named person
        ("Alex Rodriguez likes her, a source said. Alex calls Jen his lady, the insider told E! News.", "insider"),
        # a role of someone who speaks for the star is not the star
        ("Dana Bivens is dating a chef. Bivens' rep said nothing. The rep later denied it.", "rep"),
        ("Mark Tolliver split from his wife. The spokesperson said the split was amicable.", "spokesperson"),
        ("Lena Okafor was sued last week. Her lawyer spoke on Monday. The lawyer called it baseless.", "lawyer"),
        ("Rosa Kemp landed a new role. The publicist confirmed the news on Friday.", "publicist"),
        # "them" is not the subject of its own verb, even for organisations
        ("It is good for Sony because Microsoft outsold them last week.", "them"),
        # "their" bound by a plural subject, not the last organisation
        ("As HollywoodLife.com reported, Kanye is ill. Countless celebs have voiced their concern.", "their"),
    ],
)
def test_entities_unresolved(analyse, text, word):
    ctx = analyse(text)
    tokens = [t for t in ctx.doc if t.text == word]
    assert ctx.entity_of(tokens[-1]) is None


def test_entities_pronoun_mentions_recorded(analyse):
    ctx = analyse("Kanye West left. He tweeted later.")
    kanye = _by_name(ctx, "Kanye West")
    assert [(m.text, m.type) for m in kanye.mentions] == [("Kanye West", "name"), ("He", "pronoun")]


def test_entities_descriptor_tokens_all_mapped(analyse):
    ctx = analyse("Kim Kardashian arrived. The KKW Beauty owner smiled.")
    kim = _by_name(ctx, "Kim Kardashian")
    descriptor = next(m for m in kim.mentions if m.type == "descriptor")
    assert descriptor.text == "The KKW Beauty owner"
    owner = next(t for t in ctx.doc if t.text == "owner")
    assert ctx.token_entity[owner.i] == kim.id
    # "KKW Beauty" inside the descriptor stays the organisation
    kkw = next(t for t in ctx.doc if t.text == "KKW")
    assert ctx.entity(ctx.token_entity[kkw.i]).kind == "organisation"


def test_entities_quoted_nickname_is_no_person(analyse):
    ctx = analyse('He hailed her a "white supremacist", dubbing her "Kris Jong Un".')
    assert not [e for e in ctx.entities if e.name == "Kris Jong Un"]


def test_entities_their_with_a_couple_is_a_group(analyse):
    ctx = analyse(
        "Kim and her husband Kanye West argued. Kanye lives at the ranch while Kim visits with their children."
    )
    their = next(t for t in ctx.doc if t.text == "their")
    members = {ctx.entity(e).name for e in ctx.doc.user_data[GROUPS][their.i]}
    assert members == {"Kim", "Kanye West"}
    assert their.i not in ctx.token_entity


@pytest.mark.parametrize(
    ("text", "value"),
    [("39", 39), ("seven", 7), ("forty-three", 43), ("forty three", 43), ("cat", None)],
)
def test_entities_number_words(nlp, text, value):
    found = number_at(nlp(text), 0)
    assert (found[0] if found else None) == value


@pytest.mark.parametrize(
    ("text", "age"),
    [("Kim, 39, left", 39), ("Kim, 39 is", 39), ("Kim, 2012, left", None), ("Kim, 3 March", None)],
)
def test_entities_age_after(nlp, text, age):
    found = age_after(nlp(text), 1)
    assert (found[0] if found else None) == age


def test_entities_listed_names(nlp):
    doc = nlp("their four children; North, seven, Saint, four, Chicago, two, and Psalm, one.")
    children = next(t.i for t in doc if t.text == "children")
    assert [doc[s:e].text for s, e in listed_names(doc, children, len(doc))] == ["North", "Saint", "Chicago", "Psalm"]


def test_entities_listed_names_stop_at_possessive(nlp):
    doc = nlp("with their daughters Kendall and Kylie, and Kris's other children.")
    daughters = next(t.i for t in doc if t.text == "daughters")
    assert [doc[s:e].text for s, e in listed_names(doc, daughters, len(doc))] == ["Kendall", "Kylie"]

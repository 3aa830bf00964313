"""Relations stage: spouse, partner, former partner, sibling and parent relations."""

from __future__ import annotations

import re
from datetime import date

import pytest

from rumormill.analyze.context import Context
from rumormill.analyze.entities import find_entities
from rumormill.analyze.relations import find_relations
from rumormill.model import Article, Claim, Source, TimeRef


@pytest.fixture
def analyse(nlp):
    def run(text: str, claims: list[tuple[str, str]] = ()) -> Context:
        article = Article(text=text, published="2020-07-31")
        ctx = Context(article=article, doc=nlp(text), published=date(2020, 7, 31))
        find_entities(ctx)
        # the times stage is not under test: years stand in for its TimeRefs
        for match in re.finditer(r"\b(?:19|20)\d\d\b", text):
            ctx.times.append(
                TimeRef(id=ctx.new_id("t"), span=ctx.span(match.start(), match.end()), value=match.group())
            )
        for words, certainty in claims:  # claims found by the claims stage, for hedging
            start = text.index(words)
            ctx.claims.append(
                Claim(
                    id=ctx.new_id("c"),
                    span=ctx.span(start, start + len(words)),
                    text=words,
                    source=Source(kind="reports"),
                    certainty=certainty,
                )
            )
        find_relations(ctx)
        return ctx

    return run


def _triples(ctx: Context) -> set[tuple[str, str, str]]:
    names = {e.id: e.name for e in ctx.entities}
    return {(names[r.subject], r.predicate, names[r.object]) for r in ctx.relations}


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        ("Kim Kardashian and her husband Kanye West argued.", ("Kim Kardashian", "spouse", "Kanye West")),
        ("Kanye West spoke about his wife, Kim Kardashian.", ("Kanye West", "spouse", "Kim Kardashian")),
        ("Kim Kardashian's mother Kris Jenner spoke.", ("Kris Jenner", "parent", "Kim Kardashian")),
        ("Kim Kardashian's daughter North was there.", ("Kim Kardashian", "parent", "North")),
        ("Kim Kardashian's sister Khloe Kardashian laughed.", ("Kim Kardashian", "sibling", "Khloe Kardashian")),
        ("Brad Pitt and his girlfriend Jane Smith left.", ("Brad Pitt", "partner", "Jane Smith")),
        ("Angelina Jolie's ex-husband Brad Pitt left.", ("Angelina Jolie", "former_spouse", "Brad Pitt")),
        (
            "Kristen Stewart and her ex-girlfriend Alicia Cargile left.",
            ("Kristen Stewart", "former_partner", "Alicia Cargile"),
        ),
        (
            "David Duchovny was previously married to actress Tea Leoni, 51.",
            ("David Duchovny", "former_spouse", "Tea Leoni"),
        ),
        ("Kim Kardashian divorced Kris Humphries in 2013.", ("Kim Kardashian", "former_spouse", "Kris Humphries")),
        ("Jolie's ex, Brad Pitt, starred in Troy.", ("Jolie", "former_partner", "Brad Pitt")),
        ("Kim Kardashian married Kanye West in 2014.", ("Kim Kardashian", "spouse", "Kanye West")),
        ("Lena Morrow and Theo Vance wed in 2018.", ("Lena Morrow", "spouse", "Theo Vance")),
        ("Kate Hudson is dating Danny Fujikawa.", ("Kate Hudson", "partner", "Danny Fujikawa")),
        ("Jennifer Garner split from Ben Affleck in 2015.", ("Jennifer Garner", "former_partner", "Ben Affleck")),
        ("Paris Hilton, the daughter of Kathy Hilton, arrived.", ("Kathy Hilton", "parent", "Paris Hilton")),
        (
            "Lena Morrow and Theo Vance married in 2018 and have a daughter, Ivy, three.",
            ("Theo Vance", "parent", "Ivy"),
        ),
        (
            "A tabloid wrongly speculates that Kristen Stewart is cheating on Stella Maxwell.",
            ("Kristen Stewart", "partner", "Stella Maxwell"),
        ),
        # a noun object before the name: "dating actress Ella Purnell"
        ("Brad Pitt is rumored to be dating actress Ella Purnell, 21.", ("Brad Pitt", "partner", "Ella Purnell")),
        # a bare kinship noun before a name is the clause subject's relative
        (
            "Angelina Jolie undermined estranged husband Brad Pitt's bond with the children.",
            ("Angelina Jolie", "spouse", "Brad Pitt"),
        ),
        (
            "Kristen Stewart is cheating on Stella Maxwell with ex-girlfriend Alicia Cargile.",
            ("Kristen Stewart", "former_partner", "Alicia Cargile"),
        ),
        (
            "Jenna Dewan revealed how husband Channing Tatum won her over.",
            ("Jenna Dewan", "spouse", "Channing Tatum"),
        ),
        # coordinated with a person, the kinship noun is that person's
        ("Blake Shelton, 41, and girlfriend Gwen Stefani attended.", ("Blake Shelton", "partner", "Gwen Stefani")),
        # an adverb between the possessive and the kinship noun
        (
            "Jenna Dewan smiled as her now husband Channing Tatum danced.",
            ("Jenna Dewan", "spouse", "Channing Tatum"),
        ),
        # the name in parentheses, past its title
        (
            '"I love Harry," said Jerry Walsh. "When his mum (Princess Diana) died, I cried."',
            ("Diana", "parent", "Harry"),
        ),
        # the name after "and <role>," is the relative's
        (
            "Now under the leadership of Harvey Weinstein's brother and co-chairman, Bob Weinstein, the firm grew.",
            ("Harvey Weinstein", "sibling", "Bob Weinstein"),
        ),
        # a coordinated kinship noun shares the first one's possessor
        (
            "Meghan Markle smiled. She wanted her dad, Tom Markle, and mom, Doria Radlan, at the wedding.",
            ("Doria Radlan", "parent", "Meghan Markle"),
        ),
        # a later conjunct of "have a daughter ... and a son"; the other parent after "with"
        (
            "David Duchovny and Tea Leoni have an 18-year-old daughter Madelaine and a 15-year-old son Kyd together.",
            ("Tea Leoni", "parent", "Kyd"),
        ),
        (
            "Tom Cruise has two older children, Connor, 21, and Isabella, 23, with his ex-wife, Nicole Kidman.",
            ("Nicole Kidman", "parent", "Isabella"),
        ),
    ],
)
def test_relations_found(analyse, text, triple):
    assert triple in _triples(analyse(text))


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        (
            "Fans rushed to congratulate Prince Harry and American actress Meghan Markle on their engagement Monday.",
            ("Prince Harry", "partner", "Meghan Markle"),
        ),
        ("Others spoke of William and Kate's marriage.", ("William", "spouse", "Kate")),
        (
            "Chrissy Teigen smiled. Mandel never asked for an invitation to her wedding with John Legend.",
            ("Chrissy Teigen", "spouse", "John Legend"),
        ),
        (
            "Angelina Jolie lost friends after she filed for divorce from Brad Pitt in September 2016.",
            ("Angelina Jolie", "former_spouse", "Brad Pitt"),
        ),
        (
            "Jennifer Garner and Ben Affleck have finalized their divorce settlement.",
            ("Jennifer Garner", "former_spouse", "Ben Affleck"),
        ),
        ("Kim Kardashian's split from Kanye West was hard.", ("Kim Kardashian", "former_partner", "Kanye West")),
        # a negation higher up negates something else, not the noun's relation
        (
            "Brad Pitt, 53, and Angelina Jolie, 42, still don’t seem to be on the friendliest of terms after "
            "their split.",
            ("Brad Pitt", "former_partner", "Angelina Jolie"),
        ),
    ],
)
def test_relations_from_nouns(analyse, text, triple):
    assert triple in _triples(analyse(text))


@pytest.mark.parametrize(
    "text",
    [
        "Kim Kardashian discussed her divorce with Khloe Kardashian.",  # "with" belongs to the verb
        "Meghan Markle smiled. Her parents are expected to be part of her royal wedding.",  # still to come
    ],
)
def test_relations_from_nouns_none(analyse, text):
    triples = _triples(analyse(text))
    assert not [t for t in triples if t[1] in ("spouse", "partner", "former_spouse", "former_partner")], triples


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        (
            "Sources close to Kim Kardashian spoke. Sources close to the wife of rapper Kanye West say it is nuts.",
            ("Kim Kardashian", "spouse", "Kanye West"),
        ),
        (
            "For Suri Cruise, seeing Dad has been hard. Sources say that Tom Cruise has had no contact with "
            "the 10-year-old daughter he shares with ex-wife Katie Holmes.",
            ("Katie Holmes", "parent", "Suri Cruise"),
        ),
    ],
)
def test_relations_of_resolved_kinship_phrases(analyse, text, triple):
    ctx = analyse(text)
    assert triple in _triples(ctx)
    for relation in ctx.relations:  # evidence spans run forward even when the possessor follows
        assert ctx.text[relation.span.start : relation.span.end] == relation.span.text
        assert relation.span.start < relation.span.end


def test_relations_their_children_have_both_parents(analyse):
    ctx = analyse(
        "Kim Kardashian and her husband Kanye West argued. Kanye lives at the ranch while Kim visits with "
        "their four children; North, seven, Saint, four, Chicago, two, and Psalm, one."
    )
    triples = _triples(ctx)
    for child in ("North", "Saint", "Chicago", "Psalm"):
        assert {("Kim Kardashian", "parent", child), ("Kanye West", "parent", child)} <= triples


def test_relations_children_listed_after_coordinated_kin_nouns(analyse):
    ctx = analyse(
        "Angelina Jolie accused estranged husband Brad Pitt of neglecting their three sons and three "
        "daughters, Maddox, 17, Pax, 14, and 10-year-old twins Knox and Vivienne."
    )
    triples = _triples(ctx)
    for child in ("Maddox", "Pax", "Knox", "Vivienne"):
        assert {("Angelina Jolie", "parent", child), ("Brad Pitt", "parent", child)} <= triples


def test_relations_children_of_one_parent_in_one_sentence_are_siblings(analyse):
    ctx = analyse("Tom Cruise has two older children, Connor, 21, and Isabella, 23, with his ex-wife, Nicole Kidman.")
    assert ("Connor", "sibling", "Isabella") in _triples(ctx)


def test_relations_children_named_in_different_sentences_are_not_made_siblings(analyse):
    ctx = analyse("Kim Kardashian's daughter North smiled. Kim Kardashian's son Saint cried.")
    assert {("Kim Kardashian", "parent", "North"), ("Kim Kardashian", "parent", "Saint")} <= _triples(ctx)
    assert not [t for t in _triples(ctx) if t[1] == "sibling"]


def test_relations_couple_wed_gives_since(analyse):
    ctx = analyse("Kim Kardashian and her husband Kanye West argued. The couple - who wed in 2014 - were spotted.")
    spouse = [r for r in ctx.relations if r.predicate == "spouse"]
    assert len(spouse) == 1  # one relation per fact; the dated evidence replaces the undated one
    assert spouse[0].since is not None and spouse[0].since.value == "2014"
    assert spouse[0].span.text == "The couple - who wed in 2014"


def test_relations_symmetric_stored_once_first_mentioned_first(analyse):
    ctx = analyse("Kanye West and his wife Kim Kardashian left. Kim Kardashian married Kanye West in 2014.")
    spouse = [r for r in ctx.relations if r.predicate == "spouse"]
    assert [(ctx.entity(r.subject).name, ctx.entity(r.object).name) for r in spouse] == [
        ("Kanye West", "Kim Kardashian")
    ]


def test_relations_evidence_span_matches_text(analyse):
    ctx = analyse("Kim Kardashian and her husband Kanye West argued.")
    relation = ctx.relations[0]
    assert ctx.text[relation.span.start : relation.span.end] == relation.span.text == "her husband Kanye West"


@pytest.mark.parametrize(
    "text",
    [
        "The couple's lawyer Laura Wasser said nothing.",
        "Kim Kardashian and her husband's friend Tom Smith went out.",
        "Kanye claimed he had been trying to divorce Kim Kardashian since November 2018.",
        "Kim Kardashian will not marry Kanye West.",
        "Kim Kardashian cheated on the exam with Kanye West.",
        "Kim Kardashian will marry Kanye West next year.",
        "Kim Kardashian was engaged in an intense conversation with Kanye West.",
        "Jessica Simpson split the bill with Eric Johnson.",
        "Tim Henman and his doubles partner Greg Rusedski won.",
        "Kim Kardashian met rapper Meek Mill at a hotel.",
    ],
)
def test_relations_none(analyse, text):
    triples = _triples(analyse(text))
    assert not [t for t in triples if t[1] in ("spouse", "partner", "former_spouse", "former_partner")], triples
    if "friend" in text or "lawyer" in text:
        assert triples == set()


def _certainties(ctx: Context) -> dict[tuple[str, str, str], str]:
    names = {e.id: e.name for e in ctx.entities}
    return {(names[r.subject], r.predicate, names[r.object]): r.certainty for r in ctx.relations}


@pytest.mark.parametrize(
    ("text", "triple", "certainty"),
    [
        ("Rumours that Kate Hudson was dating Brad Pitt spread.", ("Kate Hudson", "partner", "Brad Pitt"), "hedged"),
        (
            "Kim Kardashian and Kanye West have reportedly split.",
            ("Kim Kardashian", "former_partner", "Kanye West"),
            "hedged",
        ),
        ("Lena Morrow is rumoured to be dating Theo Vance.", ("Lena Morrow", "partner", "Theo Vance"), "hedged"),
        (
            "A rep for Lena Morrow denied that she is dating Theo Vance.",
            ("Lena Morrow", "partner", "Theo Vance"),
            "denied",
        ),
        ("Lena Morrow married Theo Vance in 2018.", ("Lena Morrow", "spouse", "Theo Vance"), "asserted"),
        # a negated relation verb is the relation denied ("they're not dating")
        ("Lena Morrow and Theo Vance are not separating.", ("Lena Morrow", "former_partner", "Theo Vance"), "denied"),
        ("Lena Morrow is not dating Theo Vance.", ("Lena Morrow", "partner", "Theo Vance"), "denied"),
    ],
)
def test_relations_certainty(analyse, text, triple, certainty):
    """Reported relations are kept as hedged and denied ones as denied, not dropped."""
    assert _certainties(analyse(text)).get(triple) == certainty


def test_relations_hedged_inside_hedged_claim(analyse):
    text = "Lena Morrow and Theo Vance split last month, according to the Daily Ledger."
    ctx = analyse(text, claims=[("Lena Morrow and Theo Vance split last month", "hedged")])
    assert _certainties(ctx)[("Lena Morrow", "former_partner", "Theo Vance")] == "hedged"


def test_relations_stated_beats_reported(analyse):
    ctx = analyse("Lena Morrow is reportedly dating Theo Vance. Lena Morrow is dating Theo Vance.")
    assert _certainties(ctx) == {("Lena Morrow", "partner", "Theo Vance"): "asserted"}


def test_relations_ruled_out_by_ages(analyse):
    # "her" in the second sentence may resolve to the girl; a three-year-old is nobody's wife
    ctx = analyse("Everly, 3, danced. Her husband Channing Tatum, 36, laughed.")
    assert not [t for t in _triples(ctx) if t[1] == "spouse" and "Everly" in t]
    ctx = analyse("Emma Stone, 7, smiled. Emma Stone's daughter Lena Morrow, 39, smiled.")
    assert ("Emma Stone", "parent", "Lena Morrow") not in _triples(ctx)


def test_relations_none_for_unresolved_kin(analyse):
    ctx = analyse("My mom saved my life. His wife was not there.")
    assert ctx.relations == []


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        # the possessor is the child: "her mother Kris Jenner" makes Kris the parent
        ("Kim Kardashian and her mother Kris Jenner arrived.", ("Kris Jenner", "parent", "Kim Kardashian")),
        ("Kris Jenner and her daughter Kim Kardashian arrived.", ("Kris Jenner", "parent", "Kim Kardashian")),
        # the married state in the past tense is a marriage that is over
        ("Meg Ryan was married to Dennis Quaid for nine years.", ("Meg Ryan", "former_spouse", "Dennis Quaid")),
        (
            "Brad Pitt and Jennifer Aniston were married from 2000 to 2005.",
            ("Brad Pitt", "former_spouse", "Jennifer Aniston"),
        ),
        # a wedding with its date is not
        ("Lena Morrow and Theo Vance were married in 2018.", ("Lena Morrow", "spouse", "Theo Vance")),
        ("Ada Quill is married to Tom Birch.", ("Ada Quill", "spouse", "Tom Birch")),
        # the first of several marriages
        (
            "Nicole Kidman and her first husband Tom Cruise adopted two children.",
            ("Nicole Kidman", "former_spouse", "Tom Cruise"),
        ),
        # "practically married": a couple
        ("Gwen Stefani and Blake Shelton are practically married.", ("Gwen Stefani", "partner", "Blake Shelton")),
    ],
)
def test_relations_direction_and_time(analyse, text, triple):
    found = _triples(analyse(text))
    assert triple in found
    a, predicate, b = triple
    others = {"spouse", "former_spouse", "partner"} - {predicate}
    assert not {(a, p, b) for p in others} & found and not {(b, p, a) for p in others} & found
    if predicate == "parent":
        assert (b, "parent", a) not in found


def test_relations_their_husbands_pair_one_to_one(analyse):
    found = _triples(analyse("Jessica Alba and Nicole Richie brought their husbands Cash Warren and Joel Madden."))
    spouses = {(a, b) for a, p, b in found if p == "spouse"}
    assert spouses == {("Jessica Alba", "Cash Warren"), ("Nicole Richie", "Joel Madden")}


@pytest.mark.parametrize(
    "text",
    [
        "When Brad Pitt asked Jennifer Aniston to marry him in 1999, Silvia Damiani designed the ring.",
        "Tom Birch begged Ada Quill to marry him.",
    ],
)
def test_relations_a_proposal_is_not_a_wedding(analyse, text):
    assert not {t for t in _triples(analyse(text)) if t[1] == "spouse"}

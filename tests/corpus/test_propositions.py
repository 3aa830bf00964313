"""Which claims start a thread, and when two claims are one proposition: pure functions, no store."""

from __future__ import annotations

import pytest

import rumormill
from rumormill.corpus import propositions as P
from rumormill.model import Claim, Source, Span


def _claim(text: str, *, worth: float = 0.8, quote: str | None = None, kind: str = "none", name=None) -> Claim:
    return Claim(
        id="c1",
        span=Span(start=0, end=len(text), text=text),
        text=text,
        source=Source(kind=kind, name=name),
        quote=quote,
        check_worthy=worth,
    )


def test_check_worthy_propositions_are_followed():
    assert P.worth_following(_claim("Kim Kardashian is pregnant with her fourth child"))
    assert P.worth_following(_claim("Kylie Jenner and Travis Scott split after two years", kind="anonymous"))


@pytest.mark.parametrize(
    "text",
    [
        "Kim Kardashian was seen leaving a restaurant in Calabasas",  # a photo's description
        "Kendall Jenner wore a red dress to the party on Saturday",
        "LOS ANGELES, CA - NOVEMBER 13: Jennifer Garner attends the premiere",  # a caption
        "The pair have been friends for 16 years after starring in a movie together Credit: Rex Features",
        "Kim Kardashian and Kanye West at the Met Gala in 2019 Picture: Getty",
        "Subscribe to our newsletter for the latest Kardashian news",  # page furniture
        "Kim Kardashian West (@KimKardashian) shared the photo with her fans",  # an embedded post
        "Did Kanye West really leave the Kardashians for good?",  # a question
        "She nailed airport chic as she headed to Tokyo, opting for a pair of tiny specs",  # a style verdict
        "Her former co-hosts took to social media this week to react to the news",  # a reaction
    ],
)
def test_photos_furniture_posts_and_questions_start_no_thread(text):
    assert not P.worth_following(_claim(text))


def test_a_feeling_in_a_quote_is_not_a_proposition_but_an_event_in_one_is():
    assert not P.worth_following(_claim("I am so happy for Kourtney and Travis", quote="q1", kind="named"))
    assert P.worth_following(_claim("Kourtney and Travis got engaged on Sunday", quote="q1", kind="named"))
    assert not P.worth_following(_claim("Kim Kardashian is pregnant again", worth=0.3))  # not check-worthy


def test_a_feeling_only_someone_unnamed_tells_is_not_followed_but_an_event_they_tell_is():
    assert not P.worth_following(_claim("Brad Pitt is said to be in a panic over a public spat", kind="reports"))
    assert not P.worth_following(_claim("Kylie is hit with loneliness when Travis is away", kind="anonymous"))
    assert not P.worth_following(_claim("Suri was over the moon when Jamie Foxx visited", kind="anonymous"))
    assert not P.worth_following(_claim("Brad Pitt is reportedly excited about the visits", kind="reports"))
    assert not P.worth_following(_claim("She wants a white dress and roses for the wedding", kind="anonymous"))
    assert P.worth_following(_claim("Kylie Jenner and Travis Scott had a huge fight in Las Vegas", kind="anonymous"))
    # the same feeling on record is the speaker's own account, and followed
    assert P.worth_following(_claim("Brad Pitt was upset by the custody ruling", kind="named", name="Brad Pitt"))


def test_a_wish_a_perception_or_a_resolve_is_followed_only_on_record():
    """What someone has long wanted, saw or resolved, told by an insider, an outlet or the
    article's own voice, is no more checkable than a feeling; their own account is on record."""
    assert not P.worth_following(_claim("Lena has wanted to have a baby with Theo for years", kind="anonymous"))
    assert not P.worth_following(_claim("Lena has wanted to have a baby with Theo for years", kind="outlet"))
    assert not P.worth_following(
        _claim("She saw how all eyes were on Mia rather than the bride last week", kind="outlet")
    )
    assert not P.worth_following(_claim("Even as she emerged as a star, Morrow resolved not to depend on the labels"))
    assert P.worth_following(_claim("I have always wanted a big family, Lena Morrow said", kind="named", name="Lena"))
    assert P.worth_following(
        _claim("Lena Morrow has wanted for nothing since the band signed a record deal", kind="named")
    )
    assert P.worth_following(
        _claim("Lena Morrow and Theo Vance wanted to marry in June, a source says", kind="anonymous")
    )
    # a regret or a long look, told by an insider, is a state of mind as well
    assert not P.worth_following(
        _claim("He's come to realize that leaving Lena was one of the biggest mistakes of his life", kind="anonymous")
    )
    assert not P.worth_following(_claim("Theo has had his eye on Lena for years", kind="anonymous"))
    assert P.worth_following(
        _claim("Theo Vance regrets the split, he told the Daily Ledger", kind="named", name="Theo")
    )


def test_a_headline_with_a_hesitation_in_scare_quotes_tells_a_feeling():
    assert P._feels('Lena Morrow Is "Hesitant" to Marry Boyfriend Theo Vance')
    assert P._feels("Theo Vance is reluctant to leave the band")
    assert not P._feels("Theo Vance is leaving the band after ten years")


@pytest.mark.parametrize(
    "text",
    [
        "Lena Morrow and Theo Vance just proved that their relationship is as strong as ever",
        "Theo and Lena's relationship has been on the fast track since they started dating",
        "Theo's mom Ada has always had a soft spot for Lena, even after the divorce",
        "Lena and Mia bonded over the men they married",
        "Now Mia just tries to stay away from Lena",
        "Theo has been a big part of their life for a while now and the pair have kept their private life private",
    ],
)
def test_an_assessment_of_a_bond_off_the_record_is_not_followed(text):
    """How strong a relationship is, a fondness, what two people bonded over, whom someone avoids:
    told by an insider or the outlet, a reading of private lives that no one could check."""
    assert not P.worth_following(_claim(text, kind="anonymous"))
    assert not P.worth_following(_claim(text, kind="outlet"))


def test_events_in_a_bond_and_a_bond_on_record_are_followed():
    assert P.worth_following(_claim("Lena Morrow and Theo Vance are engaged after a year of dating", kind="anonymous"))
    assert P.worth_following(_claim("Theo Vance and Lena Morrow split after two years of marriage", kind="outlet"))
    assert P.worth_following(
        _claim("Our relationship is stronger than ever, Lena Morrow told the Daily Ledger", kind="named", name="Lena")
    )


def test_an_outlets_caveat_on_a_rumour_is_not_a_claim():
    caveat = "It's all simply speculation—no confirmation has come from Morrow, Vance or either of their reps"
    assert not P.worth_following(_claim(caveat, kind="outlet"))
    assert not P.worth_following(_claim("For now, it's all speculation, and neither Lena nor Theo has commented"))
    assert P.worth_following(_claim("The speculation began when Lena Morrow filed for divorce in May"))
    assert not P.worth_following(_claim("So far there has been no confirmation from Lena Morrow or her reps"))
    # the rumour itself, with the caveat after it, is passed on and followed
    assert P.worth_following(
        _claim("Lena Morrow is expecting her first child, though there has been no confirmation from her rep")
    )


def test_a_headline_that_assesses_a_bond_is_no_proposition():
    analysis = rumormill.analyze(
        rumormill.Article(
            title="Lena Morrow and Mia Vance bonded over the men they married",
            text="Lena Morrow and Mia Vance have grown close, an insider says.\n\nThe two met in London.",
            published="2024-03-10",
        )
    )
    assert P.headline(analysis) is None


def test_a_claim_whose_pronoun_subject_was_not_resolved_is_about_no_one():
    """ "He lost out to Theo Vance": matched on Vance alone, it would join whatever else anyone
    did against him; resolved to someone the article names elsewhere, it is their claim."""
    analysis = rumormill.analyze(
        rumormill.Article(
            title="Awards night: the winners",
            text="Lena Morrow won best actress on Sunday.\n\nHe lost out to Theo Vance in the final category.",
            published="2024-03-10",
        )
    )
    vance = next(e for e in analysis.entities if e.name == "Theo Vance")
    claim = _claim("He lost out to Theo Vance in the final category").model_copy(update={"about": [vance.id]})
    assert P.proposition(analysis, claim) is None
    named = _claim("Mark Ruffo lost out to Theo Vance in the final category").model_copy(update={"about": [vance.id]})
    assert P.proposition(analysis, named) is not None
    assert not P._unresolved_subject(
        "He lost out to Theo Vance", [None, vance.model_copy(update={"name": "Mark Ruffo"})]
    )


def test_numbers_are_normalised_and_years_left_to_the_dates():
    assert P.numbers("Apple will sell 19M watches in 2015, not 24 million") == ["1.9e+07", "2.4e+07"]
    assert P.numbers("a 2,500 fee") == ["2500"]


def _prop(names, terms, dates=(), numbers=(), said=()):
    return P.Proposition(list(terms), list(names), list(dates), list(numbers), list(said))


def test_vetoes_keep_different_people_events_dates_and_numbers_apart():
    kylie = _prop(["kylie jenner"], ["pregnant"], said=["kylie", "jenner", "pregnant"])
    assert not P.vetoed(kylie, _prop(["kylie jenner"], ["pregnant", "child"]))
    # different people: neither names the other's
    assert P.vetoed(kylie, _prop(["kim kardashian"], ["pregnant"], said=["kim", "kardashian", "pregnant"]))
    # a surname written in the other claim is the same person ("Jenner is expecting")
    assert not P.vetoed(kylie, _prop(["kris"], ["pregnant"], said=["jenner", "expecting"]))
    # a pregnancy is not an engagement, however alike the sentences
    assert P.vetoed(kylie, _prop(["kylie jenner"], ["engage"]))
    # ... nor a birth: "welcomed their third child" is a later turn of "expecting their third child"
    assert P.terms("Kim and Kanye welcomed their third child") == ["kim", "kanye", "birth", "child"]
    assert P.vetoed(_prop(["kim"], ["birth", "child"]), _prop(["kim"], ["pregnant", "child"]))
    assert P.vetoed(_prop(["kim"], ["birth", "pregnant"]), _prop(["kim"], ["pregnant", "child"]))  # "the baby is here"
    assert not P.vetoed(_prop(["kim"], ["birth", "pregnant"]), _prop(["kim"], ["birth", "daughter"]))
    # ... unless it names another of the family: then the surname there is theirs
    khloe = _prop(["khloe kardashian"], ["pregnant"], said=["khloe", "kardashian", "pregnant"])
    kourtney = _prop(["kourtney kardashian"], ["pregnant"], said=["kourtney", "kardashian", "pregnant"])
    assert P.vetoed(khloe, kourtney)
    assert not P.vetoed(khloe, _prop(["kardashian"], ["pregnant"], said=["kardashian", "pregnant"]))
    assert P.vetoed(_prop(["a"], ["marry"], dates=["2018-06-01"]), _prop(["a"], ["marry"], dates=["2021-06-01"]))
    assert P.vetoed(_prop(["apple"], ["sell"], numbers=["1.9e+07"]), _prop(["apple"], ["sell"], numbers=["2.4e+07"]))


def test_without_embeddings_words_decide_and_with_them_the_cosine():
    import numpy as np

    a = _prop(["lena morrow", "theo vance"], ["separate", "marry"])
    b = _prop(["lena morrow", "theo vance"], ["separate"])
    assert P.similarity(a, b) == pytest.approx(0.75 * (2 / 3 + 1) / 2 + 0.25)
    assert P.match(a, b) > 0  # over the lexical bar
    a.vector, b.vector = np.array([1.0, 0.0], dtype=np.float32), np.array([0.6, 0.8], dtype=np.float32)
    assert P.similarity(a, b) == pytest.approx(0.6)
    assert P.match(a, b) == 0.0  # under the embedding bar


def test_a_thread_s_representatives_round_trip_through_json_with_their_vectors():
    import numpy as np

    p = _prop(["kim kardashian"], ["pregnant"], ["2018-01-02"], ["3"], ["kim", "pregnant"])
    p.vector = np.linspace(-1, 1, 8, dtype=np.float32)
    (back,) = P.load_representatives(P.dump_representatives([p]))
    assert (back.names, back.terms, back.dates, back.numbers, back.said) == (
        p.names,
        p.terms,
        p.dates,
        p.numbers,
        p.said,
    )
    assert np.allclose(back.vector, p.vector, atol=1e-3)
    old = '{"terms": ["separate"], "names": ["lena morrow"], "dates": []}'  # a row from before
    assert P.load_representatives(old)[0].names == ["lena morrow"]


def test_keys_block_on_names_name_words_and_content_words():
    keys = P.keys(_prop(["joan rivers medical crisis"], ["selfie", "biopsy"]))
    assert "joan rivers medical crisis" in keys and "w:rivers" in keys and "t:selfie" in keys


def test_the_headline_is_a_proposition_and_restatements_are_one_occurrence():
    analysis = rumormill.analyze(
        rumormill.Article(
            title="Lena Morrow and Theo Vance split after six years",
            text="Pop star Lena Morrow and her husband Theo Vance have split after six years of marriage, an insider"
            " told the Daily Ledger.\n\nThe singer moved out of the couple's Malibu home last month.\n\n"
            "Morrow and Vance married in 2018 and have a daughter, Ivy, three.",
            published="2024-03-10",
        )
    )
    found = P.article_propositions(analysis, encode=_encoder())
    assert 1 <= len(found) <= P.MAX_PER_ARTICLE
    texts = [c.text for c, _ in found]
    # the lead restates the headline: one occurrence, the sourced claim rather than the headline's bare voice
    split = [t for t in texts if "split" in t]
    assert len(split) == 1
    if _encoder() is not None:
        assert split[0].startswith("Pop star Lena Morrow")


def test_a_text_that_is_a_headline_is_its_own_proposition():
    analysis = rumormill.analyze("Christian Bale will not play Steve Jobs")
    assert not analysis.claims  # the claim extractor leaves a headline out
    claim = P.headline(analysis)
    assert claim is not None and claim.text == "Christian Bale will not play Steve Jobs"
    assert P.proposition(analysis, claim).names == ["christian bale", "steve jobs"]
    assert P.headline(rumormill.analyze("Christian Bale will not play Steve Jobs.")) is None  # a sentence


def _encoder():
    from rumormill import embed

    return embed.encode if embed.available() else None


@pytest.mark.parametrize(
    "title",
    [
        "Golden Globes 2018: the complete list of nominees",
        "15 Things Meghan Markle Can’t Do Once She Becomes A Royal",
        "How to Watch the Grammys Live Stream",
        "Film Review: ‘Red Sparrow’",
        "Everything You Need to Know About the 2018 Grammys",
        "Lena Morrow and Theo Vance: All You Need to Know About Their Split",
        "The Real Reason Lena Morrow and Theo Vance Split",
        "Film Awards 2018: Nominees and Winners",
        "The Best and Worst of the Film Awards",
        "Film Awards 2018: The Best Beauty Looks",
        "This Photo of Lena Morrow's Newborn Will Melt Your Heart",
        "Celebrity Couples Who Stayed Together After Cheating Scandals",
        "Film Awards 2018: Best-Dressed Guests on the Red Carpet",
        "All the Ways Lena Morrow's Wedding Broke Tradition",
        "'Band Life' Recap: Lena Morrow Goes on Tour",
        "Lena Morrow and Theo Vance's Dating History: The Many Ups and Downs",
        "'Band Life': Making Sense of the Jam-Packed Season Premiere",
        "Lena Morrow Photos, Film Awards 2018",
        "Photos of Lena Morrow's Wedding Day",
        "Lena Morrow on Moving Past the Band Scandal",
        "Lena Morrow on why she left the band",
        "Lena Morrow Opens Up About Her Relationship With Theo Vance",
        "Lena Morrow finally speaks out on divorce from Theo Vance",
        "Lena Morrow Talks Pregnancy, Divorce Rumors",
        "Lena Morrow addresses ‘upsetting’ divorce rumors",
        "Lena Morrow's former bandmates react to her choosing Theo Vance",
        "Lena Morrow and Theo Vance: The Way They Were",
        "Lena Morrow Through the Years",
        "Lena Morrow wears Mia Vance's sunglasses after Theo Vance split",
    ],
)
def test_a_service_headline_states_no_proposition(title):
    """A list, a guide, a review, a gallery, an interview's topic ("X on Y"): nothing anyone could
    confirm or deny; the body's claims may be."""
    article = rumormill.Article(title=title, text="Lena Morrow won best actress on Sunday.", published="2018-01-08")
    assert P.headline(rumormill.analyze(article)) is None


@pytest.mark.parametrize(
    "title",
    [
        "Why Lena Morrow Is Relieved Theo Vance Accepted Her Apology",
        "Lena Morrow's band scandal, explained",
        "What Lena Morrow has said about leaving the band",
        "How Lena Morrow Hid Her Pregnancy",
        "Theo Vance Feels ‘Betrayed’ By Lena Morrow's Secret Romance",
        "Lena Morrow is 'disappointed' at the band's split",
        "Lena Morrow's Son Looks Adorably Nervous on His First Day of School",
        "Lena Morrow and Theo Vance: Why They Went Public Now",
        "Theo Vance Hurt Over Lena Morrow Pregnancy Rumors",
    ],
)
def test_an_explainer_or_a_feeling_in_a_headline_follows_no_thread(title):
    """A reason, a history or a feeling about a claim presupposes the claim and says something
    else about it: neither the claim's occurrence nor a claim of its own."""
    article = rumormill.Article(title=title, text="Lena Morrow spoke on Sunday.", published="2018-01-08")
    assert P.headline(rumormill.analyze(article)) is None


@pytest.mark.parametrize(
    ("title", "starts"),
    [
        ("Is Lena Morrow Pregnant? New Details On The Rumors", False),
        ("Lena Morrow Is Pregnant With Her First Child", True),
        ("Theo Vance Hurt in Car Crash", True),
        ("Lena Morrow on Tour With Theo Vance After Their Wedding", True),
        ("Lena Morrow talks to police after the robbery", True),
    ],
)
def test_a_question_with_a_teaser_joins_a_thread_but_starts_none(title, starts):
    article = rumormill.Article(title=title, text="Lena Morrow spoke on Sunday.", published="2018-01-08")
    claim = P.headline(rumormill.analyze(article))
    assert claim is not None  # it is the article's headline, and may join the thread it asks about
    assert P.starts_thread(claim) is starts


def test_a_headline_that_states_an_event_is_kept_however_it_words_a_best():
    article = rumormill.Article(
        title="Lena Morrow Wins Best Actress at the Film Awards", text="She thanked her mother."
    )
    assert P.headline(rumormill.analyze(article)) is not None


def test_a_label_before_a_headline_is_left_out():
    article = rumormill.Article(
        title="WATCH: Lena Morrow leaves the band after ten years", text="Lena Morrow spoke on Sunday."
    )
    claim = P.headline(rumormill.analyze(article))
    assert claim is not None and claim.text == "Lena Morrow leaves the band after ten years"


def test_someone_with_many_threads_needs_shared_words_beside_a_close_embedding():
    import numpy as np

    def prop(terms):
        p = _prop(["khloe kardashian"], terms, said=["khloe", "kardashian", *terms])
        p.vector = np.array([1.0, 0.0], dtype=np.float32)
        return p

    calls_out = prop(["call", "contestant", "fake", "tear", "revenge", "body"])
    fires = prop(["fire", "contestant", "revenge", "body"])
    helps = prop(["help", "participant", "come", "parent"])
    near = np.array([0.7, 0.714], dtype=np.float32)  # cosine 0.7: over MATCH, under CROWDED_MATCH
    fires.vector = helps.vector = near / np.linalg.norm(near)
    # few threads about her: the cosine decides
    assert not P.crowded(calls_out, [[prop(["pregnant"])]])
    assert P.match(calls_out, helps) > 0
    # many: the cosine needs SHARED_TERMS content words shared too (names never count), and
    # both or neither naming a life event
    many = [[prop([w])] for w in ("pregnant", "tristan", "lamar", "revenge")]
    assert P.crowded(calls_out, many)
    assert P.match(calls_out, helps, crowded=True) == 0.0
    slams = prop(["slam", "contestant", "fake", "tear", "revenge", "body"])
    slams.vector = fires.vector
    assert P.match(calls_out, slams, crowded=True) > 0  # "contestant", "fake", "tear", "revenge", "body"
    assert P.match(calls_out, fires, crowded=True) == 0.0  # shares words, but only one is a firing
    assert not P.crowded(_prop(["kim kardashian"], ["pregnant"]), many)  # another person's threads
    close = prop(["help", "participant"])  # a cosine over CROWDED_MATCH needs no shared words
    close.vector = np.array([0.9, 0.436], dtype=np.float32)
    assert P.match(calls_out, close, crowded=True) > 0


def _full(names, terms, vector, full=True):
    import numpy as np

    p = _prop(names, terms, said=[w for n in names for w in n.split()] + terms)
    p.vector = np.asarray(vector, dtype=np.float32) / np.linalg.norm(vector)
    p.full = full
    return p


def test_claims_of_full_articles_need_a_close_embedding_where_headlines_alone_paraphrase():
    near = [0.75, 0.661]  # cosine 0.75 with [1, 0]: over MATCH, under FULL_MATCH
    # two headlines that are all their articles say: the cosine decides (writers paraphrase)
    a = _full(["hoda kotb"], ["name", "replace", "anchor"], [1, 0], full=False)
    b = _full(["hoda kotb"], ["salary", "close"], near, full=False)
    assert P.match(a, b) > 0
    # the same claims from full articles: a cosine of FULL_MATCH, however many words they share
    # (two turns of one story share their words: the nominations, then the wins)
    a.full = b.full = True
    assert P.match(a, b) == 0.0
    assert P.match(a, _full(["hoda kotb"], ["replace", "anchor", "history"], near)) == 0.0
    assert P.match(a, _full(["hoda kotb"], ["replace", "anchor", "history"], [0.85, 0.527])) == 0.0
    assert P.match(a, _full(["hoda kotb"], ["salary"], [0.9, 0.436])) > 0
    # one of them a headline alone: the cosine of MATCH again
    loose = _full(["hoda kotb"], ["replace", "anchor", "history"], [0.7, 0.714], full=False)
    assert P.match(a, loose) > 0
    # two claims of one article restate each other by the cosine alone (a lead and its headline)
    assert P.match(a, b, same_article=True) > 0
    nominated = _full(["three billboards"], ["golden", "globe", "nomination"], [1, 0])
    winner = _full(["three billboards"], ["golden", "globe", "winner"], [0.8, 0.6])
    assert P.match(winner, nominated) == 0.0


def test_claims_of_full_articles_name_a_life_event_both_or_neither_at_any_cosine():
    title = _full(["zsa zsa"], ["world", "ugliest", "dog", "title"], [1, 0])
    dies = _full(["zsa zsa"], ["world", "ugliest", "dog", "die"], [0.95, 0.312])
    assert P.match(title, dies) == 0.0  # a cosine of 0.95, but only one is a death
    assert P.match(title, dies, same_article=True) > 0  # one article restating itself
    title.full = dies.full = False
    assert P.match(title, dies) > 0  # headlines alone: writers paraphrase, the cosine decides


def test_an_article_is_full_when_it_has_a_body():
    from rumormill.model import Analysis, Article

    def full(**kw):
        return P.full_article(Analysis(article=Article(**kw)))

    assert full(title="Kim and Kanye split", text="The couple have been living apart for a year.")
    assert full(text="Kim and Kanye split\n\nThe couple have been living apart for a year.")
    assert not full(text="Kim and Kanye split after six years")  # a headline alone


def test_a_topic_headline_is_found_where_the_recogniser_split_the_name():
    """ "Chris Pratt finally speaks out on divorce", where the recogniser found "Chris" a person
    and "Pratt" a place: still a name, then a topic."""
    from rumormill.model import Analysis, Entity

    title = "Lena Morrow finally speaks out on divorce from Theo Vance"
    analysis = Analysis(
        article=rumormill.Article(title=title, text="Lena and Theo separated.\n\nMorrow spoke on Sunday."),
        entities=[
            Entity(id="e1", name="Lena", kind="person"),
            Entity(id="e2", name="Morrow", kind="place"),
            Entity(id="e3", name="Theo Vance", kind="person"),
        ],
    )
    assert P._topic(title, analysis)
    assert not P._topic("Hidden Port on Morrow Watch revealed", analysis)  # no person's name before "on"

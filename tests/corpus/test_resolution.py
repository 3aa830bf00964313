"""Claim resolution: the on-record rules, their order, and the learned fallback."""

from __future__ import annotations

import pytest

from rumormill.corpus.resolution import FEATURES, estimate, features, reports, resolve, showable

CLAIM = "Kim Kardashian and Kanye West are divorcing"


def occ(text, stance="repeats", date=None, kind=None, name=None, certainty=None, url=None):
    return {
        "text": text,
        "stance": stance,
        "date": date,
        "outlet": None,
        "url": url,
        "source_kind": kind,
        "source_name": name,
        "certainty": certainty,
    }


def test_a_principal_denying_on_record_denies_the_claim():
    occurrences = [
        occ("Kim and Kanye are heading for divorce", "supports", "2020-07-01", "anonymous", "a source"),
        occ("We are not divorcing", "denies", "2020-07-02", "named", "Kim Kardashian", "denied"),
    ]
    result = resolve(CLAIM, occurrences)
    assert (result.status, result.evidence) == ("denied", [1])
    assert "principal" in result.rule
    assert result.basis == "record"


def test_a_representative_denying_on_record_denies_the_claim():
    occurrences = [occ("The couple are not divorcing", "denies", "2020-07-02", "descriptive", "her rep")]
    result = resolve(CLAIM, occurrences)
    assert (result.status, result.evidence) == ("denied", [0])
    assert "representative" in result.rule


def test_an_anonymous_denial_does_not_settle_it_on_record():
    occurrences = [
        occ("Kim and Kanye are divorcing", "supports", "2020-07-01"),
        occ("A friend says they are fine", "denies", "2020-07-02", "anonymous", "a friend"),
    ]
    assert "on record" not in resolve(CLAIM, occurrences).rule


def test_a_later_report_of_a_filing_confirms_the_claim():
    occurrences = [
        occ("Kim and Kanye are living apart", "supports", "2020-07-31", "anonymous", "a source"),
        occ("Kim Kardashian files for divorce from Kanye West", "supports", "2021-02-19", "reports"),
    ]
    result = resolve(CLAIM, occurrences)
    assert (result.status, result.rule, result.evidence) == ("confirmed", "a later report of a filing", [1])


def test_a_filing_after_a_denial_wins_and_a_denial_after_a_filing_wins():
    denial = occ("We are not divorcing", "denies", "2020-08-01", "named", "Kanye West", "denied")
    filing = occ("Divorce papers filed in Los Angeles", "supports", "2021-02-19")
    first = occ("Kim and Kanye split", "supports", "2020-07-01")
    assert resolve(CLAIM, [first, denial, filing]).status == "confirmed"
    late_denial = {**denial, "date": "2021-03-01"}
    assert resolve(CLAIM, [first, filing, late_denial]).status == "denied"


def test_an_outlet_retracting_its_report_retracts_the_claim():
    occurrences = [
        occ("Kim and Kanye split", "supports", "2020-07-01"),
        occ("Correction: an earlier version of this story said the couple had split", "repeats", "2020-07-03"),
    ]
    result = resolve(CLAIM, occurrences)
    assert (result.status, result.evidence) == ("retracted", [1])


def test_no_occurrences_leave_it_open():
    assert resolve(CLAIM, []).status == "open"


def test_the_learned_model_denies_a_claim_most_outlets_call_a_hoax():
    occurrences = [
        occ("Kim and Kanye divorce story is a hoax", "denies", url="http://a.example/hoax"),
        occ("No, Kim and Kanye are not divorcing: the report was fake", "denies"),
        occ("Fake news site claims Kim and Kanye are divorcing", "denies"),
        occ("Kim and Kanye divorcing, says website", "repeats"),
    ]
    result = resolve(CLAIM, occurrences)
    assert result.status == "denied"
    assert result.evidence == [0, 1, 2]
    assert result.probs is not None and result.probs["denied"] > 0.5
    assert result.basis == "estimate"  # read from the coverage: nobody denied it on record


def test_a_verdict_no_occurrence_states_is_not_shown_however_the_weights_lean():
    """The hoax words lean the model to denied; with every denying stance read as a repeat, no
    occurrence says it is false, and a reader would have nothing to check: it stays open."""
    occurrences = [
        occ("Kim and Kanye divorce story is a hoax", "repeats", url="http://a.example/hoax"),
        occ("No, Kim and Kanye are not divorcing: the report was fake", "repeats"),
        occ("Fake news site claims Kim and Kanye are divorcing", "repeats"),
    ]
    assert showable(occurrences) == {"confirmed": False, "denied": False}
    result = resolve(CLAIM, occurrences)
    assert result.status == "open" and result.evidence == []
    assert result.probs["denied"] > 0.5 and "leans denied" in result.rule and "no occurrence denies it" in result.rule
    one_says_so = [*occurrences[:2], {**occurrences[2], "stance": "denies"}]
    assert showable(one_says_so) == {"confirmed": False, "denied": True}


def test_a_single_report_is_not_weighed_and_copies_of_one_text_are_one_report():
    hoax = [occ("Kim and Kanye divorce story is a hoax", "denies", url="http://a.example/hoax")]
    alone = resolve(CLAIM, hoax)
    assert (alone.status, alone.basis) == ("open", "record") and "single report" in alone.rule
    copies = [{**hoax[0], "origin": "o1", "url": f"http://{site}.example/hoax"} for site in ("a", "b", "c")]
    assert resolve(CLAIM, copies).status == "open"
    assert resolve(CLAIM, [*copies, {**copies[0], "origin": "o2", "url": "http://d.example/x"}]).status == "denied"


def test_features_have_their_names():
    row = features(CLAIM, [occ("Is it true?", "questions", url="https://www.snopes.com/x")])
    named = dict(zip(FEATURES, row, strict=True))
    assert named["questions"] == 1.0 and named["fact_checker"] == 1.0 and named["question_mark"] == 1.0


def test_no_comment_from_a_principal_is_not_a_denial():
    """Issue 14: "hasn't made any official comments" was read as a denial on record."""
    claim = "Rob Kardashian shared explicit photos of Blac Chyna"
    silence = occ("Rob Kardashian hasn't made any official comments", "denies", "2017-07-06", "named")
    silence = {**silence, "source_name": "Rob Kardashian", "certainty": "denied"}
    result = resolve(claim, [silence])
    assert result.status == "open"
    denial = {**silence, "text": "Rob Kardashian denied that he shared the photos"}
    assert resolve(claim, [denial]).status == "denied"


def test_a_relative_sharing_a_surname_is_not_a_principal():
    claim = "Rob Kardashian shared explicit photos of Blac Chyna"
    sister = occ("Rob never shared the photos", "denies", "2017-07-06", "named", "Khloe Kardashian", "denied")
    assert "on record" not in resolve(claim, [sister]).rule
    family = {**sister, "source_name": "Rob Kardashian's family"}
    assert "on record" not in resolve(claim, [family]).rule


def test_a_filing_about_something_else_does_not_confirm_the_claim():
    claim = "Comcast got a man fired after he complained about its service"
    occurrences = [
        occ("Comcast got a man fired, he says", "supports", "2015-01-01"),
        occ("The man who says Comcast got him fired has filed a lawsuit", "supports", "2015-02-01"),
    ]
    assert "filing" not in resolve(claim, occurrences).rule


def test_outlets_passing_on_one_outlets_report_are_one_report():
    """Issue 14: Us Weekly, and IBTimes quoting Us Weekly, are one report, not two."""
    text = "Rob Kardashian shared explicit photos, a source says"
    us_weekly = {**occ(text, "supports", "2017-07-05", "anonymous", "a source"), "outlet": "Us Weekly"}
    us_weekly |= {"origin": "us-text", "url": "https://usmagazine.example/rob"}
    ibtimes = {**occ(text, "supports", "2017-07-06", "outlet", "US Weekly"), "outlet": "IBTimes"}
    ibtimes |= {"origin": "ib-text", "url": "https://ibtimes.example/rob"}
    assert reports([us_weekly, ibtimes]) == 1
    result = resolve("Rob Kardashian shared explicit photos", [us_weekly, ibtimes])
    assert result.status == "open" and "single report" in result.rule
    # another outlet passing on Us Weekly is still Us Weekly's report; an outlet of its own is not
    people = {**ibtimes, "outlet": "People", "origin": "people-text", "url": "https://people.example/rob"}
    assert reports([us_weekly, ibtimes, people]) == 1
    assert reports([us_weekly, ibtimes, {**people, "source_kind": "anonymous", "source_name": "an insider"}]) == 2


def test_copies_of_one_text_share_a_report_and_its_weight():
    hoax = occ("Kim and Kanye divorce story is a hoax", "denies", url="http://a.example/hoax")
    copies = [{**hoax, "origin": "o1", "url": f"http://{site}.example/hoax"} for site in "abc"]
    other = occ("Kim and Kanye are divorcing", "supports", url="http://d.example/x")
    named = dict(zip(FEATURES, features(CLAIM, [*copies, other]), strict=True))
    assert named["denies"] == 0.5 and named["supports"] == 0.5  # two reports, one each way


def test_an_estimate_short_of_the_threshold_stays_open_with_its_probabilities():
    assert estimate({"confirmed": 0.7, "denied": 0.1, "open": 0.2}, 0.8) == "open"
    assert estimate({"confirmed": 0.1, "denied": 0.85, "open": 0.05}, 0.8) == "denied"
    assert estimate({"confirmed": 0.5, "denied": 0.1, "open": 0.4}, 0.5) == "confirmed"
    occurrences = [
        occ("Kim and Kanye are divorcing", "supports", url="http://a.example/1"),
        occ("Kim and Kanye divorcing, reports say", "repeats", url="http://b.example/2"),
    ]
    result = resolve(CLAIM, occurrences)
    assert result.status == "open" and result.probs is not None
    assert "threshold" in result.rule


def test_every_claim_gets_an_estimate_kept_apart_from_its_status():
    """Issue 14: the likeliest verdict is kept for every claim, the status shows it only when earned."""
    hoax = occ("Kim and Kanye divorce story is a hoax", "denies", url="http://a.example/hoax")
    alone = resolve(CLAIM, [hoax])  # one report: not shown, still estimated
    assert alone.status == "open" and alone.estimate in ("confirmed", "denied", "open")
    assert alone.confidence == alone.probs[alone.estimate]
    leaning = resolve(
        CLAIM,
        [
            occ("Kim and Kanye are divorcing", "supports", url="http://a.example/1"),
            occ("Kim and Kanye divorcing, reports say", "repeats", url="http://b.example/2"),
        ],
    )
    assert leaning.status == "open" and leaning.estimate is not None and 0 < leaning.confidence < 1
    shown = resolve(
        CLAIM,
        [
            hoax,
            occ("No, Kim and Kanye are not divorcing: the report was fake", "denies"),
            occ("Fake news site claims Kim and Kanye are divorcing", "denies"),
        ],
    )
    assert (shown.status, shown.estimate, shown.confidence) == ("denied", "denied", shown.probs["denied"])
    on_record = resolve(CLAIM, [occ("We are not divorcing", "denies", kind="named", name="Kim Kardashian")])
    assert (on_record.status, on_record.estimate, on_record.confidence) == ("denied", "denied", None)
    assert resolve(CLAIM, []).estimate == "open"
    assert {"estimate", "confidence"} <= resolve(CLAIM, [hoax]).to_dict().keys()


def test_a_settling_occurrence_must_say_what_the_claim_says_not_only_of_whom():
    """Two sentences about one couple join a thread by likeness; a status needs one that speaks
    of the claim's event or its words (`states`)."""
    from rumormill.corpus.resolution import states

    about = ["Gwen Stefani", "Blake Shelton"]
    claim = "Gwen hates how close Blake and this young lady have become lately"
    assert not states(claim, "Gwen was very insecure about not being able to give Blake a baby", about)
    assert states(claim, "Gwen Stefani hates how close Blake has become to his co-star", about)
    # the same life event settles it, another one does not
    assert states(CLAIM, "Divorce papers filed in Los Angeles", ["Kim Kardashian", "Kanye West"])
    dating = "Blake and Kendall have only been dating for four months"
    assert not states(dating, "Griffin called off their wedding a week before the date", ["Blake Griffin"])
    # a bare statement ("It's not true") speaks of what it was matched to
    assert states(claim, "It's not true", about)
    # a short form of a name is a name, not a word the two share
    assert not states(
        "Jen is banning all kinds of food from the house",
        "Justin accused Jen's Hollywood friends of leaking stories",
        ["Jennifer Aniston", "Justin Theroux"],
    )


def test_a_negated_sentence_about_the_same_people_is_no_denial_to_weigh():
    """The learned model shows `denied` only with an occurrence that denies in words ("a hoax",
    "not true", "denied"): "her kids have not met him" negates another claim."""
    claim = "Jennifer Garner is dating Josh Duhamel"
    negated = [
        occ("Jennifer Garner is secretly dating Josh Duhamel", "supports", url="http://a.example/1"),
        occ("Jennifer Garner's kids have not met Josh Duhamel", "denies", url="http://b.example/2"),
    ]
    assert showable(negated, claim, ["Jennifer Garner", "Josh Duhamel"])["denied"] is False
    denied = [
        negated[0],
        occ("Jennifer Garner dating Josh Duhamel? The rumour is false", "denies", url="http://c.example"),
    ]
    assert showable(denied, claim, ["Jennifer Garner", "Josh Duhamel"])["denied"] is True


@pytest.mark.parametrize(
    "headline",
    [
        "No, Jennifer Garner is not dating Josh Duhamel",
        "Sorry, Jennifer Garner isn't dating Josh Duhamel",
        "Jennifer Garner dating Josh Duhamel? Her rep calls it rubbish",
        "Jennifer Garner not dating Josh Duhamel, contrary to reports",
        "Jennifer Garner single despite rumours she is dating Josh Duhamel",
    ],
)
def test_a_rebuttal_headline_is_a_denial_in_words(headline):
    """The debunking headline's forms deny in words: a rebuttal that opens it ("No, ...",
    "Sorry, ..."), or a report set against the rumour ("rubbish", "contrary to reports")."""
    claim = "Jennifer Garner is dating Josh Duhamel"
    occurrences = [
        occ("Jennifer Garner is secretly dating Josh Duhamel", "supports", url="http://a.example/1"),
        occ(headline, "denies", url="http://b.example/2"),
    ]
    assert showable(occurrences, claim, ["Jennifer Garner", "Josh Duhamel"])["denied"] is True


def test_a_headline_that_opens_with_no_one_is_no_rebuttal():
    claim = "Jennifer Garner is dating Josh Duhamel"
    occurrences = [
        occ("Jennifer Garner is secretly dating Josh Duhamel", "supports", url="http://a.example/1"),
        occ("No one has seen Jennifer Garner dating Josh Duhamel", "denies", url="http://b.example/2"),
    ]
    assert showable(occurrences, claim, ["Jennifer Garner", "Josh Duhamel"])["denied"] is False


def test_an_outlets_account_of_a_principals_act_confirms_nothing_on_record():
    """'Khloe Kardashian calls out a contestant': the words hold their own cue, so the outlet
    describes what she did; she confirms nothing. Her announcement, reported apart from its cue, does."""
    claim = "Khloe Kardashian calls out a Revenge Body contestant for some fake tears"
    act = {**occ(claim, "supports", "2018-01-02", "named", "Khloe Kardashian", "asserted"), "cue": "calls out"}
    assert resolve(claim, [act]).status == "open"
    claim = "Kim Kardashian and Kanye West are now the parents of a third baby"
    said = {
        **occ(claim, "supports", "2018-01-16", "named", "Kim Kardashian", "asserted"),
        "cue": "announced on Twitter",
    }
    assert resolve(claim, [said]).status == "confirmed"


def test_a_principal_is_someone_the_claim_is_about():
    claim = "Three Billboards took home four awards, Best Actress among them (Frances McDormand)"
    heading = occ("Frances McDormand, Three Billboards (WINNER", "supports", "2018-03-04", "named", "Actress")
    about = ["Three Billboards Outside Ebbing, Missouri", "Frances McDormand"]
    assert "on record" not in resolve(claim, [heading], about=about).rule
    herself = {**heading, "source_name": "Frances McDormand", "text": "I took home Best Actress"}
    assert "principal" in resolve(claim, [herself], about=about).rule

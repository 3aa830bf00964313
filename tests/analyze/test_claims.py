"""Claims: source kinds, cues, content spans, certainty, quote claims, negatives, scores."""

from __future__ import annotations

import pytest

import rumormill
from rumormill.model import Article


def _analyze(text: str):
    # language given: the guesser cannot tell the language of one short sentence
    return rumormill.analyze(Article(text=text, language="en", published="2020-07-31"))


def _claims(text: str):
    return _analyze(text).claims


@pytest.mark.parametrize(
    ("text", "kind", "source", "cue", "content"),
    [
        # named: a person or organisation by name
        (
            "Kanye claimed he had been trying to divorce Kim.",
            "named",
            "Kanye",
            "claimed",
            "he had been trying to divorce Kim",
        ),
        # descriptive: a role, not a name
        (
            "A spokesperson for the couple said they are happy.",
            "descriptive",
            "A spokesperson for the couple",
            "said",
            "they are happy",
        ),
        ("Police said the driver was arrested.", "descriptive", "Police", "said", "the driver was arrested"),
        # anonymous: identity withheld
        (
            "A source claims the couple are living apart.",
            "anonymous",
            "A source",
            "claims",
            "the couple are living apart",
        ),
        ("An insider told The Sun that Kim is upset.", "anonymous", "An insider", "told", "that Kim is upset"),
        (
            "A friend of the couple revealed that they split in May.",
            "anonymous",
            "A friend of the couple",
            "revealed",
            "that they split in May",
        ),
        # reports: unattributed reporting; "X is said to" does NOT make X the source
        ("Kim is said to live in Calabasas.", "reports", "is said to", "is said", "Kim is said to live in Calabasas"),
        (
            "Kim reportedly lives in Calabasas.",
            "reports",
            "reportedly",
            "reportedly",
            "Kim reportedly lives in Calabasas",
        ),
        (
            "According to reports, Kim lives in Calabasas.",
            "reports",
            "reports",
            "According to",
            "Kim lives in Calabasas",
        ),
        ("Reports claim Kim lives in Calabasas.", "reports", "Reports", "claim", "Kim lives in Calabasas"),
        (
            "Kim is rumoured to be dating a rapper.",
            "reports",
            "is rumoured to",
            "is rumoured",
            "Kim is rumoured to be dating a rapper",
        ),
        (
            "It is understood that Kim has moved out.",
            "reports",
            "It is understood",
            "is understood",
            "that Kim has moved out",
        ),
        # outlet: a publication
        ("According to TMZ, the couple split in May.", "outlet", "TMZ", "According to", "the couple split in May"),
        (
            "People magazine reported that the couple split.",
            "outlet",
            "People magazine",
            "reported",
            "that the couple split",
        ),
        (
            "The Daily Ledger reported that the couple split.",
            "outlet",
            "The Daily Ledger",
            "reported",
            "that the couple split",
        ),
        # self: the writer or the outlet about itself
        ("We can reveal that the couple split in May.", "self", "We", "can reveal", "that the couple split in May"),
        (
            "This website understands that Kim has moved out.",
            "self",
            "This website",
            "understands",
            "that Kim has moved out",
        ),
    ],
)
def test_claims_source_cue_and_content(text, kind, source, cue, content):
    (claim,) = _claims(text)
    assert claim.source.kind == kind
    assert claim.source.span is not None and claim.source.span.text == source
    assert claim.cue is not None and claim.cue.text == cue
    assert claim.span.text == content


def test_claims_own_voice_has_no_source_and_no_cue():
    (claim,) = _claims("The couple married in 2014 in Florence.")
    assert (claim.source.kind, claim.source.span, claim.cue, claim.certainty) == ("none", None, None, "asserted")
    assert claim.span.text == claim.text == "The couple married in 2014 in Florence"


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        ("Kanye said Kim lives in Calabasas.", "asserted"),
        ("The couple married in 2014 in Florence.", "asserted"),
        ("Kim is said to live in Calabasas.", "hedged"),
        ("Kanye believes Kim is unhappy.", "hedged"),
        ("Kim appeared to be upset.", "hedged"),
        ("A spokesperson denied that the couple had split.", "denied"),
        ("A rep said the reports are not true.", "denied"),
        ("Kim dismissed the rumours.", "denied"),
        ('"Lena and Theo are not separating," a spokesperson said.', "denied"),
    ],
)
def test_claims_certainty(text, certainty):
    claims = _claims(text)
    assert [c.certainty for c in claims] == [certainty]


def test_claims_reportative_hedge_is_listed():
    (claim,) = _claims("According to reports, Kim lives in Calabasas.")
    assert [(h.text, h.type) for h in claim.hedges] == [("According to reports", "reportative")]


def test_claims_two_attributions_in_one_sentence_give_two_claims():
    claims = _claims("The singer is said to have moved out, while the actor is thought to be staying with friends.")
    assert [(c.source.kind, c.cue.text) for c in claims] == [("reports", "is said"), ("reports", "is thought")]
    assert "actor" not in claims[0].span.text


def test_claims_from_quote_carry_speaker_and_quote_id():
    analysis = _analyze('"Kanye has been in Wyoming for a year. Kim visits every five weeks," a source claims.')
    (quote,) = analysis.quotes
    assert [(c.span.text, c.source.kind, c.cue.text, c.quote) for c in analysis.claims] == [
        ("Kanye has been in Wyoming for a year", "anonymous", "claims", quote.id),
        ("Kim visits every five weeks", "anonymous", "claims", quote.id),
    ]


def test_claims_quote_cue_clause_is_not_a_claim_but_the_rest_is():
    analysis = _analyze('Vance posted a photo of the couple on Instagram, writing: "Six years and counting."')
    assert [(c.span.text, c.source.kind) for c in analysis.claims] == [
        ("Vance posted a photo of the couple on Instagram", "none")
    ]


def test_claims_unattributed_quoted_sentence_is_nobody_s_claim():
    # no cue: not a Quote, not the article's voice, and its "believe" is not a new source
    analysis = _analyze('The crowd cheered loudly at the rally. "I believe that we will win this state by a mile."')
    assert analysis.quotes == []
    assert [(c.span.text, c.source.kind) for c in analysis.claims] == [
        ("The crowd cheered loudly at the rally", "none")
    ]


def test_claims_times_and_about_point_into_the_claim():
    analysis = _analyze("Kanye claimed he had been trying to divorce Kim since November 2018.")
    (claim,) = analysis.claims
    times = [analysis.time(t) for t in claim.times]
    assert [t.span.text for t in times if t is not None] == ["November 2018"]
    names = {e.id: e.name for e in analysis.entities}
    assert any("Kim" in names.get(entity, "") for entity in claim.about)


def test_claims_stance_text_is_the_whole_act():
    # a stance on a thing is the article's statement of an act, not a reported proposition
    (claim,) = _claims("Senator Cruz endorsed Donald Trump on Monday.")
    assert (claim.span.text, claim.cue, claim.source.kind) == (
        "Senator Cruz endorsed Donald Trump on Monday",
        None,
        "none",
    )
    assert claim.text == "Senator Cruz endorsed Donald Trump on Monday"


def test_claims_photo_credit_is_cut_off():
    (claim,) = _claims("The couple were spotted in Wyoming earlier this week. Picture: Getty")
    assert "Getty" not in claim.span.text and "Picture" not in claim.text


@pytest.mark.parametrize(
    "text",
    [
        "Picture: Getty",
        "Image: Instagram/@kimkardashian",
        "Is Kim leaving Kanye?",
        "Wow!",
        "Thanks so much.",
        "Read more: Kim and Kanye's marriage timeline",
    ],
)
def test_claims_negatives_extract_nothing(text):
    assert _claims(text) == []


def test_claims_check_worthy_prefers_checkable_facts():
    fact = _claims("Kim Kardashian paid $60 million for the Calabasas house in 2014.")[0]
    opinion = _claims("I think it is the best thing ever.")
    worthy = [c.check_worthy for c in opinion] or [0.0]
    assert fact.check_worthy > max(worthy)
    assert 0.0 <= fact.check_worthy <= 1.0


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # "X, he said, Y": spaCy hangs the cue under the reported clause, comma and all
        ("In his state, Christie said, drug offenders are sent to treatment.", "Christie"),
        ("The hashtag, he said, was even more popular.", "he"),
    ],
)
def test_claims_parenthetical_cue_reports_its_host_clause(text, source):
    (claim,) = _claims(text)
    assert (claim.cue.text, claim.source.span.text) == ("said", source)
    assert claim.span.text == text.rstrip(".")


def test_claims_parenthetical_needs_commas():
    # no comma: "he said" is a subject and verb in the sentence, the content its complement
    (claim,) = _claims("He said the hashtag was even more popular.")
    assert claim.span.text == "the hashtag was even more popular"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # an object content takes the prepositional phrases after it
        ("Cruz accused Trump of using divisive rhetoric.", "Trump of using divisive rhetoric"),
        ("She thanked her supporters for delivering a win.", "her supporters for delivering a win"),
    ],
)
def test_claims_object_content_takes_its_prepositional_phrases(text, content):
    (claim,) = _claims(text)
    assert claim.span.text == content


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Trump cited several examples of help.", "cited", "several examples of help"),
        ("She described him as a liar.", "described", "him as a liar"),
        ("The senator urged restraint.", "urged", "restraint"),
    ],
)
def test_claims_clause_verb_with_object_flag_takes_its_object(text, cue, content):
    (claim,) = [c for c in _claims(text) if c.cue is not None]
    assert (claim.cue.text, claim.span.text) == (cue, content)


@pytest.mark.parametrize("text", ["He posted a photo of the beach.", "She added a new room to the house."])
def test_claims_clause_verb_without_object_flag_ignores_its_object(text):
    assert all(c.cue is None for c in _claims(text))


def test_claims_clause_verb_takes_its_stance_preposition():
    # a clause after the preposition is a proposition; a plain noun phrase only a topic
    (claim,) = [c for c in _claims("They pointed to the fact that Indiana grew.") if c.cue is not None]
    assert (claim.cue.text, claim.source.span.text) == ("pointed to", "They")
    assert all(c.cue is None for c in _claims("They pointed to the example of Indiana."))


def test_claims_clause_verb_without_its_preposition_is_no_cue():
    assert all(c.cue is None for c in _claims("He pointed at the broken window of the house."))


# --- gossip idioms (invented sentences) -------------------------------------------------------


def _only(text: str):
    claims = [c for c in _claims(text) if c.source.kind != "none"]
    assert len(claims) == 1, [(c.source.kind, c.text) for c in claims]
    return claims[0]


@pytest.mark.parametrize(
    ("text", "kind", "source", "channel", "certainty"),
    [
        ("A source close to the pair told E! News that they had quietly wed.", "anonymous", "A source close to the pair", "interview", "asserted"),
        ("An insider revealed to Us Weekly that the singer moved out of the villa.", "anonymous", "An insider", "interview", "asserted"),
        ("A pal told The Sun that the actress was crushed by the breakup.", "anonymous", "A pal", "interview", "asserted"),
        ("According to E! News, the couple broke up in January.", "outlet", "E! News", None, "asserted"),
        ("Hollywood Life reports that the rapper bought a ranch in Texas.", "outlet", "Hollywood Life", None, "asserted"),
        ("According to Grazia, the model met the stylist at a bar.", "outlet", "Grazia", None, "asserted"),
        ('Marriage to her is like a "front row seat to greatness," according to Hollywood Life.', "outlet", "Hollywood Life", None, "asserted"),
        ("Rumors are swirling that the pair secretly married in Reno.", "reports", "Rumors", None, "hedged"),
        ("Reports surfaced that the drummer had left the band.", "reports", "Reports", None, "hedged"),
        ("News stories reported that the drummer had left the band.", "reports", "News stories", None, "hedged"),
        ("Family law experts say that such rulings are unusual.", "anonymous", "Family law experts", None, "asserted"),
        ("The experts say that such rulings are unusual.", "descriptive", "The experts", None, "asserted"),
        ("Her lawyers said that the ruling was unusual.", "descriptive", "Her lawyers", None, "asserted"),
        ("Some have claimed that the ruling was unusual.", "anonymous", "Some", None, "asserted"),
        ("Speculation is mounting that the host will quit the show.", "reports", "Speculation", None, "hedged"),
        ("Fans speculated that the dancer was pregnant with twins.", "anonymous", "Fans", None, "hedged"),  # unnamed members of the public
        ("The star took to Instagram to write that she was engaged.", "descriptive", "The star", "social_post", "asserted"),
        ("Dana Reyes's rep slammed the rumors about the wedding.", "descriptive", "Dana Reyes's rep", None, "denied"),
        ("The singer's publicist denied the reports that she quit.", "descriptive", "The singer's publicist", None, "denied"),
        # a dismissive verb or phrase that is no speech verb, with a rumour for its object
        ("Dana Reyes put those rumors to bed with a sweet post.", "named", "Dana Reyes", None, "denied"),
        ("Dana Reyes shot down the reports about the wedding.", "named", "Dana Reyes", None, "denied"),
    ],
)  # fmt: skip
def test_claims_gossip_attribution(text, kind, source, channel, certainty):
    claim = _only(text)
    assert (claim.source.kind, claim.source.span.text, claim.source.channel, claim.certainty) == (
        kind,
        source,
        channel,
        certainty,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Sources told TMZ the couple have been apart for weeks.",
        "TMZ reports that the couple quietly filed for divorce last month.",
    ],
)
def test_claims_gossip_claim_text_is_the_content(text):
    claim = _only(text)
    assert "TMZ" not in claim.text and "couple" in claim.text


@pytest.mark.parametrize(
    "text",
    [
        # one-word photo-caption labels are no speakers
        "Inseparable: The actress escorted her companion to a sushi dinner on Friday.",
        "Intimate: The pair shared a kiss over dinner in Beverly Hills on Friday.",
        # a live blog's timestamp before the colon is no speaker
        "11:04: The drummer closes the night with a long solo on the main stage.",
        "9:45pm: The host walks out to a standing ovation from the crowd.",
        # an adjective is no outlet, a plain noun with an acl no source
        "The sun was shining when the couple arrived in Malibu.",
    ],
)
def test_claims_gossip_captions_and_words_give_no_source(text):
    assert [c.source.kind for c in _claims(text)] == ["none"]


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        # a negated statement is a denial from someone who answers for the star ...
        ('"They are not divorcing," her lawyer said.', "denied"),
        # ... or next to a rumour or a denial
        ('Rumor number one: "I am not pregnant," she said.', "denied"),
        # ... and otherwise a plain statement
        ('"She doesn\'t know what to do," the friend said.', "asserted"),
        ('"I never heard back from him," Joey said.', "asserted"),
        ('"Kim can\'t get enough of that little girl," an insider said.', "asserted"),
    ],
)
def test_claims_gossip_negation_denies_only_in_a_denial(text, certainty):
    claims = [c for c in _claims(text) if c.quote]
    assert [c.certainty for c in claims] == [certainty]


def test_claims_definite_source_is_the_earlier_one():
    analysis = _analyze(
        'A spokesperson for Dana Reyes denied the report. "The couple are very happy together," the spokesperson said.'
    )
    names = {c.source.name for c in analysis.claims if c.source.kind == "descriptive"}
    assert names == {"A spokesperson for Dana Reyes"}


@pytest.mark.parametrize(
    "text",
    [
        # a different role, or several people, stays a source of its own
        'A spokesperson for Dana Reyes denied the report. "They are still very happy together," the lawyer said.',
        'Sources said the couple split. "They are still very happy together," the sources said.',
    ],
)
def test_claims_definite_source_needs_the_same_role(text):
    analysis = _analyze(text)
    names = [c.source.name for c in analysis.claims if c.source.kind in ("descriptive", "anonymous")]
    assert len(set(names)) == 2


# --- the gossip gold's cue and denial rules (invented sentences) --------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "content_starts", "certainty"),
    [
        # the writer was told by someone it does not name
        ("We're told the wedding is off for good.", "anonymous", "the wedding", "asserted"),
        ("I'm told that the couple split in June.", "anonymous", "that the couple", "asserted"),
        # impersonal passives of reporting verbs are unattributed reports
        ("It was assumed that the pair must be hooking up again.", "reports", "that the pair", "hedged"),
        ("It was learned that the report was false.", "reports", "that the report", "denied"),
        # the parser took the clause's subject for the cue's object
        (
            "Later that night, Jenna confessed their young daughter has already seen too much.",
            "named",
            "their",
            "asserted",
        ),
        # "but according to X, Y": Y is what X says
        (
            "They have been dating for five months, but according to OK!, the two are already planning to wed.",
            "outlet",
            "the two",
            "asserted",
        ),
    ],
)
def test_claims_gold_cues(text, kind, content_starts, certainty):
    claim = _only(text)
    assert (claim.source.kind, claim.certainty) == (kind, certainty)
    assert claim.span.text.startswith(content_starts), claim.span.text


@pytest.mark.parametrize(
    "text",
    [
        "A source told Page Six on Monday.",  # the hearer, not what was said
        "Katie Holmes announced their engagement in June.",
        "She posted a photo of the beach on Instagram.",
        "He is bashing the brand on Twitter every day.",
    ],
)
def test_claims_noun_phrase_object_is_an_act_not_an_attribution(text):
    assert [c.source.kind for c in _claims(text)] in ([], ["none"])


@pytest.mark.parametrize(
    "text",
    [
        "Her rep said there is no truth to the report.",
        "A source said the story could not be further from the truth.",
        "Her uncle insisted they were just friends.",
        "Sources close to the singer say the allegations are nuts.",
        "The shelter is disputing her account of the dog's history.",
        "His rep said the report claiming that he wants an invitation is made-up.",
    ],
)
def test_claims_gold_denials(text):
    assert _only(text).certainty == "denied"


def test_claims_semicolon_keeps_each_clause_its_own_cue():
    claims = _claims("Weinstein said he would be taking leave from the company; the board announced he was on leave.")
    said = [c for c in claims if c.cue is not None and c.cue.text == "said"]
    assert said and said[0].span.text.startswith("he would be taking leave")
    assert not any(c.cue is not None and c.cue.text == "announced" and "taking leave" in c.span.text for c in claims)


def test_claims_publication_referred_back_takes_its_name():
    text = (
        "OK! Magazine published an article about the couple last week. "
        "The publication claimed that Garner was preparing to get back together with Affleck."
    )
    (claim,) = [c for c in _claims(text) if c.source.kind == "outlet"]
    assert claim.source.name == "OK! Magazine"


@pytest.mark.parametrize(
    ("text", "kind", "name", "content_starts"),
    [
        (
            "The tipster went on to say that the promise was the motivation he needed.",
            "anonymous",
            "The tipster",
            "that the promise",
        ),
        ("Kim responded by saying that the couple had never been happier.", "named", "Kim", "that the couple"),
        (
            "Fans are furious amid sources claiming that the couple secretly split.",
            "anonymous",
            "sources",
            "that the couple",
        ),
        ("Per the Associated Press, a judge sealed the warrants on Tuesday.", "outlet", "Associated Press", "a judge"),
        (
            "Amid reports their marriage has reached crisis point, Kim flew to Wyoming.",
            "reports",
            "reports",
            "their marriage",
        ),
        (
            "The news broke that James Cameron almost hit Weinstein at the Oscars.",
            "reports",
            "news",
            "that James Cameron",
        ),
    ],
)
def test_claims_issue_cues(text, kind, name, content_starts):
    claim = _only(text)
    assert (claim.source.kind, claim.source.name) == (kind, name)
    assert claim.span.text.startswith(content_starts), claim.span.text


def test_claims_trailing_according_to_wins_over_reportedly():
    claim = _only("Kim is reportedly dating Pete Davidson, according to TMZ.")
    assert (claim.source.kind, claim.source.name, claim.certainty) == ("outlet", "TMZ", "hedged")
    assert [h.text for h in claim.hedges] == ["reportedly"]


@pytest.mark.parametrize(
    "text",
    [
        "The star slammed: Woman's Day got it wrong again.",  # a caption's label
        "Other Britons took to social media to ask whether the engagement means a day off.",  # a question
        "He pays five dollars per year for the service.",  # "per" a rate, not a source
    ],
)
def test_claims_not_attributions(text):
    assert [c.source.kind for c in _claims(text)] in ([], ["none"], ["none", "none"])


def test_claims_publication_relaying_an_unnamed_source_leaves_the_claim_to_the_source():
    claim = _only("Gossip Cop claims that sources close to the singer say the allegations are nuts.")
    assert (claim.source.kind, claim.certainty) == ("anonymous", "denied")
    assert claim.source.name.startswith("sources close to")
    # a named party's announcement stays the outlet's report
    claim = _only("E! News revealed that the company announced it was no longer advertising with her.")
    assert claim.source.kind == "outlet"


@pytest.mark.parametrize(
    "text",
    [
        "It comes after police sources in France admitted the jewels were melted down.",
        "Jenelle didn't reveal who it was that she was referring to.",
        "The designer told Stella Magazine: 'Absolute rubbish, all of it.'",
        "Katy Perry tells her dog Nugget to go chase some koalas.",
    ],
)
def test_claims_no_source_to_name_or_no_proposition(text):
    assert not [c for c in _claims(text) if c.quote is None and c.source.kind not in ("none", "anonymous")]


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        # a third party's belief inside the reported clause is reported, not hedged
        ("A source close to Brad says he doesn't think a lasting love is in the cards for her.", "asserted"),
        ("Schwarzenegger told Extra that he believes the travel ban was vetted badly.", "asserted"),
        # the source's own belief hedges what the source says
        ("A source says I think the couple will split by summer.", "hedged"),
    ],
)
def test_claims_reported_belief_is_not_a_hedge(text, certainty):
    assert _only(text).certainty == certainty


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The New York Times published its story on Thursday. The Times' investigation reported that "
            "Weinstein had reached at least eight settlements.",
            "New York Times",
        ),
        ("In 2007 he invited a woman to a restaurant, according to allegations reported by HuffPost.", "HuffPost"),
    ],
)
def test_claims_publication_named_inside_the_source_phrase(text, name):
    (claim,) = [c for c in _claims(text) if c.source.kind == "outlet"]
    assert name in claim.source.name


def test_claims_denied_report_keeps_the_report_and_the_denial():
    claims = [c for c in _claims("Elizabeth dismissed claims that her son was embarrassed by his mother.") if c.cue]
    kinds = sorted((c.source.kind, c.certainty) for c in claims)
    assert kinds == [("named", "denied"), ("reports", "hedged")]
    assert {c.span.text for c in claims} == {"that her son was embarrassed by his mother"}


@pytest.mark.parametrize(
    "text",
    [
        "Dana Reyes put out a statement on Monday.",  # "put" with no rumour and no "to bed"
        "Dana Reyes put the rumors in context.",
        "Gossip Cop can correct this claim.",  # able to, not done
        "The rumours hit the headlines in May.",  # "hit back at" denies, "hit the headlines" does not
    ],
)
def test_claims_no_dismissal_without_its_phrase(text):
    assert all(c.certainty != "denied" for c in _analyze(text).claims)


def test_claims_a_thing_that_argues_is_no_source():
    text = "They reached an agreement that would put off arguing their cases in court, according to People."
    sources = [(c.source.kind, c.source.name) for c in _analyze(text).claims if c.source.kind != "none"]
    assert sources == [("outlet", "People")]


def test_claims_a_person_that_said_is_a_source():
    claim = _only("It was the insider that said the couple had split in May.")
    assert claim.source.kind == "anonymous"


def test_claims_trailing_according_to_sources_the_whole_sentence():
    text = (
        "Tourism across the U.K. linked to the royal family generates more than $666 million a year and "
        "attracts more than 2.7 million visitors, according to Visit London."
    )
    claim = _only(text)
    assert claim.span.text.startswith("Tourism across the U.K.") and claim.span.text.endswith("visitors")
    assert claim.source.kind == "named" and claim.cue.text == "according to"


def test_claims_block_quotation_after_a_colon_is_the_sources():
    text = (
        "The show drew 4.9 million viewers, according to Nielsen. Fortune magazine put the performance in "
        "perspective the next day:\n\nAD\n\n"
        "The ratings were down more than 22 percent from the debut episode of the last season.\n\n"
        "So Trump is a bigger ratings draw than Schwarzenegger."
    )
    claims = {c.span.text: (c.source.kind, c.source.name) for c in _analyze(text).claims}
    assert claims["The ratings were down more than 22 percent from the debut episode of the last season"] == (
        "outlet",
        "Fortune",
    )
    assert claims["Trump is a bigger ratings draw than Schwarzenegger"] == ("none", None)


def test_claims_no_block_quotation_after_a_list_heading():
    text = "The list of guests includes:\n\nThe couple's friends flew in from Los Angeles on Friday night."
    assert all(c.source.kind == "none" for c in _analyze(text).claims)


def test_claims_it_was_assumed_takes_the_clause_after_it():
    text = "The actress was spotted leaving her ex's home in Los Angeles, it was assumed that the pair must be hooking up again."
    claims = {c.span.text: c.source.kind for c in _analyze(text).claims}
    assert claims == {
        "The actress was spotted leaving her ex's home in Los Angeles": "none",
        "that the pair must be hooking up again": "reports",
    }


def test_claims_no_block_quotation_after_a_description():
    text = (
        "“Lucifer” is the 12th song off the album, produced by a frequent collaborator, who also wrote the "
        "line in the hook:\n\n(I’m from the murder capital, where we murder for capital)"
    )
    assert all(c.source.name != "“Lucifer”" for c in _analyze(text).claims)

"""Direct quotes: marks, cues before/after/inside, continuation, speakers, channels, dates."""

from __future__ import annotations

import pytest

import rumormill
from rumormill.model import Article


def _analyze(text: str):
    # language given: the guesser cannot tell the language of one short sentence
    return rumormill.analyze(Article(text=text, language="en", published="2020-07-31"))


def _quotes(text: str) -> list[tuple[str, str | None, str, str | None]]:
    analysis = _analyze(text)
    return [(q.span.text, q.cue.text if q.cue else None, q.speaker.kind, q.speaker.name) for q in analysis.quotes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # cue after
        ('"We are fine," a source claims.', [("We are fine", "claims", "anonymous", "a source")]),
        ('"We split in May," TMZ reported.', [("We split in May", "reported", "outlet", "TMZ")]),
        # cue before, with a colon
        (
            'Kanye said: "I am running for president."',
            [("I am running for president.", "said", "named", "Kanye")],
        ),
        # UK tabloid single quotes
        ("'We are happy,' a pal told The Sun.", [("We are happy", "told", "anonymous", "a pal")]),
        # a cue inside: both parts belong to the speaker
        (
            '"I am not leaving," Kim said, "because this is my home."',
            [("I am not leaving", "said", "named", "Kim"), ("because this is my home.", "said", "named", "Kim")],
        ),
    ],
)
def test_quotes_cue_and_speaker(text, expected):
    assert _quotes(text) == expected


def test_quotes_second_part_after_cue_sentence_continues_speaker():
    found = _quotes('"My mom saved my life," Kanye told the audience. "I almost killed my daughter."')
    assert [q[0] for q in found] == ["My mom saved my life", "I almost killed my daughter."]
    assert {(q[1], q[2], q[3]) for q in found} == {("told the audience", "named", "Kanye")}


def test_quotes_run_over_several_sentences():
    found = _quotes('"Kanye has been in Wyoming. Kim visits every week," a source claims.')
    assert found == [("Kanye has been in Wyoming. Kim visits every week", "claims", "anonymous", "a source")]


@pytest.mark.parametrize(
    "text",
    [
        # a paragraph that opens a quote and never closes it continues in the next one
        'He said: "We tried everything.\n\n"Nothing worked."',
        # a cue-less quote paragraph right after a quote continues its speaker
        '"Kanye has been in Wyoming," he said.\n\n"Nothing worked."',
    ],
)
def test_quotes_continue_into_next_paragraph(text):
    analysis = _analyze(text)
    assert len(analysis.quotes) == 2
    first, second = analysis.quotes
    assert second.span.text == "Nothing worked."
    assert second.speaker == first.speaker and second.speaker.kind == "named"
    assert second.cue == first.cue and second.cue.text == "said"


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ('"Kim was trying to fly to Wyoming," he tweeted on July 20.', "social_post"),
        ('"My mom saved my life," Kanye told the audience.', "speech"),
        ('"We are very happy," the couple said in a statement.', "statement"),
        ('"We are very happy," Kim told People magazine.', "interview"),
        ('"He hid the money," her lawyer said in court papers.', "filing"),
        ('Vance posted a photo on Instagram, writing: "Six years and counting."', "social_post"),
        ('"We are very happy," Kim said.', None),
    ],
)
def test_quotes_channel_from_cue(text, channel):
    (quote,) = _analyze(text).quotes
    assert quote.speaker.channel == channel


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('"We are fine," Kanye said.', "named"),
        ('"We are fine," a spokesperson for the couple said.', "descriptive"),
        ('"The driver was drunk," police said.', "descriptive"),
        ('"They are fine," an insider told the newspaper.', "anonymous"),
        ('"They are fine," a friend of the couple revealed.', "anonymous"),
        ('"They split in May," according to TMZ.', "outlet"),
    ],
)
def test_quotes_speaker_kind(text, kind):
    (quote,) = _analyze(text).quotes
    assert quote.speaker.kind == kind


def test_quotes_date_is_the_time_in_the_cue_clause():
    (quote,) = _analyze('"I cried about it yesterday," he tweeted on July 20.').quotes
    assert quote.cue.text == "tweeted"
    assert quote.date is not None and quote.date.span.text == "July 20" and quote.date.value == "2020-07-20"


def test_quotes_fill_token_quote():
    from rumormill.analyze import pipeline
    from rumormill.analyze.context import Context

    text = '"We are fine," a source claims.'
    ctx = Context(article=Article(text=text, language="en"), doc=rumormill.nlp()(text), published=None)
    pipeline.run(ctx, pipeline.STAGES[:4])  # entities, times, furniture, quotes
    (quote,) = ctx.quotes
    inside = sorted(i for i, q in ctx.token_quote.items() if q == quote.id)
    assert [ctx.doc[i].text for i in inside] == ["We", "are", "fine"]


@pytest.mark.parametrize(
    "text",
    [
        'He called her a "white supremacist".',  # scare quote
        'Kanye hailed her a "white supremacist", dubbing her "Kris Jong Un".',  # nickname
        'Burton claims that Garcia Marquez wrote "One Hundred Years of Solitude".',  # a title
        "The 'Wash Us In The Blood' rapper is 43.",  # a title in single quotes
        'Kim and Kanye have been "living apart for a year"',  # headline fragment, no cue
        "Kim's friends haven't met the Wests' lawyers.",  # apostrophes, not quotes
        "Picture: Getty",
    ],
)
def test_quotes_negatives_extract_nothing(text):
    assert _analyze(text).quotes == []


@pytest.mark.parametrize(
    "text",
    [
        # a full stop inside the quote ends its sentence: the next sentence's verb is not its cue
        'Voters were "very worried." In Virginia, most Democrats said the economy favors the wealthy.',
        # the verb after the quote has its own complement: it reports that, not the quote
        'Asked if Sanders is "realistic enough to serve," most Democrats said yes.',
    ],
)
def test_quotes_cue_after_belongs_to_its_own_content(text):
    analysis = _analyze(text)
    assert analysis.quotes == []
    assert any(c.cue is not None and c.cue.text == "said" and c.source.kind != "none" for c in analysis.claims)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # New York Times style: two apostrophes for a double quote mark
        (
            "''That gentleman has not given up on me, and I am not going to give up on him,'' Mr. Rubio said.",
            [("That gentleman has not given up on me, and I am not going to give up on him", "said", "named", "Rubio")],
        ),
        # the apostrophe of "Year's" inside twin marks is no quote mark
        (
            "''The abuse on New Year's Eve is connected,'' said Rem Korteweg.",
            [("The abuse on New Year's Eve is connected", "said", "named", "Rem Korteweg")],
        ),
    ],
)
def test_quotes_twin_apostrophes_are_double_quote_marks(text, expected):
    assert _quotes(text) == expected


def test_quotes_twin_apostrophe_scare_quote_is_not_speech():
    assert _quotes("The word ''soft'' was used against him.") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a participle cue ("writing") takes the date of the verb it continues
        ('Dana posted a photo of the pair on Instagram on Sunday, writing: "Ten years and counting."', "2020-07-26"),
        ('Dana posted a photo of the pair on Instagram, writing: "Ten years and counting."', None),
    ],
)
def test_quotes_participle_cue_takes_the_governing_verbs_date(text, value):
    (quote,) = _analyze(text).quotes
    assert (quote.date.value if quote.date else None) == value


def test_quotes_took_to_instagram_is_a_social_post():
    (quote,) = _analyze('Dana took to Instagram to write: "We are so happy together right now."').quotes
    assert quote.speaker.channel == "social_post"


# --- partial quotes, quotes across paragraphs, cues elsewhere (invented gossip sentences) ----


def _speakers(text):
    return [(q.span.text, q.speaker.kind, q.speaker.name) for q in _analyze(text).quotes]


def test_quotes_two_words_under_a_cue_are_a_partial_quote():
    (quote,) = _analyze("Dirk Drew insisted they were 'just friends'.").quotes
    assert (quote.span.text, quote.speaker.name) == ("just friends", "Dirk Drew")
    # one word is a scare quote, not speech
    assert _analyze('Trump called Perlman a "coward" on Twitter.').quotes == []


def test_quotes_partial_quote_leaves_the_claim_to_the_attribution():
    analysis = _analyze("Her rep said the story was 'total lies' and nothing else.")
    (claim,) = [c for c in analysis.claims if c.source.kind != "none"]
    assert claim.span.text.startswith("the story was") and claim.certainty == "denied"
    assert [q.span.text for q in analysis.quotes] == ["total lies"]


def test_quotes_single_quote_left_open_runs_to_the_paragraph_end():
    text = (
        "Jerome Guillochon told the news outlet: 'They separate the stone from the metal.\n\n"
        "'On one hand, they will melt the metal, and on the other, they will cut the stones.'"
    )
    found = _speakers(text)
    assert [s[0] for s in found] == [
        "They separate the stone from the metal.",
        "On one hand, they will melt the metal, and on the other, they will cut the stones.",
    ]
    assert {s[2] for s in found} == {"Jerome Guillochon"}


def test_quotes_cue_paragraph_ending_with_a_comma_speaks_the_next():
    text = 'A source tells the magazine,\n\n"Stella is an absolute wild child and she parties every night."'
    assert _speakers(text) == [
        ("Stella is an absolute wild child and she parties every night.", "anonymous", "A source")
    ]


def test_quotes_inverted_cue_and_scare_quoted_source():
    assert _speakers('Alleges another insider, "Tom has no relationship with Suri."')[0][1] == "anonymous"
    text = '"Stella is going to be devastated," a so-called "friend" of the model tells the magazine.'
    assert _speakers(text)[0][:2] == ("Stella is going to be devastated", "anonymous")


def test_quotes_sentence_ending_with_its_cue_speaks_the_next_quote():
    text = 'Last year saw a record for visitors, the tourism group said. "And royal heritage was a big part of it."'
    ((words, kind, name),) = _speakers(text)
    assert words == "And royal heritage was a big part of it." and name == "the tourism group"


def test_quotes_editor_bracket_opens_a_single_quote():
    text = "The designer told The Sun: '[Damian] definitely takes some pictures of me on holiday.'"
    assert _speakers(text)[0][0] == "[Damian] definitely takes some pictures of me on holiday."


def test_quotes_bare_pronoun_speaker_is_the_paragraph_speaker():
    text = (
        '"Consistency is very important when it comes to eating," says Adriana Lima.\n\n'
        "The model runs every morning on the beach before her breakfast.\n\n"
        '"I am Brazilian, so I need my coffee," she says.'
    )
    names = [q.speaker.name for q in _analyze(text).quotes]
    assert names == ["Adriana Lima", "Adriana Lima"]
    # a first name of the other gender is not what "he" stands for
    text = '"We are fine," said Kim Kardashian.\n\n"I cried about it," he said.'
    assert _analyze(text).quotes[-1].speaker.name != "Kim Kardashian"


def test_quotes_bare_pronoun_after_an_attribution_takes_its_source():
    text = (
        "An unnamed source, described as a European official, told the site the items were tracked to Belgium.\n\n"
        "He explained: 'There is reason to believe the jewelry is going directly to terror groups.'"
    )
    (quote,) = _analyze(text).quotes
    assert quote.speaker.kind == "anonymous" and quote.speaker.name.startswith("An unnamed source")


def test_quotes_she_added_is_the_last_speaker_not_the_salient_name():
    text = (
        "Meghan Markle met Prince Harry last year. Markle will marry him in the spring.\n\n"
        '"I\'m happy," said Kathleen Connell, 78, adding that Markle is "different from everyone else."\n\n'
        '"It\'s fantastic," she added.'
    )
    assert [q.speaker.name for q in _analyze(text).quotes][-1] == "Kathleen Connell"


def test_quotes_gerund_tagged_as_noun_is_a_cue_for_a_list_of_quotes():
    text = (
        "Fans were left baffled by who had filmed the clip, posting: 'Gorgeous. But I do hope "
        "that is not your son filming.'; 'Does your son watch you swim?\n\n"
        "'Hopefully someone else took this video...'; 'Did her son shoot this also'"
    )
    found = _quotes(text)
    assert [q[0] for q in found] == [
        "Gorgeous. But I do hope that is not your son filming.",
        "Does your son watch you swim?",
        "Hopefully someone else took this video...",
        "Did her son shoot this also",
    ]
    assert {(q[1], q[2], q[3]) for q in found} == {("posting", "anonymous", "Fans")}


def test_quotes_next_paragraph_goes_on_from_the_outer_quote_not_a_nested_one():
    text = (
        "Jenna Dewan spoke on the show. 'So, three days go by,' she added. 'He said he had the chance "
        '"to be free" and he could not stop thinking about me.\'\n\n'
        "'So he comes down to my hotel room and I'm like, \"What is going on?\" So I open the door.'"
    )
    found = _quotes(text)
    last = next(q for q in found if q[0].startswith("So he comes down"))
    assert last[2] == "named" and last[3] == "Jenna Dewan"


def test_quotes_an_abbreviation_ends_the_sentence_before_a_quote():
    text = '"I never said that," Perlman wrote to Trump Jr. "I never worked for Harvey. He was a bully."'
    found = _quotes(text)
    assert [(q[0], q[3]) for q in found] == [
        ("I never said that", "Perlman"),
        ("I never worked for Harvey. He was a bully.", "Perlman"),
    ]


def test_quotes_partial_quote_in_a_sentence_opened_by_according_to():
    found = _quotes("According to OK!, the actress and model are in “an exhausting cycle of partying.”")
    assert found == [("an exhausting cycle of partying.", "According to", "outlet", "OK")]


def test_quotes_she_said_goes_on_with_the_quote_right_before_when_nobody_is_between():
    text = (
        "Meghan Markle will marry Prince Harry in May. She is an actress.\n\n"
        '"I think it is fine for her to marry into the royal family," said Kieran Verseim, a lab technician '
        'from Denver. "Anybody should be able to choose who they want to marry," she said.'
    )
    found = _quotes(text)
    assert [q[3] for q in found] == ["Kieran Verseim", "Kieran Verseim"]


def test_quotes_she_said_keeps_her_own_referent_when_someone_is_between():
    text = (
        '"I think it is fine," said Kieran Verseim. Meghan Markle smiled at the crowd. '
        '"I am so happy to be here," she said.'
    )
    found = _quotes(text)
    assert found[1][3] != "Kieran Verseim"


def test_quotes_cue_after_a_speaker_with_a_long_apposition():
    text = (
        "“The court will start imposing sanctions,” Christopher Melcher, a Los Angeles-based family law "
        "attorney, told this organization."
    )
    assert _quotes(text) == [
        ("The court will start imposing sanctions", "told", "named", "Christopher Melcher"),
    ]


def test_quotes_a_relative_clause_after_a_partial_quote_is_not_its_cue():
    text = (
        "Multiple sources reveal in Us Weekly that Tom Cruise has had “no contact” with the daughter "
        "he shares with Katie Holmes."
    )
    assert _quotes(text) == [("no contact", "reveal", "anonymous", "Multiple sources")]

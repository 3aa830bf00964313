"""Who says it: the source's words and its kind."""

from __future__ import annotations

import pytest

from rumormill.analyze.attribution import classify_source, outlet_match, source_words, subject_of
from rumormill.analyze.attribution.lexicon import lexicon


@pytest.mark.parametrize(
    ("text", "words", "kind"),
    [
        ("A source told Us Weekly that they split.", "A source", "anonymous"),
        ("Kim's rep said that they split.", "Kim's rep", "descriptive"),
        ("A Bravo rep said that they split.", "A Bravo rep", "descriptive"),
        ("Kanye West said that they split.", "Kanye West", "named"),
        ("TMZ reported that they split.", "TMZ", "outlet"),
        ("Gossip website RadarOnline claimed that they split.", "Gossip website RadarOnline", "outlet"),
        ("The Times' investigation reported that they split.", "The Times' investigation", "outlet"),
        ("We reported that they split.", "We", "self"),
        ("His ex-wife said that they split.", "His ex-wife", "descriptive"),  # "ex", "-", "wife": three subjects
        ("Many ex-Scientologists have claimed that they split.", "Many ex-Scientologists", "anonymous"),
    ],
)
def test_source_words_and_kind(parse, text, words, kind):
    doc = parse(text)
    verb = next(t for t in doc if t.pos_ == "VERB" and t.dep_ == "ROOT")
    subject = subject_of(verb)
    start, end = source_words(subject, {verb.i})
    span = doc[start:end]
    assert span.text == words
    assert classify_source(span, None) == kind


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The tipster went on to say that they split.", "tipster"),
        ("Kim responded by saying that they split.", "Kim"),
        ("Fans worry amid sources claiming that they split.", "sources"),
    ],
)
def test_subject_of_shared_subjects(parse, text, speaker):
    doc = parse(text)
    cue = next(t for t in doc if t.lemma_ in ("say", "claim"))
    assert subject_of(cue).text == speaker


def test_who_on_a_reporting_verb_is_that_verbs_speaker(parse):
    """ "the insider says, who adds that ...": the parser hangs "adds" on "says" as its clause;
    "who" is the insider, not a descriptive source named "who"."""
    doc = parse("“It has been hard for months,” the insider says, who adds that Selena is not back with her ex.")
    cue = next(t for t in doc if t.lemma_ == "add")
    speaker = subject_of(cue)
    assert speaker.text == "insider"
    start, end = source_words(speaker, {cue.i})
    assert classify_source(doc[start:end], None) == "anonymous"


def test_outlet_match_glued_exclamation_mark(parse):
    doc = parse("According to OK!, they split.")
    assert outlet_match(doc[2:3], lexicon())  # "OK" with the "!" the parser left out
    assert not outlet_match(parse("According to Kim, they split.")[2:3], lexicon())


def test_make_source_role_noun_is_not_the_name_that_modifies_it():
    import rumormill
    from rumormill.model import Article

    def source(text):
        (claim,) = [c for c in rumormill.analyze(Article(text=text, language="en")).claims if c.source.kind != "none"]
        return claim.source.kind

    assert source("A Los Angeles County judge said that she risked losing custody.") == "descriptive"
    assert source("Her uncle Dirk Drew said that they were only seeing each other as friends.") == "named"


def test_a_participle_on_a_medium_is_said_by_who_put_it_out(parse):
    doc = parse("The singer hit back in a statement saying the report was false.")
    cue = next(t for t in doc if t.text == "saying")
    assert subject_of(cue).text == "singer"  # not "statement"
    doc = parse("Fans worry amid sources claiming that they split.")
    assert subject_of(next(t for t in doc if t.text == "claiming")).text == "sources"  # no medium: the noun speaks


def test_an_organisation_noun_after_the_organisations_name_is_named(parse):
    doc = parse("The Acme Company board said that the chief executive had been fired.")
    verb = next(t for t in doc if t.text == "said")
    start, end = source_words(subject_of(verb), {verb.i})
    assert classify_source(doc[start:end], None) == "named"
    doc = parse("A Bravo rep said that the chief executive had been fired.")
    verb = next(t for t in doc if t.text == "said")
    start, end = source_words(subject_of(verb), {verb.i})
    assert classify_source(doc[start:end], None) == "descriptive"  # a person's role stays a descriptor


def test_it_comes_after_someone_said_is_their_speech(parse):
    doc = parse(
        "It comes after police sources in France, who are investigating the terrifying raid, admitted the cache "
        "of jewels has almost certainly been melted down."
    )
    cue = next(t for t in doc if t.text == "admitted")
    assert cue.dep_ == "conj" and cue.head.text == "comes"  # the parse this rule answers
    assert subject_of(cue).text == "sources"  # not "It"


def test_who_after_an_apposition_points_back_to_the_name(parse):
    doc = parse('"Give us the day off," wrote Owen Jones, a columnist who believes the monarchy should go.')
    who = next(t for t in doc if t.lower_ == "who")
    assert classify_source(doc[who.i : who.i + 1], None) == "named"  # Jones, not "a columnist"

"""Hedge cues: typed, with article offsets, and nothing where a cue word is used plainly."""

from __future__ import annotations

import pytest

from rumormill.analyze import hedging
from rumormill.analyze.hedging import find_hedges
from rumormill.errors import ConfigError


def _hedges(nlp, text):
    doc = nlp(text)
    return [(h.text, h.type) for sent in doc.sents for h in find_hedges(sent)]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Kim Kardashian and Kanye West have reportedly been living apart.", "reportedly"),
        ("Kim and Kanye are rumoured to have been living apart for a year.", "are rumoured to"),
        ("The star is rumored to be engaged.", "is rumored to"),
        ("The KKW Beauty owner, 39, is said to have been living in Calabasas.", "is said to"),
        ("The rapper is thought to have been based at his ranch.", "is thought to"),
        ("The actor is believed to be dating a model.", "is believed to"),
        ("The pair are understood to have separated.", "are understood to"),
        ("The pair, thought to be in their thirties, left early.", "thought to"),
        ("It is claimed that the singer lied to the court.", "It is claimed"),
        ("It is understood that the pair have reconciled.", "It is understood"),
        ("According to reports, Kanye lives at the ranch.", "According to reports"),
        ("Reports claim the couple are back together.", "Reports claim"),
        ("Sources say the couple are back together.", "Sources say"),
        ("The couple split amid reports their marriage had reached crisis point.", "amid reports"),
        ("Rumour has it that the band will reunite.", "Rumour has it"),
        ("Kim allegedly lied to the police.", "allegedly"),
        ("They have been living apart amid their alleged marriage troubles.", "alleged"),
    ],
)
def test_hedging_reportative(nlp, text, cue):
    assert (cue, "reportative") in _hedges(nlp, text)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The couple may split before Christmas.", "may"),
        ("She might be pregnant.", "might"),
        ("The move could anger fans.", "could"),
        ("The star is probably in London.", "probably"),
        ("The move is likely to anger fans.", "likely"),
        ("Perhaps the deal will go ahead.", "Perhaps"),
        ("The pair appear to have split.", "appear"),
        ("It seems that the deal is off.", "seems"),
        ("It looks as though they panicked.", "looks"),
        ("Results suggest that the drug is effective.", "suggest"),
        ("It is not clear whether she will return.", "not clear"),
        ("Little is known about her past.", "Little is known"),
        ("There is no evidence that he lied.", "no evidence"),
        ("Officials did not know whether the band would tour.", "whether"),
        ("We investigated the role of TNF in apoptosis.", "investigated"),
        ("One possible explanation is a change in diet.", "possible"),
        ("Analysts questioned whether the merger would work.", "questioned"),
    ],
)
def test_hedging_epistemic(nlp, text, cue):
    assert (cue, "epistemic") in _hedges(nlp, text)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("I think she is right.", "think"),
        ("He believes the deal will fail.", "believes"),
        ("Insiders expect the deal to close next week.", "expect"),
        ("The singer is expected to announce a tour.", "expected"),
        ("She is considered one of the best singers of her generation.", "considered"),
        ("He was seen as a traitor by the fans.", "seen"),
        ("Police suspect the fire was started deliberately.", "suspect"),
        ("Iraq alleged that the inspector was a spy.", "alleged"),
    ],
)
def test_hedging_doxastic(nlp, text, cue):
    assert (cue, "doxastic") in _hedges(nlp, text)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("If the deal fails, the company would collapse.", "If"),
        ("If the deal fails, the company would collapse.", "would"),
        ("The label will drop her unless she apologises.", "unless"),
        ("Sanctions will remain until Iraq complies.", "until"),
    ],
)
def test_hedging_conditional(nlp, text, cue):
    assert (cue, "conditional") in _hedges(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "She moved to Los Angeles in May.",
        "The think tank published a report.",
        "He appeared on stage.",
        "He could not attend the meeting.",
        "He said he would attend the party.",
        "According to the police, the couple split.",
        "A source said the couple are back together.",
        "Pentagon sources said the troops would stay.",
        "The report was published yesterday.",
        "Police are investigating the crash.",
        "He was questioned by police.",
        "She considered the offer.",
        "Kim had considered aborting their daughter.",
        "He was seen at the club.",
        "Results were worse than expected.",
        "Compaq reported lower-than-expected earnings.",
        "Sony is assuming $1.4 billion of long-term debt.",
        "Much has been said about the split.",
        "Finish the work as soon as possible.",
        "He served as mayor until he died in 1990.",
        "The military might of the empire grew.",
        "Kanye claimed he had been trying to divorce Kim.",
        "Kim and Kanye wed in 2014.",
        "Kim and Kanye are expecting their fourth child.",
        "The couple are expecting twins in May.",
    ],
)
def test_hedging_finds_nothing(nlp, text):
    assert _hedges(nlp, text) == []


def test_hedging_offsets_are_article_offsets(nlp):
    doc = nlp("Kim lives in Calabasas.\n\nKanye is said to live in Cody, and he may stay there.")
    second = list(doc.sents)[-1]
    hedges = find_hedges(second)
    assert [(h.text, h.type) for h in hedges] == [("is said to", "reportative"), ("may", "epistemic")]
    for hedge in hedges:
        assert doc.text[hedge.start : hedge.end] == hedge.text
        assert second.start_char <= hedge.start < hedge.end <= second.end_char


def test_hedging_stays_inside_the_span(nlp):
    doc = nlp("The couple may split. They are said to be unhappy.")
    first = next(iter(doc.sents))
    assert [h.text for h in find_hedges(first)] == ["may"]


def test_hedging_longest_cue_wins(nlp):
    # "thought" alone is a doxastic cue; inside "is thought to" it is part of the reportative one
    assert _hedges(nlp, "The rapper is thought to be in Wyoming.") == [("is thought to", "reportative")]


def test_hedging_lexicon_rows_compile():
    index = hedging._index()
    assert {"may", "reportedly", "said", "according", "if"} <= set(index)
    for entries in index.values():
        for entry in entries:
            assert entry.type in hedging.TYPES
            assert entry.rule is None or entry.rule in hedging.RULES


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("may", "speculative"), "has type 'speculative'"),
        (("may", "epistemic", "MD", "no_such_rule"), "names rule 'no_such_rule'"),
        (("maybe?", "epistemic"), "may not start with an optional word"),
    ],
)
def test_hedging_bad_lexicon_row_is_refused(monkeypatch, row, message):
    monkeypatch.setattr(hedging.lexicons, "load", lambda name: (row,))
    hedging._index.cache_clear()
    try:
        with pytest.raises(ConfigError, match=message):
            hedging._index()
    finally:
        hedging._index.cache_clear()

"""The structures and the sentence-level choice between them."""

from __future__ import annotations

import pytest

from rumormill.analyze.attribution import find_attributions


def _found(parse, text):
    doc = parse(text)
    return [
        (a.kind, doc[a.cue[0] : a.cue[1]].text, doc[a.content[0] : a.content[1]].text)
        for a in find_attributions(doc[:], set())
    ]


@pytest.mark.parametrize(
    ("text", "kind", "cue"),
    [
        ("A source claims Kanye has been in Wyoming for a year.", "speech", "claims"),
        ("Kim is said to have moved out of the house.", "passive", "is said"),
        ("Kim has reportedly moved out of the house.", "adverb", "reportedly"),
        ("According to TMZ, Kim has moved out of the house.", "according", "According to"),
        ("Per the Associated Press, a judge sealed the warrants.", "according", "Per"),
        ("Amid reports that their marriage is over, Kim flew home.", "noun", "reports"),
        ("We're told the wedding is off.", "passive", "We're told"),
    ],
)
def test_each_structure(parse, text, kind, cue):
    ((found_kind, found_cue, _),) = _found(parse, text)
    assert (found_kind, found_cue) == (kind, cue)


def test_nested_attribution_is_dropped_but_an_anonymous_relay_is_kept(parse):
    (only,) = _found(parse, "Kim said Kanye thinks they should split.")
    assert only[1] == "said"
    (relayed,) = _found(parse, "Gossip Cop claims that sources close to her say the story is nuts.")
    assert relayed[1] == "say"


def test_crossing_according_wins_and_semicolon_separates(parse):
    found = _found(parse, "They have been dating for months, but according to OK!, the two are planning to wed.")
    assert [f[0] for f in found] == ["according"] and found[0][2] == "the two are planning to wed"
    found = _found(parse, "Weinstein said he would take leave; the board announced he was on leave.")
    assert not any(f[1] == "announced" and "take leave" in f[2] for f in found)


def test_reportedly_merges_into_a_trailing_according_to(parse):
    doc = parse("Kim is reportedly dating Pete, according to TMZ.")
    (a,) = find_attributions(doc[:], set())
    assert a.kind == "according" and doc[a.hedge[0] : a.hedge[1]].text == "reportedly"


def test_a_trailing_report_parsed_under_its_content_is_the_outer_one(parse):
    found = _found(parse, "Kim said the marriage is over, a source told Us Weekly.")
    assert found == [("speech", "told", "Kim said the marriage is over")]


def test_according_to_an_anonymous_source_inside_an_outlets_report_relays_it(parse):
    found = _found(
        parse,
        "TMZ said that her decision to fight was losing her friends — according to some of those friends.",
    )
    assert [(f[0], f[1]) for f in found] == [("according", "according to")]
    assert "losing her friends" in found[0][2]
    found = _found(parse, "A source said that Kim moved out, according to TMZ.")
    assert [f[1] for f in found] == ["said"]  # a named outlet inside an anonymous source's words: no relay


def test_a_cue_in_a_relative_clause_on_the_source_is_its_own_attribution(parse):
    found = _found(parse, "Kim, who has said she wants more kids, told Us Weekly that she is pregnant.")
    assert ("speech", "has said", "she wants more kids") in found
    assert ("speech", "told", "that she is pregnant") in found


def test_a_trailing_as_clause_is_cut_out_of_the_content_it_reports(parse):
    assert _found(parse, "Kim is pregnant, as TMZ reported.") == [("speech", "reported", "Kim is pregnant")]

"""What a cue reports, and denial by the content."""

from __future__ import annotations

import pytest

from rumormill.analyze.attribution import predicate_denies, verb_class
from rumormill.analyze.attribution.contents import (
    _bare_noun_phrase,
    _subject_split_from_its_clause,
    _subject_taken_for_object,
    _verb_content,
)


def _content(parse, text, verb_text, cls="speech"):
    doc = parse(text)
    verb = next(t for t in doc if t.text == verb_text)
    root, content = _verb_content(verb, cls)
    return doc, verb, root, content


def test_verb_content_that_clause(parse):
    doc, _, root, content = _content(parse, "Kim said that the couple split in June.", "said")
    assert doc[content[0] : content[1]].text == "that the couple split in June"


@pytest.mark.parametrize(
    ("text", "verb", "bare"),
    [
        ("A source told Page Six on Monday.", "told", True),
        ("Trump criticized the plan on Monday.", "criticized", True),
        ("Kim expressed her desire to become more politically active.", "expressed", False),
    ],
)
def test_bare_noun_phrase(parse, text, verb, bare):
    doc = parse(text)
    token = next(t for t in doc if t.text == verb)
    root, content = _verb_content(token, verb_class(token))
    assert content is not None
    assert _bare_noun_phrase(token, root, content) is bare


def test_subject_taken_for_object(parse):
    doc = parse(
        "But with Channing's Magic Mike Live show under way in Las Vegas, Jenna confessed their young "
        "daughter has already seen too much."
    )
    verb = next(t for t in doc if t.text == "confessed")
    root, content = _subject_taken_for_object(verb, *_verb_content(verb, "speech"))
    assert doc[content[0] : content[1]].text.rstrip(".") == "their young daughter has already seen too much"


@pytest.mark.parametrize(
    ("text", "denies"),
    [
        ("the story is completely false", True),
        ("there is no truth to the report", True),
        ("they were just friends", True),
        ("the allegations are nuts", True),
        ("the couple are happy", False),
        ("she is false", False),  # a denial predicate needs a rumour or it/this/that
    ],
)
def test_predicate_denies(parse, text, denies):
    assert predicate_denies(parse(text)[:]) is denies


def test_a_subject_split_from_its_clause_by_curly_marks_is_put_back(parse):
    """'We’re told it’s “false.”': the parser makes "it" the cue's object and "false" another of
    its children, leaving "’s" alone as the clause; the content is the whole clause again."""
    doc = parse("We are told it’s “false.”")
    verb = next(t for t in doc if t.text == "told")
    root, content = _subject_split_from_its_clause(verb, *_verb_content(verb, "speech"))
    assert doc[content[0] : content[1]].text.startswith("it’s “false")
    assert predicate_denies(doc[content[0] : content[1]])
    # a parse that keeps the clause's subject is left alone: "him" is the hearer
    doc = parse("She told him it's over.")
    verb = next(t for t in doc if t.text == "told")
    found = _verb_content(verb, "speech")
    assert _subject_split_from_its_clause(verb, *found) == found


def test_a_curly_denial_after_we_are_told_is_a_denial():
    import rumormill

    analysis = rumormill.analyze("Gossip Cop can correct this claim. We’re told it’s “false.”")
    [claim] = [c for c in analysis.claims if c.cue is not None]
    assert claim.text.startswith("it’s") and claim.certainty == "denied" and claim.source.kind == "anonymous"


def test_fronted_report_before_its_cue(parse):
    from rumormill.analyze.attribution.contents import _fronted_clause

    doc = parse(
        "A few days after Chris Soules’ arrest for allegedly leaving the scene of a fatal car crash, police have "
        "obtained a search warrant for the results of his blood test, a law enforcement source tells Us Weekly."
    )
    verb = next(t for t in doc if t.text == "tells")
    root, content = _verb_content(verb, "speech")  # a ccomp or, misparsed, a fronted adverbial clause
    assert root.text == "obtained" and "search warrant" in doc[content[0] : content[1]].text
    doc = parse("If the couple split, a source tells Us Weekly, the fans will be sad.")
    verb = next(t for t in doc if t.text == "tells")
    assert _fronted_clause(verb) is None  # a condition, not the report


def test_fronted_report_one_clause_down(parse):
    doc = parse(
        "Following a Thursday report that detailed decades of allegations, the producer has been fired from the "
        "company he cofounded, the company's board said in a statement released Sunday."
    )
    verb = next(t for t in doc if t.text == "said")
    root, content = _verb_content(verb, "speech")
    assert doc[content[0] : content[1]].text == "the producer has been fired from the company he cofounded"


def test_a_complement_across_a_semicolon_is_not_the_verbs(parse):
    doc = parse("Weinstein said he would be taking leave from the company; the board announced he was on leave.")
    verb = next(t for t in doc if t.text == "announced")
    root, content = _verb_content(verb, "speech")
    assert doc[content[0] : content[1]].text == "he was on leave"


def test_a_fronted_phrase_taken_for_the_complement_is_not_the_content(parse):
    # in this paragraph context the parser makes "show" a clausal complement of "confessed"
    doc = parse(
        "The pair eventually went on to marry in 2009, and have one daughter together, Everly.\n\n"
        "But with Channing's Magic Mike Live show under way in Las Vegas, Jenna confessed their young "
        "daughter has already seen too much."
    )
    verb = next(t for t in doc if t.text == "confessed")
    root, content = _verb_content(verb, "speech")
    root, content = _subject_taken_for_object(verb, root, content)
    assert doc[content[0] : content[1]].text.rstrip(".") == "their young daughter has already seen too much"

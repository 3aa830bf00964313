"""Helpers over the dependency tree."""

from __future__ import annotations

from rumormill.analyze.attribution.tree import _child, _clause_verb, _is_passive, _subtree_range, trim


def test_trim_drops_punctuation_and_spaces_at_the_ends(parse):
    doc = parse('He said: "We are fine."')
    assert trim(doc, 2, len(doc)) == (4, 7)  # "We are fine"
    assert trim(doc, 2, 3) is None  # only a colon


def test_subtree_child_passive_and_clause_verb(parse):
    doc = parse("Kim is said to have moved out.")
    said = doc[2]
    assert _is_passive(said) and _child(said, "nsubjpass").text == "Kim"
    assert _subtree_range(said) == (0, len(doc))
    assert _clause_verb(doc[0]).text == "said"

"""The cue lexicons: classes of verbs, report phrases, outlets and denial words."""

from __future__ import annotations

from rumormill.analyze.attribution import is_speech_verb, lexicon, verb_class


def test_lexicon_reads_every_table_once():
    lex = lexicon()
    assert lexicon() is lex
    assert {"according", "per", ":"} <= lex.triggers
    assert "reportedly" in lex.report_adverbs and "apparently" in lex.report_adverbs
    assert {"deny", "dispute"} <= lex.denial_verbs and "slam" in lex.dismissive
    assert ("no", "truth") in lex.flat_denials and ("made", "-", "up") in lex.denial_predicates
    assert lex.outlet_names["tmz"] == "name" and "magazine" in lex.outlet_nouns


def test_verb_class_and_speech_verbs(parse):
    doc = parse("A source said Kanye believes Kim endorsed him.")
    claims, believes, endorsed = doc[2], doc[4], doc[6]
    assert (verb_class(claims), verb_class(believes), verb_class(endorsed)) == ("speech", "cognition", "stance")
    assert is_speech_verb(claims) and not is_speech_verb(believes)
    assert verb_class(doc[1]) is None  # "source" is a noun

"""Channels: where a statement was made (a tweet, an interview, a speech, a statement)."""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import lexicon
from .sources import outlet_match
from .tree import _child


def _match_channel(verb: Token) -> tuple[str | None, int]:
    """The channel a cue verb's dependents imply, and the last token of a contiguous
    channel phrase to add to the cue ("told the audience" -> index of "audience")."""
    lex = lexicon()
    lemma = verb.lemma_.lower()
    patterns = lex.channel_patterns.get(lemma, ()) + lex.channel_patterns.get("*", ())
    if not patterns:
        return None, verb.i
    for child in verb.children:
        if child.dep_ == "prep":
            obj = _child(child, "pobj")
            if obj is None:
                continue
            words = {obj.lower_, obj.lemma_.lower()}
            for prep, noun, channel in patterns:
                if prep == child.lower_ and noun in words:
                    contiguous = child.i == verb.i + 1
                    return channel, obj.i if contiguous else verb.i
        else:
            words = {child.lower_, child.lemma_.lower()}
            for prep, noun, channel in patterns:
                if prep is None and noun in words:
                    between = verb.doc[verb.i + 1 : child.i]
                    contiguous = child.i > verb.i and all(t.dep_ in ("det", "amod", "poss") for t in between)
                    return channel, child.i if contiguous else verb.i
    return None, verb.i


def channel_of(verb: Token, outlet_object: bool = True) -> tuple[str | None, int]:
    """The channel of a cue verb (lexicon patterns, the verb's own channel, "told <outlet>",
    then the governing verb's channel for "posted ..., writing: ...")."""
    lex = lexicon()
    channel, last = _match_channel(verb)
    if channel:
        return channel, last
    own = lex.speech.get(verb.lemma_.lower())
    if own:
        return own, verb.i
    if outlet_object and verb.lemma_.lower() == "tell":
        obj = _child(verb, "dobj", "dative")
        if obj is not None and outlet_match(verb.doc[obj.left_edge.i : obj.right_edge.i + 1], lex):
            return "interview", verb.i
    if outlet_object and verb.lemma_.lower() in lex.speech:
        # "revealed to Us Weekly", "confirmed to E! News": speaking to a publication
        for child in verb.children:
            obj = _child(child, "pobj") if child.dep_ in ("prep", "dative") and child.lower_ == "to" else None
            if obj is not None and outlet_match(verb.doc[obj.left_edge.i : obj.right_edge.i + 1], lex):
                return "interview", verb.i
    head = verb.head
    if verb.dep_ in ("advcl", "conj", "xcomp") and head.i != verb.i and head.pos_ == "VERB":
        channel, _ = _match_channel(head)
        if channel:
            return channel, verb.i
        own = lex.speech.get(head.lemma_.lower())
        if own:
            return own, verb.i
    return None, verb.i

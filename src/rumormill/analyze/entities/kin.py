"""Kinship phrases: "her husband Kanye West", "his wife", "Kim's mother".

"Kim and her husband Kanye West left. His wife stayed.": "husband" maps to Kanye West and
links him to Kim as her spouse, so "wife" then maps to Kim.
"""

from __future__ import annotations

from spacy.tokens import Token

from ._lexicon import POSSESSIVE, kinship, lexicon
from .salience import State, note


def kin_phrase(state: State, token: Token, name_at: dict[int, str]) -> None:
    """ "her husband Kanye West" / "his wife" / "Kim's mother": link possessor and referent."""
    found = kinship(token)
    if found is None or found[2] != "sg":
        return
    relation, gender, _ = found
    doc = state.ctx.doc
    if token.i + 1 < len(doc) and doc[token.i + 1].tag_ in ("NN", "NNS"):
        return  # "her baby daddy": the head is "daddy"
    start = token.i
    while start > 0 and (doc[start - 1].lower_ in lexicon().kin_prefixes or doc[start - 1].text == "-"):
        start -= 1
    if start < token.i and doc[start].lower_ in lexicon().kin_prefixes:
        relation = "former_partner" if relation in ("spouse", "partner", "former_partner") else relation
    else:
        start = token.i
    possessor = _possessor(state, start)
    referent = None
    after = token.i + 1
    if after < len(doc) and doc[after].text == ",":
        after += 1
    if after < len(doc) and after in name_at and state.kinds.get(name_at[after]) == "person":
        referent = name_at[after]
    elif possessor is not None:
        referent = state.kin_links.get((possessor, relation))
    if referent is None or referent == possessor:
        return
    note(state, referent, start, token.i + 1, "descriptor")
    if gender in ("m", "f") and state.genders.get(referent) is None:
        state.genders[referent] = gender
    if possessor is not None:
        state.kin_links.setdefault((possessor, relation), referent)
        inverse = {"parent": "child", "child": "parent", "grandparent": "grandchild", "grandchild": "grandparent"}
        state.kin_links.setdefault((referent, inverse.get(relation, relation)), possessor)


def _possessor(state: State, i: int) -> str | None:
    """Who owns the kinship noun starting at token i: "her" / "Kim's" / "Kim and her"."""
    doc = state.ctx.doc
    j = i - 1
    while j >= 0 and doc[j].pos_ in ("ADJ", "NUM") and j > i - 3:  # "her late husband", "her two sons"
        j -= 1
    if j < 0:
        return None
    if doc[j].tag_ == "PRP$" or doc[j].text in POSSESSIVE:
        k = j - 1 if doc[j].text in POSSESSIVE else j
        return state.ctx.token_entity.get(k) if k >= 0 else None
    return None

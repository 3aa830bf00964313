"""Kinship phrases: "her husband Kanye West", "his wife", "Kim's mother".

"Kim and her husband Kanye West left. His wife stayed.": "husband" maps to Kanye West and
links him to Kim as her spouse, so "wife" then maps to Kim.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

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
        shared = shared_possessor_noun(token) if possessor is None else None
        if shared is not None:
            possessor = _possessor(state, modifiers_start(doc, shared.i))
        elif possessor is None:
            end = after
            while end < len(doc) and name_at.get(end) == referent:
                end += 1
            owner = subject_possessor(doc, start, token, end)
            possessor = state.ctx.token_entity.get(owner.i) if owner is not None else None
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


def kin_modifier(token: Token) -> bool:
    """A word between a possessor and its kinship noun: "her late husband", "her two sons",
    "her now husband", "his estranged wife"."""
    return token.pos_ in ("ADJ", "NUM", "ADV") or token.tag_ == "VBN"


def modifiers_start(doc: Doc, start: int) -> int:
    """The first of up to three modifiers right before token `start` ("her [now] husband")."""
    j = start
    while j > 0 and j > start - 3 and kin_modifier(doc[j - 1]):
        j -= 1
    return j


def shared_possessor_noun(token: Token) -> Token | None:
    """The kinship noun whose possessor a coordinated one shares: "mom" in "her dad, Tom
    Markle, and mom, Doria Radlan" (up through the conjunction and the name between)."""
    head = token
    for _ in range(3):
        if head.dep_ not in ("conj", "appos") or head.head.i == head.i:
            return None
        head = head.head
        if kinship(head) is not None and head.i < token.i:
            return head
    return None


def subject_possessor(doc: Doc, start: int, token: Token, name_end: int) -> Token | None:
    """The owner of a kinship noun written bare before a name: "Jolie undermined estranged
    husband Brad Pitt's bond", "she wrote to partner Portia de Rossi", "Stewart is cheating
    with ex-girlfriend Alicia Cargile": no determiner or possessive before it, so the
    relation is the clause subject's. `start` is the first token of the kinship phrase
    (its "ex-"), `name_end` the end of the name after it, which cannot be its own owner."""
    j = modifiers_start(doc, start) - 1
    if j >= 0 and (doc[j].tag_ in ("PRP$", "POS", "DT", "WP$", "CD") or doc[j].text in POSSESSIVE):
        return None
    if shared_possessor_noun(token) is not None:
        return None  # "her dad, Tom Markle, and mom, Doria Radlan": her mom, not the subject's
    if j >= 0 and doc[j].tag_.startswith("NN"):
        return None  # "Playboy model girlfriend": a compound, not a bare noun
    head = token
    for _ in range(8):  # clauses rarely nest deeper
        if head.head.i == head.i:
            return None
        head = head.head
        subjects = [
            c
            for c in head.children
            if c.dep_ in ("nsubj", "nsubjpass") and not start <= c.i < max(name_end, token.i + 1)
        ]
        if subjects:
            return subjects[0]
        if head.dep_ in ("relcl", "acl", "advcl"):
            return None  # a subordinate clause's owner is not the main subject's business
    return None


def _possessor(state: State, i: int) -> str | None:
    """Who owns the kinship noun starting at token i: "her" / "Kim's" / "Kim and her"."""
    doc = state.ctx.doc
    j = modifiers_start(doc, i) - 1
    if j < 0:
        return None
    if doc[j].tag_ == "PRP$" or doc[j].lower_ == "her" or doc[j].text in POSSESSIVE:
        k = j - 1 if doc[j].text in POSSESSIVE else j
        return state.ctx.token_entity.get(k) if k >= 0 else None
    return None

"""Singular third-person pronouns: "he"/"she" to a person, "its"/"it said" to an organisation.

"Kanye West said he would run. Tesco said it would expand.": `resolve_pronoun` gives
"he" Kanye West and "it" Tesco.
"""

from __future__ import annotations

from spacy.tokens import Token

from ._lexicon import lexicon
from ._syntax import SUBJECT_DEPS, clause_subject
from .salience import GENDER_KNOWN, OBJECT, WINDOW_SENTENCES, State, candidates, salience, unnamed

# Bounds the scan of a clause for names that a subject pronoun cannot be (binding).
_MAX_CLAUSE_TOKENS = 60


def resolve_pronoun(state: State, token: Token, gender: str, form: str) -> str | None:
    if gender == "n":
        return _resolve_org_pronoun(state, token, form)
    cataphor = _cataphor(state, token, gender)
    if cataphor is not None:
        return cataphor
    excluded = {state.quote_speaker.get(token.i)}  # "He is a strong member," Mr Prescott said
    if form == "obj":  # "Kanye praised him", "Lamar would love to be there for him": not the subject
        verb = token.head
        for _ in range(3):  # up from "for" / "there" to the verb
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        governors = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
        subjects = [c for v in governors for c in v.children if c.dep_ in SUBJECT_DEPS]
        excluded |= {state.ctx.token_entity.get(c.i) for c in subjects}
        excluded |= {m for c in subjects for m in state.groups.get(c.i, ())}  # "they slammed her"
    elif form == "subj" and token.dep_ in SUBJECT_DEPS:
        # "he admired Mr Blair's leadership": he is not Blair (binding principle C); spaCy's
        # trees are projective, so the verb's subtree is the run up to its right edge
        last = min(token.head.right_edge.i + 1, token.i + _MAX_CLAUSE_TOKENS)
        excluded |= {state.names_ahead.get(t) for t in range(token.i + 1, last)}
    inside = _quote_before(token) if form == "subj" else None
    best, best_score = None, float("-inf")
    reflexive_subject = clause_subject(token) if form == "refl" else None
    for eid, seen in candidates(state, token.i, "person", WINDOW_SENTENCES):
        known = state.genders.get(eid)
        if (known is not None and known != gender) or eid in excluded:
            continue
        if known is None and unnamed(eid):
            continue  # "an insider said he ...": he is rarely the unnamed source
        if inside is not None and inside[0] < seen.token < inside[1] and state.names_ahead.get(seen.token) == eid:
            continue  # '"... when Girls was still a thing," he said': not a name inside the quote
        score = salience(state, token.i, eid, seen) + (GENDER_KNOWN if known == gender else 0)
        if reflexive_subject is not None and state.ctx.token_entity.get(reflexive_subject.i) == eid:
            score += 100  # a reflexive takes its own clause's subject
        if score > best_score:
            best, best_score = eid, score
    return best


# How far back a pronoun after a closing quote looks for the quote's opening mark.
_MAX_QUOTE_TOKENS = 200


def _quote_before(token: Token) -> tuple[int, int] | None:
    """The token range of the quote that a subject pronoun right after it speaks ('"...," he
    said'), or None: the speaker is never someone last named inside the quote."""
    doc = token.doc
    j = token.i - 1
    if j < 1 or not doc[j].is_quote or doc[j - 1].text not in (",", "?", "!", "—"):
        return None
    for k in range(j - 1, max(-1, j - _MAX_QUOTE_TOKENS), -1):
        if "\n" in doc[k].text or "\n" in doc[k].whitespace_:
            return None
        if doc[k].is_quote:
            return k, j
    return None


def _cataphor(state: State, token: Token, gender: str) -> str | None:
    """ "During his Twitter tirade, Kanye claimed": a pronoun in a fronted phrase before the
    main subject refers forward to that subject when the gender fits."""
    root = token.sent.root
    if token.i >= root.i or token.dep_ in SUBJECT_DEPS:
        return None
    subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS and c.i > token.i]
    if not subjects:
        return None
    branch = token  # the pronoun must sit in a fronted phrase: a prep, advcl or npadvmod of the root
    for _ in range(12):  # bounded walk up to the root's child
        if branch.head.i in (root.i, branch.i):
            break
        branch = branch.head
    if branch.dep_ not in ("prep", "advcl", "npadvmod") or branch.i > subjects[0].i:
        return None
    eid = state.ctx.token_entity.get(subjects[0].i) or state.names_ahead.get(subjects[0].i)
    if eid is None or state.kinds.get(eid) != "person":
        return None
    return eid if state.genders.get(eid) in (None, gender) else None


def _resolve_org_pronoun(state: State, token: Token, form: str) -> str | None:
    """ "its" and "it said" go to the last organisation or place (a country: "Libya had cut its
    ties") in this or the previous sentence; other "it" are too often expletive ("it is
    thought") to resolve."""
    head = token.head
    reported = head.dep_ == "ccomp" and any(
        c.dep_ == "nsubj" and state.kinds.get(state.ctx.token_entity.get(c.i, "")) == "organisation"
        for c in head.head.children
    )  # "The firm said it would expand"
    if form == "subj" and not (token.dep_ == "nsubj" and (head.lemma_.lower() in lexicon().it_verbs or reported)):
        return None
    if form not in ("poss", "subj"):
        return None
    verb = token.head if token.dep_ != "pobj" else token.head.head
    bound = (
        {state.ctx.token_entity.get(c.i) for c in verb.children if c.dep_ in SUBJECT_DEPS} if form == "obj" else set()
    )
    found = [
        (eid, seen)
        for eid, seen in candidates(state, token.i, ("organisation", "place", "work", "other"), 1)
        # places, works and products when they were the subject: "Libya had cut its ties",
        # "The PlayStation 2 sold 50,000 in its first week"
        if (state.kinds[eid] == "organisation" or seen.role == 2) and eid not in bound
    ]
    if not found:
        return None
    # organisations first: "Reuters reported from London that it ..." is Reuters
    return max(
        found, key=lambda pair: (state.kinds[pair[0]] == "organisation") * OBJECT + salience(state, token.i, *pair)
    )[0]

"""Plural references to people: "their", "they", "the couple".

"Kim and Kanye married in 2014. The couple live in LA." maps "couple" (token 8) to both:
`doc.user_data[GROUPS] == {8: ('e1', 'e2')}`. One token cannot map to two entities in
`ctx.token_entity`, so groups go to `doc.user_data[GROUPS]`, which the relations stage reads.
"""

from __future__ import annotations

from spacy.tokens import Token

from ._lexicon import lexicon
from ._syntax import SUBJECT_DEPS, clause_subject
from .salience import WINDOW_SENTENCES, State, candidates, note, unnamed

# doc.user_data key: token index -> tuple of person ids, for "their"/"the couple" that refer
# to a group of people (one token cannot map to two entities in ctx.token_entity).
GROUPS = "rumormill.entity_groups"


def resolve_plural(state: State, token: Token) -> None:
    """ "they"/"their": to an organisation subject ("Chelsea said they ..."), or to the
    latest group of people, recorded in `state.groups` for the relations stage."""
    sentence = state.sentence_of[token.i]
    subject = clause_subject(token) if token.dep_ not in SUBJECT_DEPS else None
    group = state.last_group
    if subject is not None and subject.tag_ in ("NN", "NNS", "NNPS") and subject.i not in state.ctx.token_entity:
        # "celebs have voiced their concern": their is the celebs' (spaCy may tag them NN);
        # but "fans congratulated Harry and Meghan on their engagement": a couple named
        # after the subject, in the same sentence, is nearer
        if not (group and subject.i < group[0] < token.i and state.sentence_of[group[0]] == state.sentence_of[token.i]):
            return
    couple = _couple_in_sentence(state, token.i)
    if couple is not None:
        state.groups[token.i] = couple
        return
    verb = token.head if token.dep_ != "pobj" else token.head.head
    bound = (
        {state.ctx.token_entity.get(c.i) for c in verb.children if c.dep_ in SUBJECT_DEPS}
        if token.lower_ in ("them", "themselves")
        else set()
    )  # "Microsoft outsold them": not Microsoft
    orgs = [
        (eid, seen)
        for eid, seen in candidates(state, token.i, "organisation", 1)
        if seen.role == 2 and eid not in bound
    ]
    newest_org = max(orgs, key=lambda pair: pair[1].token) if orgs else None
    group_token = group[0] if group and sentence - state.sentence_of[group[0]] <= 2 else -1
    if newest_org and newest_org[1].token > max(group_token, state.last_plural_noun):
        state.ctx.token_entity[token.i] = newest_org[0]
        note(state, newest_org[0], token.i, token.i + 1, "pronoun")
    elif group_token > state.last_plural_noun:
        state.groups[token.i] = group[1]


def _couple_in_sentence(state: State, i: int) -> tuple[str, ...] | None:
    """Both partners of a known couple mentioned earlier in this sentence ("Kanye lives at the
    ranch while Kim visits with their children")."""
    sentence = state.sentence_of[i]
    here = {eid for eid, seen in state.seen.items() if seen.sentence == sentence and seen.token < i}
    for (a, relation), b in state.kin_links.items():
        if relation in ("spouse", "partner") and a in here and b in here and a < b:
            return a, b
    return None


def resolve_group_noun(state: State, token: Token) -> None:
    """ "the couple"/"the pair": a known couple mentioned lately, else the latest group."""
    size = lexicon().groups[token.lower_]
    sentence = state.sentence_of[token.i]
    if size == 2:
        for (a, relation), b in state.kin_links.items():
            if relation in ("spouse", "partner", "former_spouse", "former_partner") and a < b:
                seen = [state.seen.get(a), state.seen.get(b)]
                if any(s and sentence - s.sentence <= WINDOW_SENTENCES for s in seen):
                    state.groups[token.i] = (a, b)
                    state.last_group = (token.i, (a, b))
                    return
    group = state.last_group
    if group and len(group[1]) == size and sentence - state.sentence_of[group[0]] <= WINDOW_SENTENCES:
        state.groups[token.i] = group[1]
        state.last_group = (token.i, group[1])


def track_group(state: State, head: Token, eid: str) -> None:
    """Coordinated people ("Kim Kardashian and Kanye West") form a group for "their"."""
    if state.kinds.get(eid) != "person" or unnamed(eid):
        return
    if head.dep_ == "conj":
        first = head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        members = {state.ctx.token_entity.get(first.i)}
        members |= {state.ctx.token_entity.get(c.i) for c in first.conjuncts}
        members = {m for m in members if m and state.kinds.get(m) == "person" and not unnamed(m)}
        if len(members) >= 2:
            state.last_group = (head.i, tuple(sorted(members, key=lambda e: int(e[1:]))))

"""Step 5's bookkeeping and scores: who was mentioned where, and how prominently.

"Kim Kardashian arrived. She smiled.": `note` records "Kim Kardashian" as a main-clause
subject of sentence 0; at "She", `candidates` offers e1 and `salience` scores it
50 - 15 (one sentence back) + 12 (subject) + 5 (main clause) = 52.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ...model import Entity, Mention
from ..context import Context
from ._lexicon import lexicon
from ._syntax import SUBJECT_DEPS, head_of
from .ages import age_after

# Most pronoun antecedents lie in the same or the previous sentence (Hobbs 1978 counts
# about 98% within one sentence back); three also covers a photo caption or a one-line
# quote in between, and caps the candidates on long articles.
WINDOW_SENTENCES = 3

# Salience scores. The base falls by PER_SENTENCE for each sentence back, so that a
# subject one sentence back (base - 15 + 12) still beats an object in the same sentence
# only when its gender is also confirmed (+10).
BASE, PER_SENTENCE = 50, 15
SUBJECT, OBJECT, MAIN_CLAUSE, GENDER_KNOWN = 12, 5, 5, 10
ROLE_MATCH, AGE_MATCH, SAME_SENTENCE_NAME = 25, 30, -20

_LIST_MARKS = frozenset({",", ";", "–", "—", "-", "and", ":"})

_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "acl", "csubj", "parataxis"})

_OBJECT_DEPS = frozenset({"dobj", "pobj", "appos", "poss", "attr", "dative", "conj"})


@dataclass
class _Seen:
    """The latest mention of an entity, for salience."""

    token: int
    sentence: int
    role: int  # 2 subject, 1 object, 0 other
    main: bool


@dataclass
class State:
    ctx: Context
    sentence_of: list[int]
    kinds: dict[str, str]
    genders: dict[str, str | None]
    seen: dict[str, _Seen] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=dict)  # entity -> role nouns
    ages: dict[str, int] = field(default_factory=dict)
    # (possessor id, relation, gender) -> referent id: "her husband Kanye West" lets "his wife" resolve
    kin_links: dict[tuple[str, str], str] = field(default_factory=dict)
    groups: dict[int, tuple[str, ...]] = field(default_factory=dict)
    last_group: tuple[int, tuple[str, ...]] | None = None  # (token, members)
    last_plural_noun: int = -1  # token of the latest plural common-noun subject
    descriptor_refs: dict[int, set[str]] = field(default_factory=dict)  # sentence -> ids named by descriptors
    names_ahead: dict[int, str] = field(default_factory=dict)  # token -> id for every name token, also later ones
    entities: dict[str, Entity] = field(default_factory=dict)  # id -> entity
    # role noun -> (sentence, id) of "a spokesperson" / "an insider": an unnamed person that a
    # later "the spokesperson" refers back to, so it must not pick a named entity
    indefinites: dict[str, tuple[int, str]] = field(default_factory=dict)
    # token inside a quote -> its speaker, when a name stands next to the quote: a third-person
    # pronoun in "He is a strong member," Mr Prescott said is not Mr Prescott
    quote_speaker: dict[int, str] = field(default_factory=dict)


def _postposed_report(verb: Token) -> bool:
    """ "Brown got into a brawl, Mr Smernicki added": a reporting verb after its report."""
    return verb.lemma_.lower() in lexicon().report_verbs and any(
        c.dep_ == "ccomp" and c.i < verb.i for c in verb.children
    )


def _role_of(token: Token) -> int:
    if token.dep_ in SUBJECT_DEPS:
        return 1 if _postposed_report(token.head) else 2
    if token.dep_ == "conj" and token.head.dep_ in SUBJECT_DEPS:
        return 1  # second conjunct of a subject: less salient than the first
    return 1 if token.dep_ in _OBJECT_DEPS else 0


def _in_main_clause(token: Token) -> bool:
    head = token
    for _ in range(12):  # deeper trees are rare; treat them as subordinate
        if head.dep_ in _CLAUSE_DEPS:
            # the report before "..., Mr Smernicki added" is the sentence's main content
            return head.dep_ == "ccomp" and head.head.dep_ == "ROOT" and _postposed_report(head.head)
        if head.head.i == head.i:
            return True
        head = head.head
    return False


def unnamed(eid: str) -> bool:
    """Ids of unnamed people ("a source", "a woman"), who take part in salience only."""
    return eid.startswith("~")


def note(state: State, eid: str, start: int, end: int, mention_type: str) -> None:
    """Record a mention: token map, entity mention and salience."""
    ctx, doc = state.ctx, state.ctx.doc
    if unnamed(eid):
        see(state, eid, head_of(doc, start, end))
        return
    for i in range(start, end):
        ctx.token_entity.setdefault(i, eid)
    start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    # ctx.text, not doc.text: spaCy rebuilds doc.text on every access
    mention = Mention(start=start_char, end=end_char, text=ctx.text[start_char:end_char], type=mention_type)
    state.entities[eid].mentions.append(mention)
    listed = (
        mention_type != "pronoun"
        and age_after(doc, end) is not None
        and start > 0
        and doc[start - 1].text in _LIST_MARKS
    )
    see(state, eid, head_of(doc, start, end), listed)


def see(state: State, eid: str, head: Token, listed: bool = False) -> None:
    """Update salience; within one sentence an entity keeps its most prominent role, so
    "Kim ... her" stays a subject after the possessive. Names in a list ("Maddox, 16,
    Vivienne, nine") are background, whatever their parse."""
    sentence = state.sentence_of[head.i]
    seen = _Seen(head.i, sentence, 0 if listed else _role_of(head), not listed and _in_main_clause(head))
    old = state.seen.get(eid)
    if old is not None and old.sentence == sentence:
        seen.role = max(seen.role, old.role)
        seen.main = seen.main or old.main
    state.seen[eid] = seen


def candidates(state: State, i: int, kind: str | tuple[str, ...], window: int) -> list[tuple[str, _Seen]]:
    sentence = state.sentence_of[i]
    kinds = (kind,) if isinstance(kind, str) else kind
    return [
        (eid, seen)
        for eid, seen in state.seen.items()
        if state.kinds[eid] in kinds and seen.token < i and sentence - seen.sentence <= window
    ]


def salience(state: State, i: int, eid: str, seen: _Seen) -> float:
    distance = state.sentence_of[i] - seen.sentence
    score = BASE - PER_SENTENCE * distance
    score += SUBJECT if seen.role == 2 else OBJECT if seen.role == 1 else 0
    score += MAIN_CLAUSE if seen.main else 0
    # later mentions win ties; the fraction never outweighs a whole point
    return score + seen.token / 1_000_000

"""Definite descriptors: "The KKW Beauty owner", "the 54-year-old actor", "the firm".

    >>> doc = nlp("Kim Kardashian arrived. The KKW Beauty owner, 39, smiled.")
    >>> descriptor_at(doc, 7, set(), set())
    _Descriptor(start=4, end=8, kind='person', gender='-', role='KKW Beauty owner', age=(39, 9, 10))

`resolve_descriptor` then picks Kim Kardashian, and `add_descriptor` gives her the role
"KKW Beauty owner" and the age 39.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from ...model import Mention
from .. import lexicons
from ._lexicon import QUOTE_MARKS, lexicon
from ._syntax import SUBJECT_DEPS, dominates
from .ages import age_after, age_before
from .attributes import add_age, add_role
from .salience import (
    AGE_MATCH,
    GENDER_KNOWN,
    ROLE_MATCH,
    SAME_SENTENCE_NAME,
    WINDOW_SENTENCES,
    State,
    candidates,
    salience,
    see,
    unnamed,
)

# Descriptors travel further than pronouns ("the rapper" three paragraphs later) but only
# with a matching known role.
_ROLE_WINDOW_SENTENCES = 6

# A descriptor with no candidate this good stays unresolved: an object two sentences back
# (50 - 30 + 5 = 25) is too weak a link for "the chancellor"; a subject one sentence back
# (50 - 15 + 12 = 47) is not.
_MIN_DESCRIPTOR_SCORE = 40

# How far a descriptor may stretch left of its head noun: "the 'Wash Us In The Blood'
# rapper" is 9 tokens; longer runs are sentences, not noun phrases.
_MAX_DESCRIPTOR_TOKENS = 12


@dataclass
class _Descriptor:
    start: int
    end: int  # exclusive; the head noun is end - 1
    kind: str  # person | organisation
    gender: str
    role: str  # "KKW Beauty owner", "rapper"
    age: tuple[int, int, int] | None


def descriptor_at(doc: Doc, i: int, work_tokens: set[int], name_tokens: set[int]) -> _Descriptor | None:
    """A definite descriptor whose head role noun is token i: "The KKW Beauty owner",
    "the 'Wash Us In The Blood' rapper", "the 54-year-old actor", "the firm"."""
    lex = lexicon()
    token = doc[i]
    found = lex.roles.get(token.lower_)
    # "The season 19 Bachelor, 35, was driving": a capitalised role that no name follows is
    # a descriptor too (a show's title role); before a name it is a title ("President Bush")
    titled = (
        token.text[:1].isupper()
        and token.tag_ == "NNP"
        and not token.is_sent_start
        and i + 1 < len(doc)
        and doc[i + 1].text in (",", ".")
    )
    if found is None or found[0] == "modifier" or (token.tag_ not in ("NN", "JJ") and not titled):
        return None
    if (token.text[:1].isupper() and not titled) or token.is_sent_start:
        return None  # "President Bush": a title; "Source: Getty": a caption
    if i + 1 < len(doc):
        after = doc[i + 1]
        if after.tag_ in ("NN", "NNS") or (after.tag_ in ("NNP", "NNPS") and after.i not in work_tokens):
            return None  # "the rapper Meek Mill" is a name with a role; "the star player" has another head
        if after.text == "-" and not token.whitespace_:
            return None  # "the president-elect's outfit": the head is the compound
        if after.lower_ in ("who", "that", "whom", "whose") or (
            after.lower_ == "of" and found[0] == "person" and token.lower_ in lex.generic
        ):
            return None  # "the man who pioneered the mullet" describes; it does not refer back
    if _plural_coordination(token):
        return None  # "The actress and model have been dating": two people, not one
    j = i - 1
    lowest = max(0, i - _MAX_DESCRIPTOR_TOKENS)
    while j >= lowest:
        left = doc[j]
        if left.lower_ == "as" and j == i - 2:
            return None  # "mocked Bono as the man": predicative
        if left.text in QUOTE_MARKS or j in work_tokens:
            j -= 1
            continue
        if left.lower_ in ("the", "this", "that"):
            break
        if doc[j + 1].is_sent_start or (left.is_punct and left.text not in ("-", "–")):
            return None  # a descriptor does not cross a sentence or a clause break
        if left.lower_ in ("a", "an") or left.tag_ in (
            "PRP$",
            "POS",
            "VB",
            "VBD",
            "VBZ",
            "VBP",
            "IN",
            "CC",
            "WDT",
            "WP",
        ):
            return None
        if left.is_sent_start and left.lower_ not in ("the", "this", "that"):
            return None
        j -= 1
    else:
        return None
    k = i - 1
    while (
        k > j
        and (doc[k].tag_ in ("NNP", "NN", "NNPS") or doc[k].lower_ in lex.roles or doc[k].text == "-")
        and k not in work_tokens
    ):
        k -= 1
    while doc[k + 1].text == "-":
        k += 1
    role_words = [doc[k + 1 : i + 1].text]
    if found[0] == "organisation" and j != i - 1:
        return None  # "the central bank" names a new organisation; "the firm" refers back
    role = "" if token.lower_ in lex.generic else " ".join(role_words)
    # "the 59-year-old TV host": the age may stand before other words of the role
    age = age_after(doc, i + 1) or next(
        (a for k in range(i, j, -1) if doc[k - 1].lower_ == "old" and (a := age_before(doc, k, j + 1))), None
    )
    return _Descriptor(j, i + 1, found[0], found[1], role, age)


def _plural_coordination(token) -> bool:
    """A role noun coordinated with another under one determiner whose verb agrees in the
    plural: "The actress and model have been dating" names a couple ("the 36-year-old dancer
    and actress opened up" stays one person)."""
    if token.dep_ not in SUBJECT_DEPS or not any(
        c.dep_ == "conj" and c.lower_ in lexicon().roles for c in token.children
    ):
        return False
    verb = token.head
    return verb.tag_ == "VBP" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBP" for c in verb.children)


def resolve_descriptor(state: State, desc: _Descriptor, name_at: dict[int, str]) -> str | None:
    doc = state.ctx.doc
    # 1. apposition: "Kim Kardashian, the KKW Beauty owner," / "the rapper, Kanye West,"
    if desc.start >= 2 and doc[desc.start - 1].text == ",":
        eid = state.ctx.token_entity.get(desc.start - 2)
        # "According to Jenna, the three-year-old ...": no apposition when the age differs
        if (
            eid
            and state.kinds.get(eid) == desc.kind
            and not (desc.age and state.ages.get(eid, desc.age[0]) != desc.age[0])
        ):
            return eid
    after = desc.end + 1
    if (
        after < len(doc)
        and doc[desc.end].text == ","
        and name_at.get(after)
        and state.kinds.get(name_at[after]) == desc.kind
    ):
        return name_at[after]
    if desc.kind == "organisation":  # "the airline" prefers the organisation called an airline
        noun = doc[desc.end - 1].lower_
        found = [
            (eid, seen)
            for eid, seen in candidates(state, desc.start, "organisation", _ROLE_WINDOW_SENTENCES)
            if state.sentence_of[desc.start] - seen.sentence <= WINDOW_SENTENCES or noun in state.roles.get(eid, ())
        ]
        return (
            max(
                found,
                key=lambda pair: (
                    salience(state, desc.start, *pair) + (ROLE_MATCH if noun in state.roles.get(pair[0], ()) else 0)
                ),
            )[0]
            if found
            else None
        )
    # 2. salience, with binding, gender, age and role checks
    sentence = state.sentence_of[desc.start]
    head = doc[desc.end - 1]
    taken = state.descriptor_refs.get(sentence, set())
    role_noun = head.lower_
    introduced = state.indefinites.get(role_noun)
    if introduced is not None and sentence - introduced[0] <= _ROLE_WINDOW_SENTENCES:
        return introduced[1]  # "a spokesperson for Morrow ... the spokesperson said": not Morrow
    if role_noun in lexicon().unnamed:
        return None  # "the insider told the news outlet": an anonymous source, whoever was named
    # "Bivens' rep ... the rep said": the rep works for Bivens and is not Bivens; only someone
    # introduced with the role ("spokesman Sean Spicer ... the spokesman") can be meant
    agent = role_noun in lexicon().agents
    best, best_score = None, float("-inf")
    for eid, seen in candidates(state, desc.start, "person", _ROLE_WINDOW_SENTENCES):
        gender = state.genders.get(eid)
        has_role = role_noun in state.roles.get(eid, set())
        distance = sentence - seen.sentence
        if (distance > WINDOW_SENTENCES or agent) and not has_role:
            continue
        if desc.gender in ("m", "f") and gender not in (None, desc.gender):
            continue
        if eid in taken:
            continue  # two different descriptors in one sentence name two people
        if unnamed(eid) and doc[int(eid[1:])].lower_ in lexicon().unnamed:
            continue  # "a law enforcement source said. The season 19 Bachelor, 35, ...": not the source
        if desc.age and eid in state.ages and state.ages[eid] != desc.age[0]:
            continue
        if eid in state.ages and not _age_fits(role_noun, state.ages[eid]):
            continue  # "the teenager" is not the 53-year-old actress
        if distance == 0:
            mention = doc[seen.token]
            if mention.dep_ in SUBJECT_DEPS and dominates(mention.head, head):
                continue  # "Kim said the reality star ...": not Kim (binding principle C)
        score = salience(state, desc.start, eid, seen)
        score += ROLE_MATCH if has_role else 0
        score += AGE_MATCH if desc.age and state.ages.get(eid) == desc.age[0] else 0
        score += SAME_SENTENCE_NAME if distance == 0 else 0
        score += GENDER_KNOWN if desc.gender in ("m", "f") and gender == desc.gender else 0
        if score > best_score:
            best, best_score = eid, score
    return best if best_score >= _MIN_DESCRIPTOR_SCORE else None


@cache
def _age_roles() -> dict[str, tuple[int, int]]:
    return {row[0]: (int(row[1]), int(row[2])) for row in lexicons.load("entity_age_roles")}


def _age_fits(noun: str, age: int) -> bool:
    low, high = _age_roles().get(noun, (0, 200))
    return low <= age <= high


def age_descriptor(doc: Doc, i: int) -> _Descriptor | None:
    """ "the 29-year-old" with no noun after it (else the noun's descriptor covers it)."""
    age = age_before(doc, i + 1, max(0, i - 6))
    if age is None or age[1] == 0 or doc[age[1] - 1].lower_ != "the":
        return None
    if i + 1 < len(doc) and doc[i + 1].tag_ in ("NN", "NNS", "NNP", "NNPS", "JJ"):
        return None
    return _Descriptor(age[1] - 1, i + 1, "person", "-", "", age)


def indefinite(doc: Doc, i: int) -> bool:
    """ "a spokesperson", "an insider", "a close friend": a role noun under "a"/"an" that no
    name follows or precedes in apposition."""
    det = next((c for c in doc[i].children if c.dep_ == "det"), None)
    if det is None or det.lower_ not in ("a", "an", "another"):
        return False
    if doc[i].dep_ == "appos" or (i + 1 < len(doc) and doc[i + 1].tag_ == "NNP"):
        return False  # "Kim, a reality star," / "a rapper Meek Mill"
    return doc[i].dep_ not in ("attr",)  # "she is a singer" introduces nobody


def add_descriptor(state: State, eid: str, desc: _Descriptor, taken: set[int], published: str | None) -> None:
    """Record "The KKW Beauty owner, 39" as a descriptor mention, a role and maybe an age."""
    ctx = state.ctx
    if unnamed(eid):
        see(state, eid, ctx.doc[desc.end - 1])
        return
    entity = state.entities[eid]
    for t in range(desc.start, desc.end):
        if t not in taken:
            ctx.token_entity.setdefault(t, eid)
    start_char, end_char = ctx.doc[desc.start].idx, ctx.doc[desc.end - 1].idx + len(ctx.doc[desc.end - 1])
    entity.mentions.append(
        Mention(start=start_char, end=end_char, text=ctx.text[start_char:end_char], type="descriptor")
    )
    see(state, eid, ctx.doc[desc.end - 1])
    state.descriptor_refs.setdefault(state.sentence_of[desc.start], set()).add(eid)
    if desc.kind == "person":
        if desc.role:
            add_role(state, eid, desc.role, desc.end)
        if desc.age:
            add_age(state, eid, desc.age, published)

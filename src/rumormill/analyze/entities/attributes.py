"""Step 6: ages and roles become attributes of the entity they belong to.

"Kim, 39, and rapper Meek Mill smiled." (published 2020-07-31) gives Kim the age 39 as of
2020-07-31 and Meek Mill the role "rapper".

    >>> role_phrase(nlp("KKW Beauty owner Kim Kardashian smiled."), 2)
    'KKW Beauty owner'
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...model import Attribute, Entity
from ..context import Context
from ._lexicon import lexicon
from .ages import age_after, age_before
from .names import Name
from .salience import State


def _role_word(token: Token) -> bool:
    """A word of a role before its head: "Fiction Records", "Labour election", "Deputy Prime"."""
    return (
        token.tag_ in ("NNP", "NNPS", "NN")
        or (token.tag_ == "JJ" and token.text[:1].isupper())
        or token.lower_ in lexicon().roles
        or token.text == "-"
    )


def role_phrase(doc: Doc, i: int) -> str:
    """ "KKW Beauty owner Kim" -> "KKW Beauty owner"; "rapper Meek Mill" -> "rapper"."""
    k = i - 1
    while k >= 0 and k > i - 5 and _role_word(doc[k]) and not doc[k + 1].is_sent_start:
        k -= 1
    while doc[k + 1].text == "-":
        k += 1
    return doc[k + 1 : i + 1].text


def add_role(state: State, eid: str, role: str, end: int) -> None:
    """Record a role ending at token `end` ("KKW Beauty owner"); its span is the text itself."""
    entity = state.entities[eid]
    head = role.split()[-1].lower()
    state.roles.setdefault(eid, set()).add(head)
    if state.kinds.get(eid) != "person":
        return  # an organisation's type ("airline") only guides "the airline"
    if not any(a.name == "role" and str(a.value).lower() == role.lower() for a in entity.attributes):
        doc = state.ctx.doc
        end_char = doc[end - 1].idx + len(doc[end - 1])
        entity.attributes.append(
            Attribute(name="role", value=role, span=state.ctx.span(end_char - len(role), end_char))
        )


def add_age(state: State, eid: str, age: tuple[int, int, int], published: str | None) -> None:
    entity = state.entities[eid]
    state.ages.setdefault(eid, age[0])
    if not any(a.name == "age" and a.value == age[0] for a in entity.attributes):
        entity.attributes.append(
            Attribute(name="age", value=age[0], as_of=published, span=_char_span(state.ctx, age[1], age[2]))
        )


def name_attributes(state: State, entity: Entity, name: Name, published: str | None) -> None:
    doc = state.ctx.doc
    roles = lexicon().roles
    for child in doc[name.start : name.end].root.children:  # "Varig, Brazil's flagship airline"
        if (
            child.dep_ == "appos"
            and child.i >= name.end
            and roles.get(child.lower_, ("",))[0] == state.kinds[entity.id]
            and child.lower_ not in lexicon().generic
            and child.tag_ == "NN"
        ):
            add_role(state, entity.id, role_phrase(doc, child.i), child.i + 1)
    if state.kinds[entity.id] != "person":
        return
    age = age_after(doc, name.end) or age_before(doc, name.start, max(0, name.start - 6)) or _noun_age(doc, name)
    if age is not None:
        add_age(state, entity.id, age, published)
    # "President Bush": a title that is also a role noun
    if name.start > 0:
        title = doc[name.start - 1]
        if (
            title.text[:1].isupper()
            and title.lower_ in lexicon().roles
            and title.text.rstrip(".") in lexicon().honorifics
        ):
            add_role(state, entity.id, title.text, name.start)


def _noun_age(doc: Doc, name: Name) -> tuple[int, int, int] | None:
    """An age before a common noun before the name: "an 18-year-old daughter Madelaine", "the
    54-year-old actor Brad Pitt"; with a plural noun also for the names coordinated after it:
    "10-year-old twins Knox and Vivienne"."""
    start = name.start
    root = doc[name.start : name.end].root
    if root.dep_ == "conj" and root.head.i < start:
        start = root.head.i  # "Vivienne" in "twins Knox and Vivienne": look before "Knox"
        while start > 0 and doc[start - 1].tag_ == "NNP":
            start -= 1
        if start == 0 or doc[start - 1].tag_ != "NNS":
            return None
    if start == 0 or doc[start - 1].pos_ != "NOUN" or doc[start - 1].tag_ not in ("NN", "NNS"):
        return None
    return age_before(doc, start - 1, max(0, start - 8))


def _char_span(ctx: Context, start: int, end: int):
    doc = ctx.doc
    return ctx.span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))

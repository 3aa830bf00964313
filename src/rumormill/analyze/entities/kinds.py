"""Step 2: context that fixes spaCy's label of a name.

Names listed after a kinship noun or with ages are people, not places; a title or a person
role makes a person, an organisation noun an organisation; a one-word name takes its
majority label.

    >>> doc = nlp("They have four children; North, seven, Saint, four, and Chicago, two.")
    >>> listed_names(doc, 3, len(doc))
    [(5, 6), (9, 10), (14, 15)]
    >>> person_context(nlp("Mr Campbell said so."), 1, 1, 2)   # spaCy tags "Campbell" ORG
    True
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from ._lexicon import POSSESSIVE, lexicon
from .ages import age_after, age_before
from .names import Name

_LIST_SEPARATORS = frozenset({",", ";", "&", "and"})
_INTRODUCERS = frozenset({":", ";", ",", "-", "–", "—"})


def _is_name_word(token: Token) -> bool:
    text = token.text
    return (
        text[:1].isupper()
        and (token.is_alpha or "-" in text or "." in text)
        and token.pos_ in ("PROPN", "NOUN", "ADJ", "VERB", "X")
    )


def name_run(doc: Doc, i: int, limit: int) -> int:
    """End of a run of capitalised name words starting at token i (i itself when none).

    Used for names that spaCy missed in list and apposition contexts ("daughter True").
    """
    particles = lexicon().name_particles
    j = i
    while j < limit and j - i < 4 and not (j > i and doc[j].is_sent_start):
        if _is_name_word(doc[j]):
            j += 1
        elif j > i and doc[j].text in particles and j + 1 < limit and _is_name_word(doc[j + 1]):
            j += 2  # "Portia de Rossi"
        else:
            break
    return j


def listed_names(doc: Doc, i: int, limit: int) -> list[tuple[int, int]]:
    """Names listed after the (plural) kinship noun at token i, as token spans.

    "their four children; North, seven, Saint, four, Chicago, two, and Psalm, one" ->
    spans of North, Saint, Chicago and Psalm. "her daughter North" -> [North].
    """
    n = min(limit, len(doc))
    j = i + 1
    if j < n and doc[j].text in _INTRODUCERS:
        j += 1
    names: list[tuple[int, int]] = []
    while j < n:
        if names and name_run(doc, j, n) == j:
            j = _aged_group_end(doc, j, n)  # "..., and 10-year-old twins Knox and Vivienne"
        end = name_run(doc, j, n)
        if end == j or (end < n and doc[end].text in POSSESSIVE):
            break  # "... and Kris's other children": Kris owns the next phrase
        names.append((j, end))
        j = end
        age = age_after(doc, j)
        if age is not None:
            j = age[2]
        if j < n and doc[j].text in _LIST_SEPARATORS:
            j += 1
            if j < n and doc[j].lower_ in ("and", "&"):
                j += 1
            continue
        break
    return names


def _aged_group_end(doc: Doc, j: int, n: int) -> int:
    """After "10-year-old twins" (an age and a plural noun that open the next names of a
    list), else j."""
    k = j
    while k < n and k - j < 6 and doc[k].lower_ != "old":
        k += 1
    if k + 1 < n and doc[k].lower_ == "old" and doc[k + 1].tag_ == "NNS" and age_before(doc, k + 1, j) is not None:
        return k + 2
    return j


def majority_kinds(doc: Doc, names: list[Name]) -> None:
    """A one-word name that spaCy calls a person once and an organisation twice ("Labour")
    takes the majority label, unless it is a known given name."""
    votes: dict[str, Counter] = {}
    for name in names:
        if name.end - name.start == 1:
            votes.setdefault(doc[name.start].text, Counter())[name.kind] += 1
    first_names = lexicon().first_names
    for name in names:
        if name.kind != "person" or name.end - name.start != 1 or doc[name.start].text in first_names:
            continue
        if name.source != "ner":
            continue  # made a person by its context ("Mars said"), which outvotes spaCy's labels
        ranked = votes[doc[name.start].text].most_common()
        if ranked[0][0] != "person" and ranked[0][1] > votes[doc[name.start].text]["person"]:
            name.kind = ranked[0][0]


def person_context(doc: Doc, ent_start: int, start: int, end: int) -> bool:
    """A title before the name ("Mr Campbell"), a one-word known given name ("Kanye"), a person
    role before it ("rapper X") or a kinship or person role in apposition ("X, the daughter of")."""
    lex = lexicon()
    if ent_start < start or (start > 0 and doc[start - 1].text.rstrip(".") in lex.honorifics):
        if any(doc[t].text.rstrip(".") in lex.honorifics for t in range(max(0, ent_start - 1), start)):
            return True
    if (
        end - start == 1
        and lex.first_names.get(doc[start].text) in ("m", "f")
        and doc[start].text not in lex.organisations
    ):
        return True
    if start > 0 and lex.roles.get(doc[start - 1].lower_, ("",))[0] == "person" and doc[start - 1].is_lower:
        return True
    root = doc[start:end].root
    return any(
        c.dep_ == "appos" and (c.lower_ in lex.kinship or lex.roles.get(c.lower_, ("",))[0] == "person")
        for c in root.children
    )


def organisation_context(doc: Doc, start: int, end: int) -> bool:
    """An organisation noun right before the name or in apposition after it."""
    roles = lexicon().roles
    if start > 0 and roles.get(doc[start - 1].text, ("",))[0] == "organisation":
        return True
    root = doc[start:end].root
    return any(c.dep_ == "appos" and roles.get(c.text, ("",))[0] == "organisation" for c in root.children)


def add_age_lists(doc: Doc, names: list[Name], found: list[Name], sent_end: list[int]) -> None:
    """Names followed by ", <age>," are people when a sentence lists two or more of them
    ("North, seven, Saint, four"); one alone may be a score or an address."""
    by_sentence: dict[int, list[Name]] = {}
    first_names = lexicon().first_names
    for name in names:
        if name.kind != "person" and age_after(doc, name.end) is not None:
            if first_names.get(doc[name.start].text) in ("m", "f", "u"):
                found.append(Name(name.start, name.end, "person", "context"))  # "Charlotte, now 2"
            else:
                by_sentence.setdefault(sent_end[name.start], []).append(name)
    for group in by_sentence.values():
        if len(group) >= 2:
            found.extend(Name(n.start, n.end, "person", "context") for n in group)

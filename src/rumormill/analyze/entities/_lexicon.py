"""The lexicons this stage reads, loaded once, and the closed word classes it tests.

>>> lexicon().roles["rapper"]
('person', '-')
>>> doc = nlp("Kim and her husband Kanye West")
>>> pronoun(doc[2]), kinship(doc[3])
(('f', 'sg', 'poss'), ('spouse', 'm', 'sg'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from .. import lexicons

QUOTE_MARKS = frozenset({"'", '"', "‘", "’", "“", "”", "``", "''", "`"})

POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Lexicons:
    pronouns: dict[str, tuple[str, str, str]]  # word -> (gender, number, form)
    honorifics: dict[str, str]  # "Mrs" -> "f"
    first_names: dict[str, str]  # "Kim" -> "f"
    name_suffixes: frozenset[str]  # "Jr": "X Jr." is not X
    name_particles: frozenset[str]  # "de" in "Portia de Rossi"
    nicknames: dict[str, frozenset[str]]  # "Liz" -> {"Elizabeth"}
    numbers: dict[str, int]
    kinship: dict[str, tuple[str, str, str]]  # noun -> (relation, gender, number)
    kin_prefixes: frozenset[str]  # "ex", "former"
    roles: dict[str, tuple[str, str]]  # noun -> (kind, gender)
    generic: frozenset[str]  # role nouns that are no role: "man", "source"
    unnamed: frozenset[str]  # "the source", "the insider": never a named person
    agents: frozenset[str]  # "rep", "lawyer": speak for someone; "the rep" is not the star
    works: frozenset[str]
    groups: dict[str, int]  # "couple" -> 2
    it_verbs: frozenset[str]  # "say": "it said" is an organisation speaking
    report_verbs: frozenset[str]  # "add": "..., Mr Smernicki added."
    organisations: dict[str, list[tuple[str, str]]]  # first word -> [(name, type)], longest first


@cache
def lexicon() -> _Lexicons:
    organisations: dict[str, list[tuple[str, str]]] = {}
    for name, kind, *_ in lexicons.load("entity_organisations"):
        organisations.setdefault(_WORD.match(name).group(), []).append((name, kind))
    for entries in organisations.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    kinship, prefixes = {}, set()
    for row in lexicons.load("kinship"):
        if row[1] == "former":
            prefixes.add(row[0].lower())
        else:
            kinship[row[0].lower()] = (row[1], row[2], row[3])
    return _Lexicons(
        pronouns={row[0]: (row[1], row[2], row[3]) for row in lexicons.load("entity_pronouns")},
        honorifics={row[0]: row[1] for row in lexicons.load("entity_honorifics")},
        first_names={row[0]: row[1] for row in lexicons.load("entity_first_names")},
        name_suffixes=frozenset(row[0] for row in lexicons.load("entity_name_suffixes")),
        name_particles=lexicons.words("entity_name_particles"),
        nicknames={row[0]: frozenset(row[1].split(",")) for row in lexicons.load("entity_nicknames")},
        numbers={word: int(value) for word, value in lexicons.mapping("entity_numbers").items()},
        kinship=kinship,
        kin_prefixes=frozenset(prefixes),
        roles={row[0].lower(): (row[1], row[2]) for row in lexicons.load("roles")},
        generic=frozenset(row[0].lower() for row in lexicons.load("roles") if row[3:] in (("generic",), ("unnamed",))),
        unnamed=frozenset(row[0].lower() for row in lexicons.load("roles") if row[3:] == ("unnamed",)),
        agents=frozenset(row[0].lower() for row in lexicons.load("roles") if row[3:] == ("agent",)),
        works=lexicons.words("entity_works"),
        groups={word: int(size) for word, size in lexicons.mapping("entity_groups").items()},
        it_verbs=lexicons.words("entity_it_verbs"),
        report_verbs=lexicons.words("entity_report_verbs"),
        organisations=organisations,
    )


def pronoun(token: Token) -> tuple[str, str, str] | None:
    """(gender, number, form) of a third-person pronoun token, else None: "her" -> ('f', 'sg', 'poss')."""
    found = lexicon().pronouns.get(token.lower_)
    if found is None or token.pos_ not in ("PRON", "DET"):
        return None
    gender, number, form = found
    if token.lower_ == "her" and (token.tag_ == "PRP$" or token.dep_ == "poss"):  # spaCy may tag it PRP
        form = "poss"
    return gender, number, form


def kinship(token: Token) -> tuple[str, str, str] | None:
    """(relation, gender, number) of a kinship noun: "wife" -> ('spouse', 'f', 'sg'), else None."""
    found = lexicon().kinship.get(token.lower_)
    if found is None or (token.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ") and token.tag_ not in ("NN", "NNS")):
        return None
    return found

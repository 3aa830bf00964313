"""Entities with aliases, ages, roles and within-article coreference.

    >>> ctx = Context(article, doc, published)   # "Kim Kardashian and her husband Kanye
    >>> find_entities(ctx)                        #  West ... The rapper, 43, ... he tweeted"
    >>> [(e.name, e.kind) for e in ctx.entities]
    [('Kim Kardashian', 'person'), ('Kanye West', 'person'), ...]
    >>> ctx.entity_of(doc[i])                     # "he", "the rapper", "West" -> 'e2'

No coreference package works offline with spaCy 3.8 (shared/NOTES.md), so this stage is
rules, in one left-to-right pass over the article after the names are known:

1. Name spans: spaCy NER, organisations from `entity_organisations.txt` (platforms,
   outlets, photo agencies) and titles of works in quotes or after "the movie".
2. Context fixes: names listed after "their children" or in apposition to a kinship noun
   ("daughter North"), and lists of "Name, <age>," are people, not places.
3. Names become entities: "Kim", "Kardashian" and "Kim Kardashian" are one person; a span
   whose text is a known person's name or surname is that person, whatever spaCy's label
   ("West" tagged LOC); quoted nicknames ("Kris Jong Un") are dropped.
4. Gender per person, from titles ("Mrs"), kinship apposition ("her husband X"), "X and her",
   "X said she", reflexives, then the first-name lexicon.
5. One pass resolves pronouns ("he", "her", "its"), descriptors ("The KKW Beauty owner",
   "the firm") and kinship phrases ("his wife") against the entities mentioned in the last
   few sentences (salience: recency, subject > object, main clause, gender, known role and
   age, binding: "Kim said the rapper ..." cannot make the rapper Kim).
6. Ages ("Kim, 39,", "North, seven", "the 54-year-old actor", "aged 39") and roles
   ("rapper Meek Mill", descriptors) become attributes.

First-person pronouns are left alone: in a quote they belong to the speaker, which only
the quotes stage knows. Plural pronouns and group nouns ("their", "the couple") that refer
to two or more people cannot map to one entity; they go to `doc.user_data[GROUPS]`
(token index -> entity ids), which the relations stage reads.

Speed: each pass first picks its tokens from spaCy's attribute ids (`doc.to_array`, kept in
`doc.user_data[ARRAYS]` until the relations stage drops it), so Tokens are made only for
names and cue words; about 10 us per token, a few per cent of spaCy's own time.

Limits: no world knowledge (an unnamed "the president" links to the last compatible
person), no nested or cross-paragraph cataphora, and gender comes from a hand list of
given names when the article gives no cue.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from ..model import Attribute, Entity, Mention
from . import lexicons
from .context import Context

# doc.user_data key: token index -> tuple of person ids, for "their"/"the couple" that refer
# to a group of people (one token cannot map to two entities in ctx.token_entity).
GROUPS = "rumormill.entity_groups"

_NER_KINDS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "WORK_OF_ART": "work",
    "EVENT": "other",
    "PRODUCT": "other",
}
# Most pronoun antecedents lie in the same or the previous sentence (Hobbs 1978 counts
# about 98% within one sentence back); three also covers a photo caption or a one-line
# quote in between, and caps the candidates on long articles.
_WINDOW_SENTENCES = 3
# Descriptors travel further than pronouns ("the rapper" three paragraphs later) but only
# with a matching known role.
_ROLE_WINDOW_SENTENCES = 6
# Salience scores. The base falls by _PER_SENTENCE for each sentence back, so that a
# subject one sentence back (base - 15 + 12) still beats an object in the same sentence
# only when its gender is also confirmed (+10).
_BASE, _PER_SENTENCE = 50, 15
_SUBJECT, _OBJECT, _MAIN_CLAUSE, _GENDER_KNOWN = 12, 5, 5, 10
_ROLE_MATCH, _AGE_MATCH, _SAME_SENTENCE_NAME = 25, 30, -20
# A descriptor with no candidate this good stays unresolved: an object two sentences back
# (50 - 30 + 5 = 25) is too weak a link for "the chancellor"; a subject one sentence back
# (50 - 15 + 12 = 47) is not.
_MIN_DESCRIPTOR_SCORE = 40
# Bounds the scan of a clause for names that a subject pronoun cannot be (binding).
_MAX_CLAUSE_TOKENS = 60
# A speaker named this many tokens after a closing quote (", Mr Prescott said") or before
# an opening one ("Kanye told the audience: ") is the quote's speaker for binding.
_SPEAKER_WINDOW = 4
# Ages above this are years or counts ("Chicago, 2012"), not ages.
_MAX_AGE = 120
# How far a descriptor may stretch left of its head noun: "the 'Wash Us In The Blood'
# rapper" is 9 tokens; longer runs are sentences, not noun phrases.
_MAX_DESCRIPTOR_TOKENS = 12
_DOUBLE_QUOTES = frozenset({'"', "“", "”", "``", "''"})
_QUOTE_MARKS = frozenset({"'", '"', "‘", "’", "“", "”", "``", "''", "`"})
_LIST_MARKS = frozenset({",", ";", "–", "—", "-", "and", ":"})
_LIST_SEPARATORS = frozenset({",", ";", "&", "and"})
_INTRODUCERS = frozenset({":", ";", ",", "-", "–", "—"})
# After these, a single-word place stays a place even when a person has that name
# ("back in Chicago").
# "to", "from" and "of" are left out: "married to X", "split from X", "a friend of X".
_LOCATIVE = frozenset({"in", "at", "near", "across", "outside", "inside", "around", "into", "toward", "towards",
                       "via", "through"})
_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "acl", "csubj", "parataxis"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_OBJECT_DEPS = frozenset({"dobj", "pobj", "appos", "poss", "attr", "dative", "conj"})
# Words after an age that show the number was not an age ("Chicago, 60 miles").
_AGE_ENDINGS = frozenset({",", ".", ";", ")", "and", "&", "-", "–", "—", ":", "!", "?", "\n"})
# Words before "movie"/"song" that make the next Title Case words its title.
_WORK_DETERMINERS = frozenset({"the", "his", "her", "their", "its", "hit", "new", "latest", "upcoming"})
# Words that stay lower case inside a Title Case title ("Keeping Up with the Kardashians").
_TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "with",
                                "by", "from", "up", "as", "vs", "de", "la", "le", "du", "von", "van"})
# Tags that never occur inside a person's name (Title Case headlines fool spaCy).
_NOT_IN_NAMES = frozenset({"PRP", "PRP$", "MD", "WP", "WDT", "DT", "CC"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_WORD = re.compile(r"\w+")


# --------------------------------------------------------------------------------------
# lexicons


@dataclass(frozen=True)
class _Lexicons:
    pronouns: dict[str, tuple[str, str, str]]  # word -> (gender, number, form)
    honorifics: dict[str, str]  # "Mrs" -> "f"
    first_names: dict[str, str]  # "Kim" -> "f"
    numbers: dict[str, int]
    kinship: dict[str, tuple[str, str, str]]  # noun -> (relation, gender, number)
    kin_prefixes: frozenset[str]  # "ex", "former"
    roles: dict[str, tuple[str, str]]  # noun -> (kind, gender)
    generic: frozenset[str]  # role nouns that are no role: "man", "source"
    unnamed: frozenset[str]  # "the source", "the insider": never a named person
    works: frozenset[str]
    groups: dict[str, int]  # "couple" -> 2
    it_verbs: frozenset[str]  # "say": "it said" is an organisation speaking
    report_verbs: frozenset[str]  # "add": "..., Mr Smernicki added."
    organisations: dict[str, list[tuple[str, str]]]  # first word -> [(name, type)], longest first


@cache
def _lex() -> _Lexicons:
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
        numbers={word: int(value) for word, value in lexicons.mapping("entity_numbers").items()},
        kinship=kinship,
        kin_prefixes=frozenset(prefixes),
        roles={row[0].lower(): (row[1], row[2]) for row in lexicons.load("roles")},
        generic=frozenset(row[0].lower() for row in lexicons.load("roles") if row[3:] in (("generic",), ("unnamed",))),
        unnamed=frozenset(row[0].lower() for row in lexicons.load("roles") if row[3:] == ("unnamed",)),
        works=lexicons.words("entity_works"),
        groups={word: int(size) for word, size in lexicons.mapping("entity_groups").items()},
        it_verbs=lexicons.words("entity_it_verbs"),
        report_verbs=lexicons.words("entity_report_verbs"),
        organisations=organisations,
    )


def hashes(words) -> frozenset[int]:
    """spaCy's string ids of `words`, to test a Doc's attribute ids without making Tokens."""
    return frozenset(get_string_id(w) for w in words)


ARRAYS = "rumormill.token_arrays"  # doc.user_data key: attribute -> list of string ids; a cache
_ATTRS = ("ORTH", "LOWER", "TAG", "DEP", "LEMMA", "SENT_START", "IS_TITLE", "IS_UPPER")


def _arrays(doc: Doc) -> dict[str, list[int]]:
    """All token attributes the stages scan, read from spaCy in one call and kept on the Doc."""
    found = doc.user_data.get(ARRAYS)
    if found is None:
        table = doc.to_array(list(_ATTRS)).tolist() if len(doc) else []
        found = {attr: [row[k] for row in table] for k, attr in enumerate(_ATTRS)}
        doc.user_data[ARRAYS] = found
    return found


@cache
def _lexicon_hashes(name: str) -> frozenset[int]:
    lex = _lex()
    words = {
        "orth_starters": set(lex.organisations) | _QUOTE_MARKS,
        "lower_cues": lex.works | lex.kinship.keys(),
        "pronouns": lex.pronouns.keys(),
        "resolve": lex.pronouns.keys() | lex.groups.keys() | lex.kinship.keys() | lex.roles.keys() | {"old"},
        "double_quotes": _DOUBLE_QUOTES,
        "plural_tags": {"NNS", "NNPS"},
        "subject_deps": _SUBJECT_DEPS,
        "sentence_ends": {".", "!", "?"},
    }[name]
    return hashes(words)


def tokens_where(doc: Doc, attr: str, words: frozenset[int]) -> list[int]:
    """Indices of the tokens whose `attr` ("LOWER", "ORTH", "TAG", ...) is one of `words`
    (string ids). Testing ints is far cheaper than making a spaCy Token for every word."""
    return [i for i, value in enumerate(_arrays(doc)[attr]) if value in words]


def _sentences(doc: Doc) -> tuple[list[int], list[int]]:
    """Per token: the index of its sentence for salience, and the end of its spaCy sentence.

    A salience sentence also starts after "." / "!" / "?" before a capital: spaCy sometimes
    runs two sentences together inside quotes ("... passed away. His thoughts").
    """
    n = len(doc)
    arrays = _arrays(doc)
    enders = _lexicon_hashes("sentence_ends")
    orth, title, upper, starts = arrays["ORTH"], arrays["IS_TITLE"], arrays["IS_UPPER"], arrays["SENT_START"]
    sentence_of, sent_end = [0] * n, [n] * n
    k, first = -1, 0
    for i in range(n):
        if i == 0 or starts[i] == 1:
            for j in range(first, i):
                sent_end[j] = i
            first = i
            k += 1
        elif orth[i - 1] in enders and (title[i] or upper[i]):
            k += 1
        sentence_of[i] = k
    return sentence_of, sent_end


def pronoun(token: Token) -> tuple[str, str, str] | None:
    """(gender, number, form) of a third-person pronoun token, else None: "her" -> ('f', 'sg', 'poss')."""
    found = _lex().pronouns.get(token.lower_)
    if found is None or token.pos_ not in ("PRON", "DET"):
        return None
    gender, number, form = found
    if token.lower_ == "her" and token.tag_ == "PRP$":
        form = "poss"
    return gender, number, form


def kinship(token: Token) -> tuple[str, str, str] | None:
    """(relation, gender, number) of a kinship noun: "wife" -> ('spouse', 'f', 'sg'), else None."""
    found = _lex().kinship.get(token.lower_)
    if found is None or (token.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ") and token.tag_ not in ("NN", "NNS")):
        return None
    return found


def number_at(doc: Doc, i: int) -> tuple[int, int] | None:
    """(value, index after it) for a number written as digits or words at token i.

    "39" -> 39, "seven" -> 7, "forty-three" / "forty three" -> 43; None for anything else.
    """
    if i >= len(doc):
        return None
    token = doc[i]
    if token.text.isdigit() and not token.text.startswith("0"):
        return int(token.text), i + 1
    numbers = _lex().numbers
    word = token.lower_
    if "-" in word:  # one token "forty-three" (spaCy usually splits it)
        tens, _, units = word.partition("-")
        if numbers.get(tens, 0) >= 20 and 0 < numbers.get(units, 0) < 10:
            return numbers[tens] + numbers[units], i + 1
        return None
    value = numbers.get(word)
    if value is None:
        return None
    if value >= 20 and value % 10 == 0:  # a tens word may take a units word: "forty(-)three"
        j = i + 2 if i + 2 < len(doc) and doc[i + 1].text == "-" else i + 1
        units = numbers.get(doc[j].lower_, 0) if j < len(doc) else 0
        if 0 < units < 10:
            return value + units, j + 1
    return value, i + 1


def age_after(doc: Doc, end: int) -> tuple[int, int, int] | None:
    """An age written after a name that ends at token `end`: (age, start, end) of the number.

    "Kim, 39," / "the rapper, 43 is" / "North, seven." / "Kim (39)" / "Kim, aged 39" /
    "Kim, now 39,". The word after the number must close the phrase (punctuation, "and",
    a verb), so "Chicago, 60 miles" and "Paris, 2 March" are not ages.
    """
    n = len(doc)
    if end >= n or doc[end].text not in (",", "("):
        return None
    j = end + 1
    if j < n and doc[j].lower_ in ("aged", "now", "age"):
        j += 1
    found = number_at(doc, j)
    if found is None or not 0 < found[0] <= _MAX_AGE:
        return None
    value, after = found
    if doc[end].text == "(":
        return (value, j, after) if after < n and doc[after].text == ")" else None
    if after >= n or doc[after].is_sent_start:
        return value, j, after
    follower = doc[after]
    if follower.text in _AGE_ENDINGS or "\n" in follower.text or follower.tag_.startswith("VB") or follower.tag_ == "MD":
        return value, j, after
    return None


def age_before(doc: Doc, start: int, lowest: int) -> tuple[int, int, int] | None:
    """An age written as "<N>-year-old" just before token `start`, not left of `lowest`:
    (age, start, end) of "39-year-old". spaCy splits it into 39 - year - old."""
    j = start - 1
    if j - 2 < lowest or doc[j].lower_ != "old" or doc[j - 2].lower_ not in ("year", "years"):
        return None
    number_end = j - 3 if j - 3 >= lowest and doc[j - 3].text == "-" else j - 2
    for number_start in (number_end - 1, number_end - 3):  # "39" or "forty - three"
        if number_start < lowest:
            continue
        found = number_at(doc, number_start)
        if found and found[1] == number_end and 0 < found[0] <= _MAX_AGE:
            return found[0], number_start, start
    return None


# --------------------------------------------------------------------------------------
# 1-2. name spans


@dataclass
class _Name:
    start: int  # token indices, end exclusive
    end: int
    kind: str
    source: str  # "ner" | "lexicon" | "title" | "context"
    gender: str | None = None  # from a title before the name ("Mrs")
    words: tuple[str, ...] = ()  # the name's words without titles and punctuation


def _is_name_word(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and (token.is_alpha or "-" in text or "." in text) and token.pos_ in ("PROPN", "NOUN", "ADJ", "VERB", "X")


def name_run(doc: Doc, i: int, limit: int) -> int:
    """End of a run of capitalised name words starting at token i (i itself when none).

    Used for names that spaCy missed in list and apposition contexts ("daughter True").
    """
    j = i
    while j < limit and j - i < 4 and _is_name_word(doc[j]) and not (j > i and doc[j].is_sent_start):
        j += 1
    return j


def _title_run(doc: Doc, i: int, limit: int) -> int:
    """End of a Title Case run at token i: "Get Out", "Keeping Up with the Kardashians"."""
    j, end = i, i
    while j < limit and j - i < 8:
        token = doc[j]
        if token.text[:1].isupper() and not token.is_punct and not (j > i and token.is_sent_start):
            end = j = j + 1
        elif j > i and token.is_lower and len(token.text) <= 4 and not token.is_punct:
            j += 1  # "with", "the", "of" inside a title, kept only if a capital follows
        else:
            break
    return end


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
        end = name_run(doc, j, n)
        if end == j or (end < n and doc[end].text in _POSSESSIVE):
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


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int, str | None]:
    """Strip determiners, titles and possessives from a span; return the title's gender."""
    honorifics = _lex().honorifics
    gender = None
    for title in (doc[start - 1] if start > 0 else None, doc[start] if end - start > 1 else None):
        if title is not None and title.text.rstrip(".") in honorifics:
            gender = honorifics[title.text.rstrip(".")]  # "Ms Jowell", with or without "Ms" in the span
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].text in _QUOTE_MARKS):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].text in _QUOTE_MARKS or doc[end - 1].is_punct
                           or doc[end - 1].text.rstrip(".") in honorifics and end - 1 > start):
        end -= 1  # "Sunday Times Mr" (the title belongs to the next name)
    return start, end, gender


def _name_words(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    honorifics = _lex().honorifics
    words = [t.text for t in doc[start:end] if not t.is_punct and t.text not in _POSSESSIVE]
    while len(words) > 1 and words[0].rstrip(".") in honorifics:
        words.pop(0)
    return tuple(words)


def _overlaps(a: _Name, b: _Name) -> bool:
    return a.start < b.end and b.start < a.end


def _quoted_title(doc: Doc, i: int, sent_end: int) -> tuple[int, int] | None:
    """A Title Case phrase in quotes that starts after the quote mark at token i, if it is a
    work: a role or work noun follows it ("the 'Wash Us In The Blood' rapper") or a work noun
    precedes it ("the song 'Famous'")."""
    lex = _lex()
    j = i + 1
    limit = min(sent_end, i + 12)
    while j < limit and doc[j].text not in _QUOTE_MARKS:
        j += 1
    if j >= limit or j == i + 1 or not doc[i + 1].text[:1].isupper():
        return None
    if not doc[j].whitespace_ and j + 1 < len(doc) and not doc[j + 1].is_punct:
        return None  # an apostrophe inside a word ("who’s"), not a closing quote
    if not all(t.text[:1].isupper() or not t.is_alpha or len(t.text) <= 4 for t in doc[i + 1 : j]):
        return None
    after = doc[j + 1].lower_ if j + 1 < len(doc) else ""
    before = doc[i - 1].lower_ if i > 0 else ""
    if after in lex.works or lex.roles.get(after, ("",))[0] == "person" or before in lex.works:
        return i + 1, j
    return None


def _collect_names(doc: Doc, sent_end: list[int]) -> list[_Name]:
    """Step 1-2: candidate name spans, non-overlapping, in text order."""
    lex = _lex()
    names: list[_Name] = []
    organisations: set[str] = set()  # texts that an organisation noun vouches for
    for ent in doc.ents:
        kind = _NER_KINDS.get(ent.label_)
        if kind is None:
            continue
        start, end, gender = _trim(doc, ent.start, ent.end)
        end = next((t.i for t in doc[start:end] if t.text == "("), end)  # "Labour Organisation (ILO"
        start, end, _ = _trim(doc, start, end) if end < ent.end else (start, end, None)
        if start >= end:
            continue
        first = doc[start].text
        if kind == "person" and end - start == 1 and first.isupper() and len(first) > 3 and first.title() not in lex.first_names:
            continue  # "HORROR!" shouted in capitals is not a person
        if kind in ("work", "other", "place") and ent.label_ not in ("GPE", "LOC") and lex.first_names.get(first) in ("m", "f") \
                and end - start <= 3 and all(t.text[:1].isupper() for t in doc[start:end]):
            kind = "person"  # "Megyn Kelly" as WORK_OF_ART, "Jessica" as PRODUCT
        if kind == "person" and start > 0 and doc[start - 1].tag_ == "NNP" and doc[start - 1].text in lex.first_names \
                and (start - 1 == 0 or not doc[start - 2].is_title):
            start -= 1  # "Isabel Toledo" when spaCy tags only "Toledo"
        if kind == "person":  # headlines: "Kim Kardashian Gave Her Surrogate"
            cut = next((t.i for t in doc[start + 1 : end] if t.tag_.startswith("VB") or t.tag_ in _NOT_IN_NAMES), end)
            end = cut
        if kind != "person" and _person_context(doc, ent.start, start, end):
            kind = "person"  # "Mr Campbell" as ORG, "Paris Hilton, the daughter of ..." as ORG
        if kind == "person" and _organisation_context(doc, start, end):
            kind = "organisation"  # "UK firm Phytopharm", "Varig, Brazil's flagship airline"
            organisations.add(doc[start:end].text)
        if kind == "work" and not all(t.text[:1].isupper() or t.lower_ in _TITLE_SMALL_WORDS or not t.is_alpha
                                      for t in doc[start:end]):
            continue  # "It’s Garrett who": a sentence, not a title in Title Case
        if kind == "organisation":  # "KKW Beauty owner": spaCy stops at "KKW"
            while end < len(doc) and end - ent.end < 3 and doc[end].tag_ == "NNP" and doc[end].dep_ == "compound" \
                    and doc[end].text.rstrip(".") not in lex.honorifics:
                end += 1
        if start < end and doc[start].text[:1].isupper():
            names.append(_Name(start, end, kind, "ner", gender))
    for name in names:  # one "firm Varig" makes every "Varig" the firm
        if name.kind == "person" and doc[name.start : name.end].text in organisations:
            name.kind = "organisation"
    _majority_kinds(doc, names)

    found: list[_Name] = []  # names from lexicons and contexts override spaCy's
    text = doc.text
    # only tokens that can start something are looked at
    candidates = tokens_where(doc, "ORTH", _lexicon_hashes("orth_starters"))
    candidates += tokens_where(doc, "LOWER", _lexicon_hashes("lower_cues"))
    for i in sorted(set(candidates)):
        token = doc[i]
        for name, _kind in lex.organisations.get(token.text, ()):
            span = doc.char_span(token.idx, token.idx + len(name))
            if span is not None and text.startswith(name, token.idx):
                found.append(_Name(span.start, span.end, "organisation", "lexicon"))
                break
        if token.text in _QUOTE_MARKS and (token.i == 0 or not doc[token.i - 1].is_alpha or doc[token.i - 1].whitespace_):
            title = _quoted_title(doc, token.i, sent_end[token.i])
            if title:
                found.append(_Name(title[0], title[1], "work", "title"))
        lower = token.lower_
        if lower in lex.works and not token.text[:1].isupper() and doc[token.i - 1].lower_ in _WORK_DETERMINERS:
            end = _title_run(doc, token.i + 1, sent_end[token.i])
            if end > token.i + 1 and not any(n.start <= token.i + 1 < n.end for n in names):
                found.append(_Name(token.i + 1, end, "work", "title"))
        relation = kinship(token)
        if relation is not None and relation[0] in ("child", "sibling", "spouse", "partner", "grandchild", "parent"):
            listed = listed_names(doc, token.i, sent_end[token.i])
            for start, end in listed if relation[2] == "pl" else listed[:1]:
                found.append(_Name(start, end, "person", "context"))
    _add_age_lists(doc, names, found, sent_end)

    kept = [n for n in names if not any(_overlaps(n, f) for f in found)]
    for new in found:
        if not any(_overlaps(new, old) for old in kept):
            kept.append(new)
    kept.sort(key=lambda n: n.start)
    merged: list[_Name] = []
    for name in kept:  # "Jessica" + "Simpson" tagged apart: one name
        last = merged[-1] if merged else None
        if last and name.kind == "person" and last.end == name.start and doc[last.end - 1].whitespace_ and (
            last.kind == "person" or lex.first_names.get(doc[last.start].text) in ("m", "f")
        ):  # "Margot" (GPE) + "Robbie" (PERSON)
            last.end, last.kind = name.end, "person"
            continue
        merged.append(name)
    for name in merged:
        name.words = _name_words(doc, name.start, name.end)
    return [n for n in merged if n.words]


def _majority_kinds(doc: Doc, names: list[_Name]) -> None:
    """A one-word name that spaCy calls a person once and an organisation twice ("Labour")
    takes the majority label, unless it is a known given name."""
    votes: dict[str, Counter] = {}
    for name in names:
        if name.end - name.start == 1:
            votes.setdefault(doc[name.start].text, Counter())[name.kind] += 1
    first_names = _lex().first_names
    for name in names:
        if name.kind != "person" or name.end - name.start != 1 or doc[name.start].text in first_names:
            continue
        ranked = votes[doc[name.start].text].most_common()
        if ranked[0][0] != "person" and ranked[0][1] > votes[doc[name.start].text]["person"]:
            name.kind = ranked[0][0]


def _person_context(doc: Doc, ent_start: int, start: int, end: int) -> bool:
    """A title before the name ("Mr Campbell"), a one-word known given name ("Kanye"), a person
    role before it ("rapper X") or a kinship or person role in apposition ("X, the daughter of")."""
    lex = _lex()
    if ent_start < start or (start > 0 and doc[start - 1].text.rstrip(".") in lex.honorifics):
        if any(doc[t].text.rstrip(".") in lex.honorifics for t in range(max(0, ent_start - 1), start)):
            return True
    if end - start == 1 and lex.first_names.get(doc[start].text) in ("m", "f") and doc[start].text not in lex.organisations:
        return True
    if start > 0 and lex.roles.get(doc[start - 1].lower_, ("",))[0] == "person" and doc[start - 1].is_lower:
        return True
    root = doc[start:end].root
    return any(
        c.dep_ == "appos" and (c.lower_ in lex.kinship or lex.roles.get(c.lower_, ("",))[0] == "person")
        for c in root.children
    )


def _organisation_context(doc: Doc, start: int, end: int) -> bool:
    """An organisation noun right before the name or in apposition after it."""
    roles = _lex().roles
    if start > 0 and roles.get(doc[start - 1].text, ("",))[0] == "organisation":
        return True
    root = doc[start:end].root
    return any(c.dep_ == "appos" and roles.get(c.text, ("",))[0] == "organisation" for c in root.children)


def _add_age_lists(doc: Doc, names: list[_Name], found: list[_Name], sent_end: list[int]) -> None:
    """Names followed by ", <age>," are people when a sentence lists two or more of them
    ("North, seven, Saint, four"); one alone may be a score or an address."""
    by_sentence: dict[int, list[_Name]] = {}
    first_names = _lex().first_names
    for name in names:
        if name.kind != "person" and age_after(doc, name.end) is not None:
            if first_names.get(doc[name.start].text) in ("m", "f", "u"):
                found.append(_Name(name.start, name.end, "person", "context"))  # "Charlotte, now 2"
            else:
                by_sentence.setdefault(sent_end[name.start], []).append(name)
    for group in by_sentence.values():
        if len(group) >= 2:
            found.extend(_Name(n.start, n.end, "person", "context") for n in group)


# --------------------------------------------------------------------------------------
# 3. names -> clusters


@dataclass
class _Cluster:
    kind: str
    names: list[_Name] = field(default_factory=list)
    gender_votes: Counter = field(default_factory=Counter)
    entity: Entity | None = None
    _words: tuple[str, ...] = ()
    _words_for: int = -1

    @property
    def words(self) -> tuple[str, ...]:
        """The longest name's words; cached until a name is added."""
        if self._words_for != len(self.names):
            self._words, self._words_for = max((n.words for n in self.names), key=len), len(self.names)
        return self._words

    def first_mention(self) -> int:
        return min(n.start for n in self.names)


def _quoted_nickname(doc: Doc, name: _Name) -> bool:
    """ "dubbing her "Kris Jong Un"": a person name alone in quotes is a nickname, not a person."""
    return (
        name.start > 0
        and name.end < len(doc)
        and doc[name.start - 1].text in _QUOTE_MARKS
        and doc[name.end].text in _QUOTE_MARKS
    )


def _cluster_people(doc: Doc, names: list[_Name]) -> list[_Cluster]:
    people = [n for n in names if n.kind == "person" and not _quoted_nickname(doc, n)]
    clusters: list[_Cluster] = []
    # Full names first, so that "Kim" finds "Kim Kardashian" even when it comes first.
    for name in sorted((n for n in people if len(n.words) > 1), key=lambda n: (-len(n.words), n.start)):
        match = next((c for c in clusters if _same_person(name.words, c.words)), None)
        if match is None:
            match = _Cluster("person")
            clusters.append(match)
        match.names.append(name)
    singles = [n for n in people if len(n.words) == 1]
    for name in singles:
        word = name.words[0]
        match = _closest(_clusters_with_word(clusters, word), name.start) or _short_form(clusters, word) or _closest(
            [c for c in clusters if len(c.words) > 2 and word in c.words[1:-1]], name.start
        )  # "Lula" in "Luiz Inacio Lula da Silva"
        if match is None:
            match = _Cluster("person")
            clusters.append(match)
        match.names.append(name)
    # Other labels whose text is a person's name ("West" as LOC, "Kanye West" as FAC).
    for name in names:
        if name.kind == "person" or name.source != "ner":
            continue
        if len(name.words) == 1 and name.kind == "place" and name.start > 0 and doc[name.start - 1].lower_ in _LOCATIVE:
            continue
        candidates = [c for c in clusters if c.words == name.words] or (
            _clusters_with_word(clusters, name.words[0]) if len(name.words) == 1 else []
        )
        match = _closest(candidates, name.start)
        if match is not None:
            name.kind = "person"
            match.names.append(name)
    _add_untagged_names(doc, names, clusters)
    return clusters


def _add_untagged_names(doc: Doc, names: list[_Name], clusters: list[_Cluster]) -> None:
    """Proper nouns that spaCy left out or tagged DATE ("Morrow and Vance married") but
    that are a known person's first name or surname."""
    covered = {t for n in names for t in range(n.start, n.end)}
    by_word: dict[str, list[_Cluster]] = {}
    for cluster in clusters:
        words = cluster.words
        for word in set(words if len(words) > 2 else (words[0], words[-1])):
            by_word.setdefault(word, []).append(cluster)
    if not by_word:
        return
    skip_to = 0
    for i in tokens_where(doc, "ORTH", hashes(by_word)):
        token = doc[i]
        # spaCy tags a surname that ends in -s as a plural noun ("Soules", NNS)
        found = by_word.get(token.text) if token.tag_.startswith("NN") and i not in covered and i >= skip_to else None
        if not found or (i > 0 and doc[i - 1].lower_ in ("the", "a", "an")):
            continue
        match = _closest(found, i)
        end = i + 1
        while end < len(doc) and end not in covered and doc[end].text in match.words and doc[end].tag_.startswith("NN"):
            end += 1
        name = _Name(i, end, "person", "context", words=_name_words(doc, i, end))
        match.names.append(name)
        names.append(name)
        skip_to = end


def _short_form(clusters: list[_Cluster], word: str) -> _Cluster | None:
    """ "Jess" for "Jessica Simpson", "Nic" for "Nicole Kidman": a word that begins exactly
    one full name's first name (three letters at least, so "Al" finds nobody)."""
    if len(word) < 3:
        return None
    found = [c for c in clusters if len(c.words) > 1 and c.words[0] != word and c.words[0].startswith(word)]
    return found[0] if len(found) == 1 else None


def _same_person(words: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """ "Kim Kardashian" ~ "Kim Kardashian West" (in-order subset) ~ "Kim K. West" (first and last)."""
    if words[0] == other[0] and words[-1] == other[-1]:
        return True
    it = iter(other)
    return all(word in it for word in words)


def _clusters_with_word(clusters: list[_Cluster], word: str) -> list[_Cluster]:
    found = []
    for cluster in clusters:
        words = cluster.words
        if word == words[0] or word == words[-1]:
            found.append(cluster)
    return found


def _closest(clusters: list[_Cluster], position: int) -> _Cluster | None:
    """The cluster whose mention lies nearest before `position` (else nearest after)."""
    if len(clusters) <= 1:
        return clusters[0] if clusters else None

    def distance(cluster: _Cluster) -> tuple[int, int]:
        before = [position - n.start for n in cluster.names if n.start <= position]
        if before:
            return 0, min(before)
        return 1, min(n.start - position for n in cluster.names)

    return min(clusters, key=distance)


def _org_key(words: tuple[str, ...]) -> str:
    return re.sub(r"[^0-9a-z]", "", "".join(words).lower())


def _cluster_others(doc: Doc, names: list[_Name]) -> list[_Cluster]:
    """Organisations, places, works: same normalised text, or an acronym of a longer name
    ("Securities Exchange Commission (SEC)")."""
    clusters: dict[str, _Cluster] = {}
    order: list[_Cluster] = []
    for name in names:
        if name.kind == "person":
            continue
        key = _org_key(name.words)
        cluster = clusters.get(key)
        if cluster is None:
            cluster = _Cluster(name.kind)
            clusters[key] = cluster
            order.append(cluster)
        cluster.names.append(name)
    initials: dict[str, _Cluster] = {}
    for cluster in order:
        words = [w for w in cluster.words if w[:1].isupper()]
        if len(words) >= 2:
            initials.setdefault("".join(w[0] for w in words).lower(), cluster)
    merged: list[_Cluster] = []
    for cluster in order:
        words = cluster.words
        target = initials.get(words[0].lower()) if len(words) == 1 and words[0].isupper() else None
        if target is not None and target is not cluster:
            target.names.extend(cluster.names)
        else:
            merged.append(cluster)
    for cluster in merged:
        cluster.kind = Counter(n.kind for n in cluster.names if n.source != "ner").most_common(1)[0][0] if any(
            n.source != "ner" for n in cluster.names
        ) else Counter(n.kind for n in cluster.names).most_common(1)[0][0]
    return merged


# --------------------------------------------------------------------------------------
# 4. gender


def _vote_genders(doc: Doc, clusters: list[_Cluster], name_at: dict[int, _Cluster]) -> dict[int, str | None]:
    """Gender per person cluster (by id()): text cues count twice, the name list once."""
    lex = _lex()
    for cluster in clusters:
        for name in cluster.names:
            if name.gender in ("m", "f"):
                cluster.gender_votes[name.gender] += 2
            # "X and her husband": the possessive right after "X and" is X's.
            j = name.end
            if j + 1 < len(doc) and doc[j].lower_ == "and":
                found = pronoun(doc[j + 1])
                if found and found[2] == "poss" and found[0] in ("m", "f"):
                    cluster.gender_votes[found[0]] += 2
            # "actress Jane Doe", "her husband Kanye West", "Jane Doe, the actress"
            before = doc[name.start - 1] if name.start > 0 else None
            for cue in (before, doc[j + 2] if j + 2 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ == "the" else None):
                if cue is None:
                    continue
                gender = (lex.kinship.get(cue.lower_) or ("", "-"))[1]
                if gender == "-":
                    gender = lex.roles.get(cue.lower_, ("", "-"))[1]
                if gender in ("m", "f"):
                    cluster.gender_votes[gender] += 2
    for i in tokens_where(doc, "LOWER", _lexicon_hashes("pronouns")):
        token = doc[i]
        found = pronoun(token)
        if found is None or found[0] not in ("m", "f"):
            continue
        subject = None
        if found[2] == "refl":  # "Kim ... by herself": the clause's subject
            subject = _clause_subject(token)
        elif found[2] == "subj" and token.dep_ in _SUBJECT_DEPS and token.head.dep_ == "ccomp":
            subject = _clause_subject(token.head.head)  # "Kim said she ..."
        cluster = name_at.get(subject.i) if subject is not None else None
        if cluster is not None:
            cluster.gender_votes[found[0]] += 2 if found[2] == "refl" else 1
    genders = {}
    for cluster in clusters:
        first = cluster.words[0]
        listed = lex.first_names.get(first)
        if listed in ("m", "f"):
            cluster.gender_votes[listed] += 1
        ranked = cluster.gender_votes.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            genders[id(cluster)] = ranked[0][0]
        else:
            genders[id(cluster)] = None
    return genders


def _clause_subject(token: Token) -> Token | None:
    """The subject of the clause that contains `token` (through xcomp and conj chains)."""
    head = token
    for _ in range(8):  # clauses rarely nest deeper; bounds the walk on odd parses
        subjects = [c for c in head.children if c.dep_ in _SUBJECT_DEPS]
        if subjects and head.i != token.i:
            return subjects[0]
        if head.head.i == head.i:
            return None
        head = head.head
    return None


# --------------------------------------------------------------------------------------
# 5. the resolution pass


@dataclass
class _Seen:
    """The latest mention of an entity, for salience."""

    token: int
    sentence: int
    role: int  # 2 subject, 1 object, 0 other
    main: bool


@dataclass
class _State:
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
    return verb.lemma_.lower() in _lex().report_verbs and any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children)


def _role_of(token: Token) -> int:
    if token.dep_ in _SUBJECT_DEPS:
        return 1 if _postposed_report(token.head) else 2
    if token.dep_ == "conj" and token.head.dep_ in _SUBJECT_DEPS:
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


def _dominates(ancestor: Token, token: Token) -> bool:
    head = token
    for _ in range(20):  # bounded: parses are shallow
        if head.i == ancestor.i:
            return True
        if head.head.i == head.i:
            return False
        head = head.head
    return False


def _head_of(doc: Doc, start: int, end: int) -> Token:
    """The token of a span whose head lies outside it (spaCy's `Span.root`)."""
    return doc[start:end].root


def _unnamed(eid: str) -> bool:
    """Ids of unnamed people ("a source", "a woman"), who take part in salience only."""
    return eid.startswith("~")


def _note(state: _State, eid: str, start: int, end: int, mention_type: str) -> None:
    """Record a mention: token map, entity mention and salience."""
    ctx, doc = state.ctx, state.ctx.doc
    if _unnamed(eid):
        _see(state, eid, _head_of(doc, start, end))
        return
    for i in range(start, end):
        ctx.token_entity.setdefault(i, eid)
    start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    # ctx.text, not doc.text: spaCy rebuilds doc.text on every access
    mention = Mention(start=start_char, end=end_char, text=ctx.text[start_char:end_char], type=mention_type)
    state.entities[eid].mentions.append(mention)
    listed = mention_type != "pronoun" and age_after(doc, end) is not None and start > 0 and doc[start - 1].text in _LIST_MARKS
    _see(state, eid, _head_of(doc, start, end), listed)


def _see(state: _State, eid: str, head: Token, listed: bool = False) -> None:
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


def _candidates(state: _State, i: int, kind: str | tuple[str, ...], window: int) -> list[tuple[str, _Seen]]:
    sentence = state.sentence_of[i]
    kinds = (kind,) if isinstance(kind, str) else kind
    return [
        (eid, seen)
        for eid, seen in state.seen.items()
        if state.kinds[eid] in kinds and seen.token < i and sentence - seen.sentence <= window
    ]


def _salience(state: _State, i: int, eid: str, seen: _Seen) -> float:
    distance = state.sentence_of[i] - seen.sentence
    score = _BASE - _PER_SENTENCE * distance
    score += _SUBJECT if seen.role == 2 else _OBJECT if seen.role == 1 else 0
    score += _MAIN_CLAUSE if seen.main else 0
    # later mentions win ties; the fraction never outweighs a whole point
    return score + seen.token / 1_000_000


def _resolve_pronoun(state: _State, token: Token, gender: str, form: str) -> str | None:
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
        subjects = [c for v in governors for c in v.children if c.dep_ in _SUBJECT_DEPS]
        excluded |= {state.ctx.token_entity.get(c.i) for c in subjects}
        excluded |= {m for c in subjects for m in state.groups.get(c.i, ())}  # "they slammed her"
    elif form == "subj" and token.dep_ in _SUBJECT_DEPS:
        # "he admired Mr Blair's leadership": he is not Blair (binding principle C); spaCy's
        # trees are projective, so the verb's subtree is the run up to its right edge
        last = min(token.head.right_edge.i + 1, token.i + _MAX_CLAUSE_TOKENS)
        excluded |= {state.names_ahead.get(t) for t in range(token.i + 1, last)}
    best, best_score = None, float("-inf")
    reflexive_subject = _clause_subject(token) if form == "refl" else None
    for eid, seen in _candidates(state, token.i, "person", _WINDOW_SENTENCES):
        known = state.genders.get(eid)
        if (known is not None and known != gender) or eid in excluded:
            continue
        if known is None and _unnamed(eid):
            continue  # "an insider said he ...": he is rarely the unnamed source
        score = _salience(state, token.i, eid, seen) + (_GENDER_KNOWN if known == gender else 0)
        if reflexive_subject is not None and state.ctx.token_entity.get(reflexive_subject.i) == eid:
            score += 100  # a reflexive takes its own clause's subject
        if score > best_score:
            best, best_score = eid, score
    return best


def _cataphor(state: _State, token: Token, gender: str) -> str | None:
    """ "During his Twitter tirade, Kanye claimed": a pronoun in a fronted phrase before the
    main subject refers forward to that subject when the gender fits."""
    root = token.sent.root
    if token.i >= root.i or token.dep_ in _SUBJECT_DEPS:
        return None
    subjects = [c for c in root.children if c.dep_ in _SUBJECT_DEPS and c.i > token.i]
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


def _resolve_org_pronoun(state: _State, token: Token, form: str) -> str | None:
    """ "its" and "it said" go to the last organisation or place (a country: "Libya had cut its
    ties") in this or the previous sentence; other "it" are too often expletive ("it is
    thought") to resolve."""
    head = token.head
    reported = head.dep_ == "ccomp" and any(
        c.dep_ == "nsubj" and state.kinds.get(state.ctx.token_entity.get(c.i, "")) == "organisation" for c in head.head.children
    )  # "The firm said it would expand"
    if form == "subj" and not (token.dep_ == "nsubj" and (head.lemma_.lower() in _lex().it_verbs or reported)):
        return None
    if form not in ("poss", "subj"):
        return None
    verb = token.head if token.dep_ != "pobj" else token.head.head
    bound = {state.ctx.token_entity.get(c.i) for c in verb.children if c.dep_ in _SUBJECT_DEPS} if form == "obj" else set()
    found = [
        (eid, seen) for eid, seen in _candidates(state, token.i, ("organisation", "place", "work", "other"), 1)
        # places, works and products when they were the subject: "Libya had cut its ties",
        # "The PlayStation 2 sold 50,000 in its first week"
        if (state.kinds[eid] == "organisation" or seen.role == 2) and eid not in bound
    ]
    if not found:
        return None
    # organisations first: "Reuters reported from London that it ..." is Reuters
    return max(found, key=lambda pair: (state.kinds[pair[0]] == "organisation") * _OBJECT + _salience(state, token.i, *pair))[0]


def _resolve_plural(state: _State, token: Token) -> None:
    """ "they"/"their": to an organisation subject ("Chelsea said they ..."), or to the
    latest group of people, recorded in `state.groups` for the relations stage."""
    sentence = state.sentence_of[token.i]
    subject = _clause_subject(token) if token.dep_ not in _SUBJECT_DEPS else None
    if subject is not None and subject.tag_ in ("NN", "NNS", "NNPS") and subject.i not in state.ctx.token_entity:
        return  # "celebs have voiced their concern": their is the celebs' (spaCy may tag them NN)
    group = state.last_group
    couple = _couple_in_sentence(state, token.i)
    if couple is not None:
        state.groups[token.i] = couple
        return
    verb = token.head if token.dep_ != "pobj" else token.head.head
    bound = {state.ctx.token_entity.get(c.i) for c in verb.children if c.dep_ in _SUBJECT_DEPS} \
        if token.lower_ in ("them", "themselves") else set()  # "Microsoft outsold them": not Microsoft
    orgs = [(eid, seen) for eid, seen in _candidates(state, token.i, "organisation", 1) if seen.role == 2 and eid not in bound]
    newest_org = max(orgs, key=lambda pair: pair[1].token) if orgs else None
    group_token = group[0] if group and sentence - state.sentence_of[group[0]] <= 2 else -1
    if newest_org and newest_org[1].token > max(group_token, state.last_plural_noun):
        state.ctx.token_entity[token.i] = newest_org[0]
        _note(state, newest_org[0], token.i, token.i + 1, "pronoun")
    elif group_token > state.last_plural_noun:
        state.groups[token.i] = group[1]


def _couple_in_sentence(state: _State, i: int) -> tuple[str, ...] | None:
    """Both partners of a known couple mentioned earlier in this sentence ("Kanye lives at the
    ranch while Kim visits with their children")."""
    sentence = state.sentence_of[i]
    here = {eid for eid, seen in state.seen.items() if seen.sentence == sentence and seen.token < i}
    for (a, relation), b in state.kin_links.items():
        if relation in ("spouse", "partner") and a in here and b in here and a < b:
            return a, b
    return None


def _resolve_group_noun(state: _State, token: Token) -> None:
    """ "the couple"/"the pair": a known couple mentioned lately, else the latest group."""
    size = _lex().groups[token.lower_]
    sentence = state.sentence_of[token.i]
    if size == 2:
        for (a, relation), b in state.kin_links.items():
            if relation in ("spouse", "partner", "former_partner") and a < b:
                seen = [state.seen.get(a), state.seen.get(b)]
                if any(s and sentence - s.sentence <= _WINDOW_SENTENCES for s in seen):
                    state.groups[token.i] = (a, b)
                    state.last_group = (token.i, (a, b))
                    return
    group = state.last_group
    if group and len(group[1]) == size and sentence - state.sentence_of[group[0]] <= _WINDOW_SENTENCES:
        state.groups[token.i] = group[1]
        state.last_group = (token.i, group[1])


@dataclass
class _Descriptor:
    start: int
    end: int  # exclusive; the head noun is end - 1
    kind: str  # person | organisation
    gender: str
    role: str  # "KKW Beauty owner", "rapper"
    age: tuple[int, int, int] | None


def _descriptor_at(doc: Doc, i: int, work_tokens: set[int], name_tokens: set[int]) -> _Descriptor | None:
    """A definite descriptor whose head role noun is token i: "The KKW Beauty owner",
    "the 'Wash Us In The Blood' rapper", "the 54-year-old actor", "the firm"."""
    lex = _lex()
    token = doc[i]
    found = lex.roles.get(token.lower_)
    if found is None or found[0] == "modifier" or token.tag_ not in ("NN", "JJ") or token.text[:1].isupper() and token.lower_ != token.text.lower():
        return None
    if token.text[:1].isupper() or token.is_sent_start:
        return None  # "President Bush": a title; "Source: Getty": a caption
    if i + 1 < len(doc):
        after = doc[i + 1]
        if after.tag_ in ("NN", "NNS") or (after.tag_ in ("NNP", "NNPS") and after.i not in work_tokens):
            return None  # "the rapper Meek Mill" is a name with a role; "the star player" has another head
        if after.text == "-" and not token.whitespace_:
            return None  # "the president-elect's outfit": the head is the compound
        if after.lower_ in ("who", "that", "whom", "whose") or (after.lower_ == "of" and found[0] == "person"
                                                                 and token.lower_ in lex.generic):
            return None  # "the man who pioneered the mullet" describes; it does not refer back
    j = i - 1
    lowest = max(0, i - _MAX_DESCRIPTOR_TOKENS)
    while j >= lowest:
        left = doc[j]
        if left.lower_ == "as" and j == i - 2:
            return None  # "mocked Bono as the man": predicative
        if left.text in _QUOTE_MARKS or j in work_tokens:
            j -= 1
            continue
        if left.lower_ in ("the", "this", "that"):
            break
        if doc[j + 1].is_sent_start or (left.is_punct and left.text not in ("-", "–")):
            return None  # a descriptor does not cross a sentence or a clause break
        if left.lower_ in ("a", "an") or left.tag_ in ("PRP$", "POS", "VB", "VBD", "VBZ", "VBP", "IN", "CC", "WDT", "WP"):
            return None
        if left.is_sent_start and left.lower_ not in ("the", "this", "that"):
            return None
        j -= 1
    else:
        return None
    k = i - 1
    while k > j and (doc[k].tag_ in ("NNP", "NN", "NNPS") or doc[k].lower_ in lex.roles or doc[k].text == "-") \
            and k not in work_tokens:
        k -= 1
    while doc[k + 1].text == "-":
        k += 1
    role_words = [doc[k + 1 : i + 1].text]
    if found[0] == "organisation" and j != i - 1:
        return None  # "the central bank" names a new organisation; "the firm" refers back
    role = "" if token.lower_ in lex.generic else " ".join(role_words)
    return _Descriptor(j, i + 1, found[0], found[1], role, age_after(doc, i + 1) or age_before(doc, i, j + 1))


def _resolve_descriptor(state: _State, desc: _Descriptor, name_at: dict[int, str]) -> str | None:
    doc = state.ctx.doc
    # 1. apposition: "Kim Kardashian, the KKW Beauty owner," / "the rapper, Kanye West,"
    if desc.start >= 2 and doc[desc.start - 1].text == ",":
        eid = state.ctx.token_entity.get(desc.start - 2)
        if eid and state.kinds.get(eid) == desc.kind:
            return eid
    after = desc.end + 1
    if after < len(doc) and doc[desc.end].text == "," and name_at.get(after) and state.kinds.get(name_at[after]) == desc.kind:
        return name_at[after]
    if desc.kind == "organisation":  # "the airline" prefers the organisation called an airline
        noun = doc[desc.end - 1].lower_
        found = [
            (eid, seen) for eid, seen in _candidates(state, desc.start, "organisation", _ROLE_WINDOW_SENTENCES)
            if state.sentence_of[desc.start] - seen.sentence <= _WINDOW_SENTENCES or noun in state.roles.get(eid, ())
        ]
        return max(found, key=lambda pair: _salience(state, desc.start, *pair)
                   + (_ROLE_MATCH if noun in state.roles.get(pair[0], ()) else 0))[0] if found else None
    # 2. salience, with binding, gender, age and role checks
    sentence = state.sentence_of[desc.start]
    head = doc[desc.end - 1]
    taken = state.descriptor_refs.get(sentence, set())
    role_noun = head.lower_
    introduced = state.indefinites.get(role_noun)
    if introduced is not None and sentence - introduced[0] <= _ROLE_WINDOW_SENTENCES:
        return introduced[1]  # "a spokesperson for Morrow ... the spokesperson said": not Morrow
    if role_noun in _lex().unnamed:
        return None  # "the insider told the news outlet": an anonymous source, whoever was named
    best, best_score = None, float("-inf")
    for eid, seen in _candidates(state, desc.start, "person", _ROLE_WINDOW_SENTENCES):
        gender = state.genders.get(eid)
        has_role = role_noun in state.roles.get(eid, set())
        distance = sentence - seen.sentence
        if distance > _WINDOW_SENTENCES and not has_role:
            continue
        if desc.gender in ("m", "f") and gender not in (None, desc.gender):
            continue
        if eid in taken:
            continue  # two different descriptors in one sentence name two people
        if desc.age and eid in state.ages and state.ages[eid] != desc.age[0]:
            continue
        if distance == 0:
            mention = doc[seen.token]
            if mention.dep_ in _SUBJECT_DEPS and _dominates(mention.head, head):
                continue  # "Kim said the reality star ...": not Kim (binding principle C)
        score = _salience(state, desc.start, eid, seen)
        score += _ROLE_MATCH if has_role else 0
        score += _AGE_MATCH if desc.age and state.ages.get(eid) == desc.age[0] else 0
        score += _SAME_SENTENCE_NAME if distance == 0 else 0
        score += _GENDER_KNOWN if desc.gender in ("m", "f") and gender == desc.gender else 0
        if score > best_score:
            best, best_score = eid, score
    return best if best_score >= _MIN_DESCRIPTOR_SCORE else None


def _kin_phrase(state: _State, token: Token, name_at: dict[int, str]) -> None:
    """ "her husband Kanye West" / "his wife" / "Kim's mother": link possessor and referent."""
    found = kinship(token)
    if found is None or found[2] != "sg":
        return
    relation, gender, _ = found
    doc = state.ctx.doc
    if token.i + 1 < len(doc) and doc[token.i + 1].tag_ in ("NN", "NNS"):
        return  # "her baby daddy": the head is "daddy"
    start = token.i
    while start > 0 and (doc[start - 1].lower_ in _lex().kin_prefixes or doc[start - 1].text == "-"):
        start -= 1
    if start < token.i and doc[start].lower_ in _lex().kin_prefixes:
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
    _note(state, referent, start, token.i + 1, "descriptor")
    if gender in ("m", "f") and state.genders.get(referent) is None:
        state.genders[referent] = gender
    if possessor is not None:
        state.kin_links.setdefault((possessor, relation), referent)
        inverse = {"parent": "child", "child": "parent", "grandparent": "grandchild", "grandchild": "grandparent"}
        state.kin_links.setdefault((referent, inverse.get(relation, relation)), possessor)


def _possessor(state: _State, i: int) -> str | None:
    """Who owns the kinship noun starting at token i: "her" / "Kim's" / "Kim and her"."""
    doc = state.ctx.doc
    j = i - 1
    while j >= 0 and doc[j].pos_ in ("ADJ", "NUM") and j > i - 3:  # "her late husband", "her two sons"
        j -= 1
    if j < 0:
        return None
    if doc[j].tag_ == "PRP$" or doc[j].text in _POSSESSIVE:
        k = j - 1 if doc[j].text in _POSSESSIVE else j
        return state.ctx.token_entity.get(k) if k >= 0 else None
    return None


def _resolve(ctx: Context, clusters: list[_Cluster], genders: dict[int, str | None]) -> None:
    """Step 5-6: one left-to-right pass over the tokens."""
    doc = ctx.doc
    lex = _lex()
    sentence_of = _sentences(doc)[0]
    state = _State(ctx, sentence_of, kinds={}, genders={}, entities={e.id: e for e in ctx.entities})
    name_at: dict[int, str] = {}  # first token of a name mention -> entity id
    names_by_start: dict[int, tuple[_Name, str]] = {}
    all_name_tokens: set[int] = set()
    work_tokens: set[int] = set()
    for cluster in clusters:
        eid = cluster.entity.id
        state.kinds[eid] = cluster.kind
        state.genders[eid] = genders.get(id(cluster))
        for name in cluster.names:
            names_by_start[name.start] = (name, eid)
            for t in range(name.start, name.end):
                name_at[t] = eid
                all_name_tokens.add(t)
                if cluster.kind == "work":
                    work_tokens.add(t)
    state.names_ahead = name_at
    state.quote_speaker = _quote_speakers(doc, {t: e for t, e in name_at.items() if state.kinds[e] == "person"})
    published = ctx.published.isoformat() if ctx.published else None
    taken = work_tokens | all_name_tokens
    # the tokens worth a look, in text order: names, cue words, plural subjects ("officials
    # said they" must not go to the last organisation)
    cues = tokens_where(doc, "LOWER", _lexicon_hashes("resolve"))
    subject_deps = _lexicon_hashes("subject_deps")
    deps = _arrays(doc)["DEP"]
    plural_subjects = {i for i in tokens_where(doc, "TAG", _lexicon_hashes("plural_tags")) if deps[i] in subject_deps}
    visit = sorted(set(cues) | plural_subjects | names_by_start.keys())
    skip_to = 0
    for i in visit:
        if i < skip_to:
            continue
        token = doc[i]
        lower = token.lower_
        if i in names_by_start:
            name, eid = names_by_start[i]
            entity = state.entities[eid]
            _note(state, eid, name.start, name.end, "name" if doc[name.start : name.end].text == entity.name else "alias")
            _name_attributes(state, entity, name, published)
            _track_group(state, doc[name.start : name.end].root, eid)
            skip_to = name.end
            continue
        if i in all_name_tokens:
            continue
        found = pronoun(token)
        if found is not None:
            gender, number, form = found
            if number == "sg":
                eid = _resolve_pronoun(state, token, gender, form)
                if eid is not None:
                    _note(state, eid, i, i + 1, "pronoun")
                    if state.genders.get(eid) is None and gender in ("m", "f"):
                        state.genders[eid] = gender  # "Kris Jenner ... her": later pronouns agree
            else:
                _resolve_plural(state, token)
            continue
        if lower in lex.groups and i > 0 and doc[i - 1].lower_ in ("the", "both"):
            _resolve_group_noun(state, token)
        elif lower in lex.kinship:
            _kin_phrase(state, token, name_at)
            if token.i in ctx.token_entity:
                _track_group(state, token, ctx.token_entity[token.i])
        elif lower in lex.roles:
            if lex.roles[lower][0] == "person" and _indefinite(doc, i):
                pseudo = f"~{i}"
                state.kinds[pseudo] = "person"
                state.genders[pseudo] = lex.roles[lower][1] if lex.roles[lower][1] != "-" else None
                state.indefinites[lower] = (sentence_of[i], pseudo)
                _see(state, pseudo, token)
            desc = _descriptor_at(doc, i, work_tokens, all_name_tokens)
            if desc is not None:
                eid = _resolve_descriptor(state, desc, name_at)
                if eid is not None:
                    _add_descriptor(state, eid, desc, taken, published)
            elif i + 1 in name_at and lex.roles[lower][0] == state.kinds[name_at[i + 1]] and lower not in lex.generic:
                role = _role_phrase(doc, i)  # "rapper Meek Mill", "UK firm Phytopharm"
                _add_role(state, name_at[i + 1], role, i + 1)
        elif lower == "old":
            desc = _age_descriptor(doc, i)
            if desc is not None:
                eid = _resolve_descriptor(state, desc, name_at)
                if eid is not None:
                    _add_descriptor(state, eid, desc, taken, published)
        if i in plural_subjects and i not in ctx.token_entity:
            state.last_plural_noun = i
    if state.groups:
        doc.user_data[GROUPS] = dict(state.groups)


def _age_descriptor(doc: Doc, i: int) -> _Descriptor | None:
    """ "the 29-year-old" with no noun after it (else the noun's descriptor covers it)."""
    age = age_before(doc, i + 1, max(0, i - 6))
    if age is None or age[1] == 0 or doc[age[1] - 1].lower_ != "the":
        return None
    if i + 1 < len(doc) and doc[i + 1].tag_ in ("NN", "NNS", "NNP", "NNPS", "JJ"):
        return None
    return _Descriptor(age[1] - 1, i + 1, "person", "-", "", age)


def _indefinite(doc: Doc, i: int) -> bool:
    """ "a spokesperson", "an insider", "a close friend": a role noun under "a"/"an" that no
    name follows or precedes in apposition."""
    det = next((c for c in doc[i].children if c.dep_ == "det"), None)
    if det is None or det.lower_ not in ("a", "an", "another"):
        return False
    if doc[i].dep_ == "appos" or (i + 1 < len(doc) and doc[i + 1].tag_ == "NNP"):
        return False  # "Kim, a reality star," / "a rapper Meek Mill"
    return doc[i].dep_ not in ("attr",)  # "she is a singer" introduces nobody


def _quote_speakers(doc: Doc, name_at: dict[int, str]) -> dict[int, str]:
    """Tokens inside double quotes -> the person named right after or before the quote
    (`name_at` holds people only); a quote that continues another keeps its speaker.

    A light pass of its own: the quotes stage runs later and resolves far more. A straight
    quote opens when a word follows it without a space ('"I') and closes otherwise; an
    opening quote while one is open ends the first (news style leaves out the closing quote
    of a paragraph that the next paragraph's quote continues).
    """
    speakers: dict[int, str] = {}
    text = doc.text
    n = len(doc)
    opened: int | None = None
    inherited: str | None = None

    def speaker_of(start: int, end: int) -> str | None:
        # '..., " Mr Prescott said': a quote that ends with a full stop ends its sentence, and
        # a name after it starts the next one
        attributed = doc[end - 1].text in (",", "?", "!") or (end + 1 < n and doc[end + 1].text == ",")
        after = [name_at[t] for t in range(end + 1, min(n, end + 1 + _SPEAKER_WINDOW)) if t in name_at and attributed]
        before = [name_at[t] for t in range(max(0, start - _SPEAKER_WINDOW - 2), start) if t in name_at]
        colon = start > 0 and doc[start - 1].text == ":"
        # "Gatland told the Daily Mirror: "...": the first person before the colon speaks
        return after[0] if after else before[0] if before and colon else inherited

    for i in tokens_where(doc, "ORTH", _lexicon_hashes("double_quotes")):
        token = doc[i]
        if opened is not None and "\n" in text[doc[opened].idx : token.idx]:
            opened, inherited = None, None  # quotes do not run over paragraph breaks here
        spaced_before = i == 0 or bool(doc[i - 1].whitespace_)
        opening = token.text in ("“", "``") or (
            token.text == '"' and spaced_before and not token.whitespace_ and i + 1 < n and not doc[i + 1].is_punct
        )
        if opened is None:
            if opening or token.text == '"':
                opened = i
            continue
        speaker = speaker_of(opened, i)
        for t in range(opened + 1, i):
            if speaker is not None:
                speakers[t] = speaker
        inherited = speaker
        opened = i if opening else None
    return speakers


def _role_word(token: Token) -> bool:
    """A word of a role before its head: "Fiction Records", "Labour election", "Deputy Prime"."""
    return (
        token.tag_ in ("NNP", "NNPS", "NN")
        or (token.tag_ == "JJ" and token.text[:1].isupper())
        or token.lower_ in _lex().roles
        or token.text == "-"
    )


def _role_phrase(doc: Doc, i: int) -> str:
    """ "KKW Beauty owner Kim" -> "KKW Beauty owner"; "rapper Meek Mill" -> "rapper"."""
    k = i - 1
    while k >= 0 and k > i - 5 and _role_word(doc[k]) and not doc[k + 1].is_sent_start:
        k -= 1
    while doc[k + 1].text == "-":
        k += 1
    return doc[k + 1 : i + 1].text


def _add_role(state: _State, eid: str, role: str, end: int) -> None:
    """Record a role ending at token `end` ("KKW Beauty owner"); its span is the text itself."""
    entity = state.entities[eid]
    head = role.split()[-1].lower()
    state.roles.setdefault(eid, set()).add(head)
    if state.kinds.get(eid) != "person":
        return  # an organisation's type ("airline") only guides "the airline"
    if not any(a.name == "role" and str(a.value).lower() == role.lower() for a in entity.attributes):
        doc = state.ctx.doc
        end_char = doc[end - 1].idx + len(doc[end - 1])
        entity.attributes.append(Attribute(name="role", value=role, span=state.ctx.span(end_char - len(role), end_char)))


def _add_descriptor(state: _State, eid: str, desc: _Descriptor, taken: set[int], published: str | None) -> None:
    """Record "The KKW Beauty owner, 39" as a descriptor mention, a role and maybe an age."""
    ctx = state.ctx
    if _unnamed(eid):
        _see(state, eid, ctx.doc[desc.end - 1])
        return
    entity = state.entities[eid]
    for t in range(desc.start, desc.end):
        if t not in taken:
            ctx.token_entity.setdefault(t, eid)
    start_char, end_char = ctx.doc[desc.start].idx, ctx.doc[desc.end - 1].idx + len(ctx.doc[desc.end - 1])
    entity.mentions.append(Mention(start=start_char, end=end_char, text=ctx.text[start_char:end_char], type="descriptor"))
    _see(state, eid, ctx.doc[desc.end - 1])
    state.descriptor_refs.setdefault(state.sentence_of[desc.start], set()).add(eid)
    if desc.kind == "person":
        if desc.role:
            _add_role(state, eid, desc.role, desc.end)
        if desc.age:
            _add_age(state, eid, desc.age, published)


def _add_age(state: _State, eid: str, age: tuple[int, int, int], published: str | None) -> None:
    entity = state.entities[eid]
    state.ages.setdefault(eid, age[0])
    if not any(a.name == "age" and a.value == age[0] for a in entity.attributes):
        entity.attributes.append(Attribute(name="age", value=age[0], as_of=published, span=_char_span(state.ctx, age[1], age[2])))


def _name_attributes(state: _State, entity: Entity, name: _Name, published: str | None) -> None:
    doc = state.ctx.doc
    roles = _lex().roles
    for child in doc[name.start : name.end].root.children:  # "Varig, Brazil's flagship airline"
        if child.dep_ == "appos" and child.i >= name.end and roles.get(child.lower_, ("",))[0] == state.kinds[entity.id] \
                and child.lower_ not in _lex().generic and child.tag_ == "NN":
            _add_role(state, entity.id, _role_phrase(doc, child.i), child.i + 1)
    if state.kinds[entity.id] != "person":
        return
    age = age_after(doc, name.end) or age_before(doc, name.start, max(0, name.start - 6))
    if age is not None:
        _add_age(state, entity.id, age, published)
    # "President Bush": a title that is also a role noun
    if name.start > 0:
        title = doc[name.start - 1]
        if title.text[:1].isupper() and title.lower_ in _lex().roles and title.text.rstrip(".") in _lex().honorifics:
            _add_role(state, entity.id, title.text, name.start)


def _track_group(state: _State, head: Token, eid: str) -> None:
    """Coordinated people ("Kim Kardashian and Kanye West") form a group for "their"."""
    if state.kinds.get(eid) != "person" or _unnamed(eid):
        return
    if head.dep_ == "conj":
        first = head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        members = {state.ctx.token_entity.get(first.i)}
        members |= {state.ctx.token_entity.get(c.i) for c in first.conjuncts}
        members = {m for m in members if m and state.kinds.get(m) == "person" and not _unnamed(m)}
        if len(members) >= 2:
            state.last_group = (head.i, tuple(sorted(members, key=lambda e: int(e[1:]))))


def _char_span(ctx: Context, start: int, end: int):
    doc = ctx.doc
    return ctx.span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))


# --------------------------------------------------------------------------------------


def find_entities(ctx: Context) -> None:
    """Fill `ctx.entities` (with ages and roles) and `ctx.token_entity`."""
    doc = ctx.doc
    if not len(doc):
        return
    sent_end = _sentences(doc)[1]
    names = _collect_names(doc, sent_end)
    people = _cluster_people(doc, names)
    others = _cluster_others(doc, names)
    clusters = sorted(people + others, key=lambda c: c.first_mention())
    name_at: dict[int, _Cluster] = {}
    for cluster in clusters:
        fullest = max(cluster.names, key=lambda n: (len(n.words), n.end - n.start, -n.start))
        name = doc[fullest.start : fullest.end].text
        surfaces = []
        for n in sorted(cluster.names, key=lambda n: n.start):
            text = doc[n.start : n.end].text
            if text != name and text not in surfaces:
                surfaces.append(text)
        cluster.entity = Entity(id=ctx.new_id("e"), name=name, kind=cluster.kind, aliases=surfaces)
        ctx.entities.append(cluster.entity)
        for n in cluster.names:
            for t in range(n.start, n.end):
                name_at[t] = cluster
    genders = _vote_genders(doc, people, name_at)
    _resolve(ctx, clusters, genders)
    for entity in ctx.entities:
        entity.mentions.sort(key=lambda m: m.start)

"""Steps 1-2: the name spans of an article, non-overlapping, in text order.

    >>> doc = nlp("Kim Kardashian and her children North, seven, and Saint, four, tweeted on Twitter.")
    >>> [(doc[n.start:n.end].text, n.kind, n.source) for n in collect_names(doc, sentences(doc)[1])]
    [('Kim Kardashian', 'person', 'ner'), ('North', 'person', 'context'),
     ('Saint', 'person', 'context'), ('Twitter', 'organisation', 'lexicon')]

Sources: spaCy NER with its labels fixed (`kinds`), organisations from
`entity_organisations.txt`, titles of works (`works`) and names listed after kinship nouns.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from spacy.tokens import Doc, Token

from .. import lexicons
from ._lexicon import QUOTE_MARKS, kinship, lexicon
from ._scan import hashes, lexicon_hashes, tokens_where
from .ages import age_after
from .kinds import add_age_lists, listed_names, majority_kinds, organisation_context, person_context
from .names import Name, name_words, trim
from .works import quoted_title, title_run

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

# Words before "movie"/"song" that make the next Title Case words its title.
_WORK_DETERMINERS = frozenset({"the", "his", "her", "their", "its", "hit", "new", "latest", "upcoming"})
# Words that stay lower case inside a Title Case title ("Keeping Up with the Kardashians").
_TITLE_SMALL_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "and",
        "or",
        "but",
        "with",
        "by",
        "from",
        "up",
        "as",
        "vs",
        "de",
        "la",
        "le",
        "du",
        "von",
        "van",
    }
)
# Punctuation that never occurs inside a person's name ("Alfred Molina, Feud": a list).
_NAME_BREAKS = frozenset({",", ":", ";", "!", "?", "(", ")", "|", "/", "—", "–"})
# Tags that never occur inside a person's name (Title Case headlines fool spaCy).
_NOT_IN_NAMES = frozenset({"PRP", "PRP$", "MD", "WP", "WDT", "DT", "CC"})


def _titled_after(token: Token) -> bool:
    """ "The Jimmy Fallon Show", "Jill Zarin Rugs Collection": a person's name before a work or
    organisation noun names the show or the firm, not the person."""
    lex = lexicon()
    return token.lower_ in lex.works or lex.roles.get(token.lower_, ("",))[0] == "organisation"


@cache
def _headline_breaks() -> frozenset[str]:
    return lexicons.words("entity_name_breaks")


def _breaks_person_name(token: Token) -> bool:
    """A token that a person's name never runs across: a verb or pronoun (Title Case
    headlines), a lower-case preposition that is no name particle ("Nicole Kidman via
    Instagram"), a comma or colon ("Feud, Bonet"), or a paragraph break before it."""
    if token.tag_.startswith("VB") or token.tag_ in _NOT_IN_NAMES:
        return True
    if token.tag_ == "IN" and token.is_lower and token.lower_ not in _TITLE_SMALL_WORDS:
        return True
    if token.is_punct and token.text in _NAME_BREAKS:
        return True
    if token.lower_ in _headline_breaks():
        return True  # "Harvey Weinstein Out", "Kristen Stewart NOT"
    return "\n" in token.doc[token.i - 1].whitespace_ or token.is_space


def _occupation_before_name(doc: Doc, start: int, end: int) -> bool:
    """A capitalised occupation that opens a sentence before a name ("Comedian Billy Eichner",
    "Historian Hugo Vickers"): a role, not part of the name. Titles ("President Bush",
    "Prince Harry") are honorifics, which the name keeps."""
    lex = lexicon()
    first = doc[start]
    return (
        end - start > 1
        and first.text[:1].isupper()
        and lex.roles.get(first.lower_, ("",))[0] == "person"
        and first.text.rstrip(".") not in lex.honorifics
        and first.lower_ not in lex.generic
        and doc[start + 1].text[:1].isupper()
    )


def _speaks(token: Token) -> bool:
    """The subject of a reporting verb: "Mars said", "Mars told the crowd"."""
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in lexicon().report_verbs


def _overlaps(a: Name, b: Name) -> bool:
    return a.start < b.end and b.start < a.end


def _same_text_same_kind(doc: Doc, names: list[Name]) -> None:
    """A name of two or more words that spaCy labels a person in one place and something
    else in another ("Jenelle Evans" ORG then PERSON, "Blue Apron" ORG then PERSON) takes one
    kind: a person when its first word is used alone as a person's name ("Jenelle dropped
    it", also when spaCy never labels the full name a person), else the majority of its
    labels."""
    kinds: dict[str, Counter] = {}
    for name in names:
        if name.end - name.start > 1:
            kinds.setdefault(doc[name.start : name.end].text, Counter())[name.kind] += 1
    alone = {doc[n.start].text for n in names if n.kind == "person" and n.end - n.start == 1}
    chosen = {}
    for text, votes in kinds.items():
        words = text.split()
        first = words[0]
        looks_like_a_name = len(words) <= 4 and all(w.isalpha() and w[:1].isupper() for w in words)
        if first in alone and looks_like_a_name and votes.keys() <= {"person", "organisation"}:
            chosen[text] = "person"
        elif len(votes) > 1 and "person" in votes:
            ranked = votes.most_common()
            if ranked[0][1] > ranked[1][1]:
                chosen[text] = ranked[0][0]
    for name in names:
        kind = chosen.get(doc[name.start : name.end].text) if name.end - name.start > 1 else None
        if kind is not None:
            name.kind = kind


def _untagged_full_names(doc: Doc, names: list[Name], found: list[Name]) -> None:
    """A known given name and a capitalised word after it that spaCy left untagged ("including
    Chrissy Teigen.", "Kady (Jade Tailor)") is a person's name. A third capitalised word
    ("Grace Church School") or a work or firm noun ("Jade Tailor Shop") makes it something else."""
    lex = lexicon()
    covered = {t for n in names + found for t in range(n.start, n.end)}
    for i in tokens_where(doc, "TAG", hashes(["NNP"])):
        j = i + 1
        if j >= len(doc) or i in covered or j in covered or lex.first_names.get(doc[i].text) not in ("m", "f"):
            continue
        after = doc[j + 1] if j + 1 < len(doc) else None
        if (
            doc[j].tag_ == "NNP"
            and doc[j].is_alpha
            and doc[j].is_title
            and not doc[j].is_sent_start
            and doc[j].text not in lex.first_names
            and not _titled_after(doc[j])
            and (
                after is None
                or not (after.is_title or after.tag_ == "POS" and j + 2 < len(doc) and doc[j + 2].is_title)
            )
            and (i == 0 or not doc[i - 1].is_title or doc[i].is_sent_start)
        ):
            found.append(Name(i, j + 1, "person", "context"))
            covered.update((i, j))


def collect_names(doc: Doc, sent_end: list[int]) -> list[Name]:
    """Step 1-2: candidate name spans, non-overlapping, in text order."""
    lex = lexicon()
    names: list[Name] = []
    organisations: set[str] = set()  # texts that an organisation noun vouches for
    for ent in doc.ents:
        kind = _NER_KINDS.get(ent.label_)
        if kind is None:
            continue
        start, end, gender = trim(doc, ent.start, ent.end)
        end = next((t.i for t in doc[start:end] if t.text == "("), end)  # "Labour Organisation (ILO"
        start, end, _ = trim(doc, start, end) if end < ent.end else (start, end, None)
        if start >= end:
            continue
        if _occupation_before_name(doc, start, end):
            start, kind = start + 1, "person"  # "Historian Hugo Vickers" (ORG): the name is Hugo Vickers
        first = doc[start].text
        if (
            kind == "person"
            and end - start == 1
            and first.isupper()
            and len(first) > 3
            and first.title() not in lex.first_names
        ):
            continue  # "HORROR!" shouted in capitals is not a person
        if (
            kind in ("work", "other", "place")
            and ent.label_ not in ("GPE", "LOC")
            and lex.first_names.get(first) in ("m", "f")
            and end - start <= 3
            and all(t.text[:1].isupper() for t in doc[start:end])
            and not _titled_after(doc[end - 1])
        ):
            kind = "person"  # "Megyn Kelly" as WORK_OF_ART, "Jessica" as PRODUCT
        if (
            kind == "organisation"
            and end - start == 2
            and lex.first_names.get(first) in ("m", "f")
            and all(t.is_alpha and t.is_title for t in doc[start:end])
            and not _titled_after(doc[end - 1])
            and first not in lex.organisations
            and not organisation_context(doc, start, end)
        ):
            kind = "person"  # "Meghan Markle" as ORG; a firm named after someone needs its noun
        if (
            kind == "person"
            and start > 0
            and doc[start - 1].tag_ == "NNP"
            and doc[start - 1].text in lex.first_names
            and (start - 1 == 0 or not doc[start - 2].is_title)
        ):
            start -= 1  # "Isabel Toledo" when spaCy tags only "Toledo"
        if kind == "person":  # headlines: "Kim Kardashian Gave Her Surrogate"
            cut = next((t.i for t in doc[start + 1 : end] if _breaks_person_name(t)), end)
            end = cut
        if kind == "person" and end - start > 1 and doc[end - 1].text[:1].isupper() and _titled_after(doc[end - 1]):
            # "Tuesday's Ellen Show", "the Jolie-Pitt Foundation": a show or a firm named after someone
            kind = "work" if doc[end - 1].lower_ in lex.works else "organisation"
        elif (
            kind == "person"
            and end < len(doc)
            and doc[end].is_lower
            and doc[end].lower_ in lex.works
            and doc[end].pos_ == "NOUN"
            and doc[end].dep_ != "dobj"
        ):
            # "Channing's Magic Mike Live show": a title before its noun (a real person's name
            # there, "the Kanye West song", rejoins that person when clustered)
            kind = "work"
        source = "ner"
        if kind == "place" and ent.label_ == "LOC" and end - start == 1 and _speaks(doc[start]):
            kind, source = "person", "context"  # "Mars said": a mountain or planet never speaks (a GPE may)
        if kind != "person" and person_context(doc, ent.start, start, end):
            kind = "person"  # "Mr Campbell" as ORG, "Paris Hilton, the daughter of ..." as ORG
        if kind == "person" and organisation_context(doc, start, end):
            kind = "organisation"  # "UK firm Phytopharm", "Varig, Brazil's flagship airline"
            organisations.add(doc[start:end].text)
        if kind == "work" and not all(
            t.text[:1].isupper() or t.lower_ in _TITLE_SMALL_WORDS or not t.is_alpha for t in doc[start:end]
        ):
            continue  # "It’s Garrett who": a sentence, not a title in Title Case
        if kind == "organisation":  # "KKW Beauty owner": spaCy stops at "KKW"
            while (
                end < len(doc)
                and end - ent.end < 3
                and doc[end].tag_ == "NNP"
                and doc[end].dep_ == "compound"
                and doc[end].text.rstrip(".") not in lex.honorifics
            ):
                end += 1
        particle = kind == "person" and end - start > 1 and doc[start].text in lex.name_particles
        if (
            kind != "person"
            and end - start == 1
            and lex.roles.get(doc[start].lower_, ("",))[0] == "person"
            and age_after(doc, end) is not None
        ):
            continue  # "The season 19 Bachelor, 35, was driving": a role with an age, not a show
        if start < end and (doc[start].text[:1].isupper() or particle):  # "de Rossi told People"
            names.append(Name(start, end, kind, source, gender))
    for name in names:  # one "firm Varig" makes every "Varig" the firm
        if name.kind == "person" and doc[name.start : name.end].text in organisations:
            name.kind = "organisation"
    _same_text_same_kind(doc, names)
    majority_kinds(doc, names)

    found: list[Name] = []  # names from lexicons and contexts override spaCy's
    text = doc.text
    # only tokens that can start something are looked at
    candidates = tokens_where(doc, "ORTH", lexicon_hashes("orth_starters"))
    candidates += tokens_where(doc, "LOWER", lexicon_hashes("lower_cues"))
    for i in sorted(set(candidates)):
        token = doc[i]
        for name, _kind in lex.organisations.get(token.text, ()):
            span = doc.char_span(token.idx, token.idx + len(name))
            if span is not None and text.startswith(name, token.idx):
                found.append(Name(span.start, span.end, "organisation", "lexicon"))
                break
        if token.text in QUOTE_MARKS and (
            token.i == 0 or not doc[token.i - 1].is_alpha or doc[token.i - 1].whitespace_
        ):
            title = quoted_title(doc, token.i, sent_end[token.i])
            if title:
                found.append(Name(title[0], title[1], "work", "title"))
        lower = token.lower_
        if lower in lex.works and not token.text[:1].isupper() and doc[token.i - 1].lower_ in _WORK_DETERMINERS:
            end = title_run(doc, token.i + 1, sent_end[token.i])
            if end > token.i + 1 and not any(n.start <= token.i + 1 < n.end for n in names):
                found.append(Name(token.i + 1, end, "work", "title"))
        relation = kinship(token)
        if relation is not None and relation[0] in ("child", "sibling", "spouse", "partner", "grandchild", "parent"):
            listed = listed_names(doc, token.i, sent_end[token.i])
            for start, end in listed if relation[2] == "pl" else listed[:1]:
                found.append(Name(start, end, "person", "context"))
    add_age_lists(doc, names, found, sent_end)
    _untagged_full_names(doc, names, found)

    kept = [n for n in names if not any(_overlaps(n, f) for f in found)]
    for new in found:
        if not any(_overlaps(new, old) for old in kept):
            kept.append(new)
    kept.sort(key=lambda n: n.start)
    merged: list[Name] = []
    for name in kept:  # "Jessica" + "Simpson" tagged apart: one name
        last = merged[-1] if merged else None
        if (
            last
            and name.kind == "person"
            and last.end == name.start
            and doc[last.end - 1].whitespace_
            and (last.kind == "person" or lex.first_names.get(doc[last.start].text) in ("m", "f"))
        ):  # "Margot" (GPE) + "Robbie" (PERSON)
            last.end, last.kind = name.end, "person"
            continue
        merged.append(name)
    for name in merged:
        name.words = name_words(doc, name.start, name.end)
    # "seeing Dad", "I'm dancing like Mommy": a kinship noun used as a name is no new person
    return [n for n in merged if n.words and not (len(n.words) == 1 and n.words[0].lower() in lex.kinship)]

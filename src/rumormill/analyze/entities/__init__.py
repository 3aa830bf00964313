"""Entities with aliases, ages, roles and within-article coreference.

    >>> ctx = Context(article, doc, published)   # "Kim Kardashian and her husband Kanye
    >>> find_entities(ctx)                        #  West ... The rapper, 43, ... he tweeted"
    >>> [(e.name, e.kind) for e in ctx.entities]
    [('Kim Kardashian', 'person'), ('Kanye West', 'person'), ...]
    >>> ctx.entity_of(doc[i])                     # "he", "the rapper", "West" -> 'e2'

No coreference package works offline with spaCy 3.8 (shared/NOTES.md), so this stage is
rules, in one left-to-right pass over the article after the names are known:

1. Name spans (`collect`): spaCy NER, organisations from `entity_organisations.txt`
   (platforms, outlets, photo agencies) and titles of works in quotes or after "the movie"
   (`works`).
2. Context fixes (`kinds`): names listed after "their children" or in apposition to a
   kinship noun ("daughter North"), and lists of "Name, <age>," are people, not places.
3. Names become entities (`clusters`): "Kim", "Kardashian" and "Kim Kardashian" are one
   person; a span whose text is a known person's name or surname is that person, whatever
   spaCy's label ("West" tagged LOC); quoted nicknames ("Kris Jong Un") are dropped.
4. Gender per person (`gender`), from titles ("Mrs"), kinship apposition ("her husband X"),
   "X and her", "X said she", reflexives, then the first-name lexicon.
5. One pass (`resolve`) resolves pronouns ("he", "her", "its": `pronouns`), descriptors
   ("The KKW Beauty owner", "the firm": `descriptors`) and kinship phrases ("his wife":
   `kin`) against the entities mentioned in the last few sentences (`salience`: recency,
   subject > object, main clause, gender, known role and age, binding: "Kim said the
   rapper ..." cannot make the rapper Kim; `speakers`: a pronoun in a quote is not its
   speaker).
6. Ages ("Kim, 39,", "North, seven", "the 54-year-old actor", "aged 39": `ages`) and roles
   ("rapper Meek Mill", descriptors) become attributes (`attributes`).
7. Mentions do not nest (`flatten_mentions`): "his mum" and "the "Hellboy" actor" are one
   mention each, of Diana and of Perlman; "his" and "Hellboy" inside them stay in the token
   map for the later stages but are not listed as mentions of Harry or of the film.

First-person pronouns are left alone: in a quote they belong to the speaker, which only
the quotes stage knows. Plural pronouns and group nouns ("their", "the couple") that refer
to two or more people cannot map to one entity; they go to `doc.user_data[GROUPS]`
(token index -> entity ids), which the relations stage reads (`groups`).

Speed: each pass first picks its tokens from spaCy's attribute ids (`doc.to_array`, kept in
`doc.user_data[ARRAYS]` until the relations stage drops it; `_scan`), so Tokens are made
only for names and cue words; about 10 us per token, a few per cent of spaCy's own time.

Limits: no world knowledge (an unnamed "the president" links to the last compatible
person), no nested or cross-paragraph cataphora, and gender comes from a hand list of
given names when the article gives no cue.

The other stages import `GROUPS`, `ARRAYS`, `tokens_where`, `hashes`, `kinship` and
`listed_names` from here; the rest of `__all__` is the old module's public helpers.
"""

from __future__ import annotations

from collections import Counter

from ...model import Entity
from ..context import Context
from ._lexicon import kinship, pronoun
from ._scan import ARRAYS, hashes, sentences, tokens_where
from .ages import age_after, age_before, number_at
from .clusters import Cluster, cluster_others, cluster_people
from .collect import collect_names
from .gender import vote_genders
from .groups import GROUPS
from .kinds import listed_names, name_run
from .resolve import resolve

__all__ = [
    "ARRAYS",
    "GROUPS",
    "age_after",
    "age_before",
    "find_entities",
    "hashes",
    "kinship",
    "listed_names",
    "name_run",
    "number_at",
    "pronoun",
    "tokens_where",
]


def find_entities(ctx: Context) -> None:
    """Fill `ctx.entities` (with ages and roles) and `ctx.token_entity`."""
    doc = ctx.doc
    if not len(doc):
        return
    sent_end = sentences(doc)[1]
    names = collect_names(doc, sent_end)
    people = cluster_people(doc, names)
    others = cluster_others(doc, names)
    clusters = sorted(people + others, key=lambda c: c.first_mention())
    name_at: dict[int, Cluster] = {}
    for cluster in clusters:
        spellings = Counter(n.words for n in cluster.names)  # "Damian" twice beats a typo "Damien" once
        fullest = max(cluster.names, key=lambda n: (len(n.words), n.end - n.start, spellings[n.words], -n.start))
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
    genders = vote_genders(doc, people, name_at)
    resolve(ctx, clusters, genders)
    for entity in ctx.entities:
        entity.mentions.sort(key=lambda m: m.start)
    flatten_mentions(ctx.entities)


def flatten_mentions(entities: list[Entity]) -> None:
    """Mentions do not nest: a descriptor ("the "Hellboy" actor", "Harry's older brother",
    "his mum") is one mention of the person it describes, and the name or possessive inside it
    is its modifier, not a second mention (the token map keeps them for the later stages, and
    the entity keeps its other mentions). Otherwise a reader of the mentions sees one phrase
    refer to two entities."""
    spans = sorted(
        ((m.start, m.end, entity.id) for entity in entities for m in entity.mentions),
        key=lambda s: (s[0], -s[1]),
    )
    nested: set[tuple[int, int, str]] = set()
    for n, (start, end, eid) in enumerate(spans):
        for k in range(n + 1, len(spans)):
            inner_start, inner_end, inner_id = spans[k]
            if inner_start >= end:
                break
            if inner_id != eid and inner_end <= end and (inner_start, inner_end) != (start, end):
                nested.add(spans[k])
    if not nested:
        return
    for entity in entities:
        entity.mentions = [m for m in entity.mentions if (m.start, m.end, entity.id) not in nested]

"""Exports in the field's own formats, streamed from the store so memory stays flat.

- `jsonl`: the full Analysis per article, one JSON object per line;
- `csv`: one row per claim, with its source, certainty and article;
- `claims-jsonld`: schema.org `Claim` objects (the ClaimReview family's vocabulary), with
  `appearance`, `firstAppearance`, `author` and `datePublished`, loadable by fact-checking tools;
- `claimreview`: one schema.org `ClaimReview` per settled claim thread (confirmed, denied on
  record, retracted), its `reviewRating` naming the status and the rule that settled it, and the
  reviewed `Claim` with every appearance. The author is rumormill: an automated reading of the
  coverage, not a fact-checker's verdict, and the rating says so.

    >>> from rumormill.export import export
    >>> with open("claims.jsonld", "w") as out:
    ...     export(store, "claims-jsonld", out)
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import TextIO

from .errors import ConfigError
from .source_kinds import info as source_kind_info
from .store import Filters, Store

FORMATS = ("jsonl", "csv", "claims-jsonld", "claimreview")

CSV_COLUMNS = (
    "article_id",
    "claim_id",
    "published",
    "outlet",
    "url",
    "title",
    "claim",
    "source_kind",
    "source_name",
    "channel",
    "cue",
    "certainty",
    "hedges",
    "check_worthy",
    "start",
    "end",
)
# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export(store: Store, format: str, out: TextIO, filters: Filters | None = None) -> int:
    """Write the store's articles or claims in `format` to `out`; return how many records."""
    filters = filters or Filters()
    if format == "jsonl":
        return _jsonl(store, out, filters)
    if format == "csv":
        return _csv(store, out, filters)
    if format == "claims-jsonld":
        return _jsonld(store, out, filters)
    if format == "claimreview":
        return _jsonld(store, out, filters, review_objects)
    raise ConfigError(f"unknown export format {format!r}; choose one of: {', '.join(FORMATS)}")


def _jsonl(store: Store, out: TextIO, filters: Filters) -> int:
    count = 0
    for document in store.iter_analysis_json(filters):
        out.write(document + "\n")  # stored as the Analysis's own JSON: written as it is
        count += 1
    return count


def _cell(value) -> str | float | int:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value  # keep article text from running as a spreadsheet formula
    return "" if value is None else value


def _csv(store: Store, out: TextIO, filters: Filters) -> int:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for hit in store.iter_claims(filters):
        article, source = hit["article"], hit["source"]
        row = (
            hit["article_id"],
            hit["claim_id"],
            article["published"],
            article["outlet"],
            article["url"],
            article["title"],
            hit["text"],
            source["kind"],
            source["name"],
            source["channel"],
            hit["cue"],
            hit["certainty"],
            hit["hedges"],
            round(hit["check_worthy"], 3),
            hit["span"]["start"],
            hit["span"]["end"],
        )
        writer.writerow([_cell(value) for value in row])
        count += 1
    return count


def claim_objects(store: Store, filters: Filters | None = None) -> Iterator[dict]:
    """schema.org `Claim` objects for the stored claims, one article at a time."""
    filters = filters or Filters()
    for analysis in store.iter_analyses(filters):
        appearances = store.appearances(analysis.article.id)
        works = [_creative_work(a) for a in appearances] or [_creative_work(analysis.article.model_dump())]
        first = works[0]
        entities = {e.id: e for e in analysis.entities}
        for claim in analysis.claims:
            if filters.source_kind and claim.source.kind != filters.source_kind:
                continue
            if filters.certainty and claim.certainty != filters.certainty:
                continue
            if filters.entity and not _concerns(claim, entities, filters.entity):
                continue
            item: dict = {
                "@type": "Claim",
                "@id": f"urn:rumormill:claim:{analysis.article.id}:{claim.id}",
                "identifier": f"{analysis.article.id}:{claim.id}",
                "text": claim.text,
                "appearance": works,
                "firstAppearance": first,
            }
            if first.get("datePublished"):
                item["datePublished"] = first["datePublished"]
            author = _author(claim.source, entities, first)
            if author is not None:
                item["author"] = author
            about = [_thing(entities[i]) for i in claim.about if i in entities]
            if about:
                item["about"] = about
            yield item


def _concerns(claim, entities: dict, name: str) -> bool:
    wanted = name.strip().lower()
    for entity_id in [*claim.about, claim.source.entity]:
        entity = entities.get(entity_id)
        if entity is not None and wanted in {entity.name.lower(), *(a.lower() for a in entity.aliases)}:
            return True
    return False


def _creative_work(appearance: dict) -> dict:
    work: dict = {"@type": "NewsArticle"}
    if appearance.get("url"):
        work["url"] = appearance["url"]
    if appearance.get("title"):
        work["headline"] = appearance["title"]
    if appearance.get("published"):
        work["datePublished"] = appearance["published"]
    if appearance.get("outlet"):
        work["publisher"] = {"@type": "Organization", "name": appearance["outlet"]}
    return work


_TYPES = {"person": "Person", "organisation": "Organization", "place": "Place", "work": "CreativeWork"}


def _thing(entity) -> dict:
    thing = {"@type": _TYPES.get(entity.kind, "Thing"), "name": entity.name}
    if entity.aliases:
        thing["alternateName"] = entity.aliases
    return thing


def _author(source, entities: dict, first: dict) -> dict | None:
    """Who makes the claim, as schema.org sees it: a person or organisation, or the publisher
    for the outlet's own voice. Unnamed reports and anonymous sources get a described
    author only when the text names one ("a source close to the couple")."""
    if source.kind == "named" and source.entity in entities:
        entity = entities[source.entity]
        return {"@type": "Organization" if entity.kind == "organisation" else "Person", "name": entity.name}
    if source.kind in ("outlet", "self", "none"):
        return first.get("publisher")
    kind = source_kind_info(source.kind)
    if source.name and (kind.on_record or source.kind == "anonymous"):
        # "a source close to the couple": described in the text's own words
        return {"@type": "Person", "name": source.name}
    return None


def _jsonld(store: Store, out: TextIO, filters: Filters, objects=claim_objects) -> int:
    out.write('{"@context": "https://schema.org", "@graph": [\n')
    count = 0
    for item in objects(store, filters):
        out.write((",\n" if count else "") + json.dumps(item, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


# status -> (ratingValue on 1..5, alternateName); "denied" is a denial on record, not proof
_RATINGS = {
    "confirmed": (5, "Confirmed"),
    "denied": (2, "Denied on record"),
    "retracted": (1, "Retracted by its publisher"),
}
# the same statuses when the learned model read them from the coverage: nobody settled them on record
_ESTIMATES = {
    "confirmed": (4, "Supported by most coverage, not confirmed on record"),
    "denied": (2, "Disputed by most coverage, not denied on record"),
}


def review_objects(store: Store, filters: Filters | None = None) -> Iterator[dict]:
    """schema.org `ClaimReview` objects for the claim threads whose status is settled."""
    import sqlalchemy as sa

    from . import corpus

    filters = filters or Filters()
    threads, keys = store.table("threads"), store.table("thread_keys")
    query = sa.select(threads.c.id).where(threads.c.status != "open").order_by(threads.c.first_seen, threads.c.id)
    if filters.since:
        query = query.where(threads.c.last_seen >= filters.since)
    if filters.until:
        query = query.where(threads.c.first_seen <= filters.until + "~")
    if filters.entity:
        query = query.where(threads.c.id.in_(sa.select(keys.c.thread_id).where(keys.c.key == filters.entity.lower())))
    with store.reading() as conn:
        ids = list(conn.execute(query).scalars())
    for thread_id in ids:
        thread = corpus.thread(store, thread_id)
        if thread is None or thread.status not in _RATINGS:
            continue
        estimate = any(e.basis == "estimate" for e in thread.evidence)
        value, name = (_ESTIMATES if estimate and thread.status in _ESTIMATES else _RATINGS)[thread.status]
        works, seen = [], set()
        for item in thread.items:
            if item.article_id in seen:
                continue
            seen.add(item.article_id)
            works.append(
                _creative_work(
                    {"url": item.url, "title": item.title, "published": item.published, "outlet": item.outlet}
                )
            )
        settled = [o for e in thread.evidence for o in e.occurrences]
        claim: dict = {"@type": "Claim", "appearance": works, "firstAppearance": works[0] if works else None}
        if thread.first_seen:
            claim["datePublished"] = thread.first_seen
        if thread.about:
            claim["about"] = [{"@type": "Thing", "name": name} for name in thread.about]
        review = {
            "@type": "ClaimReview",
            "@id": f"urn:rumormill:thread:{thread.id}",
            "identifier": thread.id,
            "claimReviewed": thread.text,
            "itemReviewed": {k: v for k, v in claim.items() if v is not None},
            "author": {"@type": "Organization", "name": "rumormill (automated reading of the coverage)"},
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": value,
                "bestRating": 5,
                "worstRating": 1,
                "alternateName": name,
                "ratingExplanation": "; ".join(e.rule for e in thread.evidence) or name,
            },
        }
        dates = [o.published for o in settled if o.published]
        if dates or thread.last_seen:
            review["datePublished"] = max(dates) if dates else thread.last_seen
        yield review

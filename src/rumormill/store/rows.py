"""An Analysis as table rows: the mapping between the JSON document and the queryable tables."""

from __future__ import annotations

import json

from ..model import Analysis, Span


def _span(span: Span | None) -> dict:
    return {"start": span.start, "end": span.end} if span is not None else {"start": None, "end": None}


def child_rows(analysis: Analysis, published: str | None = None) -> dict[str, list[dict]]:
    """The rows each child table gets for one Analysis, keyed by table name. `published` is the
    stored article's date when it differs from this Analysis's (a re-analysis keeps the first)."""
    aid = analysis.article.id
    published = published or analysis.article.published
    rows: dict[str, list[dict]] = {
        "entities": [],
        "entity_names": [],
        "attributes": [],
        "relations": [],
        "times": [],
        "quotes": [],
        "claims": [],
        "claim_about": [],
    }
    for entity in analysis.entities:
        rows["entities"].append(
            {
                "article_id": aid,
                "id": entity.id,
                "name": entity.name,
                "kind": entity.kind,
                "aliases": json.dumps(entity.aliases, ensure_ascii=False),
                "mentions": len(entity.mentions),
            }
        )
        for name in dict.fromkeys(n.strip().lower() for n in [entity.name, *entity.aliases] if n.strip()):
            rows["entity_names"].append({"article_id": aid, "entity_id": entity.id, "name": name})
        for attribute in entity.attributes:
            rows["attributes"].append(
                {
                    "article_id": aid,
                    "entity_id": entity.id,
                    "name": attribute.name,
                    "value": str(attribute.value),
                    "as_of": attribute.as_of,
                    **_span(attribute.span),
                }
            )
    for relation in analysis.relations:
        rows["relations"].append(
            {
                "article_id": aid,
                "id": relation.id,
                "subject": relation.subject,
                "predicate": relation.predicate,
                "object": relation.object,
                "since": relation.since.value if relation.since else None,
                "certainty": relation.certainty,
                **_span(relation.span),
            }
        )
    for time in analysis.times:
        rows["times"].append(
            {
                "article_id": aid,
                "id": time.id,
                "text": time.span.text,
                "value": time.value,
                "kind": time.kind,
                "mod": time.mod,
                "anchor": time.anchor,
                **_span(time.span),
            }
        )
    for quote in analysis.quotes:
        rows["quotes"].append(
            {
                "article_id": aid,
                "id": quote.id,
                "text": quote.span.text,
                "speaker_kind": quote.speaker.kind,
                "speaker_entity": quote.speaker.entity,
                "speaker_name": quote.speaker.name,
                "channel": quote.speaker.channel,
                "cue": quote.cue.text if quote.cue else None,
                "date": quote.date.value if quote.date else None,
                **_span(quote.span),
            }
        )
    for claim in analysis.claims:
        rows["claims"].append(
            {
                "article_id": aid,
                "id": claim.id,
                "text": claim.text,
                "source_kind": claim.source.kind,
                "source_entity": claim.source.entity,
                "source_name": claim.source.name,
                "channel": claim.source.channel,
                "cue": claim.cue.text if claim.cue else None,
                "certainty": claim.certainty,
                "hedges": " ".join(h.text for h in claim.hedges) or None,
                "quote_id": claim.quote,
                "check_worthy": claim.check_worthy,
                "published": published or "",  # "" sorts last in "newest first", on both databases
                **_span(claim.span),
            }
        )
        for entity_id in dict.fromkeys(claim.about):
            rows["claim_about"].append({"article_id": aid, "claim_id": claim.id, "entity_id": entity_id})
    return rows


def credibility_score(analysis: Analysis) -> float | None:
    credibility = analysis.credibility
    if credibility is None:
        return None
    score = credibility.get("score") if isinstance(credibility, dict) else getattr(credibility, "score", None)
    return float(score) if score is not None else None

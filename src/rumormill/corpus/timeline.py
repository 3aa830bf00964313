"""Timelines: what happened when, for a story or an entity.

Three kinds of event, in date order: `event`s are the dated things the articles say happened
("they wed in 2014", "a week after the rally on July 19"), read from the time expressions inside
claims; `claim`s are the threads by first appearance (who said it first, and when); `article`s
are the publications themselves. Copies of one statement are one event: events are keyed by
their date and their thread (or their words, for a claim in no thread).
"""

from __future__ import annotations

import re

import sqlalchemy as sa

from ..model import Source, Span
from .model import Timeline, TimelineEvent

ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MAX_EVENTS = 400
MAX_ARTICLES = 500  # an entity timeline reads the claims of at most this many recent articles


def dated_events(store, article_ids: list[str], about: set[tuple[str, str]] | None = None) -> list[TimelineEvent]:
    """Events from the time expressions inside claims of these articles; with `about`, only
    claims about one of these (article_id, entity_id) entities."""
    t = store.t
    occ = store.table("thread_occurrences")
    claims, times, ca, articles = {}, [], set(), {}
    with store.reading() as conn:
        for start in range(0, len(article_ids), 300):
            page = article_ids[start : start + 300]
            for row in conn.execute(
                sa.select(t["claims"]).where(t["claims"].c.article_id.in_(page), t["claims"].c.start.is_not(None))
            ):
                claims.setdefault(row.article_id, []).append(row)
            times += conn.execute(
                sa.select(t["times"]).where(
                    t["times"].c.article_id.in_(page), t["times"].c.kind == "date", t["times"].c.value.is_not(None)
                )
            ).all()
            if about is not None:
                ca.update(
                    (r.article_id, r.claim_id)
                    for r in conn.execute(sa.select(t["claim_about"]).where(t["claim_about"].c.article_id.in_(page)))
                    if (r.article_id, r.entity_id) in about
                )
            for r in conn.execute(
                sa.select(t["articles"].c.id, t["articles"].c.outlet, t["articles"].c.text).where(
                    t["articles"].c.id.in_(page)
                )
            ):
                articles[r.id] = r
            threads = {
                (r.article_id, r.claim_id): r.thread_id
                for r in conn.execute(
                    sa.select(occ.c.article_id, occ.c.claim_id, occ.c.thread_id).where(occ.c.article_id.in_(page))
                )
            }
    events: dict[tuple, TimelineEvent] = {}
    for time in times:
        if not ISO.match(time.value or "") or time.mod in ("before", "after", "interval_end"):
            continue
        for claim in claims.get(time.article_id, []):
            if not (claim.start <= time.start and time.end <= claim.end):
                continue
            if about is not None and (claim.article_id, claim.id) not in ca:
                continue
            thread = threads.get((claim.article_id, claim.id))
            key = (time.value, thread or " ".join(claim.text.lower().split()))
            if key in events:
                continue
            article = articles[claim.article_id]
            events[key] = TimelineEvent(
                date=time.value,
                kind="event",
                text=claim.text,
                article_id=claim.article_id,
                span=Span.of(article.text, claim.start, claim.end) if claim.end <= len(article.text) else None,
                outlet=article.outlet,
                thread_id=thread,
                source=Source(kind=claim.source_kind, entity=claim.source_entity, name=claim.source_name),
            )
            break
    return list(events.values())


def ordered(events: list[TimelineEvent]) -> list[TimelineEvent]:
    rank = {"event": 0, "claim": 1, "article": 2}
    events.sort(key=lambda e: (e.date, rank[e.kind], e.text))
    return events[:MAX_EVENTS]


def thread_events(summaries) -> list[TimelineEvent]:
    return [
        TimelineEvent(date=s.first_seen, kind="claim", text=s.text, thread_id=s.id, source=s.best_source)
        for s in summaries
        if s.first_seen
    ]


def article_events(members) -> list[TimelineEvent]:
    return [
        TimelineEvent(date=m.published, kind="article", text=m.title or m.id[:12], article_id=m.id, outlet=m.outlet)
        for m in members
        if m.published
    ]


def make(subject: dict, title: str | None, events: list[TimelineEvent]) -> Timeline:
    return Timeline(subject=subject, title=title, events=ordered(events))

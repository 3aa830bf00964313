"""Finding alerts: compare the store with what each watchlist last saw.

    >>> new = check(store)        # the alerts found since the last check; a second call finds none

What a watchlist has seen is kept beside it: the newest article key (`articles.pk`) it was
compared against (articles are never deleted and writers store one at a time, so the rows
past it are exactly what arrived since), a followed thread's status, and the thread's
occurrences it has seen, by article and claim (an article linked again has its occurrence rows
made anew, so their keys are no watermark). Each watchlist is checked in one write transaction
that adds its alerts (and their webhook deliveries, the outbox) and moves what it has seen
together: a crash leaves either all of it or none. An alert's id is made from what it is about
(the watchlist, the article or occurrence, the n-th status change), so an article analysed
again, or linked again, is never told twice.

1. entity: an article new since the watermark where the profile appears (its names, their
   variants, a first name its article defines as it), with the claims about or by it;
2. search: an article new since the watermark with claims that match the words and filters,
   with those claims;
3. thread: a status change (with the evidence that settled it, and the occurrences that came
   with it), else each new occurrence.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

import sqlalchemy as sa

from ..store import Filters, Store
from ..store.base import now
from .watchlists import Watchlist, _watchlist, mark_seen, unseen_occurrences

MAX_ARTICLES_PER_CHECK = 200  # new articles one watchlist reports per check; the rest wait for the next
MAX_CLAIMS = 20  # claims, occurrences and evidence occurrences listed in one alert


@dataclass
class Alert:
    """Something a watchlist follows changed. `payload` is what the webhook posts and the feed shows."""

    id: str
    watchlist_id: str
    kind: str  # article, occurrence or status
    title: str
    payload: dict = field(default_factory=dict)
    created_at: str = ""

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "watchlist_id": self.watchlist_id,
            "kind": self.kind,
            "title": self.title,
            "created_at": self.created_at,
            "payload": self.payload,
        }


def alert_id(watchlist_id: str, kind: str, subject: str) -> str:
    """A stable id for the alert about `subject`: the same event always gets the same id."""
    return hashlib.sha256(f"{watchlist_id}\0{kind}\0{subject}".encode()).hexdigest()[:32]


def check(store: Store) -> list[Alert]:
    """Find and keep the alerts of every watchlist; return the new ones (none on a second call)."""
    w = store.table("watchlists")
    with store.reading() as conn:
        ids = list(conn.execute(sa.select(w.c.id).order_by(w.c.created_at, w.c.id)).scalars())
    found: list[Alert] = []
    for watchlist_id in ids:
        found += _check_one(store, watchlist_id)
    return found


def _check_one(store: Store, watchlist_id: str) -> list[Alert]:
    w, state = store.table("watchlists"), store.table("watch_state")
    a = store.t["articles"]
    stamp = now()
    with store.writing() as conn:
        row = conn.execute(sa.select(w).where(w.c.id == watchlist_id)).first()
        seen = conn.execute(sa.select(state).where(state.c.watchlist_id == watchlist_id)).first()
        if row is None or seen is None:
            return []  # removed meanwhile
        watchlist = _watchlist(row)
        article_top = conn.execute(sa.select(sa.func.coalesce(sa.func.max(a.c.pk), 0))).scalar()
        moved = {"article_pk": article_top, "checked_at": stamp}
        if watchlist.kind == "thread":
            alerts, status, changes = _thread_alerts(store, conn, watchlist, seen)
            moved |= {"status": status, "changes": changes}
        else:
            new_ids = _new_articles(store, conn, seen.article_pk, article_top)
            if len(new_ids) > MAX_ARTICLES_PER_CHECK:  # the rest on the next check
                new_ids = new_ids[:MAX_ARTICLES_PER_CHECK]
                moved["article_pk"] = _pk_of(store, conn, new_ids[-1])
            if watchlist.kind == "entity":
                alerts = _entity_alerts(store, conn, watchlist, new_ids)
            else:
                alerts = _search_alerts(store, conn, watchlist, new_ids)
        kept = _keep(store, conn, watchlist, row.webhook, alerts, stamp)
        conn.execute(state.update().where(state.c.watchlist_id == watchlist_id).values(**moved))
    return kept


def _keep(store: Store, conn: sa.Connection, watchlist: Watchlist, webhook, alerts: list[Alert], stamp: str):
    """Insert the alerts not kept before (and their deliveries); return those that were new."""
    table, deliveries = store.table("alerts"), store.table("alert_deliveries")
    kept = []
    for alert in alerts:
        alert.created_at = stamp
        alert.payload = {
            "id": alert.id,
            "kind": alert.kind,
            "title": alert.title,
            "created_at": stamp,
            "watchlist": {"id": watchlist.id, "kind": watchlist.kind, "label": watchlist.label},
            **alert.payload,
        }
        values = {
            "id": alert.id,
            "watchlist_id": watchlist.id,
            "kind": alert.kind,
            "title": alert.title,
            "payload": json.dumps(alert.payload, sort_keys=True),
            "created_at": stamp,
        }
        if conn.execute(store._insert_ignore(table).values(**values).returning(table.c.pk)).first() is None:
            continue  # told already
        if webhook:
            conn.execute(deliveries.insert().values(alert_id=alert.id, url=webhook, next_try=stamp))
        kept.append(alert)
    return kept


def _new_articles(store: Store, conn: sa.Connection, after: int, upto: int) -> list[str]:
    a = store.t["articles"]
    query = sa.select(a.c.id).where(a.c.pk > after, a.c.pk <= upto).order_by(a.c.pk)
    return list(conn.execute(query).scalars())


def _pk_of(store: Store, conn: sa.Connection, article_id: str) -> int:
    a = store.t["articles"]
    return conn.execute(sa.select(a.c.pk).where(a.c.id == article_id)).scalar()


def _article_info(store: Store, conn: sa.Connection, ids: list[str]) -> dict[str, dict]:
    a = store.t["articles"]
    query = sa.select(a.c.id, a.c.title, a.c.outlet, a.c.url, a.c.published).where(a.c.id.in_(ids))
    return {r.id: dict(r._mapping) for r in conn.execute(query)}


def _claim_rows(store: Store, conn: sa.Connection, keys: list[tuple[str, str]]) -> dict[str, list[dict]]:
    """The claims with these (article_id, claim_id) keys, grouped by article, in text order."""
    c = store.t["claims"]
    by_article: dict[str, list[dict]] = {}
    for start in range(0, len(keys), 200):
        chunk = keys[start : start + 200]
        query = (
            sa.select(c.c.article_id, c.c.id, c.c.text, c.c.certainty, c.c.source_kind, c.c.source_name, c.c.start)
            .where(sa.tuple_(c.c.article_id, c.c.id).in_(chunk))
            .order_by(c.c.article_id, c.c.start)
        )
        for r in conn.execute(query):
            by_article.setdefault(r.article_id, []).append(
                {
                    "id": r.id,
                    "text": r.text,
                    "certainty": r.certainty,
                    "source_kind": r.source_kind,
                    "source_name": r.source_name,
                }
            )
    return by_article


def _article_alert(watchlist: Watchlist, article: dict, claims: list[dict]) -> Alert:
    headline = article.get("title") or article["id"][:12]
    return Alert(
        id=alert_id(watchlist.id, "article", article["id"]),
        watchlist_id=watchlist.id,
        kind="article",
        title=f"{watchlist.label}: {headline}"[:300],
        payload={"link": f"/articles/{article['id']}", "article": article, "claims": claims[:MAX_CLAIMS]},
    )


def _entity_alerts(store: Store, conn: sa.Connection, watchlist: Watchlist, new_ids: list[str]) -> list[Alert]:
    """1. An alert for each new article the profile appears in (see `profiles.members`)."""
    if not new_ids:
        return []
    from ..corpus.profiles import members, resolve

    resolved = resolve(store, watchlist.target)
    if resolved is None:
        return []
    full, kind = resolved
    fresh = set(new_ids)
    own = [(a, e) for a, e in members(conn, store, full, kind) if a in fresh]
    if not own:
        return []
    about, c = store.t["claim_about"], store.t["claims"]
    article_ids = sorted({a for a, _ in own})
    keys: set[tuple[str, str]] = set()
    pairs = set(own)
    for start in range(0, len(article_ids), 200):
        chunk = article_ids[start : start + 200]
        for r in conn.execute(sa.select(about).where(about.c.article_id.in_(chunk))):
            if (r.article_id, r.entity_id) in pairs:
                keys.add((r.article_id, r.claim_id))
        for r in conn.execute(sa.select(c.c.article_id, c.c.id, c.c.source_entity).where(c.c.article_id.in_(chunk))):
            if (r.article_id, r.source_entity) in pairs:
                keys.add((r.article_id, r.id))
    claims = _claim_rows(store, conn, sorted(keys))
    info = _article_info(store, conn, article_ids)
    return [
        _article_alert(watchlist, info[i], claims.get(i, [])) for i in new_ids if i in info and i in set(article_ids)
    ]


def _search_alerts(store: Store, conn: sa.Connection, watchlist: Watchlist, new_ids: list[str]) -> list[Alert]:
    """2. An alert for each new article with claims that match the search, as `Store.search` reads it."""
    if not new_ids:
        return []
    c = store.t["claims"]
    filters = Filters(**watchlist.filters)
    where = store._claim_filters(filters, entity=False)
    order: list = []
    select_from = store._matching(store._claims_from(filters), watchlist.target, store._fts_claims, where, order)
    keys: list[tuple[str, str]] = []
    for start in range(0, len(new_ids), 200):
        chunk = new_ids[start : start + 200]
        query = sa.select(c.c.article_id, c.c.id).select_from(select_from).where(*where, c.c.article_id.in_(chunk))
        keys += [(r.article_id, r.id) for r in conn.execute(query)]
    if not keys:
        return []
    claims = _claim_rows(store, conn, sorted(set(keys)))
    info = _article_info(store, conn, sorted(claims))
    return [_article_alert(watchlist, info[i], claims[i]) for i in new_ids if i in claims and i in info]


def _occurrence(row) -> dict:
    return {
        "article_id": row.article_id,
        "claim_id": row.claim_id,
        "text": row.text,
        "published": row.published,
        "stance": row.stance,
        "certainty": row.certainty,
        "source_kind": row.source_kind,
        "source_name": row.source_name,
    }


def _thread_alerts(store: Store, conn: sa.Connection, watchlist: Watchlist, seen):
    """3. (alerts, status, changes): one alert for a status change, with its evidence and the
    occurrences that came with it; else one for each new occurrence."""
    threads = store.table("threads")
    tid = watchlist.target
    thread = conn.execute(sa.select(threads.c.text, threads.c.status).where(threads.c.id == tid)).first()
    if thread is None and (tid := _successor(store, conn, watchlist)) is not None:
        w = store.table("watchlists")
        conn.execute(w.update().where(w.c.id == watchlist.id).values(target=tid))
        thread = conn.execute(sa.select(threads.c.text, threads.c.status).where(threads.c.id == tid)).first()
    if thread is None:
        return [], seen.status, seen.changes
    rows = mark_seen(store, conn, watchlist.id, unseen_occurrences(store, watchlist.id, tid))
    occurrences = [_occurrence(r) for r in rows]
    about = {"id": tid, "text": thread.text, "status": thread.status}
    link = f"/threads/{tid}"
    if thread.status != seen.status:
        changes = seen.changes + 1
        alert = Alert(
            id=alert_id(watchlist.id, "status", f"{changes}:{thread.status}"),
            watchlist_id=watchlist.id,
            kind="status",
            title=f"{watchlist.label[:200]}: now {thread.status} (was {seen.status or 'unknown'})",
            payload={
                "link": link,
                "thread": about | {"previous_status": seen.status},
                "evidence": _evidence(store, tid),
                "occurrences": occurrences[:MAX_CLAIMS],
            },
        )
        return [alert], thread.status, changes
    alerts = [
        Alert(
            id=alert_id(watchlist.id, "occurrence", f"{o['article_id']}/{o['claim_id']}"),
            watchlist_id=watchlist.id,
            kind="occurrence",
            title=f"{watchlist.label[:200]}: {o['stance']} in a new article"[:300],
            payload={"link": link, "thread": about, "occurrences": [o]},
        )
        for o in occurrences
    ]
    return alerts, seen.status, seen.changes


def _successor(store: Store, conn: sa.Connection, watchlist: Watchlist) -> str | None:
    """The thread a followed thread became when linking again gave it another id (`link
    --rebuild`, or articles analysed again): the one holding most of the occurrences the watchlist
    has seen, else one with an occurrence that states the followed claim (its label is the
    thread's text). None when the claim is gone."""
    occ, seen = store.table("thread_occurrences"), store.table("watch_seen")
    held = conn.execute(
        sa.select(occ.c.thread_id)
        .select_from(
            occ.join(
                seen,
                sa.and_(
                    seen.c.watchlist_id == watchlist.id,
                    seen.c.article_id == occ.c.article_id,
                    seen.c.claim_id == occ.c.claim_id,
                ),
            )
        )
        .group_by(occ.c.thread_id)
        .order_by(sa.func.count().desc(), sa.func.min(occ.c.pk))
        .limit(1)
    ).scalar()
    if held is not None:
        return held
    return conn.execute(
        sa.select(occ.c.thread_id)
        .where(occ.c.text.startswith(watchlist.label, autoescape=True))
        .order_by(occ.c.pk)
        .limit(1)
    ).scalar()


def _evidence(store: Store, tid: str) -> list[dict]:
    """What settled the thread's status: each rule with the occurrences it read."""
    from .. import corpus

    found = corpus.thread(store, tid)
    if found is None:
        return []
    return [
        {
            "rule": e.rule,
            "basis": e.basis,
            "occurrences": [
                {
                    "article_id": o.article_id,
                    "claim_id": o.claim_id,
                    "text": o.text,
                    "published": o.published,
                    "outlet": o.outlet,
                    "url": o.url,
                    "stance": o.stance,
                    "source": o.source.model_dump(),
                }
                for o in e.occurrences[:MAX_CLAIMS]
            ],
        }
        for e in found.evidence
    ]

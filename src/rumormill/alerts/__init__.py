"""Watchlists and alerts: follow a person or organisation, a search, or a claim thread, and be
told when it gains an article or a claim, or when a followed thread's status changes.

    >>> from rumormill import alerts, open_store
    >>> store = open_store("rumormill.db")
    >>> alerts.follow(store, "entity", "Lena Morrow", webhook="https://hooks.example/in")
    >>> alerts.check(store)        # the new alerts (idempotent: a second call finds none)
    >>> alerts.deliver(store)      # post the due webhooks from the outbox

`check` compares the store with each watchlist's watermarks (detect.py); `deliver` posts the
outbox, signed and retried (deliver.py, signing.py); `feed` writes a watchlist's Atom feed
(atom.py). `after_cycle(store, new_article_ids)` runs both, as a poller's callback after each
cycle and `rumormill ingest` / `rumormill link` after they store something.
"""

from __future__ import annotations

import json
import logging

import sqlalchemy as sa

from ..errors import RumormillError
from ..store import Store
from .atom import feed, summary
from .deliver import DeliveryReport, deliver, outbox
from .detect import Alert, alert_id, check
from .signing import ALERT_ID_HEADER, SIGNATURE_HEADER, backoff, sign, verify
from .watchlists import KINDS, Watchlist, check_webhook, follow, get, unfollow, watchlists

log = logging.getLogger("rumormill.alerts")

__all__ = [
    "ALERT_ID_HEADER",
    "KINDS",
    "SIGNATURE_HEADER",
    "Alert",
    "DeliveryReport",
    "Watchlist",
    "after_cycle",
    "deliver_due",
    "alert_id",
    "backoff",
    "check",
    "check_webhook",
    "deliver",
    "feed",
    "follow",
    "get",
    "outbox",
    "recent",
    "sign",
    "summary",
    "unfollow",
    "verify",
    "watchlists",
]


def recent(store: Store, watchlist_id: str | None = None, limit: int = 50) -> list[Alert]:
    """The newest alerts, of one watchlist or of all, newest first."""
    table = store.table("alerts")
    query = sa.select(table).order_by(table.c.pk.desc()).limit(limit)
    if watchlist_id is not None:
        query = query.where(table.c.watchlist_id == watchlist_id)
    with store.reading() as conn:
        return [
            Alert(
                id=r.id,
                watchlist_id=r.watchlist_id,
                kind=r.kind,
                title=r.title,
                payload=json.loads(r.payload),
                created_at=r.created_at,
            )
            for r in conn.execute(query)
        ]


def after_cycle(store: Store, new_article_ids=None, *, post: bool = True) -> tuple[list[Alert], DeliveryReport]:
    """Check every watchlist and post what is due: the hook to call after something was stored.
    With `post=False` it only finds the alerts (they wait in the outbox): for a caller that
    must answer before it posts, as the web API does (`deliver_due` then, after answering).

    `new_article_ids` is accepted for the poller's signature and not needed: the watermarks
    already know what is new. Without any watchlist this costs one query. A store error here is
    logged, not raised: an ingest that stored its articles has succeeded, and the next check
    finds what this one missed (a webhook that fails is the outbox's business, never an error)."""
    try:
        if not _any_watchlist(store):
            return [], DeliveryReport()
        found = check(store)
        return found, deliver(store) if post else DeliveryReport()
    except RumormillError as error:
        log.warning("alerts: %s", error)
        return [], DeliveryReport(errors=[str(error)])


def deliver_due(store: Store) -> DeliveryReport:
    """Post the due webhooks, logging a store error rather than raising it (for a background task:
    what fails stays in the outbox for the next try)."""
    try:
        return deliver(store)
    except RumormillError as error:
        log.warning("alerts: %s", error)
        return DeliveryReport(errors=[str(error)])


def _any_watchlist(store: Store) -> bool:
    table = store.table("watchlists")
    with store.reading() as conn:
        return conn.execute(sa.select(table.c.id).limit(1)).first() is not None

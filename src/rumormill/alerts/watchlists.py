"""Watchlists: saved follows of an entity profile, a search, or a claim thread.

    >>> follow(store, "entity", "Lena Morrow", webhook="https://hooks.example/rumours")
    >>> follow(store, "search", "divorce", filters=Filters(source_kind="named"))
    >>> follow(store, "thread", "3f9c0a1b2c4d5e6f")

A new watchlist starts from what the store holds now: it is told about what arrives after it
was made, never the back catalogue (its watermarks start at the newest rows; a thread's status
at its current one). The webhook's secret is made here and signs every body sent to it.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass, field

import httpx
import sqlalchemy as sa

from ..errors import InputError
from ..read.fetch import _check_address, _Refused
from ..store import Filters, Store
from ..store.base import check_query, now

KINDS = ("entity", "search", "thread")
MAX_WEBHOOK = 2000  # characters in a webhook URL


@dataclass
class Watchlist:
    """One follow. `webhook` is None when alerts are only kept (the feed and the alerts page)."""

    id: str
    kind: str
    target: str  # the profile's name, the search words ("" for filters alone), or the thread id
    label: str
    filters: dict = field(default_factory=dict)  # a search's filters (see `Filters`)
    webhook: str | None = None
    allow_private: bool = False
    created_at: str = ""
    secret: str | None = field(default=None, repr=False)  # given once, when the watchlist is made

    def to_dict(self, secret: bool = False) -> dict:
        """The watchlist as JSON; without `secret`, no secret and only the webhook's origin (a
        webhook URL often holds a token of its own, and listings are open to every reader)."""
        data = asdict(self)
        if not secret:
            data.pop("secret")
            data["webhook"] = masked(self.webhook)
        return data


def masked(url: str | None) -> str | None:
    """A webhook URL shown without its path and query: "https://hooks.example/…"."""
    if not url:
        return None
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        return "…"
    origin = f"{parsed.scheme}://{parsed.host}" + (f":{parsed.port}" if parsed.port else "")
    return origin + ("/…" if parsed.raw_path not in (b"", b"/") else "/")


def check_webhook(url: str, allow_private: bool = False) -> str:
    """The webhook URL when it is one we will post to: http(s), a host, and, unless private
    targets are allowed, no literal private or loopback address. A host name is checked again
    where each delivery connects (a name may resolve anywhere)."""
    url = url.strip()
    if len(url) > MAX_WEBHOOK:
        raise InputError(f"the webhook URL is longer than {MAX_WEBHOOK} characters")
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as e:
        raise InputError(f"not a valid webhook URL: {e}") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise InputError("a webhook URL is http:// or https:// with a host")
    try:
        import ipaddress

        ipaddress.ip_address(parsed.host)
    except ValueError:
        return url
    try:
        _check_address(parsed.host, allow_private)
    except _Refused as e:
        raise InputError(
            f"webhook {e}".replace("--allow-private to fetch it", "--allow-private to post to it")
        ) from None
    return url


def _resolve_target(store: Store, kind: str, target: str, filters: Filters) -> tuple[str, str]:
    """(what is stored as the target, a label) for a follow, or InputError when it names nothing."""
    from .. import corpus

    target = target.strip()
    if kind == "entity":
        from ..corpus.profiles import resolve

        resolved = resolve(store, target)
        if resolved is None:
            raise InputError(f"no entity called {target!r} in the store")
        return resolved[0], resolved[0]
    if kind == "thread":
        found = corpus.thread(store, target)
        if found is None:
            raise InputError(f"no claim thread {target!r}")
        return found.id, found.text[:200]
    check_query(target)
    if not target and not filters.active():
        raise InputError("a search to follow needs words or a filter")
    words = [target] if target else []
    words += [f"{k}={v}" for k, v in filters.active().items()]
    return target, "search: " + " ".join(words)


def follow(
    store: Store,
    kind: str,
    target: str,
    *,
    filters: Filters | None = None,
    webhook: str | None = None,
    allow_private: bool = False,
    label: str | None = None,
) -> Watchlist:
    """Make a watchlist and return it with its secret (shown this once)."""
    filters = filters or Filters()
    if kind not in KINDS:
        raise InputError(f"follow what? {kind!r} is not one of {', '.join(KINDS)}")
    if kind != "search" and filters.active():
        raise InputError("filters go with a search, not with an entity or a thread")
    stored_target, default_label = _resolve_target(store, kind, target, filters)
    hook = check_webhook(webhook, allow_private) if webhook else None
    made = Watchlist(
        id=secrets.token_hex(8),
        kind=kind,
        target=stored_target,
        label=(label or default_label)[:200],
        filters=filters.active(),
        webhook=hook,
        allow_private=allow_private,
        created_at=now(),
        secret=secrets.token_hex(32),
    )
    w, state = store.table("watchlists"), store.table("watch_state")
    with store.writing() as conn:
        conn.execute(
            w.insert().values(
                id=made.id,
                kind=made.kind,
                target=made.target,
                filters=json.dumps(made.filters, sort_keys=True),
                label=made.label,
                webhook=made.webhook,
                secret=made.secret,
                allow_private=made.allow_private,
                created_at=made.created_at,
            )
        )
        conn.execute(state.insert().values(watchlist_id=made.id, **_starting_point(store, conn, made)))
    return made


def _starting_point(store: Store, conn: sa.Connection, watchlist: Watchlist) -> dict:
    """Where a new watchlist starts: the newest article; for a thread, its status, and its
    occurrences so far recorded as seen."""
    a, threads = store.t["articles"], store.table("threads")
    point = {
        "article_pk": conn.execute(sa.select(sa.func.coalesce(sa.func.max(a.c.pk), 0))).scalar(),
        "checked_at": watchlist.created_at,
    }
    if watchlist.kind == "thread":
        point["status"] = conn.execute(sa.select(threads.c.status).where(threads.c.id == watchlist.target)).scalar()
        mark_seen(store, conn, watchlist.id, unseen_occurrences(store, watchlist.id, watchlist.target))
    return point


def unseen_occurrences(store: Store, watchlist_id: str, thread_id: str) -> sa.Select:
    """The thread's occurrences that the watchlist has not seen, oldest first. An occurrence is
    known by its article and claim: linking an article again makes its rows anew, not its claims."""
    occ, seen = store.table("thread_occurrences"), store.table("watch_seen")
    known = sa.exists().where(
        seen.c.watchlist_id == watchlist_id, seen.c.article_id == occ.c.article_id, seen.c.claim_id == occ.c.claim_id
    )
    return sa.select(occ).where(occ.c.thread_id == thread_id, ~known).order_by(occ.c.pk)


def mark_seen(store: Store, conn: sa.Connection, watchlist_id: str, occurrences: sa.Select) -> list:
    """Record the occurrences `occurrences` selects as seen by the watchlist; return their rows."""
    rows = conn.execute(occurrences).all()
    seen = store.table("watch_seen")
    keys = list(dict.fromkeys((r.article_id, r.claim_id) for r in rows))
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        conn.execute(seen.insert(), [{"watchlist_id": watchlist_id, "article_id": a, "claim_id": c} for a, c in chunk])
    return rows


def unfollow(store: Store, watchlist_id: str) -> bool:
    """Remove a watchlist with its alerts and pending deliveries; False when there was none."""
    w, state, alerts = store.table("watchlists"), store.table("watch_state"), store.table("alerts")
    deliveries = store.table("alert_deliveries")
    with store.writing() as conn:
        ids = sa.select(alerts.c.id).where(alerts.c.watchlist_id == watchlist_id)
        conn.execute(deliveries.delete().where(deliveries.c.alert_id.in_(ids)))
        conn.execute(alerts.delete().where(alerts.c.watchlist_id == watchlist_id))
        conn.execute(state.delete().where(state.c.watchlist_id == watchlist_id))
        conn.execute(store.table("watch_seen").delete().where(store.table("watch_seen").c.watchlist_id == watchlist_id))
        return conn.execute(w.delete().where(w.c.id == watchlist_id)).rowcount > 0


def _watchlist(row, secret: bool = False) -> Watchlist:
    return Watchlist(
        id=row.id,
        kind=row.kind,
        target=row.target,
        label=row.label,
        filters=json.loads(row.filters or "{}"),
        webhook=row.webhook,
        allow_private=bool(row.allow_private),
        created_at=row.created_at,
        secret=row.secret if secret else None,
    )


def watchlists(store: Store) -> list[Watchlist]:
    """Every watchlist, oldest first (without secrets)."""
    w = store.table("watchlists")
    with store.reading() as conn:
        return [_watchlist(r) for r in conn.execute(sa.select(w).order_by(w.c.created_at, w.c.id))]


def get(store: Store, watchlist_id: str, *, secret: bool = False) -> Watchlist | None:
    w = store.table("watchlists")
    with store.reading() as conn:
        row = conn.execute(sa.select(w).where(w.c.id == watchlist_id)).first()
    return _watchlist(row, secret) if row is not None else None

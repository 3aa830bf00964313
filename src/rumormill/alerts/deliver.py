"""Delivering alerts to webhooks from the outbox: signed, retried with backoff, at least once.

    >>> deliver(store)      # posts what is due; returns what happened

Each pending row of `alert_deliveries` whose next try is due is first leased (its next try
moved past the time a post may take), in one transaction, so two deliverers do not post it
together; then posted, outside any transaction; then marked delivered (2xx) or given its next
try, `signing.backoff` after the last, until `MAX_ATTEMPTS` fail. A crash after the post and
before the mark posts it again later: delivery is at least once, and every post of an alert
carries the same alert id (in the body and in `X-Rumormill-Alert-Id`) so a receiver drops
repeats. The body is the alert's JSON, signed over its exact bytes (see `signing`).

The post connects through the same address check as fetching (`read.fetch`): a webhook whose
host resolves to a private, loopback or link-local address is refused (and not retried) unless
its watchlist allows private targets. Redirects are not followed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
import sqlalchemy as sa

from .. import __version__
from ..errors import InputError
from ..read.fetch import _CheckedTransport, _Refused
from ..store import Store
from .signing import ALERT_ID_HEADER, MAX_ATTEMPTS, SIGNATURE_HEADER, backoff, sign
from .watchlists import check_webhook

TIMEOUT = 10.0  # seconds a post may take
LEASE = timedelta(seconds=3 * TIMEOUT)  # a leased row is tried again after this if its deliverer died
BATCH = 100  # deliveries leased at once
MAX_ERROR = 500  # characters of an error kept


@dataclass
class DeliveryReport:
    delivered: int = 0
    retrying: int = 0  # failed this time, tried again later
    failed: int = 0  # given up (too many tries, or a refused target)
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"delivered": self.delivered, "retrying": self.retrying, "failed": self.failed, "errors": self.errors}


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def deliver(
    store: Store, *, now: datetime | None = None, timeout: float = TIMEOUT, jitter: float = 0.1
) -> DeliveryReport:
    """Post every due delivery once; record each outcome. `now` stands for the clock (tests)."""
    moment = now or datetime.now(UTC)
    report = DeliveryReport()
    for item in _lease(store, moment):
        error, permanent = _post(item, timeout)
        _record(store, item, moment, error, permanent, jitter, report)
    return report


def _lease(store: Store, moment: datetime) -> list[dict]:
    """The due deliveries with what posting them needs; their next try moved past the lease."""
    d, alerts, w = store.table("alert_deliveries"), store.table("alerts"), store.table("watchlists")
    query = (
        sa.select(d.c.alert_id, d.c.url, d.c.attempts, alerts.c.payload, w.c.secret, w.c.allow_private)
        .select_from(d.join(alerts, alerts.c.id == d.c.alert_id).join(w, w.c.id == alerts.c.watchlist_id))
        .where(d.c.state == "pending", d.c.next_try <= _iso(moment))
        .order_by(d.c.next_try, d.c.alert_id)
        .limit(BATCH)
    )
    with store.writing() as conn:
        due = [dict(r._mapping) for r in conn.execute(query)]
        if due:
            conn.execute(
                d.update().where(d.c.alert_id.in_([r["alert_id"] for r in due])).values(next_try=_iso(moment + LEASE))
            )
    return due


def _post(item: dict, timeout: float) -> tuple[str | None, bool]:
    """(None, _) when the receiver took it; else (why not, whether retrying is pointless)."""
    body = item["payload"].encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": f"rumormill/{__version__} (webhook)",
        SIGNATURE_HEADER: sign(item["secret"], body),
        ALERT_ID_HEADER: item["alert_id"],
    }
    allow = bool(item["allow_private"])
    try:
        url = check_webhook(item["url"], allow)
        with httpx.Client(transport=_CheckedTransport(allow), timeout=timeout, follow_redirects=False) as client:
            response = client.post(url, content=body, headers=headers)
    except _Refused as e:
        return str(e).replace("--allow-private to fetch it", "--allow-private to post to it"), True
    except httpx.TimeoutException:
        return f"timed out after {timeout:g} s", False
    except httpx.HTTPError as e:
        return f"cannot post: {e or type(e).__name__}", False
    except InputError as e:  # from check_webhook: the stored URL is not one we post to
        return str(e), True
    if 200 <= response.status_code < 300:
        return None, False
    return f"HTTP status {response.status_code}", False


def _record(
    store: Store, item: dict, moment: datetime, error: str | None, permanent: bool, jitter: float, report
) -> None:
    d = store.table("alert_deliveries")
    attempts = item["attempts"] + 1
    values: dict = {"attempts": attempts}
    if error is None:
        values |= {"state": "delivered", "delivered_at": _iso(moment), "last_error": None}
        report.delivered += 1
    elif permanent or attempts >= MAX_ATTEMPTS:
        values |= {"state": "failed", "last_error": error[:MAX_ERROR]}
        report.failed += 1
        report.errors.append(f"{item['alert_id']}: {error}")
    else:
        wait = timedelta(seconds=backoff(attempts, jitter=jitter))
        values |= {"next_try": _iso(moment + wait), "last_error": error[:MAX_ERROR]}
        report.retrying += 1
        report.errors.append(f"{item['alert_id']}: {error}")
    with store.writing() as conn:
        conn.execute(d.update().where(d.c.alert_id == item["alert_id"]).values(**values))


def outbox(store: Store, limit: int = 50) -> list[dict]:
    """The newest deliveries with their state, attempts, next try and last error."""
    d = store.table("alert_deliveries")
    with store.reading() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.select(d).order_by(d.c.next_try.desc()).limit(limit))]

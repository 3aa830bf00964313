"""Source health: how each watched source is doing, read from its own poll history.

    >>> from rumormill.watch import sources_health
    >>> for row in sources_health(store):
    ...     print(row["url"], row["status"], row["articles_per_day"])

`status` is one word: `new` (never polled), `ok`, `failing` (the last poll failed; `error_streak`
says how many in a row), or `quiet`. A source is quiet when it used to publish and has stopped:
it brought new articles in at least `QUIET_MIN_SIGHTINGS` polls, and none for `QUIET_FACTOR`
times its usual gap (the median time between those polls, never less than its poll interval).
A source's own rhythm is the measure: a weekly column is not quiet after two days, a wire feed
is after two hours. A source that never published is not called quiet: there is no gap to go by.
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime

from ..store import Store
from .schedule import backoff_bounds

QUIET_FACTOR = 4.0  # a gap four times the usual one is rare in a source still publishing
QUIET_MIN_SIGHTINGS = 3  # two gaps at least, for a usual gap worth the name
RATE_WINDOW = 30 * 86_400  # articles per day over the last 30 days
DAY = 86_400.0


def usual_gap(sightings: list[float]) -> float | None:
    """The median time between consecutive polls that found new articles (None: fewer than two)."""
    times = sorted(sightings)
    gaps = [b - a for a, b in zip(times, times[1:], strict=False) if b > a]
    return statistics.median(gaps) if gaps else None


def is_quiet(sightings: list[float], interval: float, now: float) -> bool:
    """Whether a source whose polls found new articles at `sightings` has gone quiet by `now`."""
    if len(sightings) < QUIET_MIN_SIGHTINGS:
        return False
    gap = usual_gap(sightings)
    if gap is None:
        return False
    return now - max(sightings) > QUIET_FACTOR * max(gap, interval)


def articles_per_day(polls: list[tuple[float, int]], watched_since: float, now: float) -> float:
    """New articles a day over the last `RATE_WINDOW` (or since the source was added, when that is
    later; at least a day, so a source watched for an hour is not extrapolated from it)."""
    start = max(now - RATE_WINDOW, watched_since)
    found = sum(count for started, count in polls if started >= start)
    return found / max((now - start) / DAY, 1.0)


def health(source: dict, polls: list[tuple[float, int]], now: float) -> dict:
    """A source row with its health: `status`, `quiet`, `usual_gap_s`, `articles_per_day`, the
    times as ISO strings, and during an error streak the range of the wait before the next try."""
    sightings = [started for started, count in polls if count > 0]
    if source.get("last_new") and not sightings:
        sightings = [source["last_new"]]
    quiet = is_quiet(sightings, source["interval_s"], now)
    streak = source.get("error_streak") or 0
    if source.get("last_polled") is None:
        status = "new"
    elif streak:
        status = "failing"
    else:
        status = "quiet" if quiet else "ok"
    gap = usual_gap(sightings)
    row = {
        "id": source["id"],
        "url": source["url"],
        "interval_s": source["interval_s"],
        "status": status,
        "quiet": quiet,
        "error_streak": streak,
        "last_error": source.get("last_error"),
        "articles": source.get("articles") or 0,
        "articles_per_day": round(articles_per_day(polls, source["added_at"], now), 2),
        "usual_gap_s": None if gap is None else round(gap, 1),
        "added": iso(source["added_at"]),
        "last_polled": iso(source.get("last_polled")),
        "last_success": iso(source.get("last_success")),
        "last_new_article": iso(source.get("last_new")),
        "next_due": iso(source["next_due"]),
        "leased": bool(source.get("leased_until") and source["leased_until"] > now),
    }
    if streak:
        row["backoff_s"] = [round(b, 1) for b in backoff_bounds(source["interval_s"], streak)]
    return row


def sources_health(store: Store, now: float | None = None) -> list[dict]:
    """Every watched source with its health (see `health`), in the order they were added."""
    from .sources import list_sources, poll_history

    stamp = time.time() if now is None else now
    history = poll_history(store, stamp - max(RATE_WINDOW, 365 * DAY))
    return [health(source, history.get(source["id"], []), stamp) for source in list_sources(store)]


def iso(stamp: float | None) -> str | None:
    return None if stamp is None else datetime.fromtimestamp(stamp, UTC).isoformat(timespec="seconds")

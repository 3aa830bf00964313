"""The watched sources in the store: add, remove, import, list; claim the due ones; record polls.

    >>> from rumormill import open_store
    >>> from rumormill.watch import add_source, list_sources
    >>> store = open_store("rumormill.db")
    >>> add_source(store, "https://example.com/feed.xml", interval=900)
    >>> [s["url"] for s in list_sources(store)]

A watcher claims due sources with a lease (`leased_until`, `leased_by`) before it polls them and
gives the lease back with the poll's result. On PostgreSQL the claim is `SELECT ... FOR UPDATE
SKIP LOCKED`, outside the store's global write lock: two watchers claiming at once skip each
other's rows instead of waiting, and a source leased to one is not due for the other. On SQLite
the claim runs under the store's write lock (BEGIN IMMEDIATE), which serialises claims; one
watcher per SQLite store is enough (the database has one writer at a time anyway). A lease
outlives a watcher killed mid-poll; it ends when it expires, or at once when a watcher on the
same machine finds that the process holding it is gone.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from ..errors import InputError, StoreError
from ..store import Store

DEFAULT_INTERVAL = 900.0  # seconds: feeds that publish a few times a day lose nothing at 15 minutes
MIN_INTERVAL = 1.0  # below this a "schedule" is a busy loop (tests use a second or less)
LEASE_SECONDS = 1800.0  # a claimed source is another watcher's for at most this long
MAX_URL = 2000
MAX_ID = 2**31 - 1  # the largest id either database gives
# the poll history kept: polls that found nothing for a week (enough for "last success"), polls
# that found articles for a year (what "usual gap" and "articles per day" are read from)
KEEP_EMPTY_POLLS = 7 * 86_400
KEEP_POLLS = 365 * 86_400


def check_url(url: str) -> str:
    """`url` stripped, or InputError when it is not an http(s) URL a watcher can poll."""
    url = (url or "").strip()
    if not url.lower().startswith(("http://", "https://")) or any(c.isspace() for c in url):
        raise InputError(f"{url[:200]!r} is not an http(s) URL")
    if len(url) > MAX_URL:
        raise InputError(f"the URL is {len(url):,} characters long, more than the limit of {MAX_URL}")
    return url


def check_interval(interval: float | None) -> float:
    value = DEFAULT_INTERVAL if interval is None else float(interval)
    if not value >= MIN_INTERVAL:  # also refuses NaN
        raise InputError(f"the interval is {value:g} s; give at least {MIN_INTERVAL:g} s")
    return value


def _sources(store: Store) -> sa.Table:
    return store.table("sources")


def _polls(store: Store) -> sa.Table:
    return store.table("source_polls")


def add_source(store: Store, url: str, interval: float | None = None, *, now: float | None = None) -> dict:
    """Watch `url` (a feed or a page), due at once. A URL watched already keeps its history, is
    due at once too, and takes the new interval when one is given. Returns the source's row."""
    url, seconds = check_url(url), check_interval(interval)
    stamp = time.time() if now is None else now
    s = _sources(store)
    with store.writing() as conn:
        found = conn.execute(sa.select(s.c.id).where(s.c.url == url)).first()
        if found is None:
            conn.execute(s.insert().values(url=url, interval_s=seconds, added_at=stamp, next_due=stamp))
        else:  # added again: due at once (a way to retry a failing source now), history kept
            again = {"next_due": stamp} | ({"interval_s": seconds} if interval is not None else {})
            conn.execute(s.update().where(s.c.id == found.id).values(**again))
        return dict(conn.execute(sa.select(s).where(s.c.url == url)).one()._mapping)


def remove_source(store: Store, url_or_id: str | int) -> bool:
    """Stop watching a source (by URL or id) and drop its poll history; False when there was none.
    The articles it brought stay."""
    s = _sources(store)
    key = str(url_or_id).strip()
    # an id is a 32-bit integer on PostgreSQL: a longer number names no source (and must not reach the driver)
    is_id = key.isascii() and key.isdigit() and int(key) <= MAX_ID
    where = s.c.id == int(key) if is_id else s.c.url == key
    with store.writing() as conn:
        ids = list(conn.execute(sa.select(s.c.id).where(where)).scalars())
        if not ids:
            return False
        # explicit: SQLite's ON DELETE CASCADE needs foreign_keys on, which other tools may not set
        conn.execute(_polls(store).delete().where(_polls(store).c.source_id.in_(ids)))
        conn.execute(s.delete().where(s.c.id.in_(ids)))
    return True


def parse_source_lines(lines: Iterable[str], source: str = "<sources>") -> Iterator[tuple[str, float | None]]:
    """(url, interval or None) from a sources file: one URL a line, optionally followed by its
    interval in seconds; blank lines and `#` comments are skipped. A `.urls` list is one.

        # gossip feeds
        https://example.com/feed.xml 600
        https://example.org/rss
    """
    for n, line in enumerate(lines, 1):
        text = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not text:
            continue
        parts = text.split()
        if len(parts) > 2:
            raise InputError(
                f"expected a URL and an optional interval, found {len(parts)} words", source=source, line=n
            )
        try:
            url = check_url(parts[0])
            seconds = float(parts[1]) if len(parts) == 2 else None
            interval = None if seconds is None else check_interval(seconds)
        except InputError as error:  # before ValueError: an InputError is one
            raise InputError(str(error), source=source, line=n) from None
        except ValueError:
            raise InputError(f"{parts[1][:40]!r} is not an interval in seconds", source=source, line=n) from None
        yield url, interval


def import_sources(store: Store, path: str | Path, interval: float | None = None) -> int:
    """Watch every URL of a sources file (see `parse_source_lines`); return how many lines it
    held. The whole file is checked first: a bad line adds nothing."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", source=str(path)) from e
    entries = list(parse_source_lines(lines, str(path)))
    for url, own in entries:
        add_source(store, url, own if own is not None else interval)
    return len(entries)


def list_sources(store: Store) -> list[dict]:
    """Every watched source's row, in the order they were added."""
    s = _sources(store)
    with store.reading() as conn:
        return [dict(row._mapping) for row in conn.execute(sa.select(s).order_by(s.c.id))]


def poll_history(store: Store, since: float) -> dict[int, list[tuple[float, int]]]:
    """{source id: [(started, new articles), ...]} of the polls since `since`, oldest first."""
    p = _polls(store)
    query = sa.select(p.c.source_id, p.c.started, p.c.articles).where(p.c.started >= since).order_by(p.c.seq)
    found: dict[int, list[tuple[float, int]]] = {}
    with store.reading() as conn:
        for row in conn.execute(query):
            found.setdefault(row.source_id, []).append((row.started, row.articles))
    return found


def polls_of(store: Store, source_id: int, limit: int = 50) -> list[dict]:
    """A source's latest polls, newest first."""
    p = _polls(store)
    query = sa.select(p).where(p.c.source_id == source_id).order_by(p.c.seq.desc()).limit(limit)
    with store.reading() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def next_due(store: Store) -> float | None:
    """When the next source not leased to a watcher is due (None: no such source)."""
    s = _sources(store)
    with store.reading() as conn:
        return conn.execute(sa.select(sa.func.min(s.c.next_due)).where(s.c.leased_by.is_(None))).scalar()


# -- the watcher's side: leases -------------------------------------------------------------


def holder_name(n: int = 0) -> str:
    """Who holds a lease: this machine, this process, and which watcher of it."""
    return f"{socket.gethostname()[:100]}:{os.getpid()}:{n}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


@contextmanager
def _claiming(store: Store) -> Iterator[sa.Connection]:
    """A transaction to claim in: PostgreSQL's row locks (SKIP LOCKED) keep two watchers apart
    without the store's global write lock, which would queue the claim behind any ingest; on
    SQLite the write lock is the only lock there is."""
    if store.dialect != "postgresql":
        with store.writing() as conn:
            yield conn
        return
    try:
        with store.engine.connect() as conn:
            with conn.begin():
                yield conn
    except sa.exc.SQLAlchemyError as e:
        raise StoreError(f"{store.url}: claiming sources failed: {e}") from e


def claim_due(store: Store, holder: str, *, limit: int = 4, now: float | None = None) -> list[dict]:
    """Lease up to `limit` due sources to `holder`, the longest overdue first; return their rows."""
    stamp = time.time() if now is None else now
    s = _sources(store)
    free = sa.or_(s.c.leased_until.is_(None), s.c.leased_until < stamp)
    query = (
        sa.select(s.c.id)
        .where(s.c.next_due <= stamp, free)
        .order_by(s.c.next_due, s.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)  # PostgreSQL; SQLite renders nothing (the write lock serialises)
    )
    with _claiming(store) as conn:
        ids = list(conn.execute(query).scalars())
        if not ids:
            return []
        conn.execute(
            s.update().where(s.c.id.in_(ids)).values(leased_until=stamp + LEASE_SECONDS, leased_by=holder[:200])
        )
        rows = conn.execute(sa.select(s).where(s.c.id.in_(ids)).order_by(s.c.next_due, s.c.id))
        return [dict(row._mapping) for row in rows]


def release(store: Store, holder: str, ids: Iterable[int] | None = None) -> int:
    """Give back `holder`'s leases (those of `ids`, or all of them) without polling."""
    s = _sources(store)
    where = [s.c.leased_by == holder]
    if ids is not None:
        where.append(s.c.id.in_(list(ids)))
    with store.writing() as conn:
        return conn.execute(s.update().where(*where).values(leased_until=None, leased_by=None)).rowcount


def release_orphans(store: Store) -> int:
    """Give back the leases of watchers on this machine whose process is gone (killed mid-poll):
    their sources are due again at once instead of when the lease would have run out."""
    s = _sources(store)
    host = socket.gethostname()[:100]
    with store.reading() as conn:
        held = conn.execute(sa.select(s.c.id, s.c.leased_by).where(s.c.leased_by.is_not(None))).all()
    orphans = []
    for row in held:
        machine, _, rest = row.leased_by.partition(":")
        pid = rest.partition(":")[0]
        if machine == host and pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            orphans.append(row.id)
    if not orphans:
        return 0
    with store.writing() as conn:
        return conn.execute(s.update().where(s.c.id.in_(orphans)).values(leased_until=None, leased_by=None)).rowcount


def record_poll(store: Store, source: dict, holder: str, result, *, next_due: float, now: float | None = None) -> None:
    """Store a poll's outcome, the source's new schedule and validators, and end the lease.

    `result` is a `PollResult`. The schedule is written only while `holder` still holds the lease
    (a lease that ran out may have gone to another watcher, whose schedule wins); the poll's
    history row is written either way."""
    stamp = time.time() if now is None else now
    s, p = _sources(store), _polls(store)
    failed = result.outcome == "error"
    values: dict = {"last_polled": result.started, "leased_until": None, "leased_by": None, "next_due": next_due}
    if failed:
        values |= {"error_streak": s.c.error_streak + 1, "last_error": (result.error or "")[:2000]}
    else:
        values |= {"error_streak": 0, "last_error": None, "last_success": stamp}
        if result.status == 200:  # a 304 leaves the validators as they were
            values |= {"etag": _validator(result.etag), "last_modified": _validator(result.last_modified)}
        if result.new_ids:
            values |= {"last_new": stamp, "articles": s.c.articles + len(result.new_ids)}
    with store.writing() as conn:
        if conn.execute(sa.select(s.c.id).where(s.c.id == source["id"])).first() is None:
            return  # removed while it was being polled: its history went with it
        conn.execute(s.update().where(s.c.id == source["id"], s.c.leased_by == holder).values(**values))
        conn.execute(
            p.insert().values(
                source_id=source["id"],
                started=result.started,
                seconds=max(0.0, stamp - result.started),
                outcome=result.outcome,
                http_status=result.status,
                articles=len(result.new_ids),
                error=(result.error or "")[:2000] or None,
            )
        )
        old = sa.or_(
            p.c.started < stamp - KEEP_POLLS, sa.and_(p.c.articles == 0, p.c.started < stamp - KEEP_EMPTY_POLLS)
        )
        conn.execute(p.delete().where(p.c.source_id == source["id"], old))


def _validator(value: str | None) -> str | None:
    """An ETag or Last-Modified worth sending back: printable, and short (the server's words are
    hostile input; a header with a newline would not even be sent)."""
    if not value or len(value) > 200 or not value.isprintable():
        return None
    return value

"""One poll of one source: a conditional GET, then what is new goes through `ingest`.

A 304 (the validators still hold) ends the poll there: nothing is read. A feed gives its entries
(teasers completed from their pages, skipped when their URL is stored already), a page its
article; `ingest` stores them with everything it guarantees (an article stored already only
gains an appearance; a batch lands whole or not at all; what cannot be read or analysed goes to
the store's failures). A source that cannot be fetched, or is neither a feed nor a page, fails
the poll; the store keeps the failure under the source's URL until the source answers again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import InputError, RumormillError
from ..model import Article
from ..read._page import parse_page
from ..read.feed import looks_like_feed, read_feed
from ..read.fetch import FEED_TYPES, HTML_TYPES, fetch_if_changed, fetch_url
from ..store import Store

_FEED_ONLY_TYPES = FEED_TYPES - {"application/xml", "text/xml"}


class Stopped(Exception):
    """The watcher is stopping: the poll was abandoned before it stored anything."""


@dataclass
class PollResult:
    """What a poll found. `outcome`: new (stored new articles), unchanged (read, nothing new),
    not_modified (answered 304, nothing read) or error."""

    source: str
    started: float
    outcome: str = "error"
    status: int | None = None  # the HTTP status of the source's response
    new_ids: list[str] = field(default_factory=list)  # articles this poll stored for the first time
    read: int = 0  # articles read from the response
    failed: int = 0  # entries that could not be read or analysed (kept in the store's failures)
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None


def poll(
    store: Store,
    source: dict,
    *,
    allow_private: bool = False,
    before_fetch: Callable[[str], bool] = lambda url: True,
) -> PollResult:
    """Poll `source` (a row of the sources table) once and ingest what is new.

    Args:
        before_fetch: called with each URL before it is fetched (the source, and the pages of a
            feed's teaser entries); it waits for the host's turn, and returns False to give up.

    Raises:
        Stopped: `before_fetch` gave up; nothing was stored, and the source is as it was.
    """
    from ..ingest import ingest

    url = source["url"]
    result = PollResult(source=url, started=time.time())
    try:
        if not before_fetch(url):
            raise Stopped(url)
        answer = fetch_if_changed(
            url, etag=source.get("etag"), last_modified=source.get("last_modified"), allow_private=allow_private
        )
        result.status, result.etag, result.last_modified = answer.status, answer.etag, answer.last_modified
        if source.get("error_streak"):
            store.add_many([], resolved=[url])  # it answers again: its failure is no longer one
        if answer.status == 304:
            result.outcome = "not_modified"
            return result
        entry_errors: list[InputError] = []
        articles = _articles(store, answer, url, allow_private, before_fetch, entry_errors.append)
    except RumormillError as error:
        result.error = str(error)
        store.record_failure(url, "watch", result.error)
        return result
    for error in entry_errors:
        origin = f"{error.source}:{error.line}" if error.line is not None else (error.source or url)
        store.record_failure(origin, "read", str(error))
    before = store.pipelines(a.id for a in articles)
    todo = _not_stored(store, articles, before)
    failed = ingest(todo, store).failed if todo else 0
    after = store.pipelines(a.id for a in todo)
    result.new_ids = list(dict.fromkeys(a.id for a in todo if a.id not in before and a.id in after))
    result.read, result.failed = len(articles), len(entry_errors) + failed
    result.outcome = "new" if result.new_ids else "unchanged"
    if result.failed:
        result.error = f"{result.failed} entries failed (see rumormill failures)"
    return result


def _not_stored(store: Store, articles: list[Article], stored: dict[str, str | None]) -> list[Article]:
    """The articles `ingest` has something to do for: all but those stored by the current pipeline
    with an appearance at this very URL already. A feed read again in full (its server ignores
    the validators) is mostly such entries; skipping them before `ingest` took a re-read feed of
    three known entries from about 12 to 5 ms of CPU (benchmarks/watch.py)."""
    import sqlalchemy as sa

    from ..analyze import pipeline_info
    from ..store import pipeline_version

    urls = list({a.url for a in articles if a.url})
    if not urls or not any(stored.values()):
        return articles
    current = pipeline_version(pipeline_info())
    seen = store.table("appearances")
    query = sa.select(seen.c.article_id, seen.c.url).where(seen.c.url.in_(urls))
    with store.reading() as conn:
        pairs = set(conn.execute(query).tuples())
    return [a for a in articles if not (stored.get(a.id) == current and (a.id, a.url) in pairs)]


def _articles(store: Store, answer, url: str, allow_private: bool, before_fetch, on_error) -> list[Article]:
    """The articles of a fetched source: a feed's entries, or the page's article."""
    media_type = answer.content_type
    if media_type in _FEED_ONLY_TYPES or (media_type not in HTML_TYPES and looks_like_feed(answer.content)):

        def fetch_page(link: str) -> Article:
            if not before_fetch(link):
                raise Stopped(link)
            return fetch_url(link, allow_private=allow_private)

        def known(link: str) -> bool:
            return bool(store.known_urls([link]))

        return list(read_feed(answer.content, url, fetch=fetch_page, skip_url=known, on_error=on_error))
    if media_type in FEED_TYPES:  # XML that is no feed (a sitemap, an error document): not a page either
        raise InputError(f"{media_type} that is not an RSS or Atom feed", source=url)
    return [parse_page(answer.content, url, url=answer.url, charset=answer.charset)]

"""Ingest: read articles from anywhere `read()` can, analyse what is new, store it in batches.

    >>> from rumormill import ingest, open_store
    >>> report = ingest(["feeds/", "urls.urls"], open_store("rumormill.db"))
    >>> report.stored, report.failed

Idempotent: an article is keyed by the hash of its normalised text, so a copy already stored
only adds an appearance (its URL, outlet and date), and a rerun analyses nothing twice.
Atomic per batch: a batch's analyses, appearances and failures land in one transaction.
Resumable and crash-safe: kill the run at any point and run it again; what was committed is
skipped, what was not is done again, and the final counts are those of an uninterrupted run.
A record that cannot be read or analysed goes to the store's failures with its location.
Each stored batch is then linked into stories, origins and claim threads (`rumormill.corpus`);
an article whose linking was cut short is linked by the next run, or by `rumormill link`.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import settings
from .errors import InputError, RumormillError, StoreError
from .model import Analysis, Article
from .store import Added, Store, open_store, pipeline_version, vectors

MAX_KEPT_FAILURES = 1000  # failures listed on the report; the store keeps all of them


@dataclass
class IngestReport:
    """What one ingest run did. `failures` lists (origin, error) for the first failures."""

    read: int = 0  # articles read
    analysed: int = 0  # articles analysed in this run
    stored: int = 0  # new articles stored
    replaced: int = 0  # stale articles analysed again and replaced
    unchanged: int = 0  # already stored: copies, or a rerun
    appearances: int = 0  # new appearances (URLs, feeds, files an article was seen in)
    failed: int = 0  # records that could not be read or analysed
    read_failures: int = 0  # of those, the ones that could not be read
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    analysis_seconds: float = 0.0
    store_seconds: float = 0.0
    link_seconds: float = 0.0
    linked: int = 0  # articles linked into stories and threads

    @property
    def processed(self) -> int:
        """Records handled so far, failed or not (the progress count)."""
        return self.read + self.read_failures

    @property
    def all_failed(self) -> bool:
        return self.failed > 0 and self.read == 0

    def to_dict(self) -> dict:
        return {
            "read": self.read,
            "analysed": self.analysed,
            "stored": self.stored,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "appearances": self.appearances,
            "failed": self.failed,
            "failures": [{"origin": origin, "error": error} for origin, error in self.failures],
            "seconds": round(self.seconds, 3),
            "analysis_seconds": round(self.analysis_seconds, 3),
            "store_seconds": round(self.store_seconds, 3),
            "link_seconds": round(self.link_seconds, 3),
            "linked": self.linked,
        }


def origin_of(article: Article) -> str:
    return article.origin or article.url or article.ref or article.id


def _error_origin(error: RumormillError) -> str:
    if isinstance(error, InputError) and error.source is not None:
        return f"{error.source}:{error.line}" if error.line is not None else error.source
    return "<input>"


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    sources: str | Path | Iterable[str | Path | Article],
    store: Store | str | Path | None = None,
    *,
    format: str | None = None,
    published: str | date | None = None,
    batch_size: int | None = None,
    allow_private: bool = False,
    link: bool = True,
    on_progress: Callable[[IngestReport], None] | None = None,
    post_alerts: bool = True,
) -> IngestReport:
    """Read, analyse and store articles; return what happened.

    Args:
        sources: paths, directories, globs, URLs (pages or feeds), or `Article`s.
        store: a `Store`, or a location for `open_store` (default: the `db` setting).
        format: override the format guessed from each file name.
        published: a publication date for articles that have none.
        batch_size: articles per analysis batch and per transaction.
        allow_private: let URL fetches reach private, loopback and link-local addresses.
        link: link what is stored into stories, origins and claim threads as it goes.
        on_progress: called with the report after each record is read and each batch is stored.
        post_alerts: post the watchlists' due webhooks at the end (False: only find the alerts;
            the caller posts them, `alerts.deliver_due`, as the web API does after answering).
    """
    from .analyze import analyze_many
    from .read import read

    opened = not isinstance(store, Store)
    db = open_store(store) if opened else store
    report = IngestReport()
    started = time.perf_counter()
    size = int(batch_size or settings.get("batch_size"))

    def read_failed(error: RumormillError) -> None:
        report.read_failures += 1
        _fail(db, report, _error_origin(error), "read", error, record=True)
        if on_progress:
            on_progress(report)

    def counted(articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            report.read += 1
            yield article

    try:
        items = [sources] if isinstance(sources, (str, Path, Article)) else list(sources)
        paths = [_absolute(i) for i in items if not isinstance(i, Article)]
        given = [i for i in items if isinstance(i, Article)]
        articles: Iterable[Article] = given
        if paths:
            options = {"allow_private": allow_private, "skip_url": _skip_known(db)}
            articles = itertools.chain(given, read(paths, format=format, on_error=read_failed, **options))
        if link:
            _link(db, report, None)  # what an interrupted run stored but did not link
        for batch in _batches(counted(articles), size):
            stored, seen_again, replaced = _ingest_batch(db, batch, report, published, analyze_many)
            if link:
                _link(db, report, stored, seen_again, replaced)
            _embed_rest(db, report, stored)
            if on_progress:
                on_progress(report)
        if link and (report.stored or report.replaced or report.appearances or report.linked):
            _alert(db, post_alerts)
    finally:
        report.seconds = time.perf_counter() - started
        if opened:
            db.close()
    return report


def _absolute(source):
    """Files are recorded by absolute path, so a rerun from another folder finds them done."""
    text = str(source)
    if text == "-" or "://" in text:
        return text
    path = Path(text).expanduser()
    return str(path.absolute()) if not path.is_absolute() else text


def _skip_known(db: Store) -> Callable[[str], bool]:
    def skip(url: str) -> bool:
        return bool(db.known_urls([url]))

    return skip


def _fail(db: Store, report: IngestReport, origin: str, stage: str, error: Exception, record: bool) -> tuple:
    report.failed += 1
    message = str(error)
    if len(report.failures) < MAX_KEPT_FAILURES:
        report.failures.append((origin, message))
    if record:
        db.record_failure(origin, stage, message)
    return origin, stage, message


def _link(
    db: Store, report: IngestReport, ids: list[str] | None, seen_again: list[str] = (), relink: list[str] = ()
) -> None:
    """Link a batch's stored articles that are not linked yet (None: every such article), and
    again the re-analysed ones (`relink`); recount the threads of articles that gained an appearance."""
    from . import corpus

    tick = time.perf_counter()
    if ids is None or ids:
        report.linked += corpus.link(db, ids, relink=relink).articles
    if seen_again:
        corpus.recount(db, seen_again)
    report.link_seconds += time.perf_counter() - tick


def _alert(db: Store, post: bool = True) -> None:
    """Tell the watchlists what this run stored (`rumormill.alerts`): find the alerts, post the
    due webhooks (unless `post` is False). Never raises: the articles are stored, and the next
    check finds what it missed."""
    from . import alerts

    alerts.after_cycle(db, post=post)


def _embed_rest(db: Store, report: IngestReport, ids: list[str]) -> None:
    """The claim vectors that storing left for later (past `vectors.AT_STORE` an article), made
    once the batch is linked, so that a long article does not hold its linking up."""
    from . import embed
    from .store.base import embedding_claims

    if not ids or not embedding_claims() or not embed.available():
        return
    tick = time.perf_counter()
    db.embed_missing(articles=ids)
    report.store_seconds += time.perf_counter() - tick


def _ingest_batch(
    db: Store, batch: list[Article], report: IngestReport, published: str | date | None, analyze_many
) -> tuple[list[str], list[str], list[str]]:
    """Analyse and store one batch; return the ids of its stored articles, those seen again under
    a new appearance, and those analysed again and replaced."""
    from .analyze import pipeline_info

    current = pipeline_version(pipeline_info())
    stored = db.pipelines(a.id for a in batch)
    todo: list[Article] = []
    copies: list[Article] = []
    seen: set[str] = set()
    for article in batch:
        if stored.get(article.id) == current or article.id in seen:
            copies.append(article)  # stored already, or earlier in this batch: an appearance only
        else:
            todo.append(article)
            seen.add(article.id)
    failures: list[tuple[str, str, str]] = []

    def analysis_failed(item, error: RumormillError) -> None:
        origin = origin_of(item) if isinstance(item, Article) else _error_origin(error)
        failures.append(_fail(db, report, origin, "analyze", error, record=False))

    if published is not None:
        iso = published.isoformat() if isinstance(published, date) else str(published)[:10]
        todo = [a if a.published else a.model_copy(update={"published": iso}) for a in todo]
    tick = time.perf_counter()
    analyses: list[Analysis] = list(analyze_many(todo, on_error=analysis_failed))
    report.analysis_seconds += time.perf_counter() - tick
    report.analysed += len(analyses)
    done = {a.article.id for a in analyses}
    copies = [c for c in copies if c.id in done or c.id in stored]
    tick = time.perf_counter()
    try:
        added = db.add_many(
            analyses,
            appearances=copies,
            failures=failures,
            resolved=[origin_of(a.article) for a in analyses] + [origin_of(c) for c in copies],
            embed_limit=vectors.AT_STORE,
        )
    except StoreError:
        if len(analyses) + len(copies) <= 1:
            raise
        # one record the database refuses must not take its batch with it: store them one at a time
        added = _add_one_by_one(db, report, analyses, copies, failures)
        analyses = [a for a in analyses if a.article.id not in added.failed_ids]
    report.store_seconds += time.perf_counter() - tick
    report.stored += added.articles
    report.replaced += added.replaced
    report.unchanged += added.unchanged + len(copies)
    report.appearances += added.appearances
    # every stored article of the batch, in its order: another ingest may have stored some of them
    # and not linked them yet; linking skips what is linked already
    stored_ids = list(dict.fromkeys([a.article.id for a in analyses] + [c.id for c in copies]))
    seen_again = list(dict.fromkeys(c.id for c in copies)) if added.appearances else []
    return stored_ids, seen_again, added.replaced_ids


def _add_one_by_one(db: Store, report: IngestReport, analyses, copies, failures) -> Added:
    """Store a batch record by record after the database refused it whole; a record it refuses
    again goes to the failures. Raises when the store cannot even record that (it is down)."""
    total = Added()
    total.failed_ids = set()
    db.add_many([], failures=failures)
    for item in [*analyses, *copies]:
        article = item.article if isinstance(item, Analysis) else item
        try:
            if isinstance(item, Analysis):
                added = db.add_many([item], resolved=[origin_of(article)])
            else:
                added = db.add_many([], appearances=[item], resolved=[origin_of(article)])
        except StoreError as error:
            total.failed_ids.add(article.id)
            _fail(db, report, origin_of(article), "store", error, record=True)
            continue
        total.articles += added.articles
        total.replaced += added.replaced
        total.unchanged += added.unchanged
        total.appearances += added.appearances
        total.replaced_ids += added.replaced_ids
    return total


def reanalyze(store: Store | str | Path | None = None, *, batch_size: int | None = None, on_progress=None) -> dict:
    """Analyse again, in place, every stored article that an older pipeline produced or that is
    marked stale. Idempotent: a second run finds nothing to do."""
    from .analyze import analyze_many, pipeline_info

    opened = not isinstance(store, Store)
    db = open_store(store) if opened else store
    result = {"stale": 0, "reanalysed": 0, "failed": 0}
    try:
        ids = db.stale_ids(pipeline_version(pipeline_info()))
        result["stale"] = len(ids)
        size = int(batch_size or settings.get("batch_size"))
        for start in range(0, len(ids), size):
            articles = [a.article for a in (db.get(i) for i in ids[start : start + size]) if a is not None]
            failures = []

            def failed(item, error, failures=failures):
                failures.append((origin_of(item) if isinstance(item, Article) else "<stored>", "reanalyze", str(error)))

            analyses = list(analyze_many(articles, on_error=failed))
            db.add_many(analyses, failures=failures)
            from . import corpus

            corpus.link(db, [a.article.id for a in analyses], relink_changed=True)
            result["reanalysed"] += len(analyses)
            result["failed"] += len(failures)
            if on_progress:
                on_progress(result)
    finally:
        if opened:
            db.close()
    return result

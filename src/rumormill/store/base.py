"""The store: stored Analyses behind one narrow interface, on SQLite or PostgreSQL.

    >>> from rumormill import open_store
    >>> store = open_store("sqlite:///rumormill.db")
    >>> store.add_many([analysis])            # one transaction; idempotent
    >>> store.search("living apart", filters=Filters(source_kind="anonymous"))

`Store` holds everything both databases share (SQLAlchemy Core on the migrated, reflected
schema); a dialect class adds its connection setup and full-text search. An article is keyed
by the hash of its normalised text, so the same text from two feeds is one article with two
appearances.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

import numpy as np
import sqlalchemy as sa

from ..errors import ConfigError, InputError, StoreError, StoreTimeout
from ..model import Analysis, Article
from . import migrations, vectors
from .rows import child_rows, credibility_score

TABLES = (
    "articles",
    "appearances",
    "entities",
    "entity_names",
    "attributes",
    "relations",
    "times",
    "quotes",
    "claims",
    "claim_about",
    "failures",
)
CHILD_TABLES = ("entities", "entity_names", "attributes", "relations", "times", "quotes", "claims", "claim_about")
PAGE = 500  # rows per round trip when streaming
MAX_QUERY_CHARS = 500  # the longest full-text query any entry point takes
MAX_QUERY_TERMS = 24  # words, phrases, OR and -word terms in one query
MAX_LIKE_CHARS = 2000  # the longest text "claims like this" takes: a claim is a sentence or two
POST_FILTER = 400  # the nearest claims checked against broad filters before the keys they pass are read
# seconds a full-text search statement may run on a store with a statement timeout (as `serve`
# opens it): 24 common words ORed rank most of the claims of a 14k-article SQLite store
SEARCH_TIMEOUT = 1.5


def check_query(query: str | None) -> None:
    """Refuse a full-text query too long or with too many terms: its cost grows with both, and no
    one types more. The API, the pages, the CLI and the library all pass through here."""
    if not query:
        return
    if len(query) > MAX_QUERY_CHARS:
        raise InputError(f"the query is {len(query):,} characters long, more than the limit of {MAX_QUERY_CHARS}")
    terms = sum(word != "OR" for word in query.split())  # OR joins terms; it is not one
    if terms > MAX_QUERY_TERMS:
        raise InputError(f"the query has {terms} terms, more than the limit of {MAX_QUERY_TERMS}")


def embedding_claims() -> bool:
    """Whether claims get their vectors as they are stored (RUMORMILL_EMBED_CLAIMS): the embedding
    costs more than storing does, so a bulk load may leave it to `rumormill embed`."""
    from ..settings import get

    value = str(get("embed_claims")).strip().lower()
    if value not in ("on", "off"):
        raise ConfigError(f"RUMORMILL_EMBED_CLAIMS={value!r}: use on or off")
    return value == "on"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def pipeline_version(pipeline: dict) -> str:
    """A short, stable name for what produced an Analysis; a change means the row is stale."""
    parts = [
        f"rumormill-{pipeline.get('rumormill', '?')}",
        f"{pipeline.get('model', '?')}-{pipeline.get('model_version', '?')}",
        f"lex-{pipeline.get('lexicons', '?')}",
    ]
    if pipeline.get("credibility"):
        parts.append(f"cred-{pipeline['credibility']}")
    return "+".join(parts)


@dataclass(frozen=True)
class Filters:
    """What `search`, `articles` and the exports can narrow by. `None` means no filter."""

    entity: str | None = None  # a name or alias, case-insensitive: claims about or by it
    source_kind: str | None = None
    certainty: str | None = None
    outlet: str | None = None  # any appearance's outlet, case-insensitive
    since: str | None = None  # ISO date, inclusive, on the publication date
    until: str | None = None  # ISO date, inclusive

    def active(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass
class Added:
    """What one `add_many` call did."""

    articles: int = 0  # new articles
    replaced: int = 0  # stale rows analysed again
    unchanged: int = 0  # already stored, same pipeline
    appearances: int = 0  # new appearances
    replaced_ids: list[str] = field(default_factory=list)  # the ids of the replaced rows


def appearance_of(article: Article) -> dict:
    key = article.url or article.origin or ""
    return {
        "article_id": article.id,
        "key": key,
        "url": article.url,
        "origin": article.origin,
        "ref": article.ref,
        "outlet": article.outlet,
        "published": article.published,
        "title": article.title,
    }


class Store:
    """Stored Analyses, their appearances and failures. Use `open_store()` to get one."""

    dialect = "sql"

    def __init__(self, engine: sa.Engine, statement_timeout: float | None = None):
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=True)
        self.statement_timeout = statement_timeout  # seconds a read statement may run (None: no limit)
        try:
            migrations.upgrade(engine)
            meta = sa.MetaData()
            with warnings.catch_warnings():
                # the lower(name) index cannot be reflected; queries do not need it reflected
                warnings.filterwarnings("ignore", "Skipped unsupported reflection", sa.exc.SAWarning)
                meta.reflect(engine, only=list(TABLES))
        except sa.exc.SQLAlchemyError as e:
            raise StoreError(f"{self.url}: cannot open the store: {_reason(e)}") from e
        self.t = {name: meta.tables[name] for name in TABLES}
        self._meta = meta
        self._vectors = vectors.VectorIndex()  # read on the first "claims like this"

    def table(self, name: str) -> sa.Table:
        """Any migrated table by name, reflected once. Later stages (stories, threads) keep their
        own tables in their own migrations and reach them through this."""
        if name not in self._meta.tables:
            try:
                self._meta.reflect(self.engine, only=[name])
            except sa.exc.SQLAlchemyError as e:
                raise StoreError(f"{self.url}: no table {name!r}: {_reason(e)}") from e
        return self._meta.tables[name]

    # -- plumbing -------------------------------------------------------------------------

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.url}>"

    def _lock_writes(self, conn: sa.Connection) -> None:
        """Take the store's write lock for this transaction: writers queue, one at a time, so two
        ingests never place the same article or make the same thread at once (SQLite takes it
        with BEGIN IMMEDIATE; PostgreSQL with an advisory lock)."""

    # -- transactions: the store's interface for the stages that keep their own tables --------
    # The corpus (stories, origins, claim threads) keeps tables in its own migrations and runs
    # its queries in these transactions, reaching its tables through `table()`. The store keeps
    # what every transaction needs: the write lock, statement time limits, errors as StoreError.

    @contextmanager
    def writing(self) -> Iterator[sa.Connection]:
        """One write transaction, under the store's write lock (writers queue, one at a time).
        Statements here have no time limit. A database error is a `StoreError`."""
        try:
            with self.engine.connect() as conn:
                conn.execution_options(write=True)
                with conn.begin():
                    self._lock_writes(conn)
                    yield conn
        except sa.exc.SQLAlchemyError as e:
            raise StoreError(f"{self.url}: write failed: {_reason(e)}") from e

    def _limit_statements(self, conn: sa.Connection, seconds: float) -> None:
        """Give this connection's statements a shorter timeout than the store's."""
        raise NotImplementedError

    @contextmanager
    def reading(self, timeout: float | None = None) -> Iterator[sa.Connection]:
        """A connection to read with; each statement stops after the store's statement timeout
        (or `timeout`, when that is shorter) with a `StoreTimeout`."""
        limit = self.statement_timeout
        try:
            with self.engine.connect() as conn:
                if limit and timeout is not None and timeout < limit:
                    limit = timeout
                    self._limit_statements(conn, limit)
                yield conn
        except sa.exc.SQLAlchemyError as e:
            if _timed_out(e):
                raise StoreTimeout(f"{self.url}: the query took longer than the limit of {limit:g} s") from e
            raise StoreError(f"{self.url}: read failed: {_reason(e)}") from e

    def _insert_ignore(self, table: sa.Table):
        """INSERT ... ON CONFLICT DO NOTHING, in the dialect's own words."""
        raise NotImplementedError

    # -- writing --------------------------------------------------------------------------

    def add(self, analysis: Analysis) -> Added:
        return self.add_many([analysis])

    def add_many(
        self,
        analyses: Iterable[Analysis],
        *,
        appearances: Iterable[Article] = (),
        failures: Iterable[tuple[str, str, str]] = (),
        resolved: Iterable[str] = (),
        embed_limit: int | None = None,
    ) -> Added:
        """Store analyses and appearances in one transaction: all of it lands, or none.

        An article already stored under the same pipeline version only gains appearances;
        one stored by another version (or marked stale) is replaced in place.

        Args:
            analyses: what to store; each one's article is also an appearance.
            appearances: further articles whose text is stored already (copies seen again).
            failures: `(origin, stage, error)` to record in the same transaction.
            resolved: origins that succeeded now; their old failures are cleared.
            embed_limit: claims an article to embed now, the most check-worthy (None: all);
                `embed_missing` adds the rest.
        """
        done = Added()
        t = self.t
        stamp = now()
        analyses = list(analyses)
        embedded = self._embed_new(analyses, embed_limit)  # before the write lock: encoding is the slow part
        with self.writing() as conn:
            for analysis in analyses:
                article = analysis.article
                version = pipeline_version(analysis.pipeline)
                existing = conn.execute(
                    sa.select(t["articles"].c.pipeline, t["articles"].c.stale).where(t["articles"].c.id == article.id)
                ).first()
                if existing is not None and existing.pipeline == version and not existing.stale:
                    done.unchanged += 1
                elif existing is not None:
                    self._replace(conn, analysis, version, stamp, embedded.get(article.id))
                    done.replaced += 1
                    done.replaced_ids.append(article.id)
                else:
                    row = self._article_row(analysis, version, stamp)
                    inserted = conn.execute(
                        self._insert_ignore(t["articles"]).values(**row).returning(t["articles"].c.pk)
                    ).first()
                    if inserted is None:  # another writer stored it a moment ago
                        done.unchanged += 1
                    else:
                        self._insert_children(conn, analysis, embedded=embedded.get(article.id))
                        done.articles += 1
                done.appearances += self._add_appearance(conn, article, stamp)
            for article in appearances:
                done.appearances += self._add_appearance(conn, article, stamp)
            for origin, stage, error in failures:
                self._record_failure(conn, origin, stage, error, stamp)
            self._resolve(conn, [o for o in resolved if o])
        return done

    def _resolve(self, conn: sa.Connection, origins: list[str]) -> None:
        """Clear the failures of records that succeeded now. A failure inside a file-level record
        is kept as "path:line", so "path" also clears "path:<line>"."""
        f = self.t["failures"]
        for start in range(0, len(origins), PAGE):
            page = origins[start : start + PAGE]
            inside = [f.c.origin.startswith(o + ":", autoescape=True) for o in page]
            conn.execute(f.delete().where(sa.or_(f.c.origin.in_(page), *inside)))

    def _article_row(self, analysis: Analysis, version: str, stamp: str) -> dict:
        article = analysis.article
        return {
            "id": article.id,
            "title": article.title,
            "text": article.text,
            "url": article.url,
            "outlet": article.outlet,
            "published": article.published,
            "language": article.language,
            "pipeline": version,
            "stale": False,
            "analysis": analysis.to_json(),
            "credibility": credibility_score(analysis),
            "added_at": stamp,
            "analysed_at": stamp,
        }

    def _embed_new(self, analyses: list[Analysis], limit: int | None = None) -> dict:
        """Claim vectors of the analyses this call will store (not those stored already under the
        same pipeline, which only gain an appearance), `limit` an article at most; empty without
        the embeddings installed."""
        if not analyses or not embedding_claims() or not vectors.embed.available():
            return {}
        stored = self.pipelines(a.article.id for a in analyses)
        fresh = [a for a in analyses if stored.get(a.article.id, "") != pipeline_version(a.pipeline)]
        return vectors.encode_analyses(fresh, limit)

    def _insert_children(
        self, conn: sa.Connection, analysis: Analysis, published: str | None = None, embedded=None
    ) -> None:
        for table, rows in child_rows(analysis, published).items():
            if rows:
                conn.execute(self.t[table].insert(), rows)
        if embedded is not None:
            self._insert_vectors(conn, analysis, embedded)

    def _insert_vectors(self, conn: sa.Connection, analysis: Analysis, embedded) -> int:
        return vectors.insert(conn, self.t["claims"], self.table("claim_vectors"), analysis.article.id, embedded)

    def _replace(self, conn: sa.Connection, analysis: Analysis, version: str, stamp: str, embedded=None) -> None:
        article_id = analysis.article.id
        a = self.t["articles"]
        published = conn.execute(sa.select(a.c.published).where(a.c.id == article_id)).scalar()
        for table in CHILD_TABLES:
            conn.execute(self.t[table].delete().where(self.t[table].c.article_id == article_id))
        row = self._article_row(analysis, version, stamp)
        for kept in ("id", "added_at", "url", "outlet", "published", "title"):
            row.pop(kept)  # the first appearance's metadata stays
        conn.execute(a.update().where(a.c.id == article_id).values(**row))
        self._insert_children(conn, analysis, published, embedded)

    def _add_appearance(self, conn: sa.Connection, article: Article, stamp: str) -> int:
        row = appearance_of(article) | {"seen_at": stamp}
        table = self.t["appearances"]
        inserted = conn.execute(self._insert_ignore(table).values(**row).returning(table.c.pk)).first()
        return int(inserted is not None)

    def _record_failure(self, conn: sa.Connection, origin: str, stage: str, error: str, stamp: str) -> None:
        f = self.t["failures"]
        updated = conn.execute(
            f.update()
            .where(f.c.origin == origin)
            .values(stage=stage, error=error, attempts=f.c.attempts + 1, last_seen=stamp)
        )
        if updated.rowcount == 0:
            conn.execute(
                self._insert_ignore(f).values(
                    origin=origin, stage=stage, error=error, attempts=1, first_seen=stamp, last_seen=stamp
                )
            )

    def record_failure(self, origin: str, stage: str, error: str) -> None:
        """Keep a record that could not be read, analysed or stored, with where it came from."""
        with self.writing() as conn:
            self._record_failure(conn, origin, stage, error, now())

    def replace(self, analysis: Analysis) -> None:
        """Store a fresh Analysis of a stored article in place (re-analysis)."""
        embedded = vectors.encode_analyses([analysis]) if embedding_claims() else {}
        with self.writing() as conn:
            self._replace(conn, analysis, pipeline_version(analysis.pipeline), now(), embedded.get(analysis.article.id))

    def mark_stale(self, ids: Iterable[str] | None = None) -> int:
        """Mark articles (all, without `ids`) for `reanalyze`; returns how many were marked."""
        a = self.t["articles"]
        with self.writing() as conn:
            if ids is None:
                return conn.execute(a.update().values(stale=True)).rowcount
            ids = list(ids)
            count = 0
            for start in range(0, len(ids), PAGE):
                count += conn.execute(
                    a.update().where(a.c.id.in_(ids[start : start + PAGE])).values(stale=True)
                ).rowcount
            return count

    # -- reading --------------------------------------------------------------------------

    def get(self, article_id: str) -> Analysis | None:
        """The stored Analysis of an article, by its id or an unambiguous prefix of it (≥ 6 characters)."""
        a = self.t["articles"]
        with self.reading() as conn:
            row = conn.execute(sa.select(a.c.analysis).where(a.c.id == article_id)).first()
            if row is None and len(article_id) >= 6 and all(c in "0123456789abcdef" for c in article_id):
                rows = conn.execute(
                    sa.select(a.c.id, a.c.analysis).where(a.c.id.startswith(article_id, autoescape=True)).limit(2)
                ).all()
                if len(rows) > 1:
                    raise StoreError(f"{self.url}: the id prefix {article_id!r} matches more than one article")
                row = rows[0] if rows else None
        return Analysis.from_json(row.analysis) if row is not None else None

    def texts(self, ids: Iterable[str]) -> dict[str, str]:
        """The texts of these stored articles, by id (spans elsewhere point into them)."""
        a, wanted, out = self.t["articles"], list(dict.fromkeys(ids)), {}
        with self.reading() as conn:
            for start in range(0, len(wanted), PAGE):
                query = sa.select(a.c.id, a.c.text).where(a.c.id.in_(wanted[start : start + PAGE]))
                out.update({row.id: row.text for row in conn.execute(query)})
        return out

    def pipelines(self, ids: Iterable[str]) -> dict[str, str | None]:
        """The pipeline version of each stored id (None when it is marked stale); absent ids are left out."""
        a = self.t["articles"]
        ids = list(dict.fromkeys(ids))
        found: dict[str, str | None] = {}
        with self.reading() as conn:
            for start in range(0, len(ids), PAGE):
                query = sa.select(a.c.id, a.c.pipeline, a.c.stale).where(a.c.id.in_(ids[start : start + PAGE]))
                for row in conn.execute(query):
                    found[row.id] = None if row.stale else row.pipeline
        return found

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of these URLs are stored as appearances already, as fetched or as asked for before
        a redirect (to resume without refetching)."""
        p = self.t["appearances"]
        urls = list(dict.fromkeys(u for u in urls if u))
        found: set[str] = set()
        with self.reading() as conn:
            for start in range(0, len(urls), PAGE):
                page = urls[start : start + PAGE]
                for row in conn.execute(
                    sa.select(p.c.url, p.c.ref).where(sa.or_(p.c.url.in_(page), p.c.ref.in_(page)))
                ):
                    found.update(u for u in (row.url, row.ref) if u in page)
        return found

    def appearances(self, article_id: str) -> list[dict]:
        p = self.t["appearances"]
        query = (
            sa.select(p.c.url, p.c.origin, p.c.ref, p.c.outlet, p.c.published, p.c.title, p.c.seen_at)
            .where(p.c.article_id == article_id)
            .order_by(sa.func.coalesce(p.c.published, "9999"), p.c.pk)
        )
        with self.reading() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def failures(self, limit: int | None = None) -> list[dict]:
        f = self.t["failures"]
        query = sa.select(f.c.origin, f.c.stage, f.c.error, f.c.attempts, f.c.first_seen, f.c.last_seen).order_by(
            f.c.pk
        )
        if limit is not None:
            query = query.limit(limit)
        with self.reading() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def stale_ids(self, version: str) -> list[str]:
        """Articles analysed by another pipeline version, or marked stale."""
        a = self.t["articles"]
        query = sa.select(a.c.id).where(sa.or_(a.c.pipeline != version, a.c.stale.is_(True))).order_by(a.c.pk)
        with self.reading() as conn:
            return list(conn.execute(query).scalars())

    # -- queries --------------------------------------------------------------------------

    def _fts_claims(self, query: str) -> tuple[sa.ColumnElement, sa.ColumnElement | None, list]:
        """(where clause, rank expression, extra FROM joins) matching claims by full text."""
        raise NotImplementedError

    def _fts_articles(self, query: str) -> tuple[sa.ColumnElement, sa.ColumnElement | None, list]:
        raise NotImplementedError

    def _article_filters(self, filters: Filters, article_id=None, published=None) -> list[sa.ColumnElement]:
        """Conditions on the article (outlet, dates), on the given columns: the articles table's by
        default, or a child table's own copies (claims carry article_id and published)."""
        a, p = self.t["articles"], self.t["appearances"]
        article_id = article_id if article_id is not None else a.c.id
        published = published if published is not None else a.c.published
        where = []
        if filters.outlet:
            seen_in = sa.select(p.c.article_id).where(sa.func.lower(p.c.outlet) == filters.outlet.strip().lower())
            where.append(article_id.in_(seen_in))
        if filters.since:
            where.append(published >= filters.since)
        if filters.until:
            # "2020-07" as an upper bound includes the whole month
            where.append(published <= filters.until + "\uffff" if len(filters.until) < 10 else filters.until)
        if filters.since or filters.until:
            where.append(published.is_not(None))
            where.append(published != "")
        return where

    def _claims_of(self, name: str):
        """(article_id, claim_id) of the claims about, or by, the entity going by `name`."""
        c, about, names = self.t["claims"], self.t["claim_about"], self.t["entity_names"]
        lowered = name.strip().lower()
        about_it = (
            sa.select(about.c.article_id, about.c.claim_id)
            .join(names, sa.and_(names.c.article_id == about.c.article_id, names.c.entity_id == about.c.entity_id))
            .where(names.c.name == lowered)
        )
        by_it = (
            sa.select(c.c.article_id, c.c.id)
            .join(names, sa.and_(names.c.article_id == c.c.article_id, names.c.entity_id == c.c.source_entity))
            .where(names.c.name == lowered)
        )
        return sa.union(about_it, by_it)

    def _claim_filters(self, filters: Filters, entity: bool = True) -> list[sa.ColumnElement]:
        """Conditions on claims; `entity=False` leaves the entity filter to a join (see `_claims_from`)."""
        c = self.t["claims"]
        where = self._article_filters(filters, c.c.article_id, c.c.published)
        if filters.source_kind:
            where.append(c.c.source_kind == filters.source_kind)
        if filters.certainty:
            where.append(c.c.certainty == filters.certainty)
        if filters.entity and entity:
            where.append(sa.tuple_(c.c.article_id, c.c.id).in_(self._claims_of(filters.entity)))
        return where

    def _claims_from(self, filters: Filters):
        """The claims; with an entity filter, starting from that entity's claims (a few thousand at
        most) rather than scanning every claim for them."""
        c = self.t["claims"]
        if not filters.entity:
            return c
        matched = self._claims_of(filters.entity).subquery()
        return matched.join(c, sa.and_(c.c.article_id == matched.c.article_id, c.c.id == matched.c.claim_id))

    def _articles_where(self, filters: Filters) -> list[sa.ColumnElement]:
        """Conditions on articles: their own filters, and having a claim that passes the claim filters."""
        a, c = self.t["articles"], self.t["claims"]
        where = self._article_filters(filters)
        claim_filters = Filters(entity=filters.entity, source_kind=filters.source_kind, certainty=filters.certainty)
        if claim_filters.active():
            where.append(sa.exists().where(c.c.article_id == a.c.id, *self._claim_filters(claim_filters)))
        return where

    @staticmethod
    def _matching(select_from, query: str | None, fts, where: list, order: list):
        """Add a full-text query (when there is one) to a query's FROM, WHERE and ORDER BY."""
        if not (query and query.strip()):
            return select_from
        match, rank, joins = fts(query)
        for table, on in joins:
            select_from = select_from.join(table, on)
        where.append(match)
        if rank is not None:
            order.append(rank)
        return select_from

    def _hit_columns(self) -> list:
        """What a claim hit selects (see `_hit`)."""
        a, c = self.t["articles"], self.t["claims"]
        return [
            c.c.article_id,
            c.c.id.label("claim_id"),
            c.c.text,
            c.c.start,
            c.c.end,
            c.c.source_kind,
            c.c.source_name,
            c.c.source_entity,
            c.c.channel,
            c.c.cue,
            c.c.certainty,
            c.c.hedges,
            c.c.check_worthy,
            a.c.title,
            a.c.outlet,
            a.c.url,
            a.c.published,
        ]

    def search(
        self, query: str | None = None, filters: Filters = Filters(), *, limit: int = 20, offset: int = 0
    ) -> list[dict]:
        """Claims matching a full-text query (words, "a phrase", OR, -word) and the filters, best first
        (newest first without a query). Each hit carries its claim, source, article and date.

        The page is ranked on the claims alone (their keys), and only its `limit` rows are then read
        with their articles: a common word matches thousands of claims, and joining every match
        with its article and reading its wide columns before sorting cost most of the time."""
        check_query(query)
        a, c = self.t["articles"], self.t["claims"]
        where = self._claim_filters(filters, entity=False)
        order: list = []
        select_from = self._matching(self._claims_from(filters), query, self._fts_claims, where, order)
        order += [c.c.published.desc(), c.c.pk.desc()]
        page = sa.select(c.c.pk).select_from(select_from).where(*where).order_by(*order).limit(limit).offset(offset)
        with self.reading(timeout=SEARCH_TIMEOUT if query else None) as conn:
            keys = list(conn.execute(page).scalars())
            if not keys:
                return []
            rows = conn.execute(
                sa.select(c.c.pk, *self._hit_columns())
                .select_from(c.join(a, a.c.id == c.c.article_id))
                .where(c.c.pk.in_(keys))
            )
            hits = {row.pk: _hit(row._mapping) for row in rows}
        return [hits[key] for key in keys if key in hits]

    def articles(
        self, query: str | None = None, filters: Filters = Filters(), *, limit: int = 20, offset: int = 0
    ) -> list[dict]:
        """Articles matching a full-text query over titles and texts (and the filters): a summary each."""
        check_query(query)
        a = self.t["articles"]
        where = self._articles_where(filters)
        order: list = []
        select_from = self._matching(a, query, self._fts_articles, where, order)
        order += [sa.func.coalesce(a.c.published, "").desc(), a.c.pk.desc()]
        stmt = (
            sa.select(a.c.id, a.c.title, a.c.outlet, a.c.url, a.c.published, a.c.credibility, a.c.pipeline)
            .select_from(select_from)
            .where(*where)
            .order_by(*order)
            .limit(limit)
            .offset(offset)
        )
        with self.reading(timeout=SEARCH_TIMEOUT if query else None) as conn:
            return [dict(row._mapping) for row in conn.execute(stmt)]

    def iter_analyses(self, filters: Filters = Filters()) -> Iterator[Analysis]:
        """Every stored Analysis matching the filters, in storage order, a page at a time."""
        for text in self.iter_analysis_json(filters):
            yield Analysis.from_json(text)

    def iter_analysis_json(self, filters: Filters = Filters()) -> Iterator[str]:
        """The stored Analysis JSON documents as they are (no parsing: the fast path for exports)."""
        a = self.t["articles"]
        where = self._articles_where(filters)
        last = 0
        while True:
            stmt = sa.select(a.c.pk, a.c.analysis).where(a.c.pk > last, *where).order_by(a.c.pk).limit(PAGE // 5)
            with self.reading() as conn:
                rows = conn.execute(stmt).all()
            if not rows:
                return
            for row in rows:
                yield row.analysis
            last = rows[-1].pk

    def iter_claims(self, filters: Filters = Filters()) -> Iterator[dict]:
        """Every stored claim matching the filters with its article's metadata, a page at a time."""
        a, c = self.t["articles"], self.t["claims"]
        where = self._claim_filters(filters)
        last = 0
        while True:
            stmt = (
                sa.select(c.c.pk, *self._hit_columns())
                .select_from(c.join(a, a.c.id == c.c.article_id))
                .where(c.c.pk > last, *where)
                .order_by(c.c.pk)
                .limit(PAGE)
            )
            with self.reading() as conn:
                rows = conn.execute(stmt).all()
            if not rows:
                return
            for row in rows:
                yield _hit(row._mapping)
            last = rows[-1].pk

    def count(self, table: str) -> int:
        with self.reading() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(self.table(table))).scalar_one()

    def stats(self) -> dict:
        """Counts of what is stored, and claims by outlet, month, source kind and certainty."""
        a, c, p = self.t["articles"], self.t["claims"], self.t["appearances"]
        result = {name: self.count(name) for name in ("articles", "claims", "quotes", "entities", "failures")}
        result["appearances"] = self.count("appearances")
        with self.reading() as conn:
            result["stale"] = conn.execute(
                sa.select(sa.func.count()).select_from(a).where(a.c.stale.is_(True))
            ).scalar_one()
            outlet = sa.func.coalesce(p.c.outlet, "(unknown)")
            result["by_outlet"] = dict(
                conn.execute(
                    sa.select(outlet, sa.func.count(sa.distinct(p.c.article_id)))
                    .group_by(outlet)
                    .order_by(sa.func.count(sa.distinct(p.c.article_id)).desc(), outlet)
                ).all()
            )
            month = sa.func.coalesce(sa.func.substr(a.c.published, 1, 7), "(undated)")
            result["by_month"] = dict(
                conn.execute(sa.select(month, sa.func.count()).group_by(month).order_by(month)).all()
            )
            for column, key in ((c.c.source_kind, "by_source_kind"), (c.c.certainty, "by_certainty")):
                result[key] = dict(
                    conn.execute(
                        sa.select(column, sa.func.count()).group_by(column).order_by(sa.func.count().desc(), column)
                    ).all()
                )
        return result

    # -- claims like this -----------------------------------------------------------------

    def missing_vectors(self) -> int:
        """How many stored claims have no vector of the current model (stored before the
        embeddings were installed, or by another model)."""
        c, v = self.t["claims"], self.table("claim_vectors")
        has = sa.select(v.c.claim_pk).where(v.c.model == vectors.embed.MODEL)
        with self.reading() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(c).where(c.c.pk.not_in(has))).scalar_one()

    def embed_missing(self, batch: int = 256, articles: Iterable[str] | None = None) -> int:
        """Make the vectors that stored claims lack (of these articles' claims only, when given),
        a batch per transaction; returns how many."""
        vectors.embed.require()
        c, v = self.t["claims"], self.table("claim_vectors")
        mine = sa.select(v.c.claim_pk).where(v.c.model == vectors.embed.MODEL)
        scope = []
        if articles is not None:
            ids = list(dict.fromkeys(articles))
            if not ids:
                return 0
            mine = mine.join(c, c.c.pk == v.c.claim_pk).where(c.c.article_id.in_(ids))
            scope.append(c.c.article_id.in_(ids))
        done, last = 0, 0
        while True:
            with self.reading() as conn:
                rows = conn.execute(
                    sa.select(c.c.pk, c.c.text)
                    .where(c.c.pk > last, c.c.pk.not_in(mine), *scope)
                    .order_by(c.c.pk)
                    .limit(batch)
                ).all()
            if not rows:
                return done
            matrix = vectors.embed.encode([row.text for row in rows])
            with self.writing() as conn:
                pks = [row.pk for row in rows]
                conn.execute(v.delete().where(v.c.claim_pk.in_(pks)))  # another model's vectors
                alive = set(conn.execute(sa.select(c.c.pk).where(c.c.pk.in_(pks))).scalars())
                conn.execute(
                    v.insert(),
                    [
                        {"claim_pk": pk, "model": vectors.embed.MODEL, "vector": blob}
                        for pk, blob in zip(pks, vectors.pack(matrix), strict=True)
                        if pk in alive
                    ],
                )
            done += len(rows)
            last = rows[-1].pk

    def claim_vector(self, pairs: Iterable[tuple[str, str]]):
        """The mean vector of these (article id, claim id) claims, unit length; None when none
        has a vector."""
        c, v = self.t["claims"], self.table("claim_vectors")
        pairs = list(pairs)[:PAGE]
        if not pairs:
            return None
        query = (
            sa.select(v.c.vector)
            .select_from(v.join(c, c.c.pk == v.c.claim_pk))
            .where(v.c.model == vectors.embed.MODEL, sa.tuple_(c.c.article_id, c.c.id).in_(pairs))
        )
        with self.reading() as conn:
            blobs = list(conn.execute(query).scalars())
        if not blobs:
            return None
        mean = vectors.unpack(blobs).mean(axis=0)
        return mean / max(float((mean @ mean) ** 0.5), 1e-12)

    def like(self, text: str, filters: Filters = Filters(), *, limit: int = 20, offset: int = 0) -> list[dict]:
        """Claims that say what `text` says, by the meaning of their words (sentence embeddings),
        most similar first: the hits of `search`, each with its cosine `similarity`."""
        if not text or not text.strip():
            raise InputError("give the text of a claim to find claims like it")
        if len(text) > MAX_LIKE_CHARS:
            raise InputError(f"the text is {len(text):,} characters long, more than the limit of {MAX_LIKE_CHARS}")
        vectors.embed.require()
        return self.nearest(vectors.embed.encode([text])[0], filters, limit=limit, offset=offset)

    def nearest(self, vector, filters: Filters = Filters(), *, limit: int = 20, offset: int = 0) -> list[dict]:
        """The stored claims nearest to a vector (an exact scan, see `vectors`), with the filters."""
        a, c = self.t["articles"], self.t["claims"]
        want = offset + limit
        with self.reading() as conn:
            self._vectors.refresh(conn, self.table("claim_vectors"))
            spare = 16
            while True:
                ranked = self._ranked(conn, vector, filters, want + spare)
                keys = [pk for pk, _ in ranked]
                similarity = dict(ranked)
                rows = conn.execute(
                    sa.select(c.c.pk, *self._hit_columns())
                    .select_from(c.join(a, a.c.id == c.c.article_id))
                    .where(c.c.pk.in_(keys))
                )
                hits = {row.pk: _hit(row._mapping) | {"similarity": round(similarity[row.pk], 4)} for row in rows}
                gone = [pk for pk in keys if pk not in hits]
                self._vectors.forget(gone)  # claims replaced since the vectors were read
                if len(hits) >= want or len(keys) < want + spare:
                    break
                spare *= 4
        return [hits[key] for key in keys if key in hits][offset:want]

    def _ranked(self, conn: sa.Connection, vector, filters: Filters, k: int) -> list[tuple[int, float]]:
        """The `k` nearest claim keys that pass the filters, with their similarity.

        Filters on the claim's own columns (certainty, source kind, dates) are usually broad: the
        scan ranks every claim and they are checked on its best few hundred, read by key (in a
        query of their own: SQLite would otherwise walk a certainty index of 100k entries instead
        of looking up 400 keys). When too few of those pass (a month), and for the filters that
        start from elsewhere (a person, an outlet), the keys the filters let through are read
        first and only they are ranked."""
        scores = self._vectors.scores(vector)
        if not filters.active():
            return self._vectors.top(scores, k)
        c = self.t["claims"]
        size = max(POST_FILTER, 4 * k)
        if not (filters.entity or filters.outlet):
            pool = self._vectors.top(scores, size)
            rows = conn.execute(
                sa.select(c.c.pk, c.c.certainty, c.c.source_kind, c.c.published).where(
                    c.c.pk.in_([pk for pk, _ in pool])
                )
            ).all()
            passed = {row.pk for row in rows if _passes(row, filters)}
            kept = [(pk, score) for pk, score in pool if pk in passed]
            if len(kept) >= k or len(pool) < size:
                return kept[:k]
        where = self._claim_filters(filters, entity=False)
        query = sa.select(c.c.pk).select_from(self._claims_from(filters)).where(*where)
        allowed = np.fromiter(conn.execute(query).scalars(), dtype=np.int64)
        return self._vectors.top(scores, k, allowed)


def _passes(row, filters: Filters) -> bool:
    """Whether a claim row passes the filters on its own columns, as `_claim_filters` says it in SQL."""
    if filters.certainty and row.certainty != filters.certainty:
        return False
    if filters.source_kind and row.source_kind != filters.source_kind:
        return False
    if filters.since or filters.until:
        if not row.published:
            return False
        if filters.since and row.published < filters.since:
            return False
        until = filters.until
        if until and row.published > (until + "\uffff" if len(until) < 10 else until):
            return False
    return True


def _hit(row) -> dict:
    """A claim hit in the shape `search` and the exports share."""
    return {
        "article_id": row["article_id"],
        "claim_id": row["claim_id"],
        "text": row["text"],
        "span": {"start": row["start"], "end": row["end"]},
        "source": {
            "kind": row["source_kind"],
            "name": row["source_name"],
            "entity": row["source_entity"],
            "channel": row["channel"],
        },
        "cue": row["cue"],
        "certainty": row["certainty"],
        "hedges": row["hedges"],
        "check_worthy": row["check_worthy"],
        "article": {"title": row["title"], "outlet": row["outlet"], "url": row["url"], "published": row["published"]},
    }


def _timed_out(error: Exception) -> bool:
    text = str(getattr(error, "orig", None) or error)
    return "interrupted" in text or "statement timeout" in text


def _reason(error: Exception) -> str:
    original = getattr(error, "orig", None)
    return str(original or error).strip().splitlines()[0]

"""The first schema: articles with their Analysis, appearances, extracted rows, failures, full text.

Every extracted thing is a row keyed by (article_id, id) so that later stages (stories, threads,
profiles) can join them; the whole Analysis JSON is kept too, so nothing is lost in the mapping.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()


def _span_columns() -> list[sa.Column]:
    return [sa.Column("start", sa.Integer), sa.Column("end", sa.Integer)]


articles = sa.Table(
    "articles",
    metadata,
    # an integer key for full-text indexes (FTS5 rowid); `id` is the sha256 of the normalised text
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(64), nullable=False, unique=True),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("published", sa.String(10)),
    sa.Column("language", sa.String(16)),
    sa.Column("pipeline", sa.String(200), nullable=False),
    sa.Column("stale", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("credibility", sa.Float),
    sa.Column("added_at", sa.String(40), nullable=False),
    sa.Column("analysed_at", sa.String(40), nullable=False),
    # the large columns last: SQLite reads a row's columns in order, through overflow pages
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("analysis", sa.Text, nullable=False),
)
sa.Index("ix_articles_published", articles.c.published)
sa.Index("ix_articles_outlet", articles.c.outlet)
sa.Index("ix_articles_pipeline", articles.c.pipeline)

appearances = sa.Table(
    "appearances",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    # what makes an appearance distinct: its URL, else where it was read from
    sa.Column("key", sa.Text, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("origin", sa.Text),
    sa.Column("ref", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("published", sa.String(10)),
    sa.Column("title", sa.Text),
    sa.Column("seen_at", sa.String(40), nullable=False),
    sa.UniqueConstraint("article_id", "key", name="uq_appearances_article_key"),
)
sa.Index("ix_appearances_url", appearances.c.url)
sa.Index("ix_appearances_origin", appearances.c.origin)
sa.Index("ix_appearances_ref", appearances.c.ref)
sa.Index("ix_appearances_outlet", sa.func.lower(appearances.c.outlet))


def _child(name: str, *columns: sa.Column, pk: bool = False) -> sa.Table:
    head = [sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True)] if pk else []
    return sa.Table(
        name,
        metadata,
        *head,
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("id", sa.String(32), nullable=False),
        *columns,
        sa.UniqueConstraint("article_id", "id", name=f"uq_{name}_article_id"),
    )


entities = _child(
    "entities",
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("aliases", sa.Text, nullable=False),  # JSON list
    sa.Column("mentions", sa.Integer, nullable=False),
)
sa.Index("ix_entities_name", sa.func.lower(entities.c.name))

# Every name an entity goes by in an article (its name and aliases, lowercased), so that
# "claims about Kim Kardashian" starts from an index instead of scanning every entity.
entity_names = sa.Table(
    "entity_names",
    metadata,
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("entity_id", sa.String(32), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("article_id", "entity_id", "name"),
)
sa.Index("ix_entity_names_name", entity_names.c.name)

attributes = sa.Table(
    "attributes",
    metadata,
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("entity_id", sa.String(32), nullable=False),
    sa.Column("name", sa.String(40), nullable=False),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("as_of", sa.String(40)),
    *_span_columns(),
)
sa.Index("ix_attributes_article", attributes.c.article_id, attributes.c.entity_id)

relations = _child(
    "relations",
    sa.Column("subject", sa.String(32), nullable=False),
    sa.Column("predicate", sa.String(40), nullable=False),
    sa.Column("object", sa.String(32), nullable=False),
    sa.Column("since", sa.String(40)),
    sa.Column("certainty", sa.String(10), nullable=False),
    *_span_columns(),
)

times = _child(
    "times",
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("value", sa.String(40)),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("mod", sa.String(20)),
    sa.Column("anchor", sa.String(40)),
    *_span_columns(),
)
sa.Index("ix_times_value", times.c.value)

quotes = _child(
    "quotes",
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("speaker_kind", sa.String(12), nullable=False),
    sa.Column("speaker_entity", sa.String(32)),
    sa.Column("speaker_name", sa.Text),
    sa.Column("channel", sa.String(20)),
    sa.Column("cue", sa.Text),
    sa.Column("date", sa.String(40)),
    *_span_columns(),
    pk=True,
)

claims = _child(
    "claims",
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("source_kind", sa.String(12), nullable=False),
    sa.Column("source_entity", sa.String(32)),
    sa.Column("source_name", sa.Text),
    sa.Column("channel", sa.String(20)),
    sa.Column("cue", sa.Text),
    sa.Column("certainty", sa.String(10), nullable=False),
    sa.Column("hedges", sa.Text),  # the hedge words, space-separated, for display and filtering
    sa.Column("quote_id", sa.String(32)),
    sa.Column("check_worthy", sa.Float, nullable=False),
    # the article's publication date, copied so "newest claims first" reads one index
    sa.Column("published", sa.String(10)),
    *_span_columns(),
    pk=True,
)
sa.Index("ix_claims_published", claims.c.published)
sa.Index("ix_claims_source_kind", claims.c.source_kind, claims.c.published)
sa.Index("ix_claims_certainty", claims.c.certainty, claims.c.published)
sa.Index("ix_claims_source_entity", claims.c.article_id, claims.c.source_entity)  # claims *by* an entity

claim_about = sa.Table(
    "claim_about",
    metadata,
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("claim_id", sa.String(32), nullable=False),
    sa.Column("entity_id", sa.String(32), nullable=False),
    sa.PrimaryKeyConstraint("article_id", "claim_id", "entity_id"),
)
sa.Index("ix_claim_about_entity", claim_about.c.article_id, claim_about.c.entity_id, claim_about.c.claim_id)

failures = sa.Table(
    "failures",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("origin", sa.Text, nullable=False, unique=True),  # input location: file:line, URL, warc@offset
    sa.Column("stage", sa.String(20), nullable=False),  # read | analyze | store
    sa.Column("error", sa.Text, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("first_seen", sa.String(40), nullable=False),
    sa.Column("last_seen", sa.String(40), nullable=False),
)

# Full-text search: FTS5 external-content tables kept in step by triggers (SQLite), or stored
# generated tsvector columns with GIN indexes (PostgreSQL). The Porter stemmer on both sides.
_SQLITE_FTS = [
    ("articles_fts", "articles", "title, text"),
    ("claims_fts", "claims", "text"),
    ("quotes_fts", "quotes", "text"),
]


def _sqlite_fts(conn: sa.Connection) -> None:
    for fts, table, columns in _SQLITE_FTS:
        cols = [c.strip() for c in columns.split(",")]
        new = ", ".join(f"new.{c}" for c in cols)
        old = ", ".join(f"old.{c}" for c in cols)
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({columns}, content='{table}', content_rowid='pk', "
            "tokenize='porter unicode61 remove_diacritics 2')"
        )
        conn.exec_driver_sql(
            f"CREATE TRIGGER {table}_fts_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, {columns}) VALUES (new.pk, {new}); END"
        )
        conn.exec_driver_sql(
            f"CREATE TRIGGER {table}_fts_ad AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {columns}) VALUES ('delete', old.pk, {old}); END"
        )
        conn.exec_driver_sql(
            f"CREATE TRIGGER {table}_fts_au AFTER UPDATE OF {columns} ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, {columns}) VALUES ('delete', old.pk, {old}); "
            f"INSERT INTO {fts}(rowid, {columns}) VALUES (new.pk, {new}); END"
        )


_POSTGRES_TSV = [
    ("articles", "coalesce(title, '') || ' ' || text"),
    ("claims", "text"),
    ("quotes", "text"),
]


def _postgres_tsv(conn: sa.Connection) -> None:
    for table, expression in _POSTGRES_TSV:
        conn.exec_driver_sql(
            f"ALTER TABLE {table} ADD COLUMN tsv tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('english'::regconfig, {expression})) STORED"
        )
        conn.exec_driver_sql(f"CREATE INDEX ix_{table}_tsv ON {table} USING GIN (tsv)")


def upgrade(conn: sa.Connection) -> None:
    metadata.create_all(conn)
    if conn.dialect.name == "sqlite":
        _sqlite_fts(conn)
    elif conn.dialect.name == "postgresql":
        _postgres_tsv(conn)

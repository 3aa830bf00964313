"""Claim threads: one claim across articles, each occurrence with its stance, and the thread's status.

`threads` keeps what a reader asks first (first seen, status, how many occurrences, independent
origins and outlets, the best source) so that lists need no aggregation; `thread_occurrences`
holds one row per claim of an article that belongs to a thread; `thread_keys` are the blocking
keys (the names a claim is about, lowercased) that find a new claim's candidate threads through an
index instead of a scan.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()
# the foreign keys' target, created by m0001; declared here only so the keys resolve
sa.Table("articles", metadata, sa.Column("id", sa.String(64), primary_key=True))

threads = sa.Table(
    "threads",
    metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("story_id", sa.String(32)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("about", sa.Text, nullable=False),  # JSON list of entity names
    sa.Column("terms", sa.Text, nullable=False),  # JSON list: the claim's content words, for matching
    sa.Column("first_seen", sa.String(10)),
    sa.Column("last_seen", sa.String(10)),
    sa.Column("status", sa.String(12), nullable=False, server_default="open"),
    sa.Column("evidence", sa.Text, nullable=False, server_default="[]"),  # JSON [{rule, occurrences: [pk]}]
    sa.Column("best_source", sa.Text),  # JSON Source
    sa.Column("occurrences", sa.Integer, nullable=False, server_default="0"),
    sa.Column("origins", sa.Integer, nullable=False, server_default="0"),
    sa.Column("outlets", sa.Integer, nullable=False, server_default="0"),
    sa.Column("updated_at", sa.String(40), nullable=False),
)
sa.Index("ix_threads_story", threads.c.story_id, threads.c.occurrences)
sa.Index("ix_threads_last_seen", threads.c.last_seen)

occurrences = sa.Table(
    "thread_occurrences",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("thread_id", sa.String(16), sa.ForeignKey("threads.id", ondelete="CASCADE"), nullable=False),
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("claim_id", sa.String(32), nullable=False),
    sa.Column("published", sa.String(10)),
    sa.Column("origin_id", sa.String(64)),
    sa.Column("stance", sa.String(10), nullable=False),
    sa.Column("stance_score", sa.Float),
    sa.Column("similarity", sa.Float, nullable=False),
    sa.Column("source_kind", sa.String(12), nullable=False),
    sa.Column("source_entity", sa.String(32)),
    sa.Column("source_name", sa.Text),
    sa.Column("channel", sa.String(20)),
    sa.Column("certainty", sa.String(10), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    sa.UniqueConstraint("article_id", "claim_id", name="uq_thread_occurrences_claim"),
)
sa.Index("ix_thread_occurrences_thread", occurrences.c.thread_id, occurrences.c.published)

keys = sa.Table(
    "thread_keys",
    metadata,
    sa.Column("key", sa.String(200), nullable=False),
    sa.Column("thread_id", sa.String(16), sa.ForeignKey("threads.id", ondelete="CASCADE"), nullable=False),
    sa.Column("last_seen", sa.String(10), nullable=False, server_default=""),
    sa.PrimaryKeyConstraint("key", "thread_id"),
)
sa.Index("ix_thread_keys_key", keys.c.key, keys.c.last_seen)
sa.Index("ix_thread_keys_thread", keys.c.thread_id)


def upgrade(conn: sa.Connection) -> None:
    metadata.create_all(conn, tables=[threads, occurrences, keys])

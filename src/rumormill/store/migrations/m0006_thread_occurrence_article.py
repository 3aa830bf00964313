"""Look up a thread's occurrences by article.

Attaching an article's claims asks which of them are occurrences already, re-analysing one takes
them out of their threads, and a story lists every thread its articles occur in: each starts from
the article. Without this index each of them scanned the whole occurrences table.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()
occurrences = sa.Table(
    "thread_occurrences",
    metadata,
    sa.Column("article_id", sa.String(64)),
    sa.Column("thread_id", sa.String(16)),
)
INDEX = sa.Index("ix_thread_occurrences_article", occurrences.c.article_id, occurrences.c.thread_id)


def upgrade(conn: sa.Connection) -> None:
    INDEX.create(conn, checkfirst=True)

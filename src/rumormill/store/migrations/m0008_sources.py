"""Watched sources: the feeds and pages `rumormill watch` polls, and a row per poll.

`sources` holds what the watcher needs to resume after any stop, a SIGKILL included: when each
source is due next (`next_due`), the validators of its last response (`etag`, `last_modified`)
for a conditional request, its error streak, and a lease (`leased_until`, `leased_by`) that a
watcher takes on the sources it is polling, so that several watchers on one PostgreSQL store
never poll a source twice. Times are seconds since the epoch (UTC): the watcher compares and
adds them, and both databases order floats alike.

`source_polls` is the history health is read from: one row per finished poll, with what it
found (new articles, nothing changed, an error). It is gone with its source.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("url", sa.String(2000), nullable=False, unique=True),
    sa.Column("interval_s", sa.Float, nullable=False),  # seconds between polls when all is well
    sa.Column("added_at", sa.Float, nullable=False),
    sa.Column("next_due", sa.Float, nullable=False),
    sa.Column("etag", sa.String(200)),
    sa.Column("last_modified", sa.String(200)),
    sa.Column("last_polled", sa.Float),
    sa.Column("last_success", sa.Float),
    sa.Column("last_new", sa.Float),  # the last poll that stored a new article
    sa.Column("error_streak", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text),
    sa.Column("articles", sa.Integer, nullable=False, server_default="0"),  # new articles stored, in all
    sa.Column("leased_until", sa.Float),
    sa.Column("leased_by", sa.String(200)),
)
sa.Index("sources_due", sources.c.next_due)

source_polls = sa.Table(
    "source_polls",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    sa.Column("started", sa.Float, nullable=False),
    sa.Column("seconds", sa.Float, nullable=False),
    sa.Column("outcome", sa.String(20), nullable=False),  # new | unchanged | not_modified | error
    sa.Column("http_status", sa.Integer),
    sa.Column("articles", sa.Integer, nullable=False),  # new articles this poll stored
    sa.Column("error", sa.Text),
)
sa.Index("source_polls_source", source_polls.c.source_id, source_polls.c.started)


def upgrade(conn: sa.Connection) -> None:
    metadata.create_all(conn, tables=[sources, source_polls])

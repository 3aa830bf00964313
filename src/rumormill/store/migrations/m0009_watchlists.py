"""Watchlists and their alerts: saved follows, what each has seen, what it was told, and the outbox.

`watchlists` holds one follow each: of an entity profile, a search (words and filters) or a
claim thread, with its webhook (optional) and the secret that signs it. What a watchlist has
seen is kept beside it: in `watch_state`, the last article it was compared against (a
watermark on the articles' key: articles are never deleted, so the keys only grow) and, for a
thread, the last status it saw; in `watch_seen`, a followed thread's occurrences it has seen
(occurrences are deleted and made again when an article is linked again, so their keys are no
watermark). `alerts` holds what was found, under an id made from what it is about, so finding it again
adds nothing. `alert_deliveries` is the webhook outbox: one row per alert and target, pending
until the receiver answers 2xx, with its attempts and next try; a crash between finding and
sending leaves the row pending, so nothing is lost.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

watchlists = sa.Table(
    "watchlists",
    metadata,
    sa.Column("id", sa.String(24), primary_key=True),
    sa.Column("kind", sa.String(10), nullable=False),  # entity, search or thread
    sa.Column("target", sa.Text, nullable=False),  # the profile's name, the search words, the thread id
    sa.Column("filters", sa.Text, nullable=False, server_default="{}"),  # JSON: the search's filters
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("webhook", sa.Text),  # the URL alerts are posted to, or none
    sa.Column("secret", sa.String(80), nullable=False),  # signs the webhook bodies (HMAC-SHA256)
    sa.Column("allow_private", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.String(40), nullable=False),
)

watch_state = sa.Table(
    "watch_state",
    metadata,
    sa.Column("watchlist_id", sa.String(24), sa.ForeignKey("watchlists.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("article_pk", sa.Integer, nullable=False, server_default="0"),  # articles.pk seen up to
    sa.Column("status", sa.String(12)),  # a followed thread's status when last checked
    sa.Column("changes", sa.Integer, nullable=False, server_default="0"),  # status changes seen so far
    sa.Column("checked_at", sa.String(40)),
)

seen = sa.Table(
    "watch_seen",
    metadata,
    sa.Column("watchlist_id", sa.String(24), sa.ForeignKey("watchlists.id", ondelete="CASCADE"), nullable=False),
    sa.Column("article_id", sa.String(64), nullable=False),
    sa.Column("claim_id", sa.String(32), nullable=False),
    sa.PrimaryKeyConstraint("watchlist_id", "article_id", "claim_id"),
)

alerts = sa.Table(
    "alerts",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(32), nullable=False, unique=True),
    sa.Column("watchlist_id", sa.String(24), sa.ForeignKey("watchlists.id", ondelete="CASCADE"), nullable=False),
    sa.Column("kind", sa.String(12), nullable=False),  # article, occurrence or status
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("payload", sa.Text, nullable=False),  # JSON: what the webhook and the feed say
    sa.Column("created_at", sa.String(40), nullable=False),
)
sa.Index("ix_alerts_watchlist", alerts.c.watchlist_id, alerts.c.pk)

deliveries = sa.Table(
    "alert_deliveries",
    metadata,
    sa.Column("alert_id", sa.String(32), sa.ForeignKey("alerts.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("state", sa.String(10), nullable=False, server_default="pending"),  # pending, delivered, failed
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_try", sa.String(40), nullable=False),
    sa.Column("last_error", sa.Text),
    sa.Column("delivered_at", sa.String(40)),
)
sa.Index("ix_alert_deliveries_due", deliveries.c.state, deliveries.c.next_try)


def upgrade(conn: sa.Connection) -> None:
    metadata.create_all(conn, tables=[watchlists, watch_state, seen, alerts, deliveries])

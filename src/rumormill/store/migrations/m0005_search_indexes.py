"""Covering indexes for the entity filter of claim search.

An entity-filtered search starts from the claims about or by the entity: every `entity_names` row
with that name, then its claims through `claim_about` (already covered) and through the claims'
own `source_entity`. Without these, each of the name's rows (hundreds for a celebrity) and each
claim it finds cost a lookup in the table besides the index.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()
entity_names = sa.Table(
    "entity_names",
    metadata,
    sa.Column("name", sa.Text),
    sa.Column("article_id", sa.String(64)),
    sa.Column("entity_id", sa.String(32)),
)
claims = sa.Table(
    "claims",
    metadata,
    sa.Column("article_id", sa.String(64)),
    sa.Column("source_entity", sa.String(32)),
    sa.Column("id", sa.String(16)),
)
INDEXES = [
    sa.Index("ix_entity_names_name_key", entity_names.c.name, entity_names.c.article_id, entity_names.c.entity_id),
    sa.Index("ix_claims_by_source_entity", claims.c.article_id, claims.c.source_entity, claims.c.id),
]


def upgrade(conn: sa.Connection) -> None:
    for index in INDEXES:
        index.create(conn, checkfirst=True)

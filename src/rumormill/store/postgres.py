"""PostgreSQL, for teams: the same schema, full-text search with stored tsvectors and GIN indexes."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert

from .base import Store


class PostgresStore(Store):
    dialect = "postgresql"

    @classmethod
    def engine(cls, url: sa.URL) -> sa.Engine:
        return sa.create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})

    def _insert_ignore(self, table):
        return pg_insert(table).on_conflict_do_nothing()

    def _fts(self, table: sa.Table, query: str):
        tsquery = sa.func.websearch_to_tsquery(sa.literal_column("'english'::regconfig"), query)
        match = table.c.tsv.op("@@")(tsquery)
        rank = sa.func.ts_rank(table.c.tsv, tsquery).desc()
        return match, rank, []

    def _fts_claims(self, query):
        return self._fts(self.t["claims"], query)

    def _fts_articles(self, query):
        return self._fts(self.t["articles"], query)

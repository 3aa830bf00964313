"""PostgreSQL, for teams: the same schema, full-text search with stored tsvectors and GIN indexes."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert

from .base import Store

WRITE_LOCK = 0x72756D6F  # the advisory lock key of the store's writers ("rumo")


class PostgresStore(Store):
    dialect = "postgresql"

    @classmethod
    def engine(cls, url: sa.URL, statement_timeout: float | None = None) -> sa.Engine:
        connect_args: dict = {"connect_timeout": 10}
        if statement_timeout:
            # every statement of the session; a write transaction lifts it (see `_lock_writes`).
            # PostgreSQL cancels a statement past it, and so ends work whose client has gone.
            connect_args["options"] = f"-c statement_timeout={max(1, round(statement_timeout * 1000))}"
        return sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args)

    def _lock_writes(self, conn: sa.Connection) -> None:
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
        if self.statement_timeout:
            conn.exec_driver_sql("SET LOCAL statement_timeout = 0")

    def _limit_statements(self, conn, seconds):
        conn.exec_driver_sql(f"SET LOCAL statement_timeout = {max(1, round(seconds * 1000))}")  # until this read ends

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

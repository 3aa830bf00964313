"""SQLite: the embedded default. WAL journal, FTS5 with the Porter stemmer, bm25 ranking."""

from __future__ import annotations

import re
import sqlite3
import time

import sqlalchemy as sa
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .base import Store

_TOKEN = re.compile(r'-?"[^"]*"?|\S+')


def fts5_query(query: str) -> str:
    """A web-search style query ("a phrase", OR, -word) as a safe FTS5 expression.

    Every term is quoted, so FTS5 operators and column filters in the input are plain words.
    Terms are ANDed; `OR` between terms joins them into one group; `-term` excludes. The
    expression stays flat however many terms there are (`(a OR b OR c) AND d NOT (e OR f)`): a
    nested one overflowed FTS5's parser stack at about a hundred terms. A term given twice counts once.
    """
    groups: list[list[str]] = []
    negative: list[str] = []
    join_or = False
    for token in _TOKEN.findall(query):
        if token == "OR" and groups:
            join_or = True
            continue
        negate = token.startswith("-") and len(token) > 1
        words = re.findall(r"\w+", token[1:] if negate else token)
        if not words:
            continue
        term = '"' + " ".join(words) + '"'
        if negate:
            negative.append(term)
        elif join_or:
            groups[-1].append(term)
            join_or = False
        else:
            groups.append([term])
    groups = list({tuple(dict.fromkeys(g)): None for g in groups})
    if not groups:
        return ""
    expression = " AND ".join(g[0] if len(g) == 1 else "(" + " OR ".join(g) + ")" for g in groups)
    negative = list(dict.fromkeys(negative))
    if negative:
        excluded = negative[0] if len(negative) == 1 else "(" + " OR ".join(negative) + ")"
        expression = f"({expression}) NOT {excluded}"
    return expression


def _journal_wal(cursor, tries: int = 200) -> None:
    """PRAGMA journal_mode=WAL, again while another process creating the same new store holds
    the lock: changing the journal mode answers "database is locked" without waiting."""
    for attempt in range(tries):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or attempt == tries - 1:
                raise
            time.sleep(0.05)


class SQLiteStore(Store):
    dialect = "sqlite"

    @classmethod
    def engine(cls, url: sa.URL, statement_timeout: float | None = None) -> sa.Engine:
        engine = sa.create_engine(url, connect_args={"timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _connect(dbapi_connection, record):
            # Let SQLAlchemy's BEGIN (below) delimit transactions, DDL included, instead of
            # pysqlite's implicit ones; then set the journal and integrity pragmas.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA busy_timeout=30000")
            _journal_wal(cursor)  # readers never block the writer; crash-safe
            cursor.execute("PRAGMA synchronous=NORMAL")  # durable across process kills (not power cuts)
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            # SQLite's default page cache is 2 MB: a search over a store of ~14k articles walks
            # more index pages than that, and read them again from the OS on every query
            cursor.execute("PRAGMA cache_size=-32768")  # KiB, per connection, filled as pages are read
            cursor.close()
            if statement_timeout:
                # SQLite has no statement timeout: a progress handler, called every few thousand
                # virtual machine steps, interrupts a read statement past its deadline
                deadline = record.info.setdefault("deadline", [None])
                dbapi_connection.set_progress_handler(
                    lambda: deadline[0] is not None and time.monotonic() > deadline[0], 20_000
                )

        if statement_timeout:

            @sa.event.listens_for(engine, "before_cursor_execute")
            def _start(conn, cursor, statement, parameters, context, executemany):
                options = conn.get_execution_options()
                conn.connection.info.setdefault("deadline", [None])[0] = (
                    None
                    if options.get("write")
                    else time.monotonic() + options.get("rumormill_timeout", statement_timeout)
                )

        @sa.event.listens_for(engine, "begin")
        def _begin(conn):
            # Writes take the write lock up front (BEGIN IMMEDIATE), so two writers queue
            # instead of deadlocking when both try to upgrade a read lock.
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

        return engine

    def _insert_ignore(self, table):
        return sqlite_insert(table).on_conflict_do_nothing()

    # the write lock is BEGIN IMMEDIATE (see `engine`): nothing more to take

    def _limit_statements(self, conn, seconds):
        conn.execution_options(rumormill_timeout=seconds)  # read by the before_cursor_execute hook in `engine`

    def _fts(self, fts: str, table: sa.Table, query: str):
        index = sa.table(fts, sa.column("rowid"))
        expression = fts5_query(query)
        if not expression:  # nothing searchable in the query (punctuation only, or only exclusions)
            return sa.false(), None, []
        match = sa.text(f"{fts} MATCH :q_{fts}").bindparams(**{f"q_{fts}": expression})
        rank = sa.text(f"bm25({fts})")
        return match, rank, [(index, index.c.rowid == table.c.pk)]

    def _fts_claims(self, query):
        return self._fts("claims_fts", self.t["claims"], query)

    def _fts_articles(self, query):
        return self._fts("articles_fts", self.t["articles"], query)

"""Ordered, named schema migrations.

Each module `mNNNN_<name>.py` has `upgrade(conn)`, run once in its own transaction, in name
order; the `schema_migrations` table records what ran. A migration never changes once
released: a new schema change is a new module. Table definitions live in the migration that
creates them, so the store reflects the migrated database instead of keeping a second copy.
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import UTC, datetime

import sqlalchemy as sa

MIGRATION_LOCK = 0x72756D6D  # the advisory lock key of schema changes on PostgreSQL ("rumm")

_LEDGER = sa.Table(
    "schema_migrations",
    sa.MetaData(),
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("applied_at", sa.String(40), nullable=False),
)


def available() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("m"))


def applied(engine: sa.Engine) -> list[str]:
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table(_LEDGER.name):
            return []
        return sorted(conn.execute(sa.select(_LEDGER.c.name)).scalars())


def upgrade(engine: sa.Engine) -> list[str]:
    """Run the migrations this database lacks, in order; return their names.

    Two processes may open a new store at once: each migration runs under an exclusive lock
    (SQLite: BEGIN IMMEDIATE, the write lock; PostgreSQL: a transaction advisory lock), and the
    ledger is read again under it, so one of them migrates and the other finds it done."""
    if set(available()) <= set(applied(engine)):
        return []
    ran = []
    for name in available():
        with engine.connect() as conn:
            conn.execution_options(write=True)  # SQLite: BEGIN IMMEDIATE; and no statement timeout
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
                    conn.exec_driver_sql("SET LOCAL statement_timeout = 0")
                _LEDGER.create(conn, checkfirst=True)
                if conn.execute(sa.select(_LEDGER.c.name).where(_LEDGER.c.name == name)).first():
                    continue
                importlib.import_module(f"{__name__}.{name}").upgrade(conn)
                conn.execute(_LEDGER.insert().values(name=name, applied_at=datetime.now(UTC).isoformat()))
        ran.append(name)
    return ran

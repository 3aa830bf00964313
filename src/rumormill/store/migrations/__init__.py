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
    """Run the migrations this database lacks, in order; return their names."""
    _LEDGER.create(engine, checkfirst=True)
    done = set(applied(engine))
    ran = []
    for name in available():
        if name in done:
            continue
        module = importlib.import_module(f"{__name__}.{name}")
        with engine.begin() as conn:
            # Another process may have run it meanwhile: the ledger insert is the lock.
            if conn.execute(sa.select(_LEDGER.c.name).where(_LEDGER.c.name == name)).first():
                continue
            module.upgrade(conn)
            conn.execute(_LEDGER.insert().values(name=name, applied_at=datetime.now(UTC).isoformat()))
        ran.append(name)
    return ran

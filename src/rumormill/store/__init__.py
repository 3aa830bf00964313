"""The store: `open_store(url)` gives a `Store` on SQLite (the default) or PostgreSQL.

    >>> from rumormill import open_store
    >>> with open_store("sqlite:///rumormill.db") as store:
    ...     store.stats()["articles"]

`url` may be a path, `sqlite:///path`, `postgresql://user@host/db`, or None for the `db`
setting (`RUMORMILL_DB`), else `rumormill.db` in the platform's user data directory.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from .. import settings
from ..errors import ConfigError, StoreError
from .base import Added, Filters, Store, pipeline_version

__all__ = ["Added", "Filters", "Store", "default_path", "open_store", "pipeline_version"]


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("rumormill", appauthor=False)) / "rumormill.db"


def resolve_url(url: str | Path | None = None) -> sa.URL:
    """The SQLAlchemy URL for a store location given as a path or URL (see `open_store`)."""
    text = str(url) if url is not None else settings.get("db")
    if not text:
        text = str(default_path())
    if text.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        parsed = sa.make_url(text.replace("postgres://", "postgresql://", 1))
        return parsed.set(drivername="postgresql+psycopg")
    if text.startswith("sqlite:"):
        parsed = sa.make_url(text)
        if not parsed.database or parsed.database == ":memory:":
            raise ConfigError(f"{text}: give the SQLite store a file (sqlite:///path/to/rumormill.db)")
        return parsed
    if "://" in text:
        raise ConfigError(f"{text}: unsupported store URL; use a path, sqlite:///path or postgresql://...")
    return sa.URL.create("sqlite", database=str(Path(text).expanduser()))


def open_store(url: str | Path | None = None, *, statement_timeout: float | None = None) -> Store:
    """Open (creating and migrating if needed) the store at `url`. With `statement_timeout`,
    each read statement is stopped after that many seconds (`StoreTimeout`); writes have no limit."""
    resolved = resolve_url(url)
    if resolved.get_backend_name() == "postgresql":
        import importlib.util

        if importlib.util.find_spec("psycopg") is None:
            raise ConfigError(
                f"{resolved.render_as_string()}: a PostgreSQL store needs psycopg, which rumormill[postgres] "
                "installs: pip install 'rumormill[postgres]'"
            )
        from .postgres import PostgresStore

        return PostgresStore(PostgresStore.engine(resolved, statement_timeout), statement_timeout)
    from .sqlite import SQLiteStore

    path = Path(resolved.database)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"{path}: cannot create the store's folder: {e.strerror}") from e
    return SQLiteStore(SQLiteStore.engine(resolved, statement_timeout), statement_timeout)

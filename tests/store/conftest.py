"""Store fixtures: every store test runs on SQLite and on a real, throwaway PostgreSQL server.

PostgreSQL comes from `RUMORMILL_TEST_POSTGRES` (a server URL to create test databases on), or
else a cluster this fixture creates with the local PostgreSQL binaries (initdb, pg_ctl) in a
temporary folder on a free loopback port, and removes afterwards. Without either, the
PostgreSQL half is skipped with the reason, unless `RUMORMILL_REQUIRE_POSTGRES=1` (as CI sets
it), where it fails instead.
"""

from __future__ import annotations

import os
import uuid

import pytest

from rumormill.store import open_store
from rumormill.store.throwaway import start_postgres


def _unavailable(reason: str):
    if os.environ.get("RUMORMILL_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required here but {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server URL (without a database) for the session."""
    url = os.environ.get("RUMORMILL_TEST_POSTGRES")
    if url:
        yield url.rstrip("/")
        return
    try:
        url, stop = start_postgres(fast=True)
    except RuntimeError as e:
        _unavailable(str(e))
    try:
        yield url
    finally:
        stop()


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty database on the server, dropped after the test."""
    import psycopg

    name = f"rm_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{postgres_server}/{name}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """The URL of an empty store on each backend in turn."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'rumormill.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(store_url):
    with open_store(store_url) as opened:
        yield opened

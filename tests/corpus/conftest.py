"""Corpus fixtures: every store-backed corpus test runs on SQLite and on PostgreSQL.

The servers and databases come from the store tests' fixtures (see tests/store/conftest.py).
"""

from __future__ import annotations

import pytest

from rumormill.store import open_store
from tests.store.conftest import postgres_server, postgres_url, store_url  # noqa: F401


@pytest.fixture
def store(store_url):  # noqa: F811
    """A fresh, empty store on each backend in turn."""
    with open_store(store_url) as opened:
        yield opened

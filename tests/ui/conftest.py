"""The web UI's browser tests: a real server over a temporary store the real pipeline filled;
the browser fixtures are tests/conftest.py's (`tests/browser.py`)."""

from __future__ import annotations

import pytest

from tests.browser import serving
from tests.serve.conftest import TOKEN, served_store  # noqa: F401  (the store fixture, shared)


@pytest.fixture(scope="session")
def live_server(served_store):  # noqa: F811
    """The base URL of a real server over the store the real pipeline filled."""
    with serving(served_store, TOKEN) as url:
        yield url

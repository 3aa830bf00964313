"""Serve fixtures: the real app over a real SQLite store that the real pipeline filled.

`served_store` ingests the example articles and a few hostile ones (markup, attribute
injection and javascript: URLs in their text, title, outlet and URL) once per session.
"""

from __future__ import annotations

import pytest

from rumormill.model import Article
from tests.conftest import ROOT

TOKEN = "test-token-5f2b"

HOSTILE = [
    Article(
        title='<script>alert("title")</script>Kim "splits" <img src=x onerror=alert(1)>',
        outlet='"><script>alert("outlet")</script><b onmouseover="alert(2)">Gossip Daily',
        url="javascript:alert(document.domain)",
        published="2020-08-02",
        text=(
            'Kim Kardashian is said to be living in Calabasas <script>alert("text")</script>, a source claims.\n\n'
            '"I never said <img src=x onerror=alert(3)> that," Kanye West told reporters " onmouseover="alert(4)" x=".\n\n'
            'The rapper, 43, reportedly visited <a href="javascript:alert(5)">the ranch</a> in Cody, Wyoming.'
        ),
    ),
    Article(
        title="Normal title",
        outlet="Tabloid",
        url='https://example.com/a" onmouseover="alert(6)',
        published="2020-08-03",
        text=(
            "Reports claim </p></div><script src=//evil.example/x.js></script> Kim Kardashian and Kanye West are "
            "rumoured to be 'on the rocks' <svg onload=alert(7)>.\n\n"
            "According to sources, <iframe src=javascript:alert(8)></iframe> the couple will meet in Wyoming."
        ),
    ),
]


@pytest.fixture(scope="session")
def served_store(tmp_path_factory):
    """The URL of a SQLite store holding the examples and the hostile articles."""
    from rumormill import corpus, ingest, open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('serve') / 'rumormill.db'}"
    report = ingest([str(ROOT / "examples"), *HOSTILE], url)
    assert report.failed == 0 and report.stored == 4
    if hasattr(corpus, "link"):  # stories and threads, where the corpus offers them (incremental)
        with open_store(url) as store:
            corpus.link(store)
    return url


@pytest.fixture
def client(served_store):
    from fastapi.testclient import TestClient

    from rumormill.serve import create_app

    with TestClient(create_app(served_store, token=TOKEN), raise_server_exceptions=False) as test_client:
        yield test_client

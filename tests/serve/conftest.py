"""Serve fixtures: the real app over a real SQLite store that the real pipeline filled.

`served_store` ingests, once per session, the example articles, the hand-built Morrow corpus
(tests/corpus/story_morrow.py: a rumour, its copies, a denial on record, a court filing) and a
few hostile articles (markup, attribute injection and javascript: URLs in their text, title,
outlet and URL), one of them a copy of the Morrow rumour that joins its story and claim thread.
Ingest links as it stores: the stories and threads the pages show are the corpus's own.
"""

from __future__ import annotations

import pytest

from rumormill.model import Article
from tests.conftest import ROOT
from tests.corpus.story_morrow import REPEAT, articles

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


# Celeb Wire's repeat of the Morrow rumour, with markup inside the claim that joins the thread
HOSTILE_COPY = Article(
    title='<script>alert("copy title")</script>Morrow "split" <img src=x onerror=alert(9)>',
    outlet='"><img src=x onerror=alert(10)>Celeb Blog',
    url='javascript:alert("copy")',
    published="2024-03-11",
    text=REPEAT.replace("six years of marriage.", 'six years of marriage <script>alert("claim")</script>.'),
)


@pytest.fixture(scope="session")
def served_store(tmp_path_factory):
    """The URL of a SQLite store holding the examples, the Morrow corpus and the hostile articles."""
    from rumormill import ingest

    url = f"sqlite:///{tmp_path_factory.mktemp('serve') / 'rumormill.db'}"
    # 2 examples; the Morrow corpus's 8 texts are 6 articles (one is reprinted word for word twice)
    report = ingest([str(ROOT / "examples"), *articles(), *HOSTILE, HOSTILE_COPY], url)
    assert report.failed == 0 and report.stored == 11 and report.linked == 11
    return url


@pytest.fixture
def client(served_store):
    from fastapi.testclient import TestClient

    from rumormill.serve import create_app

    with TestClient(create_app(served_store, token=TOKEN), raise_server_exceptions=False) as test_client:
        yield test_client

"""The API and the pages over a real store: follow through /api/watchlists (with the token), the
follow form (CSRF and token), the alerts page and the Atom feed, with hostile text escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from rumormill import ingest, open_store
from rumormill.alerts.atom import ATOM
from rumormill.serve import create_app

from .story import denial, rumour

TOKEN = "alerts-token-7d1"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def served(tmp_path):
    url = f"sqlite:///{tmp_path / 'rumormill.db'}"
    ingest([rumour()], url)
    with TestClient(create_app(url, token=TOKEN), raise_server_exceptions=False) as client:
        yield url, client


def _thread_id(url: str) -> str:
    with open_store(url) as store:
        threads = store.table("threads")
        with store.reading() as conn:
            return conn.execute(sa.select(threads.c.id).where(threads.c.text.like("Pop star Nora Quill%"))).scalar()


def _csrf(client: TestClient, path: str) -> str:
    html = client.get(path).text
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def test_the_api_follows_with_the_token_only_and_lists_the_alerts(served):
    url, client = served
    body = {"kind": "search", "target": "split", "filters": {"certainty": "denied"}}
    assert client.post("/api/watchlists", json=body).status_code == 401
    assert client.post("/api/watchlists", json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
    refused = client.post("/api/watchlists", json=body | {"webhook": "http://127.0.0.1:9/x"}, headers=AUTH)
    assert refused.status_code == 422 and "refused" in refused.json()["error"]["message"]
    bad = client.post("/api/watchlists", json=body | {"filters": {"certainty": "sure"}}, headers=AUTH)
    assert bad.status_code == 422
    made = client.post("/api/watchlists", json=body, headers=AUTH)
    assert made.status_code == 201 and made.json()["secret"]
    listed = client.get("/api/watchlists").json()["items"]
    assert [w["id"] for w in listed] == [made.json()["id"]] and "secret" not in listed[0]

    ingest([denial()], url)
    [alert] = client.get("/api/alerts").json()["items"]
    assert alert["watchlist_id"] == made.json()["id"] and alert["kind"] == "article"
    assert client.delete(f"/api/watchlists/{alert['watchlist_id']}").status_code == 401
    assert client.delete(f"/api/watchlists/{alert['watchlist_id']}", headers=AUTH).status_code == 200
    assert client.get("/api/alerts").json()["items"] == []


def test_the_follow_form_needs_its_csrf_field_and_the_token_then_the_feed_and_page_show_the_alert(served):
    url, client = served
    tid = _thread_id(url)
    thread_page = client.get(f"/threads/{tid}").text
    assert 'action="/watchlists"' in thread_page and "Follow this claim" in thread_page
    csrf = _csrf(client, f"/threads/{tid}")
    form = {"kind": "thread", "target": tid, "csrf": csrf}
    assert client.post("/watchlists", data=form | {"csrf": "forged"}, follow_redirects=False).status_code == 403
    assert client.post("/watchlists", data=form | {"token": "wrong"}, follow_redirects=False).status_code == 401
    made = client.post("/watchlists", data=form | {"token": TOKEN}, follow_redirects=False)
    assert made.status_code == 303
    [watchlist] = client.get("/api/watchlists").json()["items"]

    ingest([denial()], url)  # the title holds markup: "<b>spokesperson</b> ... & rumours"
    feed = client.get(f"/watchlists/{watchlist['id']}/feed.atom")
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("application/atom+xml")
    [entry] = ET.fromstring(feed.content).findall(f"{{{ATOM}}}entry")
    assert "now denied (was open)" in entry.findtext(f"{{{ATOM}}}title")
    assert entry.find(f"{{{ATOM}}}link").get("href").endswith(f"/threads/{tid}")

    page = client.get(f"/alerts?watchlist={watchlist['id']}")
    assert page.status_code == 200 and "now denied (was open)" in page.text
    assert "denied on record" in page.text
    listing = client.get("/watchlists").text
    assert f"/watchlists/{watchlist['id']}/feed.atom" in listing
    assert client.get("/watchlists/nope/feed.atom").status_code == 404
    assert client.get("/alerts?watchlist=nope").status_code == 404


def test_an_entity_s_alert_page_escapes_the_article_s_title(served):
    url, client = served
    client.post("/api/watchlists", json={"kind": "entity", "target": "Nora Quill"}, headers=AUTH)
    ingest([denial()], url)
    page = client.get("/alerts").text
    assert "<b>spokesperson</b>" not in page and "&lt;b&gt;spokesperson&lt;/b&gt;" in page


def test_the_api_answers_an_ingest_before_it_posts_the_webhooks(tmp_path):
    """A receiver that holds its answer must not hold the client: POST /api/ingest finds the alerts
    with the ingest and posts them after answering (a background task of the response)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    import httpx

    from rumormill import alerts
    from tests.browser import serving

    release, arrived = threading.Event(), threading.Event()

    class Holding(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802  (http.server's name)
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            arrived.set()
            release.wait(30)
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Holding)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    url = f"sqlite:///{tmp_path / 'rumormill.db'}"
    ingest([rumour()], url)
    with open_store(url) as store:
        hook = f"http://127.0.0.1:{receiver.server_address[1]}/hook"
        alerts.follow(store, "entity", "Nora Quill", webhook=hook, allow_private=True)
    try:
        with serving(url, TOKEN) as base:  # a real server: the client has its answer before the task runs
            done = threading.Event()
            answer: dict = {}

            def post():
                article = denial()
                fields = ("text", "title", "outlet", "url", "published")
                body = {"articles": [{field: getattr(article, field) for field in fields}]}
                answer["response"] = httpx.post(f"{base}/api/ingest", json=body, headers=AUTH, timeout=120)
                done.set()

            threading.Thread(target=post, daemon=True).start()
            assert arrived.wait(120), "the webhook was never posted"
            # the receiver holds the post, and the client has its answer all the same
            assert done.wait(8), "the ingest waited for the webhook"  # a post may take 10 s (deliver.TIMEOUT)
            assert answer["response"].status_code == 200
            with open_store(url) as store:
                [found] = alerts.recent(store)
            assert found.kind == "article"
            release.set()
    finally:
        release.set()
        receiver.shutdown()
        receiver.server_close()

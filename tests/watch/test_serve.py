"""/sources and /api/sources over a real SQLite store, and `serve --watch`'s watcher thread."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from rumormill.serve import create_app
from rumormill.store import open_store
from rumormill.watch import add_source, list_sources

TOKEN = "watch-token-7c1d"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client(store_path):
    with TestClient(create_app(store_path, token=TOKEN), raise_server_exceptions=False) as test_client:
        yield test_client


def test_api_sources_add_list_remove_need_the_token(client):
    assert client.get("/api/sources").json() == {"items": [], "next": None}
    assert client.post("/api/sources", json={"url": "https://example.com/feed.xml"}).status_code == 401
    wrong = client.post(
        "/api/sources", json={"url": "https://example.com/feed.xml"}, headers={"Authorization": "Bearer x"}
    )
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "unauthorized"

    added = client.post("/api/sources", json={"url": "https://example.com/feed.xml", "interval": 600}, headers=AUTH)
    assert added.status_code == 200
    row = added.json()
    assert (row["url"], row["interval_s"], row["status"]) == ("https://example.com/feed.xml", 600.0, "new")
    assert [s["url"] for s in client.get("/api/sources").json()["items"]] == ["https://example.com/feed.xml"]

    bad = client.post("/api/sources", json={"url": "javascript:alert(1)"}, headers=AUTH)
    assert bad.status_code == 422 and "http(s)" in bad.json()["error"]["message"]
    assert client.post("/api/sources", json={"url": "https://e.com/", "interval": 0}, headers=AUTH).status_code == 422

    assert client.delete(f"/api/sources/{row['id']}").status_code == 401
    assert client.delete(f"/api/sources/{row['id']}", headers=AUTH).json() == {"removed": row["id"]}
    assert client.delete(f"/api/sources/{row['id']}", headers=AUTH).status_code == 404


def test_api_sources_are_in_the_openapi_schema(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths["/api/sources"]) == {"get", "post"} and "delete" in paths["/api/sources/{source_id}"]


def test_sources_page_forms_need_the_csrf_and_write_tokens(client, store_path):
    page = client.get("/sources")
    assert page.status_code == 200 and "No sources yet" in page.text
    csrf = client.cookies.get("rumormill_csrf")
    form = {"url": "https://example.com/rss", "interval": "1200", "csrf": csrf}
    assert client.post("/sources", data=form | {"token": "wrong"}, follow_redirects=False).status_code == 401
    assert client.post("/sources", data=form | {"token": TOKEN, "csrf": "forged"}).status_code == 403
    done = client.post("/sources", data=form | {"token": TOKEN}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/sources"
    page = client.get("/sources")
    assert "https://example.com/rss" in page.text and "1200 s" in page.text
    with open_store(store_path) as store:
        (source,) = list_sources(store)
    removed = client.post(
        f"/sources/{source['id']}/remove", data={"csrf": csrf, "token": TOKEN}, follow_redirects=False
    )
    assert removed.status_code == 303
    assert "No sources yet" in client.get("/sources").text


def test_serve_watch_polls_beside_the_app_and_stops_with_it(feed_server, store_path):
    with open_store(store_path) as store:
        add_source(store, feed_server.set_feed("served", [0, 1]), interval=3600)
    app = create_app(store_path, token=TOKEN, watch={"allow_private": True, "host_delay": 0})
    with TestClient(app) as test_client:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            (row,) = test_client.get("/api/sources").json()["items"]
            if row["last_success"]:
                break
            time.sleep(0.1)
        assert row["status"] == "ok" and row["articles"] == 2
        thread = app.state.watcher.thread
        assert thread.is_alive()
    assert not thread.is_alive()  # stopped with the server

"""Watch fixtures: a real HTTP server on 127.0.0.1 whose feeds a test changes as it goes, and
counts of what it was asked and what it sent back in full.

A feed answers with an ETag (a hash of its body) and a Last-Modified; a request that sends the
current ETag gets 304 and no body. A path set to fail answers 503 until set otherwise.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

# Each entry is a full article (content, not a teaser), so a poll fetches nothing but the feed.
STORIES = [
    (
        "Morrow and Vale split",
        "Actress Dana Morrow and the singer Luke Vale have split after six years together, a source close to "
        "the couple told the magazine on Monday. The pair were last seen together in Malibu in March.",
    ),
    (
        "Vale denies the split",
        'Luke Vale denied on Tuesday that he and Dana Morrow had separated. "We are very much together," the '
        "singer told reporters outside a studio in Los Angeles, calling the reports false.",
    ),
    (
        "Morrow files for divorce",
        "Dana Morrow filed for divorce from Luke Vale on Thursday, according to documents filed at the Los "
        "Angeles Superior Court, citing irreconcilable differences after six years of marriage.",
    ),
    (
        "Vale moves out",
        "Luke Vale has moved out of the Malibu home he shared with Dana Morrow, neighbours said on Friday. "
        "Removal vans were seen at the house for most of the afternoon, one neighbour reported.",
    ),
]


def rss(base: str, name: str, entries: list[int]) -> bytes:
    items = "".join(
        f"<item><title>{STORIES[i][0]}</title><link>{base}/{name}/{i}.html</link><guid>{name}-{i}</guid>"
        f"<pubDate>Mon, 0{i + 1} Apr 2024 09:00:00 GMT</pubDate><content:encoded>{STORIES[i][1]} The {name} desk reported it.</content:encoded></item>"
        for i in entries
    )
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Feed {name}</title>{items}</channel></rss>"
    ).encode()


class FeedServer:
    """What the server serves (`feeds`: path -> body; `failing`: paths answering 503) and what it
    saw (`requests` and `bodies`: path -> count; `conditional`: requests that sent validators)."""

    def __init__(self):
        self.feeds: dict[str, bytes] = {}
        self.failing: set[str] = set()
        self.requests: Counter = Counter()
        self.bodies: Counter = Counter()
        self.conditional: Counter = Counter()
        self.honour_validators = True
        self.types: dict[str, str] = {}  # path -> Content-Type, where not RSS
        self.delay = 0.0  # seconds each answer waits (a slow server: a window to kill a watcher in)
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                path = self.path
                if server.delay:
                    time.sleep(server.delay)
                with server.lock:
                    server.requests[path] += 1
                    if self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"):
                        server.conditional[path] += 1
                    body = server.feeds.get(path)
                    failing = path in server.failing
                if failing or body is None:
                    self.send_response(503 if failing else 404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if server.honour_validators and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                with server.lock:
                    server.bodies[path] += 1
                self.send_response(200)
                self.send_header("Content-Type", server.types.get(path, "application/rss+xml"))
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", formatdate(usegmt=True))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def set_feed(self, name: str, entries: list[int]) -> str:
        """Serve feed `name` with these STORIES; return its URL."""
        with self.lock:
            self.feeds[f"/{name}.xml"] = rss(self.base, name, entries)
        return self.url(name)

    def url(self, name: str) -> str:
        return f"{self.base}/{name}.xml"


@pytest.fixture
def feed_server():
    server = FeedServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def store_path(tmp_path):
    return tmp_path / "rumormill.db"


from tests.store.conftest import postgres_server, postgres_url  # noqa: E402, F401  (the PostgreSQL fixtures, shared)

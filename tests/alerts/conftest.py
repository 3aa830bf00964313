"""Alert fixtures: a real HTTP receiver on loopback, and the store on each backend.

The receiver records every POST (its raw body and headers) and answers 500 to the first
`failures` posts it gets, then 204."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from rumormill.store import open_store
from tests.store.conftest import postgres_server, postgres_url, store_url  # noqa: F401


class Receiver:
    def __init__(self, failures: int = 0):
        self.failures = failures
        self.posts: list[dict] = []  # every post, answered or refused
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802  (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with receiver.lock:
                    receiver.posts.append({"path": self.path, "body": body, "headers": dict(self.headers)})
                    failing = receiver.failures > 0
                    receiver.failures -= int(failing)
                self.send_response(500 if failing else 204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    made = Receiver()
    yield made
    made.close()


@pytest.fixture
def store(store_url):  # noqa: F811
    with open_store(store_url) as opened:
        yield opened


@pytest.fixture
def sqlite_store(tmp_path):
    with open_store(tmp_path / "rumormill.db") as opened:
        yield opened

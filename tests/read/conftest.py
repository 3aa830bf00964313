"""A real HTTP server on 127.0.0.1 for the fetching tests: pages, a feed, redirects, a body
with no end, a slow response, an image."""

from __future__ import annotations

import functools
import gzip
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

PAGE_TEXT = (
    "Kim Kardashian and Kanye West have been living apart for months, a source close to the couple said.",
    "The rapper is said to be staying at his ranch in Wyoming while the reality star remains in Calabasas.",
)
PAGE = (
    "<html><head><title>Kim and Kanye living apart</title>"
    '<meta property="article:published_time" content="2020-07-31T10:00:00Z"></head><body>'
    "<article><h1>Kim and Kanye living apart</h1>" + "".join(f"<p>{p}</p>" for p in PAGE_TEXT) + "</article>"
    "</body></html>"
).encode()
PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)
BOMB_BYTES = 200_000_000  # what the bomb decompresses to; it is about 200 KB on the wire


@functools.cache
def gzip_bomb() -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    return b"".join(packer.compress(block) for _ in range(BOMB_BYTES >> 20)) + packer.flush()


def feed(base: str) -> bytes:
    """An RSS feed whose one entry is a teaser linking to the page on the same server."""
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Gossip Daily</title>'
        f"<item><title>Living apart</title><link>{base}/page.html</link><guid>gossip-1</guid>"
        "<pubDate>Fri, 31 Jul 2020 09:00:00 GMT</pubDate><description>Kim and Kanye are apart.</description></item>"
        "</channel></rss>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _send(self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8", **headers):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self._send(302, b"", Location=location)

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        self.server.paths.append(self.path)
        base = f"http://127.0.0.1:{self.server.server_port}"
        routes = {
            "/page.html": lambda: self._send(200, PAGE),
            "/feed.xml": lambda: self._send(200, feed(base), "application/rss+xml"),
            "/redirect": lambda: self._redirect("/page.html"),
            "/redirect-away": lambda: self._redirect(f"http://127.0.0.2:{self.server.server_port}/page.html"),
            "/redirect-ftp": lambda: self._redirect("ftp://127.0.0.1/page.html"),
            "/loop": lambda: self._redirect("/loop"),
            "/image.png": lambda: self._send(200, PNG, "image/png"),
            "/declared-huge": self._declared_huge,
            "/endless": self._endless,
            "/slow": self._slow,
            "/drip": self._drip,
            "/gzip-page": lambda: self._send(200, gzip.compress(PAGE), Content_Encoding="gzip"),
            "/gzip-bomb": lambda: self._send(200, gzip_bomb(), Content_Encoding="gzip"),
        }
        routes.get(self.path.split("?")[0], lambda: self._send(404, b"<html><body>not found</body></html>"))()

    def _declared_huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(10**9))
        self.end_headers()

    def _endless(self) -> None:
        """A body with no Content-Length and no end: only a cap enforced while reading stops it."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"<p>" + b"x" * 65_000 + b"</p>"
        try:
            for _ in range(2_000):  # 130 MB, a bound so a broken client cannot keep the thread forever
                self.wfile.write(chunk)
        except OSError:
            pass  # the client hung up, as it should

    def _slow(self) -> None:
        time.sleep(2)
        try:
            self._send(200, PAGE)
        except OSError:
            pass

    def _drip(self) -> None:
        """A byte every 0.1 s: never a read timeout, so only a whole-fetch deadline stops it."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            for _ in range(100):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass


@pytest.fixture(scope="session")
def http_server():
    """The server's base URL ("http://127.0.0.1:PORT"); `http_server.paths` lists requests made."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.paths = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield _Base(f"http://127.0.0.1:{server.server_port}", server.paths)
    server.shutdown()
    server.server_close()


class _Base(str):
    """A base URL that also carries the list of paths the server was asked for."""

    def __new__(cls, url: str, paths: list[str]):
        base = super().__new__(cls, url)
        base.paths = paths
        return base

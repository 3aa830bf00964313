"""Fetching: a real HTTP server on 127.0.0.1; private addresses refused, each redirect checked."""

from __future__ import annotations

import socket
import time

import pytest

from rumormill import InputError, read
from rumormill.read import fetch_bytes, fetch_url

from .conftest import PAGE_TEXT


def test_fetch_url_reads_the_page(http_server):
    article = fetch_url(f"{http_server}/page.html", allow_private=True)
    assert article.text == "\n\n".join(PAGE_TEXT)
    assert (article.title, article.published) == ("Kim and Kanye living apart", "2020-07-31")
    assert article.url == article.origin == f"{http_server}/page.html"


def test_fetch_refuses_loopback_by_default(http_server):
    before = len(http_server.paths)
    with pytest.raises(InputError) as info:
        fetch_url(f"{http_server}/page.html")
    assert info.value.reason == "refused: 127.0.0.1 is a loopback address; pass --allow-private to fetch it"
    assert info.value.source == f"{http_server}/page.html"
    assert len(http_server.paths) == before


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://10.0.0.1/", "10.0.0.1 is a private address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://[::1]:8080/", "::1 is a loopback address"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:7f00:1 is a loopback address (127.0.0.1 inside IPv6)"),
        ("http://0.0.0.0/", "0.0.0.0 is an unspecified address"),
        ("https://[fe80::1]/", "fe80::1 is a link-local address"),
        ("http://224.0.0.1/", "224.0.0.1 is a multicast address"),
        ("http://192.168.1.1/", "192.168.1.1 is a private address"),
    ],
)
def test_fetch_refuses_private_literals_without_connecting(monkeypatch, url, why):
    def tripwire(*args, **kwargs):
        raise AssertionError(f"a connection was attempted: {args}")

    monkeypatch.setattr(socket, "create_connection", tripwire)
    monkeypatch.setattr(socket, "getaddrinfo", tripwire)
    with pytest.raises(InputError) as info:
        fetch_bytes(url)
    assert info.value.reason == f"refused: {why}; pass --allow-private to fetch it"


def test_fetch_checks_addresses_a_host_name_resolves_to(http_server):
    # No literal to check before connecting: the check runs in the connection itself, on the
    # addresses it then connects to (this also proves our network backend is the one in use).
    port = http_server.rsplit(":", 1)[1]
    with pytest.raises(InputError, match=r"refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address"):
        fetch_url(f"http://localhost:{port}/page.html")


def test_fetch_follows_redirects(http_server):
    article = fetch_url(f"{http_server}/redirect", allow_private=True)
    assert (article.origin, article.url) == (f"{http_server}/redirect", f"{http_server}/page.html")


def test_fetch_checks_every_redirect_hop(http_server):
    # 127.0.0.1 is allowed, so the first hop is fetched; the redirect to 127.0.0.2 is not.
    allowed = ["127.0.0.1/32"]
    assert fetch_url(f"{http_server}/redirect", allow_private=allowed).url == f"{http_server}/page.html"
    before = len(http_server.paths)
    port = http_server.rsplit(":", 1)[1]
    with pytest.raises(InputError) as info:
        fetch_url(f"{http_server}/redirect-away", allow_private=allowed)
    assert info.value.reason == (
        "refused: 127.0.0.2 is a loopback address; pass --allow-private to fetch it "
        f"(redirected to http://127.0.0.2:{port}/page.html)"
    )
    assert http_server.paths[before:] == ["/redirect-away"]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/redirect-ftp", "only http and https URLs can be fetched, not ftp"),
        ("/loop", "more than 5 redirects"),
        ("/image.png", "content-type image/png is not HTML"),
        ("/missing", "HTTP status 404 from {base}/missing"),
        ("/declared-huge", "response over 100,000 bytes (1,000,000,000 declared)"),
        ("/endless", "response over 100,000 bytes"),
    ],
)
def test_fetch_errors_name_the_url(http_server, path, reason):
    with pytest.raises(InputError) as info:
        fetch_url(f"{http_server}{path}", allow_private=True, max_bytes=100_000)
    assert (info.value.source, info.value.reason) == (f"{http_server}{path}", reason.format(base=http_server))


def test_fetch_times_out(http_server):
    start = time.monotonic()
    with pytest.raises(InputError) as info:
        fetch_url(f"{http_server}/slow", allow_private=True, timeout=0.3)
    assert info.value.reason == "timed out after 0.3 s"
    assert time.monotonic() - start < 1.5


def test_fetch_gives_up_on_a_resolver_that_hangs(monkeypatch):
    """getaddrinfo takes no timeout: a dead resolver must not hold the fetch past its timeout."""

    def hanging(*args, **kwargs):
        time.sleep(2)
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", hanging)
    start = time.monotonic()
    with pytest.raises(InputError) as info:
        fetch_url("http://news.example/story", timeout=0.3)
    assert info.value.reason == "timed out after 0.3 s"
    assert time.monotonic() - start < 1.5


def test_fetch_cuts_a_response_that_drips_under_the_read_timeout(http_server):
    start = time.monotonic()
    with pytest.raises(InputError) as info:
        fetch_url(f"{http_server}/drip", allow_private=True, timeout=0.3)
    assert info.value.reason == "timed out after 0.9 s in all"
    assert time.monotonic() - start < 2


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/feed.xml", "javascript:alert(1)"])
def test_fetch_only_http_and_https(url):
    with pytest.raises(InputError, match="only http and https URLs can be fetched"):
        fetch_bytes(url)


def test_fetch_bytes_gets_a_feed(http_server):
    fetched = fetch_bytes(f"{http_server}/feed.xml", allow_private=True)
    assert (fetched.url, fetched.content_type) == (f"{http_server}/feed.xml", "application/rss+xml")
    assert fetched.content.startswith(b"<?xml")


def test_read_url_of_a_feed_gives_its_entries_with_pages_fetched(http_server):
    [article] = read(f"{http_server}/feed.xml", allow_private=True)
    assert (article.ref, article.origin, article.outlet) == (
        "gossip-1",
        f"{http_server}/feed.xml#entry1",
        "Gossip Daily",
    )
    assert article.text == "\n\n".join(PAGE_TEXT)  # the page, not the teaser


def test_read_url_of_a_page(http_server):
    [article] = read(f"{http_server}/page.html?from=feed", allow_private=True)
    assert article.url == f"{http_server}/page.html?from=feed"


def test_read_url_refused_goes_to_on_error(http_server):
    errors = []
    assert list(read(f"{http_server}/page.html", on_error=errors.append)) == []
    assert [e.reason for e in errors] == ["refused: 127.0.0.1 is a loopback address; pass --allow-private to fetch it"]


def test_read_url_list_reports_bad_lines_and_goes_on(http_server, tmp_path):
    path = tmp_path / "sources.urls"
    path.write_text(
        f"# gossip\n\n{http_server}/page.html\n{http_server}/image.png\nnot a url\n{http_server}/redirect\n",
        encoding="utf-8",
    )
    errors, asked = [], []
    articles = list(read(path, allow_private=True, on_error=errors.append, skip_url=lambda u: asked.append(u) or False))
    assert [a.url for a in articles] == [f"{http_server}/page.html", f"{http_server}/page.html"]
    assert [(e.source, e.line) for e in errors] == [(str(path), 4), (str(path), 5)]
    assert errors[0].reason == f"{http_server}/image.png: content-type image/png is not HTML or a feed"
    assert errors[1].reason == "'not a url' is not an http(s) URL"
    assert asked == [f"{http_server}/page.html", f"{http_server}/image.png", f"{http_server}/redirect"]


def test_read_url_list_skip_url_skips_without_fetching(http_server, tmp_path):
    path = tmp_path / "list.txt"
    path.write_text(f"{http_server}/page.html\n{http_server}/slow\n", encoding="utf-8")
    before = len(http_server.paths)
    articles = list(read(path, format="urls", allow_private=True, skip_url=lambda u: u.endswith("/slow")))
    assert [(a.origin, a.ref) for a in articles] == [(f"{path}:1", f"{http_server}/page.html")]
    assert http_server.paths[before:] == ["/page.html"]

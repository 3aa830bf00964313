"""Fetching web pages and feeds safely: http(s) only, timeouts, a size cap, a content-type check,
and no requests to private, loopback or link-local addresses unless the caller allows them.

    >>> article = fetch_url("https://example.com/2020/07/31/kim-and-kanye.html")
    >>> url, content_type, content = fetch_bytes("https://example.com/feed.xml", accept=FEED_TYPES)

The address check runs where the connection is made: every address the host name resolves to
is checked, and the socket connects to one of exactly those addresses, so a DNS answer that
changes between the check and the connection (DNS rebinding) cannot slip past it. Redirects are
followed one hop at a time and each hop goes through the same check. Proxies from the
environment are ignored, since a proxy would make the connection on our behalf unchecked.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
import time
import zlib
from collections.abc import Collection, Iterable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as _FutureTimeout
from email.message import Message
from typing import NamedTuple

import httpcore
import httpx

from .. import settings
from ..errors import InputError
from ..model import Article
from ._page import parse_page

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
)
MAX_REDIRECTS = 5
# A server that drips one byte just inside the read timeout would hold a fetch forever; the
# whole fetch is cut at this many times the timeout.
_TOTAL_TIMEOUT_FACTOR = 3
# getaddrinfo takes no timeout and can hang on a dead resolver; it runs in this pool and the
# fetch gives up after the connect timeout (the lookup thread finishes on its own).
_RESOLVER = ThreadPoolExecutor(max_workers=4, thread_name_prefix="rumormill-resolve")
_DEFAULT_RESOLVE_TIMEOUT = 10.0


def _resolve(host: str, port: int, timeout: float | None) -> list:
    """getaddrinfo for a TCP connection, within `timeout` seconds."""
    limit = _DEFAULT_RESOLVE_TIMEOUT if timeout is None else timeout
    future = _RESOLVER.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        return future.result(timeout=limit)
    except _FutureTimeout:
        future.cancel()
        raise httpcore.ConnectTimeout(f"resolving {host} took over {limit:g} s") from None


_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})

AddressPolicy = bool | Collection[str]


class Fetched(NamedTuple):
    """A fetched response: the final URL (after redirects), its media type and its body."""

    url: str
    content_type: str
    content: bytes


PRIVATE_HINT = "; pass --allow-private to fetch it"  # the command line's way; the server has none


class _Refused(Exception):
    """An address the policy refuses; raised inside the connection, turned into InputError."""


def _networks(allow_private: AddressPolicy) -> tuple | bool:
    if isinstance(allow_private, bool):
        return allow_private
    return tuple(ipaddress.ip_network(n, strict=False) for n in allow_private)


def _non_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why `ip` is not a public address ("a loopback address"), or None when it is public."""
    if ip.version == 6:
        # An IPv4 address wrapped in IPv6 reaches the IPv4 host: judge that one.
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is not None:
            reason = _non_public(embedded)
            return f"{reason} ({embedded} inside IPv6)" if reason else None
    checks = (
        ("is_unspecified", "an unspecified address"),
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_private", "a private address"),
        ("is_reserved", "a reserved address"),
    )
    for attribute, reason in checks:
        if getattr(ip, attribute):
            return reason
    return None if ip.is_global else "not a public address"


def _check_address(address: str, allow_private: AddressPolicy = False, host: str | None = None) -> None:
    """Raise `_Refused` when the policy does not allow connecting to the IP `address`.

    `allow_private` is False (public addresses only), True (any address) or a collection of
    networks ("127.0.0.1", "10.0.0.0/8") allowed besides the public ones.
    """
    policy = _networks(allow_private)
    if policy is True:
        return
    ip = ipaddress.ip_address(address.split("%")[0])  # drop an IPv6 zone ("fe80::1%eth0")
    reason = _non_public(ip)
    if reason is None or (policy and any(ip in network for network in policy)):
        return
    named = f"{host} resolves to {ip}, {reason}" if host and host != address else f"{ip} is {reason}"
    raise _Refused(f"refused: {named}{PRIVATE_HINT}")


class _CheckedBackend(httpcore.NetworkBackend):
    """Resolves the host once, checks every address, then connects to one of those addresses."""

    def __init__(self, allow_private: AddressPolicy):
        self._allow_private = allow_private
        self._backend = httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            infos = _resolve(host, port, timeout)
        except socket.gaierror as e:
            raise httpcore.ConnectError(f"cannot resolve {host}: {e.strerror}") from e
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        for address in addresses:  # all of them first: one bad address refuses the host
            _check_address(address, self._allow_private, host=host)
        error: Exception | None = None
        for address in addresses:
            try:
                return self._backend.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                error = e
        raise error or httpcore.ConnectError(f"no address for {host}")

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One verifying TLS context for every fetch. Making one reads the whole CA bundle (about
    30 ms of CPU here): once per fetch, that was nine tenths of a watcher's CPU on feeds that
    answer 304. An SSLContext is safe to share between connections and threads."""
    return httpx.create_ssl_context(trust_env=False)


class _CheckedTransport(httpx.HTTPTransport):
    def __init__(self, allow_private: AddressPolicy):
        super().__init__(verify=_ssl_context(), trust_env=False)
        # httpx takes no network backend, so the pool is rebuilt with ours (httpx 0.28 keeps
        # it as `_pool`; tests/read/test_fetch.py fails loudly if that ever changes).
        self._pool.close()
        self._pool = httpcore.ConnectionPool(
            ssl_context=_ssl_context(),
            network_backend=_CheckedBackend(allow_private),
        )


def _media_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    message = Message()
    message["content-type"] = header
    return message.get_content_type().lower(), message.get_param("charset")


def _check_url(url: httpx.URL, allow_private: AddressPolicy, source: str) -> None:
    if url.scheme not in ("http", "https"):
        raise InputError(f"only http and https URLs can be fetched, not {url.scheme or 'a bare path'}", source=source)
    if not url.host:
        raise InputError("the URL has no host", source=source)
    try:
        ipaddress.ip_address(url.host)
    except ValueError:
        return  # a host name: checked when it is resolved, at connection time
    _check_address(url.host, allow_private)  # a literal address: refused before connecting


def _describe(types: Iterable[str]) -> str:
    return "HTML" if set(types) <= HTML_TYPES else "HTML or a feed" if set(types) & HTML_TYPES else "a feed"


def _read_capped(response: httpx.Response, max_bytes: int, deadline: float, timeout: float, source: str) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputError(f"response over {max_bytes:,} bytes ({int(declared):,} declared)", source=source)
    decoder = _decoder(response.headers.get("content-encoding", ""), source)
    chunks, size = [], 0
    for raw in response.iter_raw():
        # decompressed here, never more than the bytes still allowed (+1 to see the excess): a
        # gzip bomb stops at the cap, not after it has filled memory
        pending = raw
        while pending:
            if decoder is None:
                chunk, pending = pending, b""
            else:
                chunk = decoder.decompress(pending, max_bytes - size + 1)
                pending = decoder.unconsumed_tail
            size += len(chunk)
            if size > max_bytes:
                raise InputError(f"response over {max_bytes:,} bytes", source=source)
            chunks.append(chunk)
            if decoder is not None and not chunk:
                break
        if time.monotonic() > deadline:
            raise InputError(f"timed out after {timeout * _TOTAL_TIMEOUT_FACTOR:g} s in all", source=source)
    return b"".join(chunks)


def _decoder(encoding: str, source: str):
    """A zlib decompressor for the response's Content-Encoding (None: identity)."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    raise InputError(f"unsupported content-encoding {encoding[:40]!r}", source=source)


def _fetch(
    url: str,
    *,
    allow_private: AddressPolicy,
    timeout: float | None,
    max_bytes: int | None,
    accept: Collection[str],
) -> tuple[str, str, str | None, bytes]:
    fetched = _exchange(url, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes, accept=accept)
    return fetched.url, fetched.content_type, fetched.charset, fetched.content


class Exchange(NamedTuple):
    """A response with what a conditional request needs: the status (200, or 304 when the
    validators sent still hold: then `content` is empty) and the validators to send next time."""

    url: str
    status: int
    content_type: str
    charset: str | None
    content: bytes
    etag: str | None
    last_modified: str | None


def _exchange(
    url: str,
    *,
    allow_private: AddressPolicy,
    timeout: float | None,
    max_bytes: int | None,
    accept: Collection[str],
    validators: dict[str, str] | None = None,
) -> Exchange:
    timeout = float(settings.get("fetch_timeout") if timeout is None else timeout)
    max_bytes = int(settings.get("fetch_max_bytes") if max_bytes is None else max_bytes)
    headers = {
        "User-Agent": settings.get("user_agent"),
        "Accept": ", ".join(sorted(accept)) + ", */*;q=0.1",
        "Accept-Encoding": "gzip, deflate",  # what _read_capped decodes, within its cap
        **(validators or {}),
    }
    deadline = time.monotonic() + timeout * _TOTAL_TIMEOUT_FACTOR
    try:
        current = httpx.URL(url)
    except httpx.InvalidURL as e:
        raise InputError(f"not a valid URL: {e}", source=url) from None
    transport = _CheckedTransport(allow_private)
    with httpx.Client(transport=transport, timeout=timeout, headers=headers, follow_redirects=False) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                _check_url(current, allow_private, url)
                with client.stream("GET", current) as response:
                    if response.status_code in _REDIRECT_CODES and "location" in response.headers:
                        current = current.join(response.headers["location"])
                        continue
                    etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
                    if response.status_code == 304 and validators:
                        return Exchange(str(current), 304, "", None, b"", etag, modified)
                    if response.status_code != 200:
                        raise InputError(f"HTTP status {response.status_code} from {current}", source=url)
                    media_type, charset = _media_type(response.headers.get("content-type"))
                    if media_type and media_type not in accept:
                        raise InputError(f"content-type {media_type} is not {_describe(accept)}", source=url)
                    content = _read_capped(response, max_bytes, deadline, timeout, url)
                    return Exchange(str(current), 200, media_type, charset, content, etag, modified)
            except _Refused as e:
                raise InputError(
                    str(e) if current == httpx.URL(url) else f"{e} (redirected to {current})", source=url
                ) from None
            except httpx.TimeoutException:
                raise InputError(f"timed out after {timeout:g} s", source=url) from None
            except httpx.HTTPError as e:
                raise InputError(f"cannot fetch: {e or type(e).__name__}", source=url) from None
    raise InputError(f"more than {MAX_REDIRECTS} redirects", source=url)


def fetch_bytes(
    url: str,
    *,
    allow_private: AddressPolicy = False,
    timeout: float | None = None,
    max_bytes: int | None = None,
    accept: Collection[str] = HTML_TYPES | FEED_TYPES,
) -> Fetched:
    """GET `url` and return the final URL, the media type and the body.

    Args:
        url: an http or https URL.
        allow_private: False refuses private, loopback, link-local, multicast, reserved and
            unspecified addresses (the `--allow-private` option turns that off); True allows
            any address; a collection of networks ("127.0.0.1", "10.0.0.0/8") allows those only.
        timeout: seconds to connect and for each read (`fetch_timeout` setting when None).
        max_bytes: the largest body (`fetch_max_bytes` setting when None); the download stops
            as soon as it is passed.
        accept: the media types accepted; a response without a content type is accepted too.

    Raises:
        InputError naming the URL: refused address, timeout, size, content type, HTTP status.
    """
    final_url, media_type, _charset, content = _fetch(
        url, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes, accept=accept
    )
    return Fetched(final_url, media_type, content)


def fetch_if_changed(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    allow_private: AddressPolicy = False,
    timeout: float | None = None,
    max_bytes: int | None = None,
    accept: Collection[str] = HTML_TYPES | FEED_TYPES,
) -> Exchange:
    """A conditional GET: `url` with If-None-Match / If-Modified-Since from the validators of the
    last response. An answer of 304 (nothing changed) has status 304 and no content; a server that
    ignores the validators answers 200 with the whole body, as without them. The other arguments
    and errors are `fetch_bytes`'s.

        >>> first = fetch_if_changed("https://example.com/feed.xml")
        >>> again = fetch_if_changed(first.url, etag=first.etag, last_modified=first.last_modified)
    """
    validators = {}
    if etag:
        validators["If-None-Match"] = etag
    if last_modified:
        validators["If-Modified-Since"] = last_modified
    return _exchange(
        url, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes, accept=accept, validators=validators
    )


def fetch_url(
    url: str,
    *,
    allow_private: AddressPolicy = False,
    timeout: float | None = None,
    max_bytes: int | None = None,
) -> Article:
    """The article on the HTML page at `url` (see `fetch_bytes` for the arguments).

    `origin` is `url` and `Article.url` the final URL after redirects.
    """
    final_url, _media_type, charset, content = _fetch(
        url, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes, accept=HTML_TYPES
    )
    return parse_page(content, url, url=final_url, charset=charset)


__all__ = [
    "FEED_TYPES",
    "HTML_TYPES",
    "MAX_REDIRECTS",
    "Exchange",
    "Fetched",
    "fetch_bytes",
    "fetch_if_changed",
    "fetch_url",
]

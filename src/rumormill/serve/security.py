"""What keeps the server safe to expose: strict response headers, request limits, the write
token, CSRF on form posts, and a last-resort catch that turns any crash into a plain error.

Article text is hostile input, so the pages never run anything they did not ship: the
Content-Security-Policy allows scripts, styles and images from this server only, and no inline
script or style at all (the templates have none), so even a missed escape cannot execute.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import secrets
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import ConfigError
from .errors import ApiError

log = logging.getLogger("rumormill.serve")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
CSRF_COOKIE = "rumormill_csrf"
CSRF_FIELD = "csrf"


def is_loopback(host: str) -> bool:
    """Whether binding to `host` keeps the server on this machine."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen beyond this machine without a write token: anyone who can reach the
    server could otherwise write to the store."""
    if not token and not is_loopback(host):
        raise ConfigError(
            f"refusing to listen on {host}: set a write token (--token or RUMORMILL_TOKEN) "
            "to serve beyond this machine, or use --host 127.0.0.1"
        )


def check_bearer(authorization: str | None, token: str | None) -> None:
    """The write endpoints' guard: `Authorization: Bearer <token>`, compared in constant time."""
    if not token:
        raise ApiError(403, "writing is disabled: start the server with --token or RUMORMILL_TOKEN", "forbidden")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(
            401, "a valid bearer token is required (Authorization: Bearer ...)", headers={"WWW-Authenticate": "Bearer"}
        )


def check_form_write(request, csrf: str, token: str) -> None:
    """A write through a page's form: the form came from our page (the CSRF field matches its
    cookie) and carries the write token in a field, compared as the API compares its bearer
    token; a server started without a token takes no writes, from forms or the API."""
    request.app.state.csrf.check(request.cookies.get(CSRF_COOKIE), csrf)
    check_bearer(f"Bearer {token}", request.app.state.token)


class Csrf:
    """Double-submit CSRF tokens: a signed random value in a SameSite=Strict cookie, repeated in
    a hidden form field. A cross-site form cannot read the cookie to repeat it, and the signature
    means a cookie planted by a sibling site does not verify."""

    def __init__(self, secret: bytes | None = None):
        self._secret = secret or secrets.token_bytes(32)

    def _sign(self, nonce: str) -> str:
        return hmac.new(self._secret, nonce.encode(), hashlib.sha256).hexdigest()[:32]

    def valid(self, token: str | None) -> bool:
        nonce, _, signature = (token or "").partition(".")
        return bool(nonce) and hmac.compare_digest(signature.encode(), self._sign(nonce).encode())

    def token(self, cookie: str | None) -> str:
        """The cookie's token when it is ours, else a fresh one (to set as the cookie)."""
        if self.valid(cookie):
            return cookie  # type: ignore[return-value]
        nonce = secrets.token_urlsafe(18)
        return f"{nonce}.{self._sign(nonce)}"

    def check(self, cookie: str | None, field: str | None) -> None:
        if not (self.valid(cookie) and field and hmac.compare_digest(field.encode(), cookie.encode())):  # type: ignore[union-attr]
            raise ApiError(
                403, "the form has expired or did not come from this site: reload the page and try again", "csrf"
            )


ErrorRenderer = Callable[[str, int, str, str], tuple[bytes, str]]


class Guard:
    """ASGI middleware, outermost: adds the security headers to every response, refuses request
    bodies over `max_body` bytes (by Content-Length, and by counting when there is none), and
    answers any unhandled exception with a plain 500 (logged here, never shown)."""

    def __init__(self, app: ASGIApp, render_error: ErrorRenderer, max_body: int):
        self.app = app
        self.render_error = render_error
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        started = False

        async def send_secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {name for name, _ in HEADERS}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": kept + HEADERS}
            await send(message)

        async def refuse(status: int, code: str, text: str) -> None:
            body, content_type = self.render_error(path, status, code, text)
            await send_secured(
                {
                    "type": "http.response.start",
                    "status": status,
                    "headers": [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())],
                }
            )
            await send_secured({"type": "http.response.body", "body": body})

        too_large = f"the request body is larger than the limit of {self.max_body:,} bytes"
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await refuse(413, "too_large", too_large)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise ApiError(413, too_large)
            return message

        try:
            await self.app(scope, counted, send_secured)
        except Exception:
            log.exception("unhandled error on %s", path)
            if not started:
                await refuse(500, "internal", "internal error: the server could not answer this request")

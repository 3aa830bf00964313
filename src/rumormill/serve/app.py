"""The web app: `create_app()` builds the FastAPI application over one store.

    >>> from rumormill.serve import create_app
    >>> app = create_app("sqlite:///rumormill.db", token="s3cret")   # then: uvicorn.run(app)

One app holds the store, the page templates (Jinja2, autoescaping on), the CSRF signer and
the bounded pool for analyses. The API lives under /api/ (api.py), the pages everywhere else
(web.py); both answer errors through `errors.py`'s one shape and `security.Guard`'s headers.
"""

from __future__ import annotations

import json
import os
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from .. import __version__
from ..source_kinds import ORDERED_KINDS, SOURCE_KIND_INFO
from ..source_kinds import info as source_kind_info
from ..store import open_store
from .errors import ApiError, code_for, envelope
from .jobs import Jobs
from .security import Csrf, Guard
from .views import Memo

HERE = Path(__file__).resolve().parent
MAX_BODY = 2_000_000  # bytes in a request body
MAX_CHARS = 200_000  # characters of article text to analyse or store per article
STATEMENT_TIMEOUT = 5.0  # seconds a read statement may run


def entity_url(name: str) -> str:
    return "/entities/" + quote(name, safe="")


def safe_href(url: str | None) -> str | None:
    """An article's URL as a link target only when it is http(s): never javascript: or data:."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def _templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        entity_url=entity_url,
        safe_href=safe_href,
        version=__version__,
        source_kinds=[SOURCE_KIND_INFO[k] for k in ORDERED_KINDS],
        source_kind=source_kind_info,
    )
    env.filters["pct"] = lambda value: f"{100 * (value or 0):.0f}%"
    env.filters["short"] = lambda value, n=12: (value or "")[:n]
    return env


def create_app(
    store_url: str | Path | None = None,
    token: str | None = None,
    *,
    max_body: int = MAX_BODY,
    max_chars: int = MAX_CHARS,
    analysis_timeout: float = 60.0,
    analysis_workers: int = 2,
    statement_timeout: float | None = STATEMENT_TIMEOUT,
    watch: bool | dict = False,
) -> FastAPI:
    """The application over the store at `store_url` (default: the `db` setting).

    Args:
        token: the bearer token the write endpoints require (default: RUMORMILL_TOKEN); with
            none, writing through the API is disabled.
        max_body: the largest request body accepted, in bytes.
        max_chars: the longest article text accepted, in characters.
        analysis_timeout: seconds a request waits for an analysis or a fetch.
        analysis_workers: analyses (and fetches) run at once; more requests wait their turn.
        statement_timeout: seconds a read statement may run before the store stops it (the
            request answers 503 "timeout"); it also ends work whose client has gone.
        watch: run the source watcher beside the app (`rumormill serve --watch`): True, or the
            `Watcher`'s options (`allow_private`, `host_delay`). It starts and stops with the app.
    """
    from . import api, sources, web

    store = open_store(store_url, statement_timeout=statement_timeout)

    @asynccontextmanager
    async def lifespan(_app):
        watcher = _start_watcher(store_url, {} if watch is True else watch) if watch else None
        app.state.watcher = watcher
        yield
        if watcher is not None:
            watcher.stop()
        store.close()

    app = FastAPI(
        title="rumormill",
        version=__version__,
        description="Who says what, how sure, and how the story turned out: claims, sources and certainty.",
        docs_url=None,  # /docs is our own page: Swagger UI would need a CDN and inline scripts
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.token = token if token is not None else (os.environ.get("RUMORMILL_TOKEN") or None)
    app.state.templates = _templates()
    app.state.csrf = Csrf()
    app.state.jobs = Jobs(analysis_workers, analysis_timeout)
    app.state.max_chars = max_chars
    app.state.memo = Memo()

    def render_error(path: str, status: int, code: str, message: str) -> tuple[bytes, str]:
        if path.startswith("/api/") or path == "/api":
            return json.dumps(envelope(code, message)).encode(), "application/json"
        html = app.state.templates.get_template("error.html").render(
            status=status, code=code, message=message, path=path, q=""
        )
        return html.encode(), "text/html; charset=utf-8"

    def error_response(request: Request, status: int, code: str, message: str, headers=None):
        body, content_type = render_error(request.url.path, status, code, message)
        return HTMLResponse(body, status, headers=headers, media_type=content_type.split(";")[0])

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException):
        status = error.status_code
        code = error.code if isinstance(error, ApiError) else code_for(status)
        message = error.detail if isinstance(error.detail, str) else code
        if status == 400 and "maximum size" in message:  # a form field over Starlette's part limit
            status, code = 413, "too_large"
            message = f"a form field is larger than the limit ({message.rstrip('.')})"
        if error.status_code == 404 and not isinstance(error, ApiError):
            message = f"nothing here: {request.url.path}"
        return error_response(request, status, code, message, getattr(error, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError):
        return error_response(request, 422, "invalid", _validation_message(error))

    app.include_router(api.router)
    app.include_router(sources.api_router)
    app.include_router(web.router)
    app.include_router(sources.web_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(Guard, render_error=render_error, max_body=max_body)
    return app


class _WatchThread:
    """The watcher on a thread of the server's process; `stop()` lets the poll under way finish
    (for `STOP_WAIT` seconds at most: the thread is a daemon, and the store keeps its state)."""

    STOP_WAIT = 30.0

    def __init__(self, store_url, options: dict):
        from ..watch import Watcher

        self.event = threading.Event()
        self.watcher = Watcher(store_url, **options)
        self.thread = threading.Thread(target=self._run, name="rumormill-watch", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            self.watcher.run(self.event)
        finally:
            self.watcher.close()

    def stop(self) -> None:
        self.event.set()
        self.thread.join(self.STOP_WAIT)


def _start_watcher(store_url, options: dict) -> _WatchThread:
    return _WatchThread(store_url, options)


def _validation_message(error: RequestValidationError) -> str:
    """FastAPI's validation errors in one line: 'body.text: Input should be a valid string'."""
    parts = []
    for item in error.errors()[:5]:
        where = ".".join(str(p) for p in item.get("loc", ()) if p != "body") or "request"
        parts.append(f"{where}: {item.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"

"""Serving rumormill: an HTTP API and a web UI over one store.

    >>> from rumormill.serve import create_app, run
    >>> run("rumormill.db", host="127.0.0.1", port=8000)     # what `rumormill serve` does

See app.py for the application, api.py for the JSON endpoints, web.py for the pages and
security.py for what keeps them safe.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from .app import create_app
from .security import check_bind

__all__ = ["create_app", "run"]


def run(
    store_url: str | Path | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    watch: bool = False,
) -> None:
    """Serve the store at `store_url` until interrupted. Without a token the server writes
    nothing through the API and refuses to listen beyond this machine (see `check_bind`). With
    `watch`, the source watcher runs beside it and stops with it."""
    import uvicorn

    token = token or os.environ.get("RUMORMILL_TOKEN") or None
    check_bind(host, token)
    app = create_app(store_url, token, watch=watch)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        proxy_headers=False,
        server_header=False,
        timeout_keep_alive=5,
        limit_concurrency=200,
        h11_max_incomplete_event_size=64 * 1024,  # request line and headers
        timeout_graceful_shutdown=3,  # SIGTERM: requests still running get 3 s, then are cancelled
    )
    # a request cancelled above may leave its worker thread busy (a long analysis); the server is
    # down, so do not wait for it at exit
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        logging.shutdown()
        os._exit(0)

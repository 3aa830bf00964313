"""`rumormill serve`: the HTTP API and web UI over a store.

rumormill serve --db rumormill.db
RUMORMILL_TOKEN=... rumormill serve --host 0.0.0.0 --port 8000
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import RumormillError
from ._common import app, err, fail, require


@app.command()
def serve(
    db: Annotated[
        str | None,
        typer.Option("--db", help="The store: a path, sqlite:///path or postgresql://... (default: RUMORMILL_DB)."),
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on. Beyond loopback it needs a token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="RUMORMILL_TOKEN",
            show_envvar=True,
            help="Bearer token for POST /api/ingest.",
            show_default=False,
        ),
    ] = None,
    watch: Annotated[
        bool, typer.Option("--watch", help="Poll the watched sources too (rumormill watch), beside the server.")
    ] = False,
) -> None:
    """Serve the store: the web UI at / and the JSON API at /api/ (reference at /docs).

    Without a token, writing through the API is disabled and the server only listens on
    loopback addresses.

    Example: rumormill serve --db rumormill.db --port 8000
    """
    require("serve", "fastapi", "uvicorn", "jinja2", "multipart")
    from ..serve import run

    err.print(f"rumormill serving on http://{host}:{port}/ (API reference at /docs); Ctrl-C stops it")
    try:
        run(db, host=host, port=port, token=token, watch=watch)
    except RumormillError as error:
        raise fail(error) from None

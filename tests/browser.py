"""Browser tests' parts: Debian's Chromium driven by Playwright, a real server on a free loopback
port, and screenshots. The fixtures (`browser`, `page`, `shots`) live in tests/conftest.py, so
that every package's browser tests share one browser: Playwright's sync API runs one instance a
thread, and a second session fixture of its own in another package would fail to start.

The browser tests skip, with the reason, only when no Chromium is installed and this is not CI;
in CI (CI=true or RUMORMILL_REQUIRE_BROWSER=1) a missing browser fails them. Screenshots go to
.cache/screenshots/<test>/ (git-ignored), one per page visited.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("RUMORMILL_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / ".cache" / "screenshots"


def required() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("RUMORMILL_REQUIRE_BROWSER") == "1"


@contextmanager
def serving(store, token: str | None = None):
    """The base URL of a real uvicorn server running the app over `store`, in a thread of this
    process, on a free loopback port; stopped on exit."""
    import uvicorn

    from rumormill.serve import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(store, token=token), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


class Shots:
    """Saves a full-page screenshot of each page the test visits, numbered in order."""

    def __init__(self, folder: Path):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        self.folder = folder
        self.count = 0

    def __call__(self, page, name: str) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

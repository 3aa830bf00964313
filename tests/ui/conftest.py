"""Browser fixtures: a real server on a free loopback port, over a temporary store the real
pipeline filled, and Debian's Chromium driven by Playwright.

The browser tests skip, with the reason, only when no Chromium is installed and this is not CI;
in CI (CI=true or RUMORMILL_REQUIRE_BROWSER=1) a missing browser fails them. Screenshots go to
.cache/screenshots/<test>/ (git-ignored), one per page visited.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.serve.conftest import TOKEN, served_store  # noqa: F401  (the store fixture, shared)

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


def _required() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("RUMORMILL_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def live_server(served_store):  # noqa: F811
    """The base URL of a real uvicorn server running the app, in a thread of this process."""
    import uvicorn

    from rumormill.serve import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(served_store, token=TOKEN), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"no Chromium at {CHROMIUM} (apt-get install -y chromium chromium-driver)"
        if _required():
            pytest.fail(f"browser tests are required here but there is {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


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


@pytest.fixture
def page(browser, request):
    """A fresh page (its own context: no cookies carried over) that records what went wrong:
    `page.problems` lists dialogs, page errors and console errors."""
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    opened.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    opened.problems = problems
    yield opened
    context.close()


@pytest.fixture
def shots(request) -> Shots:
    return Shots(SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.name))

"""/sources in a real browser: add a feed with the form, watch it, see its health, remove it.
Each page visited is saved as a screenshot (.cache/screenshots/)."""

from __future__ import annotations

import pytest

from rumormill.store import open_store
from rumormill.watch import Watcher
from tests.browser import serving

pytestmark = pytest.mark.slow

TOKEN = "browser-token-3e9a"


@pytest.fixture
def sources_server(store_path):
    """The base URL of a real uvicorn server over an empty store."""
    with serving(store_path, TOKEN) as url:
        yield url


def _add(page, url: str, interval: str, token: str = TOKEN) -> None:  # noqa: F811
    page.fill("#source-url", url)
    page.fill("#source-interval", interval)
    page.fill("#source-token", token)
    page.click("form.add-source button[type=submit]")
    page.wait_for_load_state()


def test_sources_page_adds_watches_flags_and_removes(sources_server, feed_server, store_path, page, shots):  # noqa: F811
    page.goto(sources_server + "/")
    page.click("nav a[href='/sources']")
    assert page.locator("#no-sources").is_visible()
    shots(page, "empty")

    good = feed_server.set_feed("good", [0, 1])
    _add(page, good, "600", token="not-the-token")
    assert "valid bearer token" in page.inner_text("main")  # the write token is checked
    assert [p for p in page.problems if "401" not in p] == []
    page.problems.clear()  # the browser logs the 401 it was meant to get
    page.goto(sources_server + "/sources")
    _add(page, good, "600")
    _add(page, feed_server.url("gone"), "60")  # the server answers 404: a failing source
    rows = page.locator("table.sources tbody tr")
    assert rows.count() == 2
    assert page.locator("table.sources .health-new").count() == 2
    shots(page, "added")

    with open_store(store_path) as store:
        report = Watcher(store, allow_private=True, host_delay=0).run_once()
    assert (report.new, report.errors) == (1, 1)
    page.reload()
    shots(page, "watched")
    good_row = page.locator("table.sources tbody tr", has_text="/good.xml")
    gone_row = page.locator("table.sources tbody tr", has_text="/gone.xml")
    assert good_row.locator(".health").inner_text() == "ok"
    assert "never" not in good_row.locator("td").nth(6).inner_text()  # last success
    assert gone_row.locator(".health").inner_text() == "failing"
    assert "HTTP status 404" in gone_row.inner_text()

    gone_row.locator("input[name=token]").fill(TOKEN)
    gone_row.locator("button", has_text="Remove").click()
    page.wait_for_load_state()
    assert page.locator("table.sources tbody tr").count() == 1
    shots(page, "removed")
    assert page.problems == []

"""The watchlists in a real browser (Chromium through Playwright, as tests/ui does): follow a
person, a thread and a search with the Follow buttons, let a denial on record arrive, read the
alerts page, follow an alert to its thread, and unfollow. Each page visited is a screenshot."""

from __future__ import annotations

import pytest

from rumormill import ingest
from tests.browser import SCREENSHOTS, Shots, serving

from .story import denial, rumour

pytestmark = pytest.mark.slow
TOKEN = "browser-token-3c9"


@pytest.fixture
def server(tmp_path):
    """(store URL, base URL) of a real uvicorn server over a store holding the rumour."""
    url = f"sqlite:///{tmp_path / 'rumormill.db'}"
    ingest([rumour()], url)
    with serving(url, TOKEN) as base:
        yield url, base


def _follow(page, button: str) -> None:  # noqa: F811
    form = page.locator("form.follow")
    form.locator("input[name=token]").fill(TOKEN)
    form.locator("button", has_text=button).click()
    page.wait_for_url("**/watchlists*")


def test_follow_from_the_pages_then_read_the_alerts_and_unfollow(server, page):  # noqa: F811
    store_url, base = server
    shots = Shots(SCREENSHOTS / "alerts-browser")

    page.goto(base + "/entities/Nora%20Quill")
    shots(page, "entity")
    _follow(page, "Follow Nora Quill")
    page.goto(base + "/search?q=split&certainty=denied")
    _follow(page, "Follow this search")
    page.goto(base + "/")
    page.click("nav >> text=Watchlists")
    rows = page.locator("tr.watchlist")
    assert rows.count() == 2
    thread_link = page.locator("a", has_text="Pop star Nora Quill")
    assert thread_link.count() == 0  # the thread is not followed yet
    page.goto(base + "/entities/Nora%20Quill")
    page.locator("a[href^='/threads/']", has_text="Pop star Nora Quill").first.click()
    shots(page, "thread-open")
    _follow(page, "Follow this claim")
    shots(page, "watchlists")
    assert page.locator("tr.watchlist").count() == 3

    ingest([denial()], store_url)  # the denial on record arrives
    page.click("text=Recent alerts")
    shots(page, "alerts")
    alerts = page.locator("li.alert")
    assert alerts.count() == 3
    assert page.locator("li.alert-status").count() == 1
    status = page.locator("li.alert-status")
    assert "now denied (was open)" in status.inner_text() and "denied on record" in status.inner_text()
    # the hostile title is shown as text
    assert page.locator("li.alert-article b").count() == 0
    assert "<b>spokesperson</b>" in page.locator("li.alert-article").first.inner_text()
    status.locator("a.alert-title").click()
    page.wait_for_url("**/threads/*")
    assert "denied" in page.inner_text(".verdict h2").lower()

    page.goto(base + "/watchlists")
    # the thread's watchlist's feed (watchlists made in one second have no order among them)
    thread_row = page.locator("tr.watchlist", has_text="Pop star Nora Quill")
    feed = page.request.get(base + thread_row.locator("a", has_text="Atom feed").get_attribute("href"))
    assert feed.ok and b"now denied (was open)" in feed.body()
    first = page.locator("tr.watchlist").first
    first.locator("input[name=token]").fill(TOKEN)
    first.locator("button", has_text="Unfollow").click()
    page.wait_for_url("**/watchlists")
    assert page.locator("tr.watchlist").count() == 2
    shots(page, "unfollowed")
    assert page.problems == []

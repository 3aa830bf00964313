"""Hostile articles in a real browser: markup, attribute injection and javascript: URLs in the
text, title, outlet and URL must not run. Every payload calls alert() (a dialog) or would load
something (a console error under the CSP); the test also looks for injected elements, hovers
over every marked piece and clicks every link in the article's text and header."""

from __future__ import annotations

import re

import pytest

from rumormill.corpus.propositions import HEADLINE_ID
from tests.serve.conftest import HOSTILE, HOSTILE_COPY

pytestmark = pytest.mark.slow

INJECTED = (
    "img, iframe, object, embed, svg[onload], b[onmouseover], [onerror], [onload], [onmouseover], [onclick], "
    'a[href^="javascript:" i], iframe[src], script:not([src="/static/app.js"])'
)


def _assert_clean(page, where: str) -> None:
    assert page.problems == [], f"{where}: {page.problems}"
    assert page.locator(INJECTED).count() == 0, where
    assert page.evaluate("[...document.scripts].map(s => s.getAttribute('src'))") == ["/static/app.js"], where


def _hover_everything(page) -> None:
    pieces = page.locator(".text span, .art-head *, .list li, .hit *, svg.chart a, .origin *, table.claims td")
    for index in range(min(pieces.count(), 80)):
        piece = pieces.nth(index)
        if piece.is_visible():  # a piece that is only a space can fall at a line's end, with no width
            piece.hover(timeout=2000)


@pytest.mark.parametrize("hostile", HOSTILE, ids=["markup-everywhere", "attribute-injection"])
def test_hostile_article_page_runs_nothing(live_server, page, shots, hostile):
    page.goto(f"{live_server}/articles/{hostile.id}")
    shots(page, "article")
    _hover_everything(page)
    _assert_clean(page, "article page")
    threads = page.request.get(f"{live_server}/api/articles/{hostile.id}").json()["links"]["threads"]
    # its claims' threads, linked in the text (the headline's thread has no claim in the text)
    in_text = [claim for claim in threads if claim != HEADLINE_ID]
    assert page.locator(".text a.thread-link").count() == len(in_text)
    # and the headline's, under the title
    assert page.locator(".art-head a.thread-link").count() == (1 if HEADLINE_ID in threads else 0)
    # the hostile title and outlet are shown as text
    assert page.inner_text("h1#art-title") == hostile.title
    assert hostile.outlet in page.inner_text(".art-head")
    links = page.locator(".text a, .art-head a")
    for index in range(links.count()):
        href = links.nth(index).get_attribute("href")
        assert href.startswith(("/entities/", "/threads/", "https://", "http://")), href
    assert page.locator(".art-head a.src-url").count() == (1 if hostile.url.startswith("http") else 0)


def test_hostile_text_pasted_into_the_analyse_form_runs_nothing(live_server, page, shots):
    page.goto(live_server + "/")
    _assert_clean(page, "home with hostile titles")
    page.fill("#paste", HOSTILE[0].text + "\n\n" + HOSTILE[1].text)
    page.click("form.analyse button[type=submit]")
    page.wait_for_selector(".text")
    shots(page, "analysed")
    _hover_everything(page)
    _assert_clean(page, "analysed hostile text")
    assert '<script>alert("text")</script>' in page.inner_text(".text")


def test_hostile_articles_in_search_and_entity_pages_run_nothing(live_server, page, shots):
    for path in ("/search?q=couple+meet", "/search?q=Calabasas&source_kind=reports", "/entities/Kim%20Kardashian", "/"):
        page.goto(live_server + path)
        shots(page, re.sub(r"\W+", "-", path).strip("-") or "home")
        _hover_everything(page)
        _assert_clean(page, path)
    page.goto(live_server + "/search?q=couple+meet")
    assert "<iframe src=javascript:alert(8)></iframe>" in page.inner_text("ol.hits")


def test_hostile_text_in_a_story_and_its_threads_runs_nothing(live_server, page, shots):
    """A hostile copy of the Morrow rumour sits in the rumour's story and thread; the hostile Kim
    articles make a story of their own. Their pages, and every thread page they link to."""
    page.goto(f"{live_server}/articles/{HOSTILE_COPY.id}")
    story_paths = [page.locator("a.story-link").get_attribute("href")]
    page.goto(f"{live_server}/articles/{HOSTILE[0].id}")
    story_paths.append(page.locator("a.story-link").get_attribute("href"))
    for story_path in story_paths:
        page.goto(live_server + story_path)
        shots(page, "story")
        _hover_everything(page)
        _assert_clean(page, story_path)
        threads = page.locator("#threads-h ~ table a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert threads
        for thread_path in threads[:4]:
            page.goto(live_server + thread_path)
            _hover_everything(page)
            _assert_clean(page, thread_path)
    shots(page, "thread")
    page.goto(live_server + story_paths[0])
    assert HOSTILE_COPY.outlet in page.inner_text("ol.origins")

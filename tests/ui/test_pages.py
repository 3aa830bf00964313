"""The main flows in a real browser: paste an article and read its marks; search, then follow
an article to an entity, on to its story and to a claim thread, over the Morrow corpus that
ingest linked. Each page visited is saved as a screenshot."""

from __future__ import annotations

import re

import pytest

from tests.conftest import EXAMPLE
from tests.corpus.story_morrow import articles

pytestmark = pytest.mark.slow

KANYE = "/entities/Kanye%20West"
LEDGER = articles()[0]
SPLIT = "Pop star Lena Morrow and her husband Theo Vance have split after six years of marriage"


def test_paste_the_example_article_marks_claims_sources_and_speakers(live_server, page, shots):
    page.goto(live_server + "/")
    shots(page, "home")
    page.fill("#paste", EXAMPLE.read_text(encoding="utf-8"))
    page.click("form.analyse button[type=submit]")
    page.wait_for_selector(".text .cl")
    shots(page, "analysed")

    assert page.inner_text("h1#art-title") == 'Kim Kardashian and Kanye West have been "living apart for a year"'
    assert page.locator(".text .cl.cert-hedged").count() > 0
    assert page.locator(".text .cl.cert-asserted").count() > 0
    # the hedged claims passed on as reports carry the "reports" badge, in words
    hedged_reports = page.locator('.text .badge.src-reports[aria-label*="hedged"]')
    assert hedged_reports.count() >= 4
    assert {text.strip() for text in hedged_reports.all_inner_texts()} == {"reports"}
    # "is said to" is underlined as a hedge inside the claim it weakens
    assert "is said to" in page.locator(".text .cl.cert-hedged .hg, .text .hg.cl").all_inner_texts()
    # Kanye's five quotes (two tweets, two from the rally, and the "white supremacist" he
    # called Kris Jenner) link to him
    speaker_links = page.locator(f'.text a.speaker[href="{KANYE}"]')
    assert speaker_links.count() == 5
    assert all(text == "— Kanye West" for text in speaker_links.all_inner_texts())
    # the anonymous source's quotes say so, without a link
    assert page.locator(".text span.speaker.src-anonymous").count() == 2
    # the side panel: ages, the marriage, the sourcing chart, credibility factors
    assert "age 43" in page.inner_text(".entities")
    assert re.search(r"Kim Kardashian\s+spouse of\s+Kanye West\s+since 2014", page.inner_text(".relations"))
    assert page.locator("svg.chart rect.bar.src-reports").count() == 1
    assert page.problems == []


def test_credibility_factor_marks_its_evidence_when_pressed(live_server, page, shots):
    page.goto(live_server + "/")
    page.fill("#paste", EXAMPLE.read_text(encoding="utf-8"))
    page.click("form.analyse button[type=submit]")
    button = page.locator("button.factor", has_text="unnamed reports")
    assert page.locator(".text .ev.on").count() == 0
    button.focus()
    page.keyboard.press("Enter")  # keyboard, not only the mouse
    assert button.get_attribute("aria-pressed") == "true"
    marked = page.locator(".text .ev.on").all_inner_texts()
    assert "reportedly" in marked and "is said to" in marked
    shots(page, "factor-pressed")
    button.click()
    assert page.locator(".text .ev.on").count() == 0


def test_claim_badges_are_reachable_by_keyboard(live_server, page):
    page.goto(live_server + "/")
    page.fill("#paste", EXAMPLE.read_text(encoding="utf-8"))
    page.click("form.analyse button[type=submit]")
    page.locator(".text .badge").first.focus()
    assert page.evaluate("document.activeElement.dataset.claim") == "c1"
    assert page.locator('.text .cl.focus[data-claim="c1"]').count() >= 1  # the claim lights up
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.claim") == "c2"


def test_search_then_article_then_entity_then_story_then_thread(live_server, page, shots):
    """The Morrow corpus, linked by ingest: from a search hit to the rumour's article, its claim
    thread link, the person, her story, and the thread that the court filing settled."""
    page.goto(live_server + "/search?q=%22six+years+of+marriage%22")
    shots(page, "search")
    hit = page.locator(f'ol.hits a.claim-link[href^="/articles/{LEDGER.id}"]').first
    assert "six years of marriage" in hit.inner_text()
    hit.click()
    page.wait_for_selector("h1#art-title")
    shots(page, "article")
    assert page.inner_text("h1#art-title") == "Lena Morrow and Theo Vance split after six years"
    # the rumour's claim ends with a link to its thread, which says how it turned out
    thread_link = page.locator('.text a.thread-link[data-thread-of="c1"]')
    assert thread_link.inner_text().endswith("thread: confirmed")

    page.click('.entities a[href="/entities/Lena%20Morrow"]')
    page.wait_for_selector("h1")
    shots(page, "entity")
    assert page.inner_text("h1") == "Lena Morrow"
    assert page.locator("ol.hits li.hit").count() > 0  # the stored claims about or by her
    assert "34" in page.inner_text(".conflicts") and "37" in page.inner_text(".conflicts")

    page.locator("a.story-link", has_text="Lena Morrow and Theo Vance split after six years").click()
    page.wait_for_selector("svg.chart.wide")
    shots(page, "story")
    rows = page.locator("svg.chart.wide text.chart-label").all_text_contents()
    assert {"Daily Ledger", "Morning Post", "Star Daily", "Gossip Hub", "Celeb Wire"} <= set(rows)
    assert page.locator("svg.chart.wide circle.pt").count() >= 7
    assert page.locator("ol.origins li.origin").count() >= 3
    assert "Lena Morrow" in page.locator("p.tags a.tag").all_inner_texts()

    page.locator("#threads-h ~ table a", has_text=SPLIT).click()
    page.wait_for_selector("table.occurrences")
    shots(page, "thread")
    assert page.inner_text("h1") == SPLIT
    assert "CONFIRMED" in page.inner_text("#status-h").upper()
    assert "Court Watch" in page.inner_text(".verdict .evidence")
    stances = {text.strip().split()[-1].lower() for text in page.locator("table.occurrences .stance").all_inner_texts()}
    assert {"supports", "repeats", "denies"} <= stances
    assert page.problems == []

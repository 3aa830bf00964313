"""The story, thread, entity and article pages over the real corpus: the Morrow corpus (a rumour,
word-for-word reprints, a rewrite, a repeat, a denial on record, a court filing) ingested and
linked by the real pipeline, with a hostile copy of the rumour in its story and thread.

Each page is checked against its JSON twin, which is the corpus's read model as it is.
"""

from __future__ import annotations

import re

import pytest

from tests.corpus.story_morrow import articles
from tests.serve.conftest import HOSTILE, HOSTILE_COPY

SPLIT = "Pop star Lena Morrow and her husband Theo Vance have split after six years of marriage"
RUMOUR_TITLE = "Lena Morrow and Theo Vance split after six years"
LEDGER, DENIAL, FILING = articles()[0], articles()[5], articles()[6]
RAW = ("<script>alert", "<img", "<iframe", "<svg onload", 'href="javascript:', "href=javascript:")
HANDLER = re.compile(r"<[a-z][^>]*\son\w+\s*=", re.IGNORECASE)  # an event handler inside a real tag


def _clean(html: str) -> None:
    """Hostile text is on these pages, always as text: none of its markup survives as markup."""
    for raw in RAW:
        assert raw not in html, raw
    assert not HANDLER.search(html), HANDLER.search(html)


@pytest.fixture(scope="module")
def morrow(served_store):
    """(story, its timeline, the rumour's thread) from the JSON twins."""
    from fastapi.testclient import TestClient

    from rumormill.serve import create_app

    with TestClient(create_app(served_store)) as api:
        listed = api.get("/api/stories", params={"limit": 20}).json()["items"]
        summary = next(s for s in listed if s["title"] == RUMOUR_TITLE)
        twin = api.get(f"/api/stories/{summary['id']}").json()
        split = next(t for t in twin["story"]["claim_threads"] if t["text"] == SPLIT)
        thread = api.get(f"/api/threads/{split['id']}").json()["thread"]
    return twin["story"], twin["timeline"], thread


def test_the_story_twin_is_the_corpus_story(morrow):
    story, timeline, thread = morrow
    outlets = {m["outlet"] for m in story["members"]}
    assert {"Daily Ledger", "Gossip Hub", "Celeb Wire", HOSTILE_COPY.outlet} <= outlets
    rumour = next(o for o in story["origin_groups"] if o["first_seen"] == "2024-03-10")
    assert rumour["id"] == LEDGER.id and len(rumour["articles"]) == 2  # the Ledger's text and the rewrite
    assert {"Morning Post", "Star Daily"} <= set(rumour["outlets"])  # reprints of the one text
    assert thread["status"] == "confirmed"
    dates = [e["date"] for e in timeline["events"]]
    assert dates == sorted(dates) and {e["kind"] for e in timeline["events"]} == {"event", "claim", "article"}


def test_story_page_plots_every_outlet_groups_origins_and_lists_threads(client, morrow):
    story, _, thread = morrow
    html = client.get(f"/stories/{story['id']}").text
    chart = html[html.index('<svg class="chart wide"') : html.index("</svg>", html.index('<svg class="chart wide"'))]
    # one row per outlet, the word-for-word reprints included: they are sightings of the Ledger's article
    for outlet in ("Daily Ledger", "Morning Post", "Star Daily", "Gossip Hub", "Celeb Wire"):
        assert f">{outlet}</text>" in chart
    originals = chart.count('class="pt original"') - 1  # less the legend's
    assert originals == len(story["origin_groups"])
    assert chart.count('class="pt copy"') - 1 >= 3  # two reprints and the rewrite, at least
    # the origins: the Ledger's text first, its reprints as the same text, Gossip Hub's as a rewrite
    first = html.split('<li class="origin">')[1]
    assert f'href="/articles/{LEDGER.id}"' in first
    assert re.search(r"same text</span> Morning Post · 2024-03-11", first)
    assert re.search(r"rewrite</span> Gossip Hub · 2024-03-11", first)
    assert html.count('class="origin"') == len(story["origin_groups"])
    # the threads, with their statuses, link to their pages
    assert f'href="/threads/{thread["id"]}"' in html and 'class="status status-confirmed"' in html
    # the corpus's lowercased names, shown as the articles write them and linked to their profiles
    assert '<a class="tag" href="/entities/lena-morrow">Lena Morrow</a>' in html
    assert ">lena morrow<" not in html
    # the June filing is its own story (three months on), linked through the thread it settled
    related = {r["id"]: r for r in story["related"]}
    filing = next(r for r in related.values() if r["title"] == FILING.title)
    assert f'<a href="/stories/{filing["id"]}">{FILING.title}</a>' in html
    _clean(html)
    assert "&lt;img src=x onerror=alert(10)&gt;Celeb Blog" in html  # the hostile outlet, as text


def test_thread_page_shows_occurrences_by_date_with_stances_and_the_evidence(client, morrow):
    _, _, thread = morrow
    html = client.get(f"/threads/{thread['id']}").text
    rows = re.findall(r'<tr class="occ stance-row-(\w+)"><td class="date">([\d-]+)</td>', html)
    assert [stance for stance, _ in rows] == [o["stance"] for o in thread["items"]]
    assert [day for _, day in rows] == sorted(day for _, day in rows)
    assert {"supports", "repeats", "denies"} <= {stance for stance, _ in rows}
    # the status, with the rule that settled it and the filing it rests on
    verdict = html[html.index('class="panel verdict verdict-confirmed"') : html.index('id="occ-h"')]
    assert thread["evidence"][0]["rule"] in verdict
    assert f'href="/articles/{FILING.id}#claim-' in verdict and "Court Watch" in verdict
    assert 'class="stance stance-supports"' in verdict
    # the hostile copy is one of the occurrences; its words are shown as text
    hostile = next(o for o in thread["items"] if o["article_id"] == HOSTILE_COPY.id)
    assert '<script>alert("claim")</script>' in hostile["text"]
    assert "&lt;script&gt;alert(&#34;claim&#34;)&lt;/script&gt;" in html
    _clean(html)
    assert client.get("/threads/nope").status_code == 404


def test_article_page_links_each_claim_of_a_thread_to_it(client, morrow):
    story, _, thread = morrow
    twin = client.get(f"/api/articles/{DENIAL.id}").json()
    links = twin["links"]
    assert links["story"]["id"] == story["id"]
    assert thread["id"] in {t["id"] for t in links["threads"].values()}
    html = client.get(f"/articles/{DENIAL.id}").text
    text = html[html.index('<div class="text" id="text">') : html.index('id="claims-h"')]
    marked = {claim: tid for tid, claim in re.findall(r'href="/threads/(\w+)" data-thread-of="(\w+)"', text)}
    assert marked == {claim: t["id"] for claim, t in links["threads"].items()}
    assert len(marked) < len(twin["analysis"]["claims"])  # claims of no thread carry no link
    assert f'class="art story-link" href="/stories/{story["id"]}"' in html


def test_hostile_copy_article_page_links_its_thread_and_escapes_everything(client, morrow):
    _, _, thread = morrow
    html = client.get(f"/articles/{HOSTILE_COPY.id}").text
    assert f'href="/threads/{thread["id"]}"' in html
    assert "&lt;script&gt;alert(&#34;copy title&#34;)&lt;/script&gt;" in html
    _clean(html)


def test_hostile_story_and_its_threads_are_escaped(client):
    listed = client.get("/api/stories", params={"limit": 20}).json()["items"]
    story = next(s for s in listed if s["title"] == HOSTILE[0].title)
    html = client.get(f"/stories/{story['id']}").text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html
    _clean(html)
    threads = client.get(f"/api/stories/{story['id']}").json()["story"]["claim_threads"]
    assert threads
    for summary in threads:
        _clean(client.get(f"/threads/{summary['id']}").text)
    _clean(client.get("/").text)


def test_entity_page_by_profile_id_shows_facts_conflicts_and_claims(client, morrow):
    story, _, thread = morrow
    response = client.get("/entities/lena-morrow")
    assert response.status_code == 200
    html = response.text
    assert re.search(r"<h1>Lena Morrow</h1>", html)
    assert 'class="conflicts"' in html and "34" in html and "37" in html
    assert f'href="/stories/{story["id"]}"' in html and f'href="/threads/{thread["id"]}"' in html
    assert html.count('class="hit"') >= 1  # the claims filed under the full name the id stands for
    twin = client.get("/api/entities/lena-morrow").json()
    assert twin["profile"]["id"] == "lena-morrow" and twin["name"] == "Lena Morrow"
    assert any(c["kind"] == "age" for c in twin["profile"]["conflicts"])
    assert twin["claims"] and twin["timeline"]["subject"] == {"entity": "lena-morrow"}


def test_home_lists_the_stories_with_readable_names(client, morrow):
    story, _, _ = morrow
    html = client.get("/").text
    assert f'href="/stories/{story["id"]}">{RUMOUR_TITLE}</a>' in html
    assert '<a class="tag" href="/entities/theo-vance">Theo Vance</a>' in html
    _clean(html)


def test_a_status_read_from_the_coverage_is_shown_as_an_estimate(tmp_path):
    """A thread the learned model settled says so on its page: an estimate, not a verdict."""
    import json

    import sqlalchemy as sa
    from fastapi.testclient import TestClient

    from rumormill import corpus, ingest, open_store
    from rumormill.serve import create_app

    url = f"sqlite:///{tmp_path / 'estimate.db'}"
    ingest(articles(), url)
    with open_store(url) as store:
        thread = next(
            t
            for s in corpus.stories(store, limit=20)
            for t in corpus.story(store, s.id).claim_threads
            if t.text == SPLIT
        )
        with TestClient(create_app(url)) as api:
            on_record = api.get(f"/threads/{thread.id}").text
            assert "a later report of a filing" in on_record and "an estimate" not in on_record
        t = store.table("threads")
        rule = "confirmed by the weight of reports (5 of 6 occurrences support)"
        evidence = [{"rule": rule, "claims": [], "basis": "estimate"}]
        with store.writing() as conn:
            conn.execute(sa.update(t).where(t.c.id == thread.id).values(evidence=json.dumps(evidence)))
        with TestClient(create_app(url)) as api:
            html = api.get(f"/threads/{thread.id}").text
            twin = api.get(f"/api/threads/{thread.id}").json()["thread"]
    assert rule in html and "an estimate from the balance of the coverage, not a verdict on the record" in html
    assert twin["evidence"][0]["basis"] == "estimate"

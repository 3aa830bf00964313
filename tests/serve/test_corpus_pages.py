"""The story, thread and entity pages render the corpus read models (corpus/model.py).

While the corpus API is being built, these tests put read models in its place: the entity
profile from the real `corpus.profiles.profile`, and a story and a thread built by hand from
the stored articles (standing in for `corpus.story` / `corpus.thread`, which do not exist yet).
Once the corpus lands, tests/ui/test_pages.py follows the same pages through the real thing.
"""

from __future__ import annotations

import pytest

from rumormill import corpus
from rumormill.corpus.model import (
    ClaimThread,
    Evidence,
    Occurrence,
    Origin,
    Spread,
    Story,
    StoryArticle,
    StorySummary,
    ThreadSummary,
    Timeline,
    TimelineEvent,
)
from rumormill.model import Source, Span
from tests.serve.conftest import HOSTILE


@pytest.fixture
def read_models(client, monkeypatch):
    """A story of the example article and the two hostile ones, with one thread."""
    example = client.get("/api/articles", params={"q": "Calabasas living apart"}).json()["items"][0]
    members = [
        StoryArticle(
            id=example["id"],
            title=example["title"],
            outlet="Daily Example",
            published="2020-07-31",
            origin=example["id"],
        ),
        StoryArticle(
            id=HOSTILE[0].id,
            title=HOSTILE[0].title,
            outlet=HOSTILE[0].outlet,
            published="2020-08-02",
            origin=HOSTILE[0].id,
        ),
        StoryArticle(
            id=HOSTILE[1].id,
            title=HOSTILE[1].title,
            outlet=HOSTILE[1].outlet,
            published="2020-08-03",
            origin=HOSTILE[0].id,
        ),
    ]
    source = Source(kind="reports", name="reportedly")
    occurrences = [
        Occurrence(
            article_id=m.id,
            claim_id="c1",
            text=f"they live apart <i>{n}</i>",
            span=Span(start=0, end=5, text="Kim K"),
            published=m.published,
            outlet=m.outlet,
            origin=m.origin,
            source=source,
            certainty="hedged",
            stance="supports" if n else "repeats",
        )
        for n, m in enumerate(members)
    ]
    summary = ThreadSummary(
        id="t-apart",
        story_id="s-apart",
        text="Kim and Kanye live apart",
        status="denied",
        occurrences=3,
        origins=2,
        outlets=3,
        best_source=source,
    )
    thread = ClaimThread(
        **summary.model_dump(),
        about=["Kim Kardashian"],
        items=occurrences,
        stances={"supports": 2, "repeats": 1},
        evidence=[Evidence(rule="denied on record by a principal", occurrences=occurrences[-1:])],
    )
    story = Story(
        id="s-apart",
        title="Kim and Kanye living apart",
        first_seen="2020-07-31",
        last_seen="2020-08-03",
        articles=3,
        origins=2,
        outlets=3,
        entities=["Kim Kardashian", "Kanye West"],
        threads=1,
        members=members,
        origin_groups=[
            Origin(id=members[0].id, articles=[members[0].id]),
            Origin(
                id=HOSTILE[0].id,
                articles=[HOSTILE[0].id, HOSTILE[1].id],
                outlets=[HOSTILE[0].outlet, HOSTILE[1].outlet],
            ),
        ],
        claim_threads=[summary],
        spread=Spread(by_day={"2020-07-31": 1}),
    )
    timeline = Timeline(
        subject={"story": "s-apart"},
        events=[TimelineEvent(date="2014", kind="event", text="they wed <b>", article_id=members[0].id)],
    )
    monkeypatch.setattr(corpus, "story", lambda store, sid: story if sid == story.id else None, raising=False)
    monkeypatch.setattr(
        corpus,
        "stories",
        lambda store, limit=20, offset=0: [StorySummary(**story.model_dump(include=set(StorySummary.model_fields)))][
            offset : offset + limit
        ],
        raising=False,
    )
    monkeypatch.setattr(corpus, "thread", lambda store, tid: thread if tid == thread.id else None, raising=False)
    monkeypatch.setattr(
        corpus, "timeline", lambda store, story=None, entity=None: timeline if story else None, raising=False
    )
    return story, thread


def test_story_page_plots_the_spread_groups_origins_and_lists_threads(client, read_models):
    story, _ = read_models
    response = client.get(f"/stories/{story.id}")
    assert response.status_code == 200
    html = response.text
    assert html.count('class="pt original"') == 2 + 1  # two originals, and the legend
    assert html.count('class="pt copy"') == 1 + 1
    assert 'href="/threads/t-apart"' in html and "status-denied" in html
    assert "they wed &lt;b&gt;" in html and "<script>alert" not in html
    twin = client.get(f"/api/stories/{story.id}").json()
    assert twin["story"]["id"] == story.id and twin["timeline"]["events"][0]["date"] == "2014"
    assert client.get("/api/stories").json()["items"][0]["id"] == story.id
    assert "Kim and Kanye living apart" in client.get("/").text


def test_thread_page_shows_occurrences_with_stance_and_the_evidence(client, read_models):
    _, thread = read_models
    html = client.get(f"/threads/{thread.id}").text
    assert "denied on record by a principal" in html
    assert html.count("stance-supports") == 2 and html.count("stance-repeats") == 1
    assert "they live apart &lt;i&gt;1&lt;/i&gt;" in html
    assert client.get(f"/api/threads/{thread.id}").json()["thread"]["status"] == "denied"
    assert client.get("/threads/nope").status_code == 404


def test_entity_page_shows_the_profile_with_provenance(client, monkeypatch):
    from rumormill.corpus.profiles import profile

    monkeypatch.setattr(corpus, "profile", profile, raising=False)
    response = client.get("/entities/Kanye%20West")
    assert response.status_code == 200
    html = response.text
    assert "Not available yet" not in html
    assert "age" in html and "43" in html and "/articles/" in html
    twin = client.get("/api/entities/Kanye%20West").json()
    assert twin["profile"]["name"] == "Kanye West"
    assert any(f["kind"] == "age" and f["value"] == "43" for f in twin["profile"]["facts"])

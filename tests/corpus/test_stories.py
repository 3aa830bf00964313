"""Stories: reports of one event join one story, online; other events start their own."""

from __future__ import annotations

import importlib

from rumormill import analyze
from rumormill.model import Article

stories = importlib.import_module("rumormill.corpus.stories")  # corpus.stories is the API function

SPLIT_A = (
    "Pop singer Mara Quinn and actor Dev Lanford have ended their engagement after two years, "
    "representatives for the couple confirmed on Monday.\n\n"
    "Quinn and Lanford met on the set of the musical drama Silver Harbour and announced their engagement "
    "in Lisbon. The statement said the split was amicable and asked for privacy."
)
SPLIT_B = (
    "Mara Quinn and Dev Lanford have called off their engagement, according to a statement from their "
    "representatives. The pair, who fell for each other while filming Silver Harbour, had been engaged "
    "for two years.\n\nA source said the singer and the actor remain friends after the amicable split."
)
TOUR = (
    "The band Copper Lanterns announced a stadium tour of forty cities across Europe and South America, "
    "starting in Madrid in the spring.\n\n"
    "Tickets go on sale next Friday, and the band said a new album recorded in Reykjavik will follow in autumn."
)


def _analysis(text, url, published, title=None):
    return analyze(Article(text=text, url=url, outlet=url.split("/")[2], published=published, title=title))


def _place(store, *analyses):
    store.add_many(analyses)
    with store.writing() as conn:
        return stories.place(store, conn, list(analyses))


def test_reports_of_one_event_share_a_story(store):
    a = _analysis(SPLIT_A, "https://one.example/a", "2022-05-02", "Mara Quinn and Dev Lanford end engagement")
    b = _analysis(SPLIT_B, "https://two.example/b", "2022-05-03", "Quinn and Lanford call off engagement")
    tour = _analysis(TOUR, "https://one.example/tour", "2022-05-03", "Copper Lanterns announce stadium tour")
    placed = _place(store, a, b, tour)
    assert placed[a.article.id].new_story and placed[a.article.id].story_id == a.article.id[:12]
    assert placed[b.article.id].story_id == placed[a.article.id].story_id
    assert not placed[b.article.id].new_story and placed[b.article.id].new_origin
    assert placed[tour.article.id].story_id != placed[a.article.id].story_id

    story = stories.members(store, placed[a.article.id].story_id)
    assert story.title == "Mara Quinn and Dev Lanford end engagement"
    assert (story.first_seen, story.last_seen) == ("2022-05-02", "2022-05-03")
    assert (story.articles, story.origins, story.outlets) == (2, 2, 2)
    assert "mara quinn" in story.entities and "dev lanford" in story.entities
    assert [m.id for m in story.members] == [a.article.id, b.article.id]
    assert story.spread.by_day == {"2022-05-02": 1, "2022-05-03": 1}
    assert story.claim_threads == []

    listed = {s.id: s for s in stories.summaries(store)}
    assert set(listed) == {story.id, placed[tour.article.id].story_id}
    assert listed[story.id].articles == 2
    assert stories.summaries(store, ids=[story.id])[0].title == story.title
    about = stories.of_entities(store, ["Dev Lanford"])
    assert [s.id for s in about] == [story.id]
    assert stories.members(store, "nosuchstory") is None


def test_placement_is_idempotent_and_clear_removes_it(store):
    a = _analysis(SPLIT_A, "https://one.example/a", "2022-05-02")
    first = _place(store, a)
    again = _place(store, a)
    assert again == {a.article.id: stories.Placement(first[a.article.id].story_id, a.article.id)}
    assert stories.summaries(store)[0].articles == 1
    with store.writing() as conn:
        stories.clear(store, conn)
    assert stories.placement(store, a.article.id) is None
    assert stories.summaries(store) == []


def test_a_story_far_away_in_time_is_not_joined(store):
    a = _analysis(SPLIT_A, "https://one.example/a", "2022-05-02")
    b = _analysis(SPLIT_B, "https://two.example/b", "2023-09-20")
    placed = _place(store, a, b)
    assert placed[a.article.id].story_id != placed[b.article.id].story_id
    newest = stories.summaries(store, limit=1)
    assert [s.id for s in newest] == [placed[b.article.id].story_id]
    assert [s.id for s in stories.summaries(store, limit=1, offset=1)] == [placed[a.article.id].story_id]

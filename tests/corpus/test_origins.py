"""Independent origins: copies and light rewrites of one text share the earliest one as original."""

from __future__ import annotations

import importlib

import numpy as np

from rumormill import analyze
from rumormill.corpus import origins
from rumormill.corpus.features import body_shingles, signature, similarity
from rumormill.model import Article

stories = importlib.import_module("rumormill.corpus.stories")  # corpus.stories is the API function

WIRE = (
    "The city council of Marlow voted on Tuesday to close the old Hartley bridge to all traffic after "
    "engineers found deep cracks in two of its supporting piers during a routine inspection.\n\n"
    "The council's transport chair, Helen Obi, said the decision was taken with great reluctance because "
    "the bridge carries more than nine thousand vehicles a day across the river Wend.\n\n"
    "Repairs are expected to take at least eight months and to cost about four million pounds, according "
    "to an estimate the engineers presented to the council before the vote.\n\n"
    "Local businesses on both banks warned that the closure would cut them off from customers, and the "
    "chamber of commerce asked for a temporary footbridge to be built within weeks."
)
# the same wire text, reprinted with a new first line, a few words changed and a caption
REWRITE = (
    "Drivers in Marlow face months of detours.\n\n"
    + WIRE.replace("voted on Tuesday", "voted on Tuesday evening")
    .replace("great reluctance", "real reluctance")
    .replace("at least eight months", "at least eight long months")
    + "\n\nPicture: Getty"
)
OTHER = (
    "A rare orchid that botanists had not seen in the wild for sixty years has flowered again in a nature "
    "reserve on the coast, volunteers who look after the reserve announced on Friday morning.\n\n"
    "The plant was found by a retired teacher counting butterflies along a footpath, who photographed it "
    "and sent the pictures to the county's botanical society for identification.\n\n"
    "Experts confirmed the find within a day and asked visitors to keep to the marked paths so that the "
    "fragile flowers and the fungi they depend on are not trampled during the summer."
)


def _analysis(text, url, outlet, published):
    return analyze(Article(text=text, url=url, outlet=outlet, published=published))


def test_signature_ignores_boilerplate_and_short_texts():
    assert signature("Too short to be anyone's copy.") is None
    assert body_shingles(WIRE + "\n\nPicture: Getty\n\nLet us know what you think.") == body_shingles(WIRE)
    assert similarity(signature(WIRE), signature(REWRITE)) >= origins.THRESHOLD
    assert similarity(signature(WIRE), signature(OTHER)) < 0.1


def test_buckets_are_stable_and_one_per_band():
    sig = signature(WIRE)
    assert origins.buckets(sig) == origins.buckets(sig.copy())
    assert len(origins.buckets(sig)) == origins.BANDS
    assert np.array_equal(origins.decode(origins.encode(sig)), sig)


def test_copies_and_rewrites_count_as_one_origin(store):
    first = _analysis(WIRE, "https://wire.example/bridge", "Wire", "2021-03-02")
    copy = Article(text=WIRE, url="https://daily.example/bridge", outlet="Daily", published="2021-03-02")
    rewrite = _analysis(REWRITE, "https://herald.example/detours", "Herald", "2021-03-03")
    other = _analysis(OTHER, "https://herald.example/orchid", "Herald", "2021-03-03")
    store.add_many([first, rewrite, other], appearances=[copy])
    with store.writing() as conn:
        placed = stories.place(store, conn, [rewrite, other, first])
    assert placed[first.article.id].origin_id == first.article.id
    assert placed[rewrite.article.id].origin_id == first.article.id
    assert placed[rewrite.article.id].story_id == placed[first.article.id].story_id
    assert not placed[rewrite.article.id].new_origin
    assert placed[other.article.id].story_id != placed[first.article.id].story_id
    story = stories.members(store, placed[first.article.id].story_id)
    assert (story.articles, story.origins) == (2, 1)
    [group] = story.origin_groups
    assert group.id == first.article.id and group.articles == [first.article.id, rewrite.article.id]
    assert group.outlets == ["Daily", "Wire", "Herald"]
    assert story.spread.by_outlet == {"Wire": 1, "Daily": 1, "Herald": 1}


def test_an_earlier_copy_placed_late_becomes_the_original(store):
    late = _analysis(REWRITE, "https://herald.example/detours", "Herald", "2021-03-05")
    early = _analysis(WIRE, "https://wire.example/bridge", "Wire", "2021-03-01")
    store.add_many([late, early])
    with store.writing() as conn:
        stories.place(store, conn, [late])
    with store.writing() as conn:
        stories.place(store, conn, [early])
    assert stories.placement(store, late.article.id).origin_id == early.article.id
    assert stories.placement(store, early.article.id).origin_id == early.article.id

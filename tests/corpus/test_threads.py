"""Claim threads on the hand-built Morrow corpus: a rumour, its copies, a denial on record, then
a court filing. Linking runs as part of ingest, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from rumormill import corpus, ingest, open_store
from rumormill.corpus import threads

from .story_morrow import articles

SPLIT = "Pop star Lena Morrow and her husband Theo Vance have split after six years of marriage"


def _names(story) -> list[str]:
    return [e.lower() for e in story.entities]


def _split_thread(store):
    """The story the rumour broke in, and the rumour's thread."""
    for summary in corpus.stories(store, limit=10):
        found = corpus.story(store, summary.id)
        thread = next((t for t in found.claim_threads if t.text == SPLIT), None)
        if thread is not None:
            return corpus.story(store, thread.story_id), corpus.thread(store, thread.id)
    raise AssertionError("no story holds the rumour's thread")


@pytest.fixture
def linked(store_url):
    with open_store(store_url) as store:
        ingest(articles(), store)
        yield store


def test_the_rumour_is_one_thread_across_outlets_with_a_stance_per_occurrence(linked):
    story, thread = _split_thread(linked)
    assert thread.first_seen == "2024-03-10"
    by_outlet = {}
    for item in thread.items:
        by_outlet.setdefault(item.outlet, set()).add(item.stance)
    assert "supports" in by_outlet["Daily Ledger"]  # the outlet's own report
    assert by_outlet["Celeb Wire"] == {"repeats"}  # "have reportedly split"
    assert "denies" in {i.stance for i in thread.items if i.published == "2024-03-12"}
    assert thread.stances["denies"] >= 1 and thread.stances["supports"] >= 2
    # the word-for-word copies are one article seen at three outlets; the rewrite shares its origin
    assert {"Morning Post", "Star Daily", "Gossip Hub"} <= set(thread.spread.by_outlet)
    assert thread.origins == len({i.origin for i in thread.items}) < len(thread.items)
    assert thread.outlets >= 6
    assert thread.spread.by_day["2024-03-11"] >= 3


def test_the_filing_settles_it_as_confirmed_with_its_evidence(linked):
    _, thread = _split_thread(linked)
    assert thread.status == "confirmed"
    settled = [o for e in thread.evidence for o in e.occurrences]
    assert settled and all(o.published == "2024-06-20" for o in settled)
    assert thread.evidence[0].rule
    # the best source seen is a principal on record: Morrow's spokesperson
    assert "spokesperson" in (thread.best_source.name or "").lower()


def test_the_filing_s_story_lists_the_thread_it_joined_and_the_stories_name_each_other(linked):
    story, thread = _split_thread(linked)
    filing = next(i for i in thread.items if i.published == "2024-06-20")
    later = corpus.story(linked, corpus.article_links(linked, filing.article_id)["story"].id)
    assert later.id != story.id  # three months later, outside the story's week
    assert thread.id in {t.id for t in later.claim_threads}
    assert [s.id for s in later.related] == [story.id]
    assert later.id in {s.id for s in story.related}
    unrelated = {s.id for s in story.related} - {later.id}
    assert not any("delgado" in (s.title or "").lower() for s in story.related if s.id in unrelated)


def test_before_the_filing_the_denial_on_record_settles_it_as_denied(store_url):
    with open_store(store_url) as store:
        ingest(articles()[:6], store)
        _, thread = _split_thread(store)
        assert thread.status == "denied"
        evidence = [o for e in thread.evidence for o in e.occurrences]
        assert evidence and all(o.stance == "denies" for o in evidence)
        assert all("spokesperson" in (o.source.name or "").lower() for o in evidence)
        ingest(articles()[6:], store)  # the filing arrives: the same thread, settled again
        _, later = _split_thread(store)
        assert later.id == thread.id and later.status == "confirmed"


def test_copies_under_other_urls_and_outlets_are_one_origin(linked):
    story, _ = _split_thread(linked)
    rumour = next(o for o in story.origin_groups if o.first_seen == "2024-03-10")
    titles = {m.id: m for m in story.members}
    assert len(rumour.articles) == 2  # the Ledger's text (seen three times) and the light rewrite
    assert {titles[a].outlet for a in rumour.articles} == {"Daily Ledger", "Gossip Hub"}
    assert story.origins == len(story.origin_groups) == story.articles - 1


def test_the_unrelated_story_shares_no_thread(linked):
    sports = next(s for s in corpus.stories(linked, limit=10) if "marco delgado" in _names(s))
    story = corpus.story(linked, sports.id)
    assert story.articles == 1
    assert all("Morrow" not in t.text for t in story.claim_threads)


def test_linking_is_idempotent_and_a_rebuild_gives_the_same_threads(linked):
    def snapshot():
        rows = []
        for s in corpus.stories(linked, limit=10):
            for t in corpus.story(linked, s.id).claim_threads:
                rows.append((t.text, t.status, t.occurrences, t.origins, t.first_seen))
        return sorted(rows)

    before = snapshot()
    again = corpus.link(linked)
    assert again.articles == 0 and again.occurrences == 0
    ingest(articles(), linked)  # a rerun stores nothing and links nothing new
    assert snapshot() == before
    rebuilt = corpus.relink(linked)
    assert rebuilt.articles == 6
    assert snapshot() == before


def test_article_links_map_claims_to_their_threads(linked):
    analysis = linked.get(articles()[5].id)  # the denial
    links = corpus.article_links(linked, analysis.article.id)
    assert links["story"] is not None and "lena morrow" in _names(links["story"])
    assert any(t.text == SPLIT for t in links["threads"].values())
    assert set(links["threads"]) <= {c.id for c in analysis.claims}


def test_timelines_order_dated_events_claims_and_articles(linked):
    story, thread = _split_thread(linked)
    line = corpus.timeline(linked, story=story.id)
    dates = [e.date for e in line.events]
    assert dates == sorted(dates)
    kinds = {e.kind for e in line.events}
    assert kinds == {"event", "claim", "article"}
    assert any(e.kind == "event" and e.date == "2018" and "married" in e.text for e in line.events)
    assert any(e.kind == "claim" and e.thread_id == thread.id and e.date == "2024-03-10" for e in line.events)
    person = corpus.timeline(linked, entity="Theo Vance")
    assert person.subject == {"entity": "theo-vance"}
    assert any(e.thread_id == thread.id for e in person.events)
    assert corpus.timeline(linked, entity="Nobody Here") is None


def test_terms_fold_paraphrases_and_drop_names_and_hedges():
    names = ["Kim Kardashian", "Kanye West", "Kim", "Kanye"]
    a = threads.terms("Kim Kardashian and Kanye West are rumoured to have been living apart for a year", names)
    b = threads.terms("Kim Kardashian and her husband Kanye West have reportedly been living separated", names)
    assert "separate" in a and "separate" in b
    assert not {"kim", "kardashian", "rumoured", "reportedly"} & set(a + b)


def test_similarity_needs_a_shared_entity_and_compatible_dates():
    same = threads.Features(["separate", "marry"], ["lena morrow", "theo vance"])
    other = threads.Features(["separate", "marry"], ["kim kardashian"])
    assert threads.similarity(same, other) == 0.0
    dated = threads.Features(["marry"], ["lena morrow"], ["2018-06-01"])
    later = threads.Features(["marry"], ["lena morrow"], ["2021-06-01"])
    assert threads.similarity(dated, later) == 0.0
    assert threads.similarity(dated, threads.Features(["marry"], ["lena morrow"], ["2018-06-20"])) == 1.0


def test_settled_threads_export_as_schema_org_claim_reviews(linked):
    import io
    import json

    from rumormill.export import export

    buffer = io.StringIO()
    count = export(linked, "claimreview", buffer)
    graph = json.loads(buffer.getvalue())["@graph"]
    assert count == len(graph) >= 1
    review = next(r for r in graph if r["claimReviewed"] == SPLIT)
    assert review["@type"] == "ClaimReview"
    assert review["reviewRating"]["alternateName"] == "Confirmed" and review["reviewRating"]["ratingValue"] == 5
    assert review["datePublished"] == "2024-06-20"
    claim = review["itemReviewed"]
    assert claim["firstAppearance"]["publisher"]["name"] == "Daily Ledger"
    assert claim["datePublished"] == "2024-03-10"
    assert {w["publisher"]["name"] for w in claim["appearance"]} >= {"Daily Ledger", "Celeb Wire", "Court Watch"}
    assert all(r["reviewRating"]["alternateName"] != "Open" for r in graph)


def test_a_status_estimated_from_the_coverage_is_exported_as_an_estimate_not_a_verdict(linked):
    """The learned model's "confirmed" is the balance of the coverage: the review says so."""
    import io
    import json

    import sqlalchemy as sa

    from rumormill.export import export

    _, thread = _split_thread(linked)
    assert thread.evidence[0].basis == "record"
    t = linked.table("threads")
    rule = "confirmed by the weight of reports (5 of 6 occurrences support)"
    with linked.writing() as conn:
        conn.execute(
            sa.update(t).where(t.c.id == thread.id).values(evidence=json.dumps([{"rule": rule, "claims": []}]))
        )
    assert corpus.thread(linked, thread.id).evidence[0].basis == "estimate"  # a row written before `basis`
    buffer = io.StringIO()
    export(linked, "claimreview", buffer)
    review = next(r for r in json.loads(buffer.getvalue())["@graph"] if r["claimReviewed"] == SPLIT)
    rating = review["reviewRating"]
    assert rating["alternateName"] == "Supported by most coverage, not confirmed on record"
    assert rating["ratingValue"] == 4 and rating["ratingExplanation"] == rule


def _claim(text: str, certainty: str = "asserted", kind: str = "none", name: str | None = None):
    from rumormill.model import Claim, Source, Span

    source = Source(kind=kind, name=name)
    return Claim(id="c1", span=Span(start=0, end=len(text), text=text), text=text, source=source, certainty=certainty)


def test_an_anonymous_sources_or_another_outlets_word_passed_on_repeats():
    from types import SimpleNamespace

    from rumormill.corpus.threads import combine_stance

    sure = SimpleNamespace(label="supports", score=0.9, probs={"supports": 0.9, "denies": 0.05, "repeats": 0.05})
    text = "Lena Morrow is pregnant with her first child"
    assert combine_stance(_claim(text, kind="anonymous", name="an insider"), sure, text)[0] == "repeats"
    assert combine_stance(_claim(text, kind="outlet", name="TMZ"), sure, text)[0] == "repeats"
    assert combine_stance(_claim(text, kind="named", name="Lena Morrow"), sure, text)[0] == "supports"
    assert combine_stance(_claim(text), sure, text)[0] == "supports"  # the outlet's own voice
    # a network announcing its own show speaks for itself
    show = "NBC has renewed Band Life for a second season"
    assert combine_stance(_claim(show, kind="outlet", name="NBC"), sure, show)[0] == "supports"


def test_a_stance_is_read_towards_the_threads_proposition_not_from_any_negation():
    from types import SimpleNamespace

    from rumormill.corpus.threads import combine_stance

    neutral = SimpleNamespace(label="repeats", score=0.5, probs={"supports": 0.3, "denies": 0.1, "repeats": 0.5})
    rumour = "Rob Kardashian shared explicit photos of Blac Chyna"
    # "hasn't made any official comments" negates something else: no denial of the photos
    silent = _claim("Rob Kardashian's family hasn't made any official comments", "denied")
    assert combine_stance(silent, neutral, rumour)[0] == "repeats"
    # a denial of the thread's own proposition denies it
    pregnant = "Kim Kardashian is pregnant with her fourth child"
    assert combine_stance(_claim("Kim Kardashian is not pregnant, her rep says", "denied"), neutral, pregnant)[0] == (
        "denies"
    )
    # a thread whose proposition is itself a denial: another report of the denial agrees with it
    denial = "James Franco denies the sexual misconduct allegations"
    again = _claim("Franco denied the allegations against him on Tuesday", "denied")
    assert combine_stance(again, neutral, denial)[0] == "supports"
    # the occurrence that started the thread states its proposition, negated or not
    assert combine_stance(_claim(denial, "denied"), neutral, denial)[0] == "supports"
    # without a thread's text the claim's certainty decides, as before
    assert combine_stance(silent, neutral)[0] == "denies"


def test_a_claim_never_starts_a_thread_under_an_id_a_thread_has_already(tmp_path):
    """An article analysed again numbers its claims anew: a thread its earlier analysis started may
    hold the id its claim would get, and other articles may still hold that thread."""
    from rumormill.corpus.threads import _new_thread_id, thread_id

    claim = _claim("Lena Morrow and Theo Vance have split")
    with open_store(tmp_path / "store.db") as store:
        t_threads = store.table("threads")
        with store.writing() as conn:
            assert _new_thread_id(conn, t_threads, "a1", claim, set()) == thread_id("a1", "c1")
            row = {
                "id": thread_id("a1", "c1"),
                "text": "an older claim",
                "about": "[]",
                "terms": "[]",
                "updated_at": "x",
            }
            conn.execute(t_threads.insert(), [row])
            other = _new_thread_id(conn, t_threads, "a1", claim, set())
            assert other != thread_id("a1", "c1")
            assert _new_thread_id(conn, t_threads, "a1", claim, {other}) not in {other, thread_id("a1", "c1")}


def test_a_question_headline_joins_the_thread_it_asks_about_but_starts_none(tmp_path):
    """ "Did Lena Morrow and Theo Vance split? ...": it asks about the split, so it joins the
    split's thread; alone, it asks nothing anyone could check, and starts no thread. An
    explainer ("Why Lena Morrow and Theo Vance split ...") gives a reason, and joins none."""
    import sqlalchemy as sa

    from rumormill import Article

    split, asked, why = (
        Article(title=title, text=text, outlet=outlet, url=url, published=published)
        for title, text, outlet, url, published in (
            (
                "Lena Morrow and Theo Vance split after six years of marriage",
                "Lena Morrow and Theo Vance have split after six years of marriage, her publicist said on Sunday.",
                "Daily Ledger", "https://ledger.example/split", "2024-03-10",
            ),
            (
                "Did Lena Morrow and Theo Vance split after six years of marriage? Fans think so",
                "The couple had been living apart for months, friends of the pair said.",
                "Morning Post", "https://post.example/asked", "2024-03-11",
            ),
            (
                "Why Lena Morrow and Theo Vance split after six years of marriage",
                "Touring kept the singer away from home for most of last year, an old bandmate recalled.",
                "Evening Star", "https://star.example/why", "2024-03-12",
            ),
        )
    )  # fmt: skip

    def headline_threads(store, article_id, headline_only=True):
        t_occ = store.table("thread_occurrences")
        where = [t_occ.c.article_id == article_id] + ([t_occ.c.start.is_(None)] if headline_only else [])
        with store.writing() as conn:
            return {row.thread_id for row in conn.execute(sa.select(t_occ.c.thread_id).where(*where))}

    with open_store(tmp_path / "alone.db") as store:
        ingest([asked], store)
        assert headline_threads(store, asked.id) == set()
    with open_store(tmp_path / "all.db") as store:
        ingest([split, asked, why], store)
        joined = headline_threads(store, asked.id)
        assert joined and joined <= headline_threads(store, split.id, headline_only=False)  # the split's thread
        assert headline_threads(store, why.id) == set()

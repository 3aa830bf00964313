"""The store suite: the same tests on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from rumormill import analyze
from rumormill.errors import ConfigError, StoreError
from rumormill.model import Analysis, Article, Claim, Source, Span
from rumormill.store import Filters, open_store, pipeline_version, resolve_url
from rumormill.store import migrations as store_migrations
from tests.conftest import EXAMPLE

DENIAL = (
    " date 2020-08-02 Kim Kardashian's rep denies the split report\n\n"
    "A spokesperson for Kim Kardashian denied on Sunday that she and Kanye West are living apart. "
    '"They are not separating," the spokesperson told People magazine.'
)


@pytest.fixture(scope="module")
def example() -> Analysis:
    return analyze(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def denial() -> Analysis:
    return analyze(DENIAL)


def _with(analysis: Analysis, **article) -> Analysis:
    return analysis.model_copy(update={"article": analysis.article.model_copy(update=article)})


def _tiny(i: int, text: str | None = None) -> Analysis:
    """A hand-built Analysis with one claim, for tests that need many rows cheaply."""
    text = text or f"Singer number {i} was seen in Paris on Tuesday."
    article = Article(text=text, title=f"Story {i}", published=f"2021-01-{i % 28 + 1:02d}", outlet="Tiny News")
    claim = Claim(id="c1", span=Span.of(text, 0, len(text) - 1), text=text[:-1], source=Source(kind="outlet"))
    return Analysis(article=article, claims=[claim], pipeline={"rumormill": "test"})


def test_store_migrates_a_new_database_once(store):
    assert store_migrations.applied(store.engine) == store_migrations.available()
    assert store_migrations.upgrade(store.engine) == []  # a second open runs nothing
    tables = set(sa.inspect(store.engine).get_table_names())
    assert {"articles", "appearances", "claims", "quotes", "entities", "relations", "times", "failures"} <= tables


def test_store_add_is_idempotent(store, example, denial):
    first = store.add_many([example, denial])
    assert (first.articles, first.appearances) == (2, 2)
    counts = store.stats()
    again = store.add_many([example, denial])
    assert (again.articles, again.unchanged, again.appearances) == (0, 2, 0)
    assert store.stats() == counts
    assert counts["claims"] == len(example.claims) + len(denial.claims)
    assert counts["quotes"] == len(example.quotes) + len(denial.quotes)
    assert counts["entities"] == len(example.entities) + len(denial.entities)


def test_store_same_text_from_two_outlets_is_one_article_with_two_appearances(store, example):
    store.add_many([_with(example, url="https://a.example/kim", outlet="A News")])
    added = store.add_many([], appearances=[_with(example, url="https://b.example/kim", outlet="B Daily").article])
    assert added.appearances == 1
    assert store.stats()["articles"] == 1
    assert {a["url"] for a in store.appearances(example.article.id)} == {
        "https://a.example/kim",
        "https://b.example/kim",
    }
    assert store.known_urls(["https://b.example/kim", "https://c.example/"]) == {"https://b.example/kim"}


def test_store_get_returns_the_stored_analysis(store, example):
    store.add(example)
    assert store.get(example.article.id) == example
    assert store.get(example.article.id[:10]) == example
    assert store.get("0" * 64) is None


def test_store_search_finds_claims_by_text_and_filters(store, example, denial):
    store.add_many([_with(example, outlet="Page Six"), _with(denial, outlet="People")])
    hits = store.search("living apart")
    assert hits and all("apart" in h["text"].lower() for h in hits[:3])
    assert {"article_id", "claim_id", "text", "source", "certainty", "article"} <= set(hits[0])
    anonymous = store.search(filters=Filters(source_kind="anonymous"))
    assert anonymous and {h["source"]["kind"] for h in anonymous} == {"anonymous"}
    denied = store.search(filters=Filters(certainty="denied"))
    assert denied and {h["certainty"] for h in denied} == {"denied"}
    assert {h["article"]["outlet"] for h in store.search(filters=Filters(outlet="people"), limit=100)} == {"People"}
    kanye = store.search(filters=Filters(entity="Kanye West"), limit=100)
    assert kanye and any("Kanye" in h["text"] or "he " in h["text"] for h in kanye)
    assert store.search(filters=Filters(entity="Nobody Atall")) == []
    august = store.search(filters=Filters(since="2020-08-01"), limit=100)
    assert august and {h["article_id"] for h in august} == {denial.article.id}
    july = store.search(filters=Filters(until="2020-07"), limit=100)
    assert july and {h["article_id"] for h in july} == {example.article.id}


@pytest.mark.parametrize(
    "query", ['"', "NEAR(kim", "kim*", "title:kim", "-", "OR", "a AND", "(", "'; DROP TABLE claims; --"]
)
def test_store_search_treats_operators_in_the_query_as_words(store, example, query):
    store.add(example)
    assert isinstance(store.search(query), list)
    assert store.stats()["claims"] == len(example.claims)


def test_store_search_phrases_or_and_exclusion(store, example):
    store.add(example)
    assert store.search('"living apart"')
    assert store.search("Wyoming OR zzzqqq")
    with_wyoming = store.search("Kanye")
    without = store.search("Kanye -Wyoming")
    assert len(without) < len(with_wyoming) or not any("Wyoming" in h["text"] for h in with_wyoming)
    assert not any("Wyoming" in h["text"] for h in without)


def test_store_articles_search_titles_and_texts(store, example, denial):
    store.add_many([example, denial])
    found = store.articles("spokesperson")
    assert [a["id"] for a in found] == [denial.article.id]
    assert {a["id"] for a in store.articles()} == {example.article.id, denial.article.id}
    assert [a["id"] for a in store.articles(filters=Filters(certainty="denied"))] == [denial.article.id]


def test_store_stats_counts_by_outlet_month_source_and_certainty(store, example, denial):
    store.add_many([_with(example, outlet="Page Six"), _with(denial, outlet="People")])
    stats = store.stats()
    for key in ("articles", "claims", "quotes", "entities", "failures"):
        assert isinstance(stats[key], int)
    assert stats["articles"] == 2 and stats["failures"] == 0
    assert stats["by_outlet"] == {"Page Six": 1, "People": 1}
    assert stats["by_month"] == {"2020-07": 1, "2020-08": 1}
    assert sum(stats["by_source_kind"].values()) == stats["claims"]
    assert sum(stats["by_certainty"].values()) == stats["claims"]


def test_store_marks_stale_and_replaces_in_place(store, example):
    store.add(example)
    version = pipeline_version(example.pipeline)
    assert store.stale_ids(version) == []
    assert store.mark_stale([example.article.id]) == 1
    assert store.stale_ids(version) == [example.article.id]
    before = store.stats()
    store.replace(example)
    assert store.stale_ids(version) == []
    after = store.stats()
    assert after["claims"] == before["claims"] and after["articles"] == 1
    # the full-text index follows the rows: no duplicate hits after a replace
    hits = store.search("Wyoming", limit=100)
    assert len(hits) == len({h["claim_id"] for h in hits})


def test_store_older_pipeline_rows_are_stale_and_replaced_by_add(store, example):
    old = example.model_copy(update={"pipeline": {**example.pipeline, "lexicons": "000000000000"}})
    store.add(old)
    assert store.stale_ids(pipeline_version(example.pipeline)) == [example.article.id]
    added = store.add(example)
    assert added.replaced == 1
    assert store.stale_ids(pipeline_version(example.pipeline)) == []
    assert store.stats()["claims"] == len(example.claims)


def test_store_failures_are_kept_once_per_origin_and_cleared_on_success(store, example):
    store.record_failure("feed.xml#entry3", "read", "the entry has no text")
    store.record_failure("feed.xml#entry3", "read", "the entry has no text")
    [failure] = store.failures()
    assert failure["origin"] == "feed.xml#entry3" and failure["attempts"] == 2
    store.add_many([example], resolved=["feed.xml#entry3"])
    assert store.failures() == []


def test_store_batch_is_atomic(store, example):
    broken = _tiny(1)
    broken = broken.model_copy(update={"claims": broken.claims * 2})  # two claims with one id: a constraint breaks
    with pytest.raises(StoreError, match="write failed"):
        store.add_many([example, broken])
    assert store.stats()["articles"] == 0 and store.stats()["claims"] == 0


def test_store_streams_every_analysis_and_claim_in_order(store):
    tiny = [_tiny(i) for i in range(230)]
    store.add_many(tiny)
    assert [a.article.id for a in store.iter_analyses()] == [a.article.id for a in tiny]
    assert sum(1 for _ in store.iter_claims()) == 230
    assert sum(1 for _ in store.iter_analyses(Filters(since="2021-01-28"))) == sum(
        1 for a in tiny if a.article.published >= "2021-01-28"
    )


def test_store_keeps_hostile_and_unicode_text_intact(store):
    text = "Beyoncé 💍 said <script>alert('x')</script> & \"quoted\" — ‘curly’ text. Robert'); DROP TABLE articles;--"
    analysis = _tiny(1, text=text)
    store.add(analysis)
    assert store.get(analysis.article.id).article.text == text
    assert store.search("Beyoncé")


def test_open_store_resolves_paths_urls_and_the_setting(tmp_path, monkeypatch):
    assert resolve_url(tmp_path / "a.db").database == str(tmp_path / "a.db")
    assert resolve_url(f"sqlite:///{tmp_path}/b.db").database == f"{tmp_path}/b.db"
    assert resolve_url("postgres://u@h:5/db").drivername == "postgresql+psycopg"
    monkeypatch.setenv("RUMORMILL_DB", str(tmp_path / "env.db"))
    assert resolve_url(None).database == str(tmp_path / "env.db")
    monkeypatch.delenv("RUMORMILL_DB")
    assert resolve_url(None).database.endswith("rumormill.db")
    for bad in ("mysql://x/y", "sqlite://", "sqlite:///:memory:"):
        with pytest.raises(ConfigError):
            resolve_url(bad)


def test_open_store_names_the_database_when_it_cannot_open(tmp_path):
    with pytest.raises(StoreError, match="cannot"):
        open_store("postgresql://nobody@127.0.0.1:1/none")
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError):
        open_store(tmp_path / "file" / "sub" / "x.db")

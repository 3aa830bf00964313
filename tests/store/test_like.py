"""Claims like this: claim vectors stored with the claims, and the exact scan over them, on SQLite
and on a real PostgreSQL server (no vector extension on either)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from rumormill import embed
from rumormill.errors import ConfigError, InputError
from rumormill.model import Analysis, Article, Claim, Source, Span
from rumormill.store import Filters

pytestmark = pytest.mark.skipif(
    not embed.available(), reason=f"sentence embeddings are not installed ({embed.INSTALL})"
)

CLAIMS = [
    ("Kim Kardashian and Kanye West are living apart, a source says.", "anonymous", "hedged", "2020-07-31"),
    ("The singer is pregnant with her second child.", "named", "asserted", "2021-03-02"),
    ("The actor was arrested for drunk driving in Malibu.", "outlet", "asserted", "2021-05-09"),
    ("The band has cancelled the rest of its world tour.", "named", "asserted", "2022-01-15"),
    ("The couple have split after six years of marriage, insiders claim.", "anonymous", "hedged", "2021-02-19"),
]


def _article(i: int, text: str, kind: str, certainty: str, published: str) -> Analysis:
    article = Article(text=text, title=f"Story {i}", published=published, outlet="Tiny News")
    claim = Claim(
        id="c1",
        span=Span.of(text, 0, len(text) - 1),
        text=text[:-1],
        source=Source(kind=kind),
        certainty=certainty,
    )
    return Analysis(article=article, claims=[claim], pipeline={"rumormill": "test"})


@pytest.fixture
def filled(store):
    store.add_many([_article(i, *row) for i, row in enumerate(CLAIMS)])
    return store


def _vector_rows(store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(store.table("claim_vectors"))).scalar_one()


def test_every_stored_claim_gets_a_vector(filled):
    assert _vector_rows(filled) == filled.count("claims") == len(CLAIMS)
    assert filled.missing_vectors() == 0


def test_like_finds_claims_by_meaning_not_words(filled):
    hits = filled.like("Kim and Kanye have separated", limit=3)
    assert [h["text"] for h in hits[:2]] == [CLAIMS[0][0][:-1], CLAIMS[4][0][:-1]]
    assert hits[0]["similarity"] >= hits[1]["similarity"] >= hits[2]["similarity"]
    assert hits[0]["similarity"] > 0.5 > hits[2]["similarity"]
    # the shape of a search hit, plus the similarity
    assert set(filled.search(None, limit=1)[0]) | {"similarity"} == set(hits[0])
    # no shared word with the first claim beyond names: full text finds nothing for it
    assert filled.search("separated") == []


def test_like_keeps_the_filters_and_pages(filled):
    hedged = filled.like("Kim and Kanye have separated", Filters(certainty="hedged"), limit=10)
    assert {h["certainty"] for h in hedged} == {"hedged"} and len(hedged) == 2
    dated = filled.like("a pop star expects a baby", Filters(since="2021-03", until="2021-12"), limit=10)
    assert [h["text"] for h in dated][0] == CLAIMS[1][0][:-1]
    assert all("2021-03" <= h["article"]["published"] <= "2021-12-31" for h in dated)
    everything = filled.like("a pop star expects a baby", limit=5)
    assert filled.like("a pop star expects a baby", limit=2, offset=2) == everything[2:4]


def test_the_index_follows_new_and_replaced_claims(filled):
    assert len(filled.like("wedding", limit=10)) == len(CLAIMS)  # read into memory now
    new = _article(9, "The two stars got married in a secret ceremony in Italy.", "named", "asserted", "2022-06-01")
    filled.add(new)
    assert filled.like("a wedding took place", limit=1)[0]["article_id"] == new.article.id
    # a re-analysis replaces its claims: their vectors go with them and come back with new keys
    filled.mark_stale([new.article.id])
    filled.replace(new)
    hits = filled.like("a wedding took place", limit=10)
    assert len(hits) == len(CLAIMS) + 1 == len({h["article_id"] for h in hits})
    assert hits[0]["article_id"] == new.article.id
    assert _vector_rows(filled) == len(CLAIMS) + 1


def test_claims_stored_without_vectors_get_them_later(filled):
    with filled.engine.begin() as conn:
        conn.execute(filled.table("claim_vectors").delete())
    assert filled.missing_vectors() == len(CLAIMS)
    assert filled.like("Kim and Kanye have separated") == []
    assert filled.embed_missing(batch=2) == len(CLAIMS)
    assert filled.missing_vectors() == 0
    assert filled.like("Kim and Kanye have separated", limit=1)[0]["text"] == CLAIMS[0][0][:-1]


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001])
def test_like_refuses_an_empty_or_overlong_text(filled, text):
    with pytest.raises(InputError):
        filled.like(text)


def test_hostile_text_is_only_text(filled):
    hostile = "'); DROP TABLE claims; -- <script>alert(1)</script> \x00\u202e"
    assert len(filled.like(hostile, limit=10)) == len(CLAIMS)
    assert filled.count("claims") == len(CLAIMS)


def test_embedding_at_store_time_can_be_left_for_later(store, monkeypatch):
    monkeypatch.setenv("RUMORMILL_EMBED_CLAIMS", "off")
    store.add_many([_article(i, *row) for i, row in enumerate(CLAIMS)])
    assert store.missing_vectors() == len(CLAIMS) and _vector_rows(store) == 0
    assert store.embed_missing() == len(CLAIMS)
    assert store.like("Kim and Kanye have separated", limit=1)[0]["text"] == CLAIMS[0][0][:-1]
    monkeypatch.setenv("RUMORMILL_EMBED_CLAIMS", "sometimes")
    with pytest.raises(ConfigError, match="on or off"):
        store.add(_article(7, "The singer was seen in Paris.", "named", "asserted", "2022-01-01"))


def test_filters_give_the_exact_nearest_whether_broad_or_narrow(store):
    """Among 600 claims with random vectors and the real ones: a broad filter (a third of the
    claims) is checked on the nearest few hundred, a narrow one (one month: a dozen claims) reads its
    keys first. Both give what ranking every claim that passes would give."""
    from benchmarks.like import _fill

    _fill(store, 600)
    store.add_many([_article(i, *row) for i, row in enumerate(CLAIMS)])
    query = "Kim and Kanye have separated"
    broad_or_narrow = [Filters(certainty="hedged"), Filters(since="2017-03", until="2017-03"), Filters(since="2021")]
    broad_or_narrow.append(Filters(source_kind="anonymous", until="2019-06"))
    for filters in broad_or_narrow:
        passing = store.search(None, filters, limit=10_000)
        assert 5 <= len(passing) < store.count("claims")
        vectors = store._vectors
        wanted = {(h["article_id"], h["claim_id"]) for h in passing}
        got = store.like(query, filters, limit=10)
        assert {(h["article_id"], h["claim_id"]) for h in got} <= wanted
        # the reference: every passing claim's similarity, from the same vectors
        pk_of = {(h["article_id"], h["claim_id"]): pk for pk, h in _pks(store, passing)}
        index = {int(pk): i for i, pk in enumerate(vectors.pks[: vectors.size])}
        q = embed.encode([query])[0]
        reference = sorted((float(vectors.matrix[index[pk_of[k]]] @ q) for k in wanted), reverse=True)[:10]
        assert [h["similarity"] for h in got] == pytest.approx(reference, abs=1e-4)


def _pks(store, hits):
    c = store.t["claims"]
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(c.c.pk, c.c.article_id, c.c.id)).all()
    by_key = {(r.article_id, r.id): r.pk for r in rows}
    return [(by_key[(h["article_id"], h["claim_id"])], h) for h in hits]


def test_a_limit_embeds_the_most_check_worthy_claims_first_and_the_rest_later(store):
    text = " ".join(row[0] + "." for row in CLAIMS)
    article = Article(text=text, title="Five claims", published="2022-02-02", outlet="Tiny News")
    claims, start = [], 0
    for i, row in enumerate(CLAIMS):
        end = start + len(row[0])
        claims.append(
            Claim(
                id=f"c{i}",
                span=Span.of(text, start, end),
                text=row[0],
                source=Source(kind="named"),
                check_worthy=i / 10,
            )
        )
        start = end + 2
    store.add_many([Analysis(article=article, claims=claims, pipeline={"rumormill": "test"})], embed_limit=2)
    assert store.missing_vectors() == 3
    assert {h["claim_id"] for h in store.like("anything", limit=10)} == {"c4", "c3"}
    assert store.embed_missing(articles=["not-stored"]) == 0
    assert store.embed_missing(articles=[article.id]) == 3
    assert store.missing_vectors() == 0 and len(store.like("anything", limit=10)) == 5


def test_ingest_embeds_past_the_limit_once_the_batch_is_linked(store_url, monkeypatch):
    from rumormill import ingest
    from rumormill.store import open_store, vectors
    from tests.conftest import ROOT

    monkeypatch.setattr(vectors, "AT_STORE", 1)  # every article has more claims than that
    report = ingest([str(ROOT / "examples")], store_url)
    assert report.stored == 2
    with open_store(store_url) as opened:
        assert opened.count("claims") > 2 and opened.missing_vectors() == 0

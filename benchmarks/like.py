"""How fast "claims like this" answers on a store of about 300k claims.

    python benchmarks/like.py [--claims 300000] [--queries 60] [--postgres URL | --start-postgres] [--json]

The store is filled in bulk with minimal articles (three claims each) whose claim rows are real
sentences (a few dozen, repeated) and whose vectors are synthetic: random unit vectors, not the
embeddings of those sentences. The scan is exact, so its cost depends on the number of vectors
and not on what they hold; a handful of real claims with their real vectors are added so that the
answers can be checked. Timed through `Store.like`, the path of the CLI, the API and the pages:
encoding the query, the scan in memory, and reading the page of hits (20). Reported: the first
query (which reads every vector into memory), then median and p95 of the warm ones, without a
filter and with two (a certainty, which lets a third of the claims through, and a month).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import sqlalchemy as sa

SENTENCES = [
    "Kim Kardashian and Kanye West are living apart, a source says",
    "The singer is pregnant with her second child",
    "The actor was arrested for drunk driving in Malibu",
    "The band has cancelled the rest of its world tour",
    "The couple have split after six years of marriage, insiders claim",
    "The reality star is launching a new beauty line next month",
    "The rapper bought a ranch in Wyoming for $14 million",
    "The model denied rumours that she is dating the footballer",
]
QUERIES = [
    "Kim and Kanye have separated",
    "a pop star is expecting a baby",
    "police detained the actor for driving drunk",
    "the group called off its concerts",
    "she says she is not seeing him",
    "a new cosmetics brand from the TV star",
]
CERTAINTIES = ["asserted", "hedged", "denied"]
ARTICLES_PER_BATCH = 10_000


def _fill(store, claims: int, seed: int = 7) -> None:
    """`claims` claims, three per article, with synthetic unit vectors, inserted in bulk."""
    from rumormill import embed
    from rumormill.store import vectors
    from rumormill.store.base import now

    rng = np.random.default_rng(seed)
    stamp = now()
    a, c, v = store.t["articles"], store.t["claims"], store.table("claim_vectors")
    articles = claims // 3
    for start in range(0, articles, ARTICLES_PER_BATCH):
        stop = min(articles, start + ARTICLES_PER_BATCH)
        article_rows, claim_rows, vector_rows = [], [], []
        matrix = rng.standard_normal(((stop - start) * 3, embed.DIMS), dtype=np.float32)
        blobs = vectors.pack(matrix / np.linalg.norm(matrix, axis=1, keepdims=True))
        for i in range(start, stop):
            article_id = hashlib.sha256(f"like-bench/{i}".encode()).hexdigest()
            published = f"{2015 + i % 10}-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
            article_rows.append(
                {
                    "id": article_id,
                    "pipeline": "bench",
                    "stale": False,
                    "added_at": stamp,
                    "analysed_at": stamp,
                    "text": "",
                    "analysis": "{}",
                    "published": published,
                    "outlet": f"Outlet {i % 50}",
                }
            )
            for j in range(3):
                k = 3 * i + j
                claim_rows.append(
                    {
                        "article_id": article_id,
                        "id": f"c{j + 1}",
                        "text": SENTENCES[k % len(SENTENCES)],
                        "source_kind": "anonymous",
                        "certainty": CERTAINTIES[k % 3],
                        "check_worthy": 0.5,
                        "published": published,
                    }
                )
        with store.writing() as conn:
            conn.execute(a.insert(), article_rows)
            conn.execute(c.insert(), claim_rows)
            ids = [r["id"] for r in article_rows]
            keys = conn.execute(sa.select(c.c.pk, c.c.article_id, c.c.id).where(c.c.article_id.in_(ids))).all()
            order = {(row.article_id, row.id): row.pk for row in keys}
            for row, blob in zip(claim_rows, blobs, strict=True):
                vector_rows.append(
                    {"claim_pk": order[(row["article_id"], row["id"])], "model": embed.MODEL, "vector": blob}
                )
            conn.execute(v.insert(), vector_rows)


def _real(store) -> list:
    """A few real claims, stored through `add_many` (real vectors), whose neighbours are known."""
    from rumormill.model import Analysis, Article, Claim, Source, Span

    out = []
    for i, text in enumerate(SENTENCES):
        text = text + "."
        article = Article(text=text, title=f"Real {i}", published="2026-01-01", outlet="Real News")
        claim = Claim(id="c1", span=Span.of(text, 0, len(text) - 1), text=text[:-1], source=Source(kind="named"))
        out.append(Analysis(article=article, claims=[claim], pipeline={"rumormill": "bench"}))
    store.add_many(out)
    return out


def _summary(times: list[tuple[float, float]]) -> dict:
    """Median and p95 of wall-clock and of CPU seconds (the process's, all threads): on a busy
    machine the CPU time is what the same work takes on a quiet one."""

    def stats(values: list[float]) -> tuple[float, float]:
        ordered = sorted(values)
        return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]

    wall, cpu = stats([w for w, _ in times]), stats([c for _, c in times])
    return {
        "median_ms": round(wall[0] * 1000, 1),
        "p95_ms": round(wall[1] * 1000, 1),
        "cpu_median_ms": round(cpu[0] * 1000, 1),
        "cpu_p95_ms": round(cpu[1] * 1000, 1),
    }


def _timed(call) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    return time.perf_counter() - wall, time.process_time() - cpu


def _time(store, queries: int, filters) -> list[tuple[float, float]]:
    return [_timed(lambda i=i: store.like(QUERIES[i % len(QUERIES)], filters, limit=20)) for i in range(queries)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=300_000)
    parser.add_argument("--queries", type=int, default=60, help="timed queries per case")
    parser.add_argument("--postgres", help="a PostgreSQL database URL to fill (instead of a SQLite file)")
    parser.add_argument("--start-postgres", action="store_true", help="start a throwaway PostgreSQL server")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    from rumormill import embed
    from rumormill.store import Filters, open_store

    embed.require()
    stop = None
    with tempfile.TemporaryDirectory() as folder:
        url = args.postgres or f"sqlite:///{Path(folder) / 'like.db'}"
        if args.start_postgres:
            from rumormill.store.throwaway import start_postgres

            server, stop = start_postgres(fast=True)
            import psycopg

            with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
                conn.execute("CREATE DATABASE like_bench")
            url = f"{server}/like_bench"
        try:
            with open_store(url) as store:
                started = time.perf_counter()
                _fill(store, args.claims)
                fill_s = time.perf_counter() - started
                real = _real(store)
                embed.encode(["warm the model"])
                started = time.perf_counter()
                first = store.like(QUERIES[0], limit=20)
                first_s = time.perf_counter() - started
                n = args.queries
                # the answers are right: each real sentence is found first by its own words
                for analysis in real:
                    hit = store.like(analysis.claims[0].text, limit=1)[0]
                    assert hit["article_id"] == analysis.article.id, hit
                assert first[0]["text"] == SENTENCES[0], first[0]
                result = {
                    "store": store.dialect,
                    "claims": store.count("claims"),
                    "vectors": "synthetic random unit vectors, plus the real ones of 8 real claims",
                    "fill_s": round(fill_s, 1),
                    "first_query_ms": round(first_s * 1000, 1),
                    "memory_mb": round(store._vectors.matrix.nbytes / 2**20),
                    "no_filter": _summary(_time(store, args.queries, Filters())),
                    "certainty_hedged": _summary(_time(store, args.queries, Filters(certainty="hedged"))),
                    "one_month": _summary(_time(store, args.queries, Filters(since="2019-03", until="2019-03"))),
                }
                query = embed.encode([QUERIES[0]])[0]
                result["scan_only"] = _summary([_timed(lambda: store._vectors.nearest(query, 20)) for _ in range(n)])
                result["encode_query"] = _summary(
                    [_timed(lambda i=i: embed.encode([QUERIES[i % len(QUERIES)]])) for i in range(n)]
                )
                result["load_average"] = round(os.getloadavg()[0], 1)
                result["cpus"] = os.cpu_count()
        finally:
            if stop is not None:
                stop()
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

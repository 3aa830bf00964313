"""How long linking one new article takes as the store grows: 1k, 10k and 100k placed articles.

    python benchmarks/link.py [--sizes 1000 10000 100000] [--pool 4000] [--new 20] [--json]

The stores are built by filling the linking indexes in bulk (placements, stories with their
term vectors, blocking keys, document frequencies, MinHash signatures and LSH buckets, claim
threads with their matching features and name keys) from
real analyses cached by the other benchmarks (GossipCop and BBC, .cache/credibility and
.cache/bench). A pool of real articles is repeated with shifted dates (a fortnight per
repeat) and perturbed ids and signatures to reach 100k; the article rows themselves are
minimal, since placement never reads other articles' Analyses. Then `--new` real articles
outside the pool are linked one at a time (story and origin placement, then their claims
attached to threads with stances and statuses: what `corpus.link` does per article), each in a
transaction that is rolled back, so every timing sees the same store. Reported: median and p95
per size for the whole link and for placement alone, and the 100k/1k ratio.

With the sentence embeddings installed (and without `--no-embed`), each timed link also makes
the article's claim vectors and stores them, as `ingest` does when it stores an article (its
`vectors.AT_STORE` most check-worthy claims; the rest once the batch is linked): that is
reported alone as `embedding`, and in the whole link. The stores' filled articles have
no claim rows, so the vector table holds only the new articles' vectors; the insert is a few
rows into a B-tree, and the embedding's cost does not depend on the store's size.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np


def _stories():
    """The placement module (`rumormill.corpus.stories` the attribute is the public listing function)."""
    import importlib

    return importlib.import_module("rumormill.corpus.stories")


ROOT = Path(__file__).resolve().parent.parent
CACHES = [ROOT / ".cache" / "credibility", ROOT / ".cache" / "bench"]
SHIFT_DAYS = 14


def _analyses(limit: int):
    """Real analyses from the largest cached file, the dated ones first."""
    from rumormill.model import Analysis

    files = sorted((p for d in CACHES for p in d.glob("*.jsonl.gz")), key=lambda p: p.stat().st_size)
    if not files:
        sys.exit("no cached analyses: run benchmarks/store.py or rumormill train credibility --cache first")
    out = []
    with gzip.open(files[-1], "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip() != "null":
                out.append(Analysis.model_validate_json(line))
            if len(out) >= limit:
                break
    return out


def _shift(published: str | None, days: int) -> str:
    base = date.fromisoformat(published[:10]) if published else date(2018, 1, 1)
    return (base + timedelta(days=days)).isoformat()


def _fill(store, pool, start: int, stop: int) -> None:
    """Index articles start..stop-1 (pool article i % len(pool), repeat i // len(pool))."""
    from rumormill.corpus import origins
    from rumormill.store.base import now

    stamp = now()
    n = len(pool)
    rows = {
        name: []
        for name in ("articles", "story_articles", "stories", "story_keys", "sigs", "buckets", "threads", "keys")
    }
    df: dict[str, int] = {}
    for i in range(start, stop):
        base, f, vector, keys, claims = pool[i % n]
        repeat = i // n
        article_id = hashlib.sha256(f"{base}/{repeat}".encode()).hexdigest()
        published = _shift(f.published, repeat * SHIFT_DAYS)
        story_id = article_id[:12]
        rows["articles"].append(
            {
                "id": article_id,
                "pipeline": "bench",
                "stale": False,
                "added_at": stamp,
                "analysed_at": stamp,
                "text": "",
                "analysis": "{}",
                "published": published,
            }
        )
        rows["story_articles"].append(
            {
                "article_id": article_id,
                "story_id": story_id,
                "origin_id": article_id,
                "published": published,
                "outlet": None,
                "placed_at": stamp,
            }
        )
        rows["stories"].append(
            {
                "id": story_id,
                "title": None,
                "first_seen": published,
                "last_seen": published,
                "articles": 1,
                "origins": 1,
                "outlets": 0,
                "entities": json.dumps(list(f.entities)[:5]),
                "vector": json.dumps({"terms": vector, "entities": f.entities}),
                "updated_at": stamp,
            }
        )
        rows["story_keys"].extend({"key": k, "story_id": story_id, "published": published} for k in keys)
        for claim_id, text, feats in claims:
            tid = hashlib.sha256(f"{article_id}/{claim_id}".encode()).hexdigest()[:12]
            rows["threads"].append(
                {
                    "id": tid,
                    "story_id": story_id,
                    "text": text,
                    "about": "[]",
                    "terms": feats,
                    "first_seen": published,
                    "last_seen": published,
                    "status": "open",
                    "evidence": "[]",
                    "occurrences": 1,
                    "origins": 1,
                    "outlets": 1,
                    "updated_at": stamp,
                }
            )
            rows["keys"].extend(
                {"key": name, "thread_id": tid, "last_seen": published} for name in json.loads(feats)["names"]
            )
        if f.signature is not None:
            # another text's signature: the repeat perturbs every value
            sig = f.signature ^ np.uint32(repeat * 2654435761 % 2**32) if repeat else f.signature
            rows["sigs"].append({"article_id": article_id, "signature": origins.encode(sig)})
            rows["buckets"].extend({"bucket": b, "article_id": article_id} for b in origins.buckets(sig))
        for key in [_stories().COUNT_KEY, *(f"e:{e}" for e in f.entities), *(f"t:{t}" for t in f.terms)]:
            df[key] = df.get(key, 0) + 1
    t = store.table
    with store.writing() as conn:
        conn.execute(store.t["articles"].insert(), rows["articles"])
        for name in ("story_articles", "stories", "story_keys"):
            conn.execute(t(name).insert(), rows[name])
        conn.execute(t("origin_signatures").insert(), rows["sigs"])
        conn.execute(t("origin_buckets").insert(), rows["buckets"])
        if rows["threads"]:
            conn.execute(t("threads").insert(), rows["threads"])
            conn.execute(t("thread_keys").insert(), rows["keys"])
        stmt = _stories()._upsert(conn, t("term_df"))
        stmt = stmt.on_conflict_do_update(index_elements=["key"], set_={"df": t("term_df").c.df + stmt.excluded.df})
        conn.execute(stmt, [{"key": k, "df": v} for k, v in df.items()])


def _pool(analyses):
    """Features, vectors and keys of each pool article, weighted by the pool's own frequencies."""
    import math

    from rumormill.corpus import threads
    from rumormill.corpus.features import features

    feats = [(a.article.id, features(a)) for a in analyses]
    claims = {
        a.article.id: [(c.id, c.text, f.to_json()) for c in a.claims if (f := threads.features(a, c)) is not None]
        for a in analyses
    }
    df: dict[str, int] = {}
    for _, f in feats:
        for key in [*(f"e:{e}" for e in f.entities), *(f"t:{t}" for t in f.terms)]:
            df[key] = df.get(key, 0) + 1
    n = len(feats)
    out = []
    for article_id, f in feats:
        idf = {
            k: math.log((n + 1) / (df.get(k, 0) + 1)) + 1
            for k in [*(f"e:{e}" for e in f.entities), *(f"t:{t}" for t in f.terms)]
        }
        vector, keys = _stories()._article_vector(f, idf), _stories()._blocking_keys(f, idf)
        out.append((article_id, f, vector, keys, claims[article_id]))
    return out


def _embed(store, conn, analysis) -> None:
    """Make and store the article's claim vectors, as storing it does (its old ones go first:
    the new articles were stored once already, with theirs)."""
    import sqlalchemy as sa

    from rumormill.store import vectors

    c, v = store.t["claims"], store.table("claim_vectors")
    mine = sa.select(c.c.pk).where(c.c.article_id == analysis.article.id)
    conn.execute(v.delete().where(v.c.claim_pk.in_(mine)))
    embedded = vectors.encode_analyses([analysis], vectors.AT_STORE)
    store._insert_vectors(conn, analysis, embedded.get(analysis.article.id))


def _time_linking(store, new, embed: bool = False) -> tuple[list[float], list[float], list[float]]:
    """Seconds to link each new article (its claim vectors when `embed`, placement, then its claims
    into threads), to place it alone, and to embed it alone; each in a transaction that is rolled back."""
    from rumormill.corpus import threads

    linking, placing, embedding = [], [], []
    for analysis in new:
        with store.engine.connect() as conn:
            conn.execution_options(write=True)
            transaction = conn.begin()
            start = time.perf_counter()
            if embed:
                _embed(store, conn, analysis)
            embedded = time.perf_counter()
            embedding.append(embedded - start)
            placed = _stories().place(store, conn, [analysis])[analysis.article.id]
            middle = time.perf_counter()
            threads.attach(store, conn, analysis, placed.story_id, placed.origin_id)
            linking.append(time.perf_counter() - start)
            placing.append(middle - embedded)
            transaction.rollback()
    return linking, placing, embedding


def _summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--pool", type=int, default=4000, help="real articles repeated to fill the stores")
    parser.add_argument("--new", type=int, default=20, help="real articles placed and timed at each size")
    parser.add_argument("--no-embed", action="store_true", help="link without making the claim vectors")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    from rumormill import embed as embeddings
    from rumormill.store import open_store

    embed = not args.no_embed and embeddings.available()

    started = time.perf_counter()
    analyses = _analyses(args.pool + args.new)
    pool, new = _pool(analyses[: args.pool]), analyses[args.pool :]
    prepared = time.perf_counter() - started
    claims = sorted(len(a.claims) for a in new)
    result = {
        "pool": len(pool),
        "new": len(new),
        "prepare_s": round(prepared, 1),
        "embedding": embed,
        "new_claims": {"median": claims[len(claims) // 2], "max": claims[-1]} if claims else {},
        "load_average": round(os.getloadavg()[0], 1),
        "sizes": {},
    }
    with tempfile.TemporaryDirectory() as folder:
        with open_store(f"sqlite:///{Path(folder) / 'link.db'}") as store:
            store.add_many(new)
            filled = 0
            for size in sorted(args.sizes):
                start = time.perf_counter()
                for step in range(filled, size, 10000):
                    _fill(store, pool, step, min(size, step + 10000))
                filled = size
                fill_s = time.perf_counter() - start
                _time_linking(store, new[:3], embed)  # warm the caches, the lexicons, the models
                linking, placing, embedding = _time_linking(store, new, embed)
                result["sizes"][str(size)] = {
                    **_summary(linking),
                    "placement": _summary(placing),
                    **({"embedding": _summary(embedding)} if embed else {}),
                    "fill_s": round(fill_s, 1),
                }
                if not args.json:
                    print(size, result["sizes"][str(size)], flush=True)
    sizes = sorted(args.sizes)
    if len(sizes) > 1:
        first, last = result["sizes"][str(sizes[0])], result["sizes"][str(sizes[-1])]
        result["growth_median"] = round(last["median_ms"] / first["median_ms"], 2)
        result["growth_size"] = sizes[-1] // sizes[0]
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"median grows {result.get('growth_median')}x for {result.get('growth_size')}x the articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

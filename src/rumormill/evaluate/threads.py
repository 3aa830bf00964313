"""Score claim threads on Emergent: are two articles put in one thread when they carry one claim?

    >>> from rumormill.evaluate.threads import evaluate
    >>> evaluate("shared/data/emergent-stance/articles.jsonl")["metrics"]["pairwise"]

Each Emergent article becomes what rumormill would read: its headline as the text, its
`source_domain` as the outlet, its URL; no date and no body (the data has none). The articles
are ingested into a throwaway SQLite store in a fixed shuffled order (`seed`), so no linking
profits from the file's grouping by claim, and linked as ingestion links them (stories,
origins, claim threads). Two articles are predicted together when one thread holds claims of
both, and gold together when they share a `claim_id`.

Metrics: pairwise precision, recall and F1 over pairs of articles (an article can sit in two
threads, so the predicted pairs are the union over threads), the coverage (the share of
articles with a claim in any thread: what is never linked cannot be found later), the share of
articles in a thread with another article, and the seconds linking took per article.

Default split: the whole file (the thread layer learns nothing from Emergent); `split` picks
`original_split == split` instead.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from .stance import _records, _split

TASK = "threads"


def evaluate(path, split: str | None = None, limit: int | None = None, seed: int = 0) -> dict:
    """Thread pairwise precision, recall and coverage over an Emergent-schema JSONL file.

    Args:
        path: Emergent articles (`articles.jsonl`).
        split: `original_split` to score ("train", "test"); default and "all": the whole file.
        limit: only the articles of the first N claims.
        seed: the order in which the articles are ingested.
    """
    records = _records(path, ("claim_id", "article_headline"))
    records, split = _split(records, "original_split", split or "all", "all")
    if limit is not None:
        keep = set(list(dict.fromkeys(r["claim_id"] for r in records))[:limit])
        records = [r for r in records if r["claim_id"] in keep]
    articles = [_article(r) for r in records]
    order = list(range(len(articles)))
    random.Random(seed).shuffle(order)
    members, seconds, analysed = _threads([articles[i] for i in order])
    # one text under two claims (a headline two rumours share) is one stored article
    gold_claims: dict[str, set[str]] = defaultdict(set)
    for record, article in zip(records, articles, strict=True):
        gold_claims[article.id].add(record["claim_id"])
    ids = sorted(gold_claims)
    gold_pairs = {(a, b) for a, b in combinations(ids, 2) if gold_claims[a] & gold_claims[b]}
    predicted_pairs = {pair for group in members.values() for pair in combinations(sorted(group), 2)}
    tp = len(gold_pairs & predicted_pairs)
    in_thread = {a for group in members.values() for a in group}
    linked = {a for group in members.values() if len(group) > 1 for a in group}
    return {
        "task": TASK,
        "schema": "emergent",
        "split": split,
        "n": len(ids),
        "records": len(records),
        "claims": len({r["claim_id"] for r in records}),
        "analysed": analysed,
        "scored": f"headlines as articles, undated, ingested in a shuffled order (seed {seed})",
        "metrics": {
            "pairwise": _prf(tp, len(predicted_pairs), len(gold_pairs))
            | {"tp": tp, "predicted": len(predicted_pairs), "gold": len(gold_pairs)},
            "coverage": round(len(in_thread & set(ids)) / len(ids), 4) if ids else 0.0,
            "linked": round(len(linked & set(ids)) / len(ids), 4) if ids else 0.0,
            "threads": len(members),
            "multi_article_threads": sum(len(g) > 1 for g in members.values()),
            "link_seconds_per_article": round(seconds / max(1, analysed), 5),
        },
    }


def _article(record: dict):
    from ..model import Article

    return Article(
        text=record["article_headline"],
        ref=record.get("article_id"),
        url=record.get("article_url"),
        outlet=record.get("source_domain"),
    )


def _threads(articles) -> tuple[dict[str, set[str]], float, int]:
    """Thread id -> the ids of the articles with a claim in it, after ingesting `articles` into a
    fresh store; with the seconds linking took and the number of articles stored."""
    import sqlalchemy as sa

    from ..corpus import link
    from ..ingest import ingest
    from ..store import open_store

    with tempfile.TemporaryDirectory() as folder:
        with open_store(f"sqlite:///{Path(folder) / 'threads.db'}") as store:
            ingest(articles, store, link=False)
            started = time.perf_counter()
            link(store)
            seconds = time.perf_counter() - started
            occ = store.table("thread_occurrences")
            with store.reading() as conn:
                rows = conn.execute(sa.select(occ.c.thread_id, occ.c.article_id)).all()
                stored = conn.execute(sa.select(sa.func.count()).select_from(store.t["articles"])).scalar()
    members: dict[str, set[str]] = defaultdict(set)
    for tid, article_id in rows:
        members[tid].add(article_id)
    return dict(members), seconds, stored


def _prf(tp: int, predicted: int, gold: int) -> dict:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}

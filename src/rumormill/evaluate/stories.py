"""Score story linking on paired articles: are the two reports of one event placed together?

    >>> from rumormill.evaluate.stories import evaluate
    >>> evaluate("shared/data/perezrosas-celebrity-fakenews/perezrosas2018.jsonl", domain="celebrity")

Reads the Pérez-Rosas schema: records with the same `pair_id` report the same story (a fake
and a legitimate version); every other pair of records is two stories. The texts are analysed
with the real pipeline (cached like the credibility data), stored in a throwaway SQLite store
and placed with `corpus.stories.place`, as ingestion would, one after another.

The file lists each pair's halves next to each other; so that no placement can profit from
that order, the records are placed in a fixed shuffled order (`seed`). The records are
undated, so placement rests on the text alone.

Metrics: pairwise precision and recall of predicted same-story links (over pairs of records),
and B-cubed precision, recall and F1 averaged over records. Records without a `pair_id` (any
file in the GossipCop schema) have no gold: the figures are then the cluster sizes only.
"""

from __future__ import annotations

import os
import random
import tempfile
from collections import Counter
from pathlib import Path

from ..credibility.data import analyse, load_examples

TASK = "stories"
CACHE = ".cache/credibility"


def evaluate(
    path, domain: str | None = None, limit: int | None = None, seed: int = 0, cache: str | None = CACHE
) -> dict:
    """Place the file's articles into stories and score them against the pairs.

    Args:
        path: a JSONL file in the Pérez-Rosas (or GossipCop) schema.
        domain: only records whose `domain` or `subset` is this ("celebrity").
        limit: only the first N records (after the filter, before the shuffle).
        seed: the order in which the records are placed.
        cache: a folder to cache the analyses in (None: no cache).
    """
    examples = load_examples(path, keep=_filter(domain))
    if limit is not None:
        examples = examples[:limit]
    processes = 2 if len(examples) >= 200 and (os.cpu_count() or 1) >= 2 else 1
    analyses = analyse(examples, cache_dir=cache, processes=processes)
    kept = [(e, a) for e, a in zip(examples, analyses, strict=True) if a is not None]
    random.Random(seed).shuffle(kept)
    predicted = _place([a for _, a in kept])
    labels = [predicted[a.article.id] for _, a in kept]
    gold = [e.pair_id for e, _ in kept]
    sizes = Counter(labels)
    result = {
        "task": TASK,
        "n": len(kept),
        "skipped": len(examples) - len(kept),
        "scored": f"records{' of ' + domain if domain else ''}, placed undated in a shuffled order (seed {seed})",
        "metrics": {
            "pairwise": None,
            "bcubed": None,
            "stories": len(sizes),
            "gold_stories": len(set(gold)) if all(g is not None for g in gold) else None,
            "largest_story": max(sizes.values(), default=0),
        },
    }
    if kept and all(g is not None for g in gold):
        result["metrics"]["pairwise"] = pairwise(gold, labels)
        result["metrics"]["bcubed"] = bcubed(gold, labels)
        result["metrics"]["partner_nearest"] = partner_nearest([a for _, a in kept], gold)
    return result


def partner_nearest(analyses, gold: list, chunk: int = 1000) -> float | None:
    """The share of records whose most similar other record (cosine of the TF-IDF vectors that
    placement compares, with document frequencies over the whole file) is in their gold story:
    how far the text alone can take any linker that scores by this similarity."""
    import math

    import numpy as np
    from scipy import sparse

    from ..corpus.features import Features, term_weights
    from ..corpus.stories import _article_vector

    terms = [term_weights(a.article.title, a.article.text) for a in analyses]
    df = Counter(t for ts in terms for t in ts)
    n = len(terms)
    idf = {f"t:{t}": math.log((n + 1) / (count + 1)) + 1.0 for t, count in df.items()}
    column = {t: k for k, t in enumerate(df)}
    rows, cols, values = [], [], []
    for i, ts in enumerate(terms):
        for t, w in _article_vector(Features(terms=ts), idf).items():
            rows.append(i)
            cols.append(column[t])
            values.append(w)
    x = sparse.csr_matrix((values, (rows, cols)), shape=(n, len(column)))
    sizes = Counter(gold)
    scored = hits = 0
    for start in range(0, n, chunk):
        block = (x[start : start + chunk] @ x.T).toarray()
        for k in range(block.shape[0]):
            i = start + k
            if n < 2 or sizes[gold[i]] < 2:
                continue
            block[k, i] = -np.inf
            scored += 1
            hits += gold[int(block[k].argmax())] == gold[i]
    return round(hits / scored, 4) if scored else None


def _place(analyses) -> dict[str, str]:
    """Story id by article id, placing the analyses one by one into a fresh store."""
    from ..corpus.stories import place
    from ..store import open_store

    with tempfile.TemporaryDirectory() as folder:
        with open_store(f"sqlite:///{Path(folder) / 'stories.db'}") as store:
            store.add_many(analyses)
            placed = {}
            for analysis in analyses:
                with store.writing() as conn:
                    placed.update(place(store, conn, [analysis]))
    return {article_id: p.story_id for article_id, p in placed.items()}


def _filter(domain: str | None):
    def keep(record: dict) -> bool:
        return domain is None or domain in (record.get("domain"), record.get("subset"))

    return keep


def _prf(tp: float, predicted: float, gold: float) -> dict:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def pairwise(gold: list, predicted: list) -> dict:
    """Precision and recall of the same-story links between pairs of records."""
    tp = sum(n * (n - 1) // 2 for n in Counter(zip(gold, predicted, strict=True)).values())
    links = sum(n * (n - 1) // 2 for n in Counter(predicted).values())
    gold_links = sum(n * (n - 1) // 2 for n in Counter(gold).values())
    return _prf(tp, links, gold_links) | {"tp": tp, "predicted": links, "gold": gold_links}


def bcubed(gold: list, predicted: list) -> dict:
    """B-cubed precision and recall, averaged over records (each record counts itself)."""
    both = Counter(zip(gold, predicted, strict=True))
    in_gold, in_predicted = Counter(gold), Counter(predicted)
    n = len(gold)
    if not n:
        return _prf(0, 0, 0)
    precision = sum(both[(g, p)] / in_predicted[p] for g, p in zip(gold, predicted, strict=True)) / n
    recall = sum(both[(g, p)] / in_gold[g] for g, p in zip(gold, predicted, strict=True)) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}

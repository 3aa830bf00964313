"""Sentence embeddings against the lexical claim matching: how well, and at what cost.

    python benchmarks/embed.py [--emergent FILE] [--articles N] [--json]

1. Quality, on Emergent (300 rumoured claims, each with the headlines of the articles that carried
   it): every article headline ranks all 300 claim headlines, once by the cosine of their
   sentence embeddings (rumormill.embed) and once by the lexical similarity claim threads use on
   words (`corpus.threads.terms`, Dice softened by the overlap coefficient, names counted as
   words). Reported: how often the article's own claim comes first (accuracy@1), within the first
   five, and the mean reciprocal rank. Ties share their ranks.
2. Cost, on real analyses cached by the other benchmarks: claims per article, and the seconds
   (wall and CPU) that embedding one article's claims takes, one article at a time, as storing
   does.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
EMERGENT = ROOT.parent / "shared" / "data" / "emergent-stance" / "articles.jsonl"
CACHES = [ROOT / ".cache" / "credibility", ROOT / ".cache" / "bench"]


def _lexical(a: list[str], b: list[str]) -> float:
    ta, tb = set(a), set(b)
    if not ta or not tb:
        return 0.0
    shared = len(ta & tb)
    return (2 * shared / (len(ta) + len(tb)) + shared / min(len(ta), len(tb))) / 2


def _ranks(scores: np.ndarray, gold: np.ndarray) -> np.ndarray:
    """The rank of each row's gold column, ties sharing (1 + those above + half of those equal)."""
    own = scores[np.arange(len(gold)), gold][:, None]
    above = (scores > own).sum(axis=1)
    equal = (scores == own).sum(axis=1) - 1
    return 1 + above + equal / 2


def _report(ranks: np.ndarray) -> dict:
    return {
        "accuracy_at_1": round(float((ranks <= 1).mean()), 3),
        "within_5": round(float((ranks <= 5).mean()), 3),
        "mrr": round(float((1 / ranks).mean()), 3),
    }


def quality(path: Path) -> dict:
    from rumormill import embed
    from rumormill.corpus.threads import terms

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    claims = list(dict.fromkeys(r["claim_id"] for r in rows))
    claim_text = {r["claim_id"]: r["claim_headline"] for r in rows}
    heads = [r for r in rows if r.get("article_headline")]
    gold = np.array([claims.index(r["claim_id"]) for r in heads])
    started = time.perf_counter()
    claim_vectors = embed.encode([claim_text[c] for c in claims])
    head_vectors = embed.encode([r["article_headline"] for r in heads])
    encode_s = time.perf_counter() - started
    dense = head_vectors @ claim_vectors.T
    claim_terms = [terms(claim_text[c]) for c in claims]
    lexical = np.array([[_lexical(terms(r["article_headline"]), ct) for ct in claim_terms] for r in heads])
    return {
        "claims": len(claims),
        "headlines": len(heads),
        "embeddings": _report(_ranks(dense, gold)),
        "lexical": _report(_ranks(lexical, gold)),
        "encode_sentences_per_s": round((len(claims) + len(heads)) / encode_s, 1),
    }


def cost(limit: int) -> dict:
    from rumormill.model import Analysis
    from rumormill.store import vectors

    files = sorted((p for d in CACHES for p in d.glob("*.jsonl.gz")), key=lambda p: p.stat().st_size)
    if not files:
        return {"skipped": "no cached analyses (run benchmarks/store.py first)"}
    analyses = []
    with gzip.open(files[-1], "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip() != "null":
                analyses.append(Analysis.model_validate_json(line))
            if len(analyses) >= limit:
                break
    vectors.encode_analyses(analyses[:1])  # load the model
    wall, cpu = [], []
    for analysis in analyses:
        w, c = time.perf_counter(), time.process_time()
        vectors.encode_analyses([analysis])
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    counts = sorted(len(a.claims) for a in analyses)

    def p95(values):
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]

    claims = sum(counts)
    return {
        "articles": len(analyses),
        "claims_per_article": {"mean": round(claims / len(counts), 1), "median": counts[len(counts) // 2]},
        "claims_per_cpu_s": round(claims / sum(cpu), 1),
        "per_article_ms": {
            "median": round(statistics.median(wall) * 1000, 1),
            "p95": round(p95(wall) * 1000, 1),
            "cpu_median": round(statistics.median(cpu) * 1000, 1),
            "cpu_p95": round(p95(cpu) * 1000, 1),
            "cpu_mean": round(statistics.mean(cpu) * 1000, 1),
        },
        "stored_bytes_per_claim": 768,
        "memory_bytes_per_claim": 1536,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emergent", type=Path, default=EMERGENT)
    parser.add_argument("--articles", type=int, default=200, help="cached analyses timed for the cost")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    from rumormill import embed

    embed.require()
    result = {
        "model": embed.MODEL,
        "quality": quality(args.emergent) if args.emergent.exists() else {"skipped": f"{args.emergent} not found"},
        "cost": cost(args.articles),
        "load_average": round(os.getloadavg()[0], 1),
    }
    print(json.dumps(result, indent=2) if args.json else result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

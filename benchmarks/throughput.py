"""Throughput and memory of the full analysis against bare spaCy, in the same process.

    python benchmarks/throughput.py [--data bbc_news.jsonl] [--limit 400] [--rounds 2]

Prints articles/s and words/s for bare `nlp.pipe` (the same model loaded plainly with
`spacy.load`) and for `rumormill.analyze_many`, their ratio, and peak resident memory.
Rounds alternate baseline and full so that machine noise hits both; the best round counts.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import spacy

import rumormill
from rumormill.analyze.nlp import default_model_name
from rumormill.read import read

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "bbc-news-2225" / "bbc_news.jsonl"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def spread(articles, limit):
    """Every k-th article, so that all five BBC categories are in the sample."""
    step = max(1, len(articles) // limit)
    return articles[::step][:limit]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args(argv)
    if not Path(args.data).exists():
        print(f"benchmark data not found: {args.data} (pass --data)", file=sys.stderr)
        return 2

    articles = spread(list(read(args.data)), args.limit)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)

    rss_start = peak_rss_mb()
    bare = spacy.load(default_model_name())
    full_nlp = rumormill.nlp()
    for _ in zip(range(3), rumormill.analyze_many(articles[:3]), strict=False):  # warm caches and lazy imports
        pass
    rss_loaded = peak_rss_mb()

    base_times, full_times = [], []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=args.batch_size):
            pass
        base_times.append(time.perf_counter() - t0)
        rss_base = peak_rss_mb()
        t0 = time.perf_counter()
        for _analysis in rumormill.analyze_many(articles, batch_size=args.batch_size):
            pass
        full_times.append(time.perf_counter() - t0)
    rss_full = peak_rss_mb()

    base, full = min(base_times), min(full_times)
    result = {
        "articles": len(articles),
        "words": words,
        "model": full_nlp.meta.get("name"),
        "python": sys.version.split()[0],
        "bare_spacy": {"articles_per_s": round(len(articles) / base, 1), "words_per_s": round(words / base)},
        "rumormill": {"articles_per_s": round(len(articles) / full, 1), "words_per_s": round(words / full)},
        "ratio": round(base / full, 3),
        "peak_rss_mb": {
            "at_start": round(rss_start),
            "models_loaded": round(rss_loaded),
            "after_bare_spacy": round(rss_base),
            "after_rumormill": round(rss_full),
        },
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{len(articles)} BBC articles, {words:,} words, model {result['model']}, Python {result['python']}")
    print(f"{'':14}{'articles/s':>12}{'words/s':>12}")
    for name in ("bare_spacy", "rumormill"):
        row = result[name]
        print(f"{name:14}{row['articles_per_s']:>12}{row['words_per_s']:>12,}")
    print(f"ratio (rumormill / bare spaCy words/s): {result['ratio']:.2f}")
    print("peak RSS (MB): " + ", ".join(f"{k} {v}" for k, v in result["peak_rss_mb"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

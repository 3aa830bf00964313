"""Speed of the shipped credibility model: loading the artefact, and scoring analysed articles.

    python benchmarks/credibility.py [--data articles.jsonl] [--limit 200] [--rounds 5]

Loads the artefact from disk several times (the best time counts), analyses the articles once
and then times `score()` alone on each analysis, best of the rounds. Prints JSON with the load
time, the median and 95th-percentile score time, and the artefact's size.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="JSONL articles (default: the examples/ folder)")
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    import rumormill
    from rumormill.credibility.model import ARTEFACT, load

    artefact = resources.files("rumormill.credibility").joinpath(ARTEFACT)
    loads = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        model = load(str(artefact))
        loads.append(time.perf_counter() - started)

    source = args.data or str(ROOT / "examples" / "*.txt")
    articles = list(rumormill.read(source))[: args.limit]
    analyses = list(rumormill.analyze_many(articles, on_error=lambda *_: None))
    per_article = []
    for analysis in analyses:
        best = float("inf")
        for _ in range(args.rounds):
            started = time.perf_counter()
            model.score(analysis)
            best = min(best, time.perf_counter() - started)
        per_article.append(best)
    per_article.sort()
    result = {
        "artefact_bytes": artefact.stat().st_size if hasattr(artefact, "stat") else None,
        "model_version": model.version,
        "load_s": round(min(loads), 4),
        "articles": len(per_article),
        "score_ms_median": round(1000 * statistics.median(per_article), 3),
        "score_ms_p95": round(1000 * per_article[max(0, math.ceil(0.95 * len(per_article)) - 1)], 3),
    }
    sys.stdout.write(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

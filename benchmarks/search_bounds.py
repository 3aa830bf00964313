"""The worst searches a client can send, timed on a store of about 14k articles.

    python benchmarks/search_bounds.py [--data FILE] [--sample N] [--articles N]
                                        [--postgres URL | --start-postgres] [--json]

1. `--sample` articles of the data (GossipCop by default) are analysed once and cached under
   .cache/bench/; the store is filled with `--articles` articles made from them (each copy's text
   gains a line, so it is a new article with the same claims: the full-text indexes grow as with
   real articles).
2. Through the app (FastAPI's TestClient, the statement timeout on), every search entry point
   (`/search`, `/api/claims`, `/api/articles`) gets the queries of the issue (the refused ones:
   "the " x 7,000, 100 OR terms, 100 -word terms) and the costliest ones still accepted (24 of the
   commonest words, ANDed or ORed, with exclusions, 500 characters). Each is timed; the slowest
   answer per entry point is reported with its status.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
CACHE = ROOT / ".cache" / "bench"
COMMON = "the to of and a in that is for on was with he it as his at by said have from has her be she".split()

QUERIES = {
    "the x 1,000 (refused)": "the " * 1_000,
    "the x 7,000 (refused)": "the " * 7_000,
    "100 OR terms (refused)": " OR ".join(f"w{i}" for i in range(100)),
    "100 -word terms (refused)": " ".join(f"-w{i}" for i in range(100)),
    "24 common words": " ".join(COMMON[:24]),
    "24 common words ORed": " OR ".join(COMMON[:24]),
    "12 ORed, 12 excluded": " OR ".join(COMMON[:12]) + " " + " ".join(f"-{w}" for w in COMMON[12:24]),
    "the x 24": "the " * 24,
    "a 24-word phrase": '"' + " ".join(COMMON[:24]) + '"',
    "500 characters, one word": "a" * 500,
}


def _analyses(data: Path, sample: int) -> list:
    from rumormill.model import Analysis

    CACHE.mkdir(parents=True, exist_ok=True)
    cache = CACHE / f"search-bounds-{sample}.jsonl"
    if cache.exists():
        return [Analysis.from_json(line) for line in cache.read_text().splitlines() if line.strip()]
    from rumormill import analyze_many, read

    articles = []
    for article in read(data, on_error=lambda e: None):
        articles.append(article)
        if len(articles) >= sample:
            break
    analyses = list(analyze_many(articles, on_error=lambda item, error: None))
    cache.write_text("".join(a.to_json() + "\n" for a in analyses))
    return analyses


def fill(url: str, analyses: list, count: int) -> None:
    from rumormill import open_store
    from rumormill.model import Article

    with open_store(url) as store:
        have = store.count("articles")
        if have >= count:
            return
        batch, n = [], have
        while n < count:
            source = analyses[n % len(analyses)]
            text = source.article.text + f"\n\nCopy {n}."
            article = Article(**(source.article.model_dump() | {"id": "", "text": text}))
            batch.append(source.model_copy(update={"article": article}))
            n += 1
            if len(batch) == 500:
                store.add_many(batch)
                batch = []
        if batch:
            store.add_many(batch)


def time_queries(url: str) -> dict:
    from fastapi.testclient import TestClient

    from rumormill.serve import create_app

    results: dict = {}
    with TestClient(create_app(url), raise_server_exceptions=False) as client:
        client.get("/api/claims?q=warm")
        for path in ("/search", "/api/claims", "/api/articles"):
            rows = {}
            for name, query in QUERIES.items():
                started = time.perf_counter()
                response = client.get(path, params={"q": query})
                rows[name] = {"seconds": round(time.perf_counter() - started, 3), "status": response.status_code}
            slowest = max(rows.values(), key=lambda r: r["seconds"])
            results[path] = {"queries": rows, "slowest_seconds": slowest["seconds"]}
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA / "gossipcop-fakenewsnet" / "gossipcop.jsonl")
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--articles", type=int, default=14_000)
    parser.add_argument("--postgres", help="a PostgreSQL server URL to create the store's database on")
    parser.add_argument("--start-postgres", action="store_true", help="start a throwaway PostgreSQL cluster")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"search_bounds: {args.data} not found (give --data)", file=sys.stderr)
        return 2
    analyses = _analyses(args.data, args.sample)
    urls = {"sqlite": f"sqlite:///{CACHE / f'search-bounds-{args.articles}.db'}"}
    stop = None
    if args.start_postgres:
        from rumormill.store.throwaway import start_postgres

        server, stop = start_postgres(fast=True)
        args.postgres = server
    if args.postgres:
        import psycopg

        with psycopg.connect(f"{args.postgres}/postgres", autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS rm_search_bounds")
            conn.execute("CREATE DATABASE rm_search_bounds")
        urls["postgresql"] = f"{args.postgres}/rm_search_bounds"
    report = {"articles": args.articles, "sample": len(analyses), "backends": {}}
    try:
        for backend, url in urls.items():
            started = time.perf_counter()
            fill(url, analyses, args.articles)
            figures = time_queries(url)
            figures["fill_seconds"] = round(time.perf_counter() - started, 1)
            report["backends"][backend] = figures
    finally:
        if stop:
            stop()
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for backend, figures in report["backends"].items():
            for path, result in figures.items():
                if isinstance(result, dict):
                    print(f"{backend} {path}: slowest {result['slowest_seconds']:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

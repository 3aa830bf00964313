"""The store's cost and speed on real data: ingest overhead, search latency, export, size.

    python benchmarks/store.py [--data FILE ...] [--limit N] [--postgres URL | --start-postgres] [--json]

1. Ingest overhead: `ingest()` into a fresh SQLite store against `analyze_many` alone on the same
   sample, in the same process, alternating rounds (the best round of each counts): how much
   the store adds to ingest time, with the claims' sentence embeddings (the default) and without
   (RUMORMILL_EMBED_CLAIMS=off). The report also splits ingest into analysis and store time.
   `--only-overhead` stops there.
2. Every article of the data (GossipCop and BBC by default, about 14k) is analysed once and
   cached under .cache/bench/, then stored into each backend: write time per article and
   database size per article.
3. Search latency p50/p95 over a fixed set of queries (full text, filters, both), each run
   several times, on each backend.
4. Export speed (records/s) and peak Python memory for jsonl, csv and claims-jsonld.

PostgreSQL runs when given a server URL to create a database on (--postgres), or with
--start-postgres, which starts a throwaway cluster from the local server binaries.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
DEFAULT_DATA = [DATA / "gossipcop-fakenewsnet" / "gossipcop.jsonl", DATA / "bbc-news-2225" / "bbc_news.jsonl"]
CACHE = ROOT / ".cache" / "bench"

QUERIES = [
    ("divorce", {}),
    ("pregnant", {}),
    ("Kardashian", {}),
    ('"living apart"', {}),
    ("split OR breakup", {}),
    ("engaged -rumors", {}),
    ("wedding dress", {}),
    ("Taylor Swift", {}),
    ("election", {}),
    ("profits", {}),
    ("", {"source_kind": "anonymous"}),
    ("", {"certainty": "denied"}),
    ("", {"entity": "Kim Kardashian"}),
    ("", {"outlet": "people.com"}),
    ("dating", {"source_kind": "anonymous"}),
    ("baby", {"certainty": "hedged"}),
    ("album", {"since": "2018-01-01"}),
    ("divorce", {"entity": "Brad Pitt"}),
    ("source", {"until": "2017-12"}),
    ("said", {}),
]


def _articles(paths: list[Path], limit: int | None):
    from rumormill.read import read

    articles = []
    for path in paths:
        articles += list(read(path, on_error=lambda e: None))
    if limit:
        step = max(1, len(articles) // limit)
        articles = articles[::step][:limit]
    return articles


def _analyse_chunk(texts: list[str]) -> list[str]:
    from rumormill import analyze_many
    from rumormill.model import Article

    articles = [Article.model_validate_json(t) for t in texts]
    return [a.to_json() for a in analyze_many(articles, on_error=lambda item, error: None)]


def _reusable(patterns: list[str], wanted: set[str]) -> dict[str, str]:
    """Analysis JSON lines of earlier runs (gzipped JSONL files) for the wanted article ids."""
    import glob

    found: dict[str, str] = {}
    for pattern in patterns:
        for name in glob.glob(pattern):
            with gzip.open(name, "rt", encoding="utf-8") as handle:
                for line in handle:
                    start = line.find('"id":"')  # the article's id comes first in an Analysis
                    article_id = line[start + 6 : start + 70] if start >= 0 else ""
                    if article_id in wanted and article_id not in found:
                        found[article_id] = line.rstrip("\n")
    return found


def cached_analyses(articles, workers: int, reuse: list[str] = ()) -> list:
    """Every article analysed once (in `workers` processes), cached by content and pipeline version.
    Analyses of the same texts from earlier runs (`reuse`: globs of gzipped JSONL) are taken as they are."""
    from rumormill.analyze import pipeline_info
    from rumormill.model import Analysis
    from rumormill.store import pipeline_version

    digest = hashlib.sha256()
    for article in articles:
        digest.update(article.id.encode())
    key = f"{digest.hexdigest()[:16]}-{hashlib.sha256(pipeline_version(pipeline_info()).encode()).hexdigest()[:12]}"
    path = CACHE / f"analyses-{key}.jsonl.gz"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        done = _reusable(list(reuse), {a.id for a in articles})
        payload = [a.to_json() for a in articles if a.id not in done]
        print(f"  {len(done)} analyses reused, {len(payload)} to analyse", file=sys.stderr)
        chunks = [payload[i : i + 200] for i in range(0, len(payload), 200)]
        started = time.perf_counter()
        partial = path.with_suffix(".partial")
        with gzip.open(partial, "wt", encoding="utf-8") as out, ProcessPoolExecutor(workers) as pool:
            for line in done.values():
                out.write(line + "\n")
            for done, result in enumerate(pool.map(_analyse_chunk, chunks), 1):
                for line in result:
                    out.write(line + "\n")
                print(f"  analysed {min(done * 200, len(payload))}/{len(payload)}", file=sys.stderr, end="\r")
        partial.replace(path)
        print(f"\n  analysed in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [Analysis.model_validate_json(line) for line in handle]


def ingest_overhead(articles, rounds: int) -> dict:
    """Ingest into a fresh SQLite store against analysis alone, same sample, same process."""
    from rumormill import analyze_many
    from rumormill.ingest import ingest

    list(analyze_many(articles[:5]))  # warm the model and lazy imports
    bare, full, split = [], [], []
    for _ in range(rounds):
        started = time.perf_counter()
        list(analyze_many(articles))
        bare.append(time.perf_counter() - started)
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            report = ingest(articles, Path(folder) / "bench.db", link=False)  # linking: benchmarks/link.py
            full.append(time.perf_counter() - started)
            split.append((report.analysis_seconds, report.store_seconds))
    best_bare, best_full = min(bare), min(full)
    analysis_s, store_s = min(split, key=lambda s: s[0] + s[1])
    return {
        "articles": len(articles),
        "analysis_alone_s": round(best_bare, 2),
        "ingest_s": round(best_full, 2),
        "overhead": round(best_full / best_bare - 1, 4),
        "store_share_of_analysis": round(store_s / analysis_s, 4),
    }


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    index = min(len(values) - 1, max(0, round(q * (len(values) - 1))))
    return values[index]


def backend_figures(url: str, analyses: list, size_of, repeats: int) -> dict:
    from rumormill.export import export
    from rumormill.store import Filters, open_store

    figures: dict = {}
    with open_store(url) as store:
        started = time.perf_counter()
        for i in range(0, len(analyses), 64):
            store.add_many(analyses[i : i + 64])
        write_s = time.perf_counter() - started
        stats = store.stats()
        figures["articles"] = stats["articles"]
        figures["claims"] = stats["claims"]
        figures["write_ms_per_article"] = round(1000 * write_s / max(1, len(analyses)), 3)
        figures["bytes_per_article"] = round(size_of(store) / max(1, stats["articles"]))

        latencies: list[float] = []
        per_query = {}
        for query, filters in QUERIES:
            store.search(query, Filters(**filters))  # warm
            times = []
            for _ in range(repeats):
                started = time.perf_counter()
                store.search(query, Filters(**filters), limit=20)
                times.append(1000 * (time.perf_counter() - started))
            latencies += times
            per_query[f"{query} {filters}".strip()] = round(statistics.median(times), 2)
        figures["search_ms"] = {
            "p50": round(_percentile(latencies, 0.50), 2),
            "p95": round(_percentile(latencies, 0.95), 2),
            "max": round(max(latencies), 2),
            "queries": len(QUERIES),
            "runs_each": repeats,
        }
        figures["search_ms_by_query"] = per_query

        figures["export"] = {}
        for fmt in ("jsonl", "csv", "claims-jsonld"):
            sink = _Sink()
            tracemalloc.start()
            started = time.perf_counter()
            count = export(store, fmt, sink)
            seconds = time.perf_counter() - started
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            figures["export"][fmt] = {
                "records": count,
                "records_per_s": round(count / seconds),
                "mb_per_s": round(sink.bytes / seconds / 1e6, 1),
                "peak_python_mb": round(peak / 1e6, 1),
            }
    return figures


class _Sink(io.TextIOBase):
    def __init__(self):
        self.bytes = 0

    def write(self, text: str) -> int:
        self.bytes += len(text.encode("utf-8"))
        return len(text)


def _sqlite_size(store) -> int:
    path = Path(store.engine.url.database)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def _postgres_size(store) -> int:
    with store.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar_one()


def missing_data(paths: list[Path]) -> bool:
    """Say which benchmark data files are missing (on stderr); True when any is."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"benchmark data not found: {', '.join(missing)} (pass --data)", file=sys.stderr)
    return bool(missing)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", nargs="+", default=[str(p) for p in DEFAULT_DATA])
    parser.add_argument("--limit", type=int, default=None, help="use every k-th article, this many in all")
    parser.add_argument("--sample", type=int, default=300, help="articles in the ingest-overhead comparison")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=10, help="runs of each search query")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes for the one-off analysis")
    parser.add_argument("--reuse", nargs="*", default=[], help="gzipped JSONL analyses of earlier runs to reuse")
    parser.add_argument("--postgres", help="a PostgreSQL server URL to create the benchmark database on")
    parser.add_argument("--start-postgres", action="store_true", help="start a throwaway PostgreSQL cluster")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--only-overhead", action="store_true", help="measure the ingest overhead alone")
    args = parser.parse_args(argv)
    paths = [Path(p) for p in args.data]
    if missing_data(paths):
        return 2

    articles = _articles(paths, args.limit)
    step = max(1, len(articles) // args.sample)
    result: dict = {"data": [p.name for p in paths], "articles": len(articles)}
    sample = articles[::step][: args.sample]
    result["ingest_overhead"] = ingest_overhead(sample, args.rounds)
    with _setting("RUMORMILL_EMBED_CLAIMS", "off"):
        result["ingest_overhead_no_embeddings"] = ingest_overhead(sample, args.rounds)
    if args.only_overhead:
        _print_overhead(result, args.json)
        return 0
    analyses = cached_analyses(articles, args.workers, args.reuse)
    result["analysed"] = len(analyses)

    with tempfile.TemporaryDirectory() as folder:
        result["sqlite"] = backend_figures(f"sqlite:///{folder}/bench.db", analyses, _sqlite_size, args.repeats)

    server, stop = (args.postgres, None) if args.postgres else (None, None)
    if args.start_postgres and not server:
        from rumormill.store.throwaway import start_postgres

        server, stop = start_postgres()
    if server:
        import psycopg

        name = f"rumormill_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            result["postgresql"] = backend_figures(f"{server}/{name}", analyses, _postgres_size, args.repeats)
        finally:
            with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if stop:
                stop()

    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    _print_overhead(result, False)
    for backend in ("sqlite", "postgresql"):
        if backend not in result:
            continue
        f = result[backend]
        print(
            f"{backend:10} write {f['write_ms_per_article']} ms/article · {f['bytes_per_article']:,} bytes/article · "
            f"search p50 {f['search_ms']['p50']} ms, p95 {f['search_ms']['p95']} ms"
        )
        for fmt, e in f["export"].items():
            print(f"{'':10} export {fmt:14} {e['records_per_s']:>8,} records/s  peak {e['peak_python_mb']} MB")
    return 0


def _print_overhead(result: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['articles']:,} articles ({', '.join(result['data'])})")
    for key, what in (("ingest_overhead", "with claim embeddings"), ("ingest_overhead_no_embeddings", "without")):
        overhead = result[key]
        print(
            f"ingest overhead over analysis alone, {what} ({overhead['articles']} articles): "
            f"{overhead['overhead']:+.1%} (store writes = {overhead['store_share_of_analysis']:.1%} of analysis time)"
        )


@contextmanager
def _setting(name: str, value: str):
    """An environment setting for the block, restored after."""
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


if __name__ == "__main__":
    sys.exit(main())

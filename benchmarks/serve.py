"""The server under load: latency and throughput of the main pages and endpoints.

    python benchmarks/serve.py [--data FILE ...] [--requests N] [--workers W] [--json]

1. A SQLite store with every article of the data (GossipCop and BBC by default, about 14k),
   from the cached analyses that benchmarks/store.py keeps under .cache/bench/ (it analyses
   what is not cached yet). The filled store is kept there too and reused on the next run.
2. `rumormill serve`'s app in a uvicorn subprocess on a free loopback port.
3. For each endpoint, a bounded run: `--requests` requests from `--workers` concurrent clients
   (httpx, one connection each), on varied inputs (article ids spread over the store, the
   store benchmark's search queries), after a short warm-up. Latency p50/p95/p99 per request
   and throughput (requests/s over the run's wall time), and the server's CPU time per request
   (what a request costs the server whatever else runs on the machine). The load average before
   and after is recorded: on a shared machine, latency measures the queue for the cores as much
   as the server.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("store_benchmark", ROOT / "benchmarks" / "store.py")
store_benchmark = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(store_benchmark)

SERVER = """
import sys, uvicorn
from rumormill.serve import create_app
uvicorn.run(create_app(sys.argv[1]), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
"""


def build_store(paths: list[Path], workers: int, reuse: list[str]) -> tuple[Path, int]:
    """The filled SQLite store for these articles, built once from the cached analyses and kept
    beside them (named by the same content and pipeline key)."""
    import hashlib

    from rumormill.analyze import pipeline_info
    from rumormill.store import open_store, pipeline_version

    articles = store_benchmark._articles(paths, None)
    digest = hashlib.sha256()
    for article in articles:
        digest.update(article.id.encode())
    version = hashlib.sha256(pipeline_version(pipeline_info()).encode()).hexdigest()[:12]
    path = store_benchmark.CACHE / f"serve-{digest.hexdigest()[:16]}-{version}.db"
    if not path.exists():
        analyses = store_benchmark.cached_analyses(articles, workers, reuse)
        partial = path.with_suffix(".partial.db")
        for leftover in partial.parent.glob(partial.name + "*"):
            leftover.unlink()
        with open_store(partial) as store:
            for start in range(0, len(analyses), 64):
                store.add_many(analyses[start : start + 64])
            with store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.move(partial, path)
    with open_store(path) as store:
        return path, store.count("articles")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path):
    import httpx

    port = _free_port()
    process = subprocess.Popen([sys.executable, "-c", SERVER, str(db), str(port)])
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return base, process
        except httpx.TransportError:
            time.sleep(0.2)
        if process.poll() is not None:
            break
    process.kill()
    raise RuntimeError("the server did not start")


def _sample_ids(db: Path, count: int, seed: int) -> list[str]:
    from rumormill.store import open_store

    with open_store(db) as store, store.engine.connect() as conn:
        ids = list(conn.exec_driver_sql("SELECT id FROM articles ORDER BY pk").scalars())
    return random.Random(seed).sample(ids, min(count, len(ids)))


def server_cpu_seconds(pid: int) -> float | None:
    """CPU time the server process has used (user + system), from /proc; None where there is no
    /proc. Unlike latency, it does not grow when other work on the machine takes the cores."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()  # from field 3 (state) on: utime is field 14, stime 15
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_load(base: str, paths: list[str], workers: int) -> dict:
    """Request every path once, spread over `workers` clients; latencies in ms."""
    import httpx

    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    queue = list(enumerate(paths))

    def work() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while True:
                with lock:
                    if not queue:
                        return
                    _, path = queue.pop()
                started = time.perf_counter()
                response = client.get(path)
                elapsed = 1000 * (time.perf_counter() - started)
                with lock:
                    latencies.append(elapsed)
                    if response.status_code != 200:
                        failures.append(f"{response.status_code} {path}")

    started = time.perf_counter()
    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    pct = store_benchmark._percentile
    return {
        "requests": len(latencies),
        "errors": len(failures),
        "p50_ms": round(pct(latencies, 0.50), 1),
        "p95_ms": round(pct(latencies, 0.95), 1),
        "p99_ms": round(pct(latencies, 0.99), 1),
        "max_ms": round(max(latencies), 1),
        "throughput_rps": round(len(latencies) / wall, 1),
        "first_errors": failures[:3],
    }


def workloads(ids: list[str], requests: int) -> dict[str, list[str]]:
    """The paths each endpoint is asked for: varied inputs, `requests` of each."""
    queries = [urlencode({"q": q, **f}) if q else urlencode(f) for q, f in store_benchmark.QUERIES]

    def spread(items: list[str]) -> list[str]:
        return [items[i % len(items)] for i in range(requests)]

    return {
        "article_page": spread([f"/articles/{i}" for i in ids]),
        "api_article": spread([f"/api/articles/{i}" for i in ids]),
        "api_claims": spread([f"/api/claims?{q}" for q in queries]),
        "search_page": spread([f"/search?{q}" for q in queries]),
        "home": ["/"] * requests,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", nargs="+", default=[str(p) for p in store_benchmark.DEFAULT_DATA])
    parser.add_argument("--requests", type=int, default=300, help="requests per endpoint")
    parser.add_argument("--workers", type=int, default=2, help="concurrent clients")
    parser.add_argument("--analysis-workers", type=int, default=os.cpu_count() or 1, help="for uncached analyses")
    parser.add_argument("--reuse", nargs="*", default=[str(store_benchmark.CACHE / "analyses-*.jsonl.gz")])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    paths = [Path(p) for p in args.data]
    if store_benchmark.missing_data(paths):
        return 2

    db, count = build_store(paths, args.analysis_workers, args.reuse)
    base, server = start_server(db)
    try:
        ids = _sample_ids(db, 500, args.seed)
        result: dict = {
            "data": [p.name for p in paths],
            "articles": count,
            "backend": "sqlite",
            "clients": args.workers,
            "cpus": os.cpu_count(),
            "load_average_before": [round(x, 2) for x in os.getloadavg()],
            "endpoints": {},
        }
        for name, load in workloads(ids, args.requests).items():
            run_load(base, load[: max(10, args.requests // 20)], args.workers)  # warm-up
            cpu = server_cpu_seconds(server.pid)
            figures = result["endpoints"][name] = run_load(base, load, args.workers)
            if cpu is not None:
                used = server_cpu_seconds(server.pid) - cpu
                figures["server_cpu_ms_per_request"] = round(1000 * used / figures["requests"], 1)
        # the machine may be shared: latencies read against the load other work put on it
        result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    finally:
        server.terminate()
        server.wait(10)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"{result['articles']:,} articles on {result['backend']}, {args.workers} clients,"
        f" {args.requests} requests each;"
        f" load average before {result['load_average_before']}, after {result['load_average_after']}"
    )
    for name, figures in result["endpoints"].items():
        print(
            f"{name:14} p50 {figures['p50_ms']:>6} ms  p95 {figures['p95_ms']:>6} ms  p99 {figures['p99_ms']:>6} ms  "
            f"{figures['throughput_rps']:>6} req/s  {figures['errors']} errors"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

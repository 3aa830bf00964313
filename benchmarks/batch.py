"""Batch runs on Dask against a plain serial loop: articles/s with 1 and 2 workers, the scaling
ratio, the overhead of Dask and Parquet, and peak memory per worker.

    python benchmarks/batch.py [--limit 400] [--rounds 2] [--records-per-task 50] [--json] [--out quality/batch.json]

For each dataset (BBC News, GossipCop; every k-th article, `--limit` of each) it times:
1. serial: `analyze_many` over the texts in this process, in chunks of the same batch size as
   the tasks use, nothing written (the model is loaded before the clock starts);
2. Dask with 1 worker, then with 2: `run_batch` on a LocalCluster whose workers have loaded the
   model already (cluster start and model load are reported apart, as `startup_s`), reading the
   JSONL, analysing and writing every Parquet table and the Analysis JSON.
Rounds alternate the three; the best round of each counts (all rounds are in the JSON).
Targets: 2 workers >= 1.7x 1 worker; 1 worker within 10% of the serial loop. The machine's load
average before and after goes into the JSON: other work on the machine skews the rates. CPU
time per article (the workers' and this process's, which hosts the scheduler) depends less on
what else runs (contention still inflates it), so its overhead against the loop is reported too.
BLAS runs one thread everywhere (as Dask's workers do), so all three compare like with like.
"""

from __future__ import annotations

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    __import__("os").environ.setdefault(_name, "1")  # before numpy loads: one BLAS thread, as in a worker

import argparse  # noqa: E402 - after the thread settings above
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
DATASETS = {
    "bbc": DATA / "bbc-news-2225" / "bbc_news.jsonl",
    "gossipcop": DATA / "gossipcop-fakenewsnet" / "gossipcop.jsonl",
}


def sample(path: Path, limit: int, folder: Path) -> Path:
    """Every k-th line of a JSONL file (all categories and labels), `limit` of them, as a new file."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    step = max(1, len(lines) // limit)
    target = folder / f"{path.stem}-{limit}.jsonl"
    target.write_text("\n".join(lines[::step][:limit]) + "\n", encoding="utf-8")
    return target


def cpu_seconds() -> float:
    """CPU time (user + system) of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def serial(path: Path, batch_size: int) -> dict:
    from rumormill import analyze_many, read
    from rumormill.scale.worker import warm

    warm()
    articles = list(read(path))
    started, cpu = time.perf_counter(), cpu_seconds()
    analysed = 0
    for start in range(0, len(articles), batch_size):
        analysed += sum(1 for _ in analyze_many(articles[start : start + batch_size], on_error=lambda *_: None))
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu
    return {
        "articles": len(articles),
        "analysed": analysed,
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(articles) / seconds, 2),
        "cpu_ms_per_article": round(1000 * cpu / len(articles), 1),
    }


class Cluster:
    """A LocalCluster of `workers` processes with the model loaded, kept up across rounds."""

    def __init__(self, workers: int):
        from distributed import Client

        from rumormill.scale.dask import local_cluster
        from rumormill.scale.worker import warm

        started = time.perf_counter()
        self.workers = workers
        self.cluster = local_cluster(workers)  # the cluster rumormill batch starts
        with Client(self.cluster) as client:
            client.run(warm)
        self.startup_s = round(time.perf_counter() - started, 2)

    def run(self, path: Path, args, out: Path) -> dict:
        from distributed import Client

        from rumormill.scale import run_batch

        with Client(self.cluster) as client:
            before = sum(client.run(cpu_seconds).values()) + cpu_seconds()
        report = run_batch(
            [str(path)],
            str(out),
            scheduler=self.cluster.scheduler_address,
            records_per_task=args.records_per_task,
            batch_size=args.batch_size,
        )
        with Client(self.cluster) as client:
            cpu = sum(client.run(cpu_seconds).values()) + cpu_seconds() - before
        peak: dict[int, float] = {}
        for entry in report.entries:
            peak[entry["pid"]] = max(peak.get(entry["pid"], 0.0), entry["peak_rss_mb"])
        return {
            "workers": self.workers,
            "tasks": report.tasks,
            "articles": report.records,
            "analysed": report.analysed,
            "failed_tasks": len(report.failed_tasks),
            "seconds": round(report.seconds, 2),
            "articles_per_s": round(report.rate, 2),
            # the workers' and this process's (scheduler, nannies, client) CPU time: less skewed
            # than the rates by how much of the machine other work leaves free
            "cpu_ms_per_article": round(1000 * cpu / max(report.records, 1), 1),
            "startup_s": self.startup_s,
            "peak_rss_mb_per_worker": sorted(round(v) for v in peak.values()),
        }


def best(runs: list[dict]) -> dict:
    return max(runs, key=lambda r: r["articles_per_s"]) | {"rounds_articles_per_s": [r["articles_per_s"] for r in runs]}


def bench(name: str, path: Path, args, clusters: dict[int, Cluster], folder: Path) -> dict:
    """Rounds alternate the serial loop, 1 worker and 2 workers, so machine noise hits all three;
    the best round of each counts."""
    data = sample(path, args.limit, folder)
    runs: dict[str, list[dict]] = {"serial": [], "dask_1_worker": [], "dask_2_workers": []}
    for round_ in range(args.rounds):
        runs["serial"].append(serial(data, args.batch_size))
        runs["dask_1_worker"].append(clusters[1].run(data, args, folder / f"{name}-1w-{round_}"))
        runs["dask_2_workers"].append(clusters[2].run(data, args, folder / f"{name}-2w-{round_}"))
    plain, one, two = (best(runs[k]) for k in runs)
    return {
        "dataset": name,
        "serial": plain,
        "dask_1_worker": one,
        "dask_2_workers": two,
        "scaling_2w_over_1w": round(two["articles_per_s"] / one["articles_per_s"], 3),
        "overhead_1w_vs_serial": round(1 - one["articles_per_s"] / plain["articles_per_s"], 3),
        "cpu_overhead_1w_vs_serial": round(one["cpu_ms_per_article"] / plain["cpu_ms_per_article"] - 1, 3),
        "cpu_overhead_2w_vs_serial": round(two["cpu_ms_per_article"] / plain["cpu_ms_per_article"] - 1, 3),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=400, help="articles of each dataset")
    parser.add_argument("--records-per-task", type=int, default=50)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--datasets", nargs="+", default=list(DATASETS), choices=list(DATASETS))
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a summary")
    parser.add_argument("--out", help="also write the JSON here (e.g. quality/batch.json)")
    args = parser.parse_args(argv)
    missing = [str(DATASETS[d]) for d in args.datasets if not DATASETS[d].exists()]
    if missing:
        print(f"benchmark data not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    result = {
        "cpus": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "limit": args.limit,
        "records_per_task": args.records_per_task,
        "batch_size": args.batch_size,
        "rounds": args.rounds,
        "python": sys.version.split()[0],
        "results": [],
    }
    clusters = {n: Cluster(n) for n in (1, 2)}
    try:
        with tempfile.TemporaryDirectory(prefix="rumormill-batch-bench-") as folder:
            for name in args.datasets:
                result["results"].append(bench(name, DATASETS[name], args, clusters, Path(folder)))
    finally:
        for cluster in clusters.values():
            cluster.cluster.close()
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    rows = result["results"]
    result["scaling_2w_over_1w"] = round(sum(r["scaling_2w_over_1w"] for r in rows) / len(rows), 3)
    for key in ("overhead_1w_vs_serial", "cpu_overhead_1w_vs_serial", "cpu_overhead_2w_vs_serial"):
        result[key] = round(sum(r[key] for r in rows) / len(rows), 3)
    text = json.dumps(result, indent=2)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    if args.json:
        print(text)
    else:
        for row in rows:
            rates = [row[k]["articles_per_s"] for k in ("serial", "dask_1_worker", "dask_2_workers")]
            print(
                f"{row['dataset']}: serial {rates[0]:.1f}/s, 1 worker {rates[1]:.1f}/s, 2 workers {rates[2]:.1f}/s, "
                f"scaling {row['scaling_2w_over_1w']:.2f}x, overhead {row['overhead_1w_vs_serial']:+.1%} "
                f"(CPU per article: {row['cpu_overhead_1w_vs_serial']:+.1%} with 1 worker, "
                f"{row['cpu_overhead_2w_vs_serial']:+.1%} with 2)"
            )
        print(f"load average before {result['load_average_before']}, after {result['load_average_after']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

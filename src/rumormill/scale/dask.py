"""The batch runner: plan the tasks, run the unfinished ones on Dask, keep the manifest.

    >>> from rumormill.scale import run_batch
    >>> report = run_batch(["cc-news/*.warc.gz"], "out/")                        # a LocalCluster
    >>> report = run_batch(["s3://bucket/news/"], "s3://bucket/out/", scheduler="tcp://10.0.0.5:8786")

Without a scheduler address the run starts a `LocalCluster` sized to the machine (one
single-threaded worker process per core); with one it uses that cluster, whose workers must
have rumormill installed and see the inputs and the output folder (a shared disk or an object
store). Tasks are submitted with at most `window` in flight, each writes its own output, and the
client only receives each task's small manifest entry, so memory stays bounded however large
the input. A task whose worker dies is run again elsewhere (the scheduler's `allowed-failures`),
one that raises is retried `retries` times; a task that still fails is reported and left for the
next run, which skips every finished task.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from . import manifest
from .tasks import plan
from .worker import run_task, warm

MANIFEST_EVERY = 5.0  # seconds between rewrites of manifest.json while tasks finish


@dataclass
class BatchReport:
    """What a batch run did; `entries` are the manifest entries of the tasks finished in this run."""

    out: str
    tasks: int = 0  # planned
    skipped: int = 0  # finished by an earlier run
    done: int = 0  # finished in this run
    records: int = 0
    analysed: int = 0
    failures: int = 0
    failed_tasks: list[tuple[str, str]] = field(default_factory=list)  # (task key, error)
    seconds: float = 0.0
    workers: int = 0
    dashboard: str | None = None
    entries: list[dict] = field(default_factory=list)

    @property
    def finished(self) -> int:
        return self.skipped + self.done

    @property
    def rate(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict:
        return {
            "out": self.out,
            "tasks": self.tasks,
            "skipped": self.skipped,
            "done": self.done,
            "records": self.records,
            "analysed": self.analysed,
            "failures": self.failures,
            "failed_tasks": [{"task": key, "error": error} for key, error in self.failed_tasks],
            "seconds": round(self.seconds, 3),
            "records_per_second": round(self.rate, 2),
            "workers": self.workers,
            "dashboard": self.dashboard,
        }


class _WarmModel(WorkerPlugin):
    """Loads the spaCy pipeline and the credibility model when a worker starts, once."""

    name = "rumormill-warm-model"

    def setup(self, worker) -> None:
        warm()


# Dask's defaults that cost the analysis CPU: the statistical profiler samples the running task's
# stack every 10 ms (for a dashboard view), and MALLOC_TRIM_THRESHOLD_=65536 makes glibc hand freed
# memory back at once, so spaCy's allocations fault pages in again (5x the page faults, +8% CPU).
WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


def local_cluster(workers: int | None = None) -> LocalCluster:
    """A LocalCluster for batch runs: one single-threaded worker process per core (the analysis is
    CPU-bound Python), with `WORKER_CONFIG`."""
    with dask.config.set(WORKER_CONFIG):
        return LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # a free port: several runs may share a machine
        )


def _client(scheduler: str | None, workers: int | None) -> tuple[Client, LocalCluster | None]:
    if scheduler:
        return Client(scheduler), None
    cluster = local_cluster(workers)
    return Client(cluster), cluster


def _dashboard(client: Client) -> str | None:
    services = client.scheduler_info().get("services", {})
    return client.dashboard_link if "dashboard" in services else None


class _Run:
    """The state of one run: the plan, the finished entries, the report, the manifest's upkeep."""

    def __init__(self, sources: list[str], out: str, records_per_task: int, on_progress):
        self.started = time.perf_counter()
        self.out = str(out)
        self.fs, self.root = manifest.output(out)
        tasks = plan(sources, records_per_task)
        self.plan = [t.to_dict() for t in tasks]
        self.entries = manifest.finished(self.fs, self.root)
        self.todo = [t for t in tasks if t.key not in self.entries]
        self.report = BatchReport(out=self.out, tasks=len(tasks), skipped=len(tasks) - len(self.todo))
        self.on_progress = on_progress
        self.write_manifest()  # the plan first: a run killed before its first rewrite still has one

    def finished(self, entry: dict) -> None:
        report = self.report
        self.entries[entry["key"]] = entry
        report.entries.append(entry)
        report.done += 1
        report.records += entry["records"]
        report.analysed += entry["analysed"]
        report.failures += entry["failures"]
        self._progress()

    def failed(self, key: str, error: BaseException) -> None:
        self.report.failed_tasks.append((key, f"{type(error).__name__}: {error}"))
        self._progress()

    def _progress(self) -> None:
        self.report.seconds = time.perf_counter() - self.started
        if self.on_progress:
            self.on_progress(self.report)
        if time.monotonic() - self._written > MANIFEST_EVERY:
            self.write_manifest()

    def write_manifest(self) -> None:
        self.report.seconds = time.perf_counter() - self.started
        summary = _summary(self.report, self.entries, [task["key"] for task in self.plan])
        manifest.write_manifest(self.fs, self.root, self.plan, self.entries, summary)
        self._written = time.monotonic()


def run_batch(
    sources: list[str],
    out: str,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    records_per_task: int = 200,
    batch_size: int | None = None,
    window: int | None = None,
    retries: int = 3,
    on_start: Callable[[BatchReport], None] | None = None,
    on_progress: Callable[[BatchReport], None] | None = None,
    client: Client | None = None,
) -> BatchReport:
    """Analyse WARC and JSONL inputs into Parquet tables and Analysis JSON under `out`.

    Args:
        sources: paths, directories, globs or fsspec URLs of WARC and JSONL files.
        out: the output folder (a path or an fsspec URL); rerunning with the same one resumes.
        scheduler: a Dask scheduler address (tcp://host:8786); None starts a LocalCluster.
        workers: worker processes of the LocalCluster (default: one per core).
        records_per_task: JSONL records per task (a WARC file is one task).
        batch_size: articles per analysis chunk (default: the `batch_size` setting).
        window: tasks in flight at once (default: twice the workers).
        retries: how often a task that raises is run again.
        on_start: called once the cluster is up, with the dashboard address on the report.
        on_progress: called with the report after each task finishes or fails.
        client: a connected Dask client to run on instead (left open); one client per process
            is what distributed expects.
    """
    run = _Run(sources, out, records_per_task, on_progress)
    if not run.todo:
        run.write_manifest()
        return run.report
    own = client is None
    cluster = None
    if own:
        client, cluster = _client(scheduler, workers)
    try:
        client.register_plugin(_WarmModel())
        run.report.workers = len(client.scheduler_info(n_workers=-1)["workers"])
        run.report.dashboard = _dashboard(client)
        if on_start:
            on_start(run.report)
        _submit_all(client, run, batch_size, window or 2 * max(run.report.workers, 1), retries)
    finally:
        if own:
            client.close()
        if cluster is not None:
            cluster.close()
        run.write_manifest()
    return run.report


def _submit_all(client: Client, run: _Run, batch_size: int | None, window: int, retries: int) -> None:
    """Submit the tasks with at most `window` in flight; take each result as it comes."""
    pending = iter(run.todo)
    running = as_completed()

    def submit_next() -> None:
        task = next(pending, None)
        if task is not None:
            future = client.submit(
                run_task, task.to_dict(), run.out, batch_size, key=f"rumormill-{task.key}", retries=retries, pure=False
            )
            running.add(future)

    for _ in range(window):
        submit_next()
    for future in running:
        if future.status == "finished":
            run.finished(future.result())
        elif future.status == "cancelled":  # the scheduler went away or restarted
            run.failed(future.key.removeprefix("rumormill-"), RuntimeError("cancelled"))
        else:
            run.failed(future.key.removeprefix("rumormill-"), future.exception())
        future.release()
        submit_next()


def run_serial(
    sources: list[str],
    out: str,
    *,
    records_per_task: int = 200,
    batch_size: int | None = None,
    on_progress: Callable[[BatchReport], None] | None = None,
) -> BatchReport:
    """The same run in this process, task after task, without Dask: the reference a cluster's
    output is compared with, and the way to run a small batch without starting one."""
    run = _Run(sources, out, records_per_task, on_progress)
    run.report.workers = 1
    try:
        for task in run.todo:
            run.finished(run_task(task.to_dict(), run.out, batch_size))
    finally:
        run.write_manifest()
    return run.report


def _summary(report: BatchReport, entries: dict[str, dict], planned: list[str]) -> dict:
    """The run's totals for the manifest: this run's figures and the output's as a whole."""
    peak: dict[str, float] = {}
    for entry in report.entries:
        worker = f"{entry['host']}:{entry['pid']}"
        peak[worker] = max(peak.get(worker, 0.0), entry["peak_rss_mb"])
    return {
        "run": report.to_dict(),
        "complete": all(key in entries for key in planned),
        "finished_tasks": len(entries),
        "records": sum(e["records"] for e in entries.values()),
        "analysed": sum(e["analysed"] for e in entries.values()),
        "failures": sum(e["failures"] for e in entries.values()),
        "peak_rss_mb_by_worker": peak,
    }

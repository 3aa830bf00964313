"""One task, start to finish, in whatever process runs it (a Dask worker, or the caller's).

The task streams its records, analyses them a chunk at a time through `analyze_many` (so texts
go through `nlp.pipe` in batches), writes each chunk's rows as it goes, and commits its files
and its manifest entry at the end. It returns only that small entry: the rows never travel
back to the client. The spaCy pipeline and the credibility model are module-level caches of
this process, so they load once per worker (`warm()` loads them when the worker starts).

Duplicates are handled as `ingest` handles them: an article seen earlier in the task is an
appearance of the first one, not analysed twice. A record that cannot be read or analysed,
whatever the error, is a failure row with its location; the task goes on.
"""

from __future__ import annotations

import os
import resource
import socket
import sys
import time
from collections.abc import Iterator

from .. import settings
from ..errors import ConfigError, ModelError, RumormillError
from ..ingest import origin_of
from ..model import Analysis, Article
from . import manifest
from .parquet import TaskWriter
from .tasks import Task, read_task

# An installation or setting that cannot work fails the task (to be retried, then reported), not each record.
_NOT_THE_RECORD = (ModelError, ConfigError)


def warm() -> None:
    """Load the spaCy pipeline and the credibility model into this process."""
    from ..analyze import nlp, pipeline_info

    nlp()
    pipeline_info()


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _error_text(error: Exception) -> str:
    if isinstance(error, RumormillError):
        return str(error)
    return f"{type(error).__name__}: {error}"  # a crash: its type says more than its message


def analyse_chunk(articles: list[Article]) -> tuple[list[Analysis], list[tuple[str, str]]]:
    """Analyses of the articles that could be analysed, and (origin, error) for the others.

    The chunk goes through `analyze_many` in one batch. An error that is not rumormill's own
    (a crash inside a stage) stops that batch, so the chunk is then analysed one article at a
    time, and only the article that crashes is a failure. A model that cannot load or a bad
    setting is no record's fault: it is raised.
    """
    from ..analyze import analyze, analyze_many

    failures: list[tuple[str, str]] = []

    def failed(item, error: RumormillError) -> None:
        failures.append((origin_of(item) if isinstance(item, Article) else "<input>", _error_text(error)))

    try:
        return list(analyze_many(articles, batch_size=len(articles), on_error=failed)), failures
    except _NOT_THE_RECORD:
        raise
    except Exception:  # noqa: BLE001 - isolated below, article by article
        failures.clear()
    analyses = []
    for article in articles:
        try:
            analyses.append(analyze(article))
        except _NOT_THE_RECORD:
            raise
        except Exception as error:  # noqa: BLE001 - a crash on hostile text is that record's failure
            failures.append((origin_of(article), _error_text(error)))
    return analyses, failures


def run_task(task: dict, out: str, batch_size: int | None = None) -> dict:
    """Run one task (a `Task.to_dict()`) into the output folder `out`; return its manifest entry."""
    started = time.perf_counter()
    work = Task.from_dict(task)
    fs, root = manifest.output(out)
    size = int(batch_size or settings.get("batch_size"))
    writer = TaskWriter(fs, root, work.key)
    counts = {"records": 0, "analysed": 0, "copies": 0, "failures": 0, "read_failures": 0}

    def read_failed(error) -> None:
        counts["read_failures"] += 1
        origin = f"{error.source}:{error.line}" if error.line is not None else (error.source or work.source)
        writer.add_failure(origin, "read", str(error))

    try:
        done: set[str] = set()  # ids analysed in this task
        seq = 0
        for chunk in _chunks(read_task(work, read_failed), size):
            todo: list[Article] = []
            copies: list[tuple[int, Article]] = []
            analysed_at: dict[str, int] = {}
            for article in chunk:
                if article.id in done or article.id in analysed_at:
                    copies.append((seq, article))
                else:
                    todo.append(article)
                    analysed_at[article.id] = seq
                seq += 1
            analyses, failures = analyse_chunk(todo)
            writer.add_analyses(analyses)
            ok = {a.article.id for a in analyses}
            for analysis in analyses:
                writer.add_appearance(analysed_at[analysis.article.id], analysis.article, analysed=True)
            for position, article in copies:
                if article.id in ok or article.id in done:  # a copy of a failed article is dropped, as in ingest
                    writer.add_appearance(position, article, analysed=False)
                    counts["copies"] += 1
            for origin, error in failures:
                writer.add_failure(origin, "analyze", error)
            done |= ok
            counts["records"] += len(chunk)
            counts["analysed"] += len(analyses)
            counts["failures"] += len(failures)
            writer.flush()
        files = writer.commit()
    except BaseException:
        writer.abandon()
        raise
    counts["failures"] += counts["read_failures"]
    entry = {
        "key": work.key,
        "task": task,
        **counts,
        "seconds": round(time.perf_counter() - started, 3),
        "files": files,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "finished": time.time(),
    }
    manifest.write_json(fs, manifest.entry_path(root, work.key), entry)
    return entry


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux

"""Batch runs on Dask and loading their output: batch, load.

rumormill batch cc-news/*.warc.gz --out out/ --workers 8
rumormill batch s3://bucket/news/ --out s3://bucket/out/ --scheduler tcp://10.0.0.5:8786
rumormill load out/ --db postgresql://localhost/rumormill
"""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ..errors import RumormillError
from ._common import Format, app, err, fail, out, require
from .store import DbOption


def _progress(disable: bool):
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("[bold]batch[/] tasks"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:>6.1f} records/s · {task.fields[failed]} failed"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err,
        disable=disable,
    )


@app.command()
def batch(
    sources: Annotated[
        list[str], typer.Argument(help="WARC and JSONL files, directories, globs or s3://, gs:// URLs.")
    ],
    out_dir: Annotated[str, typer.Option("--out", help="Output folder (path or fsspec URL); rerun to resume.")],
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="A Dask scheduler (tcp://host:8786); default: a local cluster.")
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Local worker processes (default: one per core).")
    ] = None,
    records_per_task: Annotated[
        int, typer.Option("--records-per-task", min=1, help="JSONL records per task (a WARC file is one task).")
    ] = 200,
    batch_size: Annotated[int | None, typer.Option(help="Articles per analysis chunk.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="text: a summary; json: the report.")] = Format.text,
) -> None:
    """Analyse WARC and JSONL archives on Dask into Parquet tables and Analysis JSON.

    Each task (a WARC file, or N JSONL records) writes its own files and a manifest entry; a rerun
    with the same --out skips finished tasks. Records that fail go to the failures table.
    Exits 1 when a task failed (rerun to retry it).

    Example: rumormill batch crawl/*.warc.gz --out out/ && rumormill load out/ --db rumormill.db
    """
    require("scale", "dask", "distributed", "pyarrow")
    from ..scale import run_batch

    progress = _progress(format is Format.json or not err.is_terminal)
    bar = progress.add_task("batch", total=None, rate=0.0, failed=0)

    def started(report) -> None:
        where = scheduler or f"a local cluster of {report.workers} workers"
        err.print(f"running {report.tasks - report.skipped} of {report.tasks} tasks on {escape(where)}")
        if report.dashboard:
            err.print(f"dashboard: {report.dashboard}")
        progress.update(bar, total=report.tasks, completed=report.skipped)

    def update(report) -> None:
        progress.update(bar, completed=report.finished, rate=report.rate, failed=report.failures)

    try:
        with progress:
            report = run_batch(
                sources,
                out_dir,
                scheduler=scheduler,
                workers=workers,
                records_per_task=records_per_task,
                batch_size=batch_size,
                on_start=started,
                on_progress=update,
            )
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/]: finished tasks are kept; run the same command again to resume")
        raise typer.Exit(130) from None
    except (RumormillError, OSError) as error:
        raise fail(error) from None
    if format is Format.json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
    else:
        _print_batch(report)
    if report.failed_tasks:
        raise typer.Exit(1)


def _print_batch(report) -> None:
    table = Table(title=f"batch into {escape(report.out)} ({report.seconds:.1f} s)", title_justify="left")
    table.add_column("")
    table.add_column("count", justify="right")
    for name, count in (
        ("tasks", report.tasks),
        ("done before", report.skipped),
        ("done now", report.done),
        ("records", report.records),
        ("analysed", report.analysed),
        ("failed records", report.failures),
        ("failed tasks", len(report.failed_tasks)),
    ):
        table.add_row(name, f"{count:,}")
    out.print(table)
    for key, error in report.failed_tasks[:20]:
        err.print(f"[red]task failed[/] {escape(key)}: {escape(error)}", soft_wrap=True)


@app.command()
def load(
    out_dir: Annotated[str, typer.Argument(help="The output folder of rumormill batch (path or fsspec URL).")],
    db: DbOption = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="text: a summary; json: the report.")] = Format.text,
) -> None:
    """Store the output of rumormill batch: analyses, appearances and failures. Idempotent.

    Gives the store what rumormill ingest gives on the same input.

    Example: rumormill load out/ --db rumormill.db
    """
    require("scale", "dask", "distributed", "pyarrow")
    from ..scale import load as run_load
    from ..store import open_store

    try:
        with open_store(db) as store:
            report = run_load(out_dir, store)
    except (RumormillError, OSError) as error:
        raise fail(error) from None
    if format is Format.json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
        return
    table = Table(title=f"load {escape(out_dir)} ({report.seconds:.1f} s)", title_justify="left")
    table.add_column("")
    table.add_column("count", justify="right")
    for name, count in (
        ("tasks", report.tasks),
        ("analyses", report.analyses),
        ("new articles", report.stored),
        ("re-analysed", report.replaced),
        ("already stored", report.unchanged),
        ("new appearances", report.appearances),
        ("failures", report.failures),
    ):
        table.add_row(name, f"{count:,}")
    out.print(table)

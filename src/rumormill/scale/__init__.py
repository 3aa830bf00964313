"""Batch runs beyond one machine: the same pure `analyze()` over WARC and JSONL archives on Dask,
into Parquet tables and Analysis JSON, then `load` into the store.

    >>> from rumormill.scale import run_batch, load
    >>> run_batch(["cc-news/*.warc.gz"], "out/", scheduler="tcp://scheduler:8786")
    >>> load("out/", open_store("rumormill.db")).new_ids

tasks.py splits the inputs into bounded tasks, worker.py runs one task where Dask puts it,
parquet.py holds the tables, manifest.py what has finished, dask.py the runner, load.py the
loading. See docs/scale.md for running on a cluster.
"""

from __future__ import annotations

from . import manifest
from .dask import BatchReport, run_batch, run_serial
from .load import LoadReport, load
from .tasks import Task, plan

__all__ = ["BatchReport", "LoadReport", "Task", "load", "manifest", "plan", "run_batch", "run_serial"]

"""Batch runs on a real Dask LocalCluster of worker processes: the same output as the serial run,
complete when a worker is killed mid-run, and whole after the client itself is killed and rerun."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from distributed import Client

from rumormill.scale import manifest, run_batch, run_serial
from rumormill.scale.dask import local_cluster

from .conftest import RECORDS_PER_TASK, snapshot

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    with local_cluster(2) as local:
        yield local


def test_two_workers_give_the_serial_result(cluster, inputs, serial_out, tmp_path):
    out = tmp_path / "out"
    report = run_batch(inputs, str(out), scheduler=cluster.scheduler_address, records_per_task=RECORDS_PER_TASK)
    assert (report.workers, report.done, report.failed_tasks) == (2, 6, [])
    assert len({e["pid"] for e in report.entries}) == 2  # both workers took tasks
    assert snapshot(out) == snapshot(serial_out)


def test_a_killed_workers_tasks_run_again_and_the_result_is_complete(cluster, inputs, serial_out, tmp_path):
    out = tmp_path / "out"
    with Client(cluster) as client:
        pids = client.run(os.getpid)
        killed: dict = {}

        def kill_a_busy_worker(report) -> None:
            if killed:
                return
            busy = {worker: keys for worker, keys in client.processing().items() if keys}
            if busy:
                worker, keys = next(iter(busy.items()))
                killed.update(pid=pids[worker], keys={k.removeprefix("rumormill-") for k in keys})
                os.kill(pids[worker], signal.SIGKILL)

        report = run_batch(
            inputs,
            str(out),
            client=client,  # one client in the process: the hook asks it what each worker runs
            records_per_task=1,  # more tasks, so some are in flight when the first one finishes
            on_progress=kill_a_busy_worker,
        )
    assert killed.get("keys"), "no task was running on the killed worker"
    assert report.failed_tasks == [] and report.done == report.tasks
    by_key = {e["key"]: e for e in report.entries}
    assert [key for key in killed["keys"] if by_key[key]["pid"] != killed["pid"]]  # run again on another worker
    reference = tmp_path / "serial"
    run_serial(inputs, str(reference), records_per_task=1)
    assert snapshot(out) == snapshot(reference)


def test_a_killed_client_is_resumed_with_nothing_duplicated_or_missing(inputs, serial_out, tmp_path):
    out = tmp_path / "out"
    script = Path(sys.executable).parent / "rumormill"
    command = [str(script), "batch", *inputs, "--out", str(out), "--workers", "2", "--records-per-task", "2"]
    # its own session: the local cluster's worker processes are its children, cleaned up below
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while not list((out / "tasks").glob("*.json")) and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    finally:
        _end_group(process.pid)
    assert process.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    fs, root = manifest.output(str(out))
    done_at_kill = len(manifest.finished(fs, root))
    assert 0 < done_at_kill < 6
    rerun = subprocess.run([*command, "--format", "json"], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads(rerun.stdout)
    assert report["skipped"] == done_at_kill and report["done"] == 6 - done_at_kill
    assert report["failed_tasks"] == [] and report["workers"] == 2
    assert snapshot(out) == snapshot(serial_out)
    assert manifest.read_manifest(fs, root)["summary"]["complete"] is True


def _end_group(group: int) -> None:
    """Wait for the killed run's worker processes to exit (they leave with their parent), and end
    any that are still there after a while."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.killpg(group, signal.SIGKILL)

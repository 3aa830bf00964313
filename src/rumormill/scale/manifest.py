"""What a batch run has finished: one entry per task, and the run's `manifest.json`.

A task's entry (`tasks/<task>.json`) is written by the task itself, last, after its output
files are in place: it is the task's commit point. A rerun with the same output folder skips
the tasks that have an entry; a task without one (a worker died, the run was killed) is run
again and its files overwritten, so nothing is duplicated. `manifest.json` gathers the plan,
the entries in plan order and the run's summary; the client rewrites it as tasks finish.
Every file is written under a temporary name and then moved into place.
"""

from __future__ import annotations

import json
import uuid

import fsspec

VERSION = 1
MANIFEST = "manifest.json"


def output(out: str):
    """The filesystem and root path of an output folder (a local path or an fsspec URL)."""
    fs, root = fsspec.core.url_to_fs(str(out))
    return fs, root.rstrip("/")


def write_json(fs, path: str, data) -> None:
    """Write JSON so that readers see the old file or the new one, never half of one."""
    fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    temporary = f"{path}.tmp-{uuid.uuid4().hex[:12]}"
    with fs.open(temporary, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
    fs.mv(temporary, path)


def entry_path(root: str, key: str) -> str:
    return f"{root}/tasks/{key}.json"


def finished(fs, root: str) -> dict[str, dict]:
    """The entries of the tasks finished in this output folder, by task key."""
    entries = {}
    for path in fs.glob(f"{root}/tasks/*.json"):
        with fs.open(path, "r", encoding="utf-8") as handle:
            entry = json.load(handle)
        entries[entry["key"]] = entry
    return entries


def write_manifest(fs, root: str, plan: list[dict], entries: dict[str, dict], summary: dict) -> None:
    """`manifest.json`: the planned tasks, the finished ones' entries in plan order, the summary."""
    ordered = [entries[task["key"]] for task in plan if task["key"] in entries]
    write_json(fs, f"{root}/{MANIFEST}", {"version": VERSION, "plan": plan, "tasks": ordered, "summary": summary})


def read_manifest(fs, root: str) -> dict:
    """The manifest, with its entries brought up to date from the task entries on disk (a run
    killed before it rewrote the manifest still has every finished task's entry)."""
    path = f"{root}/{MANIFEST}"
    if not fs.exists(path):
        return {"version": VERSION, "plan": [], "tasks": [], "summary": {}}
    with fs.open(path, "r", encoding="utf-8") as handle:
        manifest = json.load(handle)
    entries = finished(fs, root)
    manifest["tasks"] = [entries[task["key"]] for task in manifest["plan"] if task["key"] in entries]
    return manifest

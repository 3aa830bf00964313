"""Splitting the inputs of a batch run into tasks of bounded size, and reading one task.

A task is one WARC file (read as a stream, record by record) or a run of at most N non-blank
lines of a JSONL file (found by one pass over the file that notes where every Nth record
starts, so a worker seeks straight to its lines). Inputs are local paths, directories, globs or
any fsspec URL (`s3://`, `gs://` ... when the matching fsspec package is installed).

Records are named as `rumormill ingest` names them ("/abs/path.jsonl:12", "/abs/a.warc.gz@4096"),
so that failures and appearances loaded from a batch run are those of an ingest of the same files.
"""

from __future__ import annotations

import hashlib
import itertools
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass

import fsspec

from ..errors import InputError
from ..model import Article
from ..read.jsonl import read_jsonl
from ..read.warc import read_warc

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc", ".warc.gz": "warc"}
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Task:
    """A bounded piece of work: a WARC file, or `count` lines of a JSONL file from `line`
    (1-based), which starts at byte `offset`. `count` is None for "to the end"."""

    key: str
    source: str
    format: str
    line: int = 1
    offset: int = 0
    count: int | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Task:
        return cls(**data)


def _suffix(path: str) -> str:
    name = path.lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz"
    return posixpath.splitext(name)[1]


def _name(fs, path: str) -> str:
    """How records of this file are named: the absolute path for local files, the URL otherwise."""
    return path if "file" in _protocols(fs) else fs.unstrip_protocol(path)


def _protocols(fs) -> tuple[str, ...]:
    return (fs.protocol,) if isinstance(fs.protocol, str) else tuple(fs.protocol)


def expand(source: str) -> list[tuple[object, str]]:
    """The (filesystem, path) of every WARC and JSONL file a path, directory, glob or URL names.
    Hidden files and folders inside a directory are left out, as `read()` leaves them out."""
    fs, path = fsspec.core.url_to_fs(source)
    if "file" in _protocols(fs):
        path = posixpath.abspath(path) if not _GLOB_CHARS & set(source) else path
    if _GLOB_CHARS & set(source):
        paths = sorted(p for p in fs.glob(path) if fs.isfile(p))
        if not paths:
            raise InputError("no files match this pattern", source=source)
    elif fs.isdir(path):
        inside = sorted(fs.find(path))
        paths = [
            p
            for p in inside
            if not any(part.startswith(".") for part in posixpath.relpath(p, path).split("/")) and _suffix(p) in FORMATS
        ]
        if not paths:
            raise InputError(f"no WARC or JSONL files ({', '.join(sorted(FORMATS))}) in this directory", source=source)
    elif fs.exists(path):
        paths = [path]
    else:
        raise InputError("no such file or directory", source=source)
    unknown = [p for p in paths if _suffix(p) not in FORMATS]
    if unknown:
        raise InputError(
            f"batch runs read WARC and JSONL files ({', '.join(sorted(FORMATS))}); "
            "use rumormill ingest for other formats",
            source=_name(fs, unknown[0]),
        )
    return [(fs, p) for p in paths]


def _key(source: str, line: int) -> str:
    """Stable across reruns with the same inputs: the file's name and a hash of where the task starts."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", posixpath.basename(source))[:40]
    digest = hashlib.sha1(f"{source}\0{line}".encode()).hexdigest()[:10]
    return f"{stem}-{digest}"


def _jsonl_tasks(fs, path: str, source: str, size: int) -> Iterator[Task]:
    """Tasks of `size` non-blank lines each; blank lines after the last record go with the last task."""
    starts: list[tuple[int, int]] = [(1, 0)]  # (line, byte offset)
    records = 0
    position = 0
    with fs.open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if raw.strip():
                if records and records % size == 0:
                    starts.append((number, position))
                records += 1
            position += len(raw)
    for (line, offset), following in itertools.zip_longest(starts, starts[1:]):
        count = following[0] - line if following else None
        yield Task(_key(source, line), source, "jsonl", line=line, offset=offset, count=count)


def plan(sources: list[str], records_per_task: int = 200) -> list[Task]:
    """The tasks for these inputs, in input order (the order `load` stores them in).

    Raises `InputError` naming the input when one cannot be found or read.
    """
    if records_per_task < 1:
        raise InputError(f"records per task must be at least 1, not {records_per_task}")
    tasks: list[Task] = []
    seen: set[str] = set()
    for item in sources:
        for fs, path in expand(str(item)):
            source = _name(fs, path)
            if source in seen:
                continue  # a file named twice (a glob and its folder) is read once
            seen.add(source)
            if FORMATS[_suffix(path)] == "warc":
                tasks.append(Task(_key(source, 0), source, "warc"))
            else:
                try:
                    tasks.extend(_jsonl_tasks(fs, path, source, records_per_task))
                except OSError as e:
                    raise InputError(f"cannot read: {e}", source=source) from e
    return tasks


def read_task(task: Task, on_error: Callable[[InputError], None]) -> Iterator[Article]:
    """The articles of one task, streamed; each record that cannot be read goes to `on_error`."""
    try:
        handle = fsspec.open(task.source, "rb").open()
    except OSError as e:
        on_error(InputError(f"cannot read: {e}", source=task.source))
        return
    with handle:
        if task.format == "warc":
            yield from read_warc(handle, task.source, on_error)
            return
        handle.seek(task.offset)
        lines = handle if task.count is None else itertools.islice(handle, task.count)
        # Blank str lines in front keep read_jsonl's line numbers those of the whole file;
        # read_jsonl passes over blank lines, and a str line skips its byte checks.
        numbered = itertools.chain(itertools.repeat("", task.line - 1), lines)
        yield from read_jsonl(numbered, task.source, on_error)

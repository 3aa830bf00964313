"""`load`: store the output of a batch run, giving what `ingest` gives on the same input.

    >>> from rumormill import open_store
    >>> from rumormill.scale import load
    >>> report = load("out/", open_store("rumormill.db"))
    >>> report.new_ids   # the articles this load stored for the first time

Tasks are loaded in plan order (the order of the inputs), each one's analyses in chunks through
`Store.add_many`, then its copies (appearances of articles seen earlier in the task) and its
failures. So the first record of an article is the one whose metadata the store keeps, as in an
ingest. An article that two tasks both analysed is stored once and appears twice. Idempotent:
loading again adds no article, appearance or failure (a failure's attempt count grows, as it
does when an ingest is run again). Then, as `ingest` does, the new articles are linked into
stories, origins and claim threads (`rumormill.corpus`), and the threads of articles seen again
are recounted.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..errors import InputError
from ..ingest import origin_of
from ..model import Analysis
from ..store import Store
from . import manifest
from .parquet import appearance_article, read_analyses, read_table

CHUNK = 200  # analyses per transaction


@dataclass
class LoadReport:
    """What one load did. `new_ids` are the articles stored for the first time, in load order."""

    tasks: int = 0
    analyses: int = 0
    stored: int = 0
    replaced: int = 0
    unchanged: int = 0
    appearances: int = 0
    failures: int = 0
    seconds: float = 0.0
    linked: int = 0
    new_ids: list[str] = field(default_factory=list)
    seen_again: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "tasks": self.tasks,
            "analyses": self.analyses,
            "stored": self.stored,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "appearances": self.appearances,
            "failures": self.failures,
            "seconds": round(self.seconds, 3),
            "new_articles": len(self.new_ids),
            "linked": self.linked,
        }


def _chunks(items: Iterable[str], size: int) -> Iterator[list[Analysis]]:
    chunk: list[Analysis] = []
    for text in items:
        chunk.append(Analysis.from_json(text))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def load(
    out: str,
    store: Store,
    *,
    chunk_size: int = CHUNK,
    link: bool = True,
    on_progress: Callable[[LoadReport], None] | None = None,
) -> LoadReport:
    """Store every finished task of the batch output `out` (a path or fsspec URL) in `store`,
    and (with `link`) link what is new into stories, origins and claim threads.

    Raises `InputError` naming `out` when it holds no finished task.
    """
    started = time.perf_counter()
    fs, root = manifest.output(out)
    entries = manifest.read_manifest(fs, root)["tasks"]
    if not entries:
        raise InputError("no finished batch tasks here (run rumormill batch first)", source=str(out))
    report = LoadReport()
    for entry in entries:
        _load_task(fs, root, entry["key"], store, chunk_size, report)
        report.tasks += 1
        report.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(report)
    if link:
        from .. import corpus

        report.linked = corpus.link(store).articles  # everything not linked yet, oldest first
        if report.seen_again:
            corpus.recount(store, report.seen_again)
        report.seconds = time.perf_counter() - started
    return report


def _load_task(fs, root: str, key: str, store: Store, chunk_size: int, report: LoadReport) -> None:
    for analyses in _chunks(read_analyses(fs, root, key), chunk_size):
        ids = list(dict.fromkeys(a.article.id for a in analyses))
        before = store.pipelines(ids)
        added = store.add_many(analyses, resolved=[origin_of(a.article) for a in analyses])
        after = store.pipelines(ids)
        report.new_ids += [i for i in ids if i not in before and i in after]
        _count(report, added)
        report.analyses += len(analyses)
    rows = read_table(fs, root, "appearances", [key]).to_pylist()
    copies = [appearance_article(row) for row in rows if not row["analysed"]]
    failures = [(f["origin"], f["stage"], f["error"]) for f in read_table(fs, root, "failures", [key]).to_pylist()]
    added = store.add_many([], appearances=copies, failures=failures, resolved=[origin_of(c) for c in copies])
    if added.appearances:
        report.seen_again += [c.id for c in copies]
    _count(report, added)
    report.failures += len(failures)


def _count(report: LoadReport, added) -> None:
    report.stored += added.articles
    report.replaced += added.replaced
    report.unchanged += added.unchanged
    report.appearances += added.appearances

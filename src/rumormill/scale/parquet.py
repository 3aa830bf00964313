"""The Parquet tables of a batch run, and the writer each task fills.

Under the output folder, each task writes `parquet/<table>/part-<task>.parquet` for the tables
below and `analyses/part-<task>.jsonl.gz` (one full Analysis JSON a line, the document `load`
stores). The child tables' columns are the store's (`store.rows.child_rows`), so a query
written against the store reads the same columns here.

- articles: one row per article analysed in the task, with its pipeline version and counts
- claims, quotes, entities, times: the store's rows of those analyses
- appearances: one row per record read, in input order; `analysed` is true for the record
  whose analysis is in the task's analyses, false for a copy of an article seen before
- failures: records that could not be read or analysed, with their location and the error

A task writes every file beside its final place (a unique temporary name) and moves it there
when all are complete, so a file under `parquet/` or `analyses/` is always whole.
"""

from __future__ import annotations

import gzip
import uuid
from collections.abc import Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from ..model import Analysis, Article
from ..store.base import appearance_of, pipeline_version
from ..store.rows import child_rows, credibility_score

_S, _I, _F, _B = pa.string(), pa.int64(), pa.float64(), pa.bool_()
_SPAN = [("start", _I), ("end", _I)]

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("task", _S),
            ("id", _S),
            ("ref", _S),
            ("origin", _S),
            ("url", _S),
            ("outlet", _S),
            ("published", _S),
            ("title", _S),
            ("language", _S),
            ("pipeline", _S),
            ("credibility", _F),
            ("entities", _I),
            ("quotes", _I),
            ("claims", _I),
            ("times", _I),
            ("text", _S),  # last: the large column
        ]
    ),
    "claims": pa.schema(
        [
            ("article_id", _S),
            ("id", _S),
            ("text", _S),
            ("source_kind", _S),
            ("source_entity", _S),
            ("source_name", _S),
            ("channel", _S),
            ("cue", _S),
            ("certainty", _S),
            ("hedges", _S),
            ("quote_id", _S),
            ("check_worthy", _F),
            ("published", _S),
            *_SPAN,
        ]
    ),
    "quotes": pa.schema(
        [
            ("article_id", _S),
            ("id", _S),
            ("text", _S),
            ("speaker_kind", _S),
            ("speaker_entity", _S),
            ("speaker_name", _S),
            ("channel", _S),
            ("cue", _S),
            ("date", _S),
            *_SPAN,
        ]
    ),
    "entities": pa.schema(
        [("article_id", _S), ("id", _S), ("name", _S), ("kind", _S), ("aliases", _S), ("mentions", _I)]
    ),
    "times": pa.schema(
        [
            ("article_id", _S),
            ("id", _S),
            ("text", _S),
            ("value", _S),
            ("kind", _S),
            ("mod", _S),
            ("anchor", _S),
            *_SPAN,
        ]
    ),
    "appearances": pa.schema(
        [
            ("task", _S),
            ("seq", _I),
            ("article_id", _S),
            ("analysed", _B),
            ("key", _S),
            ("url", _S),
            ("origin", _S),
            ("ref", _S),
            ("outlet", _S),
            ("published", _S),
            ("title", _S),
        ]
    ),
    "failures": pa.schema([("task", _S), ("origin", _S), ("stage", _S), ("error", _S)]),
}
TABLES = tuple(SCHEMAS)
_CHILD_TABLES = ("claims", "quotes", "entities", "times")


def table_path(root: str, table: str, key: str) -> str:
    return f"{root}/parquet/{table}/part-{key}.parquet"


def analyses_path(root: str, key: str) -> str:
    return f"{root}/analyses/part-{key}.jsonl.gz"


def article_row(task: str, analysis: Analysis) -> dict:
    article = analysis.article
    return {
        "task": task,
        **{k: getattr(article, k) for k in ("id", "ref", "origin", "url", "outlet", "published", "title", "language")},
        "pipeline": pipeline_version(analysis.pipeline),
        "credibility": credibility_score(analysis),
        "entities": len(analysis.entities),
        "quotes": len(analysis.quotes),
        "claims": len(analysis.claims),
        "times": len(analysis.times),
        "text": article.text,
    }


def appearance_row(task: str, seq: int, article: Article, analysed: bool) -> dict:
    return {"task": task, "seq": seq, "analysed": analysed, **appearance_of(article)}


def appearance_article(row: dict) -> Article:
    """The Article an appearance row stands for, as `Store.add_many(appearances=)` takes it: the
    store keeps only its id and where it was seen, so the text is not carried."""
    fields = ("url", "origin", "ref", "outlet", "published", "title")
    return Article(id=row["article_id"], text="", **{k: row[k] for k in fields})


class TaskWriter:
    """The output files of one task, written a chunk at a time (one Parquet row group each)."""

    def __init__(self, fs, root: str, key: str):
        self.fs, self.root, self.key = fs, root, key
        self._suffix = f".tmp-{uuid.uuid4().hex[:12]}"
        self._rows: dict[str, list[dict]] = {t: [] for t in TABLES}
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._handles: list = []
        self.counts: dict[str, int] = dict.fromkeys(TABLES, 0)
        path = self._temporary(analyses_path(root, key))
        self._json_handle = fs.open(path, "wb")
        self._json = gzip.GzipFile(fileobj=self._json_handle, mode="wb", mtime=0)

    def _temporary(self, final: str) -> str:
        self.fs.makedirs(final.rsplit("/", 1)[0], exist_ok=True)
        return final + self._suffix

    def add_analyses(self, analyses: Iterable[Analysis]) -> None:
        for analysis in analyses:
            self._json.write(analysis.to_json().encode("utf-8") + b"\n")
            self._rows["articles"].append(article_row(self.key, analysis))
            rows = child_rows(analysis)
            for table in _CHILD_TABLES:
                self._rows[table].extend(rows[table])

    def add_appearance(self, seq: int, article: Article, analysed: bool) -> None:
        self._rows["appearances"].append(appearance_row(self.key, seq, article, analysed))

    def add_failure(self, origin: str, stage: str, error: str) -> None:
        self._rows["failures"].append({"task": self.key, "origin": origin, "stage": stage, "error": error})

    def flush(self) -> None:
        """Write the rows gathered so far as a row group of each table, and forget them."""
        for table, rows in self._rows.items():
            if rows:
                self._writer(table).write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]))
                self.counts[table] += len(rows)
                rows.clear()

    def _writer(self, table: str) -> pq.ParquetWriter:
        if table not in self._writers:
            handle = self.fs.open(self._temporary(table_path(self.root, table, self.key)), "wb")
            self._handles.append(handle)
            self._writers[table] = pq.ParquetWriter(handle, SCHEMAS[table], compression="zstd")
        return self._writers[table]

    def commit(self) -> list[str]:
        """Close every file and move it to its final name; returns the final paths, relative to
        the output folder. Tables without rows get an empty file, so every task has each table."""
        self.flush()
        for table in TABLES:
            self._writer(table)
        for writer in self._writers.values():
            writer.close()
        for handle in self._handles:
            handle.close()
        self._json.close()
        self._json_handle.close()
        finals = [table_path(self.root, t, self.key) for t in TABLES] + [analyses_path(self.root, self.key)]
        for final in finals:
            self.fs.mv(final + self._suffix, final)
        return [final[len(self.root) + 1 :] for final in finals]

    def abandon(self) -> None:
        """Close and remove the temporary files of a task that did not finish."""
        for closeable in [*self._writers.values(), *self._handles, self._json, self._json_handle]:
            try:
                closeable.close()
            except Exception:  # noqa: BLE001 - cleaning up after another error; that one is raised
                pass
        for path in self.fs.glob(f"{self.root}/**/*{self._suffix}"):
            self.fs.rm(path)


def read_table(fs, root: str, table: str, tasks: Iterable[str] | None = None) -> pa.Table:
    """One table of a batch output, all tasks (or the given ones) together, in task order."""
    keys = list(tasks) if tasks is not None else None
    if keys is None:
        paths = sorted(fs.glob(f"{root}/parquet/{table}/part-*.parquet"))
    else:
        paths = [table_path(root, table, key) for key in keys]
    parts = []
    for path in paths:
        with fs.open(path, "rb") as handle:
            parts.append(pq.read_table(handle, schema=SCHEMAS[table]))
    return pa.concat_tables(parts) if parts else SCHEMAS[table].empty_table()


def read_analyses(fs, root: str, key: str) -> Iterable[str]:
    """The Analysis JSON documents of one task, one at a time."""
    with fs.open(analyses_path(root, key), "rb") as raw, gzip.GzipFile(fileobj=raw) as lines:
        for line in lines:
            if line.strip():
                yield line.decode("utf-8")

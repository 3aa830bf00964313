"""Labelled articles for training and evaluation, and a local cache of their analyses.

Two schemas are read: GossipCop (`label` fake/real) and Pérez-Rosas (`label` fake/legit,
with `pair_id` linking a fake article to its legit twin). `credible` is 1 for real/legit.

Analysing thousands of articles takes minutes (GossipCop's 11,569 take most of an hour on one
core), so analyses are cached in one gzipped JSONL file per set of articles, keyed by the articles
and the pipeline version; changed data or a changed pipeline starts a fresh cache. While a set is
being analysed, each finished chunk of articles is kept beside it (`<key>.parts/`), so that an
interrupted run resumes where it stopped instead of starting over.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..digest import sha256_file  # noqa: F401  (re-exported for the trainers)
from ..errors import InputError
from ..model import Analysis, Article

LABELS = {"real": 1, "legit": 1, "true": 1, "fake": 0, "false": 0}


@dataclass(frozen=True)
class Example:
    article: Article
    credible: int
    pair_id: str | None = None
    # the outlet's domain, kept beside the article (not in it): for outlet-disjoint evaluation
    # and to mask the outlet's own name, never as a feature
    domain: str | None = None


def load_examples(path: str | Path, subset: str | None = None, keep=None) -> list[Example]:
    """Labelled articles from a JSONL file; `subset` keeps only records with that `subset`
    field, `keep(record)` only those it accepts."""
    from ..read.jsonl import parse_record

    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", source=str(path))
    examples = []
    with open(path, encoding="utf-8") as handle:
        for n, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"not valid JSON ({e.msg})", source=str(path), line=n) from None
            if subset is not None and record.get("subset") != subset:
                continue
            if keep is not None and not keep(record):
                continue
            label = str(record.get("label", "")).strip().lower()
            if label not in LABELS:
                raise InputError(
                    f"label {record.get('label')!r} is not one of {', '.join(sorted(LABELS))}", source=str(path), line=n
                )
            article = parse_record(record, str(path), n)
            domain = record.get("source_domain") or _host(article.url) or _host(record.get("outlet"))
            # The outlet and URL are left out on purpose: the score is about content and sourcing.
            article = article.model_copy(update={"url": None, "outlet": None})
            examples.append(Example(article, LABELS[label], record.get("pair_id"), domain))
    if not examples:
        raise InputError("no labelled records", source=str(path))
    return examples


def _host(url: str | None) -> str | None:
    if not url or "." not in url:
        return None
    from urllib.parse import urlparse

    try:
        host = urlparse(url if "//" in url else "//" + url).hostname
    except ValueError:  # "http://[broken"
        return None
    return host.removeprefix("www.") if host else None


def _analyse_chunk(articles: list[Article]) -> list[str | None]:
    from ..analyze import analyze_many
    from ..errors import RumormillError
    from . import unscored

    failed: set[str] = set()

    def skip(item, error: RumormillError) -> None:
        failed.add(item.id if isinstance(item, Article) else "")

    out: dict[str, str] = {}
    with unscored():  # what is wanted of these analyses is their features, not an older model's score
        for analysis in analyze_many(articles, on_error=skip):
            out[analysis.article.id + (analysis.article.ref or "")] = analysis.to_json()
    return [out.get(a.id + (a.ref or "")) for a in articles]


def _pipeline_key() -> str:
    from .. import __version__
    from ..analyze import lexicons

    return hashlib.sha256(f"{__version__}/{lexicons.version()}".encode()).hexdigest()[:12]


CHUNK = 100  # articles per unit of work (a process's task, and a checkpoint of the cache)


def analyse(examples: list[Example], cache_dir: str | Path | None = None, processes: int = 1) -> list[Analysis | None]:
    """Analyses of the examples' articles (None where the pipeline refused one), cached in
    `cache_dir` when it is given, under a key made of the articles and the pipeline version."""
    articles = [e.article for e in examples]
    cache = None
    if cache_dir is not None:
        key = hashlib.sha256("\n".join(f"{a.ref}/{a.id}/{a.published}/{a.title}" for a in articles).encode())
        cache = Path(cache_dir) / f"{key.hexdigest()[:16]}-{_pipeline_key()}.jsonl.gz"
        if cache.is_file():
            rows = _read_lines(cache)
            if len(rows) == len(articles):
                return [Analysis.from_dict(json.loads(r)) if r != "null" else None for r in rows]
    chunks = [articles[i : i + CHUNK] for i in range(0, len(articles), CHUNK)]
    parts = cache.with_name(cache.name.removesuffix(".jsonl.gz") + ".parts") if cache is not None else None
    texts: list[list[str | None] | None] = [_read_part(parts, k, len(c)) for k, c in enumerate(chunks)]
    todo = [k for k, done in enumerate(texts) if done is None]
    if processes > 1 and len(todo) > 1:
        with ProcessPoolExecutor(processes) as pool:
            for k, part in zip(todo, pool.map(_analyse_chunk, [chunks[k] for k in todo]), strict=True):
                texts[k] = _write_part(parts, k, part)
    else:
        for k in todo:
            texts[k] = _write_part(parts, k, _analyse_chunk(chunks[k]))
    flat = [t for part in texts for t in part]
    if cache is not None:
        _write_lines(cache, ((t if t is not None else "null") for t in flat))
        shutil.rmtree(parts, ignore_errors=True)  # the checkpoints (and any half-written one)
    return [Analysis.from_json(t) if t is not None else None for t in flat]


def _read_lines(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [line.rstrip("\n") for line in handle]


def _write_lines(path: Path, lines) -> None:
    """Write gzipped lines all at once or not at all (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with gzip.open(tmp, "wt", encoding="utf-8") as handle:
        for line in lines:
            handle.write(line + "\n")
    tmp.replace(path)


def _read_part(parts: Path | None, k: int, size: int) -> list[str | None] | None:
    """Chunk k's analyses from an interrupted run, or None when it has none (or not all)."""
    path = parts / f"{k:05d}.jsonl.gz" if parts is not None else None
    if path is None or not path.is_file():
        return None
    rows = _read_lines(path)
    return [r if r != "null" else None for r in rows] if len(rows) == size else None


def _write_part(parts: Path | None, k: int, texts: list[str | None]) -> list[str | None]:
    if parts is not None:
        _write_lines(parts / f"{k:05d}.jsonl.gz", ((t if t is not None else "null") for t in texts))
    return texts

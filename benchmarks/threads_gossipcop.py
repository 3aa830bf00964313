"""Claim threads on 1,000 dated GossipCop articles: how many threads, how many span articles.

    python benchmarks/threads_gossipcop.py [--data gossipcop.jsonl] [--limit 1000] [--db threads.db]
        [--out quality/threads-gossipcop.json]

Which articles: the first `--limit` records of the file, in file order, whose `publish_date`
reads as a date (GossipCop's own order; fake and real alike). Each becomes an article with its
title, text, URL, `source_domain` as the outlet and the day of `publish_date` as its date. They
are analysed (cached in .cache/threads, keyed by the articles and the pipeline), stored in a
fresh SQLite store in order of date (then id) and linked as ingestion links them, so the same
data and pipeline give the same store, thread ids included: `--db` keeps it for reading the
threads by hand (`rumormill thread ID --db ...`).

Figures: threads per article, multi-article threads, the share of articles with a claim in a
multi-article thread, the most occurrences one article has in one thread (1: no thread holds
two propositions of one article), the largest thread, and the seconds linking took per article.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "gossipcop-fakenewsnet" / "gossipcop.jsonl"


def load(path: Path, limit: int) -> list:
    """The first `limit` records with a readable `publish_date`, as articles."""
    from rumormill.model import Article
    from rumormill.read.dates import to_iso_date

    out = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            try:
                published = to_iso_date(record.get("publish_date")) if record.get("publish_date") else None
            except (ValueError, OverflowError, OSError):
                published = None
            text = (record.get("text") or "").strip()
            if published is None or not text:
                continue
            out.append(
                Article(
                    ref=str(record.get("id")),
                    text=text,
                    title=(record.get("title") or "").strip() or None,
                    url=record.get("url") or None,
                    outlet=record.get("source_domain") or None,
                    published=published,
                )
            )
            if len(out) == limit:
                break
    return out


def analyse(articles: list, cache: Path | None) -> list:
    from rumormill.credibility.data import Example, analyse

    examples = [Example(article=a, credible=1) for a in articles]
    return [a for a in analyse(examples, cache_dir=cache) if a is not None]


def build(analyses: list, db: str) -> dict:
    """Store and link the analyses in a fresh store at `db`; the figures."""
    import sqlalchemy as sa

    from rumormill.corpus import link
    from rumormill.store import open_store

    ordered = sorted(analyses, key=lambda a: (a.article.published or "", a.article.id))
    with open_store(db) as store:
        store.add_many(ordered)
        started = time.perf_counter()
        report = link(store)
        seconds = time.perf_counter() - started
        occ = store.table("thread_occurrences")
        with store.reading() as conn:
            rows = conn.execute(sa.select(occ.c.thread_id, occ.c.article_id)).all()
            stored = conn.execute(sa.select(sa.func.count()).select_from(store.t["articles"])).scalar()
    members: dict[str, set[str]] = {}
    for tid, article_id in rows:
        members.setdefault(tid, set()).add(article_id)
    per_pair = Counter(rows)
    multi = {t for t, m in members.items() if len(m) > 1}
    in_multi = {a for t in multi for a in members[t]}
    sizes = Counter(len(m) for m in members.values())
    return {
        "articles": stored,
        "threads": len(members),
        "threads_per_article": round(len(members) / max(1, stored), 3),
        "occurrences": len(rows),
        "multi_article_threads": len(multi),
        "share_in_multi_article_thread": round(len(in_multi) / max(1, stored), 4),
        "largest_thread": max((len(m) for m in members.values()), default=0),
        "thread_sizes": {str(k): v for k, v in sorted(sizes.items())},
        "most_occurrences_of_one_article_in_one_thread": max(per_pair.values(), default=0),
        "link_seconds_per_article": round(seconds / max(1, report.articles), 4),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--db", help="keep the store here (a path or sqlite:/// URL); default: a throwaway one")
    parser.add_argument("--cache", default=str(ROOT / ".cache" / "threads"), help="analysis cache ('' for none)")
    parser.add_argument("--out", help="also write the figures here (JSON)")
    args = parser.parse_args(argv)

    from rumormill import __version__
    from rumormill.digest import sha256_file

    articles = load(Path(args.data), args.limit)
    analyses = analyse(articles, Path(args.cache) if args.cache else None)
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or f"sqlite:///{Path(folder) / 'threads.db'}"
        if args.db and "://" not in db:
            Path(db).unlink(missing_ok=True)  # a fresh store, so the build is the same every time
        figures = build(analyses, db)
    result = {
        "benchmark": "threads-gossipcop",
        "data": {"file": Path(args.data).name, "sha256": sha256_file(args.data)},
        "selection": f"the first {args.limit} records in file order with a readable publish_date",
        "rumormill": __version__,
        **figures,
    }
    text = json.dumps(result, indent=2)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What watchlists cost: one check after an ingest, on a store of real gossip.

    python benchmarks/alerts.py --data gossipcop.jsonl --n 300 --later 40 --watchlists 0 30 90

Ingests the first `--n` GossipCop records that have a `publish_date` (and links them) into a
base store once, then for each count of watchlists: copies the base store, follows a third
entities (the profiles most written about), a third threads (the most seen) and the rest
searches (common gossip words), ingests the next `--later` records without alerts, and times
the first check (which finds the alerts) and a second one (which finds none). Prints JSON lines.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from profiles import _records  # noqa: E402  (the same records, in the same order)

WORDS = ["divorce", "split", "pregnant", "engaged", "dating", "wedding", "baby", "rumors", "married", "breakup"]


def _follow(store, count: int) -> None:
    from rumormill import alerts, corpus

    people = [p.name for p in corpus.profiles(store, limit=count // 3)]
    threads = store.table("threads")
    with store.reading() as conn:
        query = sa.select(threads.c.id).order_by(threads.c.occurrences.desc(), threads.c.id).limit(count // 3)
        tids = list(conn.execute(query).scalars())
    for name in people:
        alerts.follow(store, "entity", name)
    for tid in tids:
        alerts.follow(store, "thread", tid)
    for i in range(count - len(people) - len(tids)):
        words = WORDS[i % len(WORDS)] + (f" OR {WORDS[(3 * i + 1) % len(WORDS)]}" if i >= len(WORDS) else "")
        alerts.follow(store, "search", words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--later", type=int, default=40)
    parser.add_argument("--watchlists", type=int, nargs="+", default=[0, 30, 90])
    parser.add_argument("--work", type=Path, default=None, help="where the stores go (default: a temporary folder)")
    args = parser.parse_args()

    from rumormill import alerts, ingest, open_store

    ingest_module = sys.modules["rumormill.ingest"]
    work = args.work or Path(tempfile.mkdtemp())
    work.mkdir(parents=True, exist_ok=True)
    records = list(_records(args.data, args.n + args.later))
    first, later = work / "first.jsonl", work / "later.jsonl"
    first.write_text("".join(json.dumps(r) + "\n" for r in records[: args.n]), encoding="utf-8")
    later.write_text("".join(json.dumps(r) + "\n" for r in records[args.n :]), encoding="utf-8")
    base = work / "base.db"
    if not base.exists():
        ingest([str(first)], f"sqlite:///{base}")
    for count in args.watchlists:
        db = work / f"watch-{count}.db"
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{base}{suffix}").exists():
                shutil.copy(f"{base}{suffix}", f"{db}{suffix}")
        with open_store(db) as store:
            _follow(store, count)
            ingest_module._alert = lambda _db: None  # the checks below are what is timed
            tick = time.perf_counter()
            report = ingest([str(later)], store)
            ingest_s = time.perf_counter() - tick
            tick = time.perf_counter()
            found = alerts.check(store)
            first_s = time.perf_counter() - tick
            tick = time.perf_counter()
            again = alerts.check(store)
            again_s = time.perf_counter() - tick
        result = {
            "watchlists": count,
            "articles": report.stored,
            "ingest_s": round(ingest_s, 2),
            "first_check_ms": round(1000 * first_s),
            "alerts": len(found),
            "second_check_ms": round(1000 * again_s),
            "second_alerts": len(again),
        }
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()

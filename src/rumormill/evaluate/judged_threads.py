"""Claim threads judged by hand, and the share the current linking gets right.

A sheet of multi-article threads is drawn from a store (`sample`), each thread written with its
occurrences (article, claim, the sentence, source, predicted stance) and its status with the
evidence. A reader judges three things and writes them into the sheet:

- `same`: does this occurrence state the thread's proposition (the first occurrence's claim:
  the same people in the same roles, the same event or relation)? A thread *follows one
  proposition* when every occurrence is judged `same`.
- `stance`: the stance this occurrence takes towards the proposition (supports / denies /
  repeats / questions), or null when `same` is false (no stance towards another claim).
- `status`: the status the evidence in the thread earns (open / confirmed / denied / retracted).

`score` rebuilds threads with the current code and scores them against the judgments, keyed by
(article id, claim span), so that a judgment survives a relink. A current multi-article thread
counts when all its occurrences were judged in one sheet line and that line tells whether they
state one proposition (`_judgment`: a thread without the line's first occurrence whose
occurrences were all judged different from that first is not told); the others are reported as
`unjudged` (the sheet is then stale for them: judge them and append the lines), unless a sheet
beside it, drawn from the same articles, judged that composition (`judged_elsewhere`: stores
drawn from overlapping stretches share most of their threads). Figures:

- `one_proposition`: the share of judged multi-article threads whose occurrences all state the
  first occurrence's proposition;
- `stance_accuracy`: the share of judged occurrences (those that state the proposition) whose
  predicted stance equals the judged one;
- `status_precision`: of the judged threads shown with a status other than `open`, the share
  whose status equals the judged one; `status_shown` says how many that was.

`evaluate(labels, bodies=articles.jsonl)` ingests the articles the sheet was drawn from (the
selection is recorded in the sheet's header line) into a throwaway SQLite store, links them with
the current code and scores.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import sqlalchemy as sa

from ..errors import ConfigError
from ..labelled import read_sheet

TASK = "judged-threads"
SELECTION = "dated-from"  # the only selection rule so far: the first N dated articles on or after a day


def select(records: Iterable[dict], since: str, n: int, every: int = 1) -> list[dict]:
    """The first `n` records published on or after `since` (by `publish_date`, then id): a run of
    consecutive coverage, as a newsroom's store would hold, rather than a scatter over years.
    With `every` > 1, every `every`-th of them: the same number of articles over a longer
    stretch, whose threads join coverage months apart (and compositions that no consecutive
    store makes, for a fresh sheet where every stretch has been drawn)."""
    dated = [r for r in records if (r.get("publish_date") or "") >= since]
    return sorted(dated, key=lambda r: (r["publish_date"], str(r.get("id"))))[:: max(1, every)][:n]


def _key(occurrence) -> str:
    """An occurrence's key: its article and its claim's characters there. Claim ids are numbered
    in order, so any change to the analysis renumbers them; a claim's span moves only when that
    claim is read differently. Two claims of one article on one span are one occurrence here."""
    return f"{occurrence.article_id}:{occurrence.span.start}-{occurrence.span.end}"


def _unique(items) -> list:
    """The thread's occurrences, one per key (the first)."""
    seen: dict[str, object] = {}
    for item in items:
        seen.setdefault(_key(item), item)
    return list(seen.values())


def multi_article_threads(store) -> list[str]:
    """The ids of the threads with occurrences in two or more articles, oldest first."""
    occ, threads = store.table("thread_occurrences"), store.table("threads")
    query = (
        sa.select(occ.c.thread_id).group_by(occ.c.thread_id).having(sa.func.count(sa.distinct(occ.c.article_id)) >= 2)
    )
    with store.reading() as conn:
        ids = [r.thread_id for r in conn.execute(query)]
        order = {r.id: (r.first_seen or "", r.id) for r in conn.execute(sa.select(threads.c.id, threads.c.first_seen))}
    return sorted(ids, key=lambda i: order.get(i, ("", i)))


def _sentence(text: str, start: int, end: int, reach: int = 240) -> str:
    """The claim with a little of its context, to judge it by."""
    left = max(0, start - reach)
    return (("…" if left else "") + text[left:start] + "[[" + text[start:end] + "]]" + text[end : end + 80]).replace(
        "\n", " "
    )


def sample(store, header: dict, limit: int | None = None) -> list[dict]:
    """The sheet to judge: a header line, then one line per multi-article thread."""
    from .. import corpus

    rows: list[dict] = [{"header": True, **header}]
    for tid in multi_article_threads(store)[:limit]:
        found = corpus.thread(store, tid)
        if found is None:
            continue
        texts = store.texts(sorted({o.article_id for o in found.items}))
        rows.append(
            {
                "thread": tid,
                "text": found.text,
                "status": found.status,
                "evidence": [e.rule for e in found.evidence],
                "occurrences": [
                    {
                        "key": _key(o),
                        "outlet": o.outlet,
                        "published": o.published,
                        "claim": o.text,
                        "context": _sentence(texts.get(o.article_id, ""), o.span.start, o.span.end),
                        "source": o.source.name or o.source.kind,
                        "certainty": o.certainty,
                        "predicted_stance": o.stance,
                        "same": None,
                        "stance": None,
                    }
                    for o in _unique(found.items)
                ],
                "judged_status": None,
                "note": "",
            }
        )
    return rows


def _judgment(judged: list[dict], lines: set[int], keys: list[str]) -> tuple[dict, bool | None] | None:
    """The sheet line that judges a current thread with occurrence `keys` (first first), and
    whether it follows one proposition (None: the sheet cannot tell).

    A line judges each occurrence against its own first occurrence. A line that starts with the
    thread's first occurrence says it directly. Otherwise the thread's occurrences are all the
    same as that line's first (then they state one proposition), some are and some are not
    (then they do not), or none is, which says nothing about whether they state one another's."""
    if not lines:
        return None
    holding = [judged[i] for i in sorted(lines)]
    direct = [line for line in holding if line["occurrences"][0]["key"] == keys[0]]
    line = (direct or holding)[-1]
    by_key = {o["key"]: o for o in line["occurrences"]}
    flags = [bool(by_key[k]["same"]) for k in keys]
    if direct or all(flags):
        return line, all(flags)
    return line, (False if any(flags) else None)


def _where(judged: list[dict]) -> dict[str, set[int]]:
    """Which lines of `judged` hold each occurrence key."""
    where: dict[str, set[int]] = {}
    for i, row in enumerate(judged):
        for o in row["occurrences"]:
            where.setdefault(o["key"], set()).add(i)
    return where


def score(store, judged: list[dict], elsewhere: list[dict] = ()) -> dict:
    """The current multi-article threads of `store` against the judgments in `judged`; a thread
    they cannot tell is looked up in `elsewhere` (the other sheets drawn from the same articles:
    a composition judged in one store keeps its judgment in another) and counted in
    `judged_elsewhere`."""
    from .. import corpus

    where, where_else = _where(judged), _where(list(elsewhere))
    counts: Counter = Counter()
    for tid in multi_article_threads(store):
        found = corpus.thread(store, tid)
        if found is None:
            continue
        items = _unique(found.items)
        keys = [_key(o) for o in items]
        lines = set.intersection(*(where.get(k, set()) for k in keys))
        judgment = _judgment(judged, lines, keys)
        if (judgment is None or judgment[1] is None) and elsewhere:
            lines = set.intersection(*(where_else.get(k, set()) for k in keys))
            judgment = _judgment(list(elsewhere), lines, keys)
            counts["judged_elsewhere"] += judgment is not None and judgment[1] is not None
        if judgment is None or judgment[1] is None:
            counts["unjudged"] += 1
            continue
        sheet, same = judgment
        by_key = {o["key"]: o for o in sheet["occurrences"]}
        counts["threads"] += 1
        counts["one_proposition"] += same
        for key, occurrence in zip(keys, items, strict=True):
            judged_stance = by_key[key]["stance"]
            if by_key[key]["same"] and judged_stance:
                counts["stances"] += 1
                counts["stances_right"] += occurrence.stance == judged_stance
        if found.status != "open" and sheet.get("judged_status"):
            counts["status_shown"] += 1
            counts["status_right"] += found.status == sheet["judged_status"]

    def share(part: str, whole: str) -> float | None:
        return round(counts[part] / counts[whole], 4) if counts[whole] else None

    return {
        "one_proposition": share("one_proposition", "threads"),
        "stance_accuracy": share("stances_right", "stances"),
        "status_precision": share("status_right", "status_shown"),
        "threads": counts["threads"],
        "stances": counts["stances"],
        "status_shown": counts["status_shown"],
        "unjudged": counts["unjudged"],
        "judged_elsewhere": counts["judged_elsewhere"],
    }


def build_store(records: list[dict], db) -> object:
    """A SQLite store at `db` with `records` read, analysed, stored and linked as ingest does."""
    from ..ingest import ingest
    from ..store import open_store

    with tempfile.TemporaryDirectory(prefix="rumormill-judged-") as directory:
        source = Path(directory) / "articles.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        store = open_store(db)
        ingest([str(source)], store)
    return store


def siblings(path, header: dict) -> list[dict]:
    """The judged lines of the other sheets beside `path` (`threads-*.jsonl` in its folder) drawn
    from the same article file."""
    lines: list[dict] = []
    for other in sorted(Path(path).parent.glob("threads-*.jsonl")):
        if other.resolve() == Path(path).resolve():
            continue
        other_header, judged = read_sheet(other)
        if other_header.get("data") == header.get("data"):
            lines += judged
    return lines


def evaluate(path, bodies: str | None = None, limit: int | None = None) -> dict:
    """Score the current linking on a judged sheet; `bodies` is the article file it was drawn from.
    A thread the sheet cannot tell is scored with the judgment of a sheet beside it, if any."""
    header, judged = read_sheet(path)
    if bodies is None:
        raise ConfigError(f"{path}: give the articles the sheet was drawn from with --bodies")
    if header.get("selection") != SELECTION:
        raise ConfigError(f"{path}: unknown selection {header.get('selection')!r}")
    with open(bodies, encoding="utf-8") as f:
        records = select(
            (json.loads(line) for line in f if line.strip()),
            header["since"],
            int(header["articles"]),
            int(header.get("every", 1)),
        )
    with tempfile.TemporaryDirectory(prefix="rumormill-judged-") as directory:
        store = build_store(records, Path(directory) / "judged.db")
        try:
            metrics = score(store, judged[:limit] if limit else judged, siblings(path, header))
            metrics["threads_per_article"] = round(store.count("threads") / max(1, len(records)), 3)
        finally:
            store.close()
    return {"task": TASK, "n": len(judged), "metrics": metrics}


def main(argv: list[str] | None = None) -> None:
    """Draw a sheet to judge from a store built from a selection of an article file.

    python -m rumormill.evaluate.judged_threads ARTICLES.jsonl --since 2018-01-01 --articles 1000 \\
        --db judged.db > sheet.jsonl
    """
    import argparse
    import sys

    from ..store import open_store

    parser = argparse.ArgumentParser(prog="python -m rumormill.evaluate.judged_threads", description=main.__doc__)
    parser.add_argument("articles", help="the article file (JSONL with publish_date)")
    parser.add_argument("--since", required=True)
    parser.add_argument("--articles", dest="n", type=int, default=1000)
    parser.add_argument("--db", required=True, help="where to build (or reuse) the store")
    parser.add_argument("--every", type=int, default=1, help="take every N-th dated article (a longer stretch)")
    parser.add_argument("--limit", type=int, default=None, help="at most this many threads")
    args = parser.parse_args(argv)
    header = {"selection": SELECTION, "since": args.since, "articles": args.n, "data": Path(args.articles).name}
    if args.every > 1:
        header["every"] = args.every
    if not Path(args.db).exists():
        with open(args.articles, encoding="utf-8") as f:
            records = select((json.loads(line) for line in f if line.strip()), args.since, args.n, args.every)
        build_store(records, args.db).close()
    with open_store(args.db) as store:
        for row in sample(store, header, limit=args.limit):
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

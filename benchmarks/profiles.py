"""Entity profiles on real gossip: one profile per person, spouse conflicts that are real.

    python benchmarks/profiles.py store --data gossipcop.jsonl --db .eval/profiles.db
    python benchmarks/profiles.py conflicts --db .eval/profiles.db > conflicts.jsonl
    python benchmarks/profiles.py score --db .eval/profiles.db --labels quality/labels/profile-conflicts.jsonl

`store` ingests the first `--n` (1,000) GossipCop records in file order that have a
`publish_date`, dated by it (the day, UTC), and links them: a real store to read profiles from.
Building it takes some minutes of CPU; the other steps reuse it.

`conflicts` prints every spouse conflict the profiles report, one JSON line each, with the two
evidence sentences: what a person reads to label a conflict real or not. A conflict's `key`
(profile id, the two spouses, the two articles) is what the labels are matched by.
`--window-days 36500` lists what the rule would report with no date window at all.

`score` reports, as JSON: the profiles that hold Kanye West under any of his names (the bar: one),
the conflicts, how many of them rest on a spouse that an article on or before that date called a
former spouse (the bar: none), and the share of the labelled conflicts labelled real (the bar:
0.90), with how many reported conflicts have no label yet.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

import sqlalchemy as sa


def _records(data: Path, n: int, skip: int = 0):
    """The first `n` records in file order with a publication date (after `skip` such records),
    as rumormill JSONL."""
    with data.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if not record.get("publish_date"):
                continue
            if skip:
                skip -= 1
                continue
            yield {
                "id": record["id"],
                "title": record.get("title"),
                "text": record["text"],
                "published": record["publish_date"][:10],
                "url": record.get("url"),
                "outlet": record.get("source_domain"),
            }
            n -= 1
            if n == 0:
                return


def build(args) -> None:
    from rumormill.ingest import ingest

    subset = Path(args.db).with_suffix(".jsonl")
    subset.parent.mkdir(parents=True, exist_ok=True)
    with subset.open("w", encoding="utf-8") as out:
        for record in _records(Path(args.data), args.n, args.skip):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    report = ingest([subset], f"sqlite:///{args.db}")
    print(json.dumps({"read": report.read, "stored": report.stored, "failed": report.failed}))


def _people_with_spouses(store) -> list[str]:
    """Every profile name that a spouse relation touches."""
    _profiles = importlib.import_module("rumormill.corpus.profiles")

    r, e = store.t["relations"], store.t["entities"]
    query = (
        sa.select(sa.func.lower(e.c.name))
        .select_from(
            r.join(
                e,
                sa.and_(e.c.article_id == r.c.article_id, sa.or_(e.c.id == r.c.subject, e.c.id == r.c.object)),
            )
        )
        .where(r.c.predicate.in_(["spouse", "former_spouse"]), e.c.kind == "person")
        .distinct()
    )
    with store.reading() as conn:
        names = sorted(row[0] for row in conn.execute(query))
        if not hasattr(_profiles, "canonical_names"):  # an older profiles module: one name, one profile
            return names
        canonical = _profiles.canonical_names(_profiles._name_counts(conn, store, names, "person"))
    return sorted({canonical.get(n, n) for n in names})


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence (or line) around a span, for a reader to judge it."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right = min((i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0), default=len(text))
    return text[left + 1 : right + 1].strip()


def reported(store) -> list[dict]:
    """Every spouse conflict of every profile a spouse relation touches, with its evidence."""
    _profiles = importlib.import_module("rumormill.corpus.profiles")

    out, seen = [], set()
    for name in _people_with_spouses(store):
        profile = _profiles.profile(store, name)
        if profile is None or profile.id in seen:
            continue
        seen.add(profile.id)
        for conflict in profile.conflicts:
            if conflict.kind != "spouse":
                continue
            a, b = sorted(conflict.facts, key=lambda f: (f.object or "", f.article_id))
            texts = store.texts([a.article_id, b.article_id])
            out.append(
                {
                    "key": f"{profile.id}|{a.object}|{b.object}|{a.article_id[:12]}|{b.article_id[:12]}",
                    "profile": profile.name,
                    "message": conflict.message,
                    "facts": [
                        {
                            "spouse": f.value,
                            "published": f.published,
                            "outlet": f.outlet,
                            "derived": f.derived,
                            "evidence": f.span.text,
                            "sentence": _sentence(texts.get(f.article_id, ""), f.span.start, f.span.end),
                        }
                        for f in (a, b)
                    ],
                    "former_before": _former_before(profile, conflict),
                }
            )
    return out


def _former_before(profile, conflict) -> bool:
    """Whether a spouse of the conflict was called a former spouse on or before the date the
    conflict puts the marriage at: a former spouse reported as a conflict."""
    module = importlib.import_module("rumormill.corpus.profiles")
    same = getattr(module, "_same_spouse", lambda a, b: a.object == b.object)
    for fact in conflict.facts:
        when = fact.derived.get("current_on") or fact.derived.get("married_on") or fact.published or ""
        for other in profile.facts:
            if other.kind == "former_spouse" and same(other, fact) and (other.published or "") <= when:
                return True
    return False


def conflicts(args) -> None:
    from rumormill import open_store

    if args.window_days is not None:  # what a wider window would add: labelled too, to check it hides nothing
        importlib.import_module("rumormill.corpus.profiles").SPOUSE_WINDOW_DAYS = args.window_days

    with open_store(f"sqlite:///{args.db}") as store:
        for row in reported(store):
            print(json.dumps(row, ensure_ascii=False))


def kanye_profiles(store) -> tuple[list[str], list[str]]:
    """The profiles that the person entities named "Kanye ... West ..." resolve to (middle names,
    and the words a tagging slip adds: "Kanye West raps"), and those names."""
    _profiles = importlib.import_module("rumormill.corpus.profiles")

    e = store.t["entities"]
    query = sa.select(sa.func.lower(e.c.name)).where(e.c.kind == "person").distinct()
    with store.reading() as conn:
        names = [n for (n,) in conn.execute(query) if (w := n.split()) and w[0] == "kanye" and "west" in w[1:]]
    return sorted({_profiles.resolve(store, n)[0] for n in names}), sorted(names)


def score(args) -> None:
    from rumormill import open_store

    labels = {}
    for line in Path(args.labels).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            labels[row["key"]] = row
    with open_store(f"sqlite:///{args.db}") as store:
        found = reported(store)
        kanye, kanye_names = kanye_profiles(store)
        store_size = store.count("articles")
    labelled = [labels[c["key"]] for c in found if c["key"] in labels]
    real = sum(row["real"] for row in labelled)
    from rumormill.digest import sha256_file

    result = {
        "store": {
            "articles": store_size,
            "selection": "the first GossipCop records in file order with a publish_date",
            "data_sha256": sha256_file(args.data) if args.data else None,
            "labels_sha256": sha256_file(args.labels),
        },
        "kanye_west": {"names": kanye_names, "profiles": kanye},
        "conflicts": len(found),
        "former_spouse_conflicts": sum(c["former_before"] for c in found),
        "labelled": len(labelled),
        "unlabelled": len(found) - len(labelled),
        "real": real,
        "precision": round(real / len(labelled), 4) if labelled else None,
        "not_real": [{"key": row["key"], "why": row["why"]} for row in labelled if not row["real"]],
    }
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    steps = parser.add_subparsers(dest="step", required=True)
    store = steps.add_parser("store", help="build the store")
    store.add_argument("--data", required=True, help="gossipcop.jsonl")
    store.add_argument("--n", type=int, default=1000)
    store.add_argument("--skip", type=int, default=0, help="dated records to pass over first (a second sample)")
    store.add_argument("--db", required=True)
    listing = steps.add_parser("conflicts", help="list the reported conflicts")
    listing.add_argument("--db", required=True)
    listing.add_argument("--window-days", type=int, help="list with this spouse window instead of the profiles' own")
    scoring = steps.add_parser("score", help="score the labels against the current profiles")
    scoring.add_argument("--db", required=True)
    scoring.add_argument("--labels", required=True)
    scoring.add_argument("--data", help="the GossipCop file the store was built from (its sha256 is reported)")
    args = parser.parse_args()
    {"store": build, "conflicts": conflicts, "score": score}[args.step](args)


if __name__ == "__main__":
    main()

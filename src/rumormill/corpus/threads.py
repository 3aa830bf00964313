"""Claim threads: the same claim across articles, each occurrence with its stance, and the status.

An article follows a few propositions (`propositions.article_propositions`: its headline and
its strongest claims worth following, about named people or organisations; restatements of one
proposition are one occurrence, the best-backed one). Each is matched against the threads that
share a blocking key with it (a name, a name word or a content word, through `thread_keys`,
newest first) and the threads of the article's story, by `propositions.match`: vetoes first
(different people, different life events, dates more than a month apart, different numbers),
then the cosine of sentence embeddings against the thread's first few propositions (or the
words alone, where the embedding model is not installed). A proposition that matches no thread
starts one. An article has at most one occurrence in a thread: two of its propositions that
match one thread are one claim said twice.

Each occurrence gets a stance towards the thread's claim: its own certainty decides first (a
denied claim `denies`, a hedged one `repeats`, a question `questions`), then the stance model
reads the two texts (a claim can deny in its own words: "they are not splitting"). After every
new occurrence the thread's status is settled again from all its occurrences by
`resolution.resolve`, which keeps the occurrences that settled it as evidence.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa

from ..model import Analysis, Claim, Source, Span
from ..source_kinds import info as source_kind_info
from . import propositions
from .model import ClaimThread, Evidence, Occurrence, Spread, ThreadSummary
from .propositions import MATCH, MIN_CHECK_WORTHY, Proposition, similarity, terms  # noqa: F401  (the old names)

Features = Proposition  # what a claim is matched on (the name callers used before propositions.py)
CANDIDATES = 500  # threads read per article at most
WINDOW_DAYS = 365  # a thread older than this (by its last occurrence) takes no new claims
STATUS_OCCURRENCES = 500  # the status reads at most this many occurrences (newest first, plus the first)
# RUMORMILL_THREAD_EMBEDDINGS=0 matches by words alone even where the embedding model is installed
EMBEDDINGS_VARIABLE = "RUMORMILL_THREAD_EMBEDDINGS"


def features(analysis: Analysis, claim: Claim) -> Proposition | None:
    """A claim's proposition, or None when it starts no thread (not worth following, about no one)."""
    if not propositions.worth_following(claim):
        return None
    return propositions.proposition(analysis, claim)


def _encoder():
    """Sentence embeddings' `encode`, or None (not installed, or turned off): words alone then."""
    if os.environ.get(EMBEDDINGS_VARIABLE, "1").strip().lower() in ("0", "false", "no", "off"):
        return None
    from .. import embed

    return embed.encode if embed.available() else None


def thread_id(article_id: str, claim_id: str) -> str:
    return hashlib.sha256(f"{article_id}/{claim_id}".encode()).hexdigest()[:12]


def _new_thread_id(conn: sa.Connection, t_threads: sa.Table, article_id: str, claim: Claim, taken: set[str]) -> str:
    """The id of the thread a claim starts: from its article and claim id, unless a thread has
    that id already (one an earlier analysis of the article started, whose claims were numbered
    otherwise, and that other articles still hold); then from its text too, and a counter."""
    candidates = [thread_id(article_id, claim.id)] + [
        thread_id(article_id, f"{claim.id}/{claim.text}/{n}") for n in range(8)
    ]
    found = set(conn.execute(sa.select(t_threads.c.id).where(t_threads.c.id.in_(candidates))).scalars())
    return next((c for c in candidates if c not in found and c not in taken), candidates[-1])


# -- stance -----------------------------------------------------------------------------------


def combine_stance(claim: Claim, predicted, thread_text: str | None = None) -> tuple[str, float | None]:
    """The occurrence's stance towards the thread's claim, and the stance model's confidence.

    The claim's own certainty decides first, read towards the thread's proposition: a denied
    claim denies only where its words can deny that proposition (`stance.denies_claim`: "has not
    made any official comment" does not), and a denial of a thread whose proposition is itself a
    denial ("Franco denies the claims") agrees with it. A hedged claim repeats; the model can
    still read a denial or a question in the words themselves ("they are not splitting"); what
    is left, asserted, supports, unless it is relayed from an anonymous source, unnamed reports or
    another outlet (`_relayed`): passed on, it repeats."""
    from . import stance as stance_model

    denial = claim.certainty == "denied" or predicted.label == "denies"
    agrees = False  # a denial that states the thread's own proposition
    if denial and thread_text is not None:
        if thread_text.strip() == claim.text.strip():
            denial, agrees = False, True  # the thread's first occurrence states its own proposition
        elif stance_model.denies_claim(thread_text, thread_text):
            denial, agrees = False, True  # both deny: the claim restates the thread's own denial
        elif not stance_model.denies_claim(thread_text, claim.text):
            denial = False  # a negation of something else: it passes the claim on, no more
    if denial:
        return "denies", predicted.probs.get("denies") if claim.certainty == "denied" else predicted.score
    if predicted.label == "questions":
        return "questions", predicted.score
    if claim.text.rstrip().endswith("?"):
        return "questions", predicted.probs.get("questions")
    if claim.certainty == "hedged" or (claim.certainty == "denied" and not agrees) or _relayed(claim):
        return "repeats", predicted.probs.get("repeats")
    return "supports", predicted.probs.get("supports")


def _relayed(claim: Claim) -> bool:
    """Whether the claim passes on someone else's word: an anonymous source's ("a source
    says"), unnamed reports', or another outlet's ("TMZ reported that ...") that is not itself
    in the claim (a network announcing its own show speaks for itself)."""
    source = claim.source
    if source.kind in ("anonymous", "reports"):
        return True
    return source.kind == "outlet" and bool(source.name) and source.name.lower() not in claim.text.lower()


# -- writing ----------------------------------------------------------------------------------


@dataclass
class Attached:
    threads_new: int = 0
    occurrences: int = 0
    touched: set[str] = field(default_factory=set)


def attach(store, conn: sa.Connection, analysis: Analysis, story_id: str | None, origin_id: str | None) -> Attached:
    """Add an article's propositions to their threads (or start threads), then settle the status
    of the threads that changed. Idempotent: a claim already in a thread is left where it is.

    The article follows at most a few propositions (`propositions.article_propositions`: the
    headline and its strongest claims, restatements merged), and has at most one occurrence in
    a thread: two different propositions of one article never share one. One query finds the
    candidate threads of all of them; matching, stances and the status of the threads it starts
    happen in memory; rows go in as bulk inserts."""
    from . import stance as stance_model

    done = Attached()
    t_threads, t_occ = store.table("threads"), store.table("thread_occurrences")
    article = analysis.article
    have = {
        r.claim_id: r.thread_id
        for r in conn.execute(sa.select(t_occ.c.claim_id, t_occ.c.thread_id).where(t_occ.c.article_id == article.id))
    }
    todo = [(c, p) for c, p in propositions.article_propositions(analysis, _encoder()) if c.id not in have]
    if not todo:
        return done
    published = article.published or _first_published(conn, store, article.id)
    blocking = sorted({k for _, p in todo for k in propositions.keys(p)})
    rows_ = _candidates(conn, store, blocking, story_id, published)
    candidates = {row.id: (row.text, propositions.load_representatives(row.terms)) for row in rows_}
    taken = set(have.values())  # the threads this article is in already
    best_of = {}
    for claim, prop in todo:
        crowded = propositions.crowded(prop, [reps for _, reps in candidates.values()])
        record = propositions.on_record(claim, prop)
        scores = (
            (max((propositions.match(prop, r, crowded, record=record) for r in reps), default=0.0), tid)
            for tid, (_, reps) in candidates.items()
            if tid not in taken
        )
        best_of[claim.id] = max(scores, default=(0.0, None), key=lambda st: (st[0], st[1] or ""))
    # Two propositions of the article that match one thread are one claim said twice: the
    # better-backed one is the occurrence, the other none (a thread holds one claim of an article).
    by_thread: dict[str, tuple[Claim, Proposition]] = {}
    for claim, prop in todo:
        score, tid = best_of[claim.id]
        if tid is None or score <= 0:
            continue
        held = by_thread.get(tid)
        if held is None or propositions.backing(claim, prop) > propositions.backing(*held):
            by_thread[tid] = (claim, prop)
    chosen = {c.id for c, _ in by_thread.values()}
    started: dict[str, dict] = {}
    grown: set[str] = set()  # joined threads that took the claim as one more representative
    matched = []
    for claim, prop in todo:
        score, best = best_of[claim.id]
        if best is not None and score > 0:
            if claim.id not in chosen:
                continue
            if len(candidates[best][1]) < propositions.REPRESENTATIVES:
                candidates[best][1].append(prop)
                grown.add(best)
        else:
            if not propositions.starts_thread(claim):
                continue  # an explainer or a question joins a thread; it starts none
            best, score = _new_thread_id(conn, t_threads, article.id, claim, set(started)), 1.0
            about = [e.name for e in (analysis.entity(i) for i in claim.about) if e is not None]
            started[best] = {
                "id": best,
                "story_id": story_id,
                "text": claim.text,
                "about": json.dumps(about),
                "first_seen": published,
                "last_seen": published,
            }
            candidates[best] = (claim.text, [prop])
        matched.append((claim, prop, best, score))
    if not matched:
        return done
    predictions = stance_model.predict_many([(candidates[tid][0], c.text) for c, _, tid, _ in matched], kind="claim")
    rows = []
    for (claim, _, tid, score), predicted in zip(matched, predictions, strict=True):
        stance, stance_score = combine_stance(claim, predicted, candidates[tid][0])
        headline = claim.id == propositions.HEADLINE_ID and not claim.span.text
        rows.append({
            "thread_id": tid, "article_id": article.id, "claim_id": claim.id, "published": published,
            "origin_id": origin_id or article.id, "stance": stance, "stance_score": stance_score,
            "similarity": round(score, 4), "source_kind": claim.source.kind, "source_entity": claim.source.entity,
            "source_name": claim.source.name, "channel": claim.source.channel, "certainty": claim.certainty,
            "text": claim.text, "start": None if headline else claim.span.start,
            "end": None if headline else claim.span.end,
        })  # fmt: skip
    stamp = _now()
    cues = {c.id: c.cue.text for c, _, _, _ in matched if c.cue is not None}
    if started:
        outlets = _article_outlets(conn, store, article.id)
        for tid, thread in started.items():
            thread.update(
                _summary_of(thread, [r for r in rows if r["thread_id"] == tid], outlets, article, cues),
                terms=propositions.dump_representatives(candidates[tid][1]),
                updated_at=stamp,
            )
        conn.execute(t_threads.insert(), list(started.values()))
    for tid in sorted(grown - set(started)):
        conn.execute(
            t_threads.update()
            .where(t_threads.c.id == tid)
            .values(terms=propositions.dump_representatives(candidates[tid][1]))
        )
    conn.execute(t_occ.insert(), rows)
    _add_keys(
        conn,
        store,
        {(k, tid) for _, p, tid, _ in matched for k in propositions.keys(p)},
        set(started),
        published,
    )
    for tid in {r["thread_id"] for r in rows} - set(started):
        settle(store, conn, tid)
    done.threads_new = len(started)
    done.occurrences = len(rows)
    done.touched = {r["thread_id"] for r in rows}
    return done


def _article_outlets(conn, store, article_id: str) -> int:
    a = store.t["appearances"]
    query = sa.select(sa.func.count(sa.distinct(sa.func.lower(a.c.outlet)))).where(a.c.article_id == article_id)
    return conn.execute(query).scalar() or 0


def _summary_of(thread: dict, rows: list[dict], outlets: int, article, cues: dict[str, str]) -> dict:
    """The counts, status and best source of a thread that only this article's claims are in."""
    from types import SimpleNamespace

    from .resolution import resolve

    view = SimpleNamespace(about=thread["about"])
    occurrences = [
        SimpleNamespace(**r, outlet=article.outlet, url=article.url, cue=cues.get(r["claim_id"])) for r in rows
    ]
    resolution = resolve(
        thread["text"], [_resolution_input(o, view) for o in occurrences], about=json.loads(thread["about"] or "[]")
    )
    best = _best_source(occurrences, view)
    return {
        "status": resolution.status,
        "evidence": json.dumps(
            [
                {
                    "rule": resolution.rule,
                    "claims": [[rows[i]["article_id"], rows[i]["claim_id"]] for i in resolution.evidence],
                }
            ]
            if resolution.status != "open"
            else []
        ),
        "best_source": best.to_json() if best else None,
        "occurrences": len(rows),
        "origins": 1,
        "outlets": outlets,
    }


def _resolution_input(o, thread) -> dict:
    return {
        "text": o.text,
        "stance": o.stance,
        "date": o.published,
        "outlet": o.outlet,
        "url": o.url,
        "source_kind": o.source_kind,
        "source_name": o.source_name,
        "channel": o.channel,
        "certainty": o.certainty,
        "origin": o.origin_id,
        "principal": _is_principal(o, thread),
        "cue": getattr(o, "cue", None),
    }


def _now() -> str:
    from ..store.base import now

    return now()


def _first_published(conn, store, article_id: str) -> str | None:
    a = store.t["appearances"]
    return conn.execute(sa.select(sa.func.min(a.c.published)).where(a.c.article_id == article_id)).scalar()


def _candidates(conn, store, names: list[str], story_id: str | None, published: str | None):
    """The threads that share a blocking key (a name, a name word, a content word) with the
    propositions, the most recently active first within the window (one index range per key),
    and the threads of the article's story."""
    threads, keys = store.table("threads"), store.table("thread_keys")
    since = (date.fromisoformat(published) - timedelta(days=WINDOW_DAYS)).isoformat() if published else None
    ids: set[str] = set()
    per_name = max(20, CANDIDATES // max(1, len(names)))
    for name in names:
        query = sa.select(keys.c.thread_id).where(keys.c.key == name[:200])
        if since is not None:
            query = query.where(keys.c.last_seen >= since)
        ids.update(conn.execute(query.order_by(keys.c.last_seen.desc()).limit(per_name)).scalars())
    columns = (threads.c.id, threads.c.text, threads.c.terms, threads.c.first_seen)
    rows = {}
    found = sorted(ids)
    for start in range(0, len(found), 500):
        for row in conn.execute(sa.select(*columns).where(threads.c.id.in_(found[start : start + 500]))):
            rows[row.id] = row
    if story_id is not None:
        query = sa.select(*columns).where(threads.c.story_id == story_id).order_by(threads.c.occurrences.desc())
        for row in conn.execute(query.limit(CANDIDATES)):
            rows[row.id] = row
    return list(rows.values())


def _add_keys(conn, store, pairs: set[tuple[str, str]], new: set[str], published: str | None) -> None:
    """Index threads by the blocking keys of their propositions; a key's date is its latest
    occurrence."""
    keys = store.table("thread_keys")
    stamp = published or ""
    fresh = [{"key": n[:200], "thread_id": t, "last_seen": stamp} for n, t in sorted(pairs) if t in new]
    old = sorted((n[:200], t) for n, t in pairs if t not in new)
    if fresh:
        conn.execute(keys.insert(), fresh)
    if not old:
        return
    known = set()
    for name, tid in old:
        row = conn.execute(sa.select(keys.c.last_seen).where(keys.c.key == name, keys.c.thread_id == tid)).first()
        if row is None:
            conn.execute(keys.insert().values(key=name, thread_id=tid, last_seen=stamp))
        elif row.last_seen < stamp:
            known.add((name, tid))
    for name, tid in known:
        conn.execute(keys.update().where(keys.c.key == name, keys.c.thread_id == tid).values(last_seen=stamp))


def settle(store, conn: sa.Connection, tid: str) -> None:
    """Recount a thread and settle its status from its occurrences."""
    from .resolution import resolve

    threads, occ = store.table("threads"), store.table("thread_occurrences")
    row = conn.execute(sa.select(threads).where(threads.c.id == tid)).first()
    rows = _occurrence_rows(conn, store, tid, STATUS_OCCURRENCES)
    if row is None or not rows:
        return
    counts = conn.execute(
        sa.select(
            sa.func.count(),
            sa.func.count(sa.distinct(occ.c.origin_id)),
            sa.func.min(occ.c.published),
            sa.func.max(occ.c.published),
        ).where(occ.c.thread_id == tid)
    ).one()
    outlets = _outlet_count(conn, store, tid)
    resolution = resolve(row.text, [_resolution_input(r, row) for r in rows], about=json.loads(row.about or "[]"))
    claims = [[rows[i].article_id, rows[i].claim_id] for i in resolution.evidence]
    evidence = (
        [{"rule": resolution.rule, "claims": claims, "basis": resolution.basis}] if resolution.status != "open" else []
    )
    best = _best_source(rows, row)
    conn.execute(
        threads.update()
        .where(threads.c.id == tid)
        .values(
            status=resolution.status,
            evidence=json.dumps(evidence),
            best_source=best.to_json() if best else None,
            occurrences=counts[0],
            origins=counts[1],
            first_seen=counts[2],
            last_seen=counts[3],
            outlets=outlets,
            updated_at=_now(),
        )
    )


def _occurrence_rows(conn, store, tid: str, limit: int | None = None):
    """A thread's occurrences, oldest first, with their article's URL, title and outlet; with a
    limit, the newest `limit` of them (a late denial or filing must not fall off the end)."""
    occ, a, c = store.table("thread_occurrences"), store.t["articles"], store.t["claims"]
    query = (
        sa.select(occ, a.c.url, a.c.title, a.c.outlet, c.c.cue)
        .select_from(
            occ.join(a, a.c.id == occ.c.article_id).outerjoin(
                c, sa.and_(c.c.article_id == occ.c.article_id, c.c.id == occ.c.claim_id)
            )
        )
        .where(occ.c.thread_id == tid)
    )
    if limit is None:
        return conn.execute(query.order_by(occ.c.published.is_(None), occ.c.published, occ.c.pk)).all()
    newest = conn.execute(
        query.order_by(occ.c.published.is_(None), occ.c.published.desc(), occ.c.pk.desc()).limit(limit)
    )
    return list(reversed(newest.all()))


def _outlet_count(conn, store, tid: str) -> int:
    occ, ap = store.table("thread_occurrences"), store.t["appearances"]
    return conn.execute(
        sa.select(sa.func.count(sa.distinct(sa.func.lower(ap.c.outlet))))
        .select_from(occ.join(ap, ap.c.article_id == occ.c.article_id))
        .where(occ.c.thread_id == tid, ap.c.outlet.is_not(None))
    ).scalar()


def _is_principal(occurrence, thread) -> bool:
    """Whether the occurrence's source is someone the claim is about (or speaks for them: a
    spokesperson, a representative of one of them)."""
    name = (occurrence.source_name or "").lower()
    about = [a.lower() for a in json.loads(thread.about or "[]")]
    if not name:
        return False
    if any(name == a or name in a.split() or a in name for a in about):
        return True
    return occurrence.source_kind in ("named", "descriptive") and bool(
        re.search(r"\b(spokes(?:wo)?man|spokesperson|representative|rep|publicist|lawyer|attorney)\b", name)
    )


def _best_source(rows, thread) -> Source | None:
    """The strongest backing seen: a principal on record beats a named source, which beats an
    outlet, an anonymous source, "reports", and no source at all."""

    def rank(r) -> tuple:
        return (_is_principal(r, thread), source_kind_info(r.source_kind).rank, r.certainty == "asserted")

    if not rows:
        return None
    r = max(rows, key=rank)
    return Source(kind=r.source_kind, entity=None, name=r.source_name or r.outlet, channel=r.channel)


def clear(store, conn: sa.Connection) -> None:
    for name in ("thread_keys", "thread_occurrences", "threads"):
        conn.execute(store.table(name).delete())


def forget(store, conn: sa.Connection, article_id: str) -> set[str]:
    """Take an article's occurrences out of their threads (before it is linked again)."""
    occ = store.table("thread_occurrences")
    tids = set(conn.execute(sa.select(occ.c.thread_id).where(occ.c.article_id == article_id)).scalars())
    conn.execute(occ.delete().where(occ.c.article_id == article_id))
    return tids


# -- reading ----------------------------------------------------------------------------------


def _summary(row) -> ThreadSummary:
    return ThreadSummary(
        id=row.id,
        story_id=row.story_id,
        text=row.text,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        status=row.status,
        occurrences=row.occurrences,
        origins=row.origins,
        outlets=row.outlets,
        best_source=Source.model_validate_json(row.best_source) if row.best_source else None,
    )


def _occurrence(row, texts: dict[str, str]) -> Occurrence:
    text = texts.get(row.article_id, "")
    if row.start is not None and row.end is not None and row.end <= len(text):
        span = Span.of(text, row.start, row.end)
    else:
        span = Span(start=0, end=0, text="")
    return Occurrence(
        article_id=row.article_id,
        claim_id=row.claim_id,
        text=row.text,
        span=span,
        published=row.published,
        outlet=row.outlet,
        url=row.url,
        title=row.title,
        origin=row.origin_id,
        source=Source(kind=row.source_kind, entity=row.source_entity, name=row.source_name, channel=row.channel),
        certainty=row.certainty,
        stance=row.stance,
        stance_score=row.stance_score,
    )


def thread(store, tid: str) -> ClaimThread | None:
    threads, ap = store.table("threads"), store.t["appearances"]
    with store.reading() as conn:
        row = conn.execute(sa.select(threads).where(threads.c.id == tid)).first()
        if row is None:
            return None
        rows = _occurrence_rows(conn, store, tid)
        ids = sorted({r.article_id for r in rows})
        texts = store.texts(ids)
        spread = Spread()
        by_day: Counter = Counter()
        by_outlet: Counter = Counter()
        for start in range(0, len(ids), 500):
            query = sa.select(ap.c.article_id, ap.c.outlet, ap.c.published).where(
                ap.c.article_id.in_(ids[start : start + 500])
            )
            for a in conn.execute(query):
                by_outlet[a.outlet or "unknown"] += 1
                if a.published:
                    by_day[a.published] += 1
        spread = Spread(by_day=dict(sorted(by_day.items())), by_outlet=dict(by_outlet.most_common()))
    items = [_occurrence(r, texts) for r in rows]
    by_claim = {(i.article_id, i.claim_id): i for i in items}
    evidence = [
        Evidence(
            rule=e["rule"],
            basis=e.get("basis") or ("estimate" if "weight of reports" in e["rule"] else "record"),
            occurrences=[by_claim[tuple(k)] for k in e.get("claims", []) if tuple(k) in by_claim],
        )
        for e in json.loads(row.evidence or "[]")
    ]
    return ClaimThread(
        **_summary(row).model_dump(),
        about=json.loads(row.about or "[]"),
        items=items,
        stances=dict(Counter(i.stance for i in items)),
        spread=spread,
        evidence=evidence,
    )


def _in_story(store, story_id: str):
    """The ids of the threads with an occurrence in one of the story's articles."""
    occ, placed = store.table("thread_occurrences"), store.table("story_articles")
    return (
        sa.select(occ.c.thread_id)
        .select_from(occ.join(placed, placed.c.article_id == occ.c.article_id))
        .where(placed.c.story_id == story_id)
    )


def of_story(store, story_id: str, limit: int = 50, min_occurrences: int = 1) -> list[ThreadSummary]:
    """The threads the story's articles occur in: those it started and those it joined (a claim
    first seen in an earlier story, settled by a filing in this one)."""
    threads = store.table("threads")
    query = (
        sa.select(threads)
        .where(threads.c.id.in_(_in_story(store, story_id)), threads.c.occurrences >= min_occurrences)
        .order_by(threads.c.occurrences.desc(), threads.c.first_seen, threads.c.id)
        .limit(limit)
    )
    with store.reading() as conn:
        return [_summary(r) for r in conn.execute(query)]


def related_stories(store, story_id: str) -> list[str]:
    """Other stories whose articles occur in this story's threads, the most shared threads first."""
    occ, placed = store.table("thread_occurrences"), store.table("story_articles")
    query = (
        sa.select(placed.c.story_id, sa.func.count(sa.distinct(occ.c.thread_id)).label("n"))
        .select_from(occ.join(placed, placed.c.article_id == occ.c.article_id))
        .where(occ.c.thread_id.in_(_in_story(store, story_id)), placed.c.story_id != story_id)
        .group_by(placed.c.story_id)
        .order_by(sa.desc("n"), placed.c.story_id)
    )
    with store.reading() as conn:
        return [r.story_id for r in conn.execute(query)]


def count_of_stories(store, story_ids: list[str]) -> dict[str, int]:
    """How many threads each story's articles occur in."""
    occ, placed = store.table("thread_occurrences"), store.table("story_articles")
    out: dict[str, int] = {}
    with store.reading() as conn:
        for start in range(0, len(story_ids), 500):
            query = (
                sa.select(placed.c.story_id, sa.func.count(sa.distinct(occ.c.thread_id)))
                .select_from(occ.join(placed, placed.c.article_id == occ.c.article_id))
                .where(placed.c.story_id.in_(story_ids[start : start + 500]))
                .group_by(placed.c.story_id)
            )
            out.update({sid: n for sid, n in conn.execute(query)})
    return out


def of_entity(store, names: list[str], limit: int = 20) -> list[ThreadSummary]:
    threads, keys = store.table("threads"), store.table("thread_keys")
    query = (
        sa.select(threads)
        .where(threads.c.id.in_(sa.select(keys.c.thread_id).where(keys.c.key.in_([n.lower() for n in names]))))
        .order_by(threads.c.occurrences.desc(), threads.c.last_seen.desc(), threads.c.id)
        .limit(limit)
    )
    with store.reading() as conn:
        return [_summary(r) for r in conn.execute(query)]


def of_article(store, article_id: str) -> dict[str, ThreadSummary]:
    threads, occ = store.table("threads"), store.table("thread_occurrences")
    query = (
        sa.select(occ.c.claim_id, threads)
        .select_from(occ.join(threads, threads.c.id == occ.c.thread_id))
        .where(occ.c.article_id == article_id)
    )
    with store.reading() as conn:
        return {r.claim_id: _summary(r) for r in conn.execute(query)}

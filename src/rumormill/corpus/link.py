"""Linking: put stored articles into stories, origins and claim threads, one batch at a time.

Linking is incremental: a new article joins what is there (its story, its origin, its claims'
threads) and nothing else is recomputed. `link()` takes the articles not linked yet (or the ones
named); `relink()` clears everything and links every article again, oldest first, which is the
same as having linked them one by one in publication order.
"""

from __future__ import annotations

import time

import sqlalchemy as sa

from ..model import Analysis
from . import stories, threads
from .model import LinkReport

BATCH = 100


def unlinked(store) -> list[str]:
    """Stored articles with no placement yet, oldest first."""
    a, placed = store.t["articles"], store.table("story_articles")
    query = (
        sa.select(a.c.id)
        .where(a.c.id.not_in(sa.select(placed.c.article_id)))
        .order_by(a.c.published.is_(None), a.c.published, a.c.pk)
    )
    with store.reading() as conn:
        return list(conn.execute(query).scalars())


def link(store, article_ids=None, *, relink_changed: bool = False, relink=None) -> LinkReport:
    """Link these stored articles (default: every article not linked yet) into stories, origins
    and threads; one linked already (by another writer, say) is left as it is. With
    `relink_changed`, an article that was linked before (it was re-analysed) has its claims taken
    out of their threads and attached again; `relink` names such articles among the others."""
    started = time.perf_counter()
    ids = unlinked(store) if article_ids is None else list(dict.fromkeys(article_ids))
    again = set(ids) if relink_changed else set(relink or ())
    report = LinkReport()
    for start in range(0, len(ids), BATCH):
        analyses = [a for a in (store.get(i) for i in ids[start : start + BATCH]) if a is not None]
        analyses.sort(key=_order)
        _link_batch(store, analyses, report, again)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _order(analysis: Analysis) -> tuple:
    published = analysis.article.published
    return (published is None, published or "", analysis.article.id)


def _placed(store, conn, ids: list[str]) -> set[str]:
    placed = store.table("story_articles")
    return set(conn.execute(sa.select(placed.c.article_id).where(placed.c.article_id.in_(ids))).scalars())


def _link_batch(store, analyses: list[Analysis], report: LinkReport, again: set[str]) -> None:
    with store.writing() as conn:  # under the store's write lock: what is placed now stays so
        placed = _placed(store, conn, [a.article.id for a in analyses])
        analyses = [a for a in analyses if a.article.id in again or a.article.id not in placed]
        if again:
            touched = set()
            for analysis in analyses:
                if analysis.article.id in again:
                    touched |= threads.forget(store, conn, analysis.article.id)
            for tid in touched:
                threads.settle(store, conn, tid)
        placements = stories.place(store, conn, analyses)
        _count_outlets(store, conn, {p.story_id for p in placements.values()})
        for analysis in analyses:
            placed = placements.get(analysis.article.id)
            report.articles += 1
            if placed is None:
                continue
            report.stories_new += placed.new_story
            report.stories_joined += not placed.new_story
            report.origins_new += placed.new_origin
            attached = threads.attach(store, conn, analysis, placed.story_id, placed.origin_id)
            report.threads_new += attached.threads_new
            report.occurrences += attached.occurrences


def recount(store, article_ids) -> None:
    """Stored articles seen again at another URL or outlet: recount the outlets of their stories
    and settle their threads again (an appearance at a new outlet is more spread)."""
    ids = list(dict.fromkeys(article_ids))
    occ, placed = store.table("thread_occurrences"), store.table("story_articles")
    with store.writing() as conn:
        tids, sids = set(), set()
        for start in range(0, len(ids), 500):
            page = ids[start : start + 500]
            tids |= set(conn.execute(sa.select(occ.c.thread_id).where(occ.c.article_id.in_(page))).scalars())
            sids |= set(conn.execute(sa.select(placed.c.story_id).where(placed.c.article_id.in_(page))).scalars())
        for tid in tids:
            threads.settle(store, conn, tid)
        _count_outlets(store, conn, sids)


def _count_outlets(store, conn, story_ids) -> None:
    """A story's outlets are those of every appearance of its articles (a reprint at another
    outlet is more reach, though the same article)."""
    s, placed, ap = store.table("stories"), store.table("story_articles"), store.t["appearances"]
    for sid in sorted(story_ids):
        outlets = (
            sa.select(sa.func.count(sa.distinct(sa.func.lower(ap.c.outlet))))
            .select_from(placed.join(ap, ap.c.article_id == placed.c.article_id))
            .where(placed.c.story_id == sid)
            .scalar_subquery()
        )
        conn.execute(s.update().where(s.c.id == sid).values(outlets=outlets))


def relink(store) -> LinkReport:
    """Forget every story, origin and thread, and link all stored articles again."""
    with store.writing() as conn:
        threads.clear(store, conn)
        stories.clear(store, conn)
    return link(store)

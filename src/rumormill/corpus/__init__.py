"""What rumormill knows across articles: stories, independent origins, claim threads with stance
and status, entity profiles and timelines. See `model.py` for the nouns.

    >>> from rumormill import open_store, corpus
    >>> store = open_store()
    >>> corpus.link(store)                       # link what is not linked yet (ingest does this)
    >>> [s.title for s in corpus.stories(store)]
    >>> corpus.thread(store, thread_id).status   # 'denied', with corpus.thread(...).evidence
    >>> corpus.profile(store, "Kanye").conflicts
    >>> corpus.timeline(store, entity="Kanye West").events

Everything here reads the store; `link` and `relink` are the only writers.
"""

from __future__ import annotations

from . import profiles as _profiles
from . import stories as _stories
from . import threads as _threads
from . import timeline as _timeline
from .link import link, recount, relink, unlinked
from .model import (
    ClaimThread,
    EntityProfile,
    LinkReport,
    Occurrence,
    ProfileSummary,
    Story,
    StorySummary,
    ThreadSummary,
    Timeline,
)

__all__ = [
    "ClaimThread",
    "EntityProfile",
    "LinkReport",
    "Occurrence",
    "ProfileSummary",
    "Story",
    "StorySummary",
    "ThreadSummary",
    "Timeline",
    "article_links",
    "link",
    "profile",
    "profiles",
    "recount",
    "relink",
    "stories",
    "story",
    "thread",
    "timeline",
    "unlinked",
]


def stories(store, limit: int = 20, offset: int = 0) -> list[StorySummary]:
    """Stories, the most recently active first."""
    found = _stories.summaries(store, limit=limit, offset=offset)
    counts = _threads.count_of_stories(store, [s.id for s in found])
    for summary in found:
        summary.threads = counts.get(summary.id, 0)
    return found


def story(store, story_id: str) -> Story | None:
    """A story with its articles, origins, spread, claim threads (most occurrences first) and the
    other stories those threads run into."""
    found = _stories.members(store, story_id)
    if found is None:
        return None
    found.claim_threads = _threads.of_story(store, found.id)
    found.threads = len(found.claim_threads)
    related = _threads.related_stories(store, found.id)[:10]
    by_id = {s.id: s for s in _stories.summaries(store, limit=len(related), ids=related)}
    found.related = [by_id[i] for i in related if i in by_id]
    return found


def thread(store, thread_id: str) -> ClaimThread | None:
    """A claim thread with every occurrence, its stances, spread and the evidence for its status."""
    return _threads.thread(store, thread_id)


def profiles(store, query: str | None = None, limit: int = 20, offset: int = 0) -> list[ProfileSummary]:
    return _profiles.profiles(store, query=query, limit=limit, offset=offset)


def profile(store, name_or_id: str) -> EntityProfile | None:
    """An entity's profile by name, alias or id: facts with provenance, conflicts, stories, threads."""
    found = _profiles.profile(store, name_or_id)
    if found is None:
        return None
    # its full names, as the articles write them ("Kanye Omari West", "Kim Kardashian West"):
    # stories and threads are filed under the names their articles gave
    names = list(dict.fromkeys([found.name.lower(), *(a.lower() for a in found.aliases if len(a.split()) >= 2)]))
    found.stories = _stories.of_entities(store, names, limit=10)
    found.threads = _threads.of_entity(store, names, limit=20)
    return found


def timeline(store, story: str | None = None, entity: str | None = None) -> Timeline | None:
    """Dated events, claims by first appearance and publications, in date order, for a story or
    an entity. None when the story or entity is not known."""
    if (story is None) == (entity is None):
        raise ValueError("timeline: give a story or an entity, not both")
    if story is not None:
        found = _stories.members(store, story)
        if found is None:
            return None
        events = _timeline.dated_events(store, [m.id for m in found.members])
        events += _timeline.thread_events(_threads.of_story(store, found.id, limit=100))
        events += _timeline.article_events(found.members)
        return _timeline.make({"story": found.id}, found.title, events)
    resolved = _profiles.resolve(store, entity)
    if resolved is None:
        return None
    name, kind = resolved
    with store.reading() as conn:
        members = _profiles.members(conn, store, name, kind)[: _timeline.MAX_ARTICLES]
    events = _timeline.dated_events(store, sorted({a for a, _ in members}), about=set(members))
    events += _timeline.thread_events(_threads.of_entity(store, [name], limit=100))
    return _timeline.make({"entity": _profiles.slug(name)}, name, events)


def article_links(store, article_id: str) -> dict:
    """Where an article sits: {"story": StorySummary | None, "origin": id | None,
    "threads": {claim_id: ThreadSummary}}."""
    placed = _stories.placement(store, article_id)
    summary = None
    if placed is not None:
        summary = next(iter(_stories.summaries(store, ids=[placed.story_id])), None)
    return {
        "story": summary,
        "origin": placed.origin_id if placed else None,
        "threads": _threads.of_article(store, article_id),
    }

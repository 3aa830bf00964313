"""What each page shows, gathered once for both its HTML and its JSON twin.

A page handler in `web.py` and the matching endpoint in `api.py` call the same function here,
so `/articles/{id}` and `/api/articles/{id}` cannot drift apart. Cross-article views (stories,
threads, entity profiles, timelines) come from `rumormill.corpus`; where the installed corpus
does not offer one yet, `NotAvailable` says so, and the page or endpoint passes that on.
"""

from __future__ import annotations

import time
from datetime import date

from pydantic import BaseModel

from ..errors import InputError, ModelError, StoreError, StoreTimeout
from ..model import CERTAINTIES, SOURCE_KINDS, Analysis
from ..store import Filters, Store
from .errors import ApiError, NotAvailable

MAX_PAGE = 100
MAX_OFFSET = 1_000_000  # deeper pages are refused: an offset past 2**63 overflows the database
SIMILAR_THREADS = 5  # "similar claims in other threads" on a thread's page
# the cosine above which another thread's claim is shown as similar. Paraphrases of one claim
# score 0.55-0.75 with this model and claims on unrelated topics below 0.25; 0.5 keeps related
# claims (the same couple, another detail) and leaves out mere shared topics. Not tuned on data.
MIN_SIMILARITY = 0.5


def jsonable(value):
    """Pydantic models (the corpus read models, an Analysis) as plain JSON-ready data."""
    if isinstance(value, Analysis):
        return value.to_dict()
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


class Memo:
    """Answers kept for a few seconds: the home page's counts and newest articles cost a scan of
    the store (tens of ms at 14k articles) and are the same for every visitor. Writing through
    the API clears it."""

    def __init__(self, seconds: float = 10.0):
        self.seconds = seconds
        self._kept: dict[str, tuple[float, object]] = {}

    def get(self, key: str, compute):
        now = time.monotonic()
        kept = self._kept.get(key)
        if kept is None or kept[0] < now:
            kept = (now + self.seconds, compute())
            self._kept[key] = kept
        return kept[1]

    def clear(self) -> None:
        self._kept.clear()


def corpus(name: str, what: str):
    """The corpus function `name`, or NotAvailable naming `what` when it is not there yet."""
    from .. import corpus as module

    function = getattr(module, name, None)
    if function is None:
        raise NotAvailable(what)
    return function


def _partial_date(name: str, value: str | None) -> str | None:
    if not value:
        return None
    parts = value.split("-")
    try:
        if len(parts) == 1 and len(value) == 4 and value.isdigit():
            return value
        if len(parts) == 2 and len(parts[0]) == 4 and 1 <= int(parts[1]) <= 12:
            return value
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ApiError(422, f"{name}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None


def filters(
    entity: str | None = None,
    source_kind: str | None = None,
    certainty: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Filters:
    """The store's filters from query parameters, each checked and named when wrong."""
    if source_kind and source_kind not in SOURCE_KINDS:
        raise ApiError(422, f"source_kind: {source_kind!r} is not one of {', '.join(SOURCE_KINDS)}")
    if certainty and certainty not in CERTAINTIES:
        raise ApiError(422, f"certainty: {certainty!r} is not one of {', '.join(CERTAINTIES)}")
    return Filters(
        entity=(entity or "").strip() or None,
        source_kind=source_kind or None,
        certainty=certainty or None,
        outlet=(outlet or "").strip() or None,
        since=_partial_date("since", since),
        until=_partial_date("until", until),
    )


def page_bounds(limit: int, offset: int) -> tuple[int, int]:
    if not 1 <= limit <= MAX_PAGE:
        raise ApiError(422, f"limit: {limit} is not between 1 and {MAX_PAGE}")
    if not 0 <= offset <= MAX_OFFSET:
        raise ApiError(422, f"offset: {offset} is not between 0 and {MAX_OFFSET:,}")
    return limit, offset


def claims(
    store: Store, query: str | None, where: Filters, limit: int, offset: int, like: str | None = None
) -> tuple[list[dict], bool]:
    """One page of claim hits (the store's search, or claims like a text) and whether there are more."""
    limit, offset = page_bounds(limit, offset)
    if like is not None:
        if query:
            raise ApiError(422, "give q (words) or like (a claim's text), not both")
        hits = _liked(store, like, where, limit=limit + 1, offset=offset)
    else:
        hits = _searched(store.search, query, where, limit=limit + 1, offset=offset)
    return hits[:limit], len(hits) > limit


def _liked(store: Store, text: str, where: Filters, **page) -> list[dict]:
    """Claims like a text, with a refused text as 422 and missing embeddings as 501."""
    try:
        return store.like(text, where, **page)
    except InputError as error:
        raise ApiError(422, f"like: {error}") from None
    except ModelError as error:
        raise ApiError(501, f"claims like this are not available: {error}", "not_available") from None
    except StoreTimeout:
        raise ApiError(504, "the search took too long and was stopped; narrow it down", "timeout") from None


def articles(store: Store, query: str | None, where: Filters, limit: int, offset: int) -> tuple[list[dict], bool]:
    limit, offset = page_bounds(limit, offset)
    found = _searched(store.articles, query, where, limit=limit + 1, offset=offset)
    return found[:limit], len(found) > limit


def _searched(search, query, where, **page) -> list[dict]:
    """A search, with a refused query (too long, too many terms) as 422 and a query stopped by
    the statement timeout as 504."""
    try:
        return search(query, where, **page)
    except InputError as error:
        raise ApiError(422, f"q: {error}") from None
    except StoreTimeout:
        raise ApiError(504, "the search took too long and was stopped; narrow it down", "timeout") from None


def analysis(store: Store, article_id: str) -> Analysis:
    try:
        found = store.get(article_id)
    except StoreError as error:
        if "more than one" in str(error):
            raise ApiError(
                404, f"the id prefix {article_id!r} matches more than one article; give more of it"
            ) from None
        raise
    if found is None:
        raise ApiError(404, f"no stored article has the id {article_id!r}")
    return found


def article(store: Store, article_id: str) -> dict:
    """A stored article: its Analysis, where it appeared, and its story and threads when the
    corpus knows them (`links` is None, with `links_missing` saying why, when it cannot)."""
    found = analysis(store, article_id)
    view = {"analysis": found, "appearances": store.appearances(found.article.id), "links": None, "links_missing": None}
    try:
        view["links"] = corpus("article_links", "stories and claim threads")(store, found.article.id)
    except NotAvailable as missing:
        view["links_missing"] = missing.message
    return view


def article_json(view: dict) -> dict:
    return {
        "analysis": jsonable(view["analysis"]),
        "appearances": view["appearances"],
        "links": jsonable(view["links"]),
        "links_missing": view["links_missing"],
    }


def stories(store: Store, limit: int, offset: int) -> tuple[list, bool]:
    limit, offset = page_bounds(limit, offset)
    found = corpus("stories", "stories")(store, limit=limit + 1, offset=offset)
    return found[:limit], len(found) > limit


def story(store: Store, story_id: str) -> dict:
    found = corpus("story", "stories")(store, story_id)
    if found is None:
        raise ApiError(404, f"no story has the id {story_id!r}")
    return {"story": found, "timeline": _timeline(store, story=found.id)}


def thread(store: Store, thread_id: str) -> dict:
    found = corpus("thread", "claim threads")(store, thread_id)
    if found is None:
        raise ApiError(404, f"no claim thread has the id {thread_id!r}")
    return {"thread": found, "similar": similar_threads(store, found.id)}


def similar_threads(store: Store, thread_id: str, limit: int = SIMILAR_THREADS) -> list[dict]:
    """Claims in other threads that say something like this thread's claim: the thread's
    occurrences' mean vector against every stored claim, the best claim of each other thread,
    at least MIN_SIMILARITY. Empty without the embeddings (the page then shows none)."""
    import sqlalchemy as sa

    from .. import embed

    if not embed.available():
        return []
    occ, threads = store.table("thread_occurrences"), store.table("threads")
    with store.reading() as conn:
        pairs = conn.execute(sa.select(occ.c.article_id, occ.c.claim_id).where(occ.c.thread_id == thread_id)).all()
    vector = store.claim_vector([tuple(p) for p in pairs])
    if vector is None:
        return []
    own = {tuple(p) for p in pairs}
    hits = [h for h in store.nearest(vector, limit=50) if (h["article_id"], h["claim_id"]) not in own]
    hits = [h for h in hits if h["similarity"] >= MIN_SIMILARITY]
    if not hits:
        return []
    keys = [(h["article_id"], h["claim_id"]) for h in hits]
    with store.reading() as conn:
        rows = conn.execute(
            sa.select(occ.c.article_id, occ.c.claim_id, threads.c.id, threads.c.text, threads.c.status)
            .select_from(occ.join(threads, threads.c.id == occ.c.thread_id))
            .where(sa.tuple_(occ.c.article_id, occ.c.claim_id).in_(keys), threads.c.id != thread_id)
        ).all()
    of = {(r.article_id, r.claim_id): r for r in rows}
    found: dict[str, dict] = {}
    for hit in hits:  # most similar first: the first claim of each thread is its best
        row = of.get((hit["article_id"], hit["claim_id"]))
        if row is None or row.id in found:
            continue
        found[row.id] = {
            "thread_id": row.id,
            "thread_text": row.text,
            "status": row.status,
            "similarity": hit["similarity"],
            "claim": {k: hit[k] for k in ("article_id", "claim_id", "text", "source", "certainty", "article")},
        }
    return list(found.values())[:limit]


def entity(store: Store, name_or_id: str, limit: int = 20) -> dict:
    """An entity's profile (from the corpus) and, always, the stored claims about or by it. The
    profile comes first: it turns a profile id ("lena-morrow") or an alias into the full name
    that the claims are filed under."""
    name_or_id = name_or_id.strip()
    if not name_or_id:
        raise ApiError(422, "give an entity name or id")
    view = {"name": name_or_id, "profile": None, "profile_missing": None, "timeline": None}
    try:
        view["profile"] = corpus("profile", "entity profiles")(store, name_or_id)
    except NotAvailable as missing:
        view["profile_missing"] = missing.message
    if view["profile"] is not None:
        view["name"] = view["profile"].name
        view["timeline"] = _timeline(store, entity=view["profile"].id)
    view["claims"], view["more_claims"] = claims(store, None, Filters(entity=view["name"]), limit, 0)
    if view["profile"] is None and view["profile_missing"] is None and not view["claims"]:
        raise ApiError(404, f"no entity goes by {name_or_id!r}")
    return view


def entity_refs(store: Store, names: list[str]) -> list[dict]:
    """The corpus keys names lowercased ("lena morrow"): each as {"name", "href"}, the name as the
    articles write it and the link to its profile by id, or the words capitalised and a link by
    name where no profile resolves it."""
    from ..corpus.profiles import resolve, slug
    from .app import entity_url

    refs = []
    for name in names:
        resolved = resolve(store, name)
        if resolved is not None:
            refs.append({"name": resolved[0], "href": entity_url(slug(resolved[0]))})
        else:
            readable = " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in name.split())
            refs.append({"name": readable, "href": entity_url(name)})
    return refs


def _timeline(store: Store, **subject):
    try:
        return corpus("timeline", "timelines")(store, **subject)
    except NotAvailable:
        return None


def check_text(text: str, limit: int, name: str = "text") -> str:
    if not text or not text.strip():
        raise ApiError(422, f"{name}: empty; give the article's text")
    if len(text) > limit:
        raise ApiError(413, f"{name}: {len(text):,} characters, more than the limit of {limit:,}", "too_large")
    return text


def input_error(error: InputError) -> ApiError:
    return ApiError(422, str(error))

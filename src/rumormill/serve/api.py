"""The JSON API under /api/: the twin of every page, plus analysis and ingest.

Lists answer `{"items": [...], "next": <the next page's URL or null>}`. Errors answer
`{"error": {"code", "message"}}` (see errors.py). Reading is open; writing (`POST /api/ingest`)
takes the bearer token the server was started with.
"""

from __future__ import annotations

from functools import partial
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, BackgroundTasks, Depends, Header, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from .. import __version__
from ..errors import InputError
from ..read.fetch import PRIVATE_HINT
from ..store.base import MAX_LIKE_CHARS, MAX_QUERY_CHARS
from . import views
from .errors import ApiError, NotAvailable
from .inputs import MAX_URL, SERVER_FETCHES, ArticleIn, check_url, fetch, from_text
from .security import check_bearer

router = APIRouter(prefix="/api", tags=["api"])

MAX_INGEST = 50  # articles or URLs per ingest request

Q = Annotated[str | None, Query(description='Full text: words, "a phrase", OR, -word.', max_length=MAX_QUERY_CHARS)]
Like = Annotated[
    str | None,
    Query(
        description="Claims that say what this text says, by meaning (sentence embeddings), most similar first; "
        "each hit has its cosine `similarity`. Not with `q`. 501 where the embeddings are not installed.",
        max_length=MAX_LIKE_CHARS,
    ),
]
Entity = Annotated[str | None, Query(description="Claims about or by this person or thing.", max_length=200)]
SourceKind = Annotated[str | None, Query(description="named, descriptive, anonymous, reports, outlet, self, none")]
Certainty = Annotated[str | None, Query(description="asserted, hedged or denied")]
Outlet = Annotated[str | None, Query(description="Articles that appeared in this outlet.", max_length=200)]
Since = Annotated[str | None, Query(description="Published on or after (YYYY[-MM[-DD]]).")]
Until = Annotated[str | None, Query(description="Published on or before (YYYY[-MM[-DD]]).")]
Limit = Annotated[int, Query(ge=1, le=views.MAX_PAGE)]
Offset = Annotated[int, Query(ge=0, le=views.MAX_OFFSET)]


def _next(request: Request, more: bool, limit: int, offset: int) -> str | None:
    """The URL of the next page, keeping every other query parameter."""
    if not more:
        return None
    params = {k: v for k, v in request.query_params.items() if k != "offset"}
    return f"{request.url.path}?{urlencode(params | {'offset': offset + limit})}"


@router.get("/health")
def health(request: Request) -> dict:
    """Whether the server and its store answer."""
    store = request.app.state.store
    return {"status": "ok", "version": __version__, "store": store.url, "articles": store.count("articles")}


@router.post("/analyze")
async def analyze(item: ArticleIn, request: Request) -> dict:
    """Analyse one article (its `text`, or the page at `url`) and return the Analysis. Nothing is stored."""
    from .. import analyze as run_analysis

    state = request.app.state
    if item.text:
        article = from_text(item, state.max_chars)
    elif item.url:
        article = await state.jobs.run(f"fetching {item.url[:200]}", fetch, item.url, state.max_chars)
    else:
        raise ApiError(422, "give the article's text or a url")
    try:
        result = await state.jobs.run("the analysis", run_analysis, article)
    except InputError as error:
        raise ApiError(422, str(error)) from None
    return result.to_dict()


class IngestIn(BaseModel):
    """Articles to analyse and store: their texts, and pages to fetch."""

    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(default=[], max_length=MAX_INGEST)
    urls: list[Annotated[str, Field(max_length=MAX_URL)]] = Field(
        default=[], max_length=MAX_INGEST, description="http(s) pages, fetched safely"
    )


def _authorized(request: Request, authorization: Annotated[str | None, Header(description="Bearer <token>")] = None):
    """The write token, checked before the body is: a caller without it learns nothing of the schema."""
    check_bearer(authorization, request.app.state.token)


@router.post("/ingest", dependencies=[Depends(_authorized)])
async def ingest(body: IngestIn, request: Request, background: BackgroundTasks) -> dict:
    """Analyse and store articles (idempotent: a stored text only gains an appearance). Needs the bearer token."""
    from .. import alerts
    from ..ingest import ingest as run_ingest

    state = request.app.state
    if not body.articles and not body.urls:
        raise ApiError(422, "give articles (with text) or urls to ingest")
    sources = [from_text(item, state.max_chars) for item in body.articles]
    sources += [check_url(url) for url in body.urls]
    # the watchlists' alerts are found with the ingest, and their webhooks posted after the answer:
    # a slow or dead receiver must not hold the client (nor the ingest's time limit)
    report = await state.jobs.run("the ingest", partial(run_ingest, post_alerts=False), sources, state.store)
    background.add_task(alerts.deliver_due, state.store)
    state.memo.clear()
    result = report.to_dict()
    for failure in result["failures"]:  # the command line's hint means nothing to an HTTP client
        failure["error"] = failure["error"].replace(PRIVATE_HINT, SERVER_FETCHES)
    return result


@router.get("/articles")
def articles(
    request: Request,
    q: Q = None,
    entity: Entity = None,
    source_kind: SourceKind = None,
    certainty: Certainty = None,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict:
    """Stored articles matching a full-text query over titles and texts, and the filters (newest first)."""
    where = views.filters(entity, source_kind, certainty, outlet, since, until)
    items, more = views.articles(request.app.state.store, q, where, limit, offset)
    return {"items": items, "next": _next(request, more, limit, offset)}


@router.get("/articles/{article_id}")
def article(article_id: str, request: Request) -> dict:
    """A stored article: its Analysis, its appearances, and its story and claim threads when known."""
    return views.article_json(views.article(request.app.state.store, article_id))


@router.get("/claims")
def claims(
    request: Request,
    q: Q = None,
    like: Like = None,
    entity: Entity = None,
    source_kind: SourceKind = None,
    certainty: Certainty = None,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict:
    """Stored claims matching the query and filters, best first (newest first without a query), or
    with `like`, the claims most like a text by meaning."""
    where = views.filters(entity, source_kind, certainty, outlet, since, until)
    items, more = views.claims(request.app.state.store, q, where, limit, offset, like=like)
    return {"items": items, "next": _next(request, more, limit, offset)}


@router.get("/stories")
def stories(request: Request, limit: Limit = 20, offset: Offset = 0) -> dict:
    """Stories, most recent first."""
    items, more = views.stories(request.app.state.store, limit, offset)
    return {"items": views.jsonable(items), "next": _next(request, more, limit, offset)}


@router.get("/stories/{story_id}")
def story(story_id: str, request: Request) -> dict:
    """A story: its articles, origins, claim threads and spread, with its timeline."""
    return views.jsonable(views.story(request.app.state.store, story_id))


@router.get("/threads/{thread_id}")
def thread(thread_id: str, request: Request) -> dict:
    """A claim thread: its occurrences over time with stance and source, its status with the evidence,
    and `similar`: claims in other threads that say something like it (by sentence embeddings)."""
    return views.jsonable(views.thread(request.app.state.store, thread_id))


@router.get("/entities/{name_or_id:path}")
def entity(name_or_id: str, request: Request) -> dict:
    """An entity's profile (facts with provenance, conflicts, relations, timeline) and claims about or by it."""
    view = views.entity(request.app.state.store, name_or_id)
    if view["profile_missing"]:
        raise NotAvailable("entity profiles")
    return views.jsonable({k: v for k, v in view.items() if k != "more_claims"})


from . import watchlists_api  # noqa: E402  (/api/watchlists and /api/alerts)

router.include_router(watchlists_api.router)

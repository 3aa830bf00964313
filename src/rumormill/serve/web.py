"""The pages: server-rendered HTML for people, each the twin of an /api/ endpoint.

/                 recent stories and articles, search, and a box to analyse text or a URL
/search           claims, with the store's filters
/articles/{id}    the article page (and POST /analyze renders an unsaved one)
/stories/{id}     /threads/{id}     /entities/{name or id}
/docs             the API reference, from the OpenAPI schema
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..errors import InputError
from ..model import CERTAINTIES, SOURCE_KINDS, Analysis
from ..store.base import MAX_QUERY_CHARS
from . import views
from .app import entity_url
from .charts import sourcing_chart, spread_chart
from .errors import ApiError, NotAvailable
from .highlight import render_text, source_label, source_name
from .inputs import ArticleIn, fetch, from_text
from .security import CSRF_COOKIE, CSRF_FIELD

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20


def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    """Render a page; give the browser a CSRF cookie for the analyse form when it has none."""
    state = request.app.state
    cookie = request.cookies.get(CSRF_COOKIE)
    token = state.csrf.token(cookie)
    context.setdefault("q", "")
    context.setdefault("follow_needs_token", state.token is not None)  # the follow forms (watchlists_web.py)
    html = state.templates.get_template(template).render(path=request.url.path, csrf_token=token, **context)
    response = HTMLResponse(html, status)
    if cookie != token:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
    return response


def _missing(call, *args, **kwargs):
    """(result, None), or (None, "... not available yet") when the corpus lacks it."""
    try:
        return call(*args, **kwargs), None
    except NotAvailable as missing:
        return None, missing.message


@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    store, memo = request.app.state.store, request.app.state.memo
    stories, stories_missing = memo.get("stories", lambda: _recent_stories(store))
    return page(
        request,
        "home.html",
        stories=stories,
        stories_missing=stories_missing,
        recent=memo.get("recent", lambda: views.articles(store, None, views.filters(), 12, 0)[0]),
        counts=memo.get("counts", lambda: {k: store.count(k) for k in ("articles", "claims", "quotes")}),
    )


def _recent_stories(store) -> tuple[list[tuple], str | None]:
    """([(story, its entities as {"name", "href"})], None), or ([], why) without stories."""
    found, missing = _missing(views.stories, store, 8, 0)
    if missing:
        return [], missing
    return [(story, views.entity_refs(store, story.entities[:5])) for story in found[0]], None


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)] = None,
    entity: Annotated[str | None, Query(max_length=200)] = None,
    source_kind: str | None = None,
    certainty: str | None = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    since: str | None = None,
    until: str | None = None,
    page_no: Annotated[int, Query(alias="page", ge=1, le=10_000)] = 1,
):
    where = views.filters(entity, source_kind, certainty, outlet, since, until)
    hits, more = views.claims(request.app.state.store, q, where, PAGE_SIZE, (page_no - 1) * PAGE_SIZE)
    params = {k: v for k, v in request.query_params.items() if v and k != "page"}
    return page(
        request,
        "search.html",
        q=q or "",
        where=where,
        hits=hits,
        page_no=page_no,
        prev_url=f"/search?{urlencode(params | {'page': page_no - 1})}" if page_no > 1 else None,
        next_url=f"/search?{urlencode(params | {'page': page_no + 1})}" if more else None,
        api_url=f"/api/claims?{urlencode(params | {'offset': (page_no - 1) * PAGE_SIZE, 'limit': PAGE_SIZE})}",
        source_kinds=SOURCE_KINDS,
        certainties=CERTAINTIES,
        searched=bool(q or where.active()),
    )


def _article_context(analysis: Analysis, threads: dict | None = None) -> dict:
    """What the article template needs beyond the Analysis: the marked text (with a link to the
    claim thread after each claim that has one), the chart, names."""
    threads = threads or {}
    names = {e.id: e.name for e in analysis.entities}
    return {
        "a": analysis,
        "text_html": render_text(analysis, entity_url, threads),
        "sourcing_svg": sourcing_chart(analysis.sourcing),
        "names": names,
        "factor_order": _factor_order(analysis),
        "source_label": lambda source: source_label(source, analysis),
        "source_name": lambda source: source_name(source, analysis),
        "threads": threads,
    }


def _factor_order(analysis: Analysis) -> list:
    """(index, factor), the strongest first; the index names the factor's evidence class."""
    if analysis.credibility is None:
        return []
    return sorted(enumerate(analysis.credibility.factors), key=lambda item: -abs(item[1].contribution))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(article_id: str, request: Request):
    view = views.article(request.app.state.store, article_id)
    links = view["links"] or {}
    return page(
        request,
        "article.html",
        stored=True,
        appearances=view["appearances"],
        links=links,
        links_missing=view["links_missing"],
        **_article_context(view["analysis"], links.get("threads")),
    )


@router.get("/analyze")
def analyze_form():
    return RedirectResponse("/#analyse", status_code=303)


@router.post("/analyze", response_class=HTMLResponse)
async def analyze(
    request: Request,
    text: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form(alias=CSRF_FIELD)] = "",
):
    """The paste-to-analyse form: the article page of an analysis that is not stored."""
    from .. import analyze as run_analysis

    state = request.app.state
    state.csrf.check(request.cookies.get(CSRF_COOKIE), csrf)
    if text.strip():
        article = from_text(ArticleIn(text=text), state.max_chars)
    elif url.strip():
        article = await state.jobs.run(f"fetching {url[:200]}", fetch, url, state.max_chars)
    else:
        raise ApiError(422, "paste an article's text, or give the URL of its page")
    try:
        analysis = await state.jobs.run("the analysis", run_analysis, article)
    except InputError as error:
        raise ApiError(422, str(error)) from None
    return page(
        request,
        "article.html",
        stored=False,
        appearances=[],
        links={},
        links_missing=None,
        **_article_context(analysis),
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(story_id: str, request: Request):
    store = request.app.state.store
    view, missing = _missing(views.story, store, story_id)
    if missing:
        return page(request, "missing.html", 501, title="Story", message=missing)
    found = view["story"]
    seen = {member.id: _sightings(store, member) for member in found.members}
    points = [point for member in found.members for point in _spread_points(member, seen[member.id])]
    outlets = len({p["outlet"] for p in points})
    return page(
        request,
        "story.html",
        story=found,
        timeline=view["timeline"],
        spread_svg=spread_chart(points, f"How the story spread: {len(points)} sightings at {outlets} outlets"),
        members={member.id: member for member in found.members},
        seen=seen,
        entities=views.entity_refs(store, found.entities),
    )


def _sightings(store, member) -> list[dict]:
    """Where and when an article was seen, first sighting first: a text reprinted word for word
    is one article seen at several outlets, and the spread plot and the origins show each."""
    found = [
        {"outlet": s["outlet"] or member.outlet, "published": s["published"] or member.published}
        for s in store.appearances(member.id)
    ]
    found = list({(s["outlet"], s["published"]): s for s in found}.values())
    return found or [{"outlet": member.outlet, "published": member.published}]


def _spread_points(member, sightings: list[dict]) -> list[dict]:
    """One plot mark per sighting: the original text's first sighting is filled, every later
    sighting (a reprint) and every rewrite is a ring."""
    original = member.origin == member.id
    return [
        {
            "date": sighting["published"],
            "outlet": sighting["outlet"],
            "label": member.title or member.id[:12],
            "href": f"/articles/{member.id}",
            "original": original and index == 0,
        }
        for index, sighting in enumerate(sightings)
    ]


@router.get("/threads/{thread_id}", response_class=HTMLResponse)
def thread(thread_id: str, request: Request):
    view, missing = _missing(views.thread, request.app.state.store, thread_id)
    if missing:
        return page(request, "missing.html", 501, title="Claim thread", message=missing)
    return page(request, "thread.html", thread=view["thread"], similar=view["similar"], source_text=_source_text)


def _source_text(source) -> str:
    if source is None:
        return "none"
    return f"{source.kind}: {source.name}" if source.name and source.kind != "reports" else source.kind


@router.get("/entities/{name_or_id:path}", response_class=HTMLResponse)
def entity(name_or_id: str, request: Request):
    view = views.entity(request.app.state.store, name_or_id, limit=PAGE_SIZE)
    return page(request, "entity.html", view=view, source_text=_source_text, search_url=_entity_search(view["name"]))


def _entity_search(name: str) -> str:
    return "/search?" + urlencode({"entity": name})


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request):
    """The API reference, from the app's OpenAPI schema (no Swagger UI: it needs a CDN and inline script)."""
    schema = request.app.openapi()
    endpoints = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "doc": op.get("description", ""),
            "params": op.get("parameters", []),
            "body": "requestBody" in op,
        }
        for path, methods in schema.get("paths", {}).items()
        for method, op in methods.items()
    ]
    return page(request, "docs.html", endpoints=endpoints)


from . import watchlists_web  # noqa: E402  (its pages render through `page` above)

router.include_router(watchlists_web.router)

"""Watched sources on the web: the /sources page and its twin /api/sources.

/sources                  the sources with their health, and forms to add and remove one
GET /api/sources          the same as JSON
POST /api/sources         watch a URL ({"url", "interval"}); needs the bearer token
DELETE /api/sources/{id}  stop watching it; needs the bearer token

The page's forms write to the store, so they take the write token like the API (typed into the
form, since a browser sends no bearer header) as well as the CSRF token every form carries.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field

from ..errors import InputError
from ..watch import add_source, remove_source, sources_health
from ..watch.sources import MAX_ID, MAX_URL, MIN_INTERVAL
from .errors import ApiError
from .security import CSRF_FIELD, check_bearer, check_form_write

web_router = APIRouter(include_in_schema=False)
SourceId = Annotated[int, Path(ge=1, le=MAX_ID, description="the source's id")]
api_router = APIRouter(prefix="/api", tags=["api"])


class SourceIn(BaseModel):
    """A feed or page to watch."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(max_length=MAX_URL, description="an http(s) feed or page")
    interval: float | None = Field(
        default=None, ge=MIN_INTERVAL, le=365 * 86_400, description="seconds between polls (default 900)"
    )


def _bearer(request: Request) -> None:
    check_bearer(request.headers.get("authorization"), request.app.state.token)


def _add(request: Request, url: str, interval: float | None) -> dict:
    try:
        row = add_source(request.app.state.store, url, interval)
    except InputError as error:
        raise ApiError(422, str(error)) from None
    return next(h for h in sources_health(request.app.state.store) if h["id"] == row["id"])


@api_router.get("/sources")
def list_sources(request: Request) -> dict:
    """The watched sources with their health: status (new, ok, failing, quiet), last success, last new
    article, error streak, articles per day, next due time."""
    return {"items": sources_health(request.app.state.store), "next": None}


@api_router.post("/sources", dependencies=[Depends(_bearer)])
def add(body: SourceIn, request: Request) -> dict:
    """Watch a feed or page (due at once; a watched URL keeps its history). Needs the bearer token."""
    return _add(request, body.url, body.interval)


@api_router.delete("/sources/{source_id}", dependencies=[Depends(_bearer)])
def remove(source_id: SourceId, request: Request) -> dict:
    """Stop watching a source and drop its poll history (its articles stay). Needs the bearer token."""
    if not remove_source(request.app.state.store, source_id):
        raise ApiError(404, f"no watched source {source_id}")
    return {"removed": source_id}


@web_router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request):
    from .web import page

    return page(request, "sources.html", sources=sources_health(request.app.state.store))


@web_router.post("/sources")
def add_form(
    request: Request,
    url: Annotated[str, Form(max_length=MAX_URL)] = "",
    interval: Annotated[str, Form(max_length=20)] = "",
    token: Annotated[str, Form(max_length=500)] = "",
    csrf: Annotated[str, Form(alias=CSRF_FIELD)] = "",
):
    check_form_write(request, csrf, token)
    try:
        seconds = float(interval) if interval.strip() else None
    except ValueError:
        raise ApiError(422, f"{interval[:20]!r} is not a number of seconds") from None
    _add(request, url, seconds)
    return RedirectResponse("/sources", status_code=303)


@web_router.post("/sources/{source_id}/remove")
def remove_form(
    source_id: SourceId,
    request: Request,
    token: Annotated[str, Form(max_length=500)] = "",
    csrf: Annotated[str, Form(alias=CSRF_FIELD)] = "",
):
    check_form_write(request, csrf, token)
    if not remove_source(request.app.state.store, source_id):
        raise ApiError(404, f"no watched source {source_id}")
    return RedirectResponse("/sources", status_code=303)

"""The watchlists and alerts API: /api/watchlists and /api/alerts. Reading is open; making and
removing a watchlist takes the bearer token, like every write. A webhook given here must be
public: the server has no way to allow private targets (the command line's --allow-private)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from .. import alerts
from ..alerts.watchlists import MAX_WEBHOOK
from ..errors import InputError
from ..store.base import MAX_QUERY_CHARS
from . import views
from .errors import ApiError
from .security import check_bearer

router = APIRouter()  # included by api.py under /api


class FiltersIn(BaseModel):
    """A followed search's filters, as /api/claims takes them."""

    model_config = ConfigDict(extra="forbid")

    entity: str | None = Field(default=None, max_length=200)
    source_kind: str | None = Field(default=None, max_length=20)
    certainty: str | None = Field(default=None, max_length=20)
    outlet: str | None = Field(default=None, max_length=200)
    since: str | None = Field(default=None, max_length=10)
    until: str | None = Field(default=None, max_length=10)


class WatchlistIn(BaseModel):
    """A follow: an entity (its name or profile id), a search (words and filters) or a thread (its id)."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["entity", "search", "thread"]
    target: str = Field(default="", max_length=MAX_QUERY_CHARS, description="the name, the search words, the thread id")
    filters: FiltersIn = FiltersIn()
    webhook: str | None = Field(default=None, max_length=MAX_WEBHOOK, description="a public http(s) URL")
    label: str | None = Field(default=None, max_length=200)


def _authorized(request: Request, authorization: Annotated[str | None, Header(description="Bearer <token>")] = None):
    """The write token, checked before the body is (as for every write endpoint)."""
    check_bearer(authorization, request.app.state.token)


def follow(store, kind: str, target: str, filters: dict, webhook: str | None = None, label: str | None = None):
    """`alerts.follow` with the filters checked as the search endpoints check them; a 422 when it names nothing."""
    where = views.filters(**filters)
    try:
        return alerts.follow(store, kind, target, filters=where, webhook=webhook, label=label)
    except InputError as error:
        raise ApiError(422, str(error)) from None


@router.get("/watchlists")
def list_watchlists(request: Request) -> dict:
    """Every watchlist (without secrets): what it follows and where its alerts go."""
    return {"items": [w.to_dict() for w in alerts.watchlists(request.app.state.store)], "next": None}


@router.post("/watchlists", status_code=201, dependencies=[Depends(_authorized)])
def make_watchlist(item: WatchlistIn, request: Request) -> dict:
    """Follow an entity, a search or a claim thread. Answers the watchlist with its webhook's
    signing `secret`, shown this once. Needs the bearer token."""
    made = follow(request.app.state.store, item.kind, item.target, item.filters.model_dump(), item.webhook, item.label)
    return made.to_dict(secret=True)


@router.delete("/watchlists/{watchlist_id}", dependencies=[Depends(_authorized)])
def remove_watchlist(watchlist_id: str, request: Request) -> dict:
    """Unfollow: remove the watchlist with its alerts and undelivered webhooks. Needs the bearer token."""
    if not alerts.unfollow(request.app.state.store, watchlist_id):
        raise ApiError(404, f"no watchlist {watchlist_id!r}")
    return {"removed": watchlist_id}


@router.get("/alerts")
def list_alerts(
    request: Request,
    watchlist: Annotated[str | None, Query(max_length=40, description="Only this watchlist's alerts.")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict:
    """The newest alerts, newest first, each with its stable `id` (as the webhooks and the feeds carry it)."""
    found = alerts.recent(request.app.state.store, watchlist, limit)
    return {"items": [a.to_dict() for a in found], "next": None}

"""The watchlist pages: the list of watchlists, the recent alerts, each watchlist's Atom feed,
and the follow and unfollow forms behind the "Follow" button of the entity, search and thread pages.

/watchlists                      the watchlists, with their feeds and alerts
/alerts                          recent alerts (?watchlist=<id> for one watchlist's)
/watchlists/{id}/feed.atom       the watchlist's Atom feed, for any feed reader
POST /watchlists                 follow (the form); POST /watchlists/{id}/unfollow

The forms write to the store, so they take the CSRF field and, when the server has a write
token, that token in a field (a server without one listens on this machine only).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from .. import alerts
from ..alerts.atom import MEDIA_TYPE
from .errors import ApiError
from .security import CSRF_FIELD, check_form_write
from .watchlists_api import follow as api_follow

router = APIRouter(include_in_schema=False)
ALERTS_SHOWN = 100


def _local_link(payload: dict) -> str | None:
    """An alert's link on this site, only when it is a path here (never another site's)."""
    link = payload.get("link")
    return link if isinstance(link, str) and link.startswith("/") and not link.startswith("//") else None


@router.get("/watchlists")
def watchlists_page(request: Request):
    from .web import page

    store = request.app.state.store
    return page(request, "watchlists.html", watchlists=alerts.watchlists(store))


@router.get("/alerts")
def alerts_page(request: Request, watchlist: Annotated[str | None, Query(max_length=40)] = None):
    from .web import page

    store = request.app.state.store
    labels = {w.id: w for w in alerts.watchlists(store)}
    shown = labels.get(watchlist) if watchlist else None
    if watchlist and shown is None:
        raise ApiError(404, f"no watchlist {watchlist!r}")
    found = alerts.recent(store, watchlist, ALERTS_SHOWN)
    return page(
        request, "alerts.html", alerts=found, labels=labels, shown=shown, local_link=_local_link, summary=alerts.summary
    )


@router.get("/watchlists/{watchlist_id}/feed.atom")
def feed(watchlist_id: str, request: Request):
    store = request.app.state.store
    found = alerts.get(store, watchlist_id)
    if found is None:
        raise ApiError(404, f"no watchlist {watchlist_id!r}")
    body = alerts.feed(found, alerts.recent(store, watchlist_id, ALERTS_SHOWN), str(request.base_url))
    return Response(body, media_type=MEDIA_TYPE)


@router.post("/watchlists")
def follow_form(
    request: Request,
    kind: Annotated[str, Form(max_length=10)],
    target: Annotated[str, Form(max_length=500)] = "",
    entity: Annotated[str, Form(max_length=200)] = "",
    source_kind: Annotated[str, Form(max_length=20)] = "",
    certainty: Annotated[str, Form(max_length=20)] = "",
    outlet: Annotated[str, Form(max_length=200)] = "",
    since: Annotated[str, Form(max_length=10)] = "",
    until: Annotated[str, Form(max_length=10)] = "",
    token: Annotated[str, Form(max_length=500)] = "",
    csrf: Annotated[str, Form(alias=CSRF_FIELD)] = "",
):
    check_form_write(request, csrf, token)
    filters = {"entity": entity, "source_kind": source_kind, "certainty": certainty}
    filters |= {"outlet": outlet, "since": since, "until": until}
    if kind != "search":
        filters = {}
    made = api_follow(request.app.state.store, kind, target, filters)
    return RedirectResponse(f"/watchlists#w-{made.id}", status_code=303)


@router.post("/watchlists/{watchlist_id}/unfollow")
def unfollow_form(
    watchlist_id: str,
    request: Request,
    token: Annotated[str, Form(max_length=500)] = "",
    csrf: Annotated[str, Form(alias=CSRF_FIELD)] = "",
):
    check_form_write(request, csrf, token)
    if not alerts.unfollow(request.app.state.store, watchlist_id):
        raise ApiError(404, f"no watchlist {watchlist_id!r}")
    return RedirectResponse("/watchlists", status_code=303)

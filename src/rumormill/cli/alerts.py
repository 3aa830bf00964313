"""The watchlist commands: follow, unfollow, watchlists and alerts.

rumormill follow entity "Lena Morrow" --webhook https://hooks.example/rumours
rumormill follow search "divorce" --certainty denied
rumormill follow thread 3f9c0a1b2c4d
rumormill watchlists
rumormill alerts --check --deliver
rumormill unfollow 9b1d0c7e5a3f2e41
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ..errors import RumormillError
from ._common import Format, app, err, fail, out
from .store import (
    CertaintyOpt,
    DbOption,
    EntityOpt,
    OutletOpt,
    SinceOpt,
    SourceKindOpt,
    UntilOpt,
    _filters,
    _open,
)

FormatOption = Annotated[Format, typer.Option("--format", "-f", help="text: a readable view; json: the objects.")]


class FollowKind(str, Enum):
    entity = "entity"
    search = "search"
    thread = "thread"


@app.command()
def follow(
    kind: Annotated[FollowKind, typer.Argument(help="entity (a person or organisation), search, or thread.")],
    target: Annotated[
        str, typer.Argument(help="The entity's name or profile id, the search words (may be empty), or the thread id.")
    ],
    webhook: Annotated[
        str | None, typer.Option("--webhook", help="POST each alert here as JSON, signed (see the README).")
    ] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Let the webhook reach private, loopback and link-local addresses.")
    ] = False,
    label: Annotated[str | None, typer.Option("--label", help="A name for the watchlist.")] = None,
    entity: EntityOpt = None,
    source_kind: SourceKindOpt = None,
    certainty: CertaintyOpt = None,
    outlet: OutletOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Follow an entity, a search or a claim thread: be told when it gains an article or a claim,
    or when the thread's status changes. The filters go with a search. Prints the webhook's
    signing secret once.

    Example: rumormill follow search "divorce" --entity "Lena Morrow" --webhook https://hooks.example/in
    """
    from .. import alerts

    filters = _filters(entity, source_kind, certainty, outlet, since, until)
    try:
        with _open(db) as store:
            made = alerts.follow(
                store, kind.value, target, filters=filters, webhook=webhook, allow_private=allow_private, label=label
            )
    except RumormillError as error:
        raise fail(error) from None
    if format is Format.json:
        sys.stdout.write(json.dumps(made.to_dict(secret=True), indent=2) + "\n")
        return
    out.print(f"following {escape(made.label)} as watchlist {made.id}")
    out.print(f"feed: /watchlists/{made.id}/feed.atom (on rumormill serve)")
    if made.webhook:
        out.print(f"webhook: {escape(made.webhook)}")
        out.print(f"signing secret (shown once): {made.secret}")


@app.command()
def unfollow(
    watchlist_id: Annotated[str, typer.Argument(help="The watchlist's id (see rumormill watchlists).")],
    db: DbOption = None,
) -> None:
    """Remove a watchlist, with its alerts and undelivered webhooks.

    Example: rumormill unfollow 9b1d0c7e5a3f2e41
    """
    from .. import alerts

    try:
        with _open(db) as store:
            removed = alerts.unfollow(store, watchlist_id)
    except RumormillError as error:
        raise fail(error) from None
    if not removed:
        raise fail(RumormillError(f"no watchlist {watchlist_id!r}"), code=1)
    out.print(f"unfollowed {escape(watchlist_id)}")


@app.command()
def watchlists(db: DbOption = None, format: FormatOption = Format.text) -> None:
    """List the watchlists: what each follows, and where its alerts go.

    Example: rumormill watchlists --format json
    """
    from .. import alerts

    try:
        with _open(db) as store:
            found = alerts.watchlists(store)
    except RumormillError as error:
        raise fail(error) from None
    if format is Format.json:
        sys.stdout.write(json.dumps([w.to_dict() for w in found], indent=2) + "\n")
        return
    table = Table(title=f"{len(found)} watchlists", title_justify="left")
    for column in ("id", "kind", "follows", "webhook", "since"):
        table.add_column(column, overflow="fold")
    for w in found:
        table.add_row(w.id, w.kind, escape(w.label), escape(w.webhook or "-"), w.created_at[:10])
    out.print(table)


@app.command("alerts")
def alerts_command(
    check: Annotated[bool, typer.Option("--check", help="Compare the store with the watchlists first.")] = False,
    deliver: Annotated[bool, typer.Option("--deliver", help="Post the webhooks that are due.")] = False,
    watchlist: Annotated[str | None, typer.Option("--watchlist", help="Only this watchlist's alerts.")] = None,
    limit: Annotated[int, typer.Option(help="Show at most this many.", min=1, max=1000)] = 20,
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """List the newest alerts; --check finds new ones, --deliver posts the due webhooks
    (`ingest` and `link` do both after they store something).

    Example: rumormill alerts --check --deliver
    """
    from .. import alerts

    try:
        with _open(db) as store:
            found = alerts.check(store) if check else []
            report = alerts.deliver(store) if deliver else None
            recent = alerts.recent(store, watchlist, limit)
    except RumormillError as error:
        raise fail(error) from None
    if format is Format.json:
        document = {"new": len(found), "alerts": [a.to_dict() for a in recent]}
        if report is not None:
            document["delivery"] = report.to_dict()
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return
    if check:
        out.print(f"{len(found)} new alerts")
    if report is not None:
        out.print(f"webhooks: {report.delivered} delivered, {report.retrying} to retry, {report.failed} failed")
        for error in report.errors[:20]:
            err.print(f"[red]not delivered[/] {escape(error)}", soft_wrap=True)
    table = Table(title=f"{len(recent)} recent alerts", title_justify="left")
    for column in ("when", "watchlist", "kind", "alert"):
        table.add_column(column, overflow="fold")
    for a in recent:
        table.add_row(a.created_at[:16], a.watchlist_id, a.kind, escape(a.title))
    out.print(table)

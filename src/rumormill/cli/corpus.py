"""The corpus commands: stories, story, thread, entity, timeline and link.

rumormill stories
rumormill story 3f2a9c1b7d0e
rumormill thread 9a41c0e2b7f3 --format json
rumormill entity "Kanye West"
rumormill timeline --entity "Kim Kardashian"
rumormill link --rebuild
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ..errors import RumormillError
from ._common import Format, app, fail, out, print_error
from .store import DbOption, _open

FormatOption = Annotated[Format, typer.Option("--format", "-f", help="text: a readable view; json: the object.")]

_STATUS_STYLE = {"open": "yellow", "confirmed": "green", "denied": "red", "retracted": "magenta"}
_STANCE_STYLE = {"supports": "green", "denies": "red", "repeats": "cyan", "questions": "yellow"}


def _json(model) -> None:
    if isinstance(model, list):
        text = "[" + ",\n".join(m.model_dump_json(indent=2) for m in model) + "]"
    else:
        text = model.model_dump_json(indent=2)
    sys.stdout.write(text + "\n")


def _read(db: str | None, read, missing: str | None = None):
    """What `read(store)` returns from the store at `db`; exit 2 on a store error, and 1 with
    the `missing` message when it finds nothing."""
    try:
        with _open(db) as store:
            found = read(store)
    except RumormillError as error:
        raise fail(error) from None
    if found is None and missing is not None:
        print_error(RumormillError(missing))
        raise typer.Exit(1)
    return found


def _date(value: str | None) -> str:
    return value or "undated"


@app.command()
def stories(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="Show at most this many.")] = 20,
    offset: Annotated[int, typer.Option(help="Skip this many first.")] = 0,
    format: FormatOption = Format.text,
) -> None:
    """List the stories, the most recently active first: articles, independent origins, outlets.

    Example: rumormill stories --limit 50
    """
    from .. import corpus

    found = _read(db, lambda store: corpus.stories(store, limit=limit, offset=offset))
    if format is Format.json:
        return _json(found)
    table = Table(title="stories", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("dates", no_wrap=True)
    for column in ("articles", "origins", "outlets", "threads"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("title", ratio=1)
    for s in found:
        dates = _date(s.first_seen) if s.first_seen == s.last_seen else f"{_date(s.first_seen)} → {_date(s.last_seen)}"
        table.add_row(
            s.id,
            dates,
            str(s.articles),
            str(s.origins),
            str(s.outlets),
            str(s.threads),
            escape(s.title or ", ".join(s.entities[:3])),
        )
    out.print(table)


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(metavar="ID", help="A story id (see `rumormill stories`).")],
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Show a story: its articles by date grouped into independent origins, its claim threads and
    the other stories those threads run into.

    Example: rumormill story 3f2a9c1b7d0e
    """
    from .. import corpus

    found = _read(db, lambda store: corpus.story(store, story_id), f"no story has the id {story_id!r}")
    if format is Format.json:
        return _json(found)
    out.print(f"[bold]{escape(found.title or found.id)}[/]  [dim]{found.id}[/]")
    out.print(
        f"{_date(found.first_seen)} → {_date(found.last_seen)} · {found.articles} articles · "
        f"{found.origins} independent origins · {found.outlets} outlets · {', '.join(map(escape, found.entities[:5]))}"
    )
    members = {m.id: m for m in found.members}
    table = Table(title="origins (copies and rewrites count once)", title_justify="left")
    for column in ("origin", "date", "outlet", "title"):
        table.add_column(column)
    for origin in found.origin_groups:
        for i, article_id in enumerate(origin.articles):
            m = members.get(article_id)
            if m is None:
                continue
            label = origin.id[:12] if i == 0 else "  └ copy"
            table.add_row(label, _date(m.published), escape(m.outlet or ""), escape(m.title or m.id[:12]))
    out.print(table)
    _thread_table(found.claim_threads, "claim threads (most occurrences first)")
    if found.related:
        out.print("[bold]related stories[/] [dim](they carry the same claims)[/]")
        for r in found.related:
            out.print(f"  {r.id}  {_date(r.first_seen)}  {escape(r.title or '')}")


def _thread_table(threads, title: str) -> None:
    table = Table(title=title, title_justify="left")
    for column in ("id", "status", "first seen", "seen", "origins"):
        table.add_column(column, justify="right" if column in ("seen", "origins") else "left", no_wrap=True)
    table.add_column("best source", ratio=1)
    table.add_column("claim", ratio=3)
    for t in threads:
        style = _STATUS_STYLE.get(t.status, "")
        source = t.best_source.name or t.best_source.kind if t.best_source else ""
        table.add_row(
            t.id,
            f"[{style}]{t.status}[/]",
            _date(t.first_seen),
            str(t.occurrences),
            str(t.origins),
            escape(source or ""),
            escape(t.text[:100]),
        )
    out.print(table)


@app.command()
def thread(
    thread_id: Annotated[str, typer.Argument(metavar="ID", help="A claim thread id.")],
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Show one claim across outlets and over time: each occurrence's stance and source, and the
    thread's status with the occurrences that settled it.

    Example: rumormill thread 9a41c0e2b7f3
    """
    from .. import corpus

    found = _read(db, lambda store: corpus.thread(store, thread_id), f"no claim thread has the id {thread_id!r}")
    if format is Format.json:
        return _json(found)
    style = _STATUS_STYLE.get(found.status, "")
    out.print(f"[bold]“{escape(found.text)}”[/]  [dim]{found.id}[/]")
    out.print(
        f"status [{style}]{found.status}[/] · first seen {_date(found.first_seen)} · {found.occurrences} occurrences"
        f" · {found.origins} independent origins · {found.outlets} outlets"
    )
    for evidence in found.evidence:
        estimate = " [dim](an estimate from the coverage, not on record)[/]" if evidence.basis == "estimate" else ""
        out.print(f"  settled by: {escape(evidence.rule)}{estimate}")
        for o in evidence.occurrences:
            out.print(f"    {_date(o.published)}  {escape(o.outlet or '')}: {escape(o.text[:120])}")
    table = Table(title="occurrences", title_justify="left")
    for column in ("date", "stance", "certainty"):
        table.add_column(column, no_wrap=True)
    table.add_column("outlet", ratio=1)
    table.add_column("source", ratio=1)
    table.add_column("claim", ratio=3)
    for o in found.items:
        stance = f"[{_STANCE_STYLE.get(o.stance, '')}]{o.stance}[/]"
        source = f"{o.source.name or ''} ({o.source.kind})" if o.source.name else o.source.kind
        table.add_row(
            _date(o.published), stance, o.certainty, escape(o.outlet or ""), escape(source), escape(o.text[:90])
        )
    out.print(table)


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="A name, an alias or a profile id (kanye-west).")],
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Show an entity's profile across articles: facts with their article and date, what follows
    from them, conflicts, and the stories and claims about it.

    Example: rumormill entity "Kanye"
    """
    from .. import corpus

    found = _read(db, lambda store: corpus.profile(store, name), f"no stored entity is called {name!r}")
    if format is Format.json:
        return _json(found)
    aliases = f" (also {', '.join(map(escape, found.aliases))})" if found.aliases else ""
    out.print(f"[bold]{escape(found.name)}[/]{aliases}  [dim]{found.id} · {found.kind}[/]")
    out.print(f"in {found.articles} articles, {_date(found.first_seen)} → {_date(found.last_seen)}")
    if found.born:
        out.print(f"born between {found.born['after']} and {found.born['before']} (from the ages)")
    for conflict in found.conflicts:
        out.print(f"[bold red]conflict[/] ({conflict.kind}): {escape(conflict.message)}")
    table = Table(title="facts", title_justify="left")
    for column in ("fact", "date"):
        table.add_column(column, no_wrap=True)
    for column, ratio in (("value", 1), ("outlet", 1), ("said as", 2)):
        table.add_column(column, ratio=ratio)
    for f in found.facts:
        value = f.value if f.certainty == "asserted" else f"{f.value} ({f.certainty})"
        table.add_row(f.kind, _date(f.published), escape(value), escape(f.outlet or ""), escape(f.span.text[:70]))
    out.print(table)
    if found.threads:
        _thread_table(found.threads, "claims about it")
    if found.stories:
        out.print("[bold]stories[/]")
        for s in found.stories:
            out.print(f"  {s.id}  {_date(s.last_seen)}  {escape(s.title or '')}")


@app.command()
def timeline(
    story: Annotated[str | None, typer.Option("--story", help="A story id.")] = None,
    entity: Annotated[str | None, typer.Option("--entity", help="A name, alias or profile id.")] = None,
    db: DbOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Dated events, claims by first appearance and publications, in order, for a story or an entity.

    Example: rumormill timeline --entity "Kim Kardashian"
    """
    from .. import corpus

    if (story is None) == (entity is None):
        raise typer.BadParameter("give --story ID or --entity NAME (one of them)")
    found = _read(
        db,
        lambda store: corpus.timeline(store, story=story, entity=entity),
        f"no story has the id {story!r}" if story else f"no stored entity is called {entity!r}",
    )
    if format is Format.json:
        return _json(found)
    table = Table(title=escape(f"timeline: {found.title or ''}"), title_justify="left")
    for column in ("date", "kind"):
        table.add_column(column, no_wrap=True)
    table.add_column("what", ratio=3)
    table.add_column("source / outlet", ratio=1)
    for e in found.events:
        who = (e.source.name if e.source and e.source.name else "") or e.outlet or ""
        table.add_row(e.date, e.kind, escape(e.text[:110]), escape(who))
    out.print(table)


@app.command()
def link(
    db: DbOption = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Forget all stories and threads; link everything.")
    ] = False,
    format: FormatOption = Format.text,
) -> None:
    """Link stored articles into stories, independent origins and claim threads. `ingest` links
    what it stores as it goes; this links anything left, or everything again with --rebuild.

    Example: rumormill link --rebuild
    """

    report = _read(db, lambda store: _link(store, rebuild))
    if format is Format.json:
        return _json(report)
    out.print(
        f"linked {report.articles} articles in {report.seconds:.1f} s: {report.stories_new} new stories,"
        f" {report.stories_joined} joined one, {report.origins_new} new origins, {report.threads_new} new threads,"
        f" {report.occurrences} claim occurrences"
    )


def _link(store, rebuild: bool):
    """Link, then tell the watchlists what changed (`rumormill.alerts`)."""
    from .. import alerts, corpus

    report = corpus.relink(store) if rebuild else corpus.link(store)
    if report.articles:
        alerts.after_cycle(store)
    return report

"""Watching sources: `rumormill watch` polls them, `rumormill sources` lists and edits them.

rumormill sources add https://example.com/feed.xml --interval 600
rumormill sources import feeds.urls
rumormill watch                      # until Ctrl-C or SIGTERM
rumormill watch --once               # one cycle, for cron
rumormill sources                    # the list, with each source's health
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ..errors import RumormillError
from ._common import Format, app, err, fail, out

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="The store: a path, sqlite:///path or postgresql://... (default: RUMORMILL_DB)."),
]
IntervalOption = Annotated[
    float | None, typer.Option("--interval", help="Seconds between polls of the source (default 900).", min=1)
]

sources_app = typer.Typer(
    help="The watched sources with their health; add, remove, import.",
    context_settings={"help_option_names": ["-h", "--help"]},
    invoke_without_command=True,
)
app.add_typer(sources_app, name="sources")


def _open(db: str | None):
    from ..store import open_store

    return open_store(db)


@app.command()
def watch(
    db: DbOption = None,
    sources: Annotated[
        Path | None,
        typer.Option("--sources", help="A sources file (one URL a line, optionally its interval) to watch too."),
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="Poll what is due once and exit (for cron).")] = False,
    host_delay: Annotated[
        float, typer.Option("--host-delay", help="Least seconds between two requests to one host.", min=0)
    ] = 1.0,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Let polls reach private and loopback addresses.")
    ] = False,
    format: Annotated[Format, typer.Option("--format", "-f", help="text, or json: one line per poll.")] = Format.text,
) -> None:
    """Poll the watched sources on their schedules and store what is new, until stopped.

    Each source is fetched with its last ETag and Last-Modified (a 304 is not read again), at its
    own interval, with a growing, jittered wait after errors. SIGTERM or Ctrl-C stops it after the
    poll under way; a later start resumes from the store, after any stop.

    Example: rumormill sources add https://example.com/feed.xml && rumormill watch
    """
    from ..watch import Watcher, import_sources

    stop = threading.Event()

    def stopping(signum, _frame):
        if stop.is_set():  # a second signal: leave now (every write is a transaction)
            raise KeyboardInterrupt
        err.print("stopping after the poll under way (again to stop at once)")
        stop.set()

    previous = {sig: signal.signal(sig, stopping) for sig in (signal.SIGTERM, signal.SIGINT)}

    def print_poll(result) -> None:
        if format is Format.json:
            row = {
                "source": result.source,
                "outcome": result.outcome,
                "status": result.status,
                "new": len(result.new_ids),
                "error": result.error,
            }
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            sys.stdout.flush()
            return
        note = f"{len(result.new_ids)} new" if result.outcome != "error" else escape(result.error or "")
        out.print(f"{result.outcome:<12} {escape(result.source)}  {note}")

    try:
        watcher = Watcher(db, allow_private=allow_private, host_delay=host_delay, on_poll=print_poll)
        try:
            if sources is not None:
                import_sources(watcher.store, sources)
            if once:
                report = watcher.run_once(stop)
                err.print(_summary(report.to_dict()))
            else:
                err.print("watching; Ctrl-C or SIGTERM stops")
                watcher.run(stop)
        finally:
            watcher.close()
    except RumormillError as error:
        raise fail(error) from None
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _summary(report: dict) -> str:
    return (
        f"{report['polls']} polls: {report['new']} with new articles ({report['new_articles']} articles), "
        f"{report['unchanged']} unchanged, {report['not_modified']} not modified, {report['errors']} failed "
        f"in {report['seconds']:.1f} s"
    )


@sources_app.callback()
def sources_list(
    ctx: typer.Context,
    db: DbOption = None,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
) -> None:
    """The watched sources with their health: last success, last new article, error streak,
    articles per day, and whether a source that used to publish has gone quiet.

    Example: rumormill sources --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    from ..watch import sources_health

    try:
        with _open(db) as store:
            rows = sources_health(store)
    except RumormillError as error:
        raise fail(error) from None
    if format is Format.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=f"{len(rows)} sources", title_justify="left")
    for column in ("id", "url", "status", "errors", "per day", "last success", "last new article", "next due"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            str(row["id"]),
            escape(row["url"]),
            row["status"],
            str(row["error_streak"]),
            f"{row['articles_per_day']:g}",
            row["last_success"] or "never",
            row["last_new_article"] or "never",
            row["next_due"],
        )
    out.print(table)


@sources_app.command("add")
def sources_add(
    url: Annotated[str, typer.Argument(help="A feed or page URL.")],
    db: DbOption = None,
    interval: IntervalOption = None,
) -> None:
    """Watch a feed or a page (due at once). A watched URL keeps its history; --interval changes it.

    Example: rumormill sources add https://example.com/feed.xml --interval 600
    """
    from ..watch import add_source

    try:
        with _open(db) as store:
            row = add_source(store, url, interval)
    except RumormillError as error:
        raise fail(error) from None
    out.print(f"watching {escape(row['url'])} every {row['interval_s']:g} s (id {row['id']})")


@sources_app.command("remove")
def sources_remove(source: Annotated[str, typer.Argument(help="The source's URL or id.")], db: DbOption = None) -> None:
    """Stop watching a source and drop its poll history (its articles stay).

    Example: rumormill sources remove https://example.com/feed.xml
    """
    from ..watch import remove_source

    try:
        with _open(db) as store:
            removed = remove_source(store, source)
    except RumormillError as error:
        raise fail(error) from None
    if not removed:
        raise fail(RumormillError(f"no watched source {source!r}; rumormill sources lists them"), code=1)
    out.print(f"stopped watching {escape(source)}")


@sources_app.command("import")
def sources_import(
    file: Annotated[Path, typer.Argument(help="One URL a line, optionally followed by its interval in seconds.")],
    db: DbOption = None,
    interval: IntervalOption = None,
) -> None:
    """Watch every URL of a file (a `.urls` list works); `#` comments and blank lines are skipped.

    Example: rumormill sources import feeds.urls --interval 1800
    """
    from ..watch import import_sources

    try:
        with _open(db) as store:
            count = import_sources(store, file, interval)
    except RumormillError as error:
        raise fail(error) from None
    out.print(f"watching {count} sources from {escape(str(file))}")

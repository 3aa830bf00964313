"""The store's commands: ingest, search, show, stats, failures, export, reanalyze.

rumormill ingest examples/ feeds.urls --db rumormill.db
rumormill search "living apart" --source-kind anonymous --since 2020-07-01
rumormill export --format claims-jsonld --out claims.jsonld
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ..errors import RumormillError
from ..model import CERTAINTIES, SOURCE_KINDS
from ._common import Format, InputFormat, app, err, fail, out, print_error

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="The store: a path, sqlite:///path or postgresql://... (default: RUMORMILL_DB)."),
]

SourceKindEnum = Enum("SourceKind", {k: k for k in SOURCE_KINDS}, type=str)
CertaintyEnum = Enum("Certainty", {k: k for k in CERTAINTIES}, type=str)


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    claims_jsonld = "claims-jsonld"
    claimreview = "claimreview"


def _open(db: str | None):
    from ..store import open_store

    return open_store(db)


def _filters(entity, source_kind, certainty, outlet, since, until):
    from ..store import Filters

    for name, value in (("--since", since), ("--until", until)):
        if value is not None and not _partial_date(value):
            raise typer.BadParameter(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", param_hint=name)
    return Filters(
        entity=entity,
        source_kind=source_kind.value if source_kind else None,
        certainty=certainty.value if certainty else None,
        outlet=outlet,
        since=since,
        until=until,
    )


def _partial_date(value: str) -> bool:
    from datetime import date

    parts = value.split("-")
    try:
        if len(parts) == 1 and len(value) == 4:
            return value.isdigit()
        if len(parts) == 2:
            return 1 <= int(parts[1]) <= 12 and len(parts[0]) == 4
        date.fromisoformat(value)
        return True
    except ValueError:
        return False


# the filter options every query command shares
EntityOpt = Annotated[str | None, typer.Option("--entity", help="Claims about (or by) this person or thing.")]
SourceKindOpt = Annotated[SourceKindEnum | None, typer.Option("--source-kind", help="Who backs the claim.")]
CertaintyOpt = Annotated[CertaintyEnum | None, typer.Option("--certainty", help="asserted, hedged or denied.")]
OutletOpt = Annotated[str | None, typer.Option("--outlet", help="Articles that appeared in this outlet.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Published on or after (YYYY[-MM[-DD]]).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Published on or before (YYYY[-MM[-DD]]).")]


def _estimate(sources: list[str], input_format: str | None) -> int | None:
    """How many records the sources hold, when that is cheap to know (for the progress ETA)."""
    from ..read import format_of
    from ..read._dispatch import _expand

    total = 0
    try:
        for source in sources:
            if source == "-" or "://" in source:
                return None
            for path in _expand(source):
                fmt = input_format or format_of(path)
                if fmt in ("text", "html"):
                    total += 1
                elif fmt == "jsonl":
                    with open(path, "rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                else:
                    return None
    except (RumormillError, OSError):
        return None
    return total


@app.command()
def ingest(
    sources: Annotated[
        list[str], typer.Argument(help="Files, directories, globs, feeds, URL lists (.urls), WARC files or URLs.")
    ],
    db: DbOption = None,
    input_format: Annotated[
        InputFormat | None, typer.Option("--input-format", help="Override the format guessed from each name.")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for articles that have none.")
    ] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Let URL fetches reach private, loopback and link-local addresses.")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit non-zero if any record failed.")] = False,
    batch_size: Annotated[int | None, typer.Option(help="Articles per batch and per transaction.")] = None,
    link: Annotated[
        bool, typer.Option("--link/--no-link", help="Link into stories and claim threads as it goes (or later: link).")
    ] = True,
    format: Annotated[Format, typer.Option("--format", "-f", help="text: a summary; json: the report.")] = Format.text,
) -> None:
    """Read, analyse and store articles, and link them into stories and claim threads. Idempotent
    and resumable: rerun it after a crash.

    Records that cannot be read or analysed go to the store's failures (see `rumormill failures`);
    the run goes on. Exits 1 when everything failed, or when anything failed with --strict.

    Example: rumormill ingest examples/ --db rumormill.db
    """
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from ..ingest import ingest as run_ingest

    fmt = input_format.value if input_format else None
    try:
        store = _open(db)
    except RumormillError as error:
        raise fail(error) from None
    progress = Progress(
        TextColumn("[bold]ingest[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:>6.1f} articles/s · {task.fields[failed]} failed"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err,
        transient=False,
        disable=format is Format.json or not err.is_terminal,
    )
    task = progress.add_task("ingest", total=_estimate(sources, fmt), rate=0.0, failed=0)

    def update(report) -> None:
        rate = report.read / report.seconds if report.seconds else 0.0
        elapsed = progress.tasks[0].elapsed or 0.0
        rate = report.read / elapsed if elapsed else rate
        progress.update(task, completed=report.processed, rate=rate, failed=report.failed)

    try:
        with progress:
            report = run_ingest(
                sources,
                store,
                format=fmt,
                published=published,
                batch_size=batch_size,
                allow_private=allow_private,
                link=link,
                on_progress=update,
            )
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/]: what was stored stays stored; run the same command again to resume")
        raise typer.Exit(130) from None
    except RumormillError as error:
        raise fail(error) from None
    finally:
        store.close()
    if format is Format.json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
    else:
        _print_ingest(report, store.url)
    if report.all_failed or (strict and report.failed):
        raise typer.Exit(1)


def _print_ingest(report, url: str) -> None:
    table = Table(title=f"ingest into {escape(url)} ({report.seconds:.1f} s)", title_justify="left")
    table.add_column("")
    table.add_column("count", justify="right")
    rows = (
        ("read", report.read),
        ("analysed", report.analysed),
        ("new articles", report.stored),
        ("re-analysed", report.replaced),
        ("already stored", report.unchanged),
        ("new appearances", report.appearances),
        ("failed", report.failed),
    )
    for name, count in rows:
        table.add_row(name, f"{count:,}")
    out.print(table)
    for _origin, error in report.failures[:20]:
        err.print(f"[red]failed[/] {escape(error)}", soft_wrap=True)  # the message names the input
    if report.failed > 20:
        err.print(f"... and {report.failed - 20:,} more: rumormill failures")


@app.command()
def search(
    query: Annotated[str | None, typer.Argument(help='Words, "a phrase", OR, -word. Empty: newest first.')] = None,
    like: Annotated[
        str | None,
        typer.Option("--like", help="Claims that say what this text says, by meaning (sentence embeddings)."),
    ] = None,
    entity: EntityOpt = None,
    source_kind: SourceKindOpt = None,
    certainty: CertaintyOpt = None,
    outlet: OutletOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: Annotated[int, typer.Option(help="At most this many hits.", min=1, max=10000)] = 20,
    db: DbOption = None,
    format: Annotated[
        Format, typer.Option("--format", "-f", help="text: a table; json: a list of hits.")
    ] = Format.text,
) -> None:
    """Search stored claims, with their source, certainty, article and date.

    Example: rumormill search "living apart" --entity "Kanye West" --certainty hedged

    Example: rumormill search --like "Kim and Kanye have separated" --since 2020
    """
    filters = _filters(entity, source_kind, certainty, outlet, since, until)
    if like is not None and query:
        raise typer.BadParameter("give words to search for or --like TEXT, not both", param_hint="--like")
    try:
        with _open(db) as store:
            hits = (
                store.like(like, filters, limit=limit)
                if like is not None
                else store.search(query, filters, limit=limit)
            )
            lacking = store.missing_vectors() if like is not None else 0
    except RumormillError as error:
        raise fail(error) from None
    if lacking:
        err.print(f"{lacking:,} stored claims have no vector yet and were not searched: run rumormill embed")
    if format is Format.json:
        sys.stdout.write(json.dumps(hits, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=f"{len(hits)} claims", title_justify="left", show_lines=False)
    columns = ("date", "outlet", "source", "certainty", "claim", "article")
    for column in ("similar", *columns) if like is not None else columns:
        table.add_column(column, overflow="fold")
    for hit in hits:
        source = hit["source"]
        who = f"{source['kind']}: {source['name']}" if source["name"] else source["kind"]
        table.add_row(
            *([f"{hit['similarity']:.2f}"] if like is not None else []),
            hit["article"]["published"] or "",
            escape(hit["article"]["outlet"] or ""),
            escape(who),
            hit["certainty"],
            escape(hit["text"]),
            f"{hit['article_id'][:12]} {escape(hit['article']['title'] or '')}",
        )
    out.print(table)


@app.command()
def embed(db: DbOption = None) -> None:
    """Give every stored claim its sentence embedding, for search --like (claims stored before the
    embeddings were installed have none; new ones get theirs as they are stored).

    Example: rumormill embed --db rumormill.db
    """
    try:
        with _open(db) as store:
            made = store.embed_missing()
    except RumormillError as error:
        raise fail(error) from None
    out.print(f"{made:,} claims embedded")


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="An article id, or its first characters.")],
    db: DbOption = None,
    format: Annotated[
        Format, typer.Option("--format", "-f", help="text: the report; json: the Analysis.")
    ] = Format.text,
) -> None:
    """Print a stored analysis, in the same report as `rumormill analyze`.

    Example: rumormill show 731ed5776cca
    """
    from ..report import render

    try:
        with _open(db) as store:
            analysis = store.get(article_id)
            appearances = store.appearances(analysis.article.id) if analysis else []
    except RumormillError as error:
        raise fail(error) from None
    if analysis is None:
        print_error(RumormillError(f"no stored article has the id {article_id!r}"))
        raise typer.Exit(1)
    if format is Format.json:
        sys.stdout.write(json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    out.print(render(analysis))
    if len(appearances) > 1:
        out.print(f"[bold]Appearances[/] ({len(appearances)})")
        for seen in appearances:
            where = escape(seen["url"] or seen["origin"] or "")
            out.print(f"  {seen['published'] or '':10}  {escape(seen['outlet'] or '')}  {where}")


@app.command()
def stats(
    db: DbOption = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="text: tables; json: an object.")] = Format.text,
) -> None:
    """Counts of what is stored: articles, claims, quotes, entities, failures, and claims by outlet,
    month, source kind and certainty.

    Example: rumormill stats --format json
    """
    try:
        with _open(db) as store:
            result = store.stats()
            where = store.url
    except RumormillError as error:
        raise fail(error) from None
    if format is Format.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return
    totals = Table(title=escape(where), title_justify="left")
    for key in ("articles", "appearances", "claims", "quotes", "entities", "failures", "stale"):
        totals.add_column(key, justify="right")
    totals.add_row(
        *(f"{result[k]:,}" for k in ("articles", "appearances", "claims", "quotes", "entities", "failures", "stale"))
    )
    out.print(totals)
    for key, title in (
        ("by_outlet", "articles by outlet"),
        ("by_month", "articles by month"),
        ("by_source_kind", "claims by source kind"),
        ("by_certainty", "claims by certainty"),
    ):
        table = Table(title=title, title_justify="left")
        table.add_column("")
        table.add_column("count", justify="right")
        items = list(result[key].items())
        for name, count in items[:15]:
            table.add_row(escape(str(name)), f"{count:,}")
        if len(items) > 15:
            table.add_row(f"... {len(items) - 15} more", "")
        out.print(table)


@app.command()
def failures(
    db: DbOption = None,
    limit: Annotated[int | None, typer.Option(help="Show at most this many.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
) -> None:
    """Records that could not be read or analysed, with where they came from and why.

    Example: rumormill failures --limit 20
    """
    try:
        with _open(db) as store:
            rows = store.failures(limit)
    except RumormillError as error:
        raise fail(error) from None
    if format is Format.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=f"{len(rows)} failures", title_justify="left")
    for column in ("origin", "stage", "error", "attempts", "last seen"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(escape(row["origin"]), row["stage"], escape(row["error"]), str(row["attempts"]), row["last_seen"])
    out.print(table)


@app.command()
def export(
    format: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="jsonl, csv, claims-jsonld or claimreview (settled claim threads)."),
    ],
    out_path: Annotated[Path | None, typer.Option("--out", "-o", help="Write here (default: standard output).")] = None,
    entity: EntityOpt = None,
    source_kind: SourceKindOpt = None,
    certainty: CertaintyOpt = None,
    outlet: OutletOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    db: DbOption = None,
) -> None:
    """Export the store: the full Analysis per article (jsonl), one row per claim (csv), or
    schema.org Claim objects with their appearances (claims-jsonld). Streams: memory stays flat.

    Example: rumormill export --format claims-jsonld --out claims.jsonld --since 2020-07
    """
    from ..export import export as run_export

    filters = _filters(entity, source_kind, certainty, outlet, since, until)
    try:
        with _open(db) as store:
            if out_path is None:
                count = run_export(store, format.value, sys.stdout, filters)
            else:
                partial = out_path.with_name(out_path.name + ".partial")
                newline = "" if format is ExportFormat.csv else None
                with partial.open("w", encoding="utf-8", newline=newline) as handle:
                    count = run_export(store, format.value, handle, filters)
                partial.replace(out_path)  # a reader never sees half a file
    except BrokenPipeError:  # `rumormill export ... | head`: the reader has had enough
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115  (so Python's exit flush does not fail again)
        raise typer.Exit(0) from None
    except OSError as error:
        raise fail(RumormillError(f"{out_path}: cannot write: {error.strerror}")) from None
    except RumormillError as error:
        raise fail(error) from None
    noun = {ExportFormat.jsonl: "articles", ExportFormat.claimreview: "claim reviews"}.get(format, "claims")
    err.print(f"exported {count:,} {noun}")


@app.command()
def reanalyze(
    db: DbOption = None,
    all_: Annotated[bool, typer.Option("--all", help="Re-analyse every article, not only stale ones.")] = False,
) -> None:
    """Analyse again, in place, the stored articles an older pipeline produced (or all with --all).

    Example: rumormill reanalyze --db rumormill.db
    """
    from ..ingest import reanalyze as run_reanalyze

    try:
        with _open(db) as store:
            if all_:
                store.mark_stale()
            result = run_reanalyze(store)
    except RumormillError as error:
        raise fail(error) from None
    out.print(f"{result['stale']:,} stale, {result['reanalysed']:,} re-analysed, {result['failed']:,} failed")
    if result["failed"] and not result["reanalysed"]:
        raise typer.Exit(1)

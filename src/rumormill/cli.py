"""The command line: thin wrappers that parse arguments, call the library and print.

rumormill analyze examples/kardashian-west-living-apart-2020-07-31.txt
rumormill analyze articles.jsonl --format json > analyses.jsonl
rumormill eval times --data tempeval3.jsonl --split test --format json
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import __version__
from .errors import RumormillError

app = typer.Typer(
    name="rumormill",
    help="Read news articles and make their claims checkable: who says what, how sure, and when.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


class Format(str, Enum):
    text = "text"
    json = "json"


class InputFormat(str, Enum):
    text = "text"
    jsonl = "jsonl"
    html = "html"


def _print_error(error: Exception) -> None:
    # the message quotes file names and input, which may look like rich markup ("[red]")
    err.print(f"[bold red]error:[/] {escape(str(error))}", markup=True, soft_wrap=True)


def _fail(error: Exception, code: int = 2) -> typer.Exit:
    _print_error(error)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        out.print(f"rumormill {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Read news articles and make their claims checkable."""


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for standard input.")],
    format: Annotated[
        Format, typer.Option("--format", "-f", help="text: a report; json: the Analysis JSON.")
    ] = Format.text,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD), overriding the input's.")
    ] = None,
    input_format: Annotated[
        InputFormat | None, typer.Option("--input-format", help="Override the format guessed from the file name.")
    ] = None,
    model: Annotated[
        str | None, typer.Option(help="spaCy pipeline to use (default: the RUMORMILL_MODEL setting).")
    ] = None,
) -> None:
    """Analyse articles: claims grouped by source, hedges, quotes with speakers, entities, times.

    One JSON object per article with --format json (JSON Lines when there are several).

    Example: rumormill analyze examples/kardashian-west-living-apart-2020-07-31.txt
    """
    from pathlib import Path

    from .analyze import analyze_many
    from .read import format_of, read
    from .report import render

    if model:
        os.environ["RUMORMILL_MODEL"] = model  # the one setting that nlp() reads
    errors: list[RumormillError] = []
    analysed = 0
    try:
        fmt = input_format.value if input_format else None
        # One indented object for a single text or HTML file; JSON Lines for anything that can hold several.
        several = not (
            len(paths) == 1
            and (paths[0] == "-" or Path(paths[0]).is_file())
            and (fmt or ("text" if paths[0] == "-" else format_of(paths[0]))) != "jsonl"
        )
        articles = read(paths, format=fmt, on_error=errors.append)
        for analysis in analyze_many(articles, published=published, on_error=lambda _item, e: errors.append(e)):
            analysed += 1
            if format is Format.json:
                payload = analysis.to_dict()
                sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=None if several else 2) + "\n")
            else:
                out.print(render(analysis))
                out.print()
    except RumormillError as error:
        raise _fail(error) from None
    for error in errors:
        _print_error(error)
    if errors and not analysed:
        raise typer.Exit(2)
    if errors:
        raise typer.Exit(1)


@app.command("eval")
def evaluate_cmd(
    task: Annotated[str, typer.Argument(help="attribution | hedging | times")],
    data: Annotated[str, typer.Option("--data", help="A JSONL file in the schema of the task's dataset.")],
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
    split: Annotated[str | None, typer.Option(help="Only records of this split (attribution, times).")] = None,
    domain: Annotated[str | None, typer.Option(help="Only sentences of this domain (hedging).")] = None,
    limit: Annotated[int | None, typer.Option(help="Score only the first N records.")] = None,
) -> None:
    """Score the analysis against annotated data: precision, recall and F1.

    Example: rumormill eval hedging --data sentences.jsonl --domain news_factbank
    """
    from .evaluate import evaluate

    filters = {"limit": limit}
    if split is not None:
        filters["split"] = split
    if domain is not None:
        filters["domain"] = domain
    try:
        result = evaluate(task, data, **filters)
    except (RumormillError, TypeError) as error:
        raise _fail(error) from None
    if format is Format.json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    table = Table(title=f"{task} on {data} (n={result['n']})", title_justify="left")
    for column in ("metric", "precision", "recall", "f1"):
        table.add_column(column, justify="left" if column == "metric" else "right")
    for name, prf in _flatten(result["metrics"]):
        if isinstance(prf, dict):
            table.add_row(
                name, *(f"{prf[k]:.3f}" if prf.get(k) is not None else "" for k in ("precision", "recall", "f1"))
            )
        else:
            table.add_row(name, "", "", f"{prf:.3f}")
    out.print(table)


def _flatten(metrics: dict, prefix: str = ""):
    for key, value in metrics.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and "f1" in value:
            yield name, value
        elif isinstance(value, dict):
            yield from _flatten(value, name + ".")
        elif isinstance(value, (int, float)):
            yield name, value


if __name__ == "__main__":  # pragma: no cover
    app()

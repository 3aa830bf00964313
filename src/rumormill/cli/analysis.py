"""`rumormill analyze` and `rumormill eval`: one article at a time, and its measured quality."""

from __future__ import annotations

import json
import os
import sys
from typing import Annotated

import typer
from rich.table import Table

from ..errors import RumormillError
from ._common import Format, InputFormat, app, fail, out, print_error


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, URLs, or - for standard input.")],
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
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Let URL fetches reach private, loopback and link-local addresses.")
    ] = False,
) -> None:
    """Analyse articles: claims grouped by source, hedges, quotes with speakers, entities, times.

    One JSON object per article with --format json (JSON Lines when there are several).

    Example: rumormill analyze examples/kardashian-west-living-apart-2020-07-31.txt
    """
    from pathlib import Path

    from ..analyze import analyze_many
    from ..read import format_of, read
    from ..report import render

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
            and (fmt or ("text" if paths[0] == "-" else format_of(paths[0]))) in ("text", "html")
        )
        articles = read(paths, format=fmt, on_error=errors.append, allow_private=allow_private)
        for analysis in analyze_many(articles, published=published, on_error=lambda _item, e: errors.append(e)):
            analysed += 1
            if format is Format.json:
                payload = analysis.to_dict()
                sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=None if several else 2) + "\n")
            else:
                out.print(render(analysis))
                out.print()
    except RumormillError as error:
        raise fail(error) from None
    for error in errors:
        print_error(error)
    if errors and not analysed:
        raise typer.Exit(2)
    if errors:
        raise typer.Exit(1)


@app.command("eval")
def evaluate_cmd(
    task: Annotated[str, typer.Argument(help="The task to score; `rumormill eval --help` lists them.")],
    data: Annotated[str, typer.Option("--data", help="A JSONL file in the schema of the task's dataset.")],
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
    split: Annotated[str | None, typer.Option(help="Only records of this split (attribution, times).")] = None,
    domain: Annotated[str | None, typer.Option(help="Only sentences of this domain (hedging).")] = None,
    limit: Annotated[int | None, typer.Option(help="Score only the first N records.")] = None,
    train: Annotated[
        str | None, typer.Option("--train", help="Training data for the task's baseline (credibility).")
    ] = None,
    bodies: Annotated[str | None, typer.Option("--bodies", help="Article bodies, for tasks that need them.")] = None,
) -> None:
    """Score the analysis against annotated data: precision, recall and F1.

    Example: rumormill eval hedging --data sentences.jsonl --domain news_factbank
    """
    from ..evaluate import evaluate

    filters = {"limit": limit}
    if split is not None:
        filters["split"] = split
    if domain is not None:
        filters["domain"] = domain
    if train is not None:
        filters["train"] = train
    if bodies is not None:
        filters["bodies"] = bodies
    try:
        result = evaluate(task, data, **filters)
    except (RumormillError, TypeError) as error:
        raise fail(error) from None
    if format is Format.json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    # most tasks put their figures under "metrics"; claims keeps the reference scorer's sections
    sections = ("metrics", "baseline", "outlet_disjoint", "restyled") if "metrics" in result else ("figures",)
    if "metrics" not in result:
        skip = {"task", "n", "data", "filters", "missing_articles"}
        result = {**result, "figures": {k: v for k, v in result.items() if k not in skip}}
    for section in sections:
        if not isinstance(result.get(section), dict):
            continue
        title = f"{task} on {data} (n={result['n']})" + (
            f" — {section.replace('_', '-')}" if section not in ("metrics", "figures") else ""
        )
        table = Table(title=title, title_justify="left")
        for column in ("metric", "precision", "recall", "f1 / value"):
            table.add_column(column, justify="left" if column == "metric" else "right")
        for name, prf in _flatten(result[section]):
            if isinstance(prf, dict):
                table.add_row(
                    name, *(f"{prf[k]:.3f}" if prf.get(k) is not None else "" for k in ("precision", "recall", "f1"))
                )
            else:
                table.add_row(name, "", "", str(prf) if isinstance(prf, int) else f"{prf:.3f}")
        out.print(table)


def _flatten(metrics: dict, prefix: str = ""):
    for key, value in metrics.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and {"precision", "recall", "f1"} <= set(value):
            yield name, value
        elif isinstance(value, dict):
            yield from _flatten(value, name + ".")
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            yield name, value

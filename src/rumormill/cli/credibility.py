"""`rumormill score` and `rumormill train`: how credible an article is, and the model behind it."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from ..errors import ConfigError, RumormillError
from ._common import Format, InputFormat, app, err, fail, out, print_error

TRAINABLE = ("credibility", "stance", "attribution", "checkable")


@app.command()
def score(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for standard input.")],
    format: Annotated[
        Format, typer.Option("--format", "-f", help="text: score and top factors; json: the credibility JSON.")
    ] = Format.text,
    top: Annotated[int, typer.Option(help="How many factors to show.")] = 5,
    model: Annotated[
        str | None, typer.Option("--model", help="A credibility model file (default: the one shipped).")
    ] = None,
    input_format: Annotated[
        InputFormat | None, typer.Option("--input-format", help="Override the format guessed from the file name.")
    ] = None,
) -> None:
    """Score how credible articles are, with the factors and the spans of text behind the score.

    Example: rumormill score examples/kardashian-west-living-apart-2020-07-31.txt
    """
    from rich.text import Text

    from ..analyze import analyze_many
    from ..credibility import score as score_analysis
    from ..credibility.explain import credibility_panel
    from ..credibility.model import load
    from ..read import read

    errors: list[RumormillError] = []
    scored = 0
    try:
        chosen = load(model) if model else None
        articles = read(paths, format=input_format.value if input_format else None, on_error=errors.append)
        for analysis in analyze_many(articles, on_error=lambda _item, e: errors.append(e)):
            credibility = score_analysis(analysis, model=chosen) if chosen else analysis.credibility
            scored += 1
            if format is Format.json:
                payload = {"article": analysis.article.ref or analysis.article.origin, **credibility.to_dict()}
                sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
            else:
                out.print(Text(analysis.article.title or analysis.article.origin or "(untitled)", style="bold"))
                out.print(credibility_panel(credibility, top))
    except RumormillError as error:
        raise fail(error) from None
    for error in errors:
        print_error(error)
    if errors:
        raise typer.Exit(2 if not scored else 1)


@app.command()
def train(
    task: Annotated[str, typer.Argument(help="What to train: credibility, stance, attribution or checkable.")],
    data: Annotated[
        str,
        typer.Option(
            "--data",
            help="Labelled data: GossipCop articles, FNC-1 stances for stance, PolNeAR for attribution,"
            " judged thread sheets (a folder of threads-*.jsonl) for checkable.",
        ),
    ],
    out_path: Annotated[
        str | None,
        typer.Option(
            "--out",
            help="Where to write the model (default: TASK.json here, e.g. credibility.json)."
            " Use it with RUMORMILL_CREDIBILITY_MODEL or score --model; to replace the shipped model,"
            " write src/rumormill/credibility/credibility.json.",
        ),
    ] = None,
    cache: Annotated[
        str | None, typer.Option("--cache", help="A folder to cache the analyses in, so a rerun skips them.")
    ] = None,
    processes: Annotated[int, typer.Option(help="Processes to analyse with.")] = 1,
    cross_validate: Annotated[
        bool,
        typer.Option(
            "--cv/--no-cv", help="Measure the recipe by cross-validation first (5 folds; attribution: 3, by article)."
        ),
    ] = True,
    bodies: Annotated[str | None, typer.Option("--bodies", help="stance: FNC-1 article bodies (JSONL).")] = None,
    headlines: Annotated[
        str | None, typer.Option("--headlines", help="stance: Emergent articles (JSONL), for the headline model.")
    ] = None,
) -> None:
    """Train a model and write it with its metadata (data hash, date, features, cross-validated figures).

    Example: rumormill train credibility --data gossipcop.jsonl --cache .cache/credibility --processes 2

    Example: rumormill train stance --data train_stances.jsonl --bodies train_bodies.jsonl --headlines articles.jsonl

    Example: rumormill train checkable --data quality/labels --out src/rumormill/corpus/checkable.json

    Example: rumormill train attribution --data polnear.jsonl --cache .cache/attribution
    (writes attribution.json and its two .crfsuite files; to replace the shipped model,
    --out src/rumormill/analyze/learned/attribution.json)
    """
    try:
        if task not in TRAINABLE:
            raise ConfigError(f"unknown training task {task!r}; choose one of: {', '.join(TRAINABLE)}")
        if task == "stance":
            _train_stance(data, bodies, headlines, out_path or "stance.json")
            return
        if task == "attribution":
            _train_attribution(data, out_path or "attribution.json", cache, cross_validate, processes)
            return
        if task == "checkable":
            from ..corpus.checkable import train as train_checkable

            target = out_path or "checkable.json"
            spec = train_checkable(data, target, log=lambda m: err.print(m, markup=False))
            out.print_json(data=spec["cv"])
            out.print(f"wrote {target}", markup=False)
            return
        from ..credibility.train import train as train_credibility

        target = out_path or "credibility.json"
        model = train_credibility(
            data,
            target,
            cache_dir=cache,
            processes=processes,
            cross_validate=cross_validate,
            log=lambda m: err.print(m, markup=False),
        )
    except RumormillError as error:
        raise fail(error) from None
    cv = model.meta.get("cv")
    if cv:
        out.print_json(data={"model": cv["metrics"], "baseline": cv["baseline"]})
    out.print(f"wrote {target}", markup=False)


def _train_stance(data: str, bodies: str | None, headlines: str | None, target: str) -> None:
    from ..corpus.train_stance import train as train_stance

    train_stance(data, bodies, headlines, target, log=lambda m: err.print(m, markup=False))
    out.print(f"wrote {target}", markup=False)


def _train_attribution(data: str, target: str, cache: str | None, cross_validate: bool, processes: int) -> None:
    from ..analyze.learned.train import train as train_attribution

    model = train_attribution(
        data,
        target,
        cache_dir=cache,
        cross_validate=cross_validate,
        processes=processes,
        log=lambda m: err.print(m, markup=False),
    )
    if "cv" in model.meta:
        out.print_json(data=model.meta["cv"])
    out.print(f"wrote {target}", markup=False)

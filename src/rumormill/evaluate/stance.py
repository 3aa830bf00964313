"""Score the stance models on FNC-1 (bodies against headlines) or Emergent (headlines against claims).

    >>> from rumormill.evaluate.stance import evaluate
    >>> evaluate("shared/data/fnc1-stance/train_stances.jsonl", bodies="shared/data/fnc1-stance/train_bodies.jsonl")

The schema follows from the arguments: with `bodies`, FNC-1 (`kind="body"`); without, Emergent
(`kind="headline"`). rumormill's labels map to the dataset's: supports -> agree / for,
denies -> disagree / against, repeats and questions -> discuss / observing, unrelated ->
unrelated. Emergent has no unrelated pairs (every headline is about its claim), so there the
label is the likeliest related one.

Default split: FNC-1's `baseline_split == "holdout"` and Emergent's `original_split == "test"`,
the parts the shipped models did not learn from; a file without that field (a blind test set)
is scored whole. `split="all"` scores everything, training data included.

Metrics: per-class precision/recall/F1, macro-F1 (FNC-1's F1m), accuracy and, for FNC-1, the
official weighted score (0.25 for related-vs-unrelated right, 0.75 more for the right related
label) with `fnc_score` = points / maximum. `questions` says how often the questions rule fired
and the gold labels of those texts: the datasets have no such class, so that is its measure.
"""

from __future__ import annotations

from collections import Counter

from ..corpus import stance
from ..errors import InputError
from ..labelled import classification, read_jsonl

TASK = "stance"
FNC_LABELS = ("agree", "disagree", "discuss", "unrelated")
EMERGENT_LABELS = ("for", "against", "observing")
TO_FNC = {
    "supports": "agree",
    "denies": "disagree",
    "repeats": "discuss",
    "questions": "discuss",
    "unrelated": "unrelated",
}
TO_EMERGENT = {"supports": "for", "denies": "against", "repeats": "observing", "questions": "observing"}


def evaluate(path, bodies=None, split: str | None = None, limit: int | None = None, model=None) -> dict:
    """Stance metrics on an FNC-1 (with `bodies`) or Emergent JSONL file.

    Args:
        path: FNC-1 stances or Emergent articles.
        bodies: FNC-1 bodies; selects the FNC-1 schema.
        split: the split to score (default: holdout / test where the file has splits); "all" for all.
        limit: only the first N pairs (after the split).
        model: a stance artefact to score instead of the shipped one.
    """
    if bodies is not None:
        return _fnc(path, bodies, split, limit, model)
    return _emergent(path, split, limit, model)


def _fnc(path, bodies_path, split, limit, model) -> dict:
    bodies = {r["body_id"]: r["body"] for r in _records(bodies_path, ("body_id", "body"))}
    records = _records(path, ("headline", "body_id", "stance"))
    records, split = _split(records, "baseline_split", split, "holdout")
    records = records[:limit] if limit is not None else records
    missing = {r["body_id"] for r in records} - bodies.keys()
    if missing:
        raise InputError(
            f"{len(missing)} body ids are not in {bodies_path}, e.g. {sorted(missing)[0]}", source=str(path)
        )
    predictions = stance.predict_many(
        [(r["headline"], bodies[r["body_id"]]) for r in records], kind="body", model=model
    )
    gold = [r["stance"] for r in records]
    predicted = [TO_FNC[p.label] for p in predictions]
    metrics = classification(gold, predicted, FNC_LABELS)
    points, maximum = _fnc_points(gold, predicted)
    metrics.update(fnc_score=round(points / maximum, 4) if maximum else None, fnc_points=points, fnc_max=maximum)
    metrics["questions"] = _questions(gold, predictions)
    return _result("fnc1", split, records, metrics, model)


def _emergent(path, split, limit, model) -> dict:
    records = _records(path, ("claim_headline", "article_headline", "stance"))
    records, split = _split(records, "original_split", split, "test")
    records = records[:limit] if limit is not None else records
    pairs = [(r["claim_headline"], r["article_headline"]) for r in records]
    predictions = stance.predict_many(pairs, kind="headline", model=model)
    gold = [r["stance"] for r in records]
    predicted = [TO_EMERGENT[stance.related_label(p)] for p in predictions]
    metrics = classification(gold, predicted, EMERGENT_LABELS)
    metrics["fnc_score"] = None
    metrics["unrelated_predicted"] = sum(p.label == "unrelated" for p in predictions)
    metrics["questions"] = _questions(gold, predictions)
    return _result("emergent", split, records, metrics, model)


def _records(path, fields: tuple[str, ...]) -> list[dict]:
    records = list(read_jsonl(path))
    for n, record in enumerate(records, 1):
        absent = [f for f in fields if f not in record]
        if absent:
            raise InputError(f"record {n} lacks {', '.join(absent)}", source=str(path))
    return records


def _split(records: list[dict], key: str, split: str | None, default: str) -> tuple[list[dict], str]:
    """The records of the asked split; by default the held-out one, or all where there are no splits."""
    if split == "all" or (split is None and not any(key in r for r in records)):
        return records, "all"
    chosen = split or default
    return [r for r in records if r.get(key) == chosen], chosen


def _fnc_points(gold: list[str], predicted: list[str]) -> tuple[float, float]:
    """FNC-1's official score (scorer.py) and its maximum."""
    points = maximum = 0.0
    for g, p in zip(gold, predicted, strict=True):
        maximum += 0.25 if g == "unrelated" else 1.0
        if (g == "unrelated") == (p == "unrelated"):
            points += 0.25
            if g != "unrelated" and g == p:
                points += 0.75
    return points, maximum


def _questions(gold: list[str], predictions: list[stance.StancePrediction]) -> dict:
    fired = [g for g, p in zip(gold, predictions, strict=True) if p.label == "questions"]
    return {"predicted": len(fired), "gold": dict(Counter(fired))}


def _result(schema: str, split: str, records: list[dict], metrics: dict, model) -> dict:
    meta = stance.metadata(model)
    return {
        "task": TASK,
        "schema": schema,
        "split": split,
        "n": len(records),
        "model": {
            "format": meta.get("format"),
            "version": meta.get("version"),
            "trained_on": meta.get("training_data"),
        },
        "metrics": metrics,
    }

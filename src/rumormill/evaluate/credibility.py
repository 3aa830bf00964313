"""Score the shipped credibility model on labelled articles, beside a bag-of-words baseline.

    >>> from rumormill.evaluate.credibility import evaluate
    >>> evaluate("shared/data/perezrosas-celebrity-fakenews/perezrosas2018.jsonl", domain="celebrity")

Reads the GossipCop schema (label fake/real) and the Pérez-Rosas one (fake/legit, `pair_id`).
Metrics: accuracy and macro-F1 at the model's own threshold, ROC AUC, expected calibration
error (10 bins) and, where records have a `pair_id`, pairwise accuracy: the share of pairs in
which the fake article scores lower than its legit twin (null without pairs).

On the model's own training data (the same sha256) the figures are the nested 5-fold
cross-validation recorded when it was trained, marked `cross_validated`: the fitted model
scored on what it learnt from would measure memory.

With `train`, the same run trains the baseline on that file: TF-IDF over word 1-2-grams with
logistic regression, Platt-calibrated and thresholded by 5-fold cross-validation on the
training file, as the model is; it reads what the model's bag-of-words feature reads: the
body and the headline (without the outlet's name after a bar or dash).
"""

from __future__ import annotations

import os

import numpy as np

from ..credibility import metrics
from ..credibility.data import analyse, load_examples, sha256_file
from ..credibility.model import load, terms

TASK = "credibility"


def evaluate(
    path,
    train=None,
    domain: str | None = None,
    split: str | None = None,
    limit: int | None = None,
    model=None,
) -> dict:
    """Metrics of the model (and the baseline, given `train`) on a labelled JSONL file.

    Args:
        path: the test file.
        train: a training file for the baseline (GossipCop schema); no baseline without it.
        domain: only records whose `domain` or `subset` is this ("celebrity" in Pérez-Rosas).
        split: only records whose `split` is this.
        limit: only the first N records (after the filters).
        model: a model file to score instead of the shipped one.
    """
    scorer = load(model)
    trained_on = scorer.meta.get("training_data", {}).get("sha256")
    if trained_on and (domain, split, limit) == (None, None, None) and sha256_file(path) == trained_on:
        return _cross_validated(scorer, train)
    examples = load_examples(path, keep=_filter(domain, split))
    if limit is not None:
        examples = examples[:limit]
    processes = 2 if len(examples) >= 200 and (os.cpu_count() or 1) >= 2 else 1
    analyses = analyse(examples, processes=processes)
    kept = [(e, a) for e, a in zip(examples, analyses, strict=True) if a is not None]
    y = np.array([e.credible for e, _ in kept])
    pairs = [e.pair_id for e, _ in kept]
    has_pairs = any(p is not None for p in pairs)
    p = np.array([scorer.score(a).score for _, a in kept])
    result = {
        "task": TASK,
        "n": len(kept),
        "skipped": len(examples) - len(kept),
        "model": {"name": scorer.name, "version": scorer.version},
        "metrics": metrics.summary(y, p, scorer.threshold, pairs if has_pairs else None),
        "baseline": None,
    }
    if train is not None:
        p_base, threshold = _baseline([(a.article.text, a.article.title) for _, a in kept], train)
        result["baseline"] = metrics.summary(y, p_base, threshold, pairs if has_pairs else None)
    return result


def _cross_validated(scorer, train) -> dict:
    """The model's own training data: scoring the fitted model on it would measure memory, so the
    figures are those of the nested 5-fold cross-validation recorded when it was trained."""
    cv = scorer.meta.get("cv")
    if not cv:
        from ..errors import ConfigError

        raise ConfigError("this file is the model's training data and the model records no cross-validation")
    return {
        "task": TASK,
        "n": scorer.meta["training_data"].get("used"),
        "skipped": 0,
        "model": {"name": scorer.name, "version": scorer.version},
        "cross_validated": {"folds": cv.get("folds"), "seed": cv.get("seed")},
        "metrics": {**cv["metrics"], "pairwise_accuracy": None},
        "baseline": {**cv["baseline"], "pairwise_accuracy": None} if train is not None else None,
    }


def _filter(domain: str | None, split: str | None):
    def keep(record: dict) -> bool:
        if domain is not None and domain not in (record.get("domain"), record.get("subset")):
            return False
        return split is None or record.get("split") == split

    return keep


def _baseline(texts: list[tuple[str, str | None]], train_path) -> tuple[np.ndarray, float]:
    from ..credibility import train as recipe

    examples = load_examples(train_path)
    docs = [terms(e.article.text, e.article.title) for e in examples]
    y = np.array([e.credible for e in examples])
    folds = recipe.PARAMS["folds"]
    oof = np.zeros(len(y))
    for tr, te in recipe._folds(y, folds, recipe.PARAMS["seed"]):
        _, fitted = recipe.fit_text([docs[i] for i in tr], y[tr])
        oof[te] = recipe._text_logits(fitted, [docs[i] for i in te])
    a, b = recipe._platt(oof, y)
    threshold = metrics.best_threshold(y, recipe._sigmoid(a * oof + b))
    _, fitted = recipe.fit_text(docs, y)
    z = recipe._text_logits(fitted, [terms(text, title) for text, title in texts])
    return recipe._sigmoid(a * z + b), threshold

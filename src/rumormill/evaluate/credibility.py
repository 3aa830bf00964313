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

There the outlet-disjoint cross-validation (train and test on different `source_domain`s), what
each factor adds to the held-out AUC, and the share of the logit's variance that the factors other
than the text model explain, all recorded in the artefact, come beside the random split.

With `train`, the same run trains the baseline on that file: a plain TF-IDF over word 1-2-grams
with logistic regression (names and all: what the model's masked text part replaces),
Platt-calibrated and thresholded by 5-fold cross-validation on the training file, as the model
is; it reads the body and the headline (without the outlet's name after a bar or dash).

`restyled` scores restyled copies of the same articles (credibility/restyle.py: no exclamation
marks, no words in capitals, plain words for sensational ones; the facts and sources as they
were): the model's and the baseline's metrics on them, and `mean_abs_change`, the mean absolute
change of the model's score from the original to its restyled copy.
"""

from __future__ import annotations

import os
from dataclasses import replace

import numpy as np

from ..credibility import metrics
from ..credibility.data import analyse, load_examples, sha256_file
from ..credibility.model import load, terms
from ..credibility.restyle import restyle as restyled_text

TASK = "credibility"
CACHE = ".cache/credibility"


def evaluate(
    path,
    train=None,
    domain: str | None = None,
    split: str | None = None,
    limit: int | None = None,
    model=None,
    restyle: bool = True,
    cache: str | None = CACHE,
) -> dict:
    """Metrics of the model (and the baseline, given `train`) on a labelled JSONL file.

    Args:
        path: the test file.
        train: a training file for the baseline (GossipCop schema); no baseline without it.
        domain: only records whose `domain` or `subset` is this ("celebrity" in Pérez-Rosas).
        split: only records whose `split` is this.
        limit: only the first N records (after the filters).
        model: a model file to score; default: the `credibility_model` setting's file
            (RUMORMILL_CREDIBILITY_MODEL), as the analysis scores with, else the shipped one.
        restyle: score restyled copies of the articles too.
        cache: a folder to cache the analyses in (None: no cache).
    """
    from .. import settings

    scorer = load(model or settings.get("credibility_model"))
    trained_on = scorer.meta.get("training_data", {}).get("sha256")
    if trained_on and (domain, split, limit) == (None, None, None) and sha256_file(path) == trained_on:
        return _cross_validated(scorer, train)
    examples = load_examples(path, keep=_filter(domain, split))
    if limit is not None:
        examples = examples[:limit]
    processes = 2 if len(examples) >= 200 and (os.cpu_count() or 1) >= 2 else 1
    analyses = analyse(examples, cache_dir=cache, processes=processes)
    kept = [(e, a) for e, a in zip(examples, analyses, strict=True) if a is not None]
    y = np.array([e.credible for e, _ in kept])
    pairs = [e.pair_id for e, _ in kept]
    pairs = pairs if any(p is not None for p in pairs) else None
    p = np.array([scorer.score(a).score for _, a in kept])
    result = {
        "task": TASK,
        "n": len(kept),
        "skipped": len(examples) - len(kept),
        "model": {"name": scorer.name, "version": scorer.version},
        "metrics": metrics.summary(y, p, scorer.threshold, pairs),
        "baseline": None,
    }
    baseline = _baseline(train) if train is not None else None
    if baseline is not None:
        predict, threshold = baseline
        p_base = predict([(a.article.text, a.article.title) for _, a in kept])
        result["baseline"] = metrics.summary(y, p_base, threshold, pairs)
    if restyle:
        result["restyled"] = _restyled([e for e, _ in kept], p, y, pairs, scorer, baseline, cache, processes)
    return result


def _restyled_article(article):
    """A new article (with its own id) with the text and the headline restyled."""
    fields = article.model_dump(exclude={"id"})
    fields.update(text=restyled_text(article.text), title=restyled_text(article.title))
    return type(article)(**fields)


def _restyled(examples, p, y, pairs, scorer, baseline, cache, processes) -> dict:
    """The same articles restyled by rules: the model's metrics on them, how far its score moved,
    and the baseline's metrics on them."""
    copies = [replace(e, article=_restyled_article(e.article)) for e in examples]
    analyses = analyse(copies, cache_dir=cache, processes=processes)
    both = [i for i, a in enumerate(analyses) if a is not None]
    p_new = np.array([scorer.score(analyses[i]).score for i in both])
    pairs_kept = [pairs[i] for i in both] if pairs is not None else None
    out = {
        "n": len(both),
        "metrics": metrics.summary(y[both], p_new, scorer.threshold, pairs_kept),
        "mean_abs_change": round(float(np.mean(np.abs(p_new - p[both]))), 4),
        "baseline": None,
    }
    if baseline is not None:
        predict, threshold = baseline
        p_base = predict([(analyses[i].article.text, analyses[i].article.title) for i in both])
        out["baseline"] = metrics.summary(y[both], p_base, threshold, pairs_kept)
    return out


def _cross_validated(scorer, train) -> dict:
    """The model's own training data: scoring the fitted model on it would measure memory, so the
    figures are those of the nested 5-fold cross-validation recorded when it was trained."""
    cv = scorer.meta.get("cv")
    if not cv:
        from ..errors import ConfigError

        raise ConfigError("this file is the model's training data and the model records no cross-validation")
    result = {
        "task": TASK,
        "n": scorer.meta["training_data"].get("used"),
        "skipped": 0,
        "model": {"name": scorer.name, "version": scorer.version},
        "cross_validated": {"folds": cv.get("folds"), "seed": cv.get("seed"), "split": cv.get("split")},
        "metrics": {**cv["metrics"], "pairwise_accuracy": None},
        "baseline": {**cv["baseline"], "pairwise_accuracy": None} if train is not None else None,
    }
    disjoint = cv.get("outlet_disjoint")
    if disjoint:
        result["outlet_disjoint"] = {
            "split": disjoint.get("split"),
            "metrics": {**disjoint["metrics"], "pairwise_accuracy": None},
            "baseline": {**disjoint["baseline"], "pairwise_accuracy": None} if train is not None else None,
        }
    for key in ("auc_added", "auc_sourcing_only", "auc_text_only"):
        if key in cv:
            result[key] = cv[key]
    if "variance_share" in scorer.meta:
        result["variance_share"] = scorer.meta["variance_share"]
    return result


def _filter(domain: str | None, split: str | None):
    def keep(record: dict) -> bool:
        if domain is not None and domain not in (record.get("domain"), record.get("subset")):
            return False
        return split is None or record.get("split") == split

    return keep


def _baseline(train_path):
    """The plain bag of words trained on `train_path`: predict(texts) -> probabilities, and the
    threshold."""
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

    def predict(texts: list[tuple[str, str | None]]) -> np.ndarray:
        z = recipe._text_logits(fitted, [terms(text, title) for text, title in texts])
        return recipe._sigmoid(a * z + b)

    return predict, threshold

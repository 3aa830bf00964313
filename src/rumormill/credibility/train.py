"""Train the credibility model on labelled articles (GossipCop schema) and measure it by
cross-validation.

Everything held out is held out for real: in each of the outer folds the bag-of-words model,
the stacked logistic model, its Platt calibration and its decision threshold are all fitted
on the training folds only (the bag-of-words logit that the stacker sees is itself
out-of-fold, from an inner cross-validation), then scored on the held-out fold. The shipped
model repeats the same recipe on all the data. The bag-of-words model alone, calibrated the
same way, is the baseline recorded beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import numpy as np

from ..errors import InputError
from . import metrics
from .data import analyse, load_examples, sha256_file
from .features import NAMES, extract
from .model import Model, TextModel, terms

PARAMS = {
    "folds": 5,
    "seed": 0,
    "text_C": 4.0,  # chosen by 5-fold CV on GossipCop (training data) before the stacker existed
    "text_min_df": 3,
    "text_max_features": 50000,
    "stack_C": 1.0,
}


def _identity(doc):
    return doc


def fit_text(docs: list[list[str]], y: np.ndarray) -> tuple[TextModel, object]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(
        analyzer=_identity,
        min_df=PARAMS["text_min_df"],
        max_features=PARAMS["text_max_features"],
        sublinear_tf=True,
    )
    matrix = vectorizer.fit_transform(docs)
    clf = LogisticRegression(C=PARAMS["text_C"], max_iter=2000).fit(matrix, y)
    model = TextModel(vectorizer.vocabulary_, vectorizer.idf_, clf.coef_[0], float(clf.intercept_[0]))
    return model, (vectorizer, clf)


def _text_logits(fitted, docs: list[list[str]]) -> np.ndarray:
    vectorizer, clf = fitted
    return clf.decision_function(vectorizer.transform(docs))


def _folds(y: np.ndarray, n: int, seed: int):
    from sklearn.model_selection import StratifiedKFold

    return list(StratifiedKFold(n, shuffle=True, random_state=seed).split(np.zeros(len(y)), y))


def _oof_text(docs, y, idx, n, seed) -> np.ndarray:
    """Out-of-fold bag-of-words logits for the articles `idx`, from an inner cross-validation."""
    out = np.zeros(len(idx))
    for inner_train, inner_test in _folds(y[idx], n, seed + 1):
        _, fitted = fit_text([docs[idx[i]] for i in inner_train], y[idx[inner_train]])
        out[inner_test] = _text_logits(fitted, [docs[idx[i]] for i in inner_test])
    return out


def _fit_stack(x: np.ndarray, y: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(C=PARAMS["stack_C"], max_iter=2000).fit((x - mean) / scale, y)
    return mean, scale, clf.coef_[0], float(clf.intercept_[0])


def _raw(stack, x: np.ndarray) -> np.ndarray:
    mean, scale, weights, intercept = stack
    return intercept + ((x - mean) / scale) @ weights


def _platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=1e6, max_iter=1000).fit(z.reshape(-1, 1), y)
    return float(clf.coef_[0][0]), float(clf.intercept_[0])


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _calibrate(x: np.ndarray, y: np.ndarray, n: int, seed: int, fit=_fit_stack, raw=_raw):
    """Platt scaling and the macro-F1 threshold, both from out-of-fold logits."""
    z = np.zeros(len(y))
    for tr, te in _folds(y, n, seed + 2):
        z[te] = raw(fit(x[tr], y[tr]), x[te])
    a, b = _platt(z, y)
    return (a, b), metrics.best_threshold(y, _sigmoid(a * z + b))


def _one_column_fit(x, y):
    return None


def _identity_raw(_fitted, x):
    return x[:, 0]


def fit_all(base: np.ndarray, docs: list[list[str]], y: np.ndarray, idx: np.ndarray, log=print):
    """The full recipe on the articles `idx`: returns a predict function for other articles
    (base rows, docs) -> (model probability, baseline probability), and the pieces."""
    n, seed = PARAMS["folds"], PARAMS["seed"]
    oof = _oof_text(docs, y, idx, n, seed)
    x = np.column_stack([base[idx], oof])
    stack = _fit_stack(x, y[idx])
    platt, threshold = _calibrate(x, y[idx], n, seed)
    text_platt, text_threshold = _calibrate(oof.reshape(-1, 1), y[idx], n, seed, _one_column_fit, _identity_raw)
    text_model, fitted = fit_text([docs[i] for i in idx], y[idx])
    log(f"  fitted on {len(idx)} articles")

    def predict(rows: np.ndarray):
        text = _text_logits(fitted, [docs[i] for i in rows])
        z = _raw(stack, np.column_stack([base[rows], text]))
        return _sigmoid(platt[0] * z + platt[1]), _sigmoid(text_platt[0] * text + text_platt[1])

    return predict, (stack, platt, threshold, text_model, text_threshold)


def train(
    data: str | Path,
    out: str | Path,
    *,
    cache_dir: str | Path | None = None,
    processes: int = 1,
    cross_validate: bool = True,
    log: Callable[[str], None] = print,
) -> Model:
    """Train on `data` (JSONL, label fake/real), write the artefact to `out`, return the model."""
    data = Path(data)
    examples = load_examples(data)
    y_all = np.array([e.credible for e in examples])
    if len(set(y_all.tolist())) < 2 or min(np.bincount(y_all)) < PARAMS["folds"] * 2:
        raise InputError(
            f"training needs at least {PARAMS['folds'] * 2} articles of each label (fake and real)", source=str(data)
        )
    log(f"analysing {len(examples)} articles")
    analyses = analyse(examples, cache_dir=cache_dir, processes=processes)
    keep = [i for i, a in enumerate(analyses) if a is not None]
    y = y_all[keep]
    base = np.array([[f.value or 0.0 for f in extract(analyses[i])[:-1]] for i in keep])
    docs = [terms(analyses[i].article.text, analyses[i].article.title) for i in keep]
    everything = np.arange(len(keep))

    cv = None
    if cross_validate:
        n, seed = PARAMS["folds"], PARAMS["seed"]
        p_model, p_text = np.zeros(len(y)), np.zeros(len(y))
        thresholds = np.zeros(len(y)), np.zeros(len(y))
        for k, (tr, te) in enumerate(_folds(y, n, seed), 1):
            log(f"cross-validation fold {k}/{n}")
            predict, (_, _, threshold, _, text_threshold) = fit_all(base, docs, y, tr, log)
            p_model[te], p_text[te] = predict(te)
            thresholds[0][te], thresholds[1][te] = threshold, text_threshold
        cv = {
            "folds": n,
            "seed": seed,
            "metrics": _pooled(y, p_model, thresholds[0]),
            "baseline": _pooled(y, p_text, thresholds[1]),
        }
        log(f"cross-validated: model {cv['metrics']}, baseline {cv['baseline']}")

    log("fitting the shipped model on all the data")
    _, (stack, platt, threshold, text_model, _) = fit_all(base, docs, y, everything, log)
    mean, scale, weights, intercept = stack
    today = dt.date.today().isoformat()
    meta = {
        "name": "rumormill-credibility",
        "version": today.replace("-", "."),
        "created": today,
        "training_data": {
            "file": data.name,
            "sha256": sha256_file(data),
            "records": len(examples),
            "used": len(keep),
            "credible": int(y.sum()),
            "not_credible": int(len(y) - y.sum()),
        },
        "params": PARAMS,
        "calibration": "Platt scaling of the stacked logit on out-of-fold logits, folded into the weights",
        "cv": cv,
    }
    model = Model(meta, list(NAMES), mean, scale, weights, intercept, platt, threshold, text_model)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    log(f"wrote {out}")
    return model


def _pooled(y, p, thresholds) -> dict:
    """Metrics over all held-out predictions, each labelled with its own fold's threshold."""
    predicted = (p >= thresholds).astype(int)
    return {
        "accuracy": round(float(np.mean(predicted == y)), 4),
        "macro_f1": round(metrics.macro_f1(y, predicted), 4),
        "auc": round(metrics.auc(y, p), 4),
        "ece": round(metrics.ece(y, p), 4),
    }

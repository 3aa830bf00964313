"""Train the credibility model on labelled articles (GossipCop schema) and measure it by nested
cross-validation, on a random split and on an outlet-disjoint one.

Everything held out is held out for real: in each outer fold the text model (a bag of words over
the article's words with every name masked, masking.py), the stacked logistic model, its Platt
calibration and its decision threshold are all fitted on the training folds only (the text
logit that the stacker sees is itself out-of-fold, from an inner cross-validation), then scored
on the held-out fold. Two outer splits: random (stratified), and outlet-disjoint (no
`source_domain` on both sides), so that a score that recognises an outlet's house style gains
nothing. Beside the model, each fold scores the plain bag of words (names and all) that the
model replaces, calibrated the same way: the baseline. And each fold refits the stacker without
each factor in turn, so that what a factor adds is measured on held-out articles.

The shipped model repeats the recipe on all the data. The list of common words that the masking
keeps is learnt from the training texts without their labels (masking.common_words).
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
from .masking import common_words
from .model import Model, TextModel, document, terms

PARAMS = {
    "folds": 5,
    "seed": 0,
    "text_C": 4.0,  # chosen by 5-fold CV on GossipCop (training data) before the stacker existed
    "text_min_df": 3,
    "text_max_features": 50000,
    "stack_C": 1.0,
    "common_min_count": 3,
}
TEXT = NAMES.index("text_model")


def _identity(doc):
    return doc


def fit_text(docs: list[list[str]], y: np.ndarray, common: frozenset[str] = frozenset()) -> tuple[TextModel, object]:
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
    model = TextModel(vectorizer.vocabulary_, vectorizer.idf_, clf.coef_[0], float(clf.intercept_[0]), common)
    return model, (vectorizer, clf)


def _text_logits(fitted, docs: list[list[str]]) -> np.ndarray:
    vectorizer, clf = fitted
    return clf.decision_function(vectorizer.transform(docs))


def _folds(y: np.ndarray, n: int, seed: int, groups=None):
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    if groups is not None:
        split = StratifiedGroupKFold(n, shuffle=True, random_state=seed)
        return list(split.split(np.zeros(len(y)), y, groups))
    return list(StratifiedKFold(n, shuffle=True, random_state=seed).split(np.zeros(len(y)), y))


class Counts:
    """The term counts of all the articles, counted once, from which a TF-IDF model is fitted on
    any subset of rows exactly as `fit_text` would fit it on those documents alone (vocabulary,
    min_df, max_features and idf from those rows only): cross-validation without recounting."""

    def __init__(self, docs: list[list[str]]):
        from sklearn.feature_extraction.text import CountVectorizer

        vectorizer = CountVectorizer(analyzer=_identity)
        self.matrix = vectorizer.fit_transform(docs).tocsr()
        self.terms = vectorizer.get_feature_names_out()

    def fit(self, rows: np.ndarray, y: np.ndarray, common: frozenset[str] = frozenset()):
        from sklearn.linear_model import LogisticRegression

        counts = self.matrix[rows]
        df = np.asarray((counts > 0).sum(axis=0)).ravel()
        columns = np.flatnonzero(df >= PARAMS["text_min_df"])
        if len(columns) > PARAMS["text_max_features"]:
            total = np.asarray(counts.sum(axis=0)).ravel()[columns]
            columns = np.sort(columns[(-total).argsort()[: PARAMS["text_max_features"]]])  # as scikit-learn picks
        idf = np.log((1 + len(rows)) / (1 + df[columns])) + 1.0
        fitted = (columns, idf)
        clf = LogisticRegression(C=PARAMS["text_C"], max_iter=2000).fit(self._tfidf(fitted, rows), y)
        vocabulary = {str(self.terms[c]): i for i, c in enumerate(columns)}
        model = TextModel(vocabulary, idf, clf.coef_[0], float(clf.intercept_[0]), common)
        return model, (fitted, clf)

    def _tfidf(self, fitted, rows):
        from sklearn.preprocessing import normalize

        columns, idf = fitted
        x = self.matrix[rows][:, columns].astype(float)
        x.data = 1.0 + np.log(x.data)
        return normalize(x.multiply(idf).tocsr())

    def logits(self, fitted, rows) -> np.ndarray:
        tfidf, clf = fitted
        return clf.decision_function(self._tfidf(tfidf, rows))


def _oof_text(counts: Counts, y, idx, n, seed) -> np.ndarray:
    """Out-of-fold text logits for the articles `idx`, from an inner cross-validation."""
    out = np.zeros(len(idx))
    for inner_train, inner_test in _folds(y[idx], n, seed + 1):
        _, fitted = counts.fit(idx[inner_train], y[idx[inner_train]])
        out[inner_test] = counts.logits(fitted, idx[inner_test])
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


def fit_all(base: np.ndarray, docs: Counts, y: np.ndarray, idx: np.ndarray, log=print, common=frozenset()):
    """The full recipe on the articles `idx`: returns a predict function for other articles
    (rows) -> (probability, raw text logit), and the pieces."""
    n, seed = PARAMS["folds"], PARAMS["seed"]
    oof = _oof_text(docs, y, idx, n, seed)
    x = np.column_stack([base[idx], oof])
    stack = _fit_stack(x, y[idx])
    platt, threshold = _calibrate(x, y[idx], n, seed)
    text_model, fitted = docs.fit(idx, y[idx], common)
    log(f"  fitted on {len(idx)} articles")

    def predict(rows: np.ndarray):
        text = docs.logits(fitted, rows)
        z = _raw(stack, np.column_stack([base[rows], text]))
        return _sigmoid(platt[0] * z + platt[1]), text

    return predict, (stack, platt, threshold, text_model, x, oof)


def _fit_baseline(docs, y, idx):
    """The plain bag of words alone on `idx`, Platt-calibrated and thresholded on inner
    out-of-fold logits: returns predict(rows) -> probability, and its threshold."""
    n, seed = PARAMS["folds"], PARAMS["seed"]
    oof = _oof_text(docs, y, idx, n, seed)
    (a, b), threshold = _calibrate(oof.reshape(-1, 1), y[idx], n, seed, _one_column_fit, _identity_raw)
    _, fitted = docs.fit(idx, y[idx])

    def predict(rows):
        return _sigmoid(a * docs.logits(fitted, rows) + b)

    return predict, threshold


def _ablations(x_train, y_train, x_test) -> dict[str, np.ndarray]:
    """Held-out logits of the stacker refitted without each factor in turn, and with the
    sourcing factors alone and the text model alone."""
    out = {}
    columns = list(range(x_train.shape[1]))
    variants = {f"-{NAMES[j]}": [c for c in columns if c != j] for j in columns}
    variants["sourcing_only"] = [c for c in columns if c != TEXT]
    variants["text_only"] = [TEXT]
    for name, keep in variants.items():
        stack = _fit_stack(x_train[:, keep], y_train)
        out[name] = _raw(stack, x_test[:, keep])
    return out


def nested_cv(base, docs, plain, y, groups=None, log=print) -> dict:
    """Nested cross-validation of the recipe, the plain bag-of-words baseline, and the stacker
    without each factor; `groups` (the outlets) makes the outer split outlet-disjoint."""
    n, seed = PARAMS["folds"], PARAMS["seed"]
    p_model, p_base = np.zeros(len(y)), np.zeros(len(y))
    t_model, t_base = np.zeros(len(y)), np.zeros(len(y))
    ablated: dict[str, np.ndarray] = {}
    for k, (tr, te) in enumerate(_folds(y, n, seed, groups), 1):
        log(f"{'outlet-disjoint' if groups is not None else 'random'} fold {k}/{n}")
        predict, (_, _, threshold, _, x_train, _) = fit_all(base, docs, y, tr, log)
        p_model[te], text = predict(te)
        t_model[te] = threshold
        x_test = np.column_stack([base[te], text])
        for name, z in _ablations(x_train, y[tr], x_test).items():
            ablated.setdefault(name, np.zeros(len(y)))[te] = z
        predict_base, t_base[te] = _fit_baseline(plain, y, tr)
        p_base[te] = predict_base(te)
    full = metrics.auc(y, p_model)
    adds = {name.removeprefix("-"): round(full - metrics.auc(y, z), 4) for name, z in ablated.items() if name[0] == "-"}
    return {
        "folds": n,
        "seed": seed,
        "split": "outlet-disjoint (source_domain)" if groups is not None else "random (stratified)",
        "metrics": _pooled(y, p_model, t_model),
        "baseline": _pooled(y, p_base, t_base),
        "auc_sourcing_only": round(metrics.auc(y, ablated["sourcing_only"]), 4),
        "auc_text_only": round(metrics.auc(y, ablated["text_only"]), 4),
        "auc_added": adds,
    }


def variance_share(model: Model, x: np.ndarray) -> dict:
    """How much of the spread of the calibrated logit over the articles `x` each part explains:
    Cov(part, logit) / Var(logit), which sums to 1 over the parts (`other_factors` is the sum
    over all but the text model)."""
    a = model.platt[0]
    parts = a * model.weights * (x - model.mean) / model.scale
    logit = parts.sum(axis=1)
    var = float(np.var(logit))
    shares = {name: float(np.cov(parts[:, j], logit, bias=True)[0, 1] / var) for j, name in enumerate(NAMES)}
    other = sum(v for k, v in shares.items() if k != "text_model")
    # and the R² of the logit regressed on the other factors' values: what they can say of it
    # on their own, the part they share with the text model included
    rest = np.column_stack([np.ones(len(x)), np.delete(x, TEXT, axis=1)])
    fitted = rest @ np.linalg.lstsq(rest, logit, rcond=None)[0]
    r2 = 1.0 - float(np.var(logit - fitted)) / var
    return {
        "other_factors": round(other, 4),
        "text_model": round(shares["text_model"], 4),
        "by_factor": {k: round(v, 4) for k, v in shares.items()},
        "other_factors_r2": round(r2, 4),
    }


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
    common = common_words((analyses[i].article.text for i in keep), PARAMS["common_min_count"])
    docs = Counts([document(analyses[i], common, examples[i].domain).terms() for i in keep])
    plain = Counts([terms(analyses[i].article.text, analyses[i].article.title) for i in keep])
    domains = [examples[i].domain or f"unknown-{i}" for i in keep]
    everything = np.arange(len(keep))

    cv = None
    if cross_validate:
        cv = nested_cv(base, docs, plain, y, log=log)
        log(f"cross-validated (random): model {cv['metrics']}, baseline {cv['baseline']}")
        groups = np.array(domains)
        if len(set(domains)) >= PARAMS["folds"]:
            cv["outlet_disjoint"] = nested_cv(base, docs, plain, y, groups=groups, log=log)
            od = cv["outlet_disjoint"]
            log(f"cross-validated (outlet-disjoint): model {od['metrics']}, baseline {od['baseline']}")

    log("fitting the shipped model on all the data")
    _, (stack, platt, threshold, text_model, x, _) = fit_all(base, docs, y, everything, log, common)
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
            "outlets": len(set(domains)),
        },
        "params": PARAMS,
        "calibration": "Platt scaling of the stacked logit on out-of-fold logits, folded into the weights",
        "cv": cv,
    }
    model = Model(meta, list(NAMES), mean, scale, weights, intercept, platt, threshold, text_model)
    model.meta["variance_share"] = variance_share(model, x)
    log(f"variance of the logit explained: {model.meta['variance_share']}")
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

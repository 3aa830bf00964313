"""Metrics for a probability of "credible" against 0/1 labels, in numpy alone."""

from __future__ import annotations

import numpy as np


def auc(y, p) -> float | None:
    """ROC AUC by ranks (ties share their mean rank); None when only one class is present."""
    y, p = np.asarray(y), np.asarray(p, dtype=float)
    pos, neg = int(y.sum()), int(len(y) - y.sum())
    if pos == 0 or neg == 0:
        return None
    order = np.argsort(p, kind="mergesort")
    ranks = np.empty(len(p))
    sorted_p = p[order]
    i = 0
    while i < len(p):
        j = i
        while j + 1 < len(p) and sorted_p[j + 1] == sorted_p[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[y == 1].sum() - pos * (pos + 1) / 2) / (pos * neg))


def macro_f1(y, predicted) -> float:
    y, predicted = np.asarray(y), np.asarray(predicted)
    scores = []
    for label in (0, 1):
        tp = np.sum((predicted == label) & (y == label))
        fp = np.sum((predicted == label) & (y != label))
        fn = np.sum((predicted != label) & (y == label))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return float(np.mean(scores))


def ece(y, p, bins: int = 10) -> float:
    """Expected calibration error over equal-width bins of the predicted probability."""
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    which = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            total += mask.sum() * abs(p[mask].mean() - y[mask].mean())
    return float(total / len(y))


def pairwise_accuracy(p, credible, pair_ids) -> float | None:
    """Share of pairs in which the fake article scores lower than its legit twin (ties count
    half); None when the data has no complete pairs."""
    pairs: dict[str, dict[int, float]] = {}
    for score, label, pair in zip(p, credible, pair_ids, strict=True):
        if pair is not None:
            pairs.setdefault(pair, {})[int(label)] = float(score)
    complete = [v for v in pairs.values() if len(v) == 2]
    if not complete:
        return None
    return float(np.mean([1.0 if v[0] < v[1] else 0.5 if v[0] == v[1] else 0.0 for v in complete]))


def best_threshold(y, p) -> float:
    """The decision threshold on p that maximises macro-F1 (among the observed values)."""
    y, p = np.asarray(y), np.asarray(p, dtype=float)
    candidates = np.unique(np.quantile(p, np.linspace(0.02, 0.98, 97)))
    scores = [macro_f1(y, (p >= t).astype(int)) for t in candidates]
    return float(candidates[int(np.argmax(scores))])


def summary(y, p, threshold: float, pair_ids=None) -> dict:
    y, p = np.asarray(y), np.asarray(p, dtype=float)
    predicted = (p >= threshold).astype(int)
    return {
        "accuracy": round(float(np.mean(predicted == y)), 4),
        "macro_f1": round(macro_f1(y, predicted), 4),
        "auc": None if (a := auc(y, p)) is None else round(a, 4),
        "ece": round(ece(y, p), 4),
        "pairwise_accuracy": (
            None if pair_ids is None or (pa := pairwise_accuracy(p, y, pair_ids)) is None else round(pa, 4)
        ),
    }

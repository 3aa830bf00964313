"""The shipped model on the Pérez-Rosas celebrity pairs, which it never saw in training."""

from __future__ import annotations

import pytest

from rumormill.evaluate import evaluate
from tests.conftest import dataset

# About 0.02 under the figures measured with the shipped model (README, quality/credibility.json).
# measured 2026-11-26: pairwise accuracy 0.902, AUC 0.820.
FLOORS = {"pairwise_accuracy": 0.88, "auc": 0.80}


@pytest.mark.dataset
@pytest.mark.slow
def test_perezrosas_celebrity_pairs_floor():
    path = dataset("perezrosas-celebrity-fakenews/perezrosas2018.jsonl")
    result = evaluate("credibility", path, domain="celebrity")
    assert result["n"] == 388
    assert result["metrics"]["pairwise_accuracy"] >= FLOORS["pairwise_accuracy"]
    assert result["metrics"]["auc"] >= FLOORS["auc"]
    assert result["baseline"] is None  # no --train, no baseline


@pytest.mark.dataset
def test_eval_on_the_training_data_reports_the_recorded_cross_validation():
    path = dataset("gossipcop-fakenewsnet/gossipcop.jsonl")
    result = evaluate("credibility", path, train=str(path))
    assert result["cross_validated"]["folds"] == 5
    metrics = result["metrics"]
    assert metrics["macro_f1"] >= 0.78 and metrics["auc"] >= 0.865 and metrics["ece"] <= 0.05
    assert metrics["pairwise_accuracy"] is None
    assert set(result["baseline"]) == set(metrics)

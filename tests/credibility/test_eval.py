"""The shipped model on the Pérez-Rosas celebrity pairs, which it never saw in training, on their
restyled copies, and beside the plain bag of words trained on GossipCop."""

from __future__ import annotations

import pytest

from rumormill.evaluate import evaluate
from tests.conftest import dataset

# About 0.02 under the figures measured with the shipped model (README, quality/credibility.json).
# measured 2026-12-07: pairwise accuracy 0.866, AUC 0.842 (the plain bag of words: 0.881, 0.808);
# restyled: pairwise 0.871, mean absolute change of the score 0.015. With the analysis of the day
# after the attribution fix (the model unchanged): pairwise 0.856, AUC 0.842; restyled 0.861
FLOORS = {"pairwise_accuracy": 0.845, "auc": 0.82}
# the issue's bounds for restyled copies: the score moves little, the pairs' order barely
RESTYLED = {"mean_abs_change": 0.05, "pairwise_drop": 0.03}


@pytest.mark.dataset
@pytest.mark.slow
def test_perezrosas_celebrity_pairs_floor_restyled_and_against_the_baseline():
    path = dataset("perezrosas-celebrity-fakenews/perezrosas2018.jsonl")
    train = dataset("gossipcop-fakenewsnet/gossipcop.jsonl")
    result = evaluate("credibility", path, domain="celebrity", train=str(train))
    assert result["n"] == 388
    metrics = result["metrics"]
    assert metrics["pairwise_accuracy"] >= FLOORS["pairwise_accuracy"]
    assert metrics["auc"] >= FLOORS["auc"]
    assert metrics["auc"] > result["baseline"]["auc"]  # its pairwise accuracy is not above the baseline's (README)
    restyled = result["restyled"]
    assert restyled["n"] == 388
    assert restyled["mean_abs_change"] <= RESTYLED["mean_abs_change"]
    assert metrics["pairwise_accuracy"] - restyled["metrics"]["pairwise_accuracy"] <= RESTYLED["pairwise_drop"]


@pytest.mark.dataset
def test_eval_on_the_training_data_reports_the_recorded_cross_validation():
    path = dataset("gossipcop-fakenewsnet/gossipcop.jsonl")
    result = evaluate("credibility", path, train=str(path))
    assert result["cross_validated"]["folds"] == 5
    # measured 2026-12-07: random split macro-F1 0.7747, AUC 0.8554; outlet-disjoint 0.7704, 0.8438
    metrics = result["metrics"]
    assert metrics["macro_f1"] >= 0.755 and metrics["auc"] >= 0.835 and metrics["ece"] <= 0.05
    assert metrics["pairwise_accuracy"] is None
    assert set(result["baseline"]) == set(metrics)
    disjoint = result["outlet_disjoint"]["metrics"]
    assert disjoint["macro_f1"] >= 0.75 and disjoint["auc"] >= 0.825
    # measured: the other factors' additive share of the logit's variance 0.078, R² 0.475
    share = result["variance_share"]
    assert share["other_factors"] >= 0.06 and share["other_factors_r2"] >= 0.45

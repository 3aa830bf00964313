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

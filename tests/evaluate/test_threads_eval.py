"""The thread scorer: a small Emergent-schema file through a real store, and a floor on Emergent."""

from __future__ import annotations

import json

import pytest

from rumormill.evaluate import evaluate
from tests.conftest import dataset

HEADLINES = [
    ("c1", "Kim Kardashian is pregnant with her fourth child"),
    ("c1", "Kim Kardashian pregnant with fourth child, source says"),
    ("c2", "Riverside United sign striker Marco Delgado from Porto"),
    ("c2", "Marco Delgado joins Riverside United from Porto for record fee"),
    ("c3", "Kanye West will perform at Glastonbury festival"),
]


def test_threads_eval_scores_pairs_of_articles_in_one_thread(tmp_path):
    path = tmp_path / "articles.jsonl"
    rows = [
        {"article_id": f"a{i}", "claim_id": c, "article_headline": h, "source_domain": f"outlet{i}.com"}
        for i, (c, h) in enumerate(HEADLINES)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = evaluate("threads", path)
    assert (result["task"], result["n"], result["claims"], result["split"]) == ("threads", 5, 3, "all")
    metrics = result["metrics"]
    assert metrics["pairwise"]["gold"] == 2
    assert metrics["coverage"] == 1.0  # every headline names someone: each is in a thread
    assert metrics["pairwise"]["precision"] == 1.0  # no two claims share a thread
    assert metrics["link_seconds_per_article"] > 0
    assert result["data"]["file"] == "articles.jsonl"


# Measured (quality/threads.json, whole file): pairwise precision 0.915, recall 0.511, coverage 0.921.
FLOORS = {"precision": 0.90, "recall": 0.50, "coverage": 0.90}


@pytest.mark.dataset
def test_threads_eval_on_emergent():
    from rumormill import embed

    if not embed.available():
        pytest.skip("the thread figures are measured with sentence embeddings; the model is not installed")
    result = evaluate("threads", dataset("emergent-stance/articles.jsonl"))
    assert (result["records"], result["claims"]) == (2090, 251)
    metrics = result["metrics"]
    assert metrics["pairwise"]["precision"] >= FLOORS["precision"]
    assert metrics["pairwise"]["recall"] >= FLOORS["recall"]
    assert metrics["coverage"] >= FLOORS["coverage"]

"""The story scorer: its arithmetic on hand-made clusters, and a floor on the Pérez-Rosas pairs."""

from __future__ import annotations

import pytest

from rumormill.evaluate import evaluate, stories
from tests.conftest import dataset


def test_pairwise_counts_links_between_records():
    gold = ["a", "a", "b", "b", "c"]
    predicted = [1, 1, 1, 2, 3]
    result = stories.pairwise(gold, predicted)
    assert (result["tp"], result["predicted"], result["gold"]) == (1, 3, 2)
    assert (result["precision"], result["recall"]) == (round(1 / 3, 4), 0.5)


def test_bcubed_averages_over_records():
    gold = ["a", "a", "b", "b"]
    assert stories.bcubed(gold, [1, 1, 2, 2]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    apart = stories.bcubed(gold, [1, 2, 3, 4])
    assert (apart["precision"], apart["recall"]) == (1.0, 0.5)
    together = stories.bcubed(gold, [1, 1, 1, 1])
    assert (together["precision"], together["recall"]) == (0.5, 1.0)


# Measured (quality/stories.json): pairwise precision 0.577, recall 0.464; B-cubed F1 0.808.
FLOORS = {"pairwise_precision": 0.55, "pairwise_recall": 0.44, "bcubed_f1": 0.79}


@pytest.mark.dataset
def test_stories_eval_on_celebrity_pairs():
    path = dataset("perezrosas-celebrity-fakenews/perezrosas2018.jsonl")
    result = evaluate("stories", path, domain="celebrity")
    assert (result["task"], result["n"]) == ("stories", 388)
    metrics = result["metrics"]
    assert metrics["gold_stories"] == 194
    assert metrics["pairwise"]["precision"] >= FLOORS["pairwise_precision"]
    assert metrics["pairwise"]["recall"] >= FLOORS["pairwise_recall"]
    assert metrics["bcubed"]["f1"] >= FLOORS["bcubed_f1"]
    assert metrics["largest_story"] <= 10
    assert 0.6 <= metrics["partner_nearest"] <= 0.75  # the ceiling the text sets (see README)


def test_partner_nearest_finds_the_partner_by_its_words():
    from rumormill.model import Analysis, Article

    texts = [
        "Clooney wedding in Venice with Amal, the guests arrive by boat for the wedding",
        "Amal and Clooney marry in Venice: wedding guests arrive by boat",
        "Bieber cancels the Purpose tour to rest after months on the road",
        "Purpose tour cancelled: Bieber needs rest from the road",
    ]
    analyses = [Analysis(article=Article(id=f"a{i}", text=t)) for i, t in enumerate(texts)]
    assert stories.partner_nearest(analyses, ["w", "w", "b", "b"]) == 1.0
    assert stories.partner_nearest(analyses, ["w", "b", "w", "b"]) == 0.0

"""The hedging scorer: its arithmetic on hand-made sentences, and floors on the Szeged corpus."""

from __future__ import annotations

import json

import pytest

from rumormill.evaluate import hedging
from tests.conftest import dataset


def _record(domain, text, cues):
    spans = [{"start": text.index(c), "end": text.index(c) + len(c), "text": c, "type": "epistemic"} for c in cues]
    return {"id": f"{domain}/d/{text[:8]}", "domain": domain, "text": text, "uncertain": bool(cues), "cues": spans}


@pytest.fixture()
def tiny(tmp_path):
    records = [
        _record("news_factbank", "The deal may collapse next week.", ["may"]),  # found
        _record("news_factbank", "The deal collapsed last week.", []),  # nothing, rightly
        _record("news_factbank", "Analysts wondered about the deal.", ["wondered"]),  # missed
        _record("wikipedia_weasel", "He is said to have lived in Rome.", []),  # found, not gold
    ]
    path = tmp_path / "sentences.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_hedging_eval_scores_sentences_and_cues(tiny):
    result = hedging.evaluate(tiny)
    assert (result["task"], result["n"]) == ("hedging", 4)
    metrics = result["metrics"]
    assert set(metrics) == {"news_factbank", "wikipedia_weasel", "overall", "cues", "cue_overlap_f1"}
    news = metrics["news_factbank"]
    assert (news["tp"], news["predicted"], news["gold"]) == (1, 1, 2)
    assert (news["precision"], news["recall"]) == (1.0, 0.5)
    overall = metrics["overall"]
    assert (overall["tp"], overall["predicted"], overall["gold"]) == (1, 2, 2)
    assert (metrics["cues"]["tp"], metrics["cues"]["predicted"], metrics["cues"]["gold"]) == (1, 2, 2)
    assert metrics["cue_overlap_f1"] == 0.5


def test_hedging_eval_domain_and_limit(tiny):
    assert hedging.evaluate(tiny, domain="news")["n"] == 3
    assert hedging.evaluate(tiny, domain="news_factbank", limit=1)["n"] == 1


@pytest.mark.parametrize(
    ("predicted", "gold", "matched"),
    [
        ([(0, 10)], [(7, 10)], 1),  # "is said to" against "to": they share a word
        ([(0, 2), (3, 7)], [(0, 7)], 1),  # one gold cue is matched once
        ([(0, 2)], [(3, 7)], 0),
    ],
)
def test_hedging_eval_match_cues_one_to_one(predicted, gold, matched):
    assert hedging.match_cues("is said to", predicted, gold) == matched


# Floors pinned about 0.02 under what the subset below measured when they were set, so that
# a change costing more than that fails as a regression, while the next tweak may still move a
# few sentences. Full-corpus figures (all 34,570 sentences) are in the hedging issue report.
FLOORS = {
    "news_factbank": 0.85,  # measured 0.868 (the issue asks for at least 0.65)
    "wikipedia_weasel": 0.82,  # measured 0.839 on the first 4,000
    "bio_abstracts_hbc": 0.87,  # measured 0.891 on the first 4,000
    "overall": 0.855,  # measured 0.874 on the subset
    "cue_overlap_f1": 0.82,  # measured 0.841 on the subset
}


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    """All news sentences plus the first 4,000 Wikipedia and 4,000 biomedical abstract ones:
    every domain the held-out set has, in about a minute on one core."""
    path = dataset("szeged-uncertainty/sentences.jsonl")
    taken = {"news_factbank": None, "wikipedia_weasel": 4000, "bio_abstracts_hbc": 4000}
    lines = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            domain = json.loads(line)["domain"]
            if domain in taken and (taken[domain] is None or taken[domain] > 0):
                lines.append(line)
                if taken[domain] is not None:
                    taken[domain] -= 1
    subset = tmp_path_factory.mktemp("szeged") / "subset.jsonl"
    subset.write_text("".join(lines), encoding="utf-8")
    return hedging.evaluate(subset)


@pytest.mark.dataset
@pytest.mark.slow
@pytest.mark.parametrize("name", ["news_factbank", "wikipedia_weasel", "bio_abstracts_hbc", "overall"])
def test_hedging_eval_sentence_f1_floor(scored, name):
    assert scored["metrics"][name]["f1"] >= FLOORS[name], scored["metrics"][name]


@pytest.mark.dataset
@pytest.mark.slow
def test_hedging_eval_cue_overlap_floor(scored):
    assert scored["metrics"]["cue_overlap_f1"] >= FLOORS["cue_overlap_f1"], scored["metrics"]["cues"]

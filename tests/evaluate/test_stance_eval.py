"""The stance and resolution scorers: their arithmetic on tiny files, and floors on FNC-1 and Emergent."""

from __future__ import annotations

import json

import pytest

from rumormill.evaluate import evaluate
from rumormill.evaluate.stance import _fnc_points
from rumormill.labelled import selective
from tests.conftest import dataset

# A little under the figures measured with the shipped model (quality/stance-*.json,
# quality/resolution.json), measured 2026-11-26: FNC-1 holdout macro-F1 0.718, weighted 0.853,
# disagree F1 0.458; Emergent test macro-F1 0.761 (0.764 on 2026-12-07, denials grounded).
# Resolution, 2026-12-07, a status only where earned: on Emergent's 55 test claims selective
# precision 0.846 at coverage 0.236 (13 claims shown); nested claim-disjoint CV on its 196
# training claims 0.809 at 0.240 (47 shown). The macro-F1 scores each claim's estimate (shown or
# not): 0.517 on the test claims, 0.535 in nested CV (the shown statuses alone, open read as
# unknown: 0.460 on test). Then a verdict no occurrence states was kept off the page
# (`resolution.showable`): test 0.917 at 0.218 (12 shown), nested CV 0.778 at 0.230 (45 shown).
# Then a status needs an occurrence that says what the claim says (`resolution.states`), and a
# learned denial one that denies in words: on gossip threads the negations it weighed were of
# other claims about the same people. Test 0.875 at 0.145 (8 shown), nested CV 0.811 at 0.189
# (37 shown): precision over coverage, the trade the issue asks for. Then the debunking
# headline's own forms count as denials in words ("No, Saudi TV did not blur ...", "Sorry, KFC
# isn't ...", "called rubbish", "contrary to report"): test 0.917 at 0.218 (12 shown), nested CV
# 0.840 at 0.255 (50 shown). Then the model is told whether a checkable report denies the claim in
# words (`denial_in_words`, what a shown denial needs), and each status keeps the precision on its
# own threshold (confirmed never does, and is not shown): test 0.857 at 0.255 (14 shown, 12
# right; macro-F1 0.524), nested CV 0.830 at 0.270 (53 shown; macro-F1 0.567).
# The floors: the 0.80 and its coverage of 0.25, on the test split and in nested CV;
# macro-F1 the 0.50.
FNC_FLOORS = {"macro_f1": 0.70, "fnc_score": 0.83, "disagree_f1": 0.42}
EMERGENT_FLOOR = 0.74
RESOLUTION_FLOORS = {"test": 0.50, "cross_validated": 0.50}
SELECTIVE_FLOORS = {"precision": 0.80, "coverage": 0.25}
SELECTIVE_CV_FLOORS = {"precision": 0.80, "coverage": 0.25}


def test_selective_counts_only_the_committed_verdicts():
    gold = ["true", "false", "unknown", "false"]
    predicted = ["true", "unknown", "false", "false"]
    assert selective(gold, predicted, abstain="unknown") == {
        "precision": 0.6667,
        "coverage": 0.75,
        "shown": 3,
        "right": 2,
    }
    assert selective(gold, ["unknown"] * 4, abstain="unknown")["precision"] == 0.0


def _write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_fnc_points_follow_the_official_scorer():
    gold = ["agree", "disagree", "discuss", "unrelated", "unrelated"]
    predicted = ["agree", "discuss", "unrelated", "unrelated", "agree"]
    # 1.0 (right) + 0.25 (related, wrong label) + 0 (missed relation) + 0.25 (right unrelated) + 0
    assert _fnc_points(gold, predicted) == (1.5, 3.5)


def test_fnc_eval_scores_the_holdout_split_by_default(tmp_path):
    bodies = _write(
        tmp_path / "bodies.jsonl",
        [
            {"body_id": 1, "body": "Reports that Banksy was arrested are a hoax, police said. No arrest was made."},
            {"body_id": 2, "body": "Apple will start selling its watch in April, the company said on Monday."},
        ],
    )
    stances = _write(
        tmp_path / "stances.jsonl",
        [
            {"headline": "Banksy arrested in London", "body_id": 1, "stance": "disagree", "baseline_split": "holdout"},
            {"headline": "Banksy arrested in London", "body_id": 2, "stance": "unrelated", "baseline_split": "holdout"},
            {"headline": "Banksy arrested in London", "body_id": 1, "stance": "agree", "baseline_split": "train"},
        ],
    )
    result = evaluate("stance", stances, bodies=str(bodies))
    assert (result["task"], result["schema"], result["split"], result["n"]) == ("stance", "fnc1", "holdout", 2)
    metrics = result["metrics"]
    assert set(metrics["per_class"]) == {"agree", "disagree", "discuss", "unrelated"}
    assert metrics["fnc_max"] == 1.25
    assert 0.0 <= metrics["fnc_score"] <= 1.0
    assert evaluate("stance", stances, bodies=str(bodies), split="all")["n"] == 3


def test_emergent_eval_never_predicts_unrelated_and_has_no_fnc_score(tmp_path):
    articles = _write(
        tmp_path / "articles.jsonl",
        [
            {"claim_id": "c1", "claim_headline": "Banksy was arrested", "article_headline": h, "stance": s,
             "claim_truth": "false", "article_id": f"a{i}"}
            for i, (h, s) in enumerate([("Banksy arrest is a hoax", "against"), ("Apple watch on sale", "for")])
        ],
    )  # fmt: skip
    result = evaluate("stance", articles)
    assert (result["schema"], result["split"], result["n"]) == ("emergent", "all", 2)
    assert result["metrics"]["fnc_score"] is None
    assert sum(result["metrics"]["per_class"][k]["predicted"] for k in ("for", "against", "observing")) == 2
    resolved = evaluate("resolution", articles)
    assert (resolved["task"], resolved["n"], resolved["articles"]) == ("resolution", 1, 2)


def test_a_record_without_the_schema_fields_is_named(tmp_path):
    from rumormill.errors import InputError

    articles = _write(tmp_path / "bad.jsonl", [{"claim_headline": "x"}])
    with pytest.raises(InputError, match="bad.jsonl.*record 1 lacks"):
        evaluate("stance", articles)


@pytest.mark.dataset
@pytest.mark.slow
def test_fnc1_holdout_floors():
    root = "fnc1-stance/"
    result = evaluate("stance", dataset(root + "train_stances.jsonl"), bodies=str(dataset(root + "train_bodies.jsonl")))
    assert (result["split"], result["n"]) == ("holdout", 9622)
    assert result["metrics"]["macro_f1"] >= FNC_FLOORS["macro_f1"]
    assert result["metrics"]["fnc_score"] >= FNC_FLOORS["fnc_score"]
    assert result["metrics"]["per_class"]["disagree"]["f1"] >= FNC_FLOORS["disagree_f1"]


@pytest.mark.dataset
def test_emergent_test_split_floors():
    path = dataset("emergent-stance/articles.jsonl")
    result = evaluate("stance", path)
    assert (result["split"], result["n"]) == ("test", 482)
    assert result["metrics"]["macro_f1"] >= EMERGENT_FLOOR
    resolved = evaluate("resolution", path)
    assert (resolved["split"], resolved["n"]) == ("test", 55)
    assert resolved["metrics"]["macro_f1"] >= RESOLUTION_FLOORS["test"]
    assert resolved["cross_validated"]["macro_f1"] >= RESOLUTION_FLOORS["cross_validated"]
    for figures in (resolved["metrics"], resolved["cross_validated"]):
        assert figures["measures"].keys() == {"estimate", "status"}  # which figure scores which
    for figures, floors in (
        (resolved["metrics"]["selective"], SELECTIVE_FLOORS),
        (resolved["cross_validated"]["selective"], SELECTIVE_CV_FLOORS),
    ):
        assert figures["precision"] >= floors["precision"]
        assert figures["coverage"] >= floors["coverage"]

"""`rumormill train stance`: a small run end to end, and the inputs it needs."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rumormill.cli import app
from rumormill.corpus import stance
from tests.conftest import dataset

runner = CliRunner()


def test_train_stance_names_the_input_it_lacks(tmp_path):
    result = runner.invoke(app, ["train", "stance", "--data", str(tmp_path / "stances.jsonl")])
    assert result.exit_code == 2 and "--bodies" in result.output
    assert not (tmp_path / "stance.json").exists()


def test_train_stance_refuses_data_without_every_class(tmp_path):
    (tmp_path / "bodies.jsonl").write_text(json.dumps({"body_id": 1, "body": "Banksy was arrested."}) + "\n")
    record = {"headline": "Banksy arrested", "body_id": 1, "stance": "agree", "baseline_split": "train"}
    (tmp_path / "stances.jsonl").write_text(json.dumps(record) + "\n")
    article = {"claim_id": "c", "claim_headline": "x", "article_headline": "y", "stance": "for", "article_id": "a"}
    (tmp_path / "articles.jsonl").write_text(json.dumps({**article, "original_split": "train"}) + "\n")
    args = ["--data", str(tmp_path / "stances.jsonl"), "--bodies", str(tmp_path / "bodies.jsonl")]
    result = runner.invoke(app, ["train", "stance", *args, "--headlines", str(tmp_path / "articles.jsonl")])
    assert result.exit_code == 2 and "no denies, repeats, unrelated pairs" in result.output


@pytest.mark.dataset
@pytest.mark.slow
def test_a_small_training_run_writes_a_model_that_predicts(tmp_path):
    """About 200 FNC-1 pairs (every class) and 12 Emergent claims: enough to exercise every step, not to be good."""
    stances = [json.loads(line) for line in dataset("fnc1-stance/train_stances.jsonl").open(encoding="utf-8")]
    stances = [s for label in ("agree", "disagree", "discuss", "unrelated") for s in stances if s["stance"] == label]
    stances = [s for s in stances if s["baseline_split"] == "train"][::200]
    ids = {s["body_id"] for s in stances}
    bodies = [json.loads(line) for line in dataset("fnc1-stance/train_bodies.jsonl").open(encoding="utf-8")]
    articles = [json.loads(line) for line in dataset("emergent-stance/articles.jsonl").open(encoding="utf-8")]
    claims = list(dict.fromkeys(a["claim_id"] for a in articles if a["original_split"] == "train"))[:12]
    files = {
        "stances.jsonl": stances,
        "bodies.jsonl": [b for b in bodies if b["body_id"] in ids],
        "articles.jsonl": [a for a in articles if a["claim_id"] in claims],
    }
    for name, records in files.items():
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "model.json"
    args = ["--data", str(tmp_path / "stances.jsonl"), "--bodies", str(tmp_path / "bodies.jsonl")]
    args += ["--headlines", str(tmp_path / "articles.jsonl"), "--out", str(out)]
    result = runner.invoke(app, ["train", "stance", *args])
    assert result.exit_code == 0, result.output
    meta = stance.metadata(str(out))
    assert meta["training_data"]["body"]["pairs"] == len(stances)
    assert set(json.loads(out.read_text(encoding="utf-8"))["resolution"]["classes"]) == {"confirmed", "denied", "open"}
    prediction = stance.predict("Banksy was arrested", "Banksy arrest is a hoax", kind="headline", model=str(out))
    assert prediction.label in stance.LABELS


def test_the_trainer_does_not_import_the_scorers():
    """The product's trainer reads data through `rumormill.labelled` and `corpus.emergent`, not `evaluate/`."""
    import ast
    import inspect

    from rumormill.corpus import train_stance

    tree = ast.parse(inspect.getsource(train_stance))
    modules = {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    modules |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert not [m for m in modules if "evaluate" in m]


def test_the_threshold_is_the_lowest_from_which_up_the_shown_statuses_keep_the_precision():
    import numpy as np

    from rumormill.corpus.train_stance import _threshold

    # eight claims denied at 0.9, all rightly; four at 0.5, all wrongly (they are open)
    probs = np.array([[0.05, 0.9, 0.05]] * 8 + [[0.2, 0.5, 0.3]] * 4)
    gold = np.array(["denied"] * 8 + ["open"] * 4, dtype=object)
    assert _threshold(probs, gold, np.ones(12, dtype=bool)) == {"confirmed": 1.0, "denied": 0.51}
    # claims with a single report are never shown, whatever their probabilities
    assert _threshold(probs, gold, np.array([False] * 8 + [True] * 4))["denied"] == 1.0


def test_each_status_keeps_the_precision_on_its_own():
    """Wrong "confirmed" statuses are not hidden among many right "denied" ones: confirmed gets
    its own threshold, here none, as it never keeps the target."""
    import numpy as np

    from rumormill.corpus.train_stance import _threshold

    probs = np.array([[0.05, 0.9, 0.05]] * 30 + [[0.6, 0.1, 0.3]] * 6)
    gold = np.array(["denied"] * 30 + ["confirmed"] * 3 + ["open"] * 3, dtype=object)
    assert _threshold(probs, gold, np.ones(36, dtype=bool)) == {"confirmed": 1.0, "denied": 0.34}


def test_the_estimate_model_is_chosen_for_macro_f1_and_weighs_the_rare_verdicts():
    """A separable toy: the class-weighted model finds the rare verdict, and C comes from its grid."""
    import numpy as np

    from rumormill.corpus.train_stance import PARAMS, _choose_estimate, _fit_logistic, _likeliest

    rng = np.random.default_rng(0)
    y = np.array(["open"] * 40 + ["denied"] * 12 + ["confirmed"] * 8, dtype=object)
    centre = {"open": [0, 0], "denied": [3, 0], "confirmed": [0, 3]}
    x = np.array([centre[label] for label in y]) + rng.normal(0, 0.5, (len(y), 2))
    folds = np.arange(len(y)) % 5
    c, by_c = _choose_estimate(x, y, folds)
    assert c in PARAMS["resolution"]["estimate_grid"] and by_c[str(c)] == max(by_c.values())
    guessed = _likeliest(_fit_logistic(x, y, c, balanced=True)(x))
    assert (guessed[y == "confirmed"] == "confirmed").mean() > 0.8


def test_the_shipped_artefact_keeps_the_estimate_apart_from_the_status():
    section = stance.load_spec(None)["resolution"]
    assert {"weights", "bias", "threshold"} <= section.keys()  # the calibrated model: what is shown
    assert {"c", "weights", "bias", "mean", "scale"} <= section["estimate"].keys()  # the estimate model
    assert {"estimate", "status"} == section["cv"]["measures"].keys()

"""`rumormill score`, `rumormill train credibility` and `rumormill eval credibility`, in-process."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rumormill.cli import app
from rumormill.credibility.model import load
from rumormill.errors import InputError
from rumormill.evaluate import evaluate
from tests.conftest import EXAMPLE

runner = CliRunner()

STARS = ["Kim Kardashian", "Kanye West", "Taylor Swift", "Justin Bieber", "Selena Gomez", "Brad Pitt"]


def _tiny(path, pairs: bool = False):
    """A hand-built data set: fakes lean on anonymous insiders and hype, reals on named people."""
    rows = []
    for i, star in enumerate(STARS * 2):
        fake = (
            f"SHOCKING! {star} is secretly heartbroken, an insider claims. "
            f"A source close to the star says the bombshell split is a nightmare. "
            f"{star} is reportedly devastated and furious, sources say."
        )
        real = (
            f"{star} told reporters on Monday that the new album comes out in May. "
            f"{star} said the tour starts in London. The label confirmed the dates in a statement."
        )
        pair = {"pair_id": f"p{i}"} if pairs else {}
        rows.append({"id": f"f{i}", "label": "fake", "title": f"{star} heartbroken", "text": fake, **pair})
        rows.append(
            {"id": f"r{i}", "label": "legit" if pairs else "real", "title": f"{star} album", "text": real, **pair}
        )
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_cli_score_prints_score_factors_and_spans():
    result = runner.invoke(app, ["score", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "credibility" in result.output.lower()
    assert "credible" in result.output or "doubtful" in result.output
    assert "reportedly" in result.output  # a hedge behind the hedging factor
    assert "@" in result.output  # spans carry their offsets


def test_cli_score_json_is_the_credibility():
    result = runner.invoke(app, ["score", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert 0 <= payload["score"] <= 1 and payload["factors"]
    assert payload["base"] + sum(f["contribution"] for f in payload["factors"]) == pytest.approx(payload["logit"])


def test_cli_score_escapes_article_text(tmp_path):
    path = tmp_path / "markup.jsonl"
    record = {"title": "[red]Kim[/red] moves", "text": "Kim reportedly moved to Wyoming, a source claims."}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 0, result.output
    assert "[red]Kim[/red] moves" in result.output


def test_cli_analyze_includes_the_credibility_section():
    result = runner.invoke(app, ["analyze", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "Credibility" in result.output


def test_cli_train_writes_a_model_with_metadata_that_scores(tmp_path):
    data = _tiny(tmp_path / "tiny.jsonl")
    out = tmp_path / "model" / "credibility.json"
    result = runner.invoke(app, ["train", "credibility", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    model = load(out)
    assert model.meta["training_data"]["records"] == 24
    assert model.meta["training_data"]["file"] == "tiny.jsonl"
    assert model.meta["cv"]["metrics"]["auc"] > 0.9  # the toy data is easy
    scored = runner.invoke(app, ["score", str(EXAMPLE), "--model", str(out), "--format", "json"])
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.stdout)["model"]["version"] == model.version


def test_cli_train_refuses_an_unknown_task_and_too_little_data(tmp_path):
    result = runner.invoke(app, ["train", "nonsense", "--data", str(tmp_path / "x.jsonl")])
    assert result.exit_code == 2 and "unknown training task" in result.output
    path = tmp_path / "few.jsonl"
    path.write_text('{"label": "fake", "text": "Kim moved."}\n{"label": "real", "text": "Kim moved."}\n')
    result = runner.invoke(app, ["train", "credibility", "--data", str(path), "--out", str(tmp_path / "m.json")])
    assert result.exit_code == 2 and "at least" in result.output
    assert not (tmp_path / "m.json").exists()


def test_eval_credibility_reports_model_and_baseline(tmp_path):
    data = _tiny(tmp_path / "pairs.jsonl", pairs=True)
    train = _tiny(tmp_path / "train.jsonl")
    result = runner.invoke(app, ["eval", "credibility", "--data", str(data), "--train", str(train), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    keys = {"accuracy", "macro_f1", "auc", "ece", "pairwise_accuracy"}
    assert set(payload["metrics"]) == keys and set(payload["baseline"]) == keys
    assert payload["n"] == 24
    assert payload["baseline"]["pairwise_accuracy"] == 1.0  # trained on the same toy pattern
    assert payload["metrics"]["pairwise_accuracy"] is not None


def test_eval_without_pairs_or_train_leaves_them_null(tmp_path):
    result = evaluate("credibility", _tiny(tmp_path / "plain.jsonl"))
    assert result["metrics"]["pairwise_accuracy"] is None
    assert result["baseline"] is None


def test_eval_rejects_unknown_labels(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"label": "maybe", "text": "Kim moved to Wyoming."}\n', encoding="utf-8")
    with pytest.raises(InputError, match="label 'maybe'"):
        evaluate("credibility", path)

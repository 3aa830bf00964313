"""The shipped credibility model: honest explanations, metadata, speed, and the text model."""

from __future__ import annotations

import json
import math
import re
from importlib import resources

import numpy as np
import pytest

import rumormill
from rumormill.credibility import masking, score
from rumormill.credibility.features import NAMES
from rumormill.credibility.model import ARTEFACT, Document, TextModel, load, shipped, terms
from rumormill.errors import ModelError

ARTEFACT_PATH = resources.files("rumormill.credibility").joinpath(ARTEFACT)


def test_analyze_scores_the_example_and_every_factor_points_at_real_spans(example_analysis):
    credibility = example_analysis.credibility
    assert credibility is not None
    assert 0.0 <= credibility.score <= 1.0
    assert credibility.label in ("credible", "doubtful")
    assert [f.name for f in sorted(credibility.factors, key=lambda f: NAMES.index(f.name))] == list(NAMES)
    text = example_analysis.article.text
    spans = [s for f in credibility.factors for s in f.evidence]
    assert len(spans) >= 5
    for span in spans:
        assert span.text == text[span.start : span.end]
    # the bag-of-words factor points at the words that pushed it
    words = next(f for f in credibility.factors if f.name == "text_model").evidence
    assert words and all(re.fullmatch(r"\w+( \w+)?", s.text) for s in words)


def test_contributions_sum_to_the_logit_and_the_score_is_its_probability(example_analysis):
    credibility = example_analysis.credibility
    total = credibility.base + sum(f.contribution for f in credibility.factors)
    assert total == pytest.approx(credibility.logit, abs=1e-9)
    assert credibility.score == pytest.approx(1 / (1 + math.exp(-credibility.logit)), abs=1e-12)
    assert (credibility.score >= credibility.threshold) == (credibility.label == "credible")


def test_factors_come_sorted_by_size_and_unknown_values_are_neutral(example_analysis):
    factors = example_analysis.credibility.factors
    sizes = [abs(f.contribution) for f in factors]
    assert sizes == sorted(sizes, reverse=True)
    corroboration = next(f for f in factors if f.name == "corroboration")
    assert corroboration.value is None and corroboration.contribution == 0.0


def test_the_analysis_with_credibility_round_trips_through_json(example_analysis):
    again = rumormill.Analysis.from_json(example_analysis.to_json())
    assert again.credibility == example_analysis.credibility
    assert example_analysis.to_dict()["schema"] == "rumormill.analysis/1"


def test_artefact_has_its_metadata():
    data = json.loads(ARTEFACT_PATH.read_text(encoding="utf-8"))
    assert data["format"] == "rumormill.credibility/2"
    assert data["features"] == list(NAMES)
    assert re.fullmatch(r"[0-9a-f]{64}", data["training_data"]["sha256"])
    assert data["training_data"]["file"] == "gossipcop.jsonl"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["created"])
    assert data["version"] and data["name"] == "rumormill-credibility"
    for cv in (data["cv"], data["cv"]["outlet_disjoint"]):
        for section in ("metrics", "baseline"):
            assert set(cv[section]) == {"accuracy", "macro_f1", "auc", "ece"}
        assert set(cv["auc_added"]) == set(NAMES)
    share = data["variance_share"]
    assert share["other_factors"] + share["text_model"] == pytest.approx(1.0, abs=1e-3)
    assert ARTEFACT_PATH.stat().st_size < 3_000_000  # small enough to ship


def test_artefact_cross_validated_figures_hold():
    """Floors about 0.02 under the figures measured when the shipped model was trained."""
    cv = shipped().meta["cv"]["metrics"]
    assert cv["macro_f1"] >= FLOORS["macro_f1"]
    assert cv["auc"] >= FLOORS["auc"]
    assert cv["ece"] <= FLOORS["ece"]


# measured 2026-12-07 (names masked): macro-F1 0.7747, AUC 0.8554, ECE 0.0074 (README, Credibility);
# the unmasked model of 2026-11-26 had 0.8009 and 0.8856, most of the difference being names
FLOORS = {"macro_f1": 0.755, "auc": 0.835, "ece": 0.026}


def test_artefact_loads_and_scores_deterministically(example_analysis):
    # load and scoring times are measured by benchmarks/credibility.py (README), not asserted here:
    # a timed test only measures how busy the machine is
    model = load(str(ARTEFACT_PATH))
    first, second = model.score(example_analysis), model.score(example_analysis)
    assert first == second
    assert first.model == {"name": model.name, "version": model.version}


def test_text_model_matches_scikit_learn():
    from rumormill.credibility.train import Counts, _text_logits, fit_text

    texts = [
        "Kim reportedly split from Kanye, a source claims.",
        "Kim Kardashian said on Monday that she is moving.",
        "Shocking! Insiders say the couple is over.",
        "The actor told reporters he is proud of the film.",
    ] * 3
    y = np.array([0, 1, 0, 1] * 3)
    titles = ["Kim and Kanye | Some Outlet", "", "Over? - Gossip Site", "A film"] * 3
    common = masking.common_words(texts + [t.lower() for t in texts], min_count=1) - {"kim", "kanye"}
    docs = [
        Document(masking.masked_tokens(t, common), masking.masked(title.split(" | ")[0], common))
        for t, title in zip(texts, titles, strict=True)
    ]
    model, fitted = fit_text([d.terms() for d in docs], y, common)
    ours = [model.logit(d)[0] for d in docs]
    assert ours == pytest.approx(_text_logits(fitted, [d.terms() for d in docs]).tolist(), abs=1e-9)
    again = TextModel.from_dict(model.to_dict())
    assert again.logit(docs[0])[0] == pytest.approx(ours[0], abs=1e-3)
    assert again.common == common
    assert "kim" not in model.vocabulary and "<name>" in model.vocabulary  # names are masked
    # the counted path that cross-validation uses fits the same model
    counted, _ = Counts([d.terms() for d in docs]).fit(np.arange(len(docs)), y, common)
    assert [counted.logit(d)[0] for d in docs] == pytest.approx(ours, abs=1e-9)
    assert "t:outlet" not in terms(texts[0], titles[0])  # the plain baseline cuts the outlet's name too


def test_score_with_threads_changes_nothing_the_model_was_not_trained_on(example_analysis):
    plain = score(example_analysis)
    threaded = score(example_analysis, threads=[{"stance": "confirm", "origin": "x"}])
    corroboration = next(f for f in threaded.factors if f.name == "corroboration")
    assert corroboration.value is not None
    assert threaded.score == pytest.approx(plain.score)


def test_a_bad_model_file_is_a_clear_error(tmp_path):
    path = tmp_path / "model.json"
    path.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(ModelError, match="not a credibility model"):
        load(path)
    with pytest.raises(ModelError, match="no credibility model"):
        load(tmp_path / "missing.json")


def test_credibility_model_setting_picks_the_model_and_names_it_in_the_pipeline(tmp_path, monkeypatch):
    import json

    from rumormill import analyze
    from rumormill.analyze import pipeline_info

    data = shipped().to_dict()
    data["version"] = "test-1"
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("RUMORMILL_CREDIBILITY_MODEL", str(path))
    analysis = analyze("Kim is said to live in Calabasas, a source claims.", published="2020-07-31")
    assert analysis.credibility.model["version"] == "test-1"
    assert pipeline_info()["credibility"].endswith("-test-1")
    monkeypatch.delenv("RUMORMILL_CREDIBILITY_MODEL")
    assert pipeline_info()["credibility"] == f"{shipped().name}-{shipped().version}"


def test_eval_scores_the_model_the_setting_names(tmp_path, monkeypatch):
    """`eval credibility` measures the model the analysis scores with: a user who trained one and
    set RUMORMILL_CREDIBILITY_MODEL gets its figures, not the shipped model's."""
    import json

    from rumormill.evaluate import evaluate

    data = shipped().to_dict()
    data["version"] = "test-2"
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    articles = tmp_path / "articles.jsonl"
    rows = [
        {"id": "1", "label": "fake", "text": "Kim is said to be pregnant again, a source claims.", "title": "Baby?"},
        {"id": "2", "label": "real", "text": "Kim Kardashian said on Monday that she is moving to Calabasas."},
    ]
    articles.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    monkeypatch.setenv("RUMORMILL_CREDIBILITY_MODEL", str(path))
    result = evaluate("credibility", str(articles), restyle=False, cache=None)
    assert result["model"]["version"] == "test-2" and result["n"] == 2

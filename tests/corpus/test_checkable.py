"""The learned model of checkable claims: its examples, its artefact, and the gate it keeps on
which claims of a full article start threads."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import rumormill
from rumormill.corpus import checkable
from rumormill.corpus import propositions as P
from rumormill.errors import ConfigError, ModelError

DIMS = 384


def _occurrence(claim: str, same: bool | None) -> dict:
    return {"key": f"a:{len(claim)}", "claim": claim, "context": f"[[{claim}]]", "same": same}


def _sheet(path: Path, lines: list[list[tuple[str, bool | None]]]) -> Path:
    rows = [{"header": True, "selection": "dated-from", "since": "2018-01-01", "articles": 10}]
    rows += [{"thread": str(n), "occurrences": [_occurrence(c, s) for c, s in occ]} for n, occ in enumerate(lines)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_examples_are_checkable_occurrences_and_uncheckable_first_occurrences(tmp_path):
    sheet = _sheet(
        tmp_path / "threads-a.jsonl",
        [
            [("Lena Morrow and Theo Vance split", True), ("Morrow and Vance have split", True), ("Theo wed", False)],
            [("The Most Outrageous Moments of the Week", False), ("Top Moments of the Week", False)],
            [("Unjudged line", None)],
        ],
    )
    texts, labels, groups = checkable.examples([sheet])
    assert dict(zip(texts, labels, strict=True)) == {
        "Lena Morrow and Theo Vance split": 1,
        "Morrow and Vance have split": 1,
        "The Most Outrageous Moments of the Week": 0,
    }  # a different claim in a thread says nothing of whether it is checkable; nor does a later copy
    assert set(groups) == {"threads-a"}
    assert checkable.sheets_in(tmp_path) == [sheet]
    with pytest.raises(ConfigError):
        checkable.sheets_in(tmp_path / "nothing-here")


def _artefact(tmp_path: Path, direction: np.ndarray, threshold: float = 0.5) -> str:
    spec = {"format": checkable.FORMAT, "threshold": threshold, "bias": 0.0, "weights": (8 * direction).tolist()}
    path = tmp_path / "checkable.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return str(path)


def _unit(i: int) -> np.ndarray:
    v = np.zeros(DIMS, dtype=np.float32)
    v[i] = 1.0
    return v


def test_the_threshold_decides_and_a_foreign_file_is_refused(tmp_path):
    path = _artefact(tmp_path, _unit(0))
    vectors = np.stack([_unit(0), -_unit(0), _unit(1)])
    assert checkable.checkable(vectors, path).tolist() == [True, False, True]  # p = 0.9997, 0.0003, 0.5
    assert checkable.checkable(np.zeros((0, DIMS)), path).shape == (0,)
    bad = tmp_path / "other.json"
    bad.write_text('{"format": "something/1"}', encoding="utf-8")
    with pytest.raises(ModelError, match="other.json"):
        checkable.load(str(bad))


def test_the_shipped_model_says_what_it_was_trained_on_and_how_it_did():
    spec = checkable.load()
    assert len(spec["weights"]) == DIMS and 0.0 < spec["threshold"] < 1.0
    assert spec["data"]["sha256"] and spec["data"]["not_checkable"] > 0
    assert spec["cv"]["by"] == "sheet" and spec["cv"]["checkable_kept"] >= 0.95


ARTICLE = rumormill.Article(
    title="Lena Morrow and Theo Vance split after six years",
    text="Pop star Lena Morrow and her husband Theo Vance have split after six years of marriage, an insider"
    " told the Daily Ledger.\n\nMorrow filed for divorce in Los Angeles on Monday, court records show.",
    published="2024-03-10",
)


def _fake_encoder(bad_words: str):
    """Vectors along axis 0 for texts with `bad_words` (the test model's uncheckable side), axis 1 else."""

    def encode(texts):
        return np.stack([-_unit(0) if bad_words in t else _unit(1) for t in texts])

    return encode


def test_a_full_article_s_claims_the_model_rejects_start_no_thread(tmp_path, monkeypatch):
    analysis = rumormill.analyze(ARTICLE)
    monkeypatch.setenv("RUMORMILL_CHECKABLE_MODEL", _artefact(tmp_path, _unit(0)))
    kept = [c.text for c, _ in P.article_propositions(analysis, encode=_fake_encoder("filed for divorce"))]
    assert kept and not any("filed for divorce" in t for t in kept)
    monkeypatch.setenv("RUMORMILL_CHECKABLE_MODEL", "off")
    kept = [c.text for c, _ in P.article_propositions(analysis, encode=_fake_encoder("filed for divorce"))]
    assert any("filed for divorce" in t for t in kept)


def test_a_headline_alone_is_not_judged_by_the_model(tmp_path, monkeypatch):
    """A feed item or an Emergent headline is all a reader has; the model learned full articles."""
    analysis = rumormill.analyze("Christian Bale will not play Steve Jobs")
    monkeypatch.setenv("RUMORMILL_CHECKABLE_MODEL", _artefact(tmp_path, _unit(0)))
    kept = P.article_propositions(analysis, encode=_fake_encoder("Bale"))
    assert [c.text for c, _ in kept] == ["Christian Bale will not play Steve Jobs"]


def test_rumormill_train_checkable_writes_a_model_with_its_cross_validated_figures(tmp_path):
    from typer.testing import CliRunner

    from rumormill import embed
    from rumormill.cli import app

    if not embed.available():
        pytest.skip("sentence embeddings are not installed")
    good = ["Lena Morrow and Theo Vance split after six years", "Theo Vance was arrested in Miami on Friday"]
    bad = ["The Cutest Moments of the Week", "She has always wanted a bigger house, a friend says"]
    for n in range(2):
        _sheet(tmp_path / f"threads-{n}.jsonl", [[(good[n], True), (good[n], True)], [(bad[n], False)]])
    target = tmp_path / "model.json"
    result = CliRunner().invoke(app, ["train", "checkable", "--data", str(tmp_path), "--out", str(target)])
    assert result.exit_code == 0, result.output
    spec = checkable.load(str(target))
    assert (
        spec["cv"]["folds"] == 2
        and spec["data"]["claims"] == 4
        and spec["data"]["sheets"]
        == [
            "threads-0.jsonl",
            "threads-1.jsonl",
        ]
    )

"""The gossip gold scorer: its arithmetic on a hand-built article, its agreement with the
dataset's reference scorer, and floors on the 24 hand-annotated articles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rumormill.evaluate import claims
from tests.conftest import dataset

TEXT = (
    "Kim Kardashian, 39, is said to be living apart from Kanye West. "
    'A source told Us Weekly that the couple split. "We are fine," Kanye said. '
    "Picture: Getty"
)


def _span(text, s):
    start = TEXT.index(s)
    return {"start": start, "end": start + len(s), "text": s}


def _source(kind, name=None, entity=None):
    return {"kind": kind, "name": name, "entity": entity, "span": None, "channel": None}


def _gold():
    return {
        "id": "g1",
        "text": TEXT,
        "attributions": [
            {  # found, kind right (reports)
                "content": "be living apart from Kanye West",
                "source_kind": "reports",
                "source_name": None,
                "certainty": "hedged",
            },
            {  # found with the wrong kind
                "content": "the couple split",
                "source_kind": "anonymous",
                "source_name": None,
                "certainty": "asserted",
            },
        ],
        "quotes": [{"text": "We are fine,", "speaker_name": "Kanye West", "speaker_kind": "named"}],
        "not_claims": ["Picture: Getty"],
        "people": [
            {"name": "Kim Kardashian", "mentions": []},
            {"name": "Kanye West", "mentions": ["Kanye said"]},
        ],
        "relations": [{"a": "Kim Kardashian", "b": "Kanye West", "predicate": "former_spouse"}],
        "ages": [{"name": "Kim Kardashian", "age": 39}],
    }


def _analysis():
    kim = {
        "id": "e1",
        "name": "Kim Kardashian",
        "mentions": [_span(TEXT, "Kim Kardashian")],
        "attributes": [{"kind": "age", "value": "39"}],
    }
    kanye = {"id": "e2", "name": "Kanye West", "mentions": [_span(TEXT, "Kanye West")], "attributes": []}
    kanye_alone = {"id": "e3", "name": "Kanye", "mentions": [kanye_mention()], "attributes": []}
    return {
        "article": {"ref": "g1", "id": "x", "text": TEXT},
        "entities": [kim, kanye, kanye_alone],
        "claims": [
            {"span": _span(TEXT, "be living apart from Kanye West"), "source": _source("reports"),
             "certainty": "hedged", "quote": None},
            {"span": _span(TEXT, "the couple split"), "source": _source("outlet", "Us Weekly"),
             "certainty": "asserted", "quote": None},
            {"span": _span(TEXT, "Picture: Getty"), "source": _source("named", "Picture"),
             "certainty": "asserted", "quote": None},
        ],
        "quotes": [{"span": _span(TEXT, "We are fine,"), "speaker": _source("named", "Kanye West", "e2")}],
        "relations": [{"subject": "e2", "object": "e1", "predicate": "former_partner"}],
    }  # fmt: skip


def kanye_mention():
    start = TEXT.index("Kanye said")
    return {"start": start, "end": start + 5, "text": "Kanye"}


def test_claims_score_counts_each_figure():
    result = claims.score([_gold()], [_analysis()])
    attribution = result["attribution"]
    assert (attribution["gold"], attribution["predicted"]) == (2, 3)
    assert attribution["recall_span"] == 1.0
    assert attribution["recall_kind"] == attribution["recall_full"] == 0.5
    assert attribution["precision_kind"] == round(1 / 3, 4)
    assert result["certainty"]["hedged_recall"] == 1.0
    assert result["quotes"] == {"gold": 1, "found": 1.0, "speaker_accuracy_on_found": 1.0}
    assert result["furniture_as_claims"] == {"gold": 1, "rate": 1.0}
    # former_partner answers former_spouse, either way round
    assert result["relations_recall"] == 1.0
    assert result["ages_recall"] == 1.0
    # Kanye's mentions sit in two entities: one person split
    assert result["people"] == {"gold": 2, "split_rate": 0.5, "missing_rate": 0.0, "merged_pairs": 0}


def test_claims_locate_tolerates_whitespace_and_counts_occurrences():
    text = claims._Text("a  b\nc a b c")
    assert text.locate("a b c") == (0, 6)
    assert text.locate("a b c", occurrence=2) == (7, 12)
    assert text.locate("a b c", occurrence=3) is None
    assert claims.name_ok("Kim Kardashian", "Kim") and claims.name_ok("Kanye West", "Mr. West")
    assert not claims.name_ok("Kim Kardashian", "Kourtney Kardashia")


# Floors pinned a little under the figures measured when they were set (quality/claims.json,
# 2026-12: recall_full 0.762, precision_kind 0.870, denied 0.80 of 20, quotes 0.907 with
# speakers 0.939, relations 0.824, ages 0.921; furniture 0.018, people split 0.096), about one
# or two gold items each, so that a change costing more fails as a regression.
FLOORS = {
    ("attribution", "recall_full"): 0.75,
    ("attribution", "precision_kind"): 0.86,
    ("certainty", "denied_recall"): 0.79,
    ("quotes", "found"): 0.895,
    ("quotes", "speaker_accuracy_on_found"): 0.93,
    ("relations_recall",): 0.81,
    ("ages_recall",): 0.91,
}
CEILINGS = {("furniture_as_claims", "rate"): 0.05, ("people", "split_rate"): 0.11}


@pytest.fixture(scope="module")
def gold_path():
    return dataset("gossip-attribution-gold/gold.jsonl")


@pytest.fixture(scope="module")
def scored(gold_path):
    return claims.evaluate(gold_path)


def _get(result, key):
    for part in key:
        result = result[part]
    return result


@pytest.mark.dataset
@pytest.mark.slow
def test_claims_eval_agrees_with_the_reference_scorer(gold_path, scored, tmp_path):
    reference = gold_path.parent.parent.parent / "tools" / "score_gold.py"
    if not reference.exists():
        pytest.skip("dataset evaluation skipped: the reference scorer tools/score_gold.py not found")
    analyses = tmp_path / "analyses.jsonl"
    with analyses.open("w", encoding="utf-8") as out:
        subprocess.run(
            [str(Path(sys.executable).with_name("rumormill")), "analyze", str(gold_path), "--format", "json"],
            stdout=out,
            check=True,
        )
    theirs = json.loads(
        subprocess.run(
            [sys.executable, str(reference), str(gold_path), str(analyses)], capture_output=True, check=True, text=True
        ).stdout
    )
    ours = {k: v for k, v in scored.items() if k not in ("task", "n")}
    theirs["missing_articles"] = theirs.pop("missing_articles")
    assert theirs.pop("articles") == scored["n"] == 24
    assert ours == theirs


@pytest.mark.dataset
@pytest.mark.slow
@pytest.mark.parametrize("key", list(FLOORS), ids=".".join)
def test_claims_eval_floor(scored, key):
    assert _get(scored, key) >= FLOORS[key], scored


@pytest.mark.dataset
@pytest.mark.slow
@pytest.mark.parametrize("key", list(CEILINGS), ids=".".join)
def test_claims_eval_ceiling(scored, key):
    assert _get(scored, key) <= CEILINGS[key], scored

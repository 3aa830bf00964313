"""The PolNeAR attribution scorer: matching and P/R/F1 by hand, then pinned floors on the data."""

from __future__ import annotations

import pytest

from rumormill.evaluate import attribution
from rumormill.model import Analysis, Article, Claim, Quote, Source, Span
from tests.conftest import dataset

TEXT = "Kim left, a source said. Kanye is said to live in Wyoming. The couple wed in 2014."


def _span(words: str, start_at: int = 0) -> dict:
    start = TEXT.index(words, start_at)
    return {"start": start, "end": start + len(words), "text": words}


def _model_span(words: str) -> Span:
    start = TEXT.index(words)
    return Span(start=start, end=start + len(words), text=words)


RECORD = {
    "text": TEXT,
    "attributions": [
        {
            "type": "attribution",
            "cues": [_span("said")],
            "sources": [_span("a source")],
            "contents": [_span("Kim left")],
        },
        {
            "type": "attribution_no_source",
            "cues": [_span("is said")],
            "sources": [],
            "contents": [_span("Kanye"), _span("to live in Wyoming")],
        },
    ],
    "discard_spans": [],
}


def _analysis(claims=(), quotes=()) -> Analysis:
    return Analysis(article=Article(text=TEXT, language="en"), claims=list(claims), quotes=list(quotes))


def _claim(content, kind, source=None, cue=None, quote=None) -> Claim:
    return Claim(
        id="c1",
        span=_model_span(content),
        text=content,
        source=Source(kind=kind, span=_model_span(source) if source else None),
        cue=_model_span(cue) if cue else None,
        quote=quote,
    )


def test_attribution_eval_perfect_prediction_scores_one():
    analysis = _analysis(
        claims=[
            _claim("Kim left", "anonymous", "a source", "said"),
            _claim("Kanye is said to live in Wyoming", "reports", "is said", "is said"),
        ]
    )
    metrics = attribution.score([RECORD], [analysis])["metrics"]
    for role in ("cue", "source", "content"):
        for mode in ("exact", "overlap"):
            assert (metrics[role][mode]["precision"], metrics[role][mode]["recall"]) == (1.0, 1.0), (role, mode)


def test_attribution_eval_unattributed_claims_are_not_predictions():
    analysis = _analysis(claims=[_claim("The couple wed in 2014", "none")])
    metrics = attribution.score([RECORD], [analysis])["metrics"]
    assert metrics["cue"]["overlap"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "predicted": 0, "gold": 2}


def test_attribution_eval_overlap_counts_what_exact_does_not():
    # content one word short, source wrong, cue right
    analysis = _analysis(claims=[_claim("left", "named", "Kim", "said")])
    metrics = attribution.score([RECORD], [analysis])["metrics"]
    assert metrics["cue"]["exact"]["tp"] == 1
    assert (metrics["content"]["exact"]["tp"], metrics["content"]["overlap"]["tp"]) == (0, 1)
    assert (metrics["source"]["exact"]["tp"], metrics["source"]["overlap"]["tp"]) == (0, 0)
    assert metrics["source"]["overlap"]["gold"] == 1  # the no-source attribution has no source


def test_attribution_eval_quote_and_its_claim_count_once():
    quote = Quote(
        id="q1",
        span=_model_span("Kim left"),
        speaker=Source(kind="anonymous", span=_model_span("a source")),
        cue=_model_span("said"),
    )
    claim = _claim("Kim left", "anonymous", "a source", "said", quote="q1")
    items = attribution.predicted_items(_analysis(claims=[claim], quotes=[quote]))
    assert items == [{"cue": (19, 23), "source": (10, 18), "content": (0, 8)}]


def test_attribution_eval_quote_parts_with_one_cue_are_one_item():
    speaker = Source(kind="anonymous", span=_model_span("a source"))
    parts = [
        Quote(id="q1", span=_model_span("Kim left"), speaker=speaker, cue=_model_span("said")),
        Quote(id="q2", span=_model_span("Kanye"), speaker=speaker, cue=_model_span("said")),
    ]
    items = attribution.predicted_items(_analysis(quotes=parts))
    assert items == [{"cue": (19, 23), "source": (10, 18), "content": (0, 30)}]


def test_attribution_eval_one_to_one_matching():
    gold = attribution.gold_items(RECORD)
    one = [{"cue": (19, 23), "source": (10, 18), "content": (0, 8)}]
    pairs = attribution.match(TEXT, gold, one)
    assert [p is not None for _, p in pairs] == [True, False]


@pytest.mark.dataset
def test_attribution_eval_polnear_dev_and_test_floors():
    path = dataset("polnear-attribution/polnear.jsonl")
    result = attribution.evaluate(path, split="dev,test")
    metrics = result["metrics"]
    assert result["n"] == 136
    # measured 2026-12 on dev+test (136 articles), the rules (learned_attribution=off, the
    # default): overlap F1 cue 0.691, source 0.702, content 0.724; exact 0.625 / 0.665 / 0.533.
    # These are under the 0.726 / 0.732 / 0.759 of 2025-11 on purpose: the gossip gold's
    # guide (and issue 13) makes noun-phrase objects ("told Page Six", "endorsed Trump"),
    # indirect questions ("asked whether ...") and orders ("told her dog to ...") no
    # attributions, which PolNeAR counts. With the learned additions (=on): 0.697 / 0.707 /
    # 0.731. Floors sit ~0.015 below: a rule change that costs more is a regression.
    floors = {
        ("cue", "overlap"): 0.675,
        ("source", "overlap"): 0.685,
        ("content", "overlap"): 0.71,
        ("cue", "exact"): 0.61,
        ("source", "exact"): 0.645,
        ("content", "exact"): 0.51,
    }
    for (role, mode), floor in floors.items():
        assert metrics[role][mode]["f1"] >= floor, (role, mode, metrics[role][mode])

"""The data model: ids, spans, and symmetric serialisation."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from rumormill.model import Analysis, Article, Claim, Source, Span, article_id, normalise_text


def test_model_article_id_ignores_whitespace_and_unicode_form():
    assert article_id("Beyonce\u0301  sings.\n") == article_id("Beyoncé sings.")
    assert Article(text="Kim lives in Calabasas.").id == article_id("Kim lives in Calabasas.")


def test_model_normalise_text():
    assert normalise_text("  a\n\n b\tc ") == "a b c"


def test_model_span_of_text():
    assert Span.of("Kim lives here", 4, 9) == Span(start=4, end=9, text="lives")


def test_model_spans_are_hashable():
    assert len({Span(start=0, end=1, text="K"), Span(start=0, end=1, text="K")}) == 1


def test_model_unknown_fields_are_refused():
    with pytest.raises(ValidationError):
        Claim.from_dict(
            {
                "id": "c1",
                "span": {"start": 0, "end": 1, "text": "K"},
                "text": "K",
                "source": {"kind": "none"},
                "confidence": 1,
            }
        )


def test_model_source_kind_is_checked():
    with pytest.raises(ValidationError):
        Source(kind="gossip")


def test_model_analysis_round_trip(example_analysis):
    data = example_analysis.to_dict()
    assert data["schema"] == "rumormill.analysis/1"
    assert Analysis.from_dict(data) == example_analysis
    assert Analysis.from_json(example_analysis.to_json()) == example_analysis

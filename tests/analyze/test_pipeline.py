"""Stage order, determinism and the analyze() entry points."""

from __future__ import annotations

import pytest

from rumormill import InputError, PipelineError, analyze, analyze_many
from rumormill.analyze import lexicons, pipeline
from rumormill.model import Article
from tests.conftest import EXAMPLE


def test_pipeline_order_is_checked():
    misordered = tuple(reversed(pipeline.STAGES))
    with pytest.raises(PipelineError, match="requires"):
        pipeline.check_order(misordered)


def test_pipeline_is_deterministic():
    text = EXAMPLE.read_text(encoding="utf-8")
    assert analyze(text).to_json() == analyze(text).to_json()


def test_pipeline_analyze_many_equals_analyze():
    texts = [EXAMPLE.read_text(encoding="utf-8"), "Kim reportedly lives in Calabasas.\n\nKanye lives in Wyoming."]
    assert [a.to_json() for a in analyze_many(texts)] == [analyze(t).to_json() for t in texts]


def test_pipeline_records_versions():
    analysis = analyze("Kim lives in Calabasas.")
    assert set(analysis.pipeline) >= {"rumormill", "spacy", "model", "model_version", "lexicons", "stages"}
    assert analysis.pipeline["lexicons"] == lexicons.version()


def test_pipeline_published_argument():
    analysis = analyze("Kim lives in Calabasas.", published="2020-07-31")
    assert analysis.article.published == "2020-07-31"
    with pytest.raises(InputError, match="not an ISO date"):
        analyze("Kim lives in Calabasas.", published="last Tuesday")


def test_pipeline_dated_text_is_recognised():
    analysis = analyze(EXAMPLE.read_text(encoding="utf-8"))
    assert analysis.article.published == "2020-07-31"
    assert not analysis.article.text.startswith(" date")


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_pipeline_empty_text_is_refused(text):
    with pytest.raises(InputError, match="empty"):
        analyze(text)


def test_pipeline_huge_text_is_refused(monkeypatch):
    monkeypatch.setenv("RUMORMILL_MAX_CHARS", "100")
    with pytest.raises(InputError, match="over the limit"):
        analyze("Kim lives in Calabasas. " * 10)


def test_pipeline_non_english_is_refused():
    article = Article(text="Kim Kardashian et Kanye West vivraient séparés depuis un an.", language="fr")
    with pytest.raises(InputError, match="not in English"):
        analyze(article)


def test_pipeline_rejects_other_types():
    with pytest.raises(TypeError):
        analyze(42)


def test_pipeline_spans_point_into_the_text():
    analysis = analyze(EXAMPLE.read_text(encoding="utf-8"))
    text = analysis.article.text
    for claim in analysis.claims:
        assert text[claim.span.start : claim.span.end] == claim.span.text


def test_pipeline_analyze_many_reports_failures_and_goes_on():
    failures = []
    items = ["Kim lives in Calabasas.", "", "Kanye lives in Wyoming.", Article(text="Bonjour", language="fr")]
    analyses = list(analyze_many(items, on_error=lambda item, error: failures.append((item, str(error)))))
    assert [a.article.text for a in analyses] == ["Kim lives in Calabasas.", "Kanye lives in Wyoming."]
    assert [item for item, _ in failures] == ["", items[3]]
    assert "empty" in failures[0][1] and "not in English" in failures[1][1]


def test_pipeline_analyze_many_raises_without_on_error():
    with pytest.raises(InputError, match="empty"):
        list(analyze_many(["Kim lives in Calabasas.", ""]))


def test_pipeline_analyze_many_published_override():
    [analysis] = analyze_many(["Kim lives in Calabasas."], published="2020-07-31")
    assert analysis.article.published == "2020-07-31"
    with pytest.raises(InputError, match="not an ISO date"):
        list(analyze_many(["Kim lives in Calabasas."], published="someday"))

"""Exports: the full Analysis as JSONL, one CSV row per claim, schema.org Claim JSON-LD."""

from __future__ import annotations

import csv
import io
import json

import pytest
from pyld import jsonld

from rumormill import analyze
from rumormill.export import CSV_COLUMNS, claim_objects, export
from rumormill.model import Analysis
from rumormill.store import Filters
from tests.conftest import EXAMPLE

# schema.org terms the export may use: the ClaimReview family's Claim, and what describes it
SCHEMA_TERMS = {
    "Claim", "NewsArticle", "Organization", "Person", "Place", "CreativeWork", "Thing",
    "text", "appearance", "firstAppearance", "author", "datePublished", "about", "identifier",
    "url", "headline", "publisher", "name", "alternateName",
}  # fmt: skip


@pytest.fixture(scope="module")
def example() -> Analysis:
    analysis = analyze(EXAMPLE.read_text(encoding="utf-8"))
    article = analysis.article.model_copy(update={"url": "https://news.example/kim", "outlet": "News Example"})
    return analysis.model_copy(update={"article": article})


@pytest.fixture
def filled(store, example):
    copy = example.article.model_copy(update={"url": "https://copy.example/kim", "outlet": "Copy Daily"})
    store.add_many([example], appearances=[copy])
    return store


def test_export_jsonl_is_the_full_analysis(filled, example):
    out = io.StringIO()
    assert export(filled, "jsonl", out) == 1
    assert Analysis.from_json(out.getvalue().strip()) == example


def test_export_csv_is_one_row_per_claim(filled, example):
    out = io.StringIO()
    assert export(filled, "csv", out) == len(example.claims)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["claim_id"] for r in rows] == [c.id for c in example.claims]
    hedged = [r for r in rows if r["certainty"] == "hedged"]
    assert hedged and all(r["hedges"] for r in hedged)
    text = example.article.text
    spans = {c.id: (c.span.start, c.span.end) for c in example.claims}
    for row in rows:
        assert (int(row["start"]), int(row["end"])) == spans[row["claim_id"]]
        assert 0 <= int(row["start"]) < int(row["end"]) <= len(text)


def test_export_csv_neutralises_spreadsheet_formulas(store):
    from rumormill.model import Article, Claim, Source, Span

    text = '=HYPERLINK("http://evil.example") is what the post said.'
    claim = Claim(id="c1", span=Span.of(text, 0, len(text)), text=text, source=Source(kind="outlet"))
    store.add(Analysis(article=Article(text=text, title="@SUM(A1)"), claims=[claim]))
    out = io.StringIO()
    export(store, "csv", out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["claim"].startswith("'=") and row["title"].startswith("'@")


def test_export_filters_narrow_the_claims(filled, example):
    out = io.StringIO()
    hedged = export(filled, "csv", out, Filters(certainty="hedged"))
    assert hedged == sum(c.certainty == "hedged" for c in example.claims) > 0


def _offline_loader(url, options=None):
    # schema.org's context maps every term into its vocabulary; served here without the network
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": {"@context": {"@vocab": "https://schema.org/"}}}  # fmt: skip


def test_export_claims_jsonld_is_valid_json_ld_in_schema_org_terms(filled, example):
    out = io.StringIO()
    count = export(filled, "claims-jsonld", out)
    assert count == len(example.claims)
    document = json.loads(out.getvalue())
    assert document["@context"] == "https://schema.org"
    expanded = jsonld.expand(document, {"documentLoader": _offline_loader})
    terms: set[str] = set()

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key == "@type":
                    terms.update(value)
                elif not key.startswith("@"):
                    terms.add(key)
                walk(value)

    walk(expanded)
    assert terms, "nothing survived JSON-LD expansion"
    assert all(t.startswith("https://schema.org/") for t in terms), terms
    assert {t.removeprefix("https://schema.org/") for t in terms} <= SCHEMA_TERMS
    # nothing was dropped by expansion: every claim keeps its appearances
    claims = [n for n in expanded if "https://schema.org/Claim" in n.get("@type", [])]
    assert len(claims) == count
    assert all(len(c["https://schema.org/appearance"]) == 2 for c in claims)


def test_export_claims_carry_source_first_appearance_and_date(filled, example):
    claims = list(claim_objects(filled))
    by_id = {c["identifier"].split(":")[1]: c for c in claims}
    kanye_quote = next(
        c for c in example.claims if c.source.kind == "named" and c.source.name and "Kanye" in c.source.name
    )
    assert by_id[kanye_quote.id]["author"] == {"@type": "Person", "name": "Kanye West"}
    first = claims[0]["firstAppearance"]
    assert first["url"] == "https://news.example/kim" and first["publisher"]["name"] == "News Example"
    assert claims[0]["datePublished"] == "2020-07-31"
    reports = next(c for c in example.claims if c.source.kind == "reports")
    assert "author" not in by_id[reports.id]  # nobody is named: no author is invented


def test_export_streams_with_flat_memory(store):
    import tracemalloc

    from tests.store.test_store import _tiny

    store.add_many([_tiny(i) for i in range(300)])
    sink = io.StringIO()
    tracemalloc.start()
    export(store, "jsonl", _Discard())
    _, small_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    store.add_many([_tiny(i) for i in range(300, 1500)])
    tracemalloc.start()
    export(store, "jsonl", _Discard())
    _, big_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert big_peak < small_peak * 2, (small_peak, big_peak)  # 5x the rows, not 5x the memory
    del sink


class _Discard(io.TextIOBase):
    def write(self, text):
        return len(text)

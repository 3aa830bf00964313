"""The store's commands through the real CLI, on a real SQLite store."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rumormill.cli import app
from tests.conftest import ROOT

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "r.db"
    result = runner.invoke(app, ["ingest", str(ROOT / "examples"), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return str(path)


def test_cli_stats_json_has_the_counts(db):
    result = runner.invoke(app, ["stats", "--db", db, "--format", "json"])
    stats = json.loads(result.stdout)
    for key in ("articles", "claims", "quotes", "entities", "failures"):
        assert isinstance(stats[key], int)
    assert stats["articles"] == 2 and stats["claims"] > 10


def test_cli_stats_prints_tables(db):
    result = runner.invoke(app, ["stats", "--db", f"sqlite:///{db}"])
    assert result.exit_code == 0
    assert "claims by source kind" in result.stdout and "articles by month" in result.stdout


def test_cli_search_json_is_a_list_of_hits(db):
    result = runner.invoke(app, ["search", "living apart", "--db", db, "--format", "json"])
    hits = json.loads(result.stdout)
    assert isinstance(hits, list) and hits
    assert {"text", "source", "certainty", "article"} <= set(hits[0])


def test_cli_search_filters(db):
    result = runner.invoke(
        app, ["search", "--db", db, "--format", "json", "--source-kind", "anonymous", "--limit", "50"]
    )
    hits = json.loads(result.stdout)
    assert hits and {h["source"]["kind"] for h in hits} == {"anonymous"}
    result = runner.invoke(
        app, ["search", "--db", db, "--format", "json", "--entity", "Kanye West", "--until", "2020-12"]
    )
    assert all(h["article"]["published"] <= "2020-12-31" for h in json.loads(result.stdout))
    assert runner.invoke(app, ["search", "--db", db, "--since", "last week"]).exit_code == 2
    assert runner.invoke(app, ["search", "--db", db, "--certainty", "maybe"]).exit_code == 2


def test_cli_search_table(db):
    result = runner.invoke(app, ["search", "Wyoming", "--db", db])
    assert result.exit_code == 0 and "Wyoming" in result.stdout


def test_cli_show_prints_the_stored_report(db):
    hits = json.loads(runner.invoke(app, ["search", "living apart", "--db", db, "--format", "json"]).stdout)
    article_id = hits[0]["article_id"]
    result = runner.invoke(app, ["show", article_id[:10], "--db", db])
    assert result.exit_code == 0 and "Sourcing profile" in result.stdout
    payload = json.loads(runner.invoke(app, ["show", article_id, "--db", db, "--format", "json"]).stdout)
    assert payload["article"]["id"] == article_id
    missing = runner.invoke(app, ["show", "ffffffffffff", "--db", db])
    assert missing.exit_code == 1 and "no stored article" in missing.output


def test_cli_export_writes_a_file_atomically(db, tmp_path):
    out = tmp_path / "claims.jsonld"
    result = runner.invoke(app, ["export", "--format", "claims-jsonld", "--out", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["@graph"]
    assert not list(tmp_path.glob("*.partial"))
    csv_out = runner.invoke(app, ["export", "--format", "csv", "--db", db, "--certainty", "denied"])
    assert csv_out.stdout.splitlines()[0].startswith("article_id,claim_id")


def test_cli_failures_and_reanalyze(db, tmp_path):
    result = runner.invoke(app, ["failures", "--db", db, "--format", "json"])
    assert json.loads(result.stdout) == []
    result = runner.invoke(app, ["reanalyze", "--db", db])
    assert result.exit_code == 0 and "0 stale" in result.stdout


def test_cli_store_commands_name_a_bad_database(tmp_path):
    result = runner.invoke(app, ["stats", "--db", "mysql://x/y"])
    assert result.exit_code == 2 and "mysql://x/y" in result.output

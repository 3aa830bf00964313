"""search --like and rumormill embed through the real CLI, on a real SQLite store."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from rumormill import embed
from rumormill.cli import app
from rumormill.store import open_store
from tests.conftest import ROOT

runner = CliRunner()
pytestmark = pytest.mark.skipif(
    not embed.available(), reason=f"sentence embeddings are not installed ({embed.INSTALL})"
)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-like") / "r.db"
    result = runner.invoke(app, ["ingest", str(ROOT / "examples"), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return str(path)


def test_cli_search_like_ranks_claims_by_meaning(db):
    result = runner.invoke(app, ["search", "--like", "Kim and Kanye have separated", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert len(hits) == 20
    scores = [h["similarity"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert "Kanye" in hits[0]["text"] and scores[0] > 0.6
    table = runner.invoke(app, ["search", "--like", "Kim and Kanye have separated", "--db", db, "--limit", "3"])
    assert table.exit_code == 0 and "similar" in table.stdout and "3 claims" in table.stdout


def test_cli_search_like_with_words_too_is_refused(db):
    result = runner.invoke(app, ["search", "split", "--like", "split", "--db", db])
    assert result.exit_code == 2 and "not both" in result.output


def test_cli_embed_fills_what_an_older_store_lacks(db):
    with open_store(db) as store:
        total = store.count("claims")
        with store.engine.begin() as conn:
            conn.execute(store.table("claim_vectors").delete().where(store.table("claim_vectors").c.claim_pk % 2 == 0))
        lacking = store.missing_vectors()
    assert 0 < lacking < total
    partial = runner.invoke(app, ["search", "--like", "Kim and Kanye have separated", "--db", db, "--limit", "100"])
    assert partial.exit_code == 0 and f"{lacking:,} stored claims have no vector yet" in partial.output
    result = runner.invoke(app, ["embed", "--db", db])
    assert result.exit_code == 0 and f"{lacking:,} claims embedded" in result.stdout
    with open_store(db) as store, store.engine.connect() as conn:
        assert store.missing_vectors() == 0
        assert conn.execute(sa.select(sa.func.count()).select_from(store.table("claim_vectors"))).scalar() == total

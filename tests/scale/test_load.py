"""`load` of a batch output gives the store what `ingest` of the same input gives, on SQLite and
PostgreSQL, and loading twice adds nothing."""

from __future__ import annotations

import json
import uuid

import pytest
from typer.testing import CliRunner

from rumormill import InputError, ingest, open_store
from rumormill.cli import app
from rumormill.scale import load
from tests.store.conftest import postgres_server, postgres_url, store_url  # noqa: F401 - the store fixtures

from .conftest import store_snapshot


@pytest.fixture
def ingest_url(store_url, request, tmp_path):  # noqa: F811 - a fixture
    """A second empty store on the same backend as `store_url`, for the ingest to compare with."""
    if store_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'ingest.db'}"
        return
    import psycopg

    server = request.getfixturevalue("postgres_server")
    name = f"rm_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _linked(store) -> tuple:
    """The stories and claim threads linking made, without their ids."""
    from rumormill import corpus

    stories = sorted((s.articles, s.origins, s.outlets, s.threads) for s in corpus.stories(store, limit=100))
    threads = sorted(
        (t.text, t.status, t.occurrences, t.origins)
        for s in corpus.stories(store, limit=100)
        for t in corpus.story(store, s.id).claim_threads
    )
    return stories, threads


def test_batch_then_load_equals_ingest(inputs, serial_out, store_url, ingest_url):  # noqa: F811 - a fixture
    with open_store(ingest_url) as store:
        ingested = ingest(inputs, store)
        expected, expected_stats, expected_links = store_snapshot(store), store.stats(), _linked(store)
    assert (ingested.stored, ingested.failed, ingested.linked) == (8, 7, 8)
    with open_store(store_url) as store:
        report = load(str(serial_out), store)
        assert store_snapshot(store) == expected
        assert store.stats() == expected_stats
        assert _linked(store) == expected_links and expected_links[1]  # the same stories and threads
        assert report.linked == 8
    assert (report.tasks, report.analyses, report.stored, report.failures) == (6, 10, 8, 7)
    assert len(report.new_ids) == len(set(report.new_ids)) == 8


def test_load_twice_adds_nothing(serial_out, tmp_path):
    with open_store(tmp_path / "twice.db") as store:
        first = load(str(serial_out), store)
        before = store_snapshot(store)
        again = load(str(serial_out), store)
        assert store_snapshot(store) == before
    assert first.stored == 8 and first.appearances == 11
    assert (again.stored, again.replaced, again.appearances, again.new_ids) == (0, 0, 0, [])
    assert again.unchanged == first.analyses


def test_load_names_a_folder_without_batch_output(tmp_path):
    with open_store(tmp_path / "empty.db") as store, pytest.raises(InputError, match="no finished batch tasks"):
        load(str(tmp_path), store)


def test_cli_load_reports_json(serial_out, tmp_path):
    result = CliRunner().invoke(app, ["load", str(serial_out), "--db", str(tmp_path / "cli.db"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) | {"seconds": 0} == {
        "tasks": 6,
        "analyses": 10,
        "stored": 8,
        "replaced": 0,
        "unchanged": 2,
        "appearances": 11,
        "failures": 7,
        "seconds": 0,
        "new_articles": 8,
        "linked": 8,
    }


def test_cli_batch_names_a_missing_input(tmp_path):
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "nope.warc.gz"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "nope.warc.gz: no such file or directory" in result.stderr

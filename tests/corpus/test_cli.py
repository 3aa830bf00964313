"""The corpus commands on the Morrow corpus, ingested (and so linked) into a SQLite file: each
command's readable view names what matters, its JSON is the read model, and a missing id or
name exits 1 with a message that names it."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rumormill import corpus, ingest, open_store
from rumormill.cli import app

from .story_morrow import articles

runner = CliRunner()
SPLIT = "Pop star Lena Morrow and her husband Theo Vance have split after six years of marriage"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'corpus.db'}"
    with open_store(url) as store:
        ingest(articles(), store)
        thread = next(
            t
            for s in corpus.stories(store, limit=20)
            for t in corpus.story(store, s.id).claim_threads
            if t.text == SPLIT
        )
    return url, thread


@pytest.fixture(autouse=True)
def wide():
    """Tables as wide as a terminal that fits a title on one line."""
    from rumormill.cli._common import out

    before = out._width
    out.width = 200
    yield
    out._width = before


def _run(*args: str):
    return runner.invoke(app, list(args))


def test_stories_lists_the_rumour_and_its_json_has_the_counts(db):
    url, thread = db
    text = _run("stories", "--db", url)
    assert text.exit_code == 0, text.output
    assert "Lena Morrow and Theo Vance split after six years" in text.output
    listed = json.loads(_run("stories", "--db", url, "--format", "json").output)
    rumour = next(s for s in listed if s["id"] == thread.story_id)
    assert rumour["articles"] >= 4 and rumour["origins"] < rumour["articles"] and rumour["threads"] >= 1


def test_story_shows_origins_threads_and_the_related_filing_story(db):
    url, thread = db
    text = _run("story", thread.story_id, "--db", url)
    assert text.exit_code == 0, text.output
    assert "independent origins" in text.output and "copy" in text.output
    assert "related stories" in text.output and "Theo Vance files for divorce" in text.output
    found = json.loads(_run("story", thread.story_id, "--db", url, "--format", "json").output)
    assert thread.id in {t["id"] for t in found["claim_threads"]}
    assert [r["title"] for r in found["related"]] == ["Theo Vance files for divorce from Lena Morrow"]


def test_thread_shows_its_status_and_the_occurrences_that_settled_it(db):
    url, thread = db
    text = _run("thread", thread.id, "--db", url)
    assert text.exit_code == 0, text.output
    assert "status confirmed" in text.output and "settled by:" in text.output and "Court Watch" in text.output
    found = json.loads(_run("thread", thread.id, "--db", url, "--format", "json").output)
    assert found["status"] == "confirmed" and found["evidence"][0]["occurrences"]


def test_entity_and_timeline(db):
    url, thread = db
    text = _run("entity", "Lena Morrow", "--db", url)
    assert text.exit_code == 0, text.output
    assert "lena-morrow" in text.output and "facts" in text.output
    profile = json.loads(_run("entity", "Morrow", "--db", url, "--format", "json").output)
    assert profile["id"] == "lena-morrow"
    events = json.loads(_run("timeline", "--story", thread.story_id, "--db", url, "--format", "json").output)["events"]
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    assert _run("timeline", "--db", url).exit_code == 2  # neither --story nor --entity


def test_link_rebuild_gives_the_same_threads_and_missing_ids_are_named(db):
    url, thread = db
    report = json.loads(_run("link", "--db", url, "--rebuild", "--format", "json").output)
    assert report["articles"] == len({a.id for a in articles()})
    again = json.loads(_run("thread", thread.id, "--db", url, "--format", "json").output)
    assert again["text"] == SPLIT and again["status"] == "confirmed"
    missing = _run("story", "nosuchstory", "--db", url)
    assert missing.exit_code == 1 and "nosuchstory" in missing.output
    assert _run("entity", "Nobody Atall", "--db", url).exit_code == 1

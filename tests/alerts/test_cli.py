"""The commands over a real store: follow, watchlists, alerts --check, unfollow."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rumormill import ingest
from rumormill.cli import app

from .story import denial, rumour

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_follow_a_search_list_it_check_it_and_unfollow_it(tmp_path):
    db = str(tmp_path / "rumormill.db")
    ingest([rumour()], db)
    made = _run("follow", "search", "split", "--certainty", "denied", "--db", db, "--format", "json")
    assert made.exit_code == 0, made.output
    watchlist = json.loads(made.stdout)
    assert watchlist["filters"] == {"certainty": "denied"} and watchlist["secret"]
    listed = json.loads(_run("watchlists", "--db", db, "--format", "json").stdout)
    assert [w["id"] for w in listed] == [watchlist["id"]] and "secret" not in listed[0]

    ingest([denial()], db, link=False)
    checked = json.loads(_run("alerts", "--check", "--deliver", "--db", db, "--format", "json").stdout)
    assert checked["new"] == 1 and checked["alerts"][0]["kind"] == "article"
    assert checked["delivery"]["delivered"] == 0  # no webhook: kept for the feed and the page only
    assert json.loads(_run("alerts", "--check", "--db", db, "--format", "json").stdout)["new"] == 0

    assert _run("unfollow", watchlist["id"], "--db", db).exit_code == 0
    assert _run("unfollow", watchlist["id"], "--db", db).exit_code == 1


def test_a_private_webhook_is_refused_without_allow_private(tmp_path):
    db = str(tmp_path / "rumormill.db")
    ingest([rumour()], db)
    refused = runner.invoke(app, ["follow", "entity", "Nora Quill", "--webhook", "http://127.0.0.1:9/x", "--db", db])
    assert refused.exit_code == 2 and "refused" in refused.output
    allowed = _run("follow", "entity", "Nora Quill", "--webhook", "http://127.0.0.1:9/x", "--allow-private", "--db", db)
    assert allowed.exit_code == 0 and "signing secret" in allowed.stdout

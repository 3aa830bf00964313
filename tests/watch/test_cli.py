"""`rumormill sources` and `rumormill watch --once` through the real command line."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rumormill.cli import app

runner = CliRunner()


def test_sources_add_import_list_and_remove(tmp_path):
    db = str(tmp_path / "rumormill.db")
    added = runner.invoke(app, ["sources", "add", "https://example.com/feed.xml", "--interval", "600", "--db", db])
    assert added.exit_code == 0, added.output
    listing = tmp_path / "feeds.urls"
    listing.write_text("# gossip\nhttps://example.org/rss 1800\n\nhttps://example.net/atom.xml\n")
    imported = runner.invoke(app, ["sources", "import", str(listing), "--db", db])
    assert imported.exit_code == 0 and "watching 2 sources" in imported.output

    shown = runner.invoke(app, ["sources", "--db", db, "--format", "json"])
    rows = json.loads(shown.stdout)
    assert [(r["url"], r["interval_s"], r["status"]) for r in rows] == [
        ("https://example.com/feed.xml", 600.0, "new"),
        ("https://example.org/rss", 1800.0, "new"),
        ("https://example.net/atom.xml", 900.0, "new"),
    ]
    assert runner.invoke(app, ["sources", "remove", "https://example.org/rss", "--db", db]).exit_code == 0
    assert runner.invoke(app, ["sources", "remove", str(rows[0]["id"]), "--db", db]).exit_code == 0
    gone = runner.invoke(app, ["sources", "remove", "https://example.org/rss", "--db", db])
    assert gone.exit_code == 1 and "no watched source" in gone.output
    rows = json.loads(runner.invoke(app, ["sources", "--db", db, "--format", "json"]).stdout)
    assert [r["url"] for r in rows] == ["https://example.net/atom.xml"]


def test_sources_refuses_what_it_cannot_poll(tmp_path):
    db = str(tmp_path / "rumormill.db")
    for bad in ("file:///etc/passwd", "ftp://example.com/feed", "example.com/feed"):
        result = runner.invoke(app, ["sources", "add", bad, "--db", db])
        assert result.exit_code == 2 and "not an http(s) URL" in result.output
    listing = tmp_path / "bad.urls"
    listing.write_text("https://example.com/ok\njavascript:alert(1)\n")
    result = runner.invoke(app, ["sources", "import", str(listing), "--db", db])
    assert result.exit_code == 2 and ":2" in result.output
    assert json.loads(runner.invoke(app, ["sources", "--db", db, "--format", "json"]).stdout) == []


def test_watch_once_polls_and_refuses_loopback_unless_allowed(feed_server, tmp_path):
    db = str(tmp_path / "rumormill.db")
    url = feed_server.set_feed("cli", [0])
    assert runner.invoke(app, ["sources", "add", url, "--db", db]).exit_code == 0
    refused = runner.invoke(app, ["watch", "--once", "--db", db, "--format", "json"])
    assert refused.exit_code == 0
    line = json.loads(refused.stdout.splitlines()[0])
    assert line["outcome"] == "error" and "loopback" in line["error"]
    assert feed_server.requests["/cli.xml"] == 0

    runner.invoke(app, ["sources", "add", url, "--db", db])  # added again: due at once, not after its backoff
    allowed = runner.invoke(app, ["watch", "--once", "--allow-private", "--host-delay", "0", "--db", db, "-f", "json"])
    line = json.loads(allowed.stdout.splitlines()[0])
    assert (line["outcome"], line["new"]) == ("new", 1)


def test_watch_takes_a_sources_file(feed_server, tmp_path):
    db = str(tmp_path / "rumormill.db")
    listing = tmp_path / "feeds.urls"
    listing.write_text(f"{feed_server.set_feed('one', [0])} 600\n{feed_server.set_feed('two', [1])}\n")
    result = runner.invoke(
        app, ["watch", "--once", "--sources", str(listing), "--allow-private", "--db", db, "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted((line["outcome"], line["new"]) for line in lines) == [("new", 1), ("new", 1)]
    rows = json.loads(runner.invoke(app, ["sources", "--db", db, "--format", "json"]).stdout)
    assert [(r["interval_s"], r["status"]) for r in rows] == [(600.0, "ok"), (900.0, "ok")]

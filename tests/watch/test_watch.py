"""The watcher against a real feed server on 127.0.0.1 and a real SQLite store: new entries are
stored once, an unchanged feed is answered 304 and not read again, a failing source backs off
and is flagged, and the after-cycle hook sees what was stored."""

from __future__ import annotations

import sqlalchemy as sa

from rumormill.store import open_store
from rumormill.watch import Watcher, add_source, sources_health
from rumormill.watch.schedule import backoff_bounds


def make_due(store) -> None:
    """Every source due now (the schedule itself is tested in test_schedule.py)."""
    sources = store.table("sources")
    with store.writing() as conn:
        conn.execute(sources.update().values(next_due=0))


def test_watch_stores_new_entries_once_and_does_not_reread_unchanged(feed_server, store_path):
    cycles = []
    with open_store(store_path) as store:
        url = feed_server.set_feed("wire", [0, 1])
        add_source(store, url, interval=60)
        watcher = Watcher(store, allow_private=True, host_delay=0, after_cycle=lambda s, ids: cycles.append(ids))

        first = watcher.run_once()
        assert (first.polls, first.new, len(first.new_ids)) == (1, 1, 2)
        assert store.count("articles") == 2
        assert cycles == [first.new_ids]

        second = watcher.run_once()
        assert second.polls == 0  # not due yet: its interval is a minute
        make_due(store)
        second = watcher.run_once()
        assert (second.polls, second.not_modified, second.new_ids) == (1, 1, [])
        path = "/wire.xml"
        assert feed_server.requests[path] == 2 and feed_server.bodies[path] == 1 and feed_server.conditional[path] == 1
        assert len(cycles) == 1  # nothing stored: the hook is not called

        feed_server.set_feed("wire", [0, 1, 2])  # a new entry: the ETag changes
        make_due(store)
        third = watcher.run_once()
        assert (third.new, len(third.new_ids)) == (1, 1)
        assert store.count("articles") == 3 and store.count("appearances") == 3
        assert cycles[-1] == third.new_ids

        health = sources_health(store)[0]
        assert health["status"] == "ok" and health["articles"] == 3 and health["last_new_article"]
        assert feed_server.bodies[path] == 2


def test_watch_rereads_a_server_that_ignores_validators_without_duplicates(feed_server, store_path):
    feed_server.honour_validators = False
    with open_store(store_path) as store:
        add_source(store, feed_server.set_feed("plain", [0, 1]), interval=60)
        watcher = Watcher(store, allow_private=True, host_delay=0)
        watcher.run_once()
        make_due(store)
        again = watcher.run_once()
        assert (again.unchanged, again.new_ids) == (1, [])
        assert store.count("articles") == 2 and store.count("appearances") == 2


def test_watch_backs_off_a_failing_source_and_flags_it(feed_server, store_path):
    interval = 10.0
    with open_store(store_path) as store:
        url = feed_server.set_feed("flaky", [0])
        feed_server.failing.add("/flaky.xml")
        add_source(store, url, interval=interval)
        watcher = Watcher(store, allow_private=True, host_delay=0)
        sources = store.table("sources")
        waits = []
        for streak in (1, 2, 3, 4):
            make_due(store)
            report = watcher.run_once()
            assert report.errors == 1
            with store.reading() as conn:
                row = conn.execute(sa.select(sources)).one()
            assert row.error_streak == streak
            wait = row.next_due - row.last_polled
            low, high = backoff_bounds(interval, streak)
            assert low - 1 <= wait <= high + 1  # the poll itself takes a moment between the two stamps
            waits.append(wait)
        assert waits == sorted(waits)  # each wait longer than the last, jitter and all
        health = sources_health(store)[0]
        assert health["status"] == "failing" and health["error_streak"] == 4 and "503" in health["last_error"]
        assert any(f["origin"] == url and f["stage"] == "watch" for f in store.failures())

        feed_server.failing.clear()
        make_due(store)
        assert watcher.run_once().new == 1
        health = sources_health(store)[0]
        assert health["status"] == "ok" and health["error_streak"] == 0
        assert not any(f["origin"] == url for f in store.failures())  # answered again: no longer a failure


def test_watch_keeps_hosts_apart(feed_server, store_path):
    import time

    with open_store(store_path) as store:
        for name in ("a", "b", "c"):
            add_source(store, feed_server.set_feed(name, [0]), interval=60)
        feed_server.honour_validators = True
        watcher = Watcher(store, allow_private=True, host_delay=0.4)
        started = time.monotonic()
        report = watcher.run_once()
        assert report.polls == 3
        assert time.monotonic() - started >= 0.8  # three requests to one host, 0.4 s apart at least


def test_watch_reads_a_page_and_refuses_xml_that_is_no_feed(feed_server, store_path):
    from tests.watch.conftest import STORIES

    title, text = STORIES[3]
    feed_server.feeds["/page.html"] = (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p></article></body></html>".encode()
    )
    feed_server.types["/page.html"] = "text/html; charset=utf-8"
    feed_server.feeds["/sitemap.xml"] = (
        b'<?xml version="1.0"?><urlset><url><loc>https://example.com/</loc></url></urlset>'
    )
    feed_server.types["/sitemap.xml"] = "application/xml"
    with open_store(store_path) as store:
        add_source(store, feed_server.base + "/page.html", interval=60)
        add_source(store, feed_server.base + "/sitemap.xml", interval=60)
        report = Watcher(store, allow_private=True, host_delay=0).run_once()
        assert (report.new, report.errors, len(report.new_ids)) == (1, 1, 1)
        page, sitemap = sources_health(store)
        assert page["status"] == "ok" and page["articles"] == 1
        assert sitemap["status"] == "failing" and "not an RSS or Atom feed" in sitemap["last_error"]

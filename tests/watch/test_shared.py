"""Several watchers on one PostgreSQL store share its sources: each due source is polled once."""

from __future__ import annotations

import threading

from rumormill.store import open_store
from rumormill.watch import Watcher, add_source
from rumormill.watch.sources import claim_due, release

FEEDS = 8


def test_two_watchers_on_postgres_never_poll_a_source_twice(feed_server, postgres_url):
    feed_server.delay = 0.2  # polls overlap: both watchers claim while the other is polling
    with open_store(postgres_url) as store:
        for n in range(FEEDS):
            add_source(store, feed_server.set_feed(f"s{n}", [n % 4]), interval=3600)
    stores = [open_store(postgres_url) for _ in range(2)]
    watchers = [Watcher(s, allow_private=True, host_delay=0) for s in stores]
    reports = [None, None]
    errors = []

    def run(i: int) -> None:
        try:
            reports[i] = watchers[i].run_once()
        except Exception as error:  # surfaced below: a thread's exception is otherwise lost
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    try:
        assert errors == []
        assert reports[0].polls + reports[1].polls == FEEDS
        assert all(feed_server.requests[f"/s{n}.xml"] == 1 for n in range(FEEDS))
        assert stores[0].count("source_polls") == FEEDS
        assert stores[0].count("articles") == FEEDS
    finally:
        for s in stores:
            s.close()


def test_a_leased_source_is_not_due_for_another_watcher(postgres_url):
    with open_store(postgres_url) as store:
        for n in range(3):
            add_source(store, f"https://example.com/{n}.xml", interval=60)
        first = claim_due(store, "host:1:0", limit=2)
        second = claim_due(store, "host:2:0", limit=5)
        assert len(first) == 2 and len(second) == 1
        assert {s["id"] for s in first}.isdisjoint(s["id"] for s in second)
        assert claim_due(store, "host:3:0") == []
        release(store, "host:1:0")
        assert {s["id"] for s in claim_due(store, "host:3:0")} == {s["id"] for s in first}

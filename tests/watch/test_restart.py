"""`rumormill watch` as a process: SIGTERM stops it cleanly, and a watcher killed with SIGKILL
mid-run is resumed by the next start without losing or duplicating anything."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import sqlalchemy as sa

from rumormill.store import open_store
from rumormill.watch import add_source
from tests.conftest import ROOT

FEEDS = 6


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from rumormill.cli import app; app()", *args]


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "RUMORMILL_EMBED_CLAIMS": "off"}


def _polls(store) -> int:
    return store.count("source_polls")


def _wait_for_polls(store, process, count: int, seconds: float = 120) -> int:
    deadline = time.monotonic() + seconds
    done = 0
    while time.monotonic() < deadline and process.poll() is None:
        done = _polls(store)
        if done >= count:
            break
        time.sleep(0.02)
    return done


def _watch_feeds(feed_server, store) -> None:
    for n in range(FEEDS):
        add_source(store, feed_server.set_feed(f"f{n}", [n % 4, (n + 1) % 4]), interval=3600)


def test_watch_resumes_after_sigkill_without_loss_or_duplicates(feed_server, store_path):
    feed_server.delay = 0.5  # each poll takes half a second at least: a window to kill in
    with open_store(store_path) as store:
        _watch_feeds(feed_server, store)
        process = subprocess.Popen(
            _cli("watch", "--db", str(store_path), "--allow-private", "--host-delay", "0"),
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            done_at_kill = _wait_for_polls(store, process, 2)
            process.send_signal(signal.SIGKILL)
        finally:
            process.wait(timeout=60)
        assert process.returncode == -signal.SIGKILL, "the watcher stopped before it could be killed"
        assert 0 < done_at_kill < FEEDS
        sources = store.table("sources")
        with store.reading() as conn:
            leased = conn.execute(sa.select(sa.func.count()).where(sources.c.leased_by.is_not(None))).scalar()
        assert leased >= 1  # the killed watcher held the sources it was polling

    feed_server.delay = 0
    subprocess.run(
        _cli("watch", "--db", str(store_path), "--allow-private", "--host-delay", "0", "--once"),
        env=_env(),
        capture_output=True,
        timeout=300,
        check=True,
    )
    with open_store(store_path) as store:
        rows = store.table("sources")
        with store.reading() as conn:
            state = conn.execute(sa.select(rows.c.last_success, rows.c.leased_by, rows.c.articles)).all()
        assert all(row.last_success for row in state) and not any(row.leased_by for row in state)
        # every feed's two entries stored, each text once, each entry's URL once
        assert store.count("appearances") == 2 * FEEDS
        assert store.count("articles") == 2 * FEEDS
        assert sum(row.articles for row in state) <= 2 * FEEDS
        assert store.failures() == []
        # each feed fetched in full at most twice: once by the killed watcher, once after
        assert all(feed_server.bodies[f"/f{n}.xml"] in (1, 2) for n in range(FEEDS))


def test_watch_stops_cleanly_on_sigterm_and_gives_its_leases_back(feed_server, store_path):
    feed_server.delay = 0.3
    with open_store(store_path) as store:
        _watch_feeds(feed_server, store)
        process = subprocess.Popen(
            _cli("watch", "--db", str(store_path), "--allow-private", "--host-delay", "0"),
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert _wait_for_polls(store, process, 1) >= 1
            process.send_signal(signal.SIGTERM)
            _, stderr = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
        assert process.returncode == 0, stderr
        assert "stopping" in stderr
        sources = store.table("sources")
        with store.reading() as conn:
            rows = conn.execute(sa.select(sources.c.leased_by, sources.c.last_polled)).all()
        assert not any(row.leased_by for row in rows)
        polled = sum(1 for row in rows if row.last_polled)
        assert polled == _polls(store)  # every poll that ran was recorded, none half-way

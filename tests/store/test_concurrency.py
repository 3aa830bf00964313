"""Concurrent writers on SQLite and PostgreSQL, as separate processes through the real CLI: opening
a new store at once, and ingesting the same and different inputs at once. The result must be
that of one serial run: the same articles, appearances, stories (by membership) and claim
threads (by their occurrences)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import sqlalchemy as sa

from rumormill import ingest, open_store
from tests.conftest import ROOT
from tests.corpus.story_morrow import articles

pytestmark = pytest.mark.slow

OPEN = "import sys; from rumormill import open_store; open_store(sys.argv[1]).close()"
INGEST = "import sys; from rumormill.cli import app; sys.argv[0] = 'rumormill'; app()"


def _jsonl(path, items) -> str:
    path.write_text("".join(json.dumps(a.model_dump(exclude={"id", "origin"})) + "\n" for a in items))
    return str(path)


def _state(url: str) -> dict:
    """What two runs must agree on, independent of row keys and timestamps."""
    with open_store(url) as store:
        counts = {t: store.count(t) for t in ("articles", "appearances", "claims", "failures")}
        placed, occ = store.table("story_articles"), store.table("thread_occurrences")
        with store._read() as conn:
            stories: dict = {}
            for story_id, article_id in conn.execute(sa.select(placed.c.story_id, placed.c.article_id)):
                stories.setdefault(story_id, set()).add(article_id)
            threads: dict = {}
            for thread_id, article_id, claim_id in conn.execute(
                sa.select(occ.c.thread_id, occ.c.article_id, occ.c.claim_id)
            ):
                threads.setdefault(thread_id, set()).add((article_id, claim_id))
            counts["stories"] = store.count("articles") and len(stories)
            counts["threads"] = len(threads)
    return {
        "counts": counts,
        "stories": sorted(sorted(members) for members in stories.values()),
        "threads": sorted(sorted(members) for members in threads.values()),
    }


def _at_once(commands: list[list[str]]) -> None:
    procs = [subprocess.Popen([sys.executable, *c], stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in commands]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()[-2000:]


def test_processes_opening_a_new_store_at_once_all_succeed(store_url):
    _at_once([["-c", OPEN, store_url] for _ in range(3)])
    with open_store(store_url) as store:
        assert store.count("articles") == 0


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    morrow = _jsonl(folder / "morrow.jsonl", articles())
    examples = str(ROOT / "examples")
    return morrow, examples


@pytest.fixture(scope="module")
def serial(tmp_path_factory, inputs):
    """The store one serial run makes: the Morrow corpus, then the examples."""
    url = f"sqlite:///{tmp_path_factory.mktemp('serial') / 'serial.db'}"
    morrow, examples = inputs
    ingest(morrow, url, batch_size=2)
    ingest(examples, url, batch_size=2)
    return _state(url)


def test_ingests_of_the_same_and_of_different_inputs_at_once_match_a_serial_run(store_url, inputs, serial):
    morrow, examples = inputs
    open_store(store_url).close()  # made first: this is about the writes (creation is the test above)
    run = ["-c", INGEST, "ingest", "--db", store_url, "--batch-size", "2"]
    # two writers of the same input, and a third of another input, all at once
    _at_once([[*run, morrow], [*run, morrow], [*run, examples]])
    state = _state(store_url)
    assert state["counts"] == serial["counts"]
    assert state["stories"] == serial["stories"]
    assert state["threads"] == serial["threads"]

"""Concurrent writers on SQLite and PostgreSQL, as separate processes through the real CLI: two
ingests of the same input at once into a new store, and of different inputs at once. The result
must be that of one serial run: the same articles, appearances, stories (by membership) and claim
threads (by their occurrences)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import sqlalchemy as sa

from rumormill import ingest, open_store
from rumormill.corpus import relink
from tests.conftest import ROOT
from tests.corpus.story_morrow import articles

pytestmark = pytest.mark.slow

INGEST = "import sys; from rumormill.cli import app; sys.argv[0] = 'rumormill'; app()"


def _jsonl(path, items) -> str:
    path.write_text("".join(json.dumps(a.model_dump(exclude={"id", "origin"})) + "\n" for a in items))
    return str(path)


def _state(url: str) -> dict:
    """What two runs must agree on, independent of row keys and timestamps."""
    with open_store(url) as store:
        counts = {t: store.count(t) for t in ("articles", "appearances", "claims", "failures")}
        placed, occ = store.table("story_articles"), store.table("thread_occurrences")
        with store.reading() as conn:
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


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    morrow = _jsonl(folder / "morrow.jsonl", articles())
    examples = str(ROOT / "examples")
    return morrow, examples


@pytest.fixture(scope="module")
def serial(tmp_path_factory, inputs):
    """What one serial run stores: the Morrow corpus alone; and, relinked, the corpus and the examples."""
    morrow, examples = inputs
    url = f"sqlite:///{tmp_path_factory.mktemp('serial') / 'serial.db'}"
    ingest(morrow, url, batch_size=2)
    alone = _state(url)
    ingest(examples, url, batch_size=2)
    with open_store(url) as store:
        relink(store)
    return {"same": alone, "different": _state(url)}


def test_two_ingests_of_the_same_input_at_once_match_a_serial_run(store_url, inputs, serial):
    """Both also create the store at once (one used to fail: "database is locked" on SQLite, a
    duplicate pg_type key on PostgreSQL)."""
    morrow, _ = inputs
    run = ["-c", INGEST, "ingest", "--db", store_url, "--batch-size", "2"]
    _at_once([[*run, morrow], [*run, morrow]])
    assert _state(store_url) == serial["same"]


def test_ingests_of_different_inputs_at_once_match_a_serial_run(store_url, inputs, serial):
    """The same articles and claims; stories and threads as a serial run's once both are relinked:
    linking is incremental, so which input is linked first changes them even in serial runs (the
    Morrow corpus before the examples makes 23 threads, after them 24)."""
    morrow, examples = inputs
    open_store(store_url).close()  # made first: this one is about the writes alone
    run = ["-c", INGEST, "ingest", "--db", store_url, "--batch-size", "2"]
    _at_once([[*run, morrow], [*run, examples]])
    stored = ("articles", "appearances", "claims", "failures")
    assert [_state(store_url)["counts"][k] for k in stored] == [serial["different"]["counts"][k] for k in stored]
    with open_store(store_url) as store:
        relink(store)
    assert _state(store_url) == serial["different"]

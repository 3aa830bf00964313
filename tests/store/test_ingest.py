"""Ingest end to end on a real store: idempotent, atomic per batch, resumable after SIGKILL,
and bad records kept apart in failures while the rest is stored."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from rumormill.ingest import ingest, reanalyze
from rumormill.store import open_store
from tests.conftest import EXAMPLE, ROOT

PEOPLE = ["Kim Kardashian", "Kanye West", "Taylor Swift", "Harry Styles", "Selena Gomez", "Justin Bieber"]
PLACES = ["Paris", "Wyoming", "Malibu", "London", "Calabasas", "New York"]


def articles(n: int, offset: int = 0) -> list[dict]:
    """`n` distinct, realistic short gossip articles as JSONL records."""
    rows = []
    for i in range(offset, offset + n):
        who, other = PEOPLE[i % len(PEOPLE)], PEOPLE[(i + 1) % len(PEOPLE)]
        place = PLACES[i % len(PLACES)]
        text = (
            f"{who} and {other} were reportedly spotted in {place} on Tuesday, story {i}.\n\n"
            f'A source told People that the pair "have been inseparable since March". '
            f"{who}'s representative did not respond to a request for comment."
        )
        rows.append(
            {
                "id": f"a{i}",
                "title": f"{who} seen in {place}",
                "text": text,
                "published": "2021-05-0" + str(1 + i % 9),
                "url": f"https://news.example/{i}",
                "outlet": ["People", "Page Six", "E! News"][i % 3],
            }
        )
    return rows


def write_jsonl(path, rows, extra_lines=()):
    lines = [json.dumps(r) for r in rows] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def counts(store) -> dict:
    stats = store.stats()
    return {k: stats[k] for k in ("articles", "appearances", "claims", "quotes", "entities", "failures")}


def test_ingest_twice_gives_the_same_counts(store_url, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", articles(6))
    (folder / "example.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    first = ingest([folder], store_url, batch_size=4)
    assert (first.read, first.stored, first.failed) == (7, 7, 0)
    with open_store(store_url) as store:
        before = counts(store)
    second = ingest([folder], store_url, batch_size=4)
    assert (second.read, second.analysed, second.stored, second.appearances) == (7, 0, 0, 0)
    with open_store(store_url) as store:
        assert counts(store) == before
        assert before["articles"] == 7 and before["claims"] > 7


def test_ingest_keeps_one_article_with_every_appearance(tmp_path):
    row = articles(1)[0]
    copy = dict(row, id="copy", url="https://other.example/copy", outlet="Daily Copy")
    write_jsonl(tmp_path / "feed.jsonl", [row, copy])  # the same text twice in one batch
    write_jsonl(tmp_path / "later.jsonl", [dict(row, id="third", url="https://third.example/x", outlet="Third")])
    db = tmp_path / "r.db"
    report = ingest([tmp_path / "feed.jsonl"], db)
    assert (report.analysed, report.stored, report.appearances) == (1, 1, 2)
    report = ingest([tmp_path / "later.jsonl"], db)
    assert (report.analysed, report.stored, report.appearances) == (0, 0, 1)
    with open_store(db) as store:
        [article] = store.articles()
        assert {a["outlet"] for a in store.appearances(article["id"])} == {"People", "Daily Copy", "Third"}


def test_ingest_keeps_bad_records_apart_and_stores_the_rest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(
        folder / "good.jsonl", articles(3), extra_lines=['{"id": "broken", "text": ', '{"id": "empty", "text": ""}']
    )
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes(
        "Beyonc\xe9 was seen in Paris with her sister on Tuesday night.".encode("latin-1")
    )
    (folder / "french.txt").write_text(
        "La chanteuse a été vue à Paris mardi soir avec sa sœur, selon plusieurs témoins présents sur place.",
        encoding="utf-8",
    )
    db = tmp_path / "r.db"
    report = ingest([folder], db)
    assert report.stored == 3
    assert report.failed == 5
    with open_store(db) as store:
        failures = {f["origin"]: f for f in store.failures()}
        assert counts(store)["articles"] == 3 and len(failures) == 5
    messages = " | ".join(f"{o} -> {f['error']}" for o, f in failures.items())
    assert "good.jsonl:4" in messages and "good.jsonl:5" in messages  # the broken lines, by number
    assert "binary" in messages and "latin1.txt" in messages and "UTF-8" in messages
    assert "not in English" in messages
    # a rerun stores nothing twice and counts each failure once
    again = ingest([folder], db)
    assert again.stored == 0
    with open_store(db) as store:
        assert counts(store)["failures"] == 5
        assert {f["attempts"] for f in store.failures()} == {2}


def test_ingest_clears_a_failure_once_the_record_succeeds(tmp_path):
    path = tmp_path / "one.txt"
    path.write_bytes(b"\xff\xfe broken bytes")
    db = tmp_path / "r.db"
    assert ingest([path], db).failed == 1
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    report = ingest([path], db)
    assert (report.stored, report.failed) == (1, 0)
    with open_store(db) as store:
        assert store.failures() == []


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from rumormill.cli import app; app()", *args]


def test_ingest_survives_sigkill_and_a_rerun_gives_the_uninterrupted_counts(tmp_path):
    data = write_jsonl(tmp_path / "many.jsonl", articles(40))
    reference = tmp_path / "reference.db"
    killed = tmp_path / "killed.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(
        _cli("ingest", str(data), "--db", str(reference), "--batch-size", "2"),
        check=True,
        env=env,
        capture_output=True,
        timeout=600,
    )
    with open_store(reference) as store:
        expected = counts(store)
    assert expected["articles"] == 40

    process = subprocess.Popen(
        _cli("ingest", str(data), "--db", str(killed), "--batch-size", "2"),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    stored_at_kill = 0
    deadline = time.monotonic() + 300
    try:
        with open_store(killed) as store:
            while time.monotonic() < deadline and process.poll() is None:
                stored_at_kill = store.count("articles")
                if stored_at_kill >= 4:
                    break
                time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    assert 0 < stored_at_kill < 40

    rerun = subprocess.run(
        _cli("ingest", str(data), "--db", str(killed), "--batch-size", "2", "--format", "json"),
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    report = json.loads(rerun.stdout)
    assert report["unchanged"] >= stored_at_kill and report["failed"] == 0
    with open_store(killed) as store:
        assert counts(store) == expected


def test_reanalyze_replaces_stale_rows_in_place_and_is_idempotent(store_url, tmp_path):
    write_jsonl(tmp_path / "a.jsonl", articles(3))
    ingest([tmp_path / "a.jsonl"], store_url)
    with open_store(store_url) as store:
        before = counts(store)
        store.mark_stale()
        assert store.stats()["stale"] == 3
        result = reanalyze(store)
        assert result == {"stale": 3, "reanalysed": 3, "failed": 0}
        assert counts(store) == before and store.stats()["stale"] == 0
        assert reanalyze(store)["stale"] == 0


def test_ingest_accepts_articles_from_python(tmp_path):
    from rumormill import read

    report = ingest(list(read(EXAMPLE)), tmp_path / "r.db")
    assert report.stored == 1


@pytest.mark.parametrize("flag, code", [([], 0), (["--strict"], 1)])
def test_cli_ingest_exit_codes(tmp_path, flag, code):
    from typer.testing import CliRunner

    from rumormill.cli import app

    write_jsonl(tmp_path / "a.jsonl", articles(1), extra_lines=["not json"])
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "a.jsonl"), "--db", str(tmp_path / "r.db"), *flag])
    assert result.exit_code == code, result.output
    assert "a.jsonl:2" in result.output


def test_cli_ingest_fails_when_everything_fails(tmp_path):
    from typer.testing import CliRunner

    from rumormill.cli import app

    (tmp_path / "bin.txt").write_bytes(bytes(range(256)))
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "bin.txt"), "--db", str(tmp_path / "r.db")])
    assert result.exit_code == 1
    assert "bin.txt" in result.output


def test_two_ingests_at_once_store_nothing_twice(tmp_path):
    data = write_jsonl(tmp_path / "many.jsonl", articles(16))
    db = tmp_path / "shared.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = _cli("ingest", str(data), "--db", str(db), "--batch-size", "2", "--format", "json")
    runs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    reports = []
    for run in runs:
        stdout, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, stderr
        reports.append(json.loads(stdout))
    assert sum(r["stored"] for r in reports) == 16  # each article stored by exactly one of them
    with open_store(db) as store:
        stats = counts(store)
    assert (stats["articles"], stats["appearances"], stats["failures"]) == (16, 16, 0)

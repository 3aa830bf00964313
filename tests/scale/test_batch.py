"""Batch runs without a cluster: tasks of bounded size named as ingest names records, every table
written, failures with their location, reruns that skip finished work and redo half-written work."""

from __future__ import annotations

import shutil

import pytest

from rumormill import InputError, read
from rumormill.analyze import pipeline
from rumormill.scale import manifest, plan, run_serial
from rumormill.scale.parquet import TABLES, read_table
from rumormill.scale.tasks import read_task
from rumormill.scale.worker import analyse_chunk

from .conftest import RECORDS_PER_TASK, snapshot


def _read_all(tasks):
    articles, errors = [], []
    for task in tasks:
        articles += list(read_task(task, errors.append))
    return articles, errors


def test_plan_bounds_tasks_and_reads_records_as_read_does(inputs):
    tasks = plan(inputs, records_per_task=RECORDS_PER_TASK)
    jsonl = [t for t in tasks if t.format == "jsonl"]
    assert [t.format for t in tasks] == ["warc", "warc"] + ["jsonl"] * len(jsonl)
    assert [t.line for t in jsonl] == [1, 3, 5, 8]  # two non-blank lines each; blank lines ride along
    for task in jsonl:
        articles, errors = _read_all([task])
        assert len(articles) + len(errors) <= RECORDS_PER_TASK
    articles, errors = _read_all(tasks)
    expected_errors = []
    expected = list(read(inputs, on_error=expected_errors.append))
    assert [(a.origin, a.id, a.title, a.url) for a in articles] == [(a.origin, a.id, a.title, a.url) for a in expected]
    assert [str(e) for e in errors] == [str(e) for e in expected_errors]
    assert sorted((_where(f"{e.source}:{e.line}" if e.line else e.source), e.reason) for e in errors) == [
        ("news-1.warc.gz@", "HTTP status 404, not a page"),
        ("news-1.warc.gz@", "content-type image/png is not HTML"),
        ("news-2.warc.gz@", "HTTP status 404, not a page"),
        ("news-2.warc.gz@", "content-type image/png is not HTML"),
        ("wire.jsonl:7", "not valid JSON (Expecting value at column 1)"),
        ("wire.jsonl:8", "the record has no 'text' (or it is empty)"),
    ]


def _where(origin: str) -> str:
    """A record's location without its folder, and without the byte offset inside a WARC."""
    name = origin.rsplit("/", 1)[-1]
    return name.split("@")[0] + "@" if "@" in name else name


def test_plan_names_the_input_it_cannot_use(tmp_path):
    with pytest.raises(InputError, match="missing.jsonl: no such file"):
        plan([str(tmp_path / "missing.jsonl")])
    (tmp_path / "page.html").write_text("<html></html>")
    with pytest.raises(InputError, match="page.html: batch runs read WARC and JSONL"):
        plan([str(tmp_path / "page.html")])
    with pytest.raises(InputError, match="no files match"):
        plan([str(tmp_path / "*.warc.gz")])


def test_serial_run_writes_every_table_analyses_and_manifest(serial_out):
    fs, root = manifest.output(str(serial_out))
    data = manifest.read_manifest(fs, root)
    assert len(data["plan"]) == len(data["tasks"]) == 6
    assert data["summary"]["complete"] is True
    assert data["summary"]["records"] == 12 and data["summary"]["analysed"] == 10
    for entry in data["tasks"]:
        assert sorted(entry["files"]) == sorted(
            [f"parquet/{t}/part-{entry['key']}.parquet" for t in TABLES] + [f"analyses/part-{entry['key']}.jsonl.gz"]
        )
    tables = snapshot(serial_out)["tables"]
    failures = sorted((_where(r["origin"]), r["stage"]) for r in tables["failures"])
    assert failures == [
        *[("news-1.warc.gz@", "read")] * 2,  # the image and the 404
        *[("news-2.warc.gz@", "read")] * 2,
        ("wire.jsonl:5", "analyze"),  # German
        ("wire.jsonl:7", "read"),
        ("wire.jsonl:8", "read"),
    ]
    german = next(r for r in tables["failures"] if r["origin"].endswith("wire.jsonl:5"))
    assert "not in English" in german["error"]
    copies = [r for r in tables["appearances"] if not r["analysed"]]
    assert [(c["origin"].rsplit("/", 1)[-1], c["url"]) for c in copies] == [
        ("wire.jsonl:4", "https://mirror.example/2")
    ]
    # 8 texts; two of them in two tasks each (a copy from another file, a copy further on)
    assert len(tables["articles"]) == 10 and len({r["id"] for r in tables["articles"]}) == 8
    for table in ("claims", "quotes", "entities", "times"):
        assert len(tables[table]) == sum(r[table] for r in tables["articles"]) > 0


def test_rerun_skips_finished_tasks(serial_out, inputs, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(serial_out, out)
    report = run_serial(inputs, str(out), records_per_task=RECORDS_PER_TASK)
    assert (report.tasks, report.skipped, report.done, report.records) == (6, 6, 0, 0)
    assert snapshot(out) == snapshot(serial_out)


def test_half_written_task_is_redone_never_duplicated(serial_out, inputs, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(serial_out, out)
    fs, root = manifest.output(str(out))
    key = sorted(manifest.finished(fs, root))[0]
    # as a killed task leaves it: no entry, one table cut short, a temporary file beside it
    (out / "tasks" / f"{key}.json").unlink()
    articles = out / "parquet" / "articles" / f"part-{key}.parquet"
    articles.write_bytes(articles.read_bytes()[:100])
    (out / "parquet" / "claims" / f"part-{key}.parquet.tmp-0123456789ab").write_bytes(b"PAR1")
    report = run_serial(inputs, str(out), records_per_task=RECORDS_PER_TASK)
    assert (report.skipped, report.done) == (5, 1)
    assert snapshot(out) == snapshot(serial_out)
    assert len(read_table(fs, root, "claims")) == len(read_table(*manifest.output(str(serial_out)), "claims"))


def test_a_record_that_crashes_a_stage_is_a_failure_and_the_rest_goes_on(monkeypatch):
    from rumormill.model import Article

    real_run = pipeline.run

    def crash_on_chelsea(ctx, *args):
        if "Chelsea" in ctx.article.text:
            raise IndexError("list index out of range")
        return real_run(ctx, *args)

    monkeypatch.setattr(pipeline, "run", crash_on_chelsea)
    articles = [
        Article(text="The council approved the budget on Monday, the mayor said.", origin="a.jsonl:1"),
        Article(text="Chelsea have signed a striker, the club said.", origin="a.jsonl:2"),
        Article(text="Schools will reopen on Friday, officials said.", origin="a.jsonl:3"),
    ]
    analyses, failures = analyse_chunk(articles)
    assert [a.article.origin for a in analyses] == ["a.jsonl:1", "a.jsonl:3"]
    assert failures == [("a.jsonl:2", "IndexError: list index out of range")]


def test_a_model_that_cannot_load_fails_the_task_not_each_record(monkeypatch):
    from rumormill.errors import ModelError
    from rumormill.model import Article

    monkeypatch.setenv("RUMORMILL_MODEL", "no_such_spacy_model")
    with pytest.raises(ModelError, match="no_such_spacy_model"):
        analyse_chunk([Article(text="Schools will reopen on Friday, officials said.", origin="a.jsonl:1")])

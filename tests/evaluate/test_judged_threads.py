"""The judged-thread sheet: drawn from a real store, judged, and scored against the current linking."""

from __future__ import annotations

import copy
import json

import pytest

from rumormill import ingest, open_store
from rumormill.errors import ConfigError
from rumormill.evaluate import judged_threads
from tests.corpus.story_morrow import articles

HEADER = {"selection": judged_threads.SELECTION, "since": "2024-01-01", "articles": 9}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with open_store(tmp_path_factory.mktemp("judged") / "store.db") as opened:
        ingest(articles(), opened)
        yield opened


def _judge_all_right(sheet: list[dict]) -> list[dict]:
    """A sheet judged to agree with everything the linking said."""
    judged = copy.deepcopy(sheet)
    for row in judged:
        for occurrence in row["occurrences"]:
            occurrence["same"] = True
            occurrence["stance"] = occurrence["predicted_stance"]
        row["judged_status"] = row["status"]
    return judged


def test_the_sheet_holds_each_multi_article_thread_with_its_occurrences_in_context(store):
    header, *sheet = judged_threads.sample(store, HEADER)
    assert header["header"] and header["since"] == "2024-01-01"
    assert sheet, "the Morrow corpus has at least one thread across articles"
    for row in sheet:
        assert len({o["key"].split(":")[0] for o in row["occurrences"]}) >= 2
        for occurrence in row["occurrences"]:
            marked = occurrence["context"].split("[[", 1)[1].split("]]", 1)[0]
            assert marked and marked in occurrence["context"].replace("[[", "").replace("]]", "")
            assert occurrence["same"] is None and occurrence["stance"] is None
    assert json.loads(json.dumps(sheet)) == sheet  # it is written as JSON lines


def test_a_sheet_that_agrees_scores_one_and_each_disagreement_counts(store):
    _, *sheet = judged_threads.sample(store, HEADER)
    judged = _judge_all_right(sheet)
    right = judged_threads.score(store, judged)
    assert right["threads"] == len(sheet) and right["unjudged"] == 0
    assert right["one_proposition"] == 1.0 and right["stance_accuracy"] == 1.0
    shown = [r for r in sheet if r["status"] != "open"]
    assert right["status_shown"] == len(shown)

    wrong = copy.deepcopy(judged)
    first = wrong[0]["occurrences"]
    first[-1]["same"] = False  # a different claim joined the thread
    other = "denies" if first[0]["predicted_stance"] != "denies" else "supports"
    first[0]["stance"] = other
    scored = judged_threads.score(store, wrong)
    assert scored["one_proposition"] == round((len(sheet) - 1) / len(sheet), 4)
    assert scored["stances"] == right["stances"] - 1  # an occurrence of another claim has no stance to judge
    assert scored["stance_accuracy"] < 1.0


def test_threads_the_sheet_never_saw_are_unjudged_not_counted(store):
    _, *sheet = judged_threads.sample(store, HEADER)
    judged = _judge_all_right(sheet)[1:]
    scored = judged_threads.score(store, judged)
    assert scored["unjudged"] == 1 and scored["threads"] == len(sheet) - 1


def test_a_thread_another_sheet_judged_keeps_that_judgment(store):
    """A composition judged in another store's sheet counts with that judgment; the sheet's own
    judgment wins where it has one."""
    _, *sheet = judged_threads.sample(store, HEADER)
    judged = _judge_all_right(sheet)
    scored = judged_threads.score(store, judged[1:], elsewhere=judged[:1])
    assert scored["unjudged"] == 0 and scored["judged_elsewhere"] == 1 and scored["threads"] == len(sheet)
    other = copy.deepcopy(judged)
    for occurrence in other[1]["occurrences"]:
        occurrence["same"] = False
    scored = judged_threads.score(store, judged[1:], elsewhere=other)
    assert scored["judged_elsewhere"] == 1 and scored["one_proposition"] == 1.0


def test_evaluate_reads_the_judgments_of_the_sheets_beside_it(tmp_path, store):
    _, *sheet = judged_threads.sample(store, HEADER)
    judged = _judge_all_right(sheet)
    header = {"header": True, **HEADER, "data": "articles.jsonl"}
    for name, rows in (("threads-a.jsonl", judged[:1]), ("threads-b.jsonl", judged[1:])):
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in [header, *rows]))
    (tmp_path / "threads-other.jsonl").write_text(json.dumps({**header, "data": "other.jsonl"}) + "\n")
    lines = judged_threads.siblings(tmp_path / "threads-a.jsonl", header)
    assert lines == judged[1:]


def test_the_selection_is_a_run_of_consecutive_dated_coverage():
    records = [
        {"id": "c", "publish_date": "2018-01-03"},
        {"id": "a", "publish_date": "2018-01-02"},
        {"id": "old", "publish_date": "2017-12-31"},
        {"id": "none", "publish_date": None},
        {"id": "b", "publish_date": "2018-01-02"},
    ]
    assert [r["id"] for r in judged_threads.select(records, "2018-01-01", 2)] == ["a", "b"]
    # every second one: the same number of articles over a longer stretch
    assert [r["id"] for r in judged_threads.select(records, "2018-01-01", 2, every=2)] == ["a", "c"]


def test_a_sheet_without_its_header_is_refused(tmp_path):
    path = tmp_path / "sheet.jsonl"
    path.write_text('{"thread": "x", "occurrences": []}\n')
    with pytest.raises(ConfigError, match="header"):
        judged_threads.read_sheet(path)


def test_evaluate_rebuilds_the_store_from_the_articles_and_scores_the_sheet(store, tmp_path):
    """The whole path `rumormill eval judged-threads` takes, on the Morrow articles as JSONL."""
    _, *sheet = judged_threads.sample(store, HEADER)
    rows = [
        {"id": str(i), "text": a.text, "title": a.title, "publish_date": a.published, "source_domain": a.outlet}
        | ({"url": a.url} if a.url else {})
        for i, a in enumerate(articles())
    ]
    bodies = tmp_path / "articles.jsonl"
    bodies.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    labels = tmp_path / "sheet.jsonl"
    header = {**HEADER, "header": True, "articles": len(rows)}
    labels.write_text("".join(json.dumps(r) + "\n" for r in [header, *_judge_all_right(sheet)]), encoding="utf-8")
    result = judged_threads.evaluate(labels, bodies=str(bodies))
    assert result["n"] == len(sheet)
    metrics = result["metrics"]
    assert metrics["threads_per_article"] > 0
    # article ids are content hashes, so the rebuilt store's threads are the judged ones
    assert metrics["threads"] == len(sheet) and metrics["one_proposition"] == 1.0


def _line(*same: bool | None) -> dict:
    """A sheet line of occurrences k0, k1, ... judged `same` against k0."""
    return {"occurrences": [{"key": f"k{i}", "same": s, "stance": None} for i, s in enumerate(same)]}


def test_a_thread_that_lost_the_sheet_s_first_is_judged_only_where_the_judgments_tell():
    # the sheet's first (k0) with two occurrences of its claim and one of another claim
    sheet = [_line(True, True, True, False)]
    assert judged_threads._judgment(sheet, {0}, ["k0", "k1", "k3"])[1] is False
    assert judged_threads._judgment(sheet, {0}, ["k0", "k1"])[1] is True
    # without k0: both state k0's claim, so they state one claim
    assert judged_threads._judgment(sheet, {0}, ["k1", "k2"])[1] is True
    # one states it and one does not: two claims
    assert judged_threads._judgment(sheet, {0}, ["k1", "k3"])[1] is False
    # neither states k0's claim: the sheet says nothing of whether they state one another's
    two_others = [_line(True, False, False)]
    assert judged_threads._judgment(two_others, {0}, ["k1", "k2"])[1] is None
    assert judged_threads._judgment(sheet, set(), ["k1", "k2"]) is None


def test_a_later_judgment_that_starts_with_the_thread_s_first_occurrence_wins():
    later = {"occurrences": [{"key": "k1", "same": True, "stance": None}, {"key": "k2", "same": True, "stance": None}]}
    sheet = [_line(True, False, False), later]
    line, same = judged_threads._judgment(sheet, {0, 1}, ["k1", "k2"])
    assert line is later and same is True

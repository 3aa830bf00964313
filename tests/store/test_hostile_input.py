"""Hostile and unlucky input against the real store, on SQLite and PostgreSQL: a JSONL record of
the wrong shape fails alone (the good ones around it are stored, it is in `failures`), searches
of any size are refused or answered fast, and deep offsets are refused."""

from __future__ import annotations

import itertools
import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rumormill import ingest, open_store
from rumormill.cli import app
from rumormill.errors import InputError
from rumormill.model import article_id
from tests.conftest import ROOT, examples

GOOD = "Kim is said to live apart from Kanye, a source said."

# JSON values of any shape, for fields that must be a string (or null)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=6,
)
not_a_string = json_values.filter(lambda v: v is not None and not isinstance(v, str))
not_a_date = json_values.filter(lambda v: v is not None and not isinstance(v, (str, int, float)) or v is True)


def _bad_lines() -> st.SearchStrategy[str]:
    """One JSONL line each that must fail, and fail alone."""
    field = st.sampled_from(["outlet", "url", "title", "publisher", "source"])
    return st.one_of(
        st.builds(lambda f, v: json.dumps({"text": "a b c", f: v}), field, not_a_string),
        st.builds(lambda v: json.dumps({"text": "a b c", "published": v}), not_a_date),
        st.builds(lambda v: json.dumps({"text": v}), not_a_string),
        st.just('{"text": "a lone \\ud800 surrogate"}'),
        st.just('{"text": "x", "title": "\\udfff"}'),
        st.just("[" * 200_000),
        st.just('{"text": "unterminated'),
        st.just("[1, 2]"),
        st.just('{"text": "   "}'),
        st.text(alphabet='{}[]:,"x ', min_size=1, max_size=20).filter(lambda t: t.strip() and not _is_good(t)),
    )


def _is_good(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict) and bool(json.loads(line).get("text", "").strip())
    except (ValueError, AttributeError):
        return False


_runs = itertools.count()


@settings(max_examples=examples(12), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.booleans(), _bad_lines()), min_size=1, max_size=6))
def test_every_good_record_is_stored_and_every_bad_one_is_a_failure(store_url, tmp_path, lines):
    """Whatever the order, good and bad records interleaved: the good ones land in the store, each
    bad one is in `failures` under its line, and nothing else."""
    run = next(_runs)
    path = tmp_path / f"mixed-{run}.jsonl"
    good_texts, bad_lines, rows = [], [], []
    for n, (good, bad) in enumerate(lines, 1):
        if good:
            text = f"{GOOD} Report {run}-{n}."
            good_texts.append(text)
            rows.append(json.dumps({"text": text, "outlet": "Wire"}))
        else:
            bad_lines.append(n)
            rows.append(bad)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8", errors="surrogatepass")
    report = ingest(path, store_url, link=False, batch_size=3)
    assert report.stored == len(good_texts)
    with open_store(store_url) as store:
        for text in good_texts:
            assert store.get(article_id(text)) is not None
        failed = {f["origin"] for f in store.failures()}
    assert {f"{path}:{n}" for n in bad_lines} <= failed
    assert not {o for o in failed if o.startswith(f"{path}:")} - {f"{path}:{n}" for n in bad_lines}


def test_the_issue_example_stores_the_good_record_and_the_examples(store_url, tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps({"text": GOOD}) + "\n" + json.dumps({"text": "a b c", "outlet": ["a"]}) + "\n")
    result = CliRunner().invoke(app, ["ingest", str(path), str(ROOT / "examples"), "--db", store_url])
    assert result.exit_code in (0, 1), result.output
    with open_store(store_url) as store:
        assert store.count("articles") == 3
        failures = store.failures()
    assert [(f["origin"], f["stage"]) for f in failures] == [(f"{path}:2", "read")]
    assert "'outlet' should be a string or null, not an array" in failures[0]["error"]


@pytest.fixture
def small_store(store_url):
    ingest(ROOT / "examples", store_url)
    with open_store(store_url, statement_timeout=5) as store:
        yield store


HUGE_QUERIES = [
    " OR ".join(f"w{i}" for i in range(100)),  # overflowed FTS5's parser stack
    " ".join(f"-w{i}" for i in range(100)),
    "the " * 1_000,  # took 15 s
    "the " * 7_000,  # held a core for minutes
    "x" * 100_000,
]


def test_a_search_of_any_size_is_refused_fast(small_store):
    for query in HUGE_QUERIES:
        started = time.perf_counter()
        with pytest.raises(InputError, match="more than the limit"):
            small_store.search(query)
        with pytest.raises(InputError, match="more than the limit"):
            small_store.articles(query)
        assert time.perf_counter() - started < 1


def test_a_search_at_the_limits_is_answered(small_store):
    # 24 terms, ORed and excluded: flat on SQLite, websearch_to_tsquery on PostgreSQL
    query = " OR ".join(f"w{i}" for i in range(12)) + " " + " ".join(f"-x{i}" for i in range(11))
    assert small_store.search(query) == []
    assert small_store.search("living OR apart -zzz")
    assert small_store.articles("Kanye " * 24)


def test_a_deep_offset_is_an_empty_page_not_an_overflow(small_store):
    assert small_store.search("living", offset=1_000_000) == []
    assert small_store.articles(None, offset=1_000_000) == []


def test_a_read_past_the_statement_timeout_is_stopped(store_url):
    """A statement that would run for minutes stops after the timeout, on both backends, and the
    store answers the next one; writes have no limit."""
    import sqlalchemy as sa

    from rumormill.errors import StoreTimeout

    slow = {
        "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n",
        "postgresql": "SELECT pg_sleep(60)",
    }
    with open_store(store_url, statement_timeout=0.5) as store:
        started = time.perf_counter()
        with pytest.raises(StoreTimeout, match="longer than the limit of 0.5 s"):
            with store.reading() as conn:
                conn.execute(sa.text(slow[store.dialect]))
        assert time.perf_counter() - started < 3
        assert store.count("articles") == 0
        with store.writing() as conn:
            conn.execute(sa.text("SELECT pg_sleep(1)" if store.dialect == "postgresql" else "SELECT 1"))


def test_a_record_the_database_refuses_fails_alone(store_url):
    """A batch the database refuses whole is stored record by record: the record it refuses again
    goes to failures (stage "store"), the others of its batch are stored. PostgreSQL enforces the
    width of `published` (10), SQLite does not: there both are stored."""
    from rumormill.model import Article

    good = Article(text=f"{GOOD} Once more.", origin="given:1", published="2020-07-31")
    odd = Article(text=f"{GOOD} And again.", origin="given:2", published="2020-07-31T10:00:00+02:00")
    report = ingest([good, odd], store_url, link=False)
    with open_store(store_url) as store:
        assert store.get(good.id) is not None
        failures = store.failures()
    if store_url.startswith("postgresql"):
        assert report.stored == 1 and report.failed == 1
        assert [(f["origin"], f["stage"]) for f in failures] == [("given:2", "store")]
    else:
        assert report.stored == 2 and not failures


@pytest.mark.parametrize("text", ["1 2 3 4.", "!!! ???"])
def test_an_article_with_no_names_and_no_words_is_stored_and_linked(store_url, text):
    """Found by the API fuzzing: an article with no story keys made an empty bulk insert (a bare
    INSERT, a syntax error), so its linking failed, and with it every later ingest into the store."""
    from rumormill.model import Article

    report = ingest([Article(text=text)], store_url)
    assert report.stored == 1 and report.linked == 1 and report.failed == 0
    assert ingest([Article(text=f"{GOOD} Later.")], store_url).stored == 1

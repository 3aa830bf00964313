"""Every reader against garbage (property-based), limits enforced while reading (before the memory
is spent), and the words of the errors."""

from __future__ import annotations

import gzip
import json
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rumormill.errors import InputError
from rumormill.read import read
from rumormill.read.fetch import fetch_url
from tests.conftest import examples

SUFFIXES = [
    ".txt",
    ".html",
    ".jsonl",
    ".rss",
    ".atom",
    ".warc",
    ".warc.gz",
    ".urls",
    ".jsonl.gz",
]  # .xml not a feed is skipped
GOOD = {"text": "Kim is said to live apart from Kanye, a source said.", "outlet": "Wire"}


def _read_all(source, **options):
    errors: list[InputError] = []
    articles = list(read(source, on_error=errors.append, **options))
    return articles, errors


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(SUFFIXES),
            st.one_of(
                st.binary(max_size=300),
                st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
                st.just(gzip.compress(b"\x00garbage" * 10)),
                st.just(b"<rss><channel><item><title>\x1b]0;x\x07</title><description>" + b"<" * 5000),
            ),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_every_reader_turns_garbage_into_errors_for_that_file_alone(tmp_path_factory, files):
    """Files of any bytes under every reader's suffix, beside a good JSONL file: the good record is
    read, nothing raises, and every file that gave no article has an error naming it."""
    folder = tmp_path_factory.mktemp("garbage")
    (folder / "good.jsonl").write_text(json.dumps(GOOD) + "\n")
    names = []
    for n, (suffix, data) in enumerate(files):
        path = folder / f"f{n}{suffix}"
        path.write_bytes(data)
        names.append(str(path))
    articles, errors = _read_all(folder)
    assert any(a.text == GOOD["text"] for a in articles)
    origins = [a.origin or "" for a in articles] + [e.source or "" for e in errors]
    for name in names:  # "path", "path:line" (JSONL, URL lists), "path@offset" (WARC), "path#entryN" (feeds)
        assert any(o == name or o.startswith((name + ":", name + "@", name + "#")) for o in origins), name


def test_an_endless_jsonl_line_is_refused_without_holding_it(tmp_path, monkeypatch):
    monkeypatch.setenv("RUMORMILL_MAX_CHARS", "10000")  # a line may then hold 40,000 + 65,536 bytes
    path = tmp_path / "long.jsonl"
    with path.open("w") as handle:
        handle.write(json.dumps(GOOD) + "\n")
        handle.write('{"text": "' + "x" * 30_000_000 + '"}\n')
        handle.write(json.dumps(GOOD | {"text": GOOD["text"] + " Again."}) + "\n")
    tracemalloc.start()
    try:
        articles, errors = _read_all(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(articles) == 2
    assert [(e.line, e.reason) for e in errors] == [(2, "the line is longer than the limit of 105,536 bytes")]
    assert peak < 5_000_000, f"peak {peak:,} bytes for a 30 MB line"


def test_jsonl_gz_is_read_and_gzip_under_another_name_is_named(tmp_path):
    good = tmp_path / "a.jsonl.gz"
    good.write_bytes(gzip.compress((json.dumps(GOOD) + "\n").encode()))
    articles, errors = _read_all(good)
    assert [a.text for a in articles] == [GOOD["text"]] and not errors
    hidden = tmp_path / "b.jsonl"
    hidden.write_bytes(gzip.compress((json.dumps(GOOD) + "\n").encode()))
    articles, errors = _read_all(hidden)
    assert not articles and len(errors) == 1
    assert "gzip" in errors[0].reason and "binary" not in errors[0].reason
    text = tmp_path / "c.txt"
    text.write_bytes(gzip.compress(b"Kim is said to live apart."))
    assert "gzip-compressed input is not supported" in _read_all(text)[1][0].reason


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": "unterminated', "not valid JSON (Unterminated string starting at column 10)"),
        ('{"text": "a\x01b"}', "binary input (too many control characters), not text"),
        ('{"text": "a b c", "outlet": ["a"]}', "the field 'outlet' should be a string or null, not an array"),
        ('{"text": "a b c", "url": {}}', "the field 'url' should be a string or null, not an object"),
        (
            '{"text": "a", "published": [1]}',
            "the field 'published' should be a string or a number or null, not an array",
        ),
        ('{"text": "a", "published": 1e300}', "cannot read the date '1e+300'"),
        (
            '{"text": "bad \\ud800"}',
            "the field 'text': a lone surrogate ('\\ud800' at character 4) is not valid Unicode text",
        ),
        ("[" * 200_000, "not readable JSON (nested too deeply)"),
    ],
)
def test_jsonl_errors_say_what_is_wrong_once(tmp_path, line, reason):
    path = tmp_path / "bad.jsonl"
    path.write_text(line)  # no newline: "unterminated" is then what json says
    articles, errors = _read_all(path)
    assert not articles and [(e.line, e.reason) for e in errors] == [(1, reason)]
    assert "at at" not in reason


def test_a_nul_in_a_record_is_dropped_not_fatal(tmp_path):
    path = tmp_path / "nul.jsonl"
    path.write_text(json.dumps({"text": "Kim is said\u0000 to live apart.", "title": "T\u0000"}) + "\n")
    [article], errors = _read_all(path)
    assert article.text == "Kim is said to live apart." and article.title == "T" and not errors


def test_a_gzip_bomb_is_cut_at_the_cap_before_it_is_decompressed(http_server):
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="response over 1,000,000 bytes"):
            fetch_url(f"{http_server}/gzip-bomb", allow_private=True, max_bytes=1_000_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8_000_000, f"peak {peak:,} bytes for a 1 MB cap"


def test_a_gzipped_page_is_read(http_server):
    article = fetch_url(f"{http_server}/gzip-page", allow_private=True)
    assert "living apart" in article.text

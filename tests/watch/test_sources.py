"""The sources table: health read from stored poll history, and hostile validators kept out."""

from __future__ import annotations

import pytest

from rumormill.store import open_store
from rumormill.watch import add_source, sources_health
from rumormill.watch.poll import PollResult
from rumormill.watch.sources import claim_due, parse_source_lines, record_poll

HOUR = 3600.0


def _poll(store, holder: str, at: float, new: int, **fields) -> None:
    (source,) = claim_due(store, holder, now=at)
    result = PollResult(source=source["url"], started=at, outcome="new" if new else "not_modified", **fields)
    result.new_ids = [f"id-{at}-{i}" for i in range(new)]
    record_poll(store, source, holder, result, next_due=at + HOUR, now=at)


def test_health_flags_a_source_that_stopped_publishing(store_path):
    with open_store(store_path) as store:
        add_source(store, "https://example.com/wire.xml", interval=HOUR, now=0.0)
        for hour in range(8):  # a new article every hour, then nothing
            _poll(store, "h:1:0", hour * HOUR, new=1, status=200)
        for hour in range(8, 12):
            _poll(store, "h:1:0", hour * HOUR, new=0, status=304)
        (row,) = sources_health(store, now=11 * HOUR)
        assert (row["status"], row["quiet"], row["usual_gap_s"], row["articles"]) == ("ok", False, HOUR, 8)
        assert row["articles_per_day"] == 8.0  # watched for under a day: counted as one day
        (row,) = sources_health(store, now=7 * HOUR + 4.5 * HOUR)
        assert (row["status"], row["quiet"]) == ("quiet", True)
        assert row["last_new_article"] == "1970-01-01T07:00:00+00:00"


@pytest.mark.parametrize("etag", ['"ok\r\nX-Injected: 1"', "x" * 300, "\x00"])
def test_hostile_validators_are_not_kept(store_path, etag):
    with open_store(store_path) as store:
        add_source(store, "https://example.com/feed.xml", now=0.0)
        _poll(store, "h:1:0", 0.0, new=1, status=200, etag=etag, last_modified="Mon, 01 Apr 2024 09:00:00 GMT")
        (source,) = claim_due(store, "h:1:0", now=10 * HOUR)
        assert source["etag"] is None and source["last_modified"] == "Mon, 01 Apr 2024 09:00:00 GMT"


def test_sources_file_lines_with_intervals_and_comments():
    lines = ["# feeds", "", "https://example.com/a.xml 600", "  https://example.org/b  ", "#https://example.net/c"]
    assert list(parse_source_lines(lines)) == [("https://example.com/a.xml", 600.0), ("https://example.org/b", None)]

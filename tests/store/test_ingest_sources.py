"""Ingest from feeds, URL lists (over a real local HTTP server) and WARC files: good records are
stored once, bad ones land in failures with a clear message, reruns change nothing."""

from __future__ import annotations

from rumormill.ingest import ingest
from rumormill.store import open_store
from tests.read.conftest import http_server  # noqa: F401  (the fixture: a real server on 127.0.0.1)
from tests.read.test_warc import write_warc

BODY = (
    "<p>Selena Gomez was reportedly seen leaving a Malibu restaurant with friends on Saturday night.</p>"
    "<p>A source told Us Weekly that the singer is &quot;doing great&quot; and focused on her new album.</p>"
)
FEED = f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Pop Wire</title>
<item><title>Selena in Malibu</title><link>https://pop.example/1</link><guid>pop-1</guid>
<pubDate>Sun, 02 Aug 2020 09:00:00 GMT</pubDate><content:encoded><![CDATA[{BODY}]]></content:encoded></item>
<item><title>Broken</title><guid>pop-2</guid></item>
<item><title>Second</title><link>https://pop.example/3</link><guid>pop-3</guid>
<content:encoded><![CDATA[<p>Harry Styles is said to be planning a European tour next spring, according to several reports.</p>
<p>His representatives have not confirmed the dates, and the singer has not commented publicly.</p>]]></content:encoded></item>
</channel></rss>"""


def _counts(db) -> dict:
    with open_store(db) as store:
        stats = store.stats()
        return {k: stats[k] for k in ("articles", "appearances", "claims", "failures")}


def test_ingest_warc_stores_the_pages_and_reports_the_rest(tmp_path):
    warc = write_warc(tmp_path / "crawl.warc.gz")
    db = tmp_path / "r.db"
    report = ingest([warc], db)
    # two distinct pages; one of them also saved as a resource record: one article, two appearances
    assert (report.stored, report.appearances) == (2, 3)
    with open_store(db) as store:
        reasons = " | ".join(f["error"] for f in store.failures())
    counts = _counts(db)
    assert counts["failures"] == 3
    assert "image/png" in reasons and "404" in reasons and "javascript" in reasons.lower()
    ingest([warc], db)
    assert _counts(db) == counts


def test_ingest_feed_keeps_good_entries_and_names_the_broken_one(tmp_path):
    path = tmp_path / "pop.rss"
    path.write_text(FEED, encoding="utf-8")
    db = tmp_path / "r.db"
    report = ingest([path], db)
    assert report.stored == 2 and report.failed == 1
    with open_store(db) as store:
        [failure] = store.failures()
        assert failure["origin"].endswith("pop.rss#entry2")
        outlets = {a["outlet"] for a in store.articles()}
    assert outlets == {"Pop Wire"}
    counts = _counts(db)
    ingest([path], db)
    assert _counts(db) == counts


def test_ingest_url_list_fetches_once_and_resumes_without_refetching(tmp_path, http_server):  # noqa: F811
    urls = tmp_path / "list.urls"
    urls.write_text(f"# gossip pages\n{http_server}/page.html\n{http_server}/image.png\n\n", encoding="utf-8")
    db = tmp_path / "r.db"
    refused = ingest([urls], db)
    assert refused.stored == 0 and refused.failed == 2 and refused.all_failed
    with open_store(db) as store:
        assert all("refused" in f["error"] for f in store.failures())
    report = ingest([urls], db, allow_private=True)
    assert (report.stored, report.failed) == (1, 1)
    with open_store(db) as store:
        [failure] = store.failures()
        assert "image/png" in failure["error"] and "list.urls:3" in failure["origin"]
    fetched = http_server.paths.count("/page.html")
    again = ingest([urls], db, allow_private=True)
    assert again.stored == 0
    assert http_server.paths.count("/page.html") == fetched  # stored already: not fetched again

"""Feeds: one Article per entry; teasers completed from their pages; broken entries reported."""

from __future__ import annotations

import pytest

from rumormill import InputError, read
from rumormill.read import fetch_url, read_feed

from .conftest import PAGE_TEXT

BODY = "Kim is said to live in Calabasas with the children, while Kanye stays at his ranch in Wyoming."

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Gossip Daily</title><link>https://gossip.example/</link>
<item><title>Living apart</title><link>https://gossip.example/a</link><guid>gossip-1</guid>
<pubDate>Fri, 31 Jul 2020 10:00:00 GMT</pubDate><description>Short.</description>
<content:encoded><![CDATA[<p>{BODY}</p><p>A source says <b>they are fine</b>.</p><script>x()</script>]]></content:encoded></item>
<item><title>No body</title></item>
<item><title>Second</title><link>https://gossip.example/b</link><guid>gossip-2</guid>
<description>&lt;p&gt;{BODY}&lt;/p&gt;</description></item>
</channel></rss>""".encode()

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Celeb Wire</title><id>urn:wire</id>
<updated>2020-08-01T00:00:00Z</updated>
<entry><title>Apart</title><id>urn:wire:1</id><link href="https://wire.example/1"/>
<updated>2020-08-01T08:00:00Z</updated>
<content type="html">&lt;p&gt;{BODY}&lt;/p&gt;&lt;p&gt;Second paragraph here.&lt;/p&gt;</content></entry>
</feed>""".encode()


def test_read_feed_rss_full_content_and_broken_entry():
    errors = []
    articles = list(read_feed(RSS, "gossip.rss", on_error=errors.append))
    assert [(a.ref, a.origin, a.url, a.title) for a in articles] == [
        ("gossip-1", "gossip.rss#entry1", "https://gossip.example/a", "Living apart"),
        ("gossip-2", "gossip.rss#entry3", "https://gossip.example/b", "Second"),
    ]
    assert articles[0].text == f"{BODY}\n\nA source says they are fine."
    assert (articles[0].published, articles[0].outlet) == ("2020-07-31", "Gossip Daily")
    assert articles[1].text == BODY  # the summary, kept: no fetch given and long enough
    assert [str(e) for e in errors] == ["gossip.rss#entry2: the entry has no text and no link"]


def test_read_feed_without_on_error_raises_the_broken_entry():
    with pytest.raises(InputError, match="entry2: the entry has no text and no link"):
        list(read_feed(RSS, "gossip.rss"))


def test_read_feed_atom():
    [article] = read_feed(ATOM, "wire.atom")
    assert (article.ref, article.url, article.outlet, article.published) == (
        "urn:wire:1",
        "https://wire.example/1",
        "Celeb Wire",
        "2020-08-01",
    )
    assert article.text == f"{BODY}\n\nSecond paragraph here."


def test_read_feed_teaser_is_completed_from_its_page(http_server):
    feed = (
        '<rss version="2.0"><channel><title>Gossip Daily</title>'
        f"<item><title>Teaser title</title><link>{http_server}/page.html</link><guid>t-1</guid>"
        "<pubDate>Sat, 01 Aug 2020 09:00:00 GMT</pubDate><description>Kim and Kanye: more inside.</description>"
        "</item></channel></rss>"
    ).encode()
    [article] = read_feed(feed, "teaser.rss", fetch=lambda url: fetch_url(url, allow_private=True))
    assert article.text == "\n\n".join(PAGE_TEXT)
    assert (article.ref, article.origin, article.url) == ("t-1", "teaser.rss#entry1", f"{http_server}/page.html")
    # The page's own title and date win; the feed names the outlet.
    assert (article.title, article.published, article.outlet) == (
        "Kim and Kanye living apart",
        "2020-07-31",
        "Gossip Daily",
    )


def test_read_feed_teaser_skipped_or_failing(http_server):
    feed = (
        '<rss version="2.0"><channel><title>G</title>'
        f"<item><link>{http_server}/page.html</link><description>More inside.</description></item>"
        f"<item><link>{http_server}/image.png</link><description>See the photo.</description></item>"
        "</channel></rss>"
    ).encode()
    errors = []

    def fetch(url):
        return fetch_url(url, allow_private=True)

    articles = list(
        read_feed(feed, "f.rss", fetch=fetch, skip_url=lambda u: u.endswith(".html"), on_error=errors.append)
    )
    assert articles == []
    assert [str(e) for e in errors] == [
        f"f.rss#entry2: the entry is a teaser and its link could not be read: {http_server}/image.png: "
        "content-type image/png is not HTML"
    ]


def test_read_feed_short_teaser_without_fetch_is_an_error():
    feed = b'<rss version="2.0"><channel><item><link>https://x.example/1</link><description>More.</description></item></channel></rss>'
    with pytest.raises(InputError) as info:
        list(read_feed(feed, "f.rss"))
    assert (
        str(info.value)
        == "f.rss#entry1: the entry has 1 words of text, too few for an article; fetch https://x.example/1 to read the article"
    )


@pytest.mark.parametrize("data", [b"<note><to>Kim</to></note>", b"<html><body>hi</body></html>", b"{not xml"])
def test_read_feed_not_a_feed(data):
    with pytest.raises(InputError, match="^x.xml: not an RSS or Atom feed"):
        list(read_feed(data, "x.xml"))


def test_read_dispatches_feed_suffixes_and_sniffs_xml(tmp_path):
    (tmp_path / "a.rss").write_bytes(RSS)
    (tmp_path / "b.atom").write_bytes(ATOM)
    (tmp_path / "c.xml").write_bytes(ATOM)
    (tmp_path / "sitemap.xml").write_bytes(b"<urlset><url><loc>https://x.example/</loc></url></urlset>")
    errors, asked = [], []
    # Entry 3 of a.rss is a teaser: as if its page were stored already, skip_url keeps it unfetched.
    articles = read(tmp_path, on_error=errors.append, skip_url=lambda url: asked.append(url) or True)
    origins = [a.origin for a in articles]
    assert origins == [f"{tmp_path}/a.rss#entry1", f"{tmp_path}/b.atom#entry1", f"{tmp_path}/c.xml#entry1"]
    assert asked == ["https://gossip.example/b"]
    assert len(errors) == 1  # the broken entry in a.rss; the sitemap is not a feed and not picked up

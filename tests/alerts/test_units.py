"""The small parts on their own: signing, backoff, the target check, idempotent checks, the feed."""

from __future__ import annotations

import hashlib
import hmac
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest

from rumormill import alerts, ingest
from rumormill.alerts.atom import ATOM
from rumormill.alerts.detect import Alert
from rumormill.alerts.signing import MAX_ATTEMPTS
from rumormill.errors import InputError
from rumormill.store import Filters

from .conftest import Receiver
from .story import denial, rumour


def test_the_signature_is_hmac_sha256_of_the_exact_body_and_any_change_breaks_it():
    body = b'{"id": "a1", "kind": "status"}'
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert alerts.sign("s3cret", body) == expected
    assert alerts.verify("s3cret", body, expected)
    assert not alerts.verify("s3cret", body + b" ", expected)  # one more byte
    assert not alerts.verify("other", body, expected)
    assert not alerts.verify("s3cret", body, None)
    assert not alerts.verify("s3cret", body, "")


def test_backoff_doubles_from_its_base_up_to_its_cap_and_jitter_only_adds():
    assert [alerts.backoff(n) for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert alerts.backoff(40) == 6 * 3600
    assert alerts.backoff(2, base=1, cap=10) == 2
    assert all(60 <= alerts.backoff(2, jitter=0.1) <= 66 for _ in range(50))


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/hook",
        "http://10.1.2.3/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://0.0.0.0/hook",
    ],
)
def test_private_and_loopback_webhooks_are_refused_unless_allowed(url):
    with pytest.raises(InputError, match="refused"):
        alerts.check_webhook(url)
    assert alerts.check_webhook(url, allow_private=True) == url


@pytest.mark.parametrize("url", ["ftp://hooks.example/x", "file:///etc/passwd", "javascript:alert(1)", "http://"])
def test_a_webhook_is_http_or_https_with_a_host(url):
    with pytest.raises(InputError):
        alerts.check_webhook(url, allow_private=True)


def test_a_host_name_that_resolves_to_loopback_is_refused_where_the_post_connects(sqlite_store):
    receiver = Receiver()
    try:
        ingest([rumour()], sqlite_store)
        port = receiver.server.server_address[1]
        alerts.follow(sqlite_store, "entity", "Nora Quill", webhook=f"http://localhost:{port}/hook")
        ingest([denial()], sqlite_store)
        report = alerts.deliver(sqlite_store, now=datetime.now(UTC) + timedelta(days=1))
        assert receiver.posts == []  # neither the delivery after ingest nor this one posted
        [row] = alerts.outbox(sqlite_store)
        assert row["state"] == "failed" and "loopback" in row["last_error"] and report.delivered == 0
    finally:
        receiver.close()


def test_checking_twice_finds_nothing_new_and_a_new_watchlist_starts_from_now(sqlite_store):
    ingest([rumour()], sqlite_store)
    search = alerts.follow(sqlite_store, "search", "split", filters=Filters(certainty="denied"))
    everything = alerts.follow(sqlite_store, "search", "singer")
    about_him = alerts.follow(sqlite_store, "search", "", filters=Filters(entity="Elias Brandt", certainty="hedged"))
    assert alerts.check(sqlite_store) == []  # the rumour was there before: not news
    ingest([denial()], sqlite_store, link=False)  # stored, not linked: ingest tells nothing then
    first = alerts.check(sqlite_store)
    assert {a.watchlist_id for a in first} == {search.id, everything.id, about_him.id}
    [hedged] = [a for a in first if a.watchlist_id == about_him.id]
    assert [c["certainty"] for c in hedged.payload["claims"]] == ["hedged"]
    [denied] = [a for a in first if a.watchlist_id == search.id]
    assert denied.kind == "article" and all(c["certainty"] == "denied" for c in denied.payload["claims"])
    assert alerts.check(sqlite_store) == []
    assert len(alerts.recent(sqlite_store)) == 3
    assert alerts.unfollow(sqlite_store, search.id) and not alerts.unfollow(sqlite_store, search.id)
    assert {a.watchlist_id for a in alerts.recent(sqlite_store)} == {everything.id, about_him.id}


def test_following_what_is_not_there_is_refused(sqlite_store):
    with pytest.raises(InputError, match="no entity"):
        alerts.follow(sqlite_store, "entity", "Nobody At All")
    with pytest.raises(InputError, match="no claim thread"):
        alerts.follow(sqlite_store, "thread", "0123456789ab")
    with pytest.raises(InputError, match="words or a filter"):
        alerts.follow(sqlite_store, "search", "  ")
    with pytest.raises(InputError):
        alerts.follow(sqlite_store, "story", "x")
    assert alerts.watchlists(sqlite_store) == []


def test_the_feed_escapes_hostile_text_and_drops_what_xml_cannot_carry():
    watchlist = alerts.Watchlist(id="w1", kind="search", target="x", label="<script>alert(1)</script>")
    hostile = 'Split </title><entry>&amp; "quoted" \x00\x1b[31m\ud800 \ufffe'
    alert = Alert(
        id="a1",
        watchlist_id="w1",
        kind="article",
        title=hostile,
        created_at="2025-05-05T10:00:00+00:00",
        payload={
            "link": "/articles/abc",
            "article": {"title": hostile},
            "claims": [{"text": "<b>bold</b> & co", "certainty": "asserted", "source_kind": "named"}],
        },
    )
    document = alerts.feed(watchlist, [alert], "http://r.example/")
    root = ET.fromstring(document)  # well-formed, whatever the text held
    assert root.tag == f"{{{ATOM}}}feed" and root.findtext(f"{{{ATOM}}}title") == "rumormill: <script>alert(1)</script>"
    [entry] = root.findall(f"{{{ATOM}}}entry")
    assert entry.findtext(f"{{{ATOM}}}title") == 'Split </title><entry>&amp; "quoted" [31m '
    assert "<b>bold</b> & co" in entry.findtext(f"{{{ATOM}}}summary")
    assert entry.find(f"{{{ATOM}}}link").get("href") == "http://r.example/articles/abc"
    assert b"<script>" not in document and b"\x00" not in document


def test_a_receiver_that_never_answers_2xx_is_given_up_after_the_last_try(sqlite_store):
    receiver = Receiver(failures=10_000)
    try:
        ingest([rumour()], sqlite_store)
        alerts.follow(sqlite_store, "entity", "Nora Quill", webhook=receiver.url(), allow_private=True)
        ingest([denial()], sqlite_store)  # the first try
        moment = datetime.now(UTC)
        for _ in range(MAX_ATTEMPTS + 3):
            moment += timedelta(hours=7)  # past the longest wait
            alerts.deliver(sqlite_store, now=moment)
        [row] = alerts.outbox(sqlite_store)
        assert row["state"] == "failed" and row["attempts"] == MAX_ATTEMPTS == len(receiver.posts)
        assert row["last_error"] == "HTTP status 500"
    finally:
        receiver.close()


def test_listings_show_a_webhook_s_origin_only():
    hooked = alerts.Watchlist(id="w", kind="search", target="x", label="x", webhook="https://h.example/T0K3N?k=v")
    assert hooked.to_dict()["webhook"] == "https://h.example/…" and "secret" not in hooked.to_dict()
    assert hooked.to_dict(secret=True)["webhook"] == "https://h.example/T0K3N?k=v"


def test_after_the_threads_are_rebuilt_nothing_already_told_is_told_again(sqlite_store):
    from rumormill import corpus

    ingest([rumour()], sqlite_store)
    threads = sqlite_store.table("threads")
    with sqlite_store.reading() as conn:
        tid = conn.execute(threads.select().where(threads.c.text.like("Pop star Nora Quill%"))).first().id
    alerts.follow(sqlite_store, "entity", "Nora Quill")
    alerts.follow(sqlite_store, "thread", tid)
    ingest([denial()], sqlite_store)
    told = {a.id for a in alerts.recent(sqlite_store)}
    assert len(told) == 2
    corpus.relink(sqlite_store)  # every occurrence row is made anew, under keys counted from 1 again
    assert alerts.check(sqlite_store) == []
    assert {a.id for a in alerts.recent(sqlite_store)} == told


def test_a_followed_thread_that_linking_again_renamed_is_followed_under_its_new_id(sqlite_store):
    """A relink can start a thread under another id (another article came first, or the articles
    were analysed again): the watchlist moves to the thread that holds what it had seen."""
    import sqlalchemy as sa

    ingest([rumour()], sqlite_store)
    threads, occ = sqlite_store.table("threads"), sqlite_store.table("thread_occurrences")
    keys = sqlite_store.table("thread_keys")
    with sqlite_store.reading() as conn:
        old = conn.execute(threads.select().where(threads.c.text.like("Pop star Nora Quill%"))).first()
    watchlist = alerts.follow(sqlite_store, "thread", old.id)
    with sqlite_store.writing() as conn:  # what a relink that numbered it otherwise leaves
        conn.execute(threads.insert().values({**old._mapping, "id": "renamed00000"}))
        conn.execute(occ.update().where(occ.c.thread_id == old.id).values(thread_id="renamed00000"))
        conn.execute(keys.update().where(keys.c.thread_id == old.id).values(thread_id="renamed00000"))
        conn.execute(threads.delete().where(threads.c.id == old.id))
    ingest([denial()], sqlite_store)
    [told] = [a for a in alerts.recent(sqlite_store) if a.watchlist_id == watchlist.id]
    assert told.kind == "status" and told.payload["thread"]["id"] == "renamed00000"
    assert told.payload["thread"]["status"] == "denied"
    [moved] = [w for w in alerts.watchlists(sqlite_store) if w.id == watchlist.id]
    assert moved.target == "renamed00000"
    with sqlite_store.reading() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(threads).where(threads.c.id == old.id)).scalar() == 0

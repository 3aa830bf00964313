"""The whole path on real parts: a real store, the real analysis and linking, a real HTTP
receiver on loopback. A person and a claim thread are followed; a later article denies the
claim on the record; `ingest` finds the alerts and posts them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from rumormill import alerts, ingest
from rumormill.alerts.atom import ATOM

from .conftest import Receiver
from .story import denial, rumour

RUMOUR_CLAIM = "Pop star Nora Quill and her husband Elias Brandt have split"


def _rumour_thread(store) -> str:
    threads = store.table("threads")
    with store.reading() as conn:
        found = conn.execute(sa.select(threads.c.id, threads.c.status).where(threads.c.text.like(RUMOUR_CLAIM + "%")))
        rows = found.all()
    assert len(rows) == 1 and rows[0].status == "open"
    return rows[0].id


def _follow(store, receiver: Receiver, person: bool = True):
    ingest([rumour()], store)
    if person:
        person = alerts.follow(store, "entity", "Nora Quill", webhook=receiver.url("/person"), allow_private=True)
    thread = alerts.follow(store, "thread", _rumour_thread(store), webhook=receiver.url("/thread"), allow_private=True)
    assert alerts.check(store) == []  # following tells nothing of what was there before
    return person, thread


def _posts(receiver: Receiver, path: str) -> list[dict]:
    return [p for p in receiver.posts if p["path"] == path]


def test_a_denial_on_record_reaches_the_thread_s_webhook_once_signed_with_its_evidence(store, receiver):
    person, thread = _follow(store, receiver)

    ingest([denial()], store)  # ingest checks the watchlists and posts what is due

    [post] = _posts(receiver, "/thread")
    body, headers = post["body"], post["headers"]
    assert alerts.verify(thread.secret, body, headers[alerts.SIGNATURE_HEADER])
    assert not alerts.verify(person.secret, body, headers[alerts.SIGNATURE_HEADER])
    sent = json.loads(body)
    assert sent["kind"] == "status" and headers[alerts.ALERT_ID_HEADER] == sent["id"]
    assert sent["thread"]["status"] == "denied" and sent["thread"]["previous_status"] == "open"
    [evidence] = sent["evidence"]
    assert evidence["rule"].startswith("denied on record")
    assert [o["published"] for o in evidence["occurrences"]] == ["2025-05-05"]
    assert "spokesperson" in (evidence["occurrences"][0]["source"]["name"] or "").lower()

    # the person gained an article: one post to the person's webhook, with the claims about her
    [about_her] = _posts(receiver, "/person")
    assert alerts.verify(person.secret, about_her["body"], about_her["headers"][alerts.SIGNATURE_HEADER])
    article = json.loads(about_her["body"])
    assert article["kind"] == "article" and article["article"]["published"] == "2025-05-05"
    assert any(c["certainty"] == "denied" and "split" in c["text"] for c in article["claims"])

    # the thread's feed has the one entry, under the alert's id, its title escaped by the writer
    entries = ET.fromstring(alerts.feed(thread, alerts.recent(store, thread.id), "http://r.example")).findall(
        f"{{{ATOM}}}entry"
    )
    assert [e.findtext(f"{{{ATOM}}}id") for e in entries] == [f"urn:rumormill:alert:{sent['id']}"]
    assert "denied" in entries[0].findtext(f"{{{ATOM}}}summary")

    # nothing is told twice: not by another check, nor another delivery, nor the same article again
    assert alerts.check(store) == []
    assert alerts.deliver(store, now=datetime.now(UTC) + timedelta(days=2)).delivered == 0
    ingest([denial()], store)
    assert len(receiver.posts) == 2


def test_a_receiver_that_fails_twice_gets_the_same_alert_on_the_third_try(sqlite_store):
    receiver = Receiver(failures=2)
    try:
        _, thread = _follow(sqlite_store, receiver, person=False)
        ingest([denial()], sqlite_store)  # the first try: 500
        [first] = _posts(receiver, "/thread")
        later = datetime.now(UTC)
        assert alerts.deliver(sqlite_store, now=later).delivered == 0  # not due yet: backing off
        assert alerts.deliver(sqlite_store, now=later + timedelta(minutes=2), jitter=0).retrying == 1  # 500 again
        assert alerts.deliver(sqlite_store, now=later + timedelta(minutes=2.5), jitter=0).delivered == 0  # waits 60 s
        assert alerts.deliver(sqlite_store, now=later + timedelta(minutes=5), jitter=0).delivered == 1
        tries = _posts(receiver, "/thread")
        assert len(tries) == 3
        assert {t["headers"][alerts.ALERT_ID_HEADER] for t in tries} == {first["headers"][alerts.ALERT_ID_HEADER]}
        assert {t["body"] for t in tries} == {first["body"]}
        [row] = [d for d in alerts.outbox(sqlite_store) if d["url"].endswith("/thread")]
        assert row["state"] == "delivered" and row["attempts"] == 3
    finally:
        receiver.close()

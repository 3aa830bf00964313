"""An Atom feed (RFC 4287) per watchlist, for any feed reader: its newest alerts, one entry each.

Article text is hostile input: every text goes through ElementTree, which escapes markup, and
the characters XML 1.0 cannot carry at all (most C0 controls, unpaired surrogates, U+FFFE and
U+FFFF) are removed first, so no title can break the document or a reader's parse. Entry ids
are `urn:rumormill:alert:<alert id>`, stable across fetches, so a reader shows each alert once.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .detect import Alert
from .watchlists import Watchlist

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MAX_SUMMARY = 2000


def xml_text(text: str | None) -> str:
    """`text` without the characters XML 1.0 forbids."""
    return _NOT_XML.sub("", text or "")


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def summary(alert: Alert) -> str:
    """A plain-text account of an alert: the thread's change and its evidence, or the claims."""
    payload = alert.payload
    lines: list[str] = []
    thread = payload.get("thread")
    if thread:
        lines.append(f"Claim: {thread.get('text', '')}")
        if alert.kind == "status":
            lines.append(f"Status: {thread.get('previous_status') or 'unknown'} -> {thread.get('status')}")
        for evidence in payload.get("evidence", []):
            lines.append(f"Evidence ({evidence['rule']}):")
            lines += [
                f"  - {o.get('outlet') or ''} {o.get('published') or ''}: {o['text']}" for o in evidence["occurrences"]
            ]
        lines += [f"New: [{o['stance']}] {o['text']}" for o in payload.get("occurrences", [])]
    article = payload.get("article")
    if article:
        lines.append(" ".join(x for x in (article.get("outlet"), article.get("published"), article.get("title")) if x))
        lines += [f"- {c['text']} ({c['certainty']}, {c['source_kind']})" for c in payload.get("claims", [])]
    return "\n".join(lines)[:MAX_SUMMARY]


def _updated(stamp: str) -> str:
    return stamp if stamp else "1970-01-01T00:00:00+00:00"


def feed(watchlist: Watchlist, alerts: list[Alert], base_url: str) -> bytes:
    """The watchlist's feed as UTF-8 bytes; `base_url` makes the links absolute ("http://host:port")."""
    base = base_url.rstrip("/")
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed")
    _add(root, "id", f"urn:rumormill:watchlist:{watchlist.id}")
    _add(root, "title", f"rumormill: {watchlist.label}")
    _add(root, "updated", _updated(alerts[0].created_at if alerts else watchlist.created_at))
    _add(root, "link", rel="self", href=f"{base}/watchlists/{watchlist.id}/feed.atom", type=MEDIA_TYPE)
    _add(root, "link", rel="alternate", href=f"{base}/alerts?watchlist={watchlist.id}", type="text/html")
    author = _add(root, "author")
    _add(author, "name", "rumormill")
    _add(root, "generator", "rumormill")
    for alert in alerts:
        entry = _add(root, "entry")
        _add(entry, "id", f"urn:rumormill:alert:{alert.id}")
        _add(entry, "title", alert.title)
        _add(entry, "updated", _updated(alert.created_at))
        link = alert.payload.get("link")
        if isinstance(link, str) and link.startswith("/"):
            _add(entry, "link", rel="alternate", href=base + link, type="text/html")
        _add(entry, "summary", summary(alert), type="text")
        _add(entry, "category", term=alert.kind)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)

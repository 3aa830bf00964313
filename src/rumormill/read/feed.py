"""RSS and Atom feeds (feedparser): one Article per entry.

An entry's text is its full content, else its summary, as plain text with blank lines between
paragraphs. A summary is often only a teaser for the linked page: when an entry has no content,
a summary under `TEASER_WORDS` words and a link, the link is fetched with `fetch` (if given)
and the page's article taken, the feed filling in what the page lacks (title, date) and naming
the outlet (a page's site name is often only its host name). Without `fetch`, a teaser of at
least `MIN_WORDS` words is kept as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date

from ..errors import InputError
from ..model import Article
from ._bytes import check_not_binary
from .dates import to_iso_date
from .html import MIN_WORDS
from .language import guess_language

# Feed summaries run to a sentence or three (RSS advisory board: "the item synopsis"), full
# content to article length; under this many words an entry with a link is taken as a teaser.
TEASER_WORDS = 100

# The root element of RSS 2.0/0.9x, Atom and RSS 1.0 (RDF), after any XML declaration,
# comments or doctype: enough to tell a feed from other XML without parsing it.
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]")
_SNIFF_BYTES = 2048

_BLOCK_TAGS = frozenset(
    "p div li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section article header footer figure figcaption".split()
)


def looks_like_feed(data: bytes) -> bool:
    """True when the start of `data` is an RSS, Atom or RDF root element."""
    return bool(_FEED_ROOT.search(data[:_SNIFF_BYTES]))


def html_to_text(fragment: str) -> str:
    """Plain text from an HTML fragment: one paragraph per block element, blank lines between."""
    if "<" not in fragment:
        return _paragraphs(fragment.replace("&nbsp;", " "))
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return _paragraphs(re.sub(r"<[^>]+>", " ", fragment))
    for element in root.iter("script", "style"):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCK_TAGS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    return _paragraphs(root.text_content())


def _paragraphs(text: str) -> str:
    blocks = (" ".join(block.split()) for block in re.split(r"\n\s*\n", text))
    return "\n\n".join(block for block in blocks if block)


def _entry_text(entry) -> tuple[str, bool]:
    """The longest of the entry's contents, else its summary, as plain text; and whether the
    entry has no content (only a summary, or nothing)."""
    candidates = [(c.get("value") or "", c.get("type") or "text/html") for c in entry.get("content") or []]
    if not candidates and entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        candidates = [(entry["summary"], detail.get("type") or "text/html")]
    texts = [html_to_text(value) if "html" in kind else _paragraphs(value) for value, kind in candidates]
    return max(texts, key=len, default=""), not entry.get("content")


def _entry_date(entry) -> str | None:
    for key in ("published", "updated", "created"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return date(*parsed[:3]).isoformat()
        if entry.get(key):
            iso = to_iso_date(entry[key])
            if iso:
                return iso
    return None


def _report(error: InputError, on_error: Callable[[InputError], None] | None) -> None:
    if on_error is None:
        raise error
    on_error(error)


def parse_feed(data: bytes, source: str):
    """The feedparser result for `data`. Raises `InputError` when it is not a feed."""
    import feedparser

    if not data.strip():
        raise InputError("empty input", source=source)
    check_not_binary(data, source)
    # feedparser is given bytes, never a string: a string that looks like a URL it would fetch.
    parsed = feedparser.parse(data)
    if not parsed.entries and not parsed.version:
        why = f" ({parsed.bozo_exception})" if parsed.bozo else ""
        raise InputError(f"not an RSS or Atom feed{why}", source=source)
    return parsed


def read_feed(
    data: bytes,
    source: str,
    *,
    fetch: Callable[[str], Article] | None = None,
    skip_url: Callable[[str], bool] | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Article]:
    """Articles from the entries of an RSS or Atom feed.

    Args:
        data: the feed document.
        source: names the feed in `origin` (`"{source}#entry{n}"`, n from 1) and in errors.
        fetch: called with an entry's link when its text is a teaser; returns the page's Article.
        skip_url: called with a link before fetching it; True skips the entry (already stored).
        on_error: called with the `InputError` of each broken entry (the others still come);
            without it the first one is raised.

    Raises:
        InputError: the document is not a feed (always raised, `on_error` or not).
    """
    parsed = parse_feed(data, source)
    outlet = (parsed.feed.get("title") or "").strip() or None
    for n, entry in enumerate(parsed.entries, 1):
        where = f"{source}#entry{n}"
        try:
            article = _entry_article(entry, where, outlet, fetch, skip_url)
        except InputError as error:
            _report(error, on_error)
            continue
        if article is not None:
            yield article


def _entry_article(entry, where: str, outlet: str | None, fetch, skip_url) -> Article | None:
    text, is_summary = _entry_text(entry)
    link = (entry.get("link") or "").strip() or None
    title = " ".join((entry.get("title") or "").split()) or None
    words = len(text.split())
    if not text and not link:
        raise InputError("the entry has no text and no link", source=where)
    if is_summary and words < TEASER_WORDS and link and fetch is not None:
        if skip_url is not None and skip_url(link):
            return None
        try:
            page = fetch(link)
        except InputError as e:
            raise InputError(f"the entry is a teaser and its link could not be read: {e}", source=where) from None
        return page.model_copy(
            update={
                "ref": entry.get("id") or page.ref,
                "origin": where,
                "url": page.url or link,
                "title": page.title or title,
                "published": page.published or _entry_date(entry),
                # The feed's own name first: a page without a site name gets its host name.
                "outlet": outlet or page.outlet,
            }
        )
    if words < MIN_WORDS:
        hint = f"; fetch {link} to read the article" if link else ""
        raise InputError(f"the entry has {words} words of text, too few for an article{hint}", source=where)
    return Article(
        ref=entry.get("id") or None,
        origin=where,
        url=link,
        outlet=outlet,
        published=_entry_date(entry),
        title=title,
        text=text,
        language=guess_language(text) or "en",
    )


__all__ = ["TEASER_WORDS", "html_to_text", "looks_like_feed", "parse_feed", "read_feed"]

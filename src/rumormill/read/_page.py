"""A web page as an Article: `parse_html`, plus htmldate when trafilatura finds no date."""

from __future__ import annotations

from ..model import Article
from .html import parse_html


def _decode(data: bytes, charset: str | None) -> bytes | str:
    """Text in the charset the HTTP header names; the bytes (trafilatura guesses) otherwise."""
    if not charset:
        return data
    try:
        return data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return data


def _find_date(data: bytes | str, url: str | None) -> str | None:
    import lxml.html
    from htmldate import find_date
    from lxml.etree import ParserError

    try:
        # A parsed tree, not the string: htmldate fetches a string that looks like a URL.
        tree = lxml.html.document_fromstring(data)
    except (ParserError, ValueError):
        return None
    # The URL's own date (".../2020/07/31/...") is the one thing trafilatura's search skips.
    return find_date(tree, url=url, original_date=True, extensive_search=False)


def parse_page(
    data: bytes, source: str, *, url: str | None = None, charset: str | None = None, fallback_date: str | None = None
) -> Article:
    """One Article from a fetched or archived page. `published` comes from the page, then from
    htmldate with the URL, then `fallback_date` (an archive's capture date, say)."""
    document = _decode(data, charset)
    article = parse_html(document, source, url=url)
    if article.published is None:
        published = _find_date(document, url) or fallback_date
        if published:
            article = article.model_copy(update={"published": published})
    return article

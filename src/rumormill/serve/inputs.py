"""Turning what a caller sends (pasted text, a URL, an article's fields) into an `Article`.

URLs go through the store's safe fetcher: http(s) only, public addresses only, timeouts and a
size cap (see `rumormill.read.fetch`). Pasted text in the examples' "dated text" format
(` date YYYY-MM-DD <title>` first) keeps its date and title.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..errors import InputError
from ..model import Article, clean_text
from ..read.dated import looks_dated, parse_dated
from .errors import ApiError

MAX_URL = 2048
SERVER_FETCHES = "; the server fetches public addresses only"  # in place of the CLI's --allow-private hint


class ArticleIn(BaseModel):
    """An article to analyse or store: its text, or the URL of its page."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="the article's text (paragraphs separated by blank lines)")
    url: str | None = Field(default=None, max_length=MAX_URL, description="an http(s) page to fetch instead of text")
    title: str | None = Field(default=None, max_length=1000)
    outlet: str | None = Field(default=None, max_length=200)
    published: str | None = Field(default=None, description="YYYY-MM-DD")

    @field_validator("text", "url", "title", "outlet", "published")
    @classmethod
    def _unicode(cls, value: str | None) -> str | None:
        return clean_text(value) if value is not None else None


def check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ApiError(422, f"url: {url[:200]!r} is not an http(s) URL")
    if len(url) > MAX_URL:
        raise ApiError(422, f"url: longer than {MAX_URL} characters")
    return url


def _published(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ApiError(422, f"published: {value!r} is not a date (YYYY-MM-DD)") from None


def from_text(item: ArticleIn, max_chars: int) -> Article:
    """The Article for pasted or posted text (not URLs: see `fetch`)."""
    text = item.text or ""
    if not text.strip():
        raise ApiError(422, "text: empty; give the article's text or a URL")
    if len(text) > max_chars:
        raise ApiError(413, f"text: {len(text):,} characters, more than the limit of {max_chars:,}", "too_large")
    text = text.replace("\r\n", "\n")
    try:
        article = parse_dated(text, "<pasted text>") if looks_dated(text) else Article(text=text.strip())
    except InputError as error:
        raise ApiError(422, str(error)) from None
    update = {
        "title": item.title or article.title,
        "outlet": item.outlet or article.outlet,
        "published": _published(item.published) or article.published,
        "url": item.url or article.url,
    }
    return article.model_copy(update=update)


def fetch(url: str, max_chars: int) -> Article:
    """The article on the page at `url`, through the safe fetcher (runs in a worker thread)."""
    from ..read.fetch import PRIVATE_HINT, fetch_url

    try:
        article = fetch_url(check_url(url))
    except InputError as error:
        # the command line's hint means nothing to an HTTP client: the server fetches public pages only
        raise ApiError(422, str(error).replace(PRIVATE_HINT, SERVER_FETCHES)) from None
    if len(article.text) > max_chars:
        raise ApiError(
            413, f"{url}: {len(article.text):,} characters, more than the limit of {max_chars:,}", "too_large"
        )
    return article

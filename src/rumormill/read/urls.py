"""URLs as sources: one URL (a page or a feed) and files listing URLs, one a line.

    # gossip sources
    https://example.com/2020/07/31/kim-and-kanye.html
    https://example.com/feed.xml

Blank lines and `#` comments are ignored. A URL that fails is reported with its line and the
rest go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..errors import InputError
from ..model import Article
from ._page import parse_page
from .feed import looks_like_feed, read_feed
from .fetch import FEED_TYPES, HTML_TYPES, _fetch, fetch_url  # _fetch: with the charset, which fetch_bytes leaves out

_FEED_ONLY_TYPES = FEED_TYPES - {"application/xml", "text/xml"}


def is_url(source: object) -> bool:
    return isinstance(source, str) and source.lower().startswith(("http://", "https://"))


def read_url(
    url: str,
    *,
    allow_private: bool = False,
    skip_url: Callable[[str], bool] | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Article]:
    """The entries of the feed at `url`, or the article on the page there.

    A feed's teaser entries are completed from their linked pages, each checked with `skip_url`
    first. Errors name `url` (or the feed entry); a failed fetch of `url` itself is raised.
    """
    final_url, media_type, charset, content = _fetch(
        url, allow_private=allow_private, timeout=None, max_bytes=None, accept=HTML_TYPES | FEED_TYPES
    )
    if media_type in _FEED_ONLY_TYPES or (media_type not in HTML_TYPES and looks_like_feed(content)):
        yield from read_feed(
            content,
            url,
            fetch=lambda link: fetch_url(link, allow_private=allow_private),
            skip_url=skip_url,
            on_error=on_error,
        )
        return
    yield parse_page(content, url, url=final_url, charset=charset)


def read_urls(
    lines: Iterable[bytes | str],
    source: str,
    *,
    allow_private: bool = False,
    skip_url: Callable[[str], bool] | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Article]:
    """Articles from a list of URLs, one a line; see `read_url` for what each gives.

    `skip_url(url)` is called before each fetch; True skips the URL (it is already stored).
    Errors are `InputError(source=source, line=n)` with the URL in the message.
    """
    seen_any = False
    for n, raw in enumerate(lines, 1):
        line = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        seen_any = True
        try:
            if not is_url(url) or any(c.isspace() for c in url):
                raise InputError(f"{url[:200]!r} is not an http(s) URL", source=source, line=n)
            if skip_url is not None and skip_url(url):
                continue
            for article in read_url(
                url,
                allow_private=allow_private,
                skip_url=skip_url,
                on_error=None if on_error is None else lambda e, n=n: on_error(_at_line(e, source, n)),
            ):
                if article.origin == url:
                    # a page: its record is this line of the list (as a failure of it would be),
                    # and the URL as asked for is its ref, so a rerun can skip it after a redirect
                    article = article.model_copy(update={"origin": f"{source}:{n}", "ref": article.ref or url})
                yield article
        except InputError as error:
            error = error if error.source == source else _at_line(error, source, n)
            if on_error is None:
                raise error from None
            on_error(error)
    if not seen_any:
        error = InputError("no URLs in the list", source=source)
        if on_error is None:
            raise error
        on_error(error)


def _at_line(error: InputError, source: str, line: int) -> InputError:
    return InputError(str(error), source=source, line=line)


__all__ = ["is_url", "read_url", "read_urls"]

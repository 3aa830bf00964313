"""`read()`: any path, directory, glob or stream in, `Article`s out.

    >>> from rumormill import read
    >>> for article in read("examples/"):
    ...     print(article.published, article.title)

The format comes from the file name (`.jsonl`/`.ndjson`, `.html`/`.htm`, `.rss`/`.atom` and
`.xml` that holds a feed, `.warc`/`.warc.gz`, `.urls` for lists of URLs; anything else is text:
dated text when its first line is a ` date YYYY-MM-DD` header, plain text otherwise), or from
`format=`. An http(s) URL is fetched: a feed gives its entries, a page its article.
"""

from __future__ import annotations

import glob
import gzip
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .. import settings
from ..errors import InputError, RumormillError
from ..model import Article
from .feed import looks_like_feed, read_feed
from .html import read_html
from .jsonl import read_jsonl
from .text import read_text
from .urls import is_url, read_url, read_urls
from .warc import read_warc

FORMATS = ("text", "jsonl", "html", "feed", "urls", "warc")
SUFFIXES = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".text": "text",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",  # only when it holds a feed; other XML is read as text, as before
    ".urls": "urls",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
}
_GLOB_CHARS = set("*?[")
_STREAMED = ("jsonl", "urls", "warc")  # read record by record, never whole into memory


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for double in (".warc.gz", ".jsonl.gz", ".ndjson.gz"):
        if name.endswith(double):
            return double
    return path.suffix.lower()


def _holds_feed(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return looks_like_feed(handle.read(4096))
    except OSError:
        return False


def format_of(path: str | Path) -> str:
    path = Path(path)
    fmt = SUFFIXES.get(_suffix(path), "text")
    if _suffix(path) == ".xml" and not _holds_feed(path):
        return "text"
    return fmt


def _expand(source: str | Path) -> list[Path]:
    text = str(source)
    if _GLOB_CHARS & set(text):
        matches = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
        if not matches:
            raise InputError("no files match this pattern", source=text)
        return matches
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and _suffix(p) in SUFFIXES)
        # XML that is not a feed (a sitemap, a config) was never picked up from a directory.
        files = [p for p in files if _suffix(p) != ".xml" or _holds_feed(p)]
        files = [p for p in files if not any(part.startswith(".") for part in p.relative_to(path).parts)]
        if not files:
            raise InputError(f"no readable files ({', '.join(sorted(SUFFIXES))}) in this directory", source=text)
        return files
    if not path.exists():
        raise InputError("no such file or directory", source=text)
    return [path]


def _read_bytes(path: Path, fmt: str) -> bytes:
    limit = int(settings.get("max_chars")) * 4  # a UTF-8 character is at most 4 bytes
    size = path.stat().st_size
    if size > limit:
        raise InputError(f"the file is {size:,} bytes, over the limit of {limit:,}", source=str(path))
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", source=str(path)) from e


def _read_one(path: Path, fmt: str, on_error, options: dict) -> Iterator[Article]:
    source = str(path)
    if fmt in _STREAMED:
        try:
            # .jsonl.gz is decompressed as it is read, a capped line at a time (see read_jsonl)
            handle = gzip.open(path, "rb") if fmt == "jsonl" and _suffix(path).endswith(".gz") else path.open("rb")
        except OSError as e:
            raise InputError(f"cannot read: {e.strerror}", source=source) from e
        with handle:
            yield from read_stream(handle, source, fmt, on_error, **options)
        return
    yield from _read_data(_read_bytes(path, fmt), source, fmt, on_error, options)


def _read_data(data: bytes, source: str, fmt: str, on_error, options: dict) -> Iterator[Article]:
    if fmt == "html":
        yield from read_html(data, source)
    elif fmt == "feed":
        yield from read_feed(
            data, source, fetch=_page_fetcher(options), skip_url=options.get("skip_url"), on_error=on_error
        )
    else:
        yield from read_text(data, source)


def _page_fetcher(options: dict) -> Callable[[str], Article]:
    from .fetch import fetch_url

    return lambda url: fetch_url(url, allow_private=options.get("allow_private", False))


def read_stream(
    stream,
    source: str = "<stdin>",
    format: str = "text",
    on_error=None,
    *,
    allow_private: bool = False,
    skip_url: Callable[[str], bool] | None = None,
) -> Iterator[Article]:
    """Articles from an open binary or text stream (for example standard input); `warc` needs
    a binary one. The keyword options are `read()`'s."""
    options = {"allow_private": allow_private, "skip_url": skip_url}
    if format == "jsonl":
        yield from read_jsonl(stream, source, on_error)
    elif format == "urls":
        yield from read_urls(stream, source, on_error=on_error, **options)
    elif format == "warc":
        yield from read_warc(stream, source, on_error)
    else:
        data = stream.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        yield from _read_data(data, source, format, on_error, options)


def read(
    source: str | Path | Iterable[str | Path],
    *,
    format: str | None = None,
    on_error: Callable[[InputError], None] | None = None,
    allow_private: bool = False,
    skip_url: Callable[[str], bool] | None = None,
) -> Iterator[Article]:
    """Yield the articles in a file, a directory (recursively), a glob, `-` (stdin), an
    http(s) URL or a list of these.

    Args:
        source: what to read.
        format: one of `FORMATS` to override the guess from the file name.
        on_error: called with each `InputError` (the reading goes on); without it the first
            error is raised. Either way no record is dropped silently.
        allow_private: fetch from private, loopback and link-local addresses too (off by
            default: a URL from a feed or a list must not reach the local network).
        skip_url: called with each URL from a URL list or a feed entry's link before it is
            fetched; True skips it (it is already stored, say), and it yields nothing.
    """
    if format is not None and format not in FORMATS:
        raise InputError(f"unknown format {format!r}; choose one of: {', '.join(FORMATS)}")
    options = {"allow_private": allow_private, "skip_url": skip_url}
    sources = [source] if isinstance(source, (str, Path)) else list(source)
    for item in sources:
        if str(item) == "-":
            stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else sys.stdin
            yield from read_stream(stream, "<stdin>", format or "text", on_error, **options)
            continue
        if is_url(item):
            try:
                yield from read_url(item, allow_private=allow_private, skip_url=skip_url, on_error=on_error)
            except InputError as error:
                if on_error is None:
                    raise
                on_error(error)
            continue
        try:
            paths = _expand(item)
        except InputError as error:
            if on_error is None:
                raise
            on_error(error)
            continue
        for path in paths:
            try:
                yield from _read_one(path, format or format_of(path), on_error, options)
            except InputError as error:
                if on_error is None:
                    raise
                on_error(error)
            except RumormillError:
                raise
            except Exception as error:  # a reader's library tripped on hostile input: that file fails, not the run
                unexpected = InputError(f"cannot read ({type(error).__name__}: {str(error)[:200]})", source=str(path))
                if on_error is None:
                    raise unexpected from error
                on_error(unexpected)


__all__ = ["FORMATS", "format_of", "read", "read_stream"]

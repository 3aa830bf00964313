"""WARC web archives (warcio), plain or gzipped, read as a stream: one Article per HTML page.

Each `response` (HTTP status 200, content type HTML) and `resource` (content type HTML) record
becomes an Article: `origin` is `"{source}@{offset}"` with the record's byte offset in the file,
`url` its WARC-Target-URI, and `published` the page's date, else the capture date (WARC-Date).
Records that hold no page by design (request, metadata, warcinfo, revisit, conversion, and DNS
lookups stored as responses) are passed over silently; any other record that yields no article
is reported. A truncated or corrupt file is reported once, at the offset where it breaks, after
the records before it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .. import settings
from ..errors import InputError
from ..model import Article
from ._page import parse_page
from .dates import to_iso_date
from .fetch import _media_type

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_PAGE_RECORDS = frozenset({"response", "resource"})
_CHUNK = 65536
_SHOWN = 120  # characters of warcio's message, which can quote a whole binary line
_TRAILING_SLACK = 4  # "\r\n\r\n" some writers leave after the last record


class _Counted:
    """A read-only stream that counts the bytes read from it."""

    def __init__(self, stream):
        self._stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.count += len(data)
        return data


def _drain(record) -> bool:
    """Read the rest of the record; False when the file ends before its Content-Length."""
    stream = record.raw_stream
    while stream.read(_CHUNK):
        pass
    return getattr(stream, "limit", 0) <= 0


def _page_of(record, where: str) -> tuple[bytes, str | None]:
    """The HTML payload of a page record and its charset; InputError saying why there is none."""
    if record.rec_type == "response":
        if record.http_headers is None:
            raise InputError("the response record holds no HTTP response", source=where)
        status = record.http_headers.get_statuscode()
        if status != "200":
            location = record.http_headers.get_header("Location")
            more = f" (a redirect to {location})" if location else ""
            raise InputError(f"HTTP status {status}{more}, not a page", source=where)
        header = record.http_headers.get_header("Content-Type")
    else:
        header = record.rec_headers.get_header("Content-Type")
    media_type, charset = _media_type(header)
    if media_type not in _HTML_TYPES:
        raise InputError(f"content-type {media_type or 'unknown'} is not HTML", source=where)
    limit = int(settings.get("max_chars")) * 4  # as for files: a UTF-8 character is at most 4 bytes
    payload = record.content_stream().read(limit + 1)
    if len(payload) > limit:
        raise InputError(f"the page is over the limit of {limit:,} bytes", source=where)
    return payload, charset


def _skipped_silently(record) -> bool:
    if record.rec_type not in _PAGE_RECORDS:
        return True
    content_type = record.rec_headers.get_header("Content-Type") or ""
    return record.rec_type == "response" and content_type.startswith("text/dns")


def read_warc(stream, source: str, on_error: Callable[[InputError], None] | None = None) -> Iterator[Article]:
    """Articles from the HTML pages in a WARC stream (binary, gzipped or not, need not be seekable).

    Args:
        stream: the open file.
        source: names the file in `origin` and in errors (`"{source}@{offset}"`).
        on_error: called with the `InputError` of each record that gives no article and of a
            broken file; without it the first one is raised.
    """
    from warcio.archiveiterator import ArchiveIterator

    counted = _Counted(stream)
    records = ArchiveIterator(counted)
    iterator = iter(records)
    seen_any = False
    while True:
        offset = records.offset
        try:
            record = next(iterator)
        except StopIteration:
            # warcio also stops quietly on a record header cut short: bytes read past the last
            # whole record are that broken header (a few stray newlines at the end are fine).
            if counted.count - records.offset > _TRAILING_SLACK:
                _report(
                    InputError(
                        "the WARC is truncated: the file ends inside a record header",
                        source=f"{source}@{records.offset}",
                    ),
                    on_error,
                )
            break
        except Exception as e:  # noqa: BLE001
            # warcio fails on a broken header or gzip member with whatever comes up (ArchiveLoadFailed,
            # zlib.error, EOFError, even AttributeError on a header cut in half): all mean a broken file.
            message = f"the WARC is corrupt or truncated here: {str(e)[:_SHOWN]}"
            _report(InputError(message, source=f"{source}@{offset}"), on_error)
            return
        seen_any = True
        where = f"{source}@{records.offset}"
        if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
            # Every WARC record has one; warcio hands on a header cut short as a record without it.
            _report(
                InputError("the WARC is truncated or corrupt: a record header without Content-Length", source=where),
                on_error,
            )
            return
        article = error = None
        if not _skipped_silently(record):
            try:
                payload, charset = _page_of(record, where)
                url = record.rec_headers.get_header("WARC-Target-URI")
                captured = to_iso_date(record.rec_headers.get_header("WARC-Date"))
                article = parse_page(payload, where, url=url, charset=charset, fallback_date=captured)
            except InputError as e:
                error = e
        if not _drain(record):
            _report(InputError("the WARC is truncated: the file ends inside this record", source=where), on_error)
            return
        if error is not None:
            _report(error, on_error)
        elif article is not None:
            yield article
    if not seen_any and counted.count == 0:
        _report(InputError("empty input (no WARC records)", source=source), on_error)
    elif not seen_any and counted.count <= _TRAILING_SLACK:  # too short for a record header: not a WARC
        _report(InputError(f"not a WARC file (no record in its {counted.count} bytes)", source=source), on_error)


def _report(error: InputError, on_error: Callable[[InputError], None] | None) -> None:
    if on_error is None:
        raise error
    on_error(error)


__all__ = ["read_warc"]

"""Readers: turn files, directories, globs, streams and URLs into `Article`s.

Each format module parses one kind of input and raises `InputError` (naming the input and
the line, entry or offset) on bad input: `text` (plain and dated text), `jsonl`, `html`,
`feed` (RSS and Atom), `urls` (URL lists), `warc` (web archives). `fetch` gets pages and
feeds from the web, refusing private addresses unless told otherwise.
"""

from __future__ import annotations

from ._dispatch import FORMATS, format_of, read, read_stream
from .feed import read_feed
from .fetch import Fetched, fetch_bytes, fetch_url
from .html import parse_html
from .jsonl import parse_record
from .text import parse_text
from .urls import read_url, read_urls
from .warc import read_warc

__all__ = [
    "FORMATS",
    "Fetched",
    "fetch_bytes",
    "fetch_url",
    "format_of",
    "parse_html",
    "parse_record",
    "parse_text",
    "read",
    "read_feed",
    "read_stream",
    "read_url",
    "read_urls",
    "read_warc",
]

"""JSONL: one article per line, with the fields the shared datasets use.

    {"id": "...", "title": "...", "text": "...", "published": "2020-07-31", "url": "...", "outlet": "..."}

`text` is required. `publication_date` and `date` are accepted for `published`, `publisher`
and `source` for `outlet`. The record's `id` is kept as `Article.ref`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from ..errors import InputError
from ..model import Article
from ._bytes import check_not_binary
from .dates import to_iso_date
from .language import guess_language

_PUBLISHED = ("published", "publication_date", "date")
_OUTLET = ("outlet", "publisher", "source")


def _first(record: dict, keys: tuple[str, ...]):
    for key in keys:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def parse_record(record, source: str, line: int) -> Article:
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {type(record).__name__}", source=source, line=line)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("the record has no 'text' (or it is empty)", source=source, line=line)
    published = _first(record, _PUBLISHED)
    iso = to_iso_date(published) if published is not None else None
    if published is not None and iso is None:
        raise InputError(f"cannot read the date {published!r}", source=source, line=line)
    title = record.get("title")
    return Article(
        ref=str(record["id"]) if record.get("id") is not None else None,
        origin=f"{source}:{line}",
        url=record.get("url") or None,
        outlet=_first(record, _OUTLET),
        published=iso,
        title=title.strip() if isinstance(title, str) and title.strip() else None,
        text=text.strip(),
        language=guess_language(text) or "en",
    )


def read_jsonl(lines, source: str, on_error: Callable[[InputError], None] | None = None) -> Iterator[Article]:
    """Articles from an iterable of byte or str lines. A bad line raises `InputError`, or is
    passed to `on_error` and skipped when that is given."""
    seen_any = False
    for n, raw in enumerate(lines, 1):
        try:
            if isinstance(raw, bytes):
                check_not_binary(raw, source)
                try:
                    raw = raw.decode("utf-8-sig" if n == 1 else "utf-8")
                except UnicodeDecodeError:
                    raise InputError("not valid UTF-8", source=source, line=n) from None
            if not raw.strip():
                continue
            seen_any = True
            try:
                record = json.loads(raw)
            except json.JSONDecodeError as e:
                raise InputError(f"not valid JSON ({e.msg} at column {e.colno})", source=source, line=n) from None
            article = parse_record(record, source, n)
        except InputError as error:
            if on_error is None:
                raise
            on_error(error)
            continue
        yield article
    if not seen_any:
        error = InputError("empty input (no JSON lines)", source=source)
        if on_error is None:
            raise error
        on_error(error)

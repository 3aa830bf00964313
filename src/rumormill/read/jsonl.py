"""JSONL: one article per line, with the fields the shared datasets use.

    {"id": "...", "title": "...", "text": "...", "published": "2020-07-31", "url": "...", "outlet": "..."}

`text` is required. `publication_date`, `publish_date` (FakeNewsNet's) and `date` are accepted
for `published`; `publisher`, `source` and `source_domain` (FakeNewsNet's and Emergent's) for
`outlet`. The record's `id` is kept as `Article.ref`.

Every line is checked at the boundary (`JsonRecord`): a line that is not JSON, not an object,
has a field of the wrong type, a lone surrogate, nesting too deep for the parser, or more bytes
than the limit is an `InputError` for that line alone; the lines around it are read as usual.
Lines are read with a cap, so an endless line never sits whole in memory.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from pydantic import BaseModel, ConfigDict, StrictFloat, StrictInt, StrictStr, ValidationError

from .. import settings
from ..errors import InputError
from ..model import Article
from ._bytes import check_not_binary
from .dates import to_iso_date
from .language import guess_language

_PUBLISHED = ("published", "publication_date", "publish_date", "date")
_OUTLET = ("outlet", "publisher", "source", "source_domain")
_GZIP = b"\x1f\x8b"
_SKIP = 1 << 20  # bytes read at a time while skipping the rest of an over-long line
_SLACK = 1 << 16  # bytes a line may hold beyond its text's limit (the other fields, the JSON)


class JsonRecord(BaseModel):
    """The shape of one JSONL record: the fields rumormill reads, each of its one type. Other
    fields are allowed and ignored."""

    model_config = ConfigDict(extra="allow")

    id: StrictStr | StrictInt | None = None
    text: StrictStr | None = None
    title: StrictStr | None = None
    url: StrictStr | None = None
    outlet: StrictStr | None = None
    publisher: StrictStr | None = None
    source: StrictStr | None = None
    source_domain: StrictStr | None = None
    published: StrictStr | StrictInt | StrictFloat | None = None
    publication_date: StrictStr | StrictInt | StrictFloat | None = None
    publish_date: StrictStr | StrictInt | StrictFloat | None = None
    date: StrictStr | StrictInt | StrictFloat | None = None


def _first(record: JsonRecord, keys: tuple[str, ...]):
    for key in keys:
        value = getattr(record, key)
        if value not in (None, ""):
            return value
    return None


def _shape_error(error: ValidationError) -> str:
    first = error.errors()[0]
    loc = first.get("loc") or ("record",)
    field = str(loc[0])
    expected = "a string or a number" if field in _PUBLISHED or field == "id" else "a string"
    got = _JSON_TYPES.get(type(first.get("input")).__name__, "something else")
    return f"the field {field!r} should be {expected} or null, not {got}"


_JSON_TYPES = {"dict": "an object", "list": "an array", "str": "a string", "int": "a number", "float": "a number"}
_JSON_TYPES["bool"] = "true or false"


def _iso(published) -> str | None:
    try:
        return to_iso_date(published)
    except (ValueError, OverflowError, OSError):
        return None


def parse_record(record, source: str, line: int) -> Article:
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {type(record).__name__}", source=source, line=line)
    try:
        fields = JsonRecord.model_validate(record)
    except ValidationError as error:
        raise InputError(_shape_error(error), source=source, line=line) from None
    text = fields.text
    if not isinstance(text, str) or not text.strip():
        raise InputError("the record has no 'text' (or it is empty)", source=source, line=line)
    published = _first(fields, _PUBLISHED)
    iso = _iso(published) if published is not None else None
    if published is not None and iso is None:
        raise InputError(f"cannot read the date {str(published)[:100]!r}", source=source, line=line)
    title = fields.title
    try:
        return Article(
            ref=str(fields.id) if fields.id is not None else None,
            origin=f"{source}:{line}",
            url=fields.url or None,
            outlet=_first(fields, _OUTLET),
            published=iso,
            title=title.strip() if isinstance(title, str) and title.strip() else None,
            text=text.strip(),
            language=guess_language(text) or "en",
        )
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "record"
        message = str(first.get("ctx", {}).get("error") or first.get("msg", "invalid"))
        raise InputError(f"the field {where!r}: {message}", source=source, line=line) from None


def max_line_bytes() -> int:
    """The longest JSONL line read: the longest text (a UTF-8 character is at most 4 bytes) and
    room for the other fields."""
    return int(settings.get("max_chars")) * 4 + _SLACK


def _lines(lines, cap: int) -> Iterator[tuple[bytes | str, bool]]:
    """(line, whole) from a stream or an iterable of lines; a line longer than `cap` comes back
    as its first `cap` bytes with whole=False, and the rest of it is skipped, never held."""
    readline = getattr(lines, "readline", None)
    if readline is None:
        for raw in lines:
            yield (raw, True) if len(raw) <= cap else (raw[:cap], False)
        return
    while True:
        raw = readline(cap + 1)
        if not raw:
            return
        if len(raw) <= cap or raw.endswith(b"\n" if isinstance(raw, bytes) else "\n"):
            yield raw, True
            continue
        rest = raw[-1:]
        while rest and not rest.endswith(b"\n" if isinstance(rest, bytes) else "\n"):
            rest = readline(_SKIP)
        yield raw[:cap], False


def read_jsonl(lines, source: str, on_error: Callable[[InputError], None] | None = None) -> Iterator[Article]:
    """Articles from a stream or an iterable of byte or str lines. A bad line raises `InputError`,
    or is passed to `on_error` and skipped when that is given."""
    seen_any = False
    cap = max_line_bytes()
    for n, (raw, whole) in enumerate(_lines(lines, cap), 1):
        try:
            if n == 1 and isinstance(raw, bytes) and raw.startswith(_GZIP):
                raise InputError(
                    "gzip-compressed input; name the file .jsonl.gz to read it, or decompress it first (gunzip)",
                    source=source,
                )
            if not whole:
                seen_any = True
                raise InputError(f"the line is longer than the limit of {cap:,} bytes", source=source, line=n)
            if not raw.strip():
                continue
            seen_any = True
            if isinstance(raw, bytes):
                try:
                    check_not_binary(raw, source)
                except InputError as error:
                    raise InputError(error.reason, source=source, line=n) from None
                try:
                    raw = raw.decode("utf-8-sig" if n == 1 else "utf-8")
                except UnicodeDecodeError:
                    raise InputError("not valid UTF-8", source=source, line=n) from None
                if not raw.strip():  # a byte-order mark alone
                    continue
            try:
                record = json.loads(raw)
            except json.JSONDecodeError as e:
                message = e.msg.removesuffix(" at")  # "Unterminated string starting at" reads badly with "at column"
                raise InputError(f"not valid JSON ({message} at column {e.colno})", source=source, line=n) from None
            except RecursionError:
                raise InputError("not readable JSON (nested too deeply)", source=source, line=n) from None
            article = parse_record(record, source, n)
        except InputError as error:
            if on_error is None:
                raise
            on_error(error)
            if n == 1 and error.line is None:  # the whole input is unreadable (gzip): one failure
                return
            continue
        yield article
    if not seen_any:
        error = InputError("empty input (no JSON lines)", source=source)
        if on_error is None:
            raise error
        on_error(error)

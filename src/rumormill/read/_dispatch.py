"""`read()`: any path, directory, glob or stream in, `Article`s out.

    >>> from rumormill import read
    >>> for article in read("examples/"):
    ...     print(article.published, article.title)

The format comes from the file name (`.jsonl`/`.ndjson`, `.html`/`.htm`, anything else is
text: dated text when its first line is a ` date YYYY-MM-DD` header, plain text otherwise),
or from `format=`.
"""

from __future__ import annotations

import glob
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .. import settings
from ..errors import InputError
from ..model import Article
from .html import read_html
from .jsonl import read_jsonl
from .text import read_text

FORMATS = ("text", "jsonl", "html")
SUFFIXES = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".text": "text",
}
_GLOB_CHARS = set("*?[")


def format_of(path: str | Path) -> str:
    return SUFFIXES.get(Path(path).suffix.lower(), "text")


def _expand(source: str | Path) -> list[Path]:
    text = str(source)
    if _GLOB_CHARS & set(text):
        matches = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
        if not matches:
            raise InputError("no files match this pattern", source=text)
        return matches
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
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
    if fmt != "jsonl" and size > limit:
        raise InputError(f"the file is {size:,} bytes, over the limit of {limit:,}", source=str(path))
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", source=str(path)) from e


def _read_one(path: Path, fmt: str, on_error) -> Iterator[Article]:
    source = str(path)
    if fmt == "jsonl":
        try:
            handle = path.open("rb")
        except OSError as e:
            raise InputError(f"cannot read: {e.strerror}", source=source) from e
        with handle:
            yield from read_jsonl(handle, source, on_error)
        return
    data = _read_bytes(path, fmt)
    yield from (read_html(data, source) if fmt == "html" else read_text(data, source))


def read_stream(stream, source: str = "<stdin>", format: str = "text", on_error=None) -> Iterator[Article]:
    """Articles from an open binary or text stream (for example standard input)."""
    if format == "jsonl":
        yield from read_jsonl(stream, source, on_error)
        return
    data = stream.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    yield from (read_html(data, source) if format == "html" else read_text(data, source))


def read(
    source: str | Path | Iterable[str | Path],
    *,
    format: str | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Article]:
    """Yield the articles in a file, a directory (recursively), a glob, `-` (stdin) or a list
    of these.

    Args:
        source: what to read.
        format: "text", "jsonl" or "html" to override the guess from the file name.
        on_error: called with each `InputError` (the reading goes on); without it the first
            error is raised. Either way no record is dropped silently.
    """
    if format is not None and format not in FORMATS:
        raise InputError(f"unknown format {format!r}; choose one of: {', '.join(FORMATS)}")
    sources = [source] if isinstance(source, (str, Path)) else list(source)
    for item in sources:
        if str(item) == "-":
            stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else sys.stdin
            yield from read_stream(stream, "<stdin>", format or "text", on_error)
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
                yield from _read_one(path, format or format_of(path), on_error)
            except InputError as error:
                if on_error is None:
                    raise
                on_error(error)


__all__ = ["FORMATS", "format_of", "read", "read_stream"]

"""Plain text and dated text files: one article per file."""

from __future__ import annotations

from ..errors import InputError
from ..model import Article
from ._bytes import decode
from .dated import looks_dated, parse_dated
from .language import guess_language


def parse_text(text: str, source: str) -> Article:
    """Dated text when the first line is a ` date YYYY-MM-DD title` header, else plain text."""
    if looks_dated(text):
        article = parse_dated(text, source=source)
        return article.model_copy(update={"origin": source})
    body = text.strip()
    if not body:
        raise InputError("empty input", source=source)
    return Article(text=body, origin=source, language=guess_language(body) or "en")


def read_text(data: bytes, source: str):
    yield parse_text(decode(data, source), source)

"""The "dated text" format of the example articles.

    ␠date 2020-07-31 Kim Kardashian and Kanye West have been "living apart for a year"
    <blank line>
    <body paragraphs separated by blank lines>

The leading space is optional.
"""

from __future__ import annotations

import re
from datetime import date

from ..errors import InputError
from ..model import Article
from .language import guess_language

_HEADER = re.compile(r"^\ufeff?[ \t]*date[ \t]+(\S+)[ \t]*(.*)$")


def looks_dated(text: str) -> bool:
    first = text.lstrip("\n").split("\n", 1)[0]
    return bool(_HEADER.match(first))


def parse_dated(text: str, source: str = "<text>") -> Article:
    """One `Article` from dated text. Raises `InputError` naming `source` and the line."""
    lines = text.split("\n")
    line_no = next((i for i, line in enumerate(lines) if line.strip()), None)
    if line_no is None:
        raise InputError("empty input", source=source)
    match = _HEADER.match(lines[line_no])
    if not match:
        raise InputError("expected a header line ' date YYYY-MM-DD <title>'", source=source, line=line_no + 1)
    raw_date, title = match.group(1), match.group(2).strip()
    try:
        published = date.fromisoformat(raw_date).isoformat()
    except ValueError:
        raise InputError(f"{raw_date!r} is not an ISO date (YYYY-MM-DD)", source=source, line=line_no + 1) from None
    body = "\n".join(lines[line_no + 1 :]).strip()
    if not body:
        raise InputError("the article has a header but no text", source=source, line=line_no + 2)
    return Article(
        published=published,
        title=title or None,
        text=body,
        origin=None if source.startswith("<") else source,
        language=guess_language(body) or "en",
    )

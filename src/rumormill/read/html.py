"""HTML pages: main text, title, date and site name, extracted with trafilatura."""

from __future__ import annotations

from ..errors import InputError
from ..model import Article
from ._bytes import check_not_binary
from .dates import to_iso_date
from .language import guess_language

# A page whose main text has fewer words than this is a menu, an error page or a stub.
MIN_WORDS = 8


def parse_html(data: bytes | str, source: str, url: str | None = None) -> Article:
    """One `Article` from an HTML page. Raises `InputError` when no article text is found."""
    import trafilatura  # imported here: it costs ~0.3 s and only HTML needs it

    if isinstance(data, bytes):
        if not data.strip():
            raise InputError("empty input", source=source)
        check_not_binary(data, source)
    elif not data.strip():
        raise InputError("empty input", source=source)
    document = trafilatura.bare_extraction(
        data, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    title = getattr(document, "title", None)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and title and lines[0] == title.strip():
        lines = lines[1:]  # trafilatura keeps the <h1> headline as the first line
    # One paragraph per line in trafilatura's output; blank lines separate paragraphs here.
    text = "\n\n".join(lines)
    if len(text.split()) < MIN_WORDS:
        raise InputError(
            f"no article text found in the HTML page ({len(text.split())} words of main text)", source=source
        )
    return Article(
        origin=source,
        url=url or getattr(document, "url", None),
        outlet=getattr(document, "sitename", None) or None,
        published=to_iso_date(getattr(document, "date", None)),
        title=title.strip() if title else None,
        text=text,
        language=guess_language(text) or "en",
    )


def read_html(data: bytes, source: str):
    yield parse_html(data, source)

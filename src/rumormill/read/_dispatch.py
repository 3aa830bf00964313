"""Temporary: dated and plain text only (the full reader set follows)."""

from __future__ import annotations

from pathlib import Path

from ..model import Article
from .dated import looks_dated, parse_dated


def read(path):
    text = Path(path).read_text(encoding="utf-8")
    if looks_dated(text):
        yield parse_dated(text, source=str(path))
    else:
        yield Article(text=text.strip())

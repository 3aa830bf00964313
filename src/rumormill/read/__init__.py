"""Readers: turn files, directories, globs and streams into `Article`s.

Each format module parses one kind of input and raises `InputError` (naming the input and
the line) on bad input: `text` (plain and dated text), `jsonl`, `html`.
"""

from __future__ import annotations

from ._dispatch import FORMATS, format_of, read, read_stream
from .html import parse_html
from .jsonl import parse_record
from .text import parse_text

__all__ = ["FORMATS", "format_of", "parse_html", "parse_record", "parse_text", "read", "read_stream"]

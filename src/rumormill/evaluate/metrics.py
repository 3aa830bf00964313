"""Precision, recall and F1, and the span comparisons the scorers share."""

from __future__ import annotations

import re

# Counts and read_jsonl live beside the trainers' code, which uses them too; imported here for the scorers.
from ..labelled import Counts, read_jsonl

__all__ = ["Counts", "exact_match", "overlap_match", "read_jsonl", "trim"]

_TOKEN = re.compile(r"\w+", re.UNICODE)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Boundaries without surrounding whitespace and punctuation (for "exact" matching)."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return (start, end)


def exact_match(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    return trim(text, *a) == trim(text, *b)


def overlap_match(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when the spans share at least one non-punctuation token."""
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    if lo >= hi:
        return False
    return any(m for m in _TOKEN.finditer(text[lo:hi]))

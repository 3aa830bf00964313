"""Precision, recall and F1, and the span comparisons the scorers share."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass
class Counts:
    """True positives against the predicted and gold totals.

    Precision and recall keep separate numerators because a span scorer counts matched
    predictions and matched gold items apart (one prediction may cover two gold items).
    """

    tp_pred: int = 0
    tp_gold: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp_pred += tp
        self.tp_gold += tp
        self.pred += pred
        self.gold += gold

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp_gold,
            "predicted": self.pred,
            "gold": self.gold,
        }


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


def read_jsonl(path) -> Iterator[dict]:
    """Records of a JSONL file; a bad line raises `InputError` naming the file and line."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8")
    except OSError as e:
        raise InputError(f"cannot open: {e.strerror}", source=str(path)) from e
    with handle:
        for n, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"not valid JSON: {e.msg}", source=str(path), line=n) from e

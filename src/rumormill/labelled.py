"""Labelled data, as the trainers and the scorers both read it: JSONL records, and the
per-class report of a classification. Here, not in `evaluate/`, so that the product's
trainers do not import its scorers."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError, InputError


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


def classification(gold: list[str], predicted: list[str], labels: tuple[str, ...]) -> dict:
    """Macro-F1, accuracy, per-class precision/recall/F1 and the confusion table (gold -> predicted)."""
    per_class = {}
    for label in labels:
        counts = Counts()
        for g, p in zip(gold, predicted, strict=True):
            counts.add(int(g == p == label), int(p == label), int(g == label))
        per_class[label] = counts.to_dict()
    correct = sum(g == p for g, p in zip(gold, predicted, strict=True))
    return {
        "macro_f1": round(sum(c["f1"] for c in per_class.values()) / len(labels), 4),
        "accuracy": round(correct / len(gold), 4) if gold else 0.0,
        "per_class": per_class,
        "confusion": {g: dict(Counter(p for gg, p in zip(gold, predicted, strict=True) if gg == g)) for g in labels},
    }


def selective(gold: list[str], predicted: list[str], *, abstain: str) -> dict:
    """How a classifier that may abstain (predict `abstain`) does where it commits: `precision`,
    the share of its committed predictions that are right, and `coverage`, the share of all
    items it committed on, with both counts."""
    committed = [(g, p) for g, p in zip(gold, predicted, strict=True) if p != abstain]
    right = sum(g == p for g, p in committed)
    return {
        "precision": round(right / len(committed), 4) if committed else 0.0,
        "coverage": round(len(committed) / len(gold), 4) if gold else 0.0,
        "shown": len(committed),
        "right": right,
    }


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


def read_sheet(path) -> tuple[dict, list[dict]]:
    """A judged claim-thread sheet (`quality/labels/threads-*.jsonl`): its header line and its
    thread lines."""
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    if not rows or not rows[0].get("header"):
        raise ConfigError(f"{path}: a judged-thread sheet starts with its header line")
    return rows[0], rows[1:]

"""Score time expressions against TimeML data (TempEval-3 schema), as TempEval-3 does.

    >>> from rumormill.evaluate.times import evaluate
    >>> evaluate("shared/data/tempeval3-timeml/tempeval3.jsonl", split="test")["metrics"]["value"]["f1"]

Each document goes through the real pipeline, `rumormill.analyze_many`, with the gold
document creation time (`dct`) as the publication date; `analysis.times` is compared with
the gold `timexes`:

- extraction, strict: the same boundaries (surrounding punctuation ignored, as TimeML
  files sometimes hold "next week." with its full stop);
- extraction, relaxed: overlapping spans, matched one to one (largest overlap first);
- value: a relaxed match whose value equals the gold value (TempEval-3's "value" score);
- type: a relaxed match whose kind equals the gold type (DATE, TIME, DURATION, SET).
"""

from __future__ import annotations

from datetime import date

from ..model import Article, TimeRef
from .metrics import Counts, exact_match, overlap_match, read_jsonl

TASK = "times"


def evaluate(path, split: str | None = None, limit: int | None = None) -> dict:
    """Precision, recall and F1 of time extraction and normalisation on a TempEval-3 JSONL file."""
    import rumormill

    records = [r for r in read_jsonl(path) if split is None or r.get("split") == split]
    if limit is not None:
        records = records[:limit]
    articles = (Article(text=r["text"], published=dct_date(r)) for r in records)
    counts = {name: Counts() for name in ("strict", "relaxed", "value", "type")}
    for record, analysis in zip(records, rumormill.analyze_many(articles), strict=False):
        add(counts, record["text"], analysis.times, record.get("timexes", []))
    return {
        "task": TASK,
        "n": len(records),
        "metrics": {
            "extraction": {"strict": counts["strict"].to_dict(), "relaxed": counts["relaxed"].to_dict()},
            "value": counts["value"].to_dict(),
            "type": counts["type"].to_dict(),
        },
    }


def dct_date(record: dict) -> str | None:
    """The document creation time as an ISO date ("1998-08-07T10:35" -> "1998-08-07"), or None."""
    value = (record.get("dct") or {}).get("value") or ""
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def add(counts: dict[str, Counts], text: str, predicted: list[TimeRef], gold: list[dict]) -> None:
    """Add one document's comparison to `counts` (keys: strict, relaxed, value, type)."""
    spans = [(t.span.start, t.span.end) for t in predicted]
    gold_spans = [(g["start"], g["end"]) for g in gold]
    strict = sum(1 for g in gold_spans if any(exact_match(text, g, p) for p in spans))
    counts["strict"].add(strict, len(spans), len(gold_spans))
    pairs = match_one_to_one(text, spans, gold_spans)
    counts["relaxed"].add(len(pairs), len(spans), len(gold_spans))
    same_value = sum(
        1 for i, j in pairs if predicted[i].value is not None and predicted[i].value == gold[j].get("value")
    )
    counts["value"].add(same_value, len(spans), len(gold_spans))
    same_type = sum(1 for i, j in pairs if predicted[i].kind.upper() == gold[j].get("type"))
    counts["type"].add(same_type, len(spans), len(gold_spans))


def match_one_to_one(text: str, predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pairs (predicted index, gold index) of overlapping spans, each used once, largest overlap first."""
    options = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            if overlap_match(text, p, g):
                options.append((min(p[1], g[1]) - max(p[0], g[0]), i, j))
    pairs, used_p, used_g = [], set(), set()
    for _, i, j in sorted(options, key=lambda o: (-o[0], o[1], o[2])):
        if i not in used_p and j not in used_g:
            pairs.append((i, j))
            used_p.add(i)
            used_g.add(j)
    return pairs

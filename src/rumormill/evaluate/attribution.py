"""Score quotes and claims against PolNeAR attributions (source, cue, content spans).

    >>> from rumormill.evaluate import attribution
    >>> attribution.evaluate("../shared/data/polnear-attribution/polnear.jsonl", split="dev")["metrics"]["cue"]
    {'exact': {...}, 'overlap': {...}}

What is compared:

- Gold: each record's `attributions`; an attribution has `cues`, `sources` and `contents`
  span lists (`attribution_no_source` has no source). A role with several pieces is compared
  as the span covering all its pieces (first start to last end).
- Predicted: the real pipeline (`rumormill.analyze_many`) over `Article(text=record["text"],
  published=record["publication_date"])`. The items are the quotes, plus the claims that have
  a cue or a source other than `none`, except claims built from a quote (the quote stands for
  them). An item's cue is its cue span; its source is the source span unless the source kind
  is `reports` or `none` (unattributed: no source words, as in `attribution_no_source`); its
  content is the quote span or the claim span. A partial quote inside a claim with the
  same cue is part of that claim, not an item. Quotes that share one cue ('"A," he said.
  "B."') are one item whose content covers all their parts, as PolNeAR annotates them as one
  attribution with several content pieces. Items whose cue lies in one of the record's
  `discard_spans` (editor's notes, copyright lines the annotators set aside) are dropped.
- Matching, one-to-one, gold in text order: a gold attribution takes the unmatched predicted
  item whose cue overlaps its cue (`metrics.overlap_match`) the most; failing that, the one
  whose content overlaps its content the most; failing that it stays unmatched.
- Per role (cue, source, content) and mode: a matched pair is correct when both have the role
  and the spans agree: `exact` = same boundaries after trimming surrounding whitespace and
  punctuation (`metrics.exact_match`); `overlap` = at least one shared word token
  (`metrics.overlap_match`). precision = correct / predicted items that have the role;
  recall = correct / gold attributions that have the role; F1 their harmonic mean.

`n` is the number of articles scored.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Analysis, Article
from .metrics import Counts, exact_match, overlap_match, read_jsonl

ROLES = ("cue", "source", "content")
MODES = {"exact": exact_match, "overlap": overlap_match}


def _cover(spans: list[dict]) -> tuple[int, int] | None:
    if not spans:
        return None
    return (min(s["start"] for s in spans), max(s["end"] for s in spans))


def gold_items(record: dict) -> list[dict[str, tuple[int, int] | None]]:
    """The record's attributions as {role: (start, end) or None}, in text order."""
    items = []
    for attribution in record.get("attributions", []):
        items.append(
            {
                "cue": _cover(attribution.get("cues", [])),
                "source": _cover(attribution.get("sources", [])),
                "content": _cover(attribution.get("contents", [])),
            }
        )
    return sorted(items, key=lambda g: g["cue"] or g["content"] or (0, 0))


def predicted_items(analysis: Analysis, discard: Iterable[tuple[int, int]] = ()) -> list[dict]:
    """Quotes and attributed claims of an Analysis as {role: (start, end) or None}."""
    discard = list(discard)

    def pair(span):
        return (span.start, span.end) if span is not None else None

    def source_of(source):
        return pair(source.span) if source.kind not in ("reports", "none") else None

    items = []
    by_cue: dict = {}
    # a partial quote inside a claim of its own cue ('she said they were "just friends"') is a
    # piece of that claim's content, as PolNeAR annotates it, not an attribution of its own
    claimed = {(pair(c.cue), c.span.start, c.span.end) for c in analysis.claims if c.quote is None and c.cue}
    for quote in analysis.quotes:
        key = pair(quote.cue)
        if any(
            cue == key and _overlap_size((lo, hi), pair(quote.span)) * 2 > len(quote.span.text)
            for cue, lo, hi in claimed
        ):
            continue
        if key is not None and key in by_cue:
            # parts of one quote that share a cue are one attribution, as in PolNeAR,
            # whose content then has several pieces
            item = by_cue[key]
            item["content"] = (min(item["content"][0], quote.span.start), max(item["content"][1], quote.span.end))
            continue
        item = {"cue": key, "source": source_of(quote.speaker), "content": pair(quote.span)}
        items.append(item)
        if key is not None:
            by_cue[key] = item
    for claim in analysis.claims:
        if claim.quote is not None:
            continue
        if claim.cue is None and claim.source.kind == "none":
            continue
        items.append({"cue": pair(claim.cue), "source": source_of(claim.source), "content": pair(claim.span)})

    def discarded(item):
        anchor = item["cue"] or item["content"]
        return any(lo <= anchor[0] < hi for lo, hi in discard)

    return [item for item in items if not discarded(item)]


def _overlap_size(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int:
    if a is None or b is None:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(text: str, gold: list[dict], predicted: list[dict]) -> list[tuple[dict, dict | None]]:
    """Pairs (gold, predicted or None), one-to-one: by cue overlap, else by content overlap."""
    free = list(range(len(predicted)))
    pairs = []
    for g in gold:
        chosen = None
        for role in ("cue", "content"):
            if g[role] is None:
                continue
            best, best_size = None, 0
            for i in free:
                p = predicted[i][role]
                if p is not None and overlap_match(text, g[role], p):
                    size = _overlap_size(g[role], p)
                    if size > best_size:
                        best, best_size = i, size
            if best is not None:
                chosen = best
                break
        if chosen is not None:
            free.remove(chosen)
        pairs.append((g, predicted[chosen] if chosen is not None else None))
    return pairs


def score(records: Iterable[dict], analyses: Iterable[Analysis]) -> dict:
    """Metrics for records and their analyses (same order); see the module docstring."""
    records = list(records)
    return score_items(
        records,
        (predicted_items(analysis, discard_of(record)) for record, analysis in zip(records, analyses, strict=False)),
    )


def discard_of(record: dict) -> list[tuple[int, int]]:
    """The record's `discard_spans` as (start, end) pairs."""
    return [(s["start"], s["end"]) for s in record.get("discard_spans", []) or []]


def score_items(records: Iterable[dict], predictions: Iterable[list[dict]]) -> dict:
    """Metrics for records and, for each, its predicted items ({role: (start, end) or None},
    already without discarded ones); the matching and counting of `score`."""
    counts = {role: {mode: Counts() for mode in MODES} for role in ROLES}
    n = 0
    for record, predicted in zip(records, predictions, strict=False):
        n += 1
        text = record["text"]
        gold = gold_items(record)
        pairs = match(text, gold, predicted)
        for role in ROLES:
            n_gold = sum(1 for g in gold if g[role] is not None)
            n_pred = sum(1 for p in predicted if p[role] is not None)
            for mode, same in MODES.items():
                correct = sum(
                    1
                    for g, p in pairs
                    if p is not None and g[role] is not None and p[role] is not None and same(text, g[role], p[role])
                )
                counts[role][mode].add(correct, n_pred, n_gold)
    return {
        "task": "attribution",
        "n": n,
        "metrics": {role: {mode: c.to_dict() for mode, c in by_mode.items()} for role, by_mode in counts.items()},
    }


def load(path, split: str | None = None, limit: int | None = None) -> list[dict]:
    """PolNeAR records, optionally of one `original_split` (or several, comma-separated)."""
    wanted = set(split.split(",")) if split else None
    records = []
    for record in read_jsonl(path):
        if wanted and record.get("original_split") not in wanted:
            continue
        records.append(record)
        if limit is not None and len(records) >= limit:
            break
    return records


def article_of(record: dict) -> Article:
    return Article(
        text=record["text"],
        published=(record.get("publication_date") or None),
        outlet=record.get("publisher"),
        language="en",
    )


def evaluate(path, split: str | None = None, limit: int | None = None) -> dict:
    """Run the pipeline over PolNeAR records and score its attributions.

    Args:
        path: a PolNeAR-schema JSONL file.
        split: PolNeAR's `original_split` to keep ("train", "dev", "test", or "dev,test").
        limit: score at most this many articles (after the split filter).
    """
    from ..analyze import analyze_many, learned

    records = load(path, split=split, limit=limit)
    analyses = analyze_many(article_of(r) for r in records)
    result = score(records, analyses)
    # what was scored, and by what: the learned model is trained on PolNeAR's train split
    result["split"] = split or "all"
    result["learned_attribution"] = learned.mode()
    return result

"""Score hedge detection against the Szeged Uncertainty Corpus (CoNLL-2010 task 1 style).

    >>> from rumormill.evaluate.hedging import evaluate
    >>> evaluate("shared/data/szeged-uncertainty/sentences.jsonl", domain="news_factbank")["metrics"]

Each sentence goes through the pipeline's spaCy model on its own and `find_hedges(doc[:])`:

- per domain and overall, sentence level: a sentence is predicted uncertain when at least one
  hedge is found in it, and compared with the gold `uncertain` flag;
- `cues` and `cue_overlap_f1`: predicted hedge spans against gold cue spans, a pair matching
  when they share a word (`metrics.overlap_match`), each span used at most once.

Hedge types are not scored: Szeged has no `reportative` type, and it calls the "investigation"
cues (`whether`) a type of their own where rumormill says `epistemic`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..analyze.hedging import find_hedges
from ..model import Hedge
from .metrics import Counts, overlap_match, read_jsonl

TASK = "hedging"
# Sentences are short (about 25 tokens): batches this size keep the parser busy without
# holding more than a few MB of Docs.
BATCH_SIZE = 256
# Components that find_hedges does not read (it uses tags, lemmas and the parse); leaving them
# out makes a full run about a fifth faster.
UNUSED_COMPONENTS = ("ner",)


def evaluate(path, domain: str | None = None, limit: int | None = None) -> dict:
    """Sentence-level and cue-level precision, recall and F1 on a Szeged-schema JSONL file.

    Args:
        path: the JSONL file (`szeged-uncertainty/sentences.jsonl`).
        domain: only sentences whose domain is this or starts with it ("news_factbank",
            "bio" for the three biomedical parts).
        limit: score only the first N sentences (after the domain filter).

    Returns:
        `{"task": "hedging", "n": sentences, "metrics": {<domain>: {precision, recall, f1, ...},
        ..., "overall": {...}, "cues": {...}, "cue_overlap_f1": float}}`.
    """
    records = [r for r in read_jsonl(path) if domain is None or r["domain"].startswith(domain)]
    if limit is not None:
        records = records[:limit]
    sentences: dict[str, Counts] = {}
    overall, cues = Counts(), Counts()
    for record, hedges in zip(records, _hedges_per_sentence(r["text"] for r in records), strict=False):
        predicted, gold = bool(hedges), bool(record["uncertain"])
        for counts in (sentences.setdefault(record["domain"], Counts()), overall):
            counts.add(int(predicted and gold), int(predicted), int(gold))
        gold_spans = [(c["start"], c["end"]) for c in record["cues"]]
        matched = match_cues(record["text"], [(h.start, h.end) for h in hedges], gold_spans)
        cues.add(matched, len(hedges), len(gold_spans))
    metrics: dict = {name: sentences[name].to_dict() for name in sorted(sentences)}
    metrics["overall"] = overall.to_dict()
    metrics["cues"] = cues.to_dict()
    metrics["cue_overlap_f1"] = round(cues.f1, 4)
    return {"task": TASK, "n": len(records), "metrics": metrics}


def _hedges_per_sentence(texts: Iterable[str]) -> Iterable[list[Hedge]]:
    from ..analyze import nlp

    pipeline = nlp()
    disable = [name for name in UNUSED_COMPONENTS if name in pipeline.pipe_names]
    for doc in pipeline.pipe(texts, batch_size=BATCH_SIZE, disable=disable):
        yield find_hedges(doc[:])


def match_cues(text: str, predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> int:
    """How many predicted spans overlap a gold span, one to one, in text order.

    Example: predicted "is said to" and "may" against gold "may" gives 1.
    """
    used: set[int] = set()
    for span in predicted:
        for j, cue in enumerate(gold):
            if j not in used and overlap_match(text, span, cue):
                used.add(j)
                break
    return len(used)

"""PolNeAR records as parsed sentences with token-level roles, for training and scoring.

The articles are parsed once with the analysis pipeline's own spaCy model (`nlp()`) and the
parses are kept in a spaCy DocBin under a cache folder, keyed by the data file's hash and
the model, so a rerun (cross-validation, a new setting) skips the parser.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, DocBin

from ...digest import sha256_file  # noqa: F401  (re-exported for the trainers)
from ..nlp import describe, nlp


@dataclass
class GoldAttribution:
    """One gold attribution in token indices of its Doc (sets: pieces may be discontinuous)."""

    cue: set[int]
    source: set[int] = field(default_factory=set)
    content: set[int] = field(default_factory=set)


def parse(records: list[dict], cache_dir: str | Path | None, key: str, log: Callable[[str], None] = print) -> list[Doc]:
    """The records' texts parsed by the pipeline's model, read from `cache_dir` when cached."""
    pipeline = nlp()
    info = describe(pipeline)
    name = hashlib.sha256(f"{key}|{info['model']}|{info['model_version']}|{len(records)}".encode()).hexdigest()[:16]
    path = Path(cache_dir) / f"polnear-{name}.spacy" if cache_dir else None
    if path is not None and path.exists():
        docs = list(DocBin().from_disk(path).get_docs(pipeline.vocab))
        if len(docs) == len(records):
            return docs
    log(f"parsing {len(records)} articles (cached in {path})" if path else f"parsing {len(records)} articles")
    docs = list(pipeline.pipe((r["text"] for r in records), batch_size=16))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(
            attrs=["ORTH", "LEMMA", "TAG", "POS", "DEP", "HEAD", "SENT_START", "ENT_IOB", "ENT_TYPE"], docs=docs
        ).to_disk(path)
    return docs


def _char_to_token(doc: Doc) -> list[int]:
    index = [-1] * (len(doc.text) + 1)
    for token in doc:
        for c in range(token.idx, token.idx + len(token.text)):
            index[c] = token.i
    return index


def _tokens(index: list[int], spans: list[dict]) -> set[int]:
    found = set()
    for span in spans:
        for c in range(span["start"], min(span["end"], len(index) - 1)):
            if index[c] >= 0:
                found.add(index[c])
    return found


def gold_attributions(record: dict, doc: Doc) -> list[GoldAttribution]:
    """The record's attributions with a cue, as token sets of `doc`."""
    index = _char_to_token(doc)
    found = []
    for attribution in record.get("attributions", []):
        cue = _tokens(index, attribution.get("cues", []))
        if not cue:
            continue
        found.append(
            GoldAttribution(
                cue=cue,
                source=_tokens(index, attribution.get("sources", [])) - cue,
                content=_tokens(index, attribution.get("contents", [])) - cue,
            )
        )
    return found

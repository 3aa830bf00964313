"""Whether a claim states something anyone could check, learned from judged claim threads.

The rules in `propositions` name what starts no thread: a list or gallery headline, a photo's
description, a feeling, wish or perception that no one on record tells. Gossip says the same
things in endless new words ("Brad has had his eye on Jennifer for years", an insider says; "The
Most Outrageous 'Total Divas' Moments of the Week"), so beside the rules sits a model of what a
checkable claim sounds like: a logistic regression over the claim's sentence embedding (the
MiniLM vector the linking computes anyway), trained by `rumormill train checkable` on the
hand-judged thread sheets in `quality/labels/`:

- a thread's first occurrence judged no checkable claim is a negative (the judging guide marks
  a list headline, a caption, a feeling or state of mind told by an insider, an opinion, page
  furniture so);
- an occurrence judged to state its thread's checkable proposition is a positive.

The threshold keeps `KEEP` of the checkable claims, chosen by leave-one-sheet-out
cross-validation (each sheet is another stretch of dates, so each fold is coverage the model
has not seen). The artefact is JSON: weights, bias, threshold, the labels' hash and the
cross-validated figures; no pickle. It judges claims of full articles only: its examples are
GossipCop articles, and a headline alone (a feed item, Emergent) is all a reader has of it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import numpy as np

from ..artefacts import read_json_model
from ..errors import ConfigError
from ..labelled import read_sheet

FORMAT = "rumormill.checkable/1"
ARTEFACT = "checkable.json"
KEEP = 0.97  # the share of checkable claims the threshold keeps, in leave-one-sheet-out CV
C = 1.0  # the logistic regression's inverse regularisation (chosen by the same CV: 0.3-3 tie)
SHEETS = "threads-*.jsonl"


def examples(paths: list[Path]) -> tuple[list[str], list[int], list[str]]:
    """Texts, labels (1 checkable, 0 not) and sheet names from judged thread sheets; a text
    judged twice keeps its first label."""
    seen: dict[str, tuple[int, str]] = {}
    for path in paths:
        _, rows = read_sheet(path)
        for row in rows:
            occurrences = row.get("occurrences") or []
            if not occurrences or occurrences[0].get("same") is None:
                continue
            if not occurrences[0]["same"]:
                seen.setdefault(occurrences[0]["claim"], (0, path.stem))
                continue
            for o in occurrences:
                if o.get("same"):
                    seen.setdefault(o["claim"], (1, path.stem))
    texts = list(seen)
    return texts, [seen[t][0] for t in texts], [seen[t][1] for t in texts]


def sheets_in(data: str | Path) -> list[Path]:
    """The judged sheets a path names: a sheet, or a folder of `threads-*.jsonl` sheets."""
    path = Path(data)
    found = sorted(path.glob(SHEETS)) if path.is_dir() else [path]
    if not found or not all(p.is_file() for p in found):
        raise ConfigError(f"{data}: give a judged thread sheet or a folder of {SHEETS} sheets")
    return found


def train(data: str | Path, target: str | Path, log=print) -> dict:
    """Fit the model on the sheets in `data`, choose its threshold by leave-one-sheet-out CV,
    and write the artefact to `target`."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    from .. import embed
    from .propositions import EMBED_WORDS

    embed.require()
    paths = sheets_in(data)
    texts, labels, groups = examples(paths)
    y, g = np.array(labels), np.array(groups)
    if len(set(labels)) < 2 or len(set(groups)) < 2:
        raise ConfigError(f"{data}: need checkable and uncheckable examples from two sheets or more")
    log(f"{len(texts)} claims from {len(paths)} sheets, {int((y == 0).sum())} not checkable; embedding")
    x = embed.encode([" ".join(t.split()[:EMBED_WORDS]) for t in texts])

    def fit(rows):
        return LogisticRegression(C=C, max_iter=2000, class_weight="balanced").fit(x[rows], y[rows])

    held = np.zeros(len(y))
    for sheet in sorted(set(groups)):
        rows = g == sheet
        held[rows] = fit(~rows).predict_proba(x[rows])[:, 1]
    threshold = float(np.quantile(held[y == 1], 1 - KEEP))
    cv = {
        "by": "sheet",
        "folds": len(set(groups)),
        "auc": round(float(roc_auc_score(y, held)), 4),
        "threshold": round(threshold, 4),
        "checkable_kept": round(float((held[y == 1] >= threshold).mean()), 4),
        "uncheckable_removed": round(float((held[y == 0] < threshold).mean()), 4),
    }
    log(f"leave-one-sheet-out: {cv}")
    model = fit(np.ones(len(y), dtype=bool))
    digest = hashlib.sha256()
    for p in paths:
        digest.update(p.read_bytes())
    spec = {
        "format": FORMAT,
        "trained": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "data": {
            "sheets": [p.name for p in paths],
            "sha256": digest.hexdigest(),
            "claims": len(texts),
            "not_checkable": int((y == 0).sum()),
        },
        "params": {"keep": KEEP, "C": C, "embed_words": EMBED_WORDS, "embedding": embed.MODEL_PACKAGE},
        "cv": cv,
        "threshold": round(threshold, 6),
        "bias": round(float(model.intercept_[0]), 6),
        "weights": [round(float(w), 6) for w in model.coef_[0]],
    }
    Path(target).write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    return spec


@cache
def load(path: str | None = None) -> dict:
    """The artefact (the shipped one when `path` is None), read once per process."""
    spec = read_json_model(__package__, ARTEFACT, path, FORMAT, "checkable model")
    spec["_w"] = np.asarray(spec["weights"], dtype=np.float32)
    return spec


def probability(vectors: np.ndarray, spec: dict) -> np.ndarray:
    """P(checkable) of each row of unit sentence vectors."""
    z = np.asarray(vectors, dtype=np.float32) @ spec["_w"] + spec["bias"]
    return 1.0 / (1.0 + np.exp(-z))


def checkable(vectors: np.ndarray, path: str | None = None) -> np.ndarray:
    """Whether each claim (a row of unit sentence vectors) clears the model's threshold."""
    spec = load(path)
    if len(vectors) == 0:
        return np.zeros(0, dtype=bool)
    return probability(vectors, spec) >= spec["threshold"]

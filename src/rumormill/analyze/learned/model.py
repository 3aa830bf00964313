"""The learned attribution model: two CRFsuite taggers and a JSON meta, read once.

    cue tagger    BIO over the tokens of a sentence: B-C / I-C / O
    role tagger   for one cue, over the tokens of its sentence: SRC / CNT / O
    resolvers     a cue is a B-C run (with its I-C tokens); its source is the longest SRC run,
                  its content the tokens from the first CNT to the last

The artefact is three files side by side: `attribution.json` (the meta: data hash, date,
training split, parameters, cross-validated figures) and the two CRFsuite model files it
names (`attribution-cue.crfsuite`, `attribution-role.crfsuite`). No pickles.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Span as SpacySpan

from ...errors import ModelError
from .features import cue_head, role_features, token_features

SHIPPED = Path(__file__).with_name("attribution.json")


@dataclass
class Predicted:
    """One learned attribution, in token ranges `[start, end)` of the Doc."""

    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: tuple[int, int] | None
    confidence: float  # the cue tagger's mean marginal over the cue's tokens


def _runs(labels: list[str], first: str, more: str) -> list[tuple[int, int]]:
    """[start, end) positions of runs that open with `first` (or a stray `more`) and go on
    with `more`; a new `first` opens a new run unless the two labels are the same."""
    runs: list[tuple[int, int]] = []
    begin = None
    for k, label in enumerate([*labels, "O"]):
        opens = (label == first and (begin is None or first != more)) or (begin is None and label == more)
        goes_on = begin is not None and label == more and not opens
        if begin is not None and not goes_on:
            runs.append((begin, k))
            begin = None
        if opens:
            begin = k
    return runs


class Model:
    """The two taggers of one artefact; `predict(sent)` tags one sentence."""

    def __init__(self, meta_path: str | Path):
        meta_path = Path(meta_path)
        try:
            self.meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise ModelError(f"cannot read the attribution model {meta_path}: {e}") from e
        self.cue_path = meta_path.with_name(self.meta["files"]["cue"])
        self.role_path = meta_path.with_name(self.meta["files"]["role"])
        for path in (self.cue_path, self.role_path):
            if not path.exists():
                raise ModelError(f"the attribution model file {path} is missing")
        params = self.meta.get("params", {})
        # posterior decoding of cues (0.5: the best sequence alone) and the confidence a learned
        # attribution needs to be added to the rules'; both chosen on PolNeAR dev
        self.cue_threshold = float(params.get("cue_threshold", 0.5))
        self.min_confidence = float(params.get("min_confidence", 0.5))
        self._local = threading.local()  # a CRFsuite tagger is not safe across threads

    def _taggers(self):
        taggers = getattr(self._local, "taggers", None)
        if taggers is None:
            import pycrfsuite

            cue, role = pycrfsuite.Tagger(), pycrfsuite.Tagger()
            cue.open(str(self.cue_path))
            role.open(str(self.role_path))
            taggers = self._local.taggers = (cue, role)
        return taggers

    def predict(self, sent: SpacySpan, skip: set[int] | frozenset[int] = frozenset()) -> list[Predicted]:
        """The learned attributions of one sentence, in cue order; a cue that touches a token
        of `skip` (what the rules already hold) is left out before its roles are tagged."""
        if len(sent) == 0:
            return []
        cue_tagger, role_tagger = self._taggers()
        base = token_features(sent)
        labels = cue_tagger.tag(base)
        if self.cue_threshold < 0.5:
            # posterior decoding: a token the tagger gives at least `cue_threshold` of being
            # part of a cue is one, even where the best sequence says O
            for k, label in enumerate(labels):
                if label == "O" and 1.0 - cue_tagger.marginal("O", k) >= self.cue_threshold:
                    inside = k > 0 and labels[k - 1] != "O"
                    labels[k] = "I-C" if inside else "B-C"
        if "B-C" not in labels:
            return []
        found = []
        for lo, hi in _runs(labels, "B-C", "I-C"):
            if skip and any(sent.start + k in skip for k in range(lo, hi)):
                continue
            confidence = sum(cue_tagger.marginal(labels[k], k) for k in range(lo, hi)) / (hi - lo)
            cue = (sent.start + lo, sent.start + hi)
            roles = role_tagger.tag(role_features(sent, base, cue))
            sources = _runs(roles, "SRC", "SRC")
            source = max(sources, key=lambda r: r[1] - r[0]) if sources else None
            content_at = [k for k, label in enumerate(roles) if label == "CNT"]
            content = (content_at[0], content_at[-1] + 1) if content_at else None
            found.append(
                Predicted(
                    cue=cue,
                    source=(sent.start + source[0], sent.start + source[1]) if source else None,
                    content=(sent.start + content[0], sent.start + content[1]) if content else None,
                    confidence=confidence,
                )
            )
        return found


@cache
def load(path: str | None = None) -> Model:
    """The model at `path` (its meta JSON), else the one shipped in the package; read once."""
    return Model(path or SHIPPED)


__all__ = ["Model", "Predicted", "SHIPPED", "cue_head", "load"]

"""The shipped credibility model: load the artefact, score an Analysis, explain the score.

The model is logistic: a weighted sum of standardised features (features.py), one of which is
the logit of a bag-of-words model. Its logit was calibrated by Platt scaling on
cross-validated logits (train.py); Platt scaling is linear in the logit, so it is folded into
the weights here and

    logit = base + sum(factor.contribution),    score = 1 / (1 + exp(-logit))

holds exactly: each factor's contribution is its share of the calibrated logit, measured from
an average training article (the base). The artefact is JSON (no pickle), read once.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import ModelError
from ..model import Analysis, Credibility, Factor, Span
from .features import NAMES, extract, headline

FORMAT = "rumormill.credibility/1"
ARTEFACT = "credibility.json"
# Tokens as scikit-learn's default token_pattern finds them, matched on the original text so
# that each one keeps its character offsets (lower-cased after matching).
TOKEN = re.compile(r"(?u)\b\w\w+\b")
TOP_TERMS = 6
# The bag of words reads this many characters of the body: the training texts were capped
# there (GossipCop's 10,000), and it bounds the scoring time of very long pages.
TEXT_CHARS = 10_000


def ngrams(text: str) -> list[str]:
    """The unigrams and bigrams of a text, lower-cased."""
    words = [w.lower() for w in TOKEN.findall(text)]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def terms(text: str, title: str | None = None) -> list[str]:
    """The bag-of-words model's terms: the body's n-grams, and the headline's (without the
    outlet's name) marked with "t:" so that a word weighs differently in the headline."""
    return ngrams(text) + ["t:" + t for t in ngrams(headline(title))]


@dataclass
class TextModel:
    """TF-IDF (sublinear tf, l2 norm) over word 1-2-grams, and logistic-regression weights."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray
    intercept: float

    def logit(self, text: str, title: str | None = None) -> tuple[float, dict[str, float]]:
        """The model's logit for an article, and each term's part of it (without the intercept)."""
        counts = Counter(t for t in terms(text[:TEXT_CHARS], title) if t in self.vocabulary)
        if not counts:
            return self.intercept, {}
        found = list(counts)
        index = np.fromiter((self.vocabulary[t] for t in found), dtype=np.int64, count=len(found))
        weight = (1.0 + np.log(np.fromiter(counts.values(), dtype=float, count=len(found)))) * self.idf[index]
        weight /= np.sqrt(np.dot(weight, weight))
        parts = weight * self.coef[index]
        return self.intercept + float(parts.sum()), dict(zip(found, parts.tolist(), strict=True))

    def to_dict(self) -> dict:
        return {
            "terms": sorted(self.vocabulary, key=self.vocabulary.get),
            "idf": [round(float(v), 5) for v in self.idf],
            "coef": [round(float(v), 5) for v in self.coef],
            "intercept": round(float(self.intercept), 6),
        }

    @classmethod
    def from_dict(cls, data: dict) -> TextModel:
        return cls(
            vocabulary={t: i for i, t in enumerate(data["terms"])},
            idf=np.asarray(data["idf"], dtype=float),
            coef=np.asarray(data["coef"], dtype=float),
            intercept=float(data["intercept"]),
        )


@dataclass
class Model:
    """A loaded artefact. `weights`, `mean` and `scale` follow `features`; `platt` = (a, b)."""

    meta: dict
    features: list[str]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    intercept: float
    platt: tuple[float, float]
    threshold: float
    text: TextModel

    @property
    def name(self) -> str:
        return self.meta.get("name", "rumormill-credibility")

    @property
    def version(self) -> str:
        return self.meta.get("version", "0")

    def to_dict(self) -> dict:
        return {
            "format": FORMAT,
            **self.meta,
            "features": self.features,
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
            "weights": [round(float(v), 6) for v in self.weights],
            "intercept": round(float(self.intercept), 6),
            "platt": [round(float(v), 6) for v in self.platt],
            "threshold": round(float(self.threshold), 6),
            "text_model": self.text.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict, source: str = "<artefact>") -> Model:
        if data.get("format") != FORMAT:
            raise ModelError(f"{source} is not a credibility model in format {FORMAT} (got {data.get('format')!r})")
        if list(data["features"]) != list(NAMES):
            raise ModelError(f"{source} was trained on features {data['features']}, this version computes {NAMES}")
        keys = ("features", "mean", "scale", "weights", "intercept", "platt", "threshold", "text_model", "format")
        return cls(
            meta={k: v for k, v in data.items() if k not in keys},
            features=list(data["features"]),
            mean=np.asarray(data["mean"], dtype=float),
            scale=np.asarray(data["scale"], dtype=float),
            weights=np.asarray(data["weights"], dtype=float),
            intercept=float(data["intercept"]),
            platt=(float(data["platt"][0]), float(data["platt"][1])),
            threshold=float(data["threshold"]),
            text=TextModel.from_dict(data["text_model"]),
        )

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), separators=(",", ":")) + "\n", encoding="utf-8")

    def raw_logit(self, x: np.ndarray) -> np.ndarray:
        """The uncalibrated logit of feature rows (None values as the mean)."""
        return self.intercept + ((x - self.mean) / self.scale) @ self.weights

    def score(self, analysis: Analysis, threads: Sequence[dict] | None = None) -> Credibility:
        """The calibrated credibility of one analysed article, with every factor explained."""
        text = analysis.article.text
        text_logit, parts = self.text.logit(text, analysis.article.title)
        found = extract(analysis, threads, text_logit)
        a, b = self.platt
        factors = []
        for i, feature in enumerate(found):
            value = self.mean[i] if feature.value is None else feature.value
            contribution = a * self.weights[i] * (value - self.mean[i]) / self.scale[i]
            evidence, note = feature.evidence, feature.note
            if feature.name == "text_model":
                evidence = _term_spans(text, parts, sign=1 if contribution >= 0 else -1)
                note = f"bag-of-words logit {text_logit:+.2f}; strongest words: " + ", ".join(
                    repr(s.text) for s in evidence[:3]
                )
            factors.append(
                Factor(
                    name=feature.name,
                    value=None if feature.value is None else round(float(feature.value), 6),
                    contribution=float(contribution),
                    evidence=evidence,
                    note=note,
                )
            )
        base = a * self.intercept + b
        logit = base + sum(f.contribution for f in factors)
        factors.sort(key=lambda f: -abs(f.contribution))
        score = 1.0 / (1.0 + math.exp(-logit))
        return Credibility(
            score=score,
            label="credible" if score >= self.threshold else "doubtful",
            logit=logit,
            base=base,
            threshold=self.threshold,
            factors=factors,
            model={"name": self.name, "version": self.version},
        )


def _term_spans(text: str, parts: dict[str, float], sign: int) -> list[Span]:
    """The first occurrence of each of the terms that push the bag-of-words logit hardest in
    the direction of `sign`."""
    # headline terms ("t:...") have no span in the text, which is all that evidence may point at
    body = (t for t in parts if parts[t] * sign > 0 and not t.startswith("t:"))
    top = sorted(body, key=lambda t: -abs(parts[t]))[:TOP_TERMS]
    if not top:
        return []
    found: dict[str, Span] = {}
    wanted = set(top)
    text = text[:TEXT_CHARS]  # what the bag of words read; offsets stay those of the whole text
    words = [w.lower() for w in TOKEN.findall(text)]
    # the token indices where each wanted term first starts; positions only for those
    first: dict[str, int] = {}
    for i, word in enumerate(words):
        if word in wanted and word not in first:
            first[word] = i
        if i + 1 < len(words) and (pair := f"{word} {words[i + 1]}") in wanted and pair not in first:
            first[pair] = i
        if len(first) == len(wanted):
            break
    if first:
        last = max(first.values()) + 1
        matches = [m for _, m in zip(range(last + 1), TOKEN.finditer(text), strict=False)]
        for term, i in first.items():
            end = matches[i + 1].end() if " " in term else matches[i].end()
            found[term] = Span.of(text, matches[i].start(), end)
    return [found[t] for t in top if t in found]


def load(path: str | Path | None = None) -> Model:
    """The model in `path`, or the one shipped in the package."""
    if path is None:
        return shipped()
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"no credibility model at {path}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ModelError(f"{path} is not a credibility model (not JSON: {e})") from None
    return Model.from_dict(data, str(path))


def default() -> Model:
    """The model the analysis scores with: the `credibility_model` setting's file, else the shipped one."""
    from .. import settings

    path = settings.get("credibility_model")
    return _load_cached(str(Path(path).expanduser().resolve())) if path else shipped()


@cache
def _load_cached(path: str) -> Model:
    return load(path)


@cache
def shipped() -> Model:
    """The model that ships in the package, loaded once."""
    resource = resources.files(__package__).joinpath(ARTEFACT)
    if not resource.is_file():
        raise ModelError(
            f"the package has no credibility model ({ARTEFACT}); train one with rumormill train credibility"
        )
    return Model.from_dict(json.loads(resource.read_text(encoding="utf-8")), ARTEFACT)

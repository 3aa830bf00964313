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
from . import masking
from .features import NAMES, extract, headline

FORMAT = "rumormill.credibility/2"
ARTEFACT = "credibility.json"
# Tokens as scikit-learn's default token_pattern finds them (the plain bag-of-words baseline).
TOKEN = re.compile(r"(?u)\b\w\w+\b")
TOP_TERMS = 6
_WORDS = re.compile(r"\w\w")
# The bag of words reads this many characters of the body: the training texts were capped
# there (GossipCop's 10,000), and it bounds the scoring time of very long pages.
TEXT_CHARS = 10_000


def ngrams(words: list[str]) -> list[str]:
    """The unigrams and bigrams of a list of words."""
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def terms(text: str, title: str | None = None) -> list[str]:
    """The plain bag of words (the baseline): the body's lower-cased word 1-2-grams, and the
    headline's (without the outlet's name) marked with "t:" so that a word weighs differently
    in the headline. Names and all: this is what the model's own text part must not be."""
    return ngrams([w.lower() for w in TOKEN.findall(text)]) + [
        "t:" + t for t in ngrams([w.lower() for w in TOKEN.findall(headline(title))])
    ]


def title_spans(title: str, entities) -> list[tuple[int, int, str]]:
    """Where the headline names the body's entities (the headline itself is not analysed)."""
    spans = []
    for entity in entities:
        placeholder = masking.KINDS.get(entity.kind, masking.NAME)
        names = {m.text for m in entity.mentions if m.type in ("name", "alias")} | {entity.name}
        for name in names:
            if len(name) < 2:
                continue
            start = title.find(name)
            while start >= 0:
                end = start + len(name)
                if (start == 0 or not title[start - 1].isalnum()) and (end == len(title) or not title[end].isalnum()):
                    spans.append((start, end, placeholder))
                start = title.find(name, end)
    return spans


@dataclass
class Document:
    """What the text model reads of one article: the body's masked tokens with their offsets,
    and the headline's masked terms."""

    tokens: list[tuple[str, int, int]]
    title: list[str]

    def terms(self) -> list[str]:
        return ngrams([t for t, _, _ in self.tokens]) + ["t:" + t for t in ngrams(self.title)]


def document(analysis: Analysis, common: frozenset[str], own_url: str | None = None) -> Document:
    """The masked document of an analysed article (masking.py). `own_url` stands in for the
    article's URL where the article no longer carries it (training data)."""
    article = analysis.article
    own = masking.own_outlet(article.outlet, article.url or own_url)
    text = article.text[:TEXT_CHARS]
    body = masking.masked_tokens(text, common, masking.entity_spans(analysis.entities), own)
    title = headline(article.title)
    heading = masking.masked(title, common, title_spans(title, analysis.entities), own) if title else []
    return Document(body, heading)


@dataclass
class TextModel:
    """TF-IDF (sublinear tf, l2 norm) over masked word 1-2-grams, and logistic-regression
    weights; `common` is the list of ordinary words the masking keeps (masking.py)."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray
    intercept: float
    common: frozenset[str] = frozenset()

    def logit(self, doc: Document) -> tuple[float, dict[str, float]]:
        """The model's logit for an article, and each term's part of it (without the intercept)."""
        counts = Counter(t for t in doc.terms() if t in self.vocabulary)
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
            "common_words": sorted(self.common),
        }

    @classmethod
    def from_dict(cls, data: dict) -> TextModel:
        return cls(
            vocabulary={t: i for i, t in enumerate(data["terms"])},
            idf=np.asarray(data["idf"], dtype=float),
            coef=np.asarray(data["coef"], dtype=float),
            intercept=float(data["intercept"]),
            common=frozenset(data.get("common_words", ())),
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
        doc = document(analysis, self.text.common)
        text_logit, parts = self.text.logit(doc)
        found = extract(analysis, threads, text_logit)
        a, b = self.platt
        factors = []
        for i, feature in enumerate(found):
            value = self.mean[i] if feature.value is None else feature.value
            contribution = a * self.weights[i] * (value - self.mean[i]) / self.scale[i]
            evidence, note = feature.evidence, feature.note
            if feature.name == "text_model":
                evidence = _term_spans(analysis.article.text, doc, parts, sign=1 if contribution >= 0 else -1)
                note = f"text model logit {text_logit:+.2f} (names masked); strongest words: " + (
                    ", ".join(repr(s.text) for s in evidence[:3]) or "none"
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


def _term_spans(text: str, doc: Document, parts: dict[str, float], sign: int) -> list[Span]:
    """The first occurrence of each of the words that push the text model's logit hardest in
    the direction of `sign`. Only words are shown: a term with a name's placeholder in it, or
    one from the headline (which has no span in the text), is never a reason."""
    body = (t for t in parts if parts[t] * sign > 0 and not t.startswith("t:") and not masking.is_placeholder(t))
    top = sorted(body, key=lambda t: -abs(parts[t]))[:TOP_TERMS]
    if not top:
        return []
    wanted, found = set(top), {}
    tokens = doc.tokens
    for i, (term, start, end) in enumerate(tokens):
        if term in wanted and term not in found:
            found[term] = (start, end)
        if i + 1 < len(tokens) and (pair := f"{term} {tokens[i + 1][0]}") in wanted and pair not in found:
            if not _WORDS.search(text, end, tokens[i + 1][1]):  # no dropped name in between
                found[pair] = (start, tokens[i + 1][2])
        if len(found) == len(wanted):
            break
    return [Span.of(text, *found[t]) for t in top if t in found]


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
    from . import scoring

    if not scoring():
        return UNSCORED
    path = settings.get("credibility_model")
    return _load_cached(str(Path(path).expanduser().resolve())) if path else shipped()


class _Unscored:
    """What `default()` names while analyses are made without the credibility stage."""

    name = "none"
    version = "0"


UNSCORED = _Unscored()


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

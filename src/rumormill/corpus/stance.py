"""The stance of a text towards a claim: supports, denies, repeats, questions, or unrelated.

    >>> from rumormill.corpus.stance import predict
    >>> predict("Banksy was arrested in London", "Banksy arrest story is a hoax", kind="headline").label
    'denies'

Two models share one set of features and one artefact (`stance.json`, JSON weights, no pickle):

- `kind="body"`: an article body against a headline-like claim, trained on FNC-1;
- `kind="headline"` or `"claim"`: a short text (a headline, one claim sentence) against a short
  claim, trained on Emergent's headlines and, for "unrelated", headlines of other claims.

Each is two logistic models. The first reads only how much the text is about the claim (TF-IDF
cosines, shared words, bigrams and numbers, over the whole text, its lead and its closest
sentence) and gives P(related). The second, trained on related pairs, reads those plus cue
counts (refuting, hedging, confirming, negation, question words: rumormill's own denial and
hedge lexicons among them) in the claim, the text and the text's sentences closest to the claim,
and a bag of words of the text, and splits the related mass into supports / denies / repeats.
The claim's own words are left out of the bag: with them the model remembers claims, and on
claims it has not seen (FNC-1's train split, cross-validated by claim) its related-class
macro-F1 was 0.548 against 0.578 without them.

"questions" is a rule on top: a text the model reads as repeating the claim that asks about it
or raises doubt without denying ("Is X real?", "rumours that X", "it is unclear whether X") is
questioning it. The datasets have no such class (Emergent calls both "observing", FNC-1
"discuss"), so the rule only moves mass within that class; `evaluate/stance.py` reports how
often it fires and what the gold label was.

A second rule keeps "denies" to texts that deny the claim's proposition, not any negation (short
kinds only; a body negates something in every paragraph): a refuting word ("hoax", "denied",
"not true"), a rumour dismissed ("slams the rumours"), or a negation within five words of one of
the claim's own content words ("Tiger Woods not banned" against "Tiger Woods is serving a
suspension": the names are the claim's). A negated comment, idea or
confirmation ("hasn't made any official comments", "had no idea she was pregnant") is not a
denial. Without such grounds the denying mass goes to the likeliest other label. On Emergent's
training headlines (stances out of fold) this moved the macro-F1 from 0.717 to 0.744 (denies F1
0.720 to 0.779), and on its test split from 0.761 to 0.764.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

import numpy as np

from ..artefacts import read_json_model
from ..errors import ConfigError, ModelError

FORMAT = "rumormill.stance/1"
ARTEFACT = "stance.json"
LABELS = ("supports", "denies", "repeats", "questions", "unrelated")
RELATED = ("supports", "denies", "repeats")
Kind = Literal["body", "headline", "claim"]
KINDS = ("body", "headline", "claim")
# Bodies are read up to this many characters: FNC-1's are a median 1,800, and the claim is
# discussed near the top; a 100 kB page would only slow prediction down.
MAX_CHARS = 20_000
LEAD_SENTENCES = 2
# The questions rule reads a body's opening only: a question further down is usually a quote.
QUESTION_CHARS = 300
CLOSEST_SENTENCES = 3

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_NUMBER = re.compile(r"^\d+(?:st|nd|rd|th|m|k|bn)?$")

# Cue groups. Refuting words follow the FNC-1 baseline's list, widened with rumormill's denial
# lexicon (analyze/lexicons/denial_cues.txt, see `_cues`); hedges with its hedge lexicon.
_REFUTE = {
    "fake", "fraud", "hoax", "false", "deny", "denies", "denied", "denial", "nope", "doubt", "doubts",
    "bogus", "debunk", "debunked", "debunks", "prank", "pranks", "retract", "retracted", "retraction",
    "untrue", "myth", "satire", "satirical", "parody", "photoshopped", "fabricated", "misleading",
    "rumour", "rumor", "baseless", "unfounded", "incorrect", "dismissed", "refuted", "refutes",
}  # fmt: skip
_NEGATION = {
    "not", "no", "never", "n't", "nothing", "none", "nobody", "neither", "nor", "isn't", "wasn't", "aren't",
    "weren't", "doesn't", "didn't", "don't", "won't", "can't", "cannot", "hasn't", "haven't",
}  # fmt: skip
_HEDGE = {
    "reportedly", "allegedly", "apparently", "supposedly", "purportedly", "claims", "claimed", "claim",
    "rumours", "rumors", "rumoured", "rumored", "may", "might", "could", "possibly", "perhaps", "unconfirmed",
    "unclear", "unverified", "speculation", "report", "reports", "according", "appears", "seems", "suggests",
    "if", "whether", "believed", "thought", "said", "sources", "insider", "alleged",
}  # fmt: skip
_CONFIRM = {
    "confirmed", "confirms", "confirm", "official", "officially", "announced", "announces", "revealed",
    "reveals", "proof", "proves", "proved", "true", "indeed", "verified", "actually", "really", "now",
    "footage", "video", "photos", "shows", "showing", "arrested", "charged", "filed", "court",
}  # fmt: skip
_QUESTION_WORDS = {"is", "are", "was", "were", "did", "does", "do", "could", "can", "will", "would", "has", "have",
                   "should", "what", "why", "how", "who"}  # fmt: skip
_DOUBT_PHRASES = re.compile(
    r"\b(?:is it (?:real|true)|really\?|unclear whether|not clear whether|rumou?rs? (?:that|of|swirl)|"
    r"speculation (?:that|over|about)|questions? (?:over|about|whether)|doubts? (?:over|about|whether)|"
    r"fact or fiction|real or fake|true or false|hoax or|or a hoax|real\?|true\?)",
    re.IGNORECASE,
)
GROUPS = ("refute", "negation", "hedge", "confirm", "question")

# What grounds a denial of the claim's proposition (see the module docstring). Refuting words
# and phrases, close to the denial lexicon's verbs and predicates but inflected as headlines
# write them; "rumour" alone is not one ("Rumor: new 4-inch iPhone on the way").
_REFUTING = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|hoax\w*|fake[sd]?|faking|false(?:ly)?|untrue|debunk\w*|bogus|fabricat\w*|"
    r"myths?|satir\w*|parod\w*|pranks?|photoshop\w*|baseless|unfounded|refut\w*|retract\w*|doubts?|doubted|"
    r"doubtful|dismiss\w*|nonsense|rubbish|inaccurate|incorrect|wrong|lies|lied|lying|fiction\w*|misleading|"
    r"staged|scam|nope|no truth|never happened|probably not|put to rest|"
    r"(?:not|n't) (?:a thing|happening|real|true|the case|what it seems))\b",
    re.IGNORECASE,
)
# A rumour dismissed: "slams rumours", "shuts down reports", "laughs off the claims".
_DISMISSED = re.compile(
    r"\b(?:slam\w*|blast\w*|shut\w* down|shoots? down|shot down|quash\w*|squash\w*|kill\w*|laugh\w* off|"
    r"brush\w* off|mock\w*|makes? fun|hit\w* back|reject\w*)\b.*\b(?:rumou?rs?|claims?|reports?|speculation|"
    r"allegations?)\b",
    re.IGNORECASE,
)
_DEATH = re.compile(r"\b(?:dead|death|die[sd]?|killed|beheaded|executed|murdered)\b", re.IGNORECASE)
_NEGATORS = frozenset({"not", "no", "never", "nothing", "none", "nobody", "neither", "nor", "cannot", "without"})
# Negated, these say nothing about the claim: "has not commented", "no idea", "not yet confirmed".
_NONCOMMITTAL = (
    "comment", "respond", "reply", "replied", "confirm", "return", "reached", "available", "spoken", "speak",
    "say", "said", "clear", "known", "sure", "idea", "decided", "announced", "yet", "word", "sign", "official",
    "immediately", "elaborate", "disclose", "discuss", "address", "explain", "statement", "public", "publicly",
)  # fmt: skip
# Skipped before that check: "hasn't made any official comments", "did not give a statement".
_LIGHT_VERBS = frozenset(
    {"made", "make", "making", "give", "given", "gave", "issue", "issued", "offer", "offered", "any"}
)
_FUNCTION_WORDS = frozenset(
    "the a an of to in on at for and or is are was were be been being has have had it its this that with by as "
    "from who what which will would could may might can do does did he she they his her their them we our you "
    "your i me my after before about into over than then there so just also how why when where".split()
)
NEGATION_WINDOW = 5
_NO_COMPOUND = re.compile(r"\b(no)-(\w)", re.IGNORECASE)  # "a no-show fee" negates nothing


@cache
def _cues() -> dict[str, frozenset[str]]:
    """The cue groups, with rumormill's own denial and hedge cues added (single words only)."""
    from ..analyze import lexicons

    refute = set(_REFUTE)
    for row in lexicons.load("denial_cues"):
        if len(row) > 1 and row[1] in ("verb", "predicate") and " " not in row[0]:
            refute.add(row[0].lower())
    hedge = set(_HEDGE)
    for row in lexicons.load("hedges"):
        if len(row) > 1 and row[1] in ("reportative", "epistemic") and " " not in row[0]:
            hedge.update(w for w in row[0].lower().split("|") if not w.endswith("?"))
    return {
        "refute": frozenset(refute),
        "negation": frozenset(_NEGATION),
        "hedge": frozenset(hedge),
        "confirm": frozenset(_CONFIRM),
    }


@dataclass(frozen=True)
class StancePrediction:
    """A stance with its probability (`score`) and the probabilities of every label."""

    label: str
    score: float
    probs: dict[str, float]

    def to_dict(self) -> dict:
        return {"label": self.label, "score": self.score, "probs": self.probs}


def tokens(text: str) -> list[str]:
    """Lower-cased words, possessives and plural -s folded ("Apple's" and "apples" -> "apple")."""
    out = []
    for word in _WORD.findall(text.lower().replace("\u2019", "'")):
        if word.endswith("'s"):
            word = word[:-2]
        elif len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        if word:
            out.append(word)
    return out


def is_question(text: str) -> bool:
    """Does the text raise the claim as an open question or doubt it without denying it?"""
    stripped = text.strip()
    if "?" in stripped:
        return True
    if _DOUBT_PHRASES.search(stripped):
        return True
    first = stripped.split(maxsplit=1)[0].lower() if stripped else ""
    # Emergent strips question marks' neighbours but keeps "?"; a headline opening with an
    # auxiliary and no question mark is usually a title-case statement, so that alone is not enough.
    return first in ("whether",)


def _negator(word: str) -> bool:
    return word in _NEGATORS or word.endswith("n't")


def _stem(word: str) -> str:
    """Five letters stand for a word's inflections ("divorcing", "divorce"); shorter words as they are."""
    return word[:5]


_NONCOMMITTAL_STEMS = frozenset(_stem(w) for w in _NONCOMMITTAL)


def denies_claim(claim: str, text: str) -> bool:
    """Does the text have what it takes to deny the claim's proposition (not just any negation)?

    >>> denies_claim("Kim is pregnant", "Kim is not pregnant, her rep says")
    True
    >>> denies_claim("Rob Kardashian shared explicit photos", "His family hasn't made any official comments")
    False
    """
    if _REFUTING.search(text) or _DISMISSED.search(text):
        return True
    if _DEATH.search(claim) and re.search(r"\balive\b", text, re.IGNORECASE):
        return True  # "Hugh Hefner is alive and kicking" against "Hugh Hefner is dead"
    claimed = {_stem(w) for w in tokens(claim) if w not in _FUNCTION_WORDS and not _negator(w)}
    words = tokens(_NO_COMPOUND.sub(r"\1\2", text))
    for i, word in enumerate(words):
        if not _negator(word) or (i and words[i - 1] == "or"):  # "or not" hedges, it does not deny
            continue
        after = [w for w in words[i + 1 : i + 6] if w not in _FUNCTION_WORDS and w not in _LIGHT_VERBS]
        if after and _stem(after[0]) in _NONCOMMITTAL_STEMS:
            continue
        window = words[max(0, i - NEGATION_WINDOW) : i] + words[i + 1 : i + 1 + NEGATION_WINDOW]
        if any(_stem(w) in claimed for w in window if w not in _FUNCTION_WORDS and not _negator(w)):
            return True
    return False


def toward_claim(claim: str, text: str, label: str) -> str:
    """`label` as a stance towards the claim's proposition: "denies" only where the text can deny it
    (`denies_claim`), else "repeats"; other labels as they are. For callers that hold a label
    read from the words' certainty (a negated sentence is "denied") rather than from the claim."""
    return "repeats" if label == "denies" and not denies_claim(claim, text) else label


@dataclass
class _Text:
    """One text, read once: its words, sentences and weighted vectors."""

    words: list[str]
    content: list[str]
    sentences: list[list[str]]
    raw: str
    vector: dict[str, float] = field(default_factory=dict)
    sentence_vectors: list[dict[str, float]] = field(default_factory=list)
    lead: dict[str, float] = field(default_factory=dict)
    # What a text contributes to every pair it is in (cue counts, its bag of words), kept
    # after the first pair: a body is compared with many headlines.
    memo: dict = field(default_factory=dict)

    def once(self, key: str, compute):
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]


class Featurizer:
    """Turns (claim, text) pairs into the feature rows both models read.

    Its state is the IDF table, the stop words and the bag-of-words vocabulary, all stored in
    the artefact so that training and prediction read texts identically.
    """

    def __init__(self, idf: dict[str, float], stop: Iterable[str], vocab: Sequence[str], default_idf: float):
        self.idf = idf
        self.stop = frozenset(stop)
        self.vocab = {term: i for i, term in enumerate(vocab)}
        self.default_idf = default_idf
        self.cues = _cues()

    def read(self, text: str) -> _Text:
        raw = text[:MAX_CHARS]
        sentences = [tokens(s) for s in _SENTENCE.split(raw) if s.strip()]
        sentences = [s for s in sentences if s] or [[]]
        words = [w for s in sentences for w in s]
        content = [w for w in words if w not in self.stop]
        item = _Text(words=words, content=content, sentences=sentences, raw=raw)
        item.vector = self._weights(content)
        item.sentence_vectors = [self._weights([w for w in s if w not in self.stop]) for s in sentences]
        item.lead = self._weights([w for s in sentences[:LEAD_SENTENCES] for w in s if w not in self.stop])
        return item

    def _weights(self, words: list[str]) -> dict[str, float]:
        counts = Counter(words)
        vector = {w: (1 + math.log(n)) * self.idf.get(w, self.default_idf) for w, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {w: v / norm for w, v in vector.items()}

    def dense(self, claim: _Text, text: _Text) -> list[float]:
        """Relatedness and cue features of one pair (names in `dense_names()`)."""
        cosines = [_dot(claim.vector, s) for s in text.sentence_vectors]
        order = sorted(range(len(cosines)), key=cosines.__getitem__, reverse=True)[:CLOSEST_SENTENCES]
        close = [w for i in order if cosines[i] > 0 for w in text.sentences[i]]
        text_set, lead_set = set(text.words), {w for s in text.sentences[:LEAD_SENTENCES] for w in s}
        claim_content = set(claim.content) or set(claim.words)
        idf_total = sum(self.idf.get(w, self.default_idf) for w in claim_content) or 1.0
        bigrams = set(zip(claim.words, claim.words[1:], strict=False))
        text_bigrams = set(zip(text.words, text.words[1:], strict=False))
        numbers = {w for w in claim.words if _NUMBER.match(w)}
        row = [
            _dot(claim.vector, text.vector),
            _dot(claim.vector, text.lead),
            max(cosines, default=0.0),
            sum(sorted(cosines, reverse=True)[:CLOSEST_SENTENCES]) / CLOSEST_SENTENCES,
            len(claim_content & text_set) / len(claim_content) if claim_content else 0.0,
            len(claim_content & lead_set) / len(claim_content) if claim_content else 0.0,
            sum(self.idf.get(w, self.default_idf) for w in claim_content & text_set) / idf_total,
            len(bigrams & text_bigrams) / len(bigrams) if bigrams else 0.0,
            float(bool(numbers)),
            len(numbers & text_set) / len(numbers) if numbers else 1.0,
            math.log1p(len(text.words)),
            math.log1p(len(claim.words)),
        ]
        claim_cues = claim.once("cues", lambda: self._cue_counts(claim.words, claim.raw))
        text_cues = text.once("cues", lambda: self._cue_counts(text.words, text.raw))
        close_cues = self._cue_counts(close, "")
        lead_cues = text.once(
            "lead_cues", lambda: self._cue_counts([w for s in text.sentences[:LEAD_SENTENCES] for w in s], "")
        )
        scale = math.log1p(len(text.words)) or 1.0
        for group in GROUPS:
            c, t = claim_cues[group], text_cues[group]
            row += [
                float(c > 0),
                math.log1p(t),
                math.log1p(t) / scale,
                math.log1p(close_cues[group]),
                math.log1p(lead_cues[group]),
                float(c > 0) * math.log1p(t),
            ]
        row.append(float(text.once("question", lambda: is_question(text.raw[:QUESTION_CHARS]))))
        row.append(float(claim.once("claim_question", lambda: is_question(claim.raw))))
        return row

    def _cue_counts(self, words: list[str], raw: str) -> dict[str, int]:
        counts = {group: sum(1 for w in words if w in self.cues[group]) for group in GROUPS if group != "question"}
        counts["question"] = raw.count("?") + sum(1 for w in words[:1] if w in _QUESTION_WORDS)
        return counts

    def bag(self, text: _Text) -> dict[int, float]:
        """TF-IDF weights of the vocabulary's words and bigrams in the text."""
        return text.once("bag", lambda: self._bag(text))

    def _bag(self, item: _Text) -> dict[int, float]:
        counts = Counter(item.words)
        counts.update(" ".join(b) for b in zip(item.words, item.words[1:], strict=False))
        weights = {}
        for term, n in counts.items():
            j = self.vocab.get(term)
            if j is not None:
                weights[j] = 1 + math.log(n)
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        return {j: v / norm for j, v in weights.items()}


def dense_names() -> list[str]:
    names = [
        "cos_text", "cos_lead", "cos_max_sentence", "cos_top_sentences", "overlap", "overlap_lead",
        "overlap_idf", "overlap_bigrams", "claim_has_numbers", "numbers_found", "log_text_words",
        "log_claim_words",
    ]  # fmt: skip
    for group in GROUPS:
        names += [f"{group}_{part}" for part in ("in_claim", "text", "text_rate", "close", "lead", "both")]
    return names + ["text_is_question", "claim_is_question"]


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


class _Logistic:
    """A logistic model (binary or multinomial) over standardised dense features and a bag of words."""

    def __init__(self, spec: dict):
        self.classes = list(spec["classes"])
        self.mean = np.asarray(spec["mean"], dtype=float)
        self.scale = np.asarray(spec["scale"], dtype=float)
        self.dense = np.asarray(spec["dense"], dtype=float)  # (classes or 1, dense features)
        self.bag = np.asarray(spec.get("bag", np.zeros((len(self.dense), 0))), dtype=float)
        self.bias = np.asarray(spec["bias"], dtype=float)

    def logits(self, dense: np.ndarray, bags: list[dict[int, float]] | None) -> np.ndarray:
        z = ((dense - self.mean) / self.scale) @ self.dense.T + self.bias
        if bags is not None and self.bag.shape[1]:
            for i, bag in enumerate(bags):
                if bag:
                    idx = np.fromiter(bag.keys(), dtype=int)
                    z[i] += self.bag[:, idx] @ np.fromiter(bag.values(), dtype=float)
        return z

    def probs(self, dense: np.ndarray, bags: list[dict[int, float]] | None) -> np.ndarray:
        z = self.logits(dense, bags)
        if z.shape[1] == 1:
            p = 1 / (1 + np.exp(-z[:, 0]))
            return np.stack([1 - p, p], axis=1)
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


class StanceModel:
    """One kind's featurizer, relatedness model and stance model. `grounded`: a denial needs
    grounds in the words (`denies_claim`); off for bodies, where some negation is always near."""

    def __init__(self, spec: dict, *, grounded: bool = True):
        self.grounded = grounded
        self.featurizer = Featurizer(spec["idf"], spec["stop"], spec["vocab"], spec["default_idf"])
        self.related = _Logistic(spec["related"])
        self.stance = _Logistic(spec["stance"])
        if self.stance.classes != list(RELATED):
            raise ModelError(f"stance classes {self.stance.classes} are not {list(RELATED)}")

    def predict_many(self, pairs: Sequence[tuple[str, str]]) -> list[StancePrediction]:
        if not pairs:
            return []
        read: dict[str, _Text] = {}

        def get(text: str) -> _Text:
            if text not in read:
                read[text] = self.featurizer.read(text)
            return read[text]

        items = [(get(claim), get(text)) for claim, text in pairs]
        dense = np.array([self.featurizer.dense(c, t) for c, t in items], dtype=float)
        bags = [self.featurizer.bag(t) for _, t in items]
        p_related = self.related.probs(dense, None)[:, 1]
        p_stance = self.stance.probs(dense, bags)
        questions = [t.once("question", lambda t=t: is_question(t.raw[:QUESTION_CHARS])) for _, t in items]
        for i, (claim, text) in enumerate(pairs):
            if self.grounded and p_stance[i].argmax() == RELATED.index("denies") and not denies_claim(claim, text):
                p_stance[i] = _without_denial(p_stance[i])
        return [_prediction(p_related[i], p_stance[i], questions[i]) for i in range(len(items))]


def _without_denial(p: np.ndarray) -> np.ndarray:
    """The denying mass moved to the likeliest other label."""
    p = p.copy()
    other = max((j for j in range(len(RELATED)) if RELATED[j] != "denies"), key=p.__getitem__)
    p[other] += p[RELATED.index("denies")]
    p[RELATED.index("denies")] = 0.0
    return p


def related_label(prediction: StancePrediction) -> str:
    """The likeliest label other than unrelated, for a text known to be about the claim."""
    return max((k for k in LABELS if k != "unrelated"), key=prediction.probs.__getitem__)


def _prediction(p_related: float, p_stance: np.ndarray, question: bool) -> StancePrediction:
    probs = {label: float(p_related * p) for label, p in zip(RELATED, p_stance, strict=True)}
    probs["questions"] = 0.0
    if question:
        probs["questions"], probs["repeats"] = probs["repeats"], 0.0
    probs["unrelated"] = float(1 - p_related)
    label = max(LABELS, key=probs.__getitem__)
    return StancePrediction(label=label, score=round(probs[label], 4), probs={k: round(probs[k], 4) for k in LABELS})


@cache
def load_spec(path: str | None = None) -> dict:
    """The artefact as stored, read once per process (the shipped one when `path` is None)."""
    return read_json_model(__package__, ARTEFACT, path, FORMAT, "stance model")


@cache
def _load(path: str | None) -> dict[str, StanceModel]:
    return {name: StanceModel(model, grounded=name != "body") for name, model in load_spec(path)["models"].items()}


def metadata(path: str | None = None) -> dict:
    """The artefact's metadata (training data, date, parameters), without its weights."""
    return {k: v for k, v in load_spec(path).items() if k not in ("models", "resolution")}


def model_for(kind: str, path: str | None = None) -> StanceModel:
    if kind not in KINDS:
        raise ConfigError(f"unknown stance kind {kind!r}; choose one of: {', '.join(KINDS)}")
    return _load(path)["body" if kind == "body" else "short"]


def predict(claim: str, text: str, *, kind: Kind = "claim", model: str | None = None) -> StancePrediction:
    """The stance of `text` towards `claim`; see the module docstring for the kinds."""
    return predict_many([(claim, text)], kind=kind, model=model)[0]


def predict_many(
    pairs: Iterable[tuple[str, str]], *, kind: Kind = "claim", model: str | None = None
) -> list[StancePrediction]:
    """Stances of many (claim, text) pairs at once: each distinct text is read only once."""
    checked = []
    for n, pair in enumerate(pairs):
        claim, text = pair
        if not isinstance(claim, str) or not isinstance(text, str):
            raise ConfigError(f"stance pair {n}: claim and text must be strings")
        checked.append((claim, text))
    return model_for(kind, model).predict_many(checked)

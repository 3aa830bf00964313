"""Train the stance models and write them as one JSON artefact (`stance.json`).

    rumormill train stance --data train_stances.jsonl --bodies train_bodies.jsonl \\
        --headlines articles.jsonl --out src/rumormill/corpus/stance.json

- The body model learns from FNC-1 (`baseline_split == "train"` only: the holdout split stays a
  development set, and FNC-1's competition test set is never read).
- The short model learns from Emergent's headlines (`original_split == "train"` only; its test
  split stays unseen) with, as "unrelated", each headline paired with two other claims.

Both are logistic (scikit-learn) over `stance.Featurizer`'s rows: a binary relatedness model over
the dense features, and a multinomial supports/denies/repeats model over the dense features and
the text's bag of words, fitted on related pairs. Class weights are balanced in the stance model: disagreeing
and denying texts are rare (2% of FNC-1's pairs) and the macro-F1 counts them as much as the rest.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from ..digest import sha256_file
from ..errors import ConfigError, InputError
from ..labelled import classification, read_jsonl, selective
from . import resolution
from .emergent import MEASURES, VERDICT_TO_STATUS, VERDICTS, claims_with_occurrences
from .stance import FORMAT, RELATED, Featurizer, StanceModel, dense_names, related_label, tokens

FNC_TO_STANCE = {"agree": "supports", "disagree": "denies", "discuss": "repeats", "unrelated": "unrelated"}
EMERGENT_TO_STANCE = {"for": "supports", "against": "denies", "observing": "repeats"}
# The body model's C: claim-disjoint 3-fold cross-validation on FNC-1's train split (related
# pairs; macro-F1 0.578 at C=1, 0.570 at 0.2, 0.559 at 0.05). The short model's C was set
# beforehand. The resolution model's C and confidence thresholds are chosen at training time, by
# Emergent's claim-disjoint CV folds over its training claims: the C that shows a status for the
# most claims with, per status, the threshold from which up every threshold keeps the precision
# of the claims shown that status at `precision` or more (thresholds showing fewer than
# `min_shown` claims are not judged; a status never judged is not shown). The
# estimate model's C is the one of `estimate_grid` with the best out-of-fold macro-F1.
PARAMS = {
    "body": {"c_related": 1.0, "c_stance": 1.0, "vocab": 3000, "min_df": 3},
    "short": {"c_related": 1.0, "c_stance": 0.5, "vocab": 3000, "min_df": 2},
    "resolution": {
        "grid": (0.003, 0.01, 0.03, 0.1),
        "estimate_grid": (0.01, 0.03, 0.1, 0.3, 1.0, 3.0),
        "thresholds": (0.34, 0.99, 0.01),
        "precision": resolution.TARGET_PRECISION,
        "min_shown": 5,
    },
    "negatives_per_headline": 2,
    "seed": 13,
}

Pair = tuple[str, str, str]  # claim, text, label


def load_fnc(path, bodies_path, split: str | None = "train") -> list[Pair]:
    """FNC-1 pairs (headline, body, rumormill label) of one `baseline_split` (all when None)."""
    bodies = {}
    for record in read_jsonl(bodies_path):
        if "body_id" not in record or "body" not in record:
            raise InputError("a record lacks body_id or body (FNC-1 bodies schema)", source=str(bodies_path))
        bodies[record["body_id"]] = record["body"]
    pairs = []
    for record in read_jsonl(path):
        if split is not None and record.get("baseline_split") != split:
            continue
        if record.get("stance") not in FNC_TO_STANCE or "headline" not in record:
            raise InputError("a record lacks headline or an FNC-1 stance", source=str(path))
        if record["body_id"] not in bodies:
            raise InputError(f"body {record['body_id']} is not in {bodies_path}", source=str(path))
        pairs.append((record["headline"], bodies[record["body_id"]], FNC_TO_STANCE[record["stance"]]))
    return pairs


def load_emergent(path, split: str | None = "train") -> list[dict]:
    """Emergent articles of one `original_split` (all when None), checked for the fields used."""
    records = []
    for record in read_jsonl(path):
        if not {"claim_id", "claim_headline", "article_headline", "stance"} <= record.keys():
            raise InputError("a record lacks claim_id, claim_headline, article_headline or stance", source=str(path))
        if split is None or record.get("original_split") == split:
            records.append(record)
    return records


def emergent_pairs(records: list[dict], negatives: int, seed: int) -> list[Pair]:
    """Each headline with its claim, and with `negatives` other claims as unrelated pairs."""
    claims = sorted({r["claim_id"]: r["claim_headline"] for r in records}.items())
    rng = random.Random(seed)
    pairs = [(r["claim_headline"], r["article_headline"], EMERGENT_TO_STANCE[r["stance"]]) for r in records]
    for record in records:
        others = [
            text for cid, text in rng.sample(claims, min(len(claims), negatives + 1)) if cid != record["claim_id"]
        ]
        pairs += [(claim, record["article_headline"], "unrelated") for claim in others[:negatives]]
    return pairs


def build_featurizer(claims: Sequence[str], texts: Sequence[str], params: dict) -> tuple[Featurizer, dict]:
    """IDF over the distinct texts and claims; vocabulary: the texts' commonest words and bigrams.

    Returns the featurizer and its state as stored in the artefact."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    stop = sorted({t for w in ENGLISH_STOP_WORDS for t in tokens(w)} - {"not", "no", "nor", "never", "none"})
    distinct_claims, distinct_texts = sorted(set(claims)), sorted(set(texts))
    docs = [set(tokens(t)) for t in distinct_claims + distinct_texts]
    df = Counter(w for doc in docs for w in doc)
    n = len(docs)
    idf = {w: round(math.log((n + 1) / (d + 1)) + 1, 4) for w, d in df.items() if d >= 2}
    default_idf = round(math.log(n + 1) + 1, 4)
    vocab = _top_terms(distinct_texts, params["vocab"], params["min_df"])
    state = {"idf": idf, "stop": stop, "vocab": vocab, "default_idf": default_idf}
    return Featurizer(idf, stop, vocab, default_idf), state


def _top_terms(texts: Sequence[str], size: int, min_df: int) -> list[str]:
    df: Counter[str] = Counter()
    for text in texts:
        words = tokens(text)
        df.update(set(words) | {" ".join(b) for b in zip(words, words[1:], strict=False)})
    # Ties broken by the term itself: set order varies between runs, and so would the vocabulary.
    terms = [t for t, d in sorted(df.items(), key=lambda item: (-item[1], item[0])) if d >= min_df][:size]
    return sorted(terms)


def featurize(featurizer: Featurizer, pairs: Sequence[Pair]):
    """The dense matrix and the bag-of-words matrix of the pairs (each distinct text read once)."""
    from scipy.sparse import csr_matrix

    read: dict[str, object] = {}

    def get(text):
        if text not in read:
            read[text] = featurizer.read(text)
        return read[text]

    dense, data, rows, cols = [], [], [], []
    for i, (claim, text, _) in enumerate(pairs):
        c, t = get(claim), get(text)
        dense.append(featurizer.dense(c, t))
        for j, v in featurizer.bag(t).items():
            rows.append(i)
            cols.append(j)
            data.append(v)
    bag = csr_matrix((data, (rows, cols)), shape=(len(pairs), len(featurizer.vocab)))
    return np.array(dense, dtype=float), bag


def fit(dense: np.ndarray, bag, labels: Sequence[str], params: dict) -> dict:
    """The two logistic models as JSON-ready dicts."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    y = np.array(labels)
    absent = [label for label in (*RELATED, "unrelated") if label not in set(labels)]
    if absent:
        raise InputError(f"the training data has no {', '.join(absent)} pairs; every class needs examples")
    mean, scale = dense.mean(axis=0), dense.std(axis=0)
    scale[scale == 0] = 1.0
    z = (dense - mean) / scale
    related = LogisticRegression(C=params["c_related"], max_iter=2000)
    related.fit(z, (y != "unrelated").astype(int))
    keep = y != "unrelated"
    stance = LogisticRegression(C=params["c_stance"], max_iter=3000, class_weight="balanced")
    stance.fit(hstack([csr_matrix(z[keep]), bag[keep]]).tocsr(), y[keep])
    order = [list(stance.classes_).index(label) for label in RELATED]
    width = dense.shape[1]
    return {
        "related": _spec(["unrelated", "related"], mean, scale, related.coef_, None, related.intercept_),
        "stance": _spec(
            list(RELATED),
            mean,
            scale,
            stance.coef_[order, :width],
            stance.coef_[order, width:],
            stance.intercept_[order],
        ),
    }


def _spec(classes, mean, scale, dense, bag, bias) -> dict:
    spec = {
        "classes": classes,
        "mean": _round(mean),
        "scale": _round(scale),
        "dense": [_round(row) for row in dense],
        "bias": _round(bias),
    }
    if bag is not None:
        spec["bag"] = [_round(row) for row in bag]
    return spec


def _round(values) -> list[float]:
    return [float(f"{v:.4g}") for v in np.asarray(values, dtype=float)]


def train_kind(pairs: Sequence[Pair], params: dict) -> dict:
    """One kind's model spec (featurizer state plus both logistic models)."""
    featurizer, state = build_featurizer([p[0] for p in pairs], [p[1] for p in pairs], params)
    dense, bag = featurize(featurizer, pairs)
    return {**state, **fit(dense, bag, [p[2] for p in pairs], params)}


def train_resolution(records: list[dict]) -> dict:
    """The learned part of `resolution.resolve`: a logistic model over `resolution.features`."""
    return fit_resolution(records, out_of_fold_stances(records))


def out_of_fold_stances(records: list[dict]) -> dict[str, str]:
    """Predicted stances of Emergent headlines, each from a model that did not learn from its claim.

    The resolution model must learn from stances like those it will see: predicted, never gold,
    and not remembered. So each of Emergent's claim-disjoint CV folds gets its stances from a
    short model trained on the other nine.
    """
    predicted: dict[str, str] = {}
    for fold in sorted({r["cv_fold"] for r in records if r.get("cv_fold") is not None}):
        rest = [r for r in records if r.get("cv_fold") != fold]
        held = [r for r in records if r.get("cv_fold") == fold]
        pairs = emergent_pairs(rest, PARAMS["negatives_per_headline"], PARAMS["seed"])
        model = StanceModel(train_kind(pairs, PARAMS["short"]))
        predictions = model.predict_many([(r["claim_headline"], r["article_headline"]) for r in held])
        for record, p in zip(held, predictions, strict=True):
            predicted[record["article_id"]] = related_label(p)
    return predicted


def fit_resolution(records: list[dict], predicted: dict[str, str]) -> dict:
    """Two logistic models from each claim's occurrences (with `predicted` stances) to its verdict
    as a status, and their figures under nested claim-disjoint cross-validation (Emergent's CV
    folds: in each fold, every choice is made on the other nine folds alone, then the fold's
    claims are resolved).

    The calibrated model (no class weights) decides what is shown: the likelier of confirmed and
    denied where its probability clears the confidence threshold, else open. The estimate model
    (balanced class weights, C chosen for macro-F1) gives each claim shown open its likeliest
    verdict; a shown status is its claim's estimate. The CV figures keep the two apart: macro-F1,
    accuracy and per class score the estimates, `selective` the shown statuses."""
    kept = [r for r in records if r["article_id"] in predicted]
    claims = claims_with_occurrences(kept, predicted)
    x = np.array([resolution.features(claim, occurrences) for claim, occurrences, _ in claims])
    y = np.array([VERDICT_TO_STATUS[truth] for _, _, truth in claims])
    # per claim, whether it could be shown confirmed / denied (`resolution.showable`)
    weighed = np.array(
        [
            [resolution.showable(occurrences, claim)[s] for s in ("confirmed", "denied")]
            for claim, occurrences, _ in claims
        ]
    )
    folds = np.array(list({r["claim_id"]: r.get("cv_fold") for r in kept}.values()))
    shown, estimates = np.empty(len(y), dtype=object), np.empty(len(y), dtype=object)
    for fold in sorted(set(folds)):
        part = folds == fold
        c, threshold, _ = _choose(x[~part], y[~part], weighed[~part], folds[~part])
        shown[part] = _statuses(_fit_logistic(x[~part], y[~part], c)(x[part]), weighed[part], threshold)
        c_estimate, _ = _choose_estimate(x[~part], y[~part], folds[~part])
        likeliest = _likeliest(_fit_logistic(x[~part], y[~part], c_estimate, balanced=True)(x[part]))
        estimates[part] = np.where(shown[part] != "open", shown[part], likeliest)
    c, threshold, by_c = _choose(x, y, weighed, folds)
    c_estimate, estimate_by_c = _choose_estimate(x, y, folds)
    to_verdict = {status: verdict for verdict, status in VERDICT_TO_STATUS.items()}
    gold = [to_verdict[s] for s in y]
    report = classification(gold, [to_verdict[s] for s in estimates], VERDICTS)
    return {
        "classes": list(resolution.LEARNED),
        "features": list(resolution.FEATURES),
        "claims": len(claims),
        "c": c,
        "threshold": threshold,
        "cv": {
            "folds": len(set(folds)),
            "nested": True,
            "measures": MEASURES,
            "macro_f1": report["macro_f1"],
            "accuracy": report["accuracy"],
            "per_class": report["per_class"],
            "selective": selective(gold, [to_verdict[s] for s in shown], abstain="unknown"),
            "coverage_by_c": by_c,
            "estimate_macro_f1_by_c": estimate_by_c,
        },
        **_model_spec(*_fit_logistic(x, y, c, weights=True)),
        "estimate": {"c": c_estimate, **_model_spec(*_fit_logistic(x, y, c_estimate, weights=True, balanced=True))},
    }


def _model_spec(fitted, mean: np.ndarray, scale: np.ndarray) -> dict:
    order = [list(fitted.classes_).index(label) for label in resolution.LEARNED]
    return {
        "mean": _round(mean),
        "scale": _round(scale),
        "weights": [_round(row) for row in fitted.coef_[order]],
        "bias": _round(fitted.intercept_[order]),
    }


def _likeliest(probs: np.ndarray) -> np.ndarray:
    return np.array(resolution.LEARNED, dtype=object)[probs.argmax(axis=1)]


def _choose_estimate(x: np.ndarray, y: np.ndarray, folds: np.ndarray) -> tuple[float, dict]:
    """The estimate model's C: the best out-of-fold macro-F1 over `folds`; the smaller C on a tie."""
    to_verdict = {status: verdict for verdict, status in VERDICT_TO_STATUS.items()}
    gold = [to_verdict[s] for s in y]
    by_c = {}
    for c in PARAMS["resolution"]["estimate_grid"]:
        probs = np.zeros((len(y), len(resolution.LEARNED)))
        for fold in sorted(set(folds)):
            part = folds == fold
            probs[part] = _fit_logistic(x[~part], y[~part], c, balanced=True)(x[part])
        by_c[str(c)] = classification(gold, [to_verdict[s] for s in _likeliest(probs)], VERDICTS)["macro_f1"]
    best = max(by_c, key=lambda c: (by_c[c], -float(c)))
    return float(best), by_c


def _choose(x: np.ndarray, y: np.ndarray, weighed: np.ndarray, folds: np.ndarray) -> tuple[float, dict, dict]:
    """C and threshold from out-of-fold probabilities over `folds` (see PARAMS), with the
    coverage each C reached; the smaller C on a tie."""
    best = None
    by_c = {}
    for c in PARAMS["resolution"]["grid"]:
        probs = np.zeros((len(y), len(resolution.LEARNED)))
        for fold in sorted(set(folds)):
            part = folds == fold
            probs[part] = _fit_logistic(x[~part], y[~part], c)(x[part])
        threshold = _threshold(probs, y, weighed)
        coverage = float(np.mean(_statuses(probs, weighed, threshold) != "open"))
        by_c[str(c)] = round(coverage, 4)
        if best is None or coverage > best[2]:
            best = (c, threshold, coverage)
    return best[0], best[1], by_c


def _threshold(probs: np.ndarray, y: np.ndarray, weighed: np.ndarray) -> dict[str, float]:
    """Per status (confirmed, denied), the lowest threshold from which up every judged threshold
    keeps the precision target among the claims shown that status: each status earns its own, so
    a few wrong "confirmed" are not hidden among many right "denied" (a status never judged, or
    short of the target from the top, gets 1.0 and is not shown)."""
    settings = PARAMS["resolution"]
    start, stop, step = settings["thresholds"]
    grid = [round(float(t), 2) for t in np.arange(start, stop + step / 2, step)]
    thresholds = {}
    for status in ("confirmed", "denied"):
        chosen, judged = 1.0, False
        for threshold in reversed(grid):
            shown = _statuses(probs, weighed, {"confirmed": 1.01, "denied": 1.01, status: threshold}) == status
            if shown.sum() < settings["min_shown"]:
                chosen = threshold
                continue
            if np.mean(y[shown] == status) < settings["precision"]:
                break
            chosen, judged = threshold, True
        thresholds[status] = chosen if judged else 1.0
    return thresholds


def _statuses(probs: np.ndarray, weighed: np.ndarray, threshold: float | dict[str, float]) -> np.ndarray:
    """What `resolution.resolve` would show for each claim, as `resolution.estimate` decides it;
    `weighed` says per claim whether it could be shown confirmed and denied (two columns), or
    either (one)."""
    weighed = weighed.reshape(len(probs), -1)
    out = []
    for row, ok in zip(probs, weighed, strict=True):
        named = dict(zip(resolution.LEARNED, row, strict=True))
        status = resolution.estimate(named, threshold)
        allowed = {"confirmed": ok[0], "denied": ok[-1], "open": True}
        out.append(status if allowed[status] else "open")
    return np.array(out, dtype=object)


def _fit_logistic(x: np.ndarray, y: np.ndarray, c: float, weights: bool = False, balanced: bool = False):
    """A multinomial logistic model, without class weights so that its probabilities stay
    calibrated (with `balanced`, weighted for macro-F1 instead); returns its predict_proba over
    `resolution.LEARNED` (or, with `weights`, the fitted model and its standardisation)."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    if not weights and len(set(y)) < 2:  # a small fold with one verdict: it is certain of it
        return lambda rows: np.tile([float(label == y[0]) for label in resolution.LEARNED], (len(rows), 1))
    fitted = LogisticRegression(C=c, max_iter=3000, class_weight="balanced" if balanced else None)
    fitted.fit((x - mean) / scale, y)
    if weights:
        return fitted, mean, scale

    def predict(rows: np.ndarray) -> np.ndarray:
        probs = np.zeros((len(rows), len(resolution.LEARNED)))
        for j, p in enumerate(fitted.predict_proba((rows - mean) / scale).T):
            probs[:, resolution.LEARNED.index(fitted.classes_[j])] = p
        return probs

    return predict


def train(
    data,
    bodies,
    headlines,
    out,
    log: Callable[[str], None] = lambda _m: None,
) -> dict:
    """Train both models and write the artefact to `out`; returns the artefact's metadata."""
    if bodies is None:
        raise ConfigError("stance training needs --bodies (FNC-1 train_bodies.jsonl)")
    if headlines is None:
        raise ConfigError("stance training needs --headlines (Emergent articles.jsonl)")
    fnc = load_fnc(data, bodies, split="train")
    emergent = load_emergent(headlines, split="train")
    short = emergent_pairs(emergent, PARAMS["negatives_per_headline"], PARAMS["seed"])
    log(f"FNC-1 train split: {len(fnc)} pairs; Emergent train split: {len(emergent)} headlines")
    models = {"body": train_kind(fnc, PARAMS["body"])}
    log("body model fitted")
    models["short"] = train_kind(short, PARAMS["short"])
    log("short model fitted")
    resolver = train_resolution(emergent)
    log("resolution model fitted")
    meta = {
        "format": FORMAT,
        "version": datetime.now(UTC).strftime("%Y%m%d"),
        "trained": datetime.now(UTC).isoformat(timespec="seconds"),
        "training_data": {
            "body": {
                "file": Path(data).name,
                "sha256": sha256_file(data),
                "bodies_sha256": sha256_file(bodies),
                "split": "baseline_split=train",
                "pairs": len(fnc),
            },
            "short": {
                "file": Path(headlines).name,
                "sha256": sha256_file(headlines),
                "split": "original_split=train",
                "pairs": len(short),
            },
            "resolution": {"file": Path(headlines).name, "split": "original_split=train", "claims": resolver["claims"]},
        },
        "features": dense_names(),
        "params": PARAMS,
    }
    for model in models.values():
        StanceModel(model)  # the artefact must load before it is written
    Path(out).write_text(
        json.dumps({**meta, "models": models, "resolution": resolver}, separators=(",", ":")), encoding="utf-8"
    )
    return meta

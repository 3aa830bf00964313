"""Train the learned attribution model on PolNeAR and measure it by cross-validation.

    rumormill train attribution --data polnear.jsonl --cache .cache/attribution

Training data: the records of PolNeAR's own `train` compartment (`--split`); `dev` and
`test` stay unseen, for `rumormill eval attribution --split dev,test`. The cross-validation
splits the training articles into folds by article: each fold's two taggers are trained on
the other folds and scored end to end (cue, then roles, then spans) with the same matching
as `rumormill eval attribution`. The shipped model repeats the recipe on all training
articles.

Each gold attribution teaches the cue tagger its cue tokens (B-C, I-C) in its sentence, and
the role tagger, over the sentence of its cue, which tokens are its source (SRC) and content
(CNT). Content outside the cue's sentence is not learned: the quote finder owns
multi-sentence quotes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from pathlib import Path

from spacy.tokens import Doc

from ...errors import InputError
from ...evaluate.attribution import discard_of, load, score_items
from .data import GoldAttribution, gold_attributions, parse, sha256_file
from .features import role_features, token_features
from .model import Model

PARAMS = {
    "split": "train",
    "folds": 3,
    "seed": 0,
    # L1 keeps the model files small and drops rare features; chosen by cross-validation on train
    "cue_c1": 0.1,
    "cue_c2": 0.01,
    "role_c1": 0.1,
    "role_c2": 0.01,
    "max_iterations": 150,
    # decoding, not training: a token is a cue when the tagger gives it at least this (0.5: the
    # best sequence alone; lower thresholds traded precision for recall at the same F1 on dev)
    "cue_threshold": 0.5,
    # a learned attribution joins the rules' only at this mean cue marginal: at 0.5 the merge
    # added 4 attributed claims to the 24 gossip gold articles, 1 right (precision_kind fell
    # from 0.532 to 0.526); the right one scored 0.99, the wrong ones 0.69 to 0.81
    "min_confidence": 0.9,
}


def sequences(docs: list[Doc], golds: list[list[GoldAttribution]]):
    """(cue sequences, role sequences): lists of (features, labels) per sentence / per cue."""
    cue_seqs, role_seqs = [], []
    for doc, gold in zip(docs, golds, strict=True):
        for sent in doc.sents:
            lo, hi = sent.start, sent.end
            here = [g for g in gold if any(lo <= i < hi for i in g.cue)]
            if not any(not t.is_space for t in sent):
                continue
            base = token_features(sent)
            labels = ["O"] * len(sent)
            for g in here:
                for i in sorted(g.cue):
                    if lo <= i < hi:
                        labels[i - lo] = "I-C" if i - 1 in g.cue and labels[i - 1 - lo] != "O" else "B-C"
            cue_seqs.append((base, labels))
            for g in here:
                inside = sorted(i for i in g.cue if lo <= i < hi)
                cue = (inside[0], inside[-1] + 1)
                roles = ["O"] * len(sent)
                for i in g.source:
                    if lo <= i < hi:
                        roles[i - lo] = "SRC"
                for i in g.content:
                    if lo <= i < hi:
                        roles[i - lo] = "CNT"
                role_seqs.append((role_features(sent, base, cue), roles))
    return cue_seqs, role_seqs


def _fit(seqs, target: Path, c1: float, c2: float, iterations: int) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in seqs:
        trainer.append(xseq, yseq)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True})
    trainer.train(str(target))


def fit(docs: list[Doc], golds: list[list[GoldAttribution]], target: Path, params: dict, meta: dict) -> Model:
    """Train both taggers and write the artefact (`target` is the meta JSON)."""
    cue_seqs, role_seqs = sequences(docs, golds)
    stem = target.stem
    files = {"cue": f"{stem}-cue.crfsuite", "role": f"{stem}-role.crfsuite"}
    target.parent.mkdir(parents=True, exist_ok=True)
    _fit(cue_seqs, target.with_name(files["cue"]), params["cue_c1"], params["cue_c2"], params["max_iterations"])
    _fit(role_seqs, target.with_name(files["role"]), params["role_c1"], params["role_c2"], params["max_iterations"])
    meta = {**meta, "params": params, "files": files, "sequences": {"cue": len(cue_seqs), "role": len(role_seqs)}}
    target.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return Model(target)


def predicted_items(model: Model, doc: Doc, discard: list[tuple[int, int]]) -> list[dict]:
    """The model's attributions of a parsed article as {role: (start, end) or None} in characters."""

    def chars(r):
        return (doc[r[0]].idx, doc[r[1] - 1].idx + len(doc[r[1] - 1])) if r else None

    items = []
    for sent in doc.sents:
        for p in model.predict(sent):
            item = {"cue": chars(p.cue), "source": chars(p.source), "content": chars(p.content)}
            if not any(lo <= item["cue"][0] < hi for lo, hi in discard):
                items.append(item)
    return items


def score_model(model: Model, records: list[dict], docs: list[Doc]) -> dict:
    """`rumormill eval attribution`'s metrics for the model alone on parsed records."""
    return score_items(records, (predicted_items(model, d, discard_of(r)) for r, d in zip(records, docs, strict=True)))


def parsed(data: str | Path, split: str | None, cache_dir: str | Path | None, log: Callable[[str], None] = print):
    """(records of `split`, their parses, the data file's sha256); the whole file is parsed
    and cached once, whatever the split."""
    digest = sha256_file(data)
    if cache_dir is None:  # nothing to share with a later run: parse the split alone
        records = load(data, split=split)
        return records, parse(records, None, digest, log=log), digest
    records = load(data)
    docs = parse(records, cache_dir, digest, log=log)
    wanted = set(split.split(",")) if split else None
    keep = [k for k, r in enumerate(records) if wanted is None or r.get("original_split") in wanted]
    return [records[k] for k in keep], [docs[k] for k in keep], digest


def _mean(results: list[dict]) -> dict:
    out: dict = {}
    for role, by_mode in results[0]["metrics"].items():
        out[role] = {}
        for mode in by_mode:
            out[role][mode] = {
                k: round(sum(r["metrics"][role][mode][k] for r in results) / len(results), 4)
                for k in ("precision", "recall", "f1")
            }
    return out


_STATE: dict = {}  # what forked training processes read: the parsed docs, the gold, the params


def _fit_job(job: tuple[list[int], str, dict]) -> str:
    indices, target, meta = job
    docs, golds, params = _STATE["docs"], _STATE["golds"], _STATE["params"]
    fit([docs[i] for i in indices], [golds[i] for i in indices], Path(target), params, meta)
    return target


def train(
    data: str | Path,
    target: str | Path,
    cache_dir: str | Path | None = None,
    cross_validate: bool = True,
    params: dict | None = None,
    processes: int = 1,
    log: Callable[[str], None] = print,
) -> Model:
    """Train on `data`'s training split, cross-validate, write the artefact at `target`.

    The fold models and the final one are independent: with `processes` > 1 they train in
    that many forked processes at once.
    """
    params = {**PARAMS, **(params or {})}
    target = Path(target)
    records, docs, digest = parsed(data, params["split"], cache_dir, log)
    if not records:
        raise InputError(f"no records of split {params['split']!r} in {data}")
    golds = [gold_attributions(r, d) for r, d in zip(records, docs, strict=True)]
    meta = {
        "name": "attribution-crf",
        "version": dt.date.today().isoformat(),
        "trained": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "data": {"file": Path(data).name, "sha256": digest, "split": params["split"], "articles": len(records)},
        "params": params,
    }
    folds: list[list[int]] = []
    if cross_validate and params["folds"] > 1:
        order = list(range(len(records)))
        random.Random(params["seed"]).shuffle(order)
        folds = [order[k :: params["folds"]] for k in range(params["folds"])]
    scratch = [target.with_name(f".{target.stem}-cv{k + 1}.json") for k in range(len(folds))]
    jobs = [
        ([i for i in range(len(records)) if i not in set(held)], str(path), {})
        for held, path in zip(folds, scratch, strict=True)
    ]
    jobs.append((list(range(len(records))), str(target), meta))
    log(f"training {len(jobs)} models ({len(folds)} folds and the final one on all {len(records)} articles)")
    _STATE.update(docs=docs, golds=golds, params=params)
    try:
        if processes > 1:
            import multiprocessing

            with multiprocessing.get_context("fork").Pool(min(processes, len(jobs))) as pool:
                pool.map(_fit_job, jobs, chunksize=1)
        else:
            for job in jobs:
                _fit_job(job)
    finally:
        _STATE.clear()
    if folds:
        results = []
        for k, (held, path) in enumerate(zip(folds, scratch, strict=True)):
            result = score_model(Model(path), [records[i] for i in held], [docs[i] for i in held])
            log(f"fold {k + 1}: " + json.dumps({r: m["overlap"]["f1"] for r, m in result["metrics"].items()}))
            results.append(result)
            for suffix in ("-cue.crfsuite", "-role.crfsuite"):
                path.with_name(path.stem + suffix).unlink(missing_ok=True)
            path.unlink(missing_ok=True)
        written = json.loads(target.read_text(encoding="utf-8"))
        written["cv"] = {"folds": params["folds"], "by": "article", "metrics": _mean(results)}
        target.write_text(json.dumps(written, indent=2) + "\n", encoding="utf-8")
    return Model(target)

"""Score claim resolution on Emergent: each claim's verdict from its articles' headlines.

    >>> from rumormill.evaluate.resolution import evaluate
    >>> evaluate("shared/data/emergent-stance/articles.jsonl")["metrics"]["macro_f1"]

What rumormill would see is all it reads: the claim, each article's headline, outlet and URL.
Each headline's stance comes from the shipped stance model (`kind="headline"`), never from the
gold `stance` column, and `resolution.resolve` turns the occurrences into a status; confirmed ->
true, denied or retracted -> false, open -> unknown is then compared with `claim_truth`.

Default split: `original_split == "test"` (the claims neither model learnt from); a file
without splits is scored whole; `split="all"` scores everything. Two things are scored, and
`metrics.measures` names which is which. The **estimate** (each claim's likeliest verdict,
shown or not): accuracy, macro-F1 over true/false/unknown, per class and the confusion, with the
majority verdict's accuracy for reference. The **shown status**: `selective`, of the claims given
`confirmed` or `denied` (or `retracted`), `precision` is the share whose verdict is right and
`coverage` their share of all claims; a status is shown only where it is earned, so
`selective.precision` is what a fact-checker acting on a status meets (`shown_macro_f1` reads
every open status as "unknown", for reference). `cross_validated` adds the same two kinds of
figures from nested claim-disjoint 10-fold CV on the training claims (recorded when the models
were trained): the test split has 55 claims, so one claim moves its macro-F1 by about 0.02, and
the two figures together say more than either.
"""

from __future__ import annotations

from collections import Counter

from ..corpus import stance
from ..corpus.emergent import MEASURES, STATUS_TO_VERDICT, VERDICTS, article_key, claims_with_occurrences
from ..corpus.resolution import resolve
from ..labelled import classification, selective
from .stance import _records, _split

TASK = "resolution"


def evaluate(path, split: str | None = None, limit: int | None = None, model=None) -> dict:
    """Verdict accuracy and macro-F1 over the claims of an Emergent-schema JSONL file.

    Args:
        path: Emergent articles (`articles.jsonl`).
        split: the split to score (default: test where the file has splits); "all" for all.
        limit: only the first N claims.
        model: a stance artefact (with its resolution section) instead of the shipped one.
    """
    records = _records(path, ("claim_id", "claim_headline", "article_headline", "claim_truth"))
    records, split = _split(records, "original_split", split, "test")
    if limit is not None:
        keep = list(dict.fromkeys(r["claim_id"] for r in records))[:limit]
        records = [r for r in records if r["claim_id"] in set(keep)]
    pairs = [(r["claim_headline"], r["article_headline"]) for r in records]
    predictions = stance.predict_many(pairs, kind="headline", model=model)
    stances = {
        article_key(r, i): stance.related_label(p) for i, (r, p) in enumerate(zip(records, predictions, strict=True))
    }
    gold, estimated, shown, rules = [], [], [], Counter()
    for claim, occurrences, truth in claims_with_occurrences(records, stances):
        resolution = resolve(claim, occurrences, model=model)
        gold.append(truth)
        estimated.append(STATUS_TO_VERDICT[resolution.estimate or resolution.status])
        shown.append(STATUS_TO_VERDICT[resolution.status])
        rules[resolution.rule.split(" (")[0]] += 1
    metrics = {"measures": MEASURES, **classification(gold, estimated, VERDICTS)}
    metrics["selective"] = selective(gold, shown, abstain="unknown")
    metrics["shown_macro_f1"] = classification(gold, shown, VERDICTS)["macro_f1"]
    majority = Counter(gold).most_common(1)[0][1] / len(gold) if gold else 0.0
    metrics["majority_accuracy"] = round(majority, 4)
    meta = stance.metadata(model)
    return {
        "task": TASK,
        "schema": "emergent",
        "split": split,
        "n": len(gold),
        "articles": len(records),
        "model": {
            "format": meta.get("format"),
            "version": meta.get("version"),
            "trained_on": meta.get("training_data"),
        },
        "rules": dict(rules.most_common()),
        "metrics": metrics,
        "cross_validated": stance.load_spec(model).get("resolution", {}).get("cv"),
    }

"""Emergent's claims as rumormill's claim threads would hold them: the verdict names, and each
claim with its articles as occurrences. Shared by the resolution trainer (`train_stance.py`)
and its scorer (`evaluate/resolution.py`), so that both read the data the same way.

Emergent's journalists gave each claim a verdict, `true`, `false` or `unknown`; a thread's
status is `confirmed`, `denied` or `open` (a retraction counts as a denial)."""

from __future__ import annotations

VERDICTS = ("true", "false", "unknown")
VERDICT_TO_STATUS = {"true": "confirmed", "false": "denied", "unknown": "open"}
STATUS_TO_VERDICT = {"confirmed": "true", "denied": "false", "retracted": "false", "open": "unknown"}
# What the resolution figures measure, written beside them by the trainer and the scorer.
MEASURES = {
    "estimate": "macro_f1, accuracy, per_class: each claim's estimate (its likeliest verdict, shown or not)",
    "status": "selective: the shown statuses (confirmed or denied; a claim left open shows no verdict)",
}


def occurrence(record: dict, stance_label: str) -> dict:
    """An Emergent article as an occurrence: its headline, stance, outlet and URL; no date, no source."""
    return {
        "text": record["article_headline"],
        "stance": stance_label,
        "date": None,
        "outlet": record.get("source_domain"),
        "url": record.get("article_url"),
        "source_kind": None,
        "source_name": None,
        "certainty": None,
    }


def article_key(record: dict, index: int) -> str:
    """The record's article id, or `#index` without one."""
    return record.get("article_id") or f"#{index}"


def claims_with_occurrences(records: list[dict], stances: dict[str, str]) -> list[tuple[str, list[dict], str]]:
    """(claim, occurrences, gold verdict) per claim, claims and articles in file order.

    `stances` maps each record's `article_key` to its predicted stance.
    """
    grouped: dict[str, tuple[str, list[dict], str]] = {}
    for i, record in enumerate(records):
        claim = grouped.setdefault(record["claim_id"], (record["claim_headline"], [], record["claim_truth"]))
        claim[1].append(occurrence(record, stances[article_key(record, i)]))
    return list(grouped.values())

"""Score one-article analysis against hand-annotated gossip (`gossip-attribution-gold/`).

    >>> from rumormill.evaluate.claims import evaluate
    >>> evaluate("../shared/data/gossip-attribution-gold/gold.jsonl")["attribution"]["recall_full"]

The figures and their JSON keys are those of the dataset's reference scorer
(`tools/score_gold.py` beside the data), computed here from the real pipeline over the records
as `rumormill analyze` reads them (the JSONL reader; `article.ref` is the record's `id`):

- Gold strings are located in the Analysis's own `article.text`, whitespace-tolerant (runs of
  whitespace are one space, NFC), `occurrence` picking the n-th match. Two spans match when
  their overlap is at least half the shorter one.
- `attribution`: each gold attribution (in file order) takes the unused claim whose span
  overlaps its content the most. `recall_span` counts those whose claim has a source (kind not
  `none`), `recall_kind` those with the gold kind, `recall_full` those whose named or outlet
  source also has the gold name (equal, one inside the other, or the same last name of more
  than two letters). `precision_kind`: of the claims with a source, leaving out claims made
  from a gold quote, the share overlapping a gold attribution of the same kind.
- `certainty`: accuracy on the matched attributions that have a source, recall of `denied`
  and of `hedged` over all gold attributions.
- `quotes`: share of gold quotes some predicted quote overlaps; speaker accuracy on those
  (named: kind `named` and the name; else the kind, `unknown` also matched by `none`).
- `furniture_as_claims.rate`: share of `not_claims` strings some claim overlaps (lower is better).
- `relations_recall` (symmetric predicates either way round; `former_partner` also answers
  `former_spouse`), `ages_recall`, and `people`: `split_rate` (a person's mentions spread over
  several entities, a mention belonging to an entity whose mention overlaps it by 80%),
  `missing_rate` and `merged_pairs` (two people sharing an entity).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .metrics import read_jsonl

TASK = "claims"
_SYMMETRIC = {"spouse", "former_spouse", "partner", "former_partner", "sibling"}
_COUNTS = (
    "g_attr pred_attr m_span m_kind m_full p_ok cert_ok cert_n g_denied denied_ok g_hedged hedged_ok "
    "g_quote q_found q_speaker g_furn furn_hit g_rel rel_ok g_age age_ok g_people split merged missing"
).split()

Span = tuple[int, int]


def evaluate(path, limit: int | None = None) -> dict:
    """The reference figures for the pipeline's analyses of a gold file's articles.

    Args:
        path: a JSONL file in the schema of `gossip-attribution-gold/gold.jsonl`.
        limit: score only the first N records.
    """
    from .. import analyze_many, read

    gold = list(read_jsonl(path))
    if limit is not None:
        gold = gold[:limit]
    wanted = {record["id"] for record in gold}
    articles = [a for a in read(str(path)) if a.ref in wanted]
    analyses = [a.model_dump(mode="json") for a in analyze_many(articles)]
    result = score(gold, analyses)
    return {"task": TASK, "n": result.pop("articles"), **result}


# --- locating gold strings --------------------------------------------------------------------


class _Text:
    """An article text with a whitespace-collapsed NFC copy and its index back into the text."""

    def __init__(self, text: str):
        chars, index, prev_space = [], [], False
        for i, ch in enumerate(text):
            ch = unicodedata.normalize("NFC", ch)
            if ch.isspace():
                if prev_space:
                    continue
                ch, prev_space = " ", True
            else:
                prev_space = False
            chars.append(ch)
            index.append(i)
        self.normal, self.index = "".join(chars), index

    def locate(self, s: str | None, occurrence: int = 1) -> Span | None:
        """The `occurrence`-th place of `s` in the text, as a character range, or None."""
        if not s:
            return None
        needle = re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()
        at = -1
        for _ in range(max(1, occurrence)):
            at = self.normal.find(needle, at + 1)
            if at < 0:
                return None
        return self.index[at], self.index[at + len(needle) - 1] + 1


def overlap(a: Span | None, b: Span | None) -> float:
    """Shared characters as a share of the shorter span (0 when either is missing)."""
    if a is None or b is None:
        return 0.0
    shared = min(a[1], b[1]) - max(a[0], b[0])
    if shared <= 0:
        return 0.0
    return shared / min(a[1] - a[0], b[1] - b[0])


def name_ok(gold: str | None, predicted: str | None) -> bool:
    """Equal, one inside the other, or the same last name (of more than two letters)."""
    if not gold or not predicted:
        return False
    g, p = gold.lower().strip(), predicted.lower().strip()
    if g == p or g in p or p in g:
        return True
    last = g.split()[-1]
    return last == p.split()[-1] and len(last) > 2


def _span(item: dict) -> Span:
    return item["span"]["start"], item["span"]["end"]


# --- scoring ----------------------------------------------------------------------------------


def score(gold: Iterable[dict], analyses: Iterable[dict]) -> dict:
    """The reference figures for Analyses (as JSON dicts) against gold records."""
    gold = {record["id"]: record for record in gold}
    predicted = {a["article"].get("ref") or a["article"]["id"]: a for a in analyses}
    c = dict.fromkeys(_COUNTS, 0)
    for gid, record in gold.items():
        if gid in predicted:
            _score_article(record, predicted[gid], c)
    missing = [gid for gid in gold if gid not in predicted]
    recall_full = _ratio(c["m_full"], c["g_attr"]) or 0.0
    precision = _ratio(c["p_ok"], c["pred_attr"]) or 0.0
    return {
        "articles": len(gold) - len(missing),
        "missing_articles": missing,
        "attribution": {
            "gold": c["g_attr"],
            "predicted": c["pred_attr"],
            "recall_span": _ratio(c["m_span"], c["g_attr"]),
            "recall_kind": _ratio(c["m_kind"], c["g_attr"]),
            "recall_full": recall_full,
            "precision_kind": precision,
            "f1": round(2 * precision * recall_full / (precision + recall_full), 4)
            if precision and recall_full
            else 0.0,
        },
        "certainty": {
            "accuracy_on_found": _ratio(c["cert_ok"], c["cert_n"]),
            "denied_recall": _ratio(c["denied_ok"], c["g_denied"]),
            "denied_gold": c["g_denied"],
            "hedged_recall": _ratio(c["hedged_ok"], c["g_hedged"]),
        },
        "quotes": {
            "gold": c["g_quote"],
            "found": _ratio(c["q_found"], c["g_quote"]),
            "speaker_accuracy_on_found": _ratio(c["q_speaker"], c["q_found"]),
        },
        "furniture_as_claims": {"gold": c["g_furn"], "rate": _ratio(c["furn_hit"], c["g_furn"])},
        "relations_recall": _ratio(c["rel_ok"], c["g_rel"]),
        "ages_recall": _ratio(c["age_ok"], c["g_age"]),
        "people": {
            "gold": c["g_people"],
            "split_rate": _ratio(c["split"], c["g_people"]),
            "missing_rate": _ratio(c["missing"], c["g_people"]),
            "merged_pairs": c["merged"],
        },
    }


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _score_article(record: dict, analysis: dict, c: dict) -> None:
    text = _Text(analysis["article"]["text"])
    entities = {e["id"]: e for e in analysis.get("entities", [])}

    def entity_name(eid):
        return entities[eid]["name"] if eid in entities else None

    claims = analysis.get("claims", [])
    gold_quotes = [(q, text.locate(q["text"], q.get("occurrence", 1))) for q in record.get("quotes", [])]
    quote_spans = [s for _, s in gold_quotes if s]
    gold_attributions = [(g, text.locate(g["content"], g.get("occurrence", 1))) for g in record.get("attributions", [])]
    _attributions(claims, gold_attributions, quote_spans, entity_name, c)
    _quotes(analysis.get("quotes", []), gold_quotes, entity_name, c)
    for s in record.get("not_claims", []):
        c["g_furn"] += 1
        at = text.locate(s)
        if at and any(overlap(at, _span(claim)) >= 0.5 for claim in claims):
            c["furn_hit"] += 1
    _relations(analysis.get("relations", []), record.get("relations", []), entity_name, c)
    for age in record.get("ages", []):
        c["g_age"] += 1
        c["age_ok"] += any(
            name_ok(age["name"], e["name"])
            and any(
                a.get("value") in (age["age"], str(age["age"]))
                for a in e.get("attributes", [])
                if (a.get("kind") or a.get("name")) == "age"
            )
            for e in entities.values()
        )
    _people(entities.values(), record.get("people", []), text, c)


def _attributions(claims, gold_attributions, quote_spans, entity_name, c) -> None:
    attributed = []
    for claim in claims:
        if claim["source"]["kind"] == "none":
            continue
        if claim.get("quote") and any(overlap(_span(claim), q) >= 0.5 for q in quote_spans):
            continue  # made from a gold quote: neither right nor wrong here
        attributed.append(claim)
    c["pred_attr"] += len(attributed)
    used: set[int] = set()
    for g, at in gold_attributions:
        c["g_attr"] += 1
        c["g_denied"] += g["certainty"] == "denied"
        c["g_hedged"] += g["certainty"] == "hedged"
        best, best_overlap = None, 0.0
        for j, claim in enumerate(claims):
            o = overlap(at, _span(claim))
            if o >= 0.5 and o > best_overlap and j not in used:
                best, best_overlap = j, o
        if best is None:
            continue
        used.add(best)
        claim = claims[best]
        source = claim["source"]
        if source["kind"] == "none":
            continue  # the words were found, not the attribution
        c["m_span"] += 1
        kind_ok = source["kind"] == g["source_kind"]
        c["m_kind"] += kind_ok
        if kind_ok and (
            g["source_kind"] not in ("named", "outlet")
            or name_ok(g.get("source_name"), source.get("name") or entity_name(source.get("entity")))
        ):
            c["m_full"] += 1
        c["cert_n"] += 1
        c["cert_ok"] += claim["certainty"] == g["certainty"]
        c["denied_ok"] += g["certainty"] == "denied" and claim["certainty"] == "denied"
        c["hedged_ok"] += g["certainty"] == "hedged" and claim["certainty"] == "hedged"
    for claim in attributed:
        c["p_ok"] += any(
            overlap(_span(claim), at) >= 0.5 and claim["source"]["kind"] == g["source_kind"]
            for g, at in gold_attributions
        )


def _quotes(quotes, gold_quotes, entity_name, c) -> None:
    for g, at in gold_quotes:
        c["g_quote"] += 1
        hit = next((q for q in quotes if overlap(at, _span(q)) >= 0.5), None)
        if hit is None:
            continue
        c["q_found"] += 1
        speaker = hit["speaker"]
        if g["speaker_kind"] == "named":
            c["q_speaker"] += speaker["kind"] == "named" and name_ok(
                g["speaker_name"], speaker.get("name") or entity_name(speaker.get("entity"))
            )
        else:
            c["q_speaker"] += speaker["kind"] == g["speaker_kind"] or (
                g["speaker_kind"] == "unknown" and speaker["kind"] == "none"
            )


def _relations(relations, gold_relations, entity_name, c) -> None:
    predicted = [(entity_name(r["subject"]) or "", entity_name(r["object"]) or "", r["predicate"]) for r in relations]
    for g in gold_relations:
        c["g_rel"] += 1
        accepted = {g["predicate"]} | ({"former_partner"} if g["predicate"] == "former_spouse" else set())
        c["rel_ok"] += any(
            p in accepted
            and (
                (name_ok(g["a"], s) and name_ok(g["b"], o))
                or (p in _SYMMETRIC and name_ok(g["a"], o) and name_ok(g["b"], s))
            )
            for s, o, p in predicted
        )


def _people(entities, gold_people, text: _Text, c) -> None:
    owner = {(m["start"], m["end"]): e["id"] for e in entities for m in e.get("mentions", [])}

    def owners(spans):
        return {eid for s in spans for mention, eid in owner.items() if overlap(s, mention) >= 0.8}

    per_person = []
    for person in gold_people:
        spans = [s for s in (text.locate(m) for m in person.get("mentions", []) + [person["name"]]) if s]
        if not spans:
            continue
        c["g_people"] += 1
        found = owners(spans)
        if not found:
            c["missing"] += 1
        elif len(found) > 1:
            c["split"] += 1
        per_person.append(found)
    for i, a in enumerate(per_person):
        c["merged"] += sum(bool(a & b) for b in per_person[i + 1 :])

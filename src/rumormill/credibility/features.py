"""Credibility features: what an article's analysis says about how well its claims are backed.

Each feature is computed from the Analysis alone (and from claim threads when the caller has
them), has a plain meaning, and carries the spans that caused it, so that a reader can see why
it moved the score. The outlet, URL and domain are never used: the score is about content and
sourcing, not about who published it.

    named_sources        share of claims backed by a named source on record
    anonymous_sources    share of claims resting on an anonymous source ("a source", "an insider")
    unnamed_reports      share of claims passed on as unattributed reports ("reportedly", "is said to")
    other_outlets        share of claims resting on another outlet ("according to Us Weekly")
    hedging              hedge cues per 100 words
    unattributed_quotes  quoted sentences with no speaker (log 1 + n)
    quotes_on_record     quotes whose speaker is named (log 1 + n)
    hedged_claims        share of claims whose certainty is hedged
    headline_named       1 when the central claim, the body claim that best matches the
                         headline, has a named source; 0 otherwise
    unsourced_checkable  share of claims that are check-worthy but have no source at all
    denials              denials on record by a named or described source (log 1 + n)
    sensational          sensational-language cues (lexicon `sensational.txt`) per 100 words
    exclamations         exclamation marks per 100 words
    corroboration        independent origins confirming minus denying the central claims, from
                         claim threads; None (neutral) when no threads are given
    text_model           the logit of a bag-of-words model over the article's words with every name
                         masked (masking.py, model.py); one feature, not the score
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ..model import Analysis, Claim, Span

# Claims scored at least this check-worthy are the ones a reader would want a source for.
CHECKABLE = 0.6
# At most this many spans of evidence per factor: enough to highlight, not the whole article.
MAX_EVIDENCE = 8

NAMES: tuple[str, ...] = (
    "named_sources",
    "anonymous_sources",
    "unnamed_reports",
    "other_outlets",
    "hedging",
    "unattributed_quotes",
    "quotes_on_record",
    "hedged_claims",
    "headline_named",
    "unsourced_checkable",
    "denials",
    "sensational",
    "exclamations",
    "corroboration",
    "text_model",
)


@dataclass
class Feature:
    name: str
    value: float | None
    evidence: list[Span] = field(default_factory=list)
    note: str = ""


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_STOP = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been being has have had "
    "it its this that these those he she they we you i his her their our your my me him them us not no "
    "after before over about into out up down new says said just how why what who when where will would "
    "can could may might more most than then so if all one two".split()
)


@cache
def sensational_lexicon() -> tuple[frozenset[str], re.Pattern | None]:
    """The sensational-language lexicon: its single words, and its phrases as one pattern."""
    text = resources.files(__package__).joinpath("sensational.txt").read_text(encoding="utf-8")
    single, phrases = set(), []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        for entry in (p.strip().lower() for p in line.split("|") if p.strip()):
            if " " in entry:
                phrases.append(re.escape(entry).replace(r"\ ", r"\s+"))
            else:
                single.add(entry)
    pattern = re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.IGNORECASE) if phrases else None
    return frozenset(single), pattern


def sensational_cues(text: str) -> list[Span]:
    single, pattern = sensational_lexicon()
    hits = [(m.start(), m.end()) for m in _WORD.finditer(text) if m.group().lower() in single]
    if pattern is not None:
        hits += [(m.start(), m.end()) for m in pattern.finditer(text)]
    return [Span.of(text, s, e) for s, e in sorted(hits)]


# A quoted passage: straight or curly double quotes, or single quotes that open after a
# non-word character (so that apostrophes in "don't" and "Kim's" do not open one).
_QUOTED = re.compile(r"[\"“]([^\"“”\n]+)[\"”]|(?<!\w)['‘]([^'‘’\n]+?)['’](?!\w)")


def _share(claims: Sequence[Claim], keep) -> tuple[float, list[Claim]]:
    hits = [c for c in claims if keep(c)]
    return (len(hits) / len(claims) if claims else 0.0), hits


def _source_spans(claims: Sequence[Claim]) -> list[Span]:
    spans: dict[tuple[int, int], Span] = {}
    for claim in claims:
        span = claim.source.span or claim.cue or (claim.hedges[0] if claim.hedges else None) or claim.span
        spans.setdefault((span.start, span.end), span)
        if len(spans) == MAX_EVIDENCE:
            break
    return [_plain(s) for s in spans.values()]


def _plain(span: Span) -> Span:
    return Span(start=span.start, end=span.end, text=span.text)


def content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 1}


def headline(title: str | None) -> str:
    """The headline without the outlet's name: "Headline | Outlet", "Headline - Outlet"."""
    return re.split(r"\s+[|–—]\s+|\s+-\s+(?=[^-]*$)", title or "")[0].strip()


def central_claim(analysis: Analysis) -> Claim | None:
    """The body claim that best matches the headline's content words (the title itself is
    not analysed); without a title or a match, the first check-worthy claim (the lede)."""
    claims = analysis.claims
    if not claims:
        return None
    wanted = content_words(headline(analysis.article.title))
    if wanted:
        best, overlap = None, 0
        for claim in claims:
            # the claim's own words plus its source's: "Kanye West says ..." matches "Kanye says"
            words = content_words(claim.text + " " + (claim.source.name or ""))
            score = len(wanted & words)
            if score > overlap:
                best, overlap = claim, score
        if best is not None and overlap >= min(2, len(wanted)):
            return best
    checkable = [c for c in claims if c.check_worthy >= CHECKABLE]
    return (checkable or claims)[0]


def unattributed_quotes(analysis: Analysis) -> list[Span]:
    """Quoted sentences (four words or more) that no quote of the analysis gives a speaker."""
    text = analysis.article.text
    spoken = [(q.span.start, q.span.end) for q in analysis.quotes]
    spans = []
    for match in _QUOTED.finditer(text):
        group = 1 if match.group(1) is not None else 2
        start, end = match.start(group), match.end(group)
        if len(_WORD.findall(match.group(group))) < 4:
            continue  # scare quotes and titles, not someone's words
        if any(s < end and start < e for s, e in spoken):
            continue
        spans.append(Span.of(text, start, end))
    return spans


def _words(text: str) -> int:
    return max(sum(1 for _ in _WORD.finditer(text)), 1)


def extract(
    analysis: Analysis, threads: Sequence[dict] | None = None, text_logit: float | None = None
) -> list[Feature]:
    """The features of one analysed article, in the order of `NAMES`.

    `threads` are claim threads from the store ({"stance": "confirm"|"deny", "origin": ...}
    per other article); without them corroboration is None. `text_logit` is the bag-of-words
    model's logit, filled in by the model (None here means it is not known yet).
    """
    text = analysis.article.text
    claims = analysis.claims
    n = len(claims)
    words = _words(text)
    out: list[Feature] = []

    def note(count: int, what: str) -> str:
        return f"{count} of {n} claims {what}"

    share, hits = _share(claims, lambda c: c.source.kind in ("named", "self"))
    out.append(Feature("named_sources", share, _source_spans(hits), note(len(hits), "have a named source on record")))
    share, hits = _share(claims, lambda c: c.source.kind in ("anonymous", "descriptive"))
    out.append(Feature("anonymous_sources", share, _source_spans(hits), note(len(hits), "rest on an unnamed source")))
    share, hits = _share(claims, lambda c: c.source.kind == "reports")
    out.append(Feature("unnamed_reports", share, _source_spans(hits), note(len(hits), "are passed on as reports")))
    share, hits = _share(claims, lambda c: c.source.kind == "outlet")
    out.append(Feature("other_outlets", share, _source_spans(hits), note(len(hits), "rest on another outlet")))

    hedges = [h for c in claims for h in c.hedges]
    out.append(
        Feature(
            "hedging",
            100 * len(hedges) / words,
            [_plain(h) for h in hedges[:MAX_EVIDENCE]],
            f"{len(hedges)} hedges in {words} words",
        )
    )
    quoted = unattributed_quotes(analysis)
    out.append(
        Feature(
            "unattributed_quotes",
            math.log1p(len(quoted)),
            quoted[:MAX_EVIDENCE],
            f"{len(quoted)} quoted sentences with no speaker",
        )
    )

    on_record = [q for q in analysis.quotes if q.speaker.kind in ("named", "self")]
    out.append(
        Feature(
            "quotes_on_record",
            math.log1p(len(on_record)),
            [_plain(q.span) for q in on_record[:MAX_EVIDENCE]],
            f"{len(on_record)} of {len(analysis.quotes)} quotes have a named speaker",
        )
    )
    share, hits = _share(claims, lambda c: c.certainty == "hedged")
    out.append(
        Feature(
            "hedged_claims",
            share,
            [_plain(c.hedges[0] if c.hedges else c.span) for c in hits[:MAX_EVIDENCE]],
            note(len(hits), "are hedged"),
        )
    )

    central = central_claim(analysis)
    named = central is not None and central.source.kind in ("named", "self")
    evidence = (
        []
        if central is None
        else [_plain(central.span)] + ([_plain(central.source.span)] if central.source.span else [])
    )
    if central is None:
        what = "no central claim found"
    else:
        who = central.source.name or {"none": "no one", "reports": "unnamed reports"}.get(central.source.kind, "")
        what = f"the central claim rests on {who or central.source.kind} ({central.source.kind})"
    out.append(Feature("headline_named", 1.0 if named else 0.0, evidence, what))

    share, hits = _share(claims, lambda c: c.check_worthy >= CHECKABLE and c.source.kind == "none")
    hits = sorted(hits, key=lambda c: -c.check_worthy)
    out.append(
        Feature(
            "unsourced_checkable",
            share,
            [_plain(c.span) for c in hits[:MAX_EVIDENCE]],
            note(len(hits), "are check-worthy and have no source"),
        )
    )

    denied = [c for c in claims if c.certainty == "denied" and c.source.kind in ("named", "self", "descriptive")]
    out.append(
        Feature(
            "denials",
            math.log1p(len(denied)),
            [_plain(c.cue or c.span) for c in denied[:MAX_EVIDENCE]],
            f"{len(denied)} denials on record",
        )
    )

    cues = sensational_cues(text)
    out.append(Feature("sensational", 100 * len(cues) / words, cues[:MAX_EVIDENCE], f"{len(cues)} sensational words"))
    bangs = [Span.of(text, m.start(), m.end()) for m in re.finditer("!", text)]
    out.append(
        Feature("exclamations", 100 * len(bangs) / words, bangs[:MAX_EVIDENCE], f"{len(bangs)} exclamation marks")
    )

    out.append(_corroboration(threads))
    out.append(Feature("text_model", text_logit, [], "bag-of-words model"))
    assert [f.name for f in out] == list(NAMES)
    return out


def _corroboration(threads: Sequence[dict] | None) -> Feature:
    if not threads:
        return Feature("corroboration", None, [], "no claim threads to compare with")
    origins: dict[str, int] = {}
    for item in threads:
        stance = {"confirm": 1, "deny": -1}.get(item.get("stance", ""), 0)
        origin = item.get("origin")
        if origin and stance:
            origins[origin] = stance  # one vote per independent origin
    confirm = sum(1 for s in origins.values() if s > 0)
    deny = sum(1 for s in origins.values() if s < 0)
    value = math.log1p(confirm) - math.log1p(deny)
    return Feature("corroboration", value, [], f"{confirm} independent origins confirm, {deny} deny")

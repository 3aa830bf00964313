"""How a claim turned out, from its occurrences: open, confirmed, denied or retracted.

    >>> resolve("Kim and Kanye are divorcing", [
    ...     {"text": "Kim and Kanye split", "stance": "supports", "date": "2020-07-01"},
    ...     {"text": "Kim Kardashian files for divorce from Kanye West", "stance": "supports",
    ...      "date": "2021-02-19"},
    ... ]).status
    'confirmed'

Each occurrence's stance is first read towards the claim's proposition, not as any negation:
"Rob Kardashian's family hasn't made any official comments" neither supports nor denies "Rob
Kardashian shared explicit photos" (`stance.toward_claim`). Then rules on the record, each
pointing at the occurrences that settled the claim:

1. an outlet retracting or correcting its report -> retracted;
2. a principal of the claim (a named source whose whole name is in the claim) or their
   representative (a spokesperson, rep, lawyer: the "speaker" rows of the denial lexicon)
   denying it -> denied;
3. a later report of a filing (divorce papers filed, a court filing, charges) or such a source
   confirming it on record -> confirmed.
When a denial and a confirmation both stand, the later one wins (a filing after a denial).

Without such occurrences (headlines only, as in Emergent), a learned logistic model reads the
shares of supporting, denying and questioning reports, cue words in their texts and URLs
(hoax, fake, debunked; confirmed, official; reportedly, claims), fact-checking outlets, whether
the claim is a forecast or plan (those mostly stay unsettled) and whether a checkable report
denies it in words (`showable`: what a shown `denied` needs). Its weights are in the stance
artefact (`resolution` section, trained by `train_stance.py` on Emergent's training claims with
out-of-fold stances). It counts reports, not occurrences: copies of one text (one origin) are one
report, and so are the occurrences that pass on one outlet's report ("according to Us Weekly" is
Us Weekly's). It needs at least two reports, and its probabilities are near calibrated (fitted
without class weights; a temperature fitted out of fold was 0.82): it shows a status only where
the likelier of confirmed and denied clears its own threshold (the artefact's `threshold`, one
per status), which the trainer chose by cross-validation for a precision of at least 0.80 among
the claims shown that status; a status that never kept it is not shown. Below it the claim stays open, whatever
the model leans to: a wrong "confirmed" is worse than "open". Its evidence is the occurrences
whose stance agrees with the verdict, and its status is marked as an estimate.

Every claim also gets an `estimate`, its likeliest verdict, kept apart from the status: what is
shown where one is shown, else the verdict of the artefact's class-weighted model (`estimate`
section, C chosen for macro-F1), which is not drowned by open as the calibrated one is; its
`confidence` is the calibrated probability of that verdict. The estimate is what verdict
scores measure; only the status is shown.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

import numpy as np

STATUSES = ("open", "confirmed", "denied", "retracted")
# The learned model weighs reports against each other: one report (an article's own claim, or
# copies of one text) has nothing to be weighed against, and stays open.
MIN_REPORTS = 2
LEARNED = ("confirmed", "denied", "open")
# The precision a learned status must reach in cross-validation; the artefact records the
# confidence threshold that gave it. An artefact without one is held to this as a threshold.
TARGET_PRECISION = 0.80

_RETRACTION = re.compile(
    r"\b(?:retract(?:s|ed|ing|ion)?|we (?:regret|apologi[sz]e)|(?:has|have) been (?:corrected|withdrawn|removed)|"
    r"an earlier version of this (?:article|story)|editor'?s note|correction:)",
    re.IGNORECASE,
)
_FILING = re.compile(
    r"\b(?:fil(?:e|es|ed|ing) (?:for|a|an|the|papers|documents|suit|charges|court)|"
    r"court (?:filings?|documents|papers|records)|(?:divorce|legal|court) papers|lawsuit|sued|charged with|"
    r"indicted|pleaded guilty|marriage (?:licen[cs]e|certificate)|"
    r"according to (?:court|legal|police) (?:documents|records|filings))",
    re.IGNORECASE,
)
_HOAX = re.compile(
    r"\b(?:hoax|fake|false|debunk\w*|myth|satir\w*|prank|not true|untrue|made up|photoshop\w*|bogus|fabricat\w*|"
    r"parody|denie[sd]|deny|rumou?rs?)\b",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|alleged|claims?|claimed|rumou?r\w*|may|might|could|reports?|says|said|according|"
    r"apparently|possibly|purported\w*)\b",
    re.IGNORECASE,
)
_CONFIRM = re.compile(r"\b(?:confirm\w*|official\w*|announc\w*|reveal\w*|verified|proof|true)\b", re.IGNORECASE)
# Forecasts and plans ("will sell", "is set to", "plans to") are rarely settled while they are news.
_FUTURE = re.compile(
    r"\b(?:will|plans?|planning|to be|set to|could|may|might|going to|would|about to|soon|upcoming|next)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:not|no|never|nothing)\b|n't\b", re.IGNORECASE)
_ATTRIBUTED = re.compile(
    r"\b(?:reports?|reported|reportedly|says?|said|claims?|according|sources?|rumou?rs?|allegedly|alleged|insiders?)\b",
    re.IGNORECASE,
)
# Narrower than _CONFIRM and _HOAX: words that put a confirmation or a denial on the record.
_ON_RECORD = re.compile(r"\b(?:confirms?|confirmed|officially|announces?|announced|admits?|admitted)\b", re.IGNORECASE)
_DEBUNKED = re.compile(
    r"\b(?:denies|denied|deny|hoax|fake|false|debunk\w*|not true|untrue|myth|satire|satirical)\b", re.IGNORECASE
)
_FACT_CHECKERS = ("snopes", "hoax-slayer", "hoaxslayer", "factcheck", "politifact", "urbanlegends", "truthorfiction")
_NAME_WORD = re.compile(r"[A-Z][\w'-]{2,}")
FEATURES = (
    "log_occurrences", "supports", "denies", "repeats", "questions", "hoax_cue", "confirm_cue",
    "hoax_url", "fact_checker", "question_mark", "claim_hoax_cue", "denies_minus_supports", "log_outlets",
    "hedge_cue", "claim_hedge_cue", "claim_future", "claim_number", "negation_cue", "attributed_cue",
    "on_record_cue", "debunked_cue", "any_on_record", "any_debunked", "future_cue", "denial_in_words",
)  # fmt: skip


@dataclass(frozen=True)
class Resolution:
    """A claim's status, the rule that set it and the indices of the occurrences that settled it,
    with the claim's estimate kept apart from it.

    `status` is what is shown. `basis` is "record" when something on the record settled it (a
    retraction, a denial or confirmation by a principal or representative, a filing) and
    "estimate" when the learned model read it from the balance of the coverage: an estimate is
    not a verdict. `estimate` is the claim's likeliest verdict whether or not it is shown
    (confirmed, denied or open; on the record, the status, a retraction reading as denied), and
    `confidence` the calibrated model's probability of it (None on the record, or without a
    model to ask). Only the status is shown; the estimate is what the verdict scores measure."""

    status: str
    rule: str
    evidence: list[int] = field(default_factory=list)
    probs: dict[str, float] | None = None
    basis: str = "record"
    estimate: str | None = None
    confidence: float | None = None

    def to_dict(self) -> dict:
        return {
            "status": self.status,
            "rule": self.rule,
            "evidence": self.evidence,
            "probs": self.probs,
            "basis": self.basis,
            "estimate": self.estimate,
            "confidence": self.confidence,
        }


def resolve(
    claim: str, occurrences: Sequence[dict], *, model: str | None = None, about: Sequence[str] = ()
) -> Resolution:
    """The status of `claim` given its occurrences (dicts with text, stance, date, outlet, url,
    source_kind, source_name, certainty, origin; absent keys read as None). `about` names the
    people the claim is about (a thread's entities), so that sharing them is not taken for
    saying the same thing (`states`)."""
    occurrences = [_toward(claim, o) for o in occurrences]
    retracted = [i for i, o in enumerate(occurrences) if _RETRACTION.search(o.get("text") or "")]
    if retracted:
        return Resolution("retracted", "an outlet retracted or corrected its report", retracted, estimate="denied")
    settled = _on_record(claim, occurrences, about)
    if settled:
        return replace(settled, estimate=settled.status)
    return _learned(claim, occurrences, model, about)


def states(claim: str, text: str, about: Sequence[str] = ()) -> bool:
    """Whether an occurrence can settle the claim: it speaks of what the claim says, not only of
    whom. An occurrence joins a thread by its likeness to the claim's sentence, and on gossip two
    sentences about one couple are alike whatever they say ("Gwen hates how close Blake and Chloe
    have become" and "Gwen was insecure about not giving Blake a baby"); a status they settle is
    wrong. So a settling occurrence must name the claim's life event and no other (a filing about
    a wedding settles nothing about dating), or, where either names none, share two content words
    with the claim (one, when either has only one: names, reporting and stop words left out,
    paraphrases folded: `propositions.terms`; compared by their first four letters). A bare
    statement with no content words of its own ("It's not true", "Kim denied it") speaks of what
    it was matched to."""
    from .propositions import CORE_EVENTS

    said, here = _content(claim, about), _content(text, about)
    if not here or not said:
        return True
    events, other = said & CORE_EVENTS, here & CORE_EVENTS
    if events and other:
        return other <= events  # the same life event ("divorce papers filed" for "are divorcing"), no other
    shared = {w[:4] for w in said} & {w[:4] for w in here}  # "files" and "filed", "parents" and "parenting"
    return len(shared) >= min(2, len(said), len(here))


def _content(text: str, about: Sequence[str]) -> set[str]:
    """A sentence's content words: `propositions.terms` without the names of the people it is
    about, nor their short forms ("Jen" for Jennifer Aniston)."""
    from .propositions import terms

    names = [*about]
    words = {w.lower() for n in names for w in re.findall(r"\w+", n) if len(w) > 2}
    return {t for t in terms(text, names) if not (len(t) >= 3 and any(w.startswith(t) for w in words))}


def _toward(claim: str, occurrence: dict) -> dict:
    """The occurrence with its stance read towards the claim: a "denies" that only negates
    something else ("has not commented") repeats the claim."""
    from .stance import toward_claim

    stance = occurrence.get("stance")
    if stance != "denies":
        return occurrence
    return {**occurrence, "stance": toward_claim(claim, occurrence.get("text") or "", stance)}


def _on_record(claim: str, occurrences: Sequence[dict], about: Sequence[str] = ()) -> Resolution | None:
    """Denials by a principal or representative and confirmations on record or by a filing, each
    from an occurrence that `states` something of the claim."""
    from .stance import denies_claim

    first = _first_date(occurrences)
    denials, confirmations = [], []
    for i, o in enumerate(occurrences):
        if not states(claim, o.get("text") or "", about):
            continue
        stance = o.get("stance")
        speaker = _speaker(claim, o, about)
        denied = stance == "denies" or (o.get("certainty") == "denied" and denies_claim(claim, o.get("text") or ""))
        if speaker and denied:
            denials.append((i, f"denied on record by {speaker}"))
        elif stance == "supports" and _filed(claim, o) and _later(o.get("date"), first, i):
            confirmations.append((i, "a later report of a filing"))
        elif speaker and stance == "supports" and o.get("certainty") in (None, "asserted") and not _act(o):
            confirmations.append((i, f"confirmed on record by {speaker}"))
    if not denials and not confirmations:
        return None
    last_denial = max((_date_key(occurrences, i) for i, _ in denials), default=None)
    last_confirmation = max((_date_key(occurrences, i) for i, _ in confirmations), default=None)
    if denials and (not confirmations or last_denial > last_confirmation):
        return Resolution("denied", denials[-1][1], [i for i, _ in denials])
    return Resolution("confirmed", confirmations[-1][1], [i for i, _ in confirmations])


def _act(occurrence: dict) -> bool:
    """Whether the occurrence describes what its source did rather than reports what they said:
    its words hold its own cue ("Khloe Kardashian calls out a contestant for fake tears",
    "Caitlyn all but called her daughters a burden"). That is the outlet's account of an act, not
    the person confirming anything on record."""
    cue, text = (occurrence.get("cue") or "").strip().lower(), (occurrence.get("text") or "").lower()
    return bool(cue) and re.search(rf"\b{re.escape(cue)}\b", text) is not None


_FILING_SOURCE = re.compile(
    r"\b(?:the |a )?(?:filing|court (?:filing|documents?|papers|records)|"
    r"(?:legal |court |divorce )?(?:documents|papers)|lawsuit|complaint|petition|indictment|police report)\b",
    re.IGNORECASE,
)


def _filed(claim: str, occurrence: dict) -> bool:
    """A report of a filing about the claim: the words say so ("filed for divorce" against "are
    divorcing"; "has filed a lawsuit" says nothing of "got him fired"), or the source is one ("the
    filing says", "according to court documents")."""
    if any(
        _about_claim(claim, occurrence.get("text") or "", m) for m in _FILING.finditer(occurrence.get("text") or "")
    ):
        return True
    source = occurrence.get("source_name") or ""
    return occurrence.get("channel") == "filing" or bool(
        occurrence.get("source_kind") in ("descriptive", "named") and _FILING_SOURCE.fullmatch(source.strip())
    )


def _about_claim(claim: str, text: str, match: re.Match) -> bool:
    """Whether the filing phrase or the three words after it share a word with the claim."""
    from .stance import tokens

    claimed = {w[:5] for w in tokens(claim) if len(w) > 2}
    near = tokens(match.group(0)) + tokens(text[match.end() :])[:3]
    return any(w[:5] in claimed for w in near if len(w) > 2 and w not in ("file", "filed", "filing", "for", "the"))


@cache
def _representatives() -> frozenset[str]:
    from ..analyze import lexicons

    return frozenset(row[0].lower() for row in lexicons.load("denial_cues") if len(row) > 1 and row[1] == "speaker")


def _speaker(claim: str, occurrence: dict, about: Sequence[str] = ()) -> str | None:
    """'a principal' or 'a representative' when the occurrence's source is one, else None.

    A principal's whole name is in the claim, and, where the people the claim is about are
    known (`about`), in their names: "Khloe Kardashian" is not a principal of a claim about Rob
    Kardashian, nor is "Rob Kardashian's family", a fan's account, or a heading "Actress:" above
    a winner's name in a claim about "Best Actress"."""
    kind, name = occurrence.get("source_kind"), occurrence.get("source_name") or ""
    words = re.findall(r"[\w']+", name)
    if kind in ("named", "descriptive") and {w.lower() for w in words} & _representatives():
        return "a representative"
    names = _NAME_WORD.findall(name)
    if kind == "named" and names and len(names) == len(words) and set(names) <= set(_NAME_WORD.findall(claim)):
        known = {w.lower() for person in about for w in re.findall(r"[\w']+", person)}
        if not about or {n.lower() for n in names} <= known:
            return "a principal"
    return None


def _first_date(occurrences: Sequence[dict]) -> str | None:
    dates = [o.get("date") for o in occurrences if o.get("date")]
    return min(dates) if dates else None


def _later(date: str | None, first: str | None, index: int) -> bool:
    """After the claim's first occurrence: by date where known, else by position."""
    if date and first:
        return date[:10] > first[:10]
    return index > 0


def _date_key(occurrences: Sequence[dict], i: int) -> tuple[str, int]:
    return (occurrences[i].get("date") or "", i)


def features(claim: str, occurrences: Sequence[dict], about: Sequence[str] = ()) -> list[float]:
    """The learned model's inputs (names in `FEATURES`). Shares are over reports: each of a
    report's occurrences weighs 1 / (the report's occurrences), so forty copies count once.
    `denial_in_words` is whether an occurrence could earn a shown `denied` (`showable`: a
    checkable source denying in words what the claim says), so that the model's probability of
    a denial is that of claims which could show one, not of all claims alike."""
    if not occurrences:
        return [0.0] * len(FEATURES)
    groups = report_groups(occurrences)
    sizes = Counter(groups)
    weights = [1 / sizes[g] for g in groups]
    n = float(len(sizes))

    def share(values) -> float:
        return sum(w for w, v in zip(weights, values, strict=True) if v) / n

    stances = [o.get("stance") for o in occurrences]
    texts = [o.get("text") or "" for o in occurrences]
    urls = [(o.get("url") or "") + " " + (o.get("outlet") or "") for o in occurrences]
    stance_share = {s: share(x == s for x in stances) for s in ("supports", "denies", "repeats", "questions")}
    return [
        math.log1p(n),
        stance_share["supports"],
        stance_share["denies"],
        stance_share["repeats"],
        stance_share["questions"],
        share(_HOAX.search(t) for t in texts),
        share(_CONFIRM.search(t) for t in texts),
        share(_HOAX.search(u.replace("-", " ")) for u in urls),
        float(any(f in u.lower() for u in urls for f in _FACT_CHECKERS)),
        share("?" in t for t in texts),
        float(bool(_HOAX.search(claim))),
        stance_share["denies"] - stance_share["supports"],
        math.log1p(len({o.get("outlet") for o in occurrences if o.get("outlet")})),
        share(_HEDGE.search(t) for t in texts),
        float(bool(_HEDGE.search(claim))),
        float(bool(_FUTURE.search(claim))),
        float(bool(re.search(r"\d", claim))),
        share(_NEGATION.search(t) for t in texts),
        share(_ATTRIBUTED.search(t) for t in texts),
        share(_ON_RECORD.search(t) for t in texts),
        share(_DEBUNKED.search(t) for t in texts),
        float(any(_ON_RECORD.search(t) for t in texts)),
        float(any(_DEBUNKED.search(t) for t in texts)),
        share(_FUTURE.search(t) for t in texts),
        float(showable(occurrences, claim, about)["denied"]),
    ]


def _voice(name: str | None) -> str | None:
    """An outlet's name as a key: lower case, words only ("US Weekly" and "Us Weekly" are one)."""
    words = re.findall(r"\w+", (name or "").lower())
    return "outlet:" + " ".join(words) if words else None


def report_groups(occurrences: Sequence[dict]) -> list[int]:
    """Which report each occurrence belongs to (a group number per occurrence). Occurrences are
    one report when they share an origin (copies and light rewrites of one text) or a URL, and
    when one passes on another outlet's report: an occurrence whose source is an outlet ("according
    to Us Weekly") joins that outlet's own occurrences and the others that pass it on."""
    parent = list(range(len(occurrences)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for i, o in enumerate(occurrences):
        keys = [f"origin:{o['origin']}" if o.get("origin") else None, f"url:{o['url']}" if o.get("url") else None]
        if o.get("source_kind") == "outlet":
            keys.append(_voice(o.get("source_name")))
        for key in filter(None, keys):
            parent[find(i)] = find(first.setdefault(key, i))
    own = {}
    for i, o in enumerate(occurrences):
        if (key := _voice(o.get("outlet"))) is not None:
            own.setdefault(key, []).append(i)
    for i, o in enumerate(occurrences):
        cited = _voice(o.get("source_name")) if o.get("source_kind") == "outlet" else None
        for j in own.get(cited, []) if cited else []:
            parent[find(j)] = find(i)
    roots = [find(i) for i in range(len(occurrences))]
    numbers = {root: n for n, root in enumerate(dict.fromkeys(roots))}
    return [numbers[root] for root in roots]


def reports(occurrences: Sequence[dict]) -> int:
    """Independent reports among the occurrences (`report_groups`)."""
    return len(set(report_groups(occurrences)))


_AGREES = {"confirmed": "supports", "denied": "denies"}


# What a denial says in words: a denial is an act ("denied", "not true", "a hoax"), not any
# negation ("she hasn't met his kids" is another claim, negated). A headline that opens with a
# rebuttal ("No, Saudi TV did not blur ...", "Sorry, KFC isn't going to ...") is one, and so is a
# report set against the rumour ("contrary to report", "despite rumours", "called rubbish").
_DENIAL_ACT = re.compile(
    r"^\W*(?:no|sorry|nope)\s*[,:!.—–-]|"
    r"\b(?:denies|denied|deny|denying|denial|hoax|fake|false|debunk\w*|not true|untrue|no truth|myth|"
    r"satir\w*|bogus|made up|fabricat\w*|baseless|refut\w*|dismiss\w*|shot down|rubbish|nonsense|prank|"
    r"contrary to (?:the |earlier )?reports?|despite (?:\w+ )?rumou?rs?|turn(?:s|ed)? out not|never happened|"
    r"not the case)\b",
    re.IGNORECASE,
)


# Sources whose word no reader can check: an occurrence from them states a verdict to no one.
_UNCHECKABLE = frozenset({"anonymous", "reports"})


def showable(occurrences: Sequence[dict], claim: str | None = None, about: Sequence[str] = ()) -> dict[str, bool]:
    """Which learned statuses the occurrences could earn: one needs at least `MIN_REPORTS`
    reports to weigh, and at least one occurrence that states it (a `denied` with no occurrence
    that denies is a lean of the weights, not something a reader can check). Given the claim,
    that occurrence must speak of what the claim says (`states`) and not come from an anonymous
    source or unnamed reports (an insider's "she is not back with him" is one more rumour), and
    a denial must be one in words (`_DENIAL_ACT`): a negated sentence about the same people is
    another claim."""
    weighed = reports(occurrences) >= MIN_REPORTS

    def evidence(o: dict, agree: str) -> bool:
        if o.get("stance") != agree:
            return False
        if claim is None:
            return True
        if o.get("source_kind") in _UNCHECKABLE:
            return False  # an insider's or "reports'" word is what needs checking, not evidence
        text = o.get("text") or ""
        if agree == "denies" and not (_DENIAL_ACT.search(text) or o.get("certainty") == "denied"):
            return False
        return states(claim, text, about)

    return {status: weighed and any(evidence(o, agree) for o in occurrences) for status, agree in _AGREES.items()}


def estimate(probs: dict[str, float], threshold: float | dict[str, float]) -> str:
    """The status the learned model shows: the likelier of confirmed and denied where its
    probability clears `threshold` (one for both, or one per status), else open."""
    status = max(("confirmed", "denied"), key=probs.__getitem__)
    return status if probs[status] >= _threshold_of(threshold, status) else "open"


def _threshold_of(threshold: float | dict[str, float], status: str) -> float:
    """A status's threshold: each status has its own where the artefact keeps one per status (a
    status that never kept the precision target in cross-validation has 1.0: never shown)."""
    return float(threshold[status]) if isinstance(threshold, dict) else float(threshold)


def _learned(claim: str, occurrences: Sequence[dict], model: str | None, about: Sequence[str] = ()) -> Resolution:
    spec = _spec(model)
    if not occurrences or spec is None:
        return Resolution("open", "no occurrence settles it", [], estimate="open")
    raw = np.asarray(features(claim, occurrences, about))[spec["columns"]]
    probs = _softmax(spec["weights"] @ ((raw - spec["mean"]) / spec["scale"]) + spec["bias"])
    status = estimate(probs, spec["threshold"])
    if reports(occurrences) < MIN_REPORTS:
        status, rule = "open", "a single report: nothing to weigh it against"
    elif status == "open":
        leaning = max(("confirmed", "denied"), key=probs.__getitem__)
        bar = _threshold_of(spec["threshold"], leaning)
        rule = f"no estimate clears the threshold ({leaning} {probs[leaning]:.2f} < {bar:.2f})"
    if status != "open" and reports(occurrences) >= MIN_REPORTS and not showable(occurrences, claim, about)[status]:
        # the weights lean to a verdict that no occurrence states: nothing a reader could check
        agree = _AGREES[status]
        rule = f"the estimate leans {status} (p={probs[status]:.2f}) but no occurrence {agree[:-1]}s it"
        status = "open"
    if status == "open":
        guess = _likeliest(spec, raw, probs)
        return Resolution("open", rule, [], probs, estimate=guess, confidence=probs[guess])
    agree = _AGREES[status]
    evidence = [
        i for i, o in enumerate(occurrences) if o.get("stance") == agree and states(claim, o.get("text") or "", about)
    ]
    share = f"{len(evidence)} of {len(occurrences)} occurrences {'deny' if status == 'denied' else 'support'}"
    rule = f"{status} by the weight of reports ({share}, p={probs[status]:.2f})"
    return Resolution(status, rule, evidence, probs, basis="estimate", estimate=status, confidence=probs[status])


def _softmax(z: np.ndarray) -> dict[str, float]:
    p = np.exp(z - z.max())
    p /= p.sum()
    return {label: round(float(v), 4) for label, v in zip(LEARNED, p, strict=True)}


def _likeliest(spec: dict, raw: np.ndarray, probs: dict[str, float]) -> str:
    """The estimate of a claim shown open: the class-weighted model's likeliest verdict (chosen
    for macro-F1, so rarer verdicts are not drowned by open), or the calibrated model's where the
    artefact has no class-weighted one."""
    weighted = spec.get("estimate")
    if weighted is None:
        return max(LEARNED, key=probs.__getitem__)
    z = weighted["weights"] @ ((raw - weighted["mean"]) / weighted["scale"])
    return LEARNED[int(np.argmax(z + weighted["bias"]))]


@cache
def _spec(model: str | None) -> dict | None:
    """The learned model's weights from the stance artefact (None when it has none)."""
    from .stance import load_spec

    section = load_spec(model).get("resolution")
    if section is None:
        return None
    spec = _arrays(section)
    threshold = section.get("threshold", TARGET_PRECISION)
    spec["threshold"] = {k: float(v) for k, v in threshold.items()} if isinstance(threshold, dict) else float(threshold)
    spec["estimate"] = _arrays(section["estimate"]) if "estimate" in section else None
    # the artefact names the features it was fitted on: an older one reads the ones it knows
    spec["columns"] = [FEATURES.index(name) for name in section.get("features", FEATURES)]
    return spec


def _arrays(section: dict) -> dict:
    return {key: np.asarray(section[key]) for key in ("mean", "scale", "weights", "bias")}

"""Learned attribution next to the rules: a CRF model trained on PolNeAR adds what the rules miss.

    >>> from rumormill.analyze.learned import augment
    >>> augment(sent, find_attributions(sent, quoted), quoted)   # what claims.py calls

The rules know gossip's cues ("a source tells", "is said to", "according to reports") and
what a source is; the model knows the wider news usage PolNeAR annotates. So the rules win:
a learned attribution is added only where its cue touches no token of any rule attribution
of the sentence (cue, source or content), neither its cue nor its content touches quoted
words (the quote finder's, with their speakers), its content is a clause with a subject
(a proposition: PolNeAR also counts deeds such as "voted for the bill", which are not
claims), it names its source (unsourced reporting, "is said to", "reportedly", "according
to reports", is the rules' business), and only when the cue tagger
is sure enough (`min_confidence` in the model's meta, chosen on PolNeAR dev). Its source
is classified by the same `make_source` as the rules' (in claims.py), from its head word.

The setting `learned_attribution` (RUMORMILL_LEARNED_ATTRIBUTION) says how: `on` (rules,
then learned additions), `off` (rules alone), `only` (learned alone, to measure it).
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from ... import settings
from ...errors import ConfigError
from ..attribution import Attribution, not_a_claim, trim
from .model import Predicted, load

MODES = ("on", "off", "only")
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def mode() -> str:
    value = str(settings.get("learned_attribution")).lower()
    if value not in MODES:
        raise ConfigError(f"RUMORMILL_LEARNED_ATTRIBUTION={value!r}: choose one of {', '.join(MODES)}")
    return value


def _head(sent: SpacySpan, start: int, end: int):
    """The token of `start:end` nearest the root."""
    doc = sent.doc
    inside = set(range(start, end))
    for i in range(start, end):
        if doc[i].head.i not in inside or doc[i].head.i == i:
            return doc[i]
    return doc[start]


def as_attribution(sent: SpacySpan, p: Predicted) -> Attribution | None:
    """A rule-shaped `Attribution` (kind "learned") from a prediction; None without content."""
    doc = sent.doc
    if p.content is None:
        return None
    content = trim(doc, *p.content)
    if content is None:
        return None
    source = trim(doc, *p.source) if p.source is not None else None
    owned = set(range(*p.cue)) | set(range(*content)) | (set(range(*source)) if source else set())
    return Attribution(
        kind="learned",
        head=_head(sent, *p.cue),
        cue=p.cue,
        content=content,
        content_root=_head(sent, *content),
        source=source,
        source_head=_head(sent, *source) if source else None,
        clause=owned,
    )


def is_proposition(sent: SpacySpan, content: tuple[int, int]) -> bool:
    """True when the content is a clause with its own subject ("that the couple split", "the
    wall would be built"): a claim. Not a noun phrase, even with a relative clause in it ("a
    painting that hangs in her home"), nor a bare infinitive ("to stick with traditions"):
    PolNeAR also annotates deeds and attitudes ("posted a photo", "voted for the bill", "wants
    to move"), which the rules leave out on purpose."""
    start, end = content
    root = _head(sent, start, end)
    if root.dep_ == "ccomp":
        return True  # a that-clause, even where the parser took its verb for a noun ("the couple split")
    if root.pos_ not in ("VERB", "AUX"):
        return False
    return any(c.dep_ in _SUBJECTS and start <= c.i < end for c in root.children)


def additions(sent: SpacySpan, rules: list[Attribution], quoted: set[int], threshold: float) -> list[Attribution]:
    """The learned attributions of `sent` that the rules missed (see the module docstring)."""
    taken: set[int] = set(quoted)
    for a in rules:
        taken.update(range(*a.cue))
        if a.content is not None:
            taken.update(range(*a.content))
        if a.source is not None:
            taken.update(range(*a.source))
    found = []
    for p in load(settings.get("attribution_model")).predict(sent, skip=taken):
        if p.confidence < threshold or any(i in taken for i in range(*p.cue)):
            continue
        attribution = as_attribution(sent, p)
        if attribution is None or attribution.source is None or not is_proposition(sent, attribution.content):
            continue  # an unsourced one is the rules' business: reportative adverbs, passives, nouns
        if not_a_claim(attribution):
            continue  # what the rules refuse, the model may not add: questions, "it said", labels
        if not any(i in quoted for i in range(*attribution.content)):
            # (content in quote marks is the quote finder's: it knows the speaker and cue)
            found.append(attribution)
            taken.update(attribution.clause)
    return found


def augment(sent: SpacySpan, rules: list[Attribution], quoted: set[int]) -> list[Attribution]:
    """The sentence's attributions: the rules', plus the learned ones they missed, in cue order."""
    chosen = mode()
    if chosen == "off":
        return rules
    model = load(settings.get("attribution_model"))
    if chosen == "only":
        return additions(sent, [], quoted, 0.0)
    extra = additions(sent, rules, quoted, model.min_confidence)
    if not extra:
        return rules
    return sorted([*rules, *extra], key=lambda a: a.cue[0])

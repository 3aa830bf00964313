"""Hedge cues: words that weaken the writer's commitment to a proposition.

    >>> import rumormill
    >>> doc = rumormill.nlp()("Kim is said to live in Calabasas, and she may move.")
    >>> [(h.text, h.type) for h in find_hedges(doc[:])]
    [('is said to', 'reportative'), ('may', 'epistemic')]

Types (`model.HedgeType`): `reportative` (unattributed reporting: "reportedly", "is said to",
"according to reports"), `epistemic` (possibility, probability, evidence and open questions:
"may", "likely", "appears to", "whether"), `doxastic` (belief and expectation: "believe",
"expected", "is considered"), `conditional` ("if", "unless", "would" in the main clause of a
condition).

How a cue is found, in order:
  1. the lexicon (`lexicons/hedges.txt`) proposes candidates by word form; each row has a type,
     the part-of-speech tags the cue's first word may carry, and optionally a context rule;
  2. the row's rule confirms the candidate from the dependency parse and may widen it
     ("said" -> "is said to", "clear" -> "not clear");
  3. among overlapping confirmed candidates the longest wins, then the earlier lexicon row.

The lexicon follows the Szeged Uncertainty Corpus scheme (Vincze 2015); its comments give each
cue's precision there. Szeged's `investigation` type ("whether", "investigate") is typed
`epistemic` here, and unattributed reporting, which Szeged leaves unmarked or calls epistemic, is
`reportative` because the claims stage treats it as a source ("reports"). Limits: the parser's
errors become ours (a misparsed "appear" loses its complement), and modal "would"/"could" are
only taken where the data says they usually hedge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..errors import ConfigError
from ..model import Hedge, HedgeType
from . import lexicons

LEXICON = "hedges"
TYPES: tuple[str, ...] = HedgeType.__args__  # type: ignore[attr-defined]

# A rule looks at the candidate's key token (the cue's first word) in its sentence and returns
# the token range [start, end) of the confirmed cue, or None when the context rules it out.
Rule = Callable[[Token, SpacySpan, int, int], "tuple[int, int] | None"]


@dataclass(frozen=True)
class _Entry:
    words: tuple[frozenset[str], ...]  # alternatives per word, lower-case
    optional: tuple[bool, ...]
    type: str
    tags: frozenset[str]  # empty: any tag; otherwise fine tags or coarse POS of the first word
    rule: str | None
    order: int


# --- context rules ------------------------------------------------------------------------
# Each takes (token, sentence, start, end): the first word of the match and the matched token
# range; it returns the cue's final token range or None.

_PASSIVE_AUX = frozenset({"auxpass"})
_NEGATORS = frozenset({"not", "n't", "no", "never", "little", "nothing", "hardly", "barely"})
_REPORT_NOUNS = frozenset({"report", "rumour", "rumor", "speculation", "gossip", "whisper", "claim"})
_UNNAMED_SOURCES = frozenset({"source", "insider", "report", "rumour", "rumor"})
_REPORTING_VERBS = frozenset(
    {
        "say",
        "claim",
        "suggest",
        "indicate",
        "allege",
        "report",
        "tell",
        "reveal",
        "insist",
        "state",
        "add",
        "confirm",
        "believe",
        "think",
        "understand",
        "speculate",
        "maintain",
    }
)
# what reports and rumours do in a sentence that passes them on: "reports are circulating that"
_REPORT_SPREADING = _REPORTING_VERBS | {"circulate", "emerge", "swirl", "surface", "abound", "persist", "spread"}
# dependents that describe or name a source ("a", "Pentagon", "diplomatic", "two", "Kim's")
_DESCRIBERS = frozenset({"det", "poss", "nummod", "compound", "amod", "prep", "acl", "relcl"})
_CONDITIONAL_MARKERS = frozenset({"if", "unless", "provided", "providing", "lest"})
_PERCEPTION = frozenset({"see", "hear", "feel", "detect", "observe", "find", "watch", "notice"})
_PERSONAL = frozenset({"i", "we", "you", "he", "she", "they", "one"})
_WH_TAGS = frozenset({"WDT", "WP", "WRB"})
# how a negator attaches: "not known" (neg), "no evidence" (det), "little is known" (nsubjpass)
_NEGATOR_DEPS = frozenset({"neg", "det", "nsubjpass", "advmod", "amod", "nsubj"})


def _infinitive_to(verb: Token) -> Token | None:
    """The "to" of an infinitive complement of `verb` ("said [to] have"), or None."""
    for child in verb.children:
        if child.dep_ == "xcomp":
            for grandchild in child.children:
                if grandchild.dep_ == "aux" and grandchild.lower_ == "to":
                    return grandchild
    return None


def _passive_report(token: Token, sent: SpacySpan, start: int, end: int):
    """Unattributed passive reporting: "X is said to", "it is understood that", "a man said to be".

    The cue runs from the passive auxiliary (or expletive "it") to the infinitive's "to".
    "He was told the news" or "much has been said" have no such complement and fail.
    """
    if token.tag_ != "VBN" and token.dep_ != "acl":
        return None  # the tagger often calls a reduced relative's participle VBD: "the pair, thought to be"
    aux = [c for c in token.children if c.dep_ in _PASSIVE_AUX]
    to = _infinitive_to(token)
    first = aux[0].i if aux else token.i
    if to is not None and (aux or token.dep_ == "acl") and to.i - token.i <= 3:
        # a few adverbs may intervene ("is said by many to"): three tokens is the longest seen
        return (min(first, token.i), to.i + 1)
    subject = [c for c in token.children if c.dep_ in ("nsubjpass", "expl")]
    if aux and subject and subject[0].lower_ == "it" and any(c.dep_ == "ccomp" for c in token.children):
        return (min(subject[0].i, first), token.i + 1)
    return None


def _has_to(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _has_mark(verb: Token, words: tuple[str, ...]) -> bool:
    """Whether the clause headed by `verb` is introduced by one of `words` ("that", "as if")."""
    return any(c.dep_ == "mark" and c.lower_ in words for c in verb.children)


def _complement(token: Token, sent: SpacySpan, start: int, end: int):
    """Appearance verbs hedge only with a complement: "appears [to be]", "seems [happy]",
    "looks [like]", "looks [as though]", "it appears"; "appeared on stage" does not."""
    for child in token.children:
        if child.dep_ in ("ccomp", "acomp", "attr", "oprd", "expl"):
            return (start, end)
        if child.dep_ == "xcomp" and (child.tag_ != "VBG" or _has_to(child)):
            return (start, end)  # but not "appeared wearing a hat"
        if child.dep_ == "prep" and child.lower_ == "like":
            return (start, end)
        if child.dep_ == "advcl" and _has_mark(child, ("as", "though", "if", "like")):
            return (start, end)
    return None


def _as_complement(token: Token, sent: SpacySpan, start: int, end: int):
    """Verbs of regarding hedge when they take an "as" complement: "is seen as", "regarded as"."""
    for child in token.children:
        if child.lower_ == "as" and child.dep_ in ("prep", "mark", "advmod") and child.i > token.i:
            return (start, end)
    return None


def _predicative(token: Token, sent: SpacySpan, start: int, end: int):
    """ "Consider" hedges as a judgement with a predicate: "is considered (to be) X", "considered
    him a genius", "considered that"; not "considered aborting", "was considered for the lead"."""
    for child in token.children:
        if child.dep_ in ("oprd", "ccomp", "acomp", "attr") or (child.dep_ == "xcomp" and child.tag_ != "VBG"):
            return (start, end)
    return _as_complement(token, sent, start, end)


def _belief(token: Token, sent: SpacySpan, start: int, end: int):
    """Belief verbs hedge the proposition they take: "thinks [the deal will fail]", "is assumed
    [to be]", "believed [dead]", "..., I think."; not "believe in God", "assume $1.4 billion of
    debt" (P=5/13 with a plain object against 10/10 with a clause for "assume")."""
    if token.dep_ == "parataxis" or any(c.dep_ in _PASSIVE_AUX for c in token.children):
        return (start, end)
    for child in token.children:
        if child.dep_ in ("ccomp", "oprd", "acomp") or (child.dep_ == "xcomp" and child.tag_ != "VBG"):
            return (start, end)
    return None


def _expectation(token: Token, sent: SpacySpan, start: int, end: int):
    """Expectation verbs hedge a prediction ("is expected to", "expects a loss"), not a
    comparison with one ("as expected", "worse than expected", "the expected gain")."""
    if token.dep_ == "amod":
        return None
    if token.lower_ == "expecting" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _pregnancy_objects() for c in token.children
    ):
        return None  # "they are expecting their fourth child": a pregnancy, not a prediction
    # two words back as well: "lower-than-expected" is tokenised "lower - than - expected"
    before = {t.lower_ for t in sent.doc[max(sent.start, token.i - 3) : token.i]}
    if before & {"as", "than"} or any(c.lower_ in ("as", "than") and c.dep_ == "mark" for c in token.children):
        return None
    return (start, end)


def _content_clause(token: Token, sent: SpacySpan, start: int, end: int):
    """Nouns of belief and likelihood hedge the clause they carry: "the idea that", "the
    likelihood that he was involved", "the likelihood of his organizing"; "likelihood ratio" and
    "religious beliefs" carry none."""
    for child in token.children:
        if child.dep_ not in ("acl", "ccomp", "relcl", "appos", "prep"):
            continue
        if _has_mark(child, ("that", "whether", "if")):
            return (start, end)
        if child.dep_ in ("acl", "ccomp") and any(g.dep_ in ("nsubj", "nsubjpass") for g in child.children):
            return (start, end)  # "a suspicion the body was Blassie": the "that" left out
        if child.dep_ == "prep" and child.lower_ == "of" and any(g.dep_ == "pcomp" for g in child.children):
            return (start, end)
    following = sent.doc[token.i + 1] if token.i + 1 < sent.end else None
    if following is not None and following.lower_ == "that" and following.dep_ in ("mark", "nsubj"):
        return (start, end)
    return None


def _possibility(token: Token, sent: SpacySpan, start: int, end: int):
    """ "possible" hedges ("a possible role", "it is possible that") except in fixed phrases of
    degree or enablement: "as soon as possible", "the highest possible", "every possible",
    "made it possible"."""
    before = sent.doc[token.i - 1] if token.i > sent.start else None
    if before is not None and (before.lower_ in ("as", "all", "every", "any") or before.tag_ in ("JJS", "RBS")):
        return None
    if token.head.lemma_ == "make" or token.dep_ == "ccomp":
        return None
    # "it is not possible" denies a possibility rather than hedging
    copula = token.head if token.dep_ in ("acomp", "attr") else token
    if any(c.dep_ == "neg" for c in copula.children) or any(c.dep_ == "neg" for c in token.children):
        return None
    return (start, end)


def _possibility_modal(token: Token, sent: SpacySpan, start: int, end: int):
    """ "could" hedges as possibility ("the move could boost"), not as past ability: not
    negated ("could not attend"), not with a personal subject ("he could play"), not in a
    purpose or relative clause ("so that he could", "players who could"), not with a verb of
    perception ("could be seen")."""
    head = token.head
    if any(c.dep_ == "neg" for c in head.children):
        return None
    if head.dep_ in ("relcl", "advcl", "acl") or head.lemma_ in _PERCEPTION:
        return None
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ in _PERSONAL:
        return None
    return (start, end)


def _clause_complement(token: Token, sent: SpacySpan, start: int, end: int):
    """Evidence and prediction verbs hedge the clause they introduce: "results indicate that",
    "is predicted to bind"; not "as indicated in Table 1" or "the proposed model"."""
    if token.dep_ == "amod":
        return None
    passive = any(c.dep_ in _PASSIVE_AUX for c in token.children)
    for child in token.children:
        if child.dep_ == "ccomp":
            return (start, end)
        if child.dep_ == "xcomp" and _has_to(child) and (passive or token.dep_ == "acl"):
            return (start, end)  # "is predicted to bind"; active "proposed to acquire" is an intention
    return None


def _open_question(token: Token, sent: SpacySpan, start: int, end: int):
    """Investigation verbs hedge when what they investigate is an open question: a wh-clause
    ("examined how ...") or a noun such as "role", "effect", "mechanism" (lexicon
    `hedges_questions`): "we investigated the role of X"; not "police investigated the crash"."""
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in _question_nouns():
            return (start, end)
        if child.dep_ == "ccomp" and any(g.tag_ in _WH_TAGS or g.lower_ in ("whether", "if") for g in child.children):
            return (start, end)
    return None


def _active(token: Token, sent: SpacySpan, start: int, end: int):
    """ "questioned" doubts in the active ("analysts questioned how"), but "he was questioned
    by police" is an interrogation."""
    return None if any(c.dep_ in _PASSIVE_AUX for c in token.children) else (start, end)


def _predicative_adjective(token: Token, sent: SpacySpan, start: int, end: int):
    """ "unknown" hedges as a predicate ("the cause is unknown", P=31/41), not as a modifier
    ("an unknown artist", P=4/43)."""
    return None if token.dep_ == "amod" else (start, end)


def _negated(token: Token, sent: SpacySpan, start: int, end: int):
    """Knowledge words hedge when denied: "not known", "little is known", "no evidence", "is not
    clear". The negator may sit on the copula ("it is not clear"): the cue then spans it."""
    heads = [token]
    if token.dep_ in ("acomp", "attr", "dobj", "nsubj") and token.head.i != token.i:
        heads.append(token.head)  # "is not clear", "there is no evidence", "has no proof"
    for head in heads:
        for child in head.children:
            if child.lower_ in _NEGATORS and child.dep_ in _NEGATOR_DEPS:
                lo, hi = min(child.i, start), max(child.i + 1, end)
                # keep the cue short: a negator far away is still found, but not spanned
                return (lo, hi) if hi - lo <= 4 else (start, end)
    return None


def _conditional_main(token: Token, sent: SpacySpan, start: int, end: int):
    """ "would"/"will" in the main clause of a condition ("would strike if ...") hedge as
    conditional; elsewhere they mostly report a plan or a past future ("said it would")."""
    for other in sent:
        if other.lower_ in _CONDITIONAL_MARKERS and other.dep_ in ("mark", "advmod", "prep"):
            return (start, end)
    return None


def _open_until(token: Token, sent: SpacySpan, start: int, end: int):
    """ "until" makes a condition of an event still to come ("sanctions stay until Iraq
    complies", P=26/34 with a present-tense clause), not of a past one ("he served until he
    died", 4/29) nor of a date ("until 1994")."""
    if token.dep_ != "mark":
        return None
    verb = token.head
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    tense = auxiliaries[0].tag_ if auxiliaries else verb.tag_
    return None if tense in ("VBD", "VBN") else (start, end)


def _according_to_report(token: Token, sent: SpacySpan, start: int, end: int):
    """ "according to reports / rumours / sources": the writer passes on an unnamed report.
    "according to the SEC filing" or "according to Kim" name their source and fail."""
    to = sent.doc[end - 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    noun = objects[0]
    if noun.lemma_.lower() in _REPORT_NOUNS or (
        noun.lemma_.lower() in _UNNAMED_SOURCES and not any(c.dep_ in _DESCRIBERS for c in noun.children)
    ):
        return (start, noun.i + 1)
    return None


def _unnamed_report(token: Token, sent: SpacySpan, start: int, end: int):
    """Report nouns that carry a claim: "reports say", "amid reports (that) their marriage ...",
    "rumours that". "The report was published" carries none."""
    if token.dep_ == "nsubj" and token.head.lemma_ in _REPORT_SPREADING:
        verb = token.head
        if verb.i > token.i and verb.i - token.i <= 3:  # "reports claim", "reports today say"
            return (start, verb.i + 1)
        return (start, end)
    if token.dep_ == "pobj" and token.head.lower_ in ("amid", "amidst", "despite", "following"):
        return (token.head.i, end)
    if any(c.dep_ in ("acl", "ccomp", "relcl") and _has_mark(c, ("that",)) for c in token.children):
        return (start, end)
    return None


def _unnamed_sources(token: Token, sent: SpacySpan, start: int, end: int):
    """Bare plural "sources say": nothing describes the sources, and they are the subject of a
    reporting verb. "Pentagon sources said" or "a source claims" describe an anonymous source,
    which the claims stage records as such rather than as a hedge."""
    if any(c.dep_ in _DESCRIBERS for c in token.children):
        return None
    verb = token.head
    if token.dep_ == "nsubj" and verb.lemma_ in _REPORTING_VERBS:
        if verb.i > token.i and verb.i - token.i <= 3:
            return (start, verb.i + 1)
        return (start, end)
    return None


RULES: dict[str, Rule] = {
    "passive_report": _passive_report,
    "complement": _complement,
    "as_complement": _as_complement,
    "predicative": _predicative,
    "belief": _belief,
    "expectation": _expectation,
    "content_clause": _content_clause,
    "possibility": _possibility,
    "possibility_modal": _possibility_modal,
    "clause_complement": _clause_complement,
    "open_question": _open_question,
    "predicative_adjective": _predicative_adjective,
    "active": _active,
    "negated": _negated,
    "conditional_main": _conditional_main,
    "open_until": _open_until,
    "according_to_report": _according_to_report,
    "unnamed_report": _unnamed_report,
    "unnamed_sources": _unnamed_sources,
}


@cache
def _question_nouns() -> frozenset[str]:
    return lexicons.words("hedges_questions")


@cache
def _pregnancy_objects() -> frozenset[str]:
    return lexicons.words("hedges_pregnancy")


# --- lexicon ------------------------------------------------------------------------------


@cache
def _index() -> dict[str, tuple[_Entry, ...]]:
    """Lexicon rows by the lower-case forms of their first word, compiled once."""
    by_first: dict[str, list[_Entry]] = {}
    for order, row in enumerate(lexicons.load(LEXICON)):
        if len(row) < 2:
            raise ConfigError(f"lexicon {LEXICON}.txt: row {row!r} needs a cue and a type")
        phrase, type_ = row[0], row[1]
        tags = row[2] if len(row) > 2 else "*"
        rule = row[3] if len(row) > 3 else None
        if type_ not in TYPES:
            raise ConfigError(f"lexicon {LEXICON}.txt: {phrase!r} has type {type_!r}; use one of {', '.join(TYPES)}")
        if rule is not None and rule not in RULES:
            raise ConfigError(f"lexicon {LEXICON}.txt: {phrase!r} names rule {rule!r}; use one of {', '.join(RULES)}")
        words, optional = [], []
        for word in phrase.lower().split():
            optional.append(word.endswith("?"))
            words.append(frozenset(word.rstrip("?").split("|")))
        if optional[0]:
            raise ConfigError(f"lexicon {LEXICON}.txt: {phrase!r} may not start with an optional word")
        entry = _Entry(
            words=tuple(words),
            optional=tuple(optional),
            type=type_,
            tags=frozenset() if tags == "*" else frozenset(tags.split(",")),
            rule=rule,
            order=order,
        )
        for form in words[0]:
            by_first.setdefault(form, []).append(entry)
    return {form: tuple(entries) for form, entries in by_first.items()}


def _match_end(entry: _Entry, sent: SpacySpan, i: int) -> int | None:
    """Doc index just past the longest match of `entry` starting at doc token `i`, or None."""
    doc, limit = sent.doc, sent.end

    def walk(k: int, j: int) -> int | None:
        if k == len(entry.words):
            return j
        if j < limit and doc[j].lower_ in entry.words[k]:
            found = walk(k + 1, j + 1)
            if found is not None:
                return found
        return walk(k + 1, j) if entry.optional[k] else None

    return walk(1, i + 1)


def find_hedges(sent: SpacySpan) -> list[Hedge]:
    """The hedge cues inside a sentence (or any span), typed, with article offsets.

    Example: in "The pair are rumoured to have split, according to reports." the cues are
    "are rumoured to" and "according to reports", both `reportative`.
    """
    index = _index()
    doc = sent.doc
    found: list[tuple[int, int, _Entry]] = []
    for token in sent:
        entries = index.get(token.lower_)
        if not entries:
            continue
        for entry in entries:
            if entry.tags and token.tag_ not in entry.tags and token.pos_ not in entry.tags:
                continue
            end = _match_end(entry, sent, token.i)
            if end is None:
                continue
            extent = (token.i, end) if entry.rule is None else RULES[entry.rule](token, sent, token.i, end)
            if extent is not None:
                lo, hi = max(extent[0], sent.start), min(extent[1], sent.end)
                found.append((lo, hi, entry))
    # longest first, then the earlier lexicon row; keep those that overlap nothing kept
    found.sort(key=lambda f: (f[0] - f[1], f[2].order, f[0]))
    taken: set[int] = set()
    hedges = []
    for lo, hi, entry in found:
        if taken.intersection(range(lo, hi)):
            continue
        taken.update(range(lo, hi))
        span = doc[lo:hi]
        hedges.append(Hedge(start=span.start_char, end=span.end_char, text=span.text, type=entry.type))
    hedges.sort(key=lambda h: h.start)
    return hedges

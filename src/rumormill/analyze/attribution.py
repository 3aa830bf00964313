"""Attribution structures: who (source) says (cue) what (content), shared by quotes and claims.

    >>> doc = nlp()("A source claims Kanye has been in Wyoming for a year.")
    >>> [(a.kind, doc[a.cue[0]:a.cue[1]].text) for a in find_attributions(doc[:], set())]
    [('speech', 'claims')]

An `Attribution` holds token ranges (`[start, end)` into the Doc) for its cue, source and
content, plus what the source is and how firmly the content is put. The structures, tried on
every token of a sentence, are:

  1. speech, belief and stance verbs with their subject ("Kanye claimed ...", "a poll shows
     ...", "Cruz endorsed Trump"), lexicons `speech_verbs`, `attribution_cognition`,
     `attribution_stance`;
  2. "according to X" (X is the source);
  3. reportative adverbs ("reportedly", "allegedly"): unattributed reporting;
  4. reportative passives ("X is said to ...", "it is understood that ..."): spaCy makes the
     verb the ROOT and X its nsubjpass, so X is the content's subject, never the source;
  5. nouns with a clause ("reports that ...", "his claim that ...");
  6. evidential verbs ("Kim appeared upset"): the writer's inference, no source;
  7. headline colons ("Graham: Trump's rhetoric destroying GOP"): a short name, a colon, a
     statement.

Attributions nest: "he said she thinks X" is one attribution (said) whose content holds the
other; PolNeAR gives each token one role, so a cue inside another's complement is dropped. A
cue in an adverbial or coordinated clause ("..., while Y is thought to ...") is kept and its
clause is cut out of the other's content.

Limits: one sentence at a time (a cue in one sentence for content in the next is the quote
finder's business); no ellipsis ("So does Kim."); a cue verb with no content is ignored.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import Source
from . import lexicons
from .context import Context

# A subject phrase longer than this is a parse error (a whole clause taken as the subject).
_MAX_SOURCE_TOKENS = 25
# Dependencies through which a cue belongs to another attribution's content (nested, as in
# "he said she thinks X"), rather than sitting beside it ("..., while Y is thought to ...").
_SEPARATE = ("advcl", "relcl", "parataxis", "conj", "acl", "appos")
_PERSONAL = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
_NAMED_ENTS = {"PERSON", "ORG", "NORP", "GPE", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT"}
# Words that mark a source as withheld on purpose: "familiar with", "close to", "with
# knowledge of", "who asked not to be named", "speaking on condition of anonymity".
_WITHHELD = {"familiar", "close", "knowledge", "anonymity", "unnamed", "anonymous", "named", "identified"}
# Anonymous heads that name a role more than a withheld identity: anonymous only when one
# unnamed person ("an aide said") or withheld ("people close to the couple"), descriptive
# otherwise ("the president's aide", "several cast members").
_WEAK_ANONYMOUS = {
    "official", "aide", "member", "associate", "people", "person", "one", "fan", "user",
    "follower", "viewer", "neighbour", "neighbor", "colleague", "crew", "relative", "pundit",
    "commentator", "staffer", "co-star", "costar", "observer", "witness", "onlooker", "eyewitness",
}  # fmt: skip


@dataclass
class Attribution:
    """One (source, cue, content) structure, in token ranges `[start, end)` of the Doc.

    `kind` says which structure found it (speech | cognition | stance | according | adverb |
    passive | noun | evidential | colon); `source_kind` is a `model.SourceKind`; `hedge` is the
    reportative expression ("is said to", "According to reports") when there is one.
    """

    kind: str
    head: Token
    cue: tuple[int, int]
    content: tuple[int, int] | None
    content_root: Token | None
    source: tuple[int, int] | None = None
    source_kind: str = "none"
    source_head: Token | None = None
    channel: str | None = None
    effect: str | None = None  # doxastic | bouletic | factive (belief verbs)
    denied: bool = False
    hedge: tuple[int, int] | None = None
    clause: set[int] = field(default_factory=set)  # tokens the attribution owns in its sentence


# --- lexicons, read once ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    speech: dict[str, str | None]
    clause_only: frozenset[str]
    quote_only: frozenset[str]  # speech verbs only beside a direct quote (quotes.py)
    clause_objects: frozenset[str]  # `clause` speech verbs whose object can be the content
    stance_prep_only: frozenset[str]
    triggers: frozenset[str]  # every lemma or form that can start an attribution
    channel_patterns: dict[str, tuple[tuple[str | None, str, str], ...]]
    cognition: dict[str, str]
    cognition_objects: frozenset[str]  # belief/evidence verbs whose object can be the content
    stance: frozenset[str]
    stance_preps: dict[str, frozenset[str]]
    nouns: dict[str, str]
    evidential: frozenset[str]
    report_adverbs: frozenset[str]
    report_passives: frozenset[str]
    report_sources: frozenset[str]
    report_spread: frozenset[str]  # "rumours are swirling that ...": the noun's verb
    denial_verbs: frozenset[str]
    dismissive: frozenset[str]
    denial_predicates: tuple[tuple[str, ...], ...]
    flat_denials: tuple[tuple[str, ...], ...]  # deny whatever the subject: "there is no truth to"
    rumour_words: frozenset[str]
    denial_speakers: frozenset[str]  # "a rep", "her lawyer": they answer for someone
    anonymous: frozenset[str]
    self_phrases: frozenset[str]
    outlet_names: dict[str, str]
    outlet_nouns: frozenset[str]
    outlet_words: frozenset[str]  # masthead words: "Daily", "Times", "Gazette"


@cache
def lexicon() -> _Lexicon:
    """All attribution lexicons, parsed once per process."""
    speech: dict[str, str | None] = {}
    clause_only: set[str] = set()
    quote_only: set[str] = set()
    clause_objects: set[str] = set()
    patterns: dict[str, list[tuple[str | None, str, str]]] = defaultdict(list)
    for row in lexicons.load("speech_verbs"):
        words = row[0].lower().split()
        channel = row[1] if len(row) > 1 and row[1] != "-" else None
        if len(words) == 1:
            speech[words[0]] = channel
            if "clause" in row[2:]:
                clause_only.add(words[0])
            if "quote" in row[2:]:
                quote_only.add(words[0])
            if "object" in row[2:]:
                clause_objects.add(words[0])
            continue
        lemma, rest = words[0], words[1:]
        prep = rest[0] if len(rest) > 1 else None
        patterns[lemma].append((prep, rest[-1], channel or ""))
        if lemma != "*":
            speech.setdefault(lemma, None)
    stance, stance_preps, bare = set(), defaultdict(set), set()
    for row in lexicons.load("attribution_stance"):
        stance.add(row[0].lower())
        if len(row) > 1:
            stance_preps[row[0].lower()].add(row[1].lower())
        else:
            bare.add(row[0].lower())
    reports = defaultdict(set)
    for row in lexicons.load("report_phrases"):
        reports[row[1]].add(row[0].lower())
    denial = defaultdict(set)
    for row in lexicons.load("denial_cues"):
        denial[row[1]].add(row[0].lower())
    outlets = {row[0].lower(): row[1] for row in lexicons.load("attribution_outlets")}
    triggers = set(speech) | set(stance) | set(lexicons.mapping("attribution_cognition"))
    triggers |= set(lexicons.mapping("attribution_nouns")) | lexicons.words("attribution_evidential")
    triggers |= reports["adverb"] | reports["passive"] | {"according", "per", ":"}
    return _Lexicon(
        speech=speech,
        clause_only=frozenset(clause_only),
        quote_only=frozenset(quote_only),
        clause_objects=frozenset(clause_objects),
        stance_prep_only=frozenset(stance - bare),
        triggers=frozenset(triggers),
        channel_patterns={k: tuple(v) for k, v in patterns.items()},
        cognition=lexicons.mapping("attribution_cognition"),
        cognition_objects=frozenset(r[0].lower() for r in lexicons.load("attribution_cognition") if "object" in r[2:]),
        stance=frozenset(stance),
        stance_preps={k: frozenset(v) for k, v in stance_preps.items()},
        nouns=lexicons.mapping("attribution_nouns"),
        evidential=lexicons.words("attribution_evidential"),
        report_adverbs=frozenset(reports["adverb"]),
        report_passives=frozenset(reports["passive"]),
        report_sources=frozenset(reports["source"]),
        report_spread=frozenset(reports["spread"]),
        denial_verbs=frozenset(denial["verb"]),
        dismissive=frozenset(denial["dismissive"]),
        denial_predicates=tuple(tuple(p.split()) for p in denial["predicate"]),
        flat_denials=tuple(tuple(p.split()) for p in denial["flat"]),
        rumour_words=frozenset(denial["rumour"]),
        denial_speakers=frozenset(denial["speaker"]),
        anonymous=lexicons.words("anonymous_sources"),
        self_phrases=lexicons.words("attribution_self"),
        outlet_names={k: v for k, v in outlets.items() if v in ("name", "ambiguous")},
        outlet_nouns=frozenset(k for k, v in outlets.items() if v == "noun"),
        outlet_words=frozenset(k for k, v in outlets.items() if v in ("masthead", "noun")),
    )


def verb_class(token: Token) -> str | None:
    """speech | cognition | stance | None for a verb token, by lemma (speech wins)."""
    lemma = token.lemma_.lower()
    lex = lexicon()
    if lemma in lex.speech:
        return "speech"
    if lemma in lex.cognition:
        return "cognition"
    if lemma in lex.stance:
        return "stance"
    return None


def is_speech_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lexicon().speech


# --- small tree helpers -----------------------------------------------------------------------


def _subtree_range(token: Token) -> tuple[int, int]:
    return (token.left_edge.i, token.right_edge.i + 1)


def trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Drop punctuation, spaces and conjunctions at both ends; None when nothing is left.
    A closing quote mark stays when the span opens a quote ('her a "white supremacist"')."""
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "cc"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"):
        end -= 1
    if start < end and end < len(doc) and doc[end].is_quote and doc[end].tag_ == "''":
        opened = sum(1 for t in doc[start:end] if t.is_quote) % 2 == 1
        if opened:
            end += 1
    return (start, end) if start < end else None


def _has_aux_to(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _is_passive(token: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _clause_verb(token: Token) -> Token:
    """The nearest verb at or above `token` that heads a clause (for adverbs, PPs)."""
    current = token
    for _ in range(8):  # a clause head is never more than a few arcs up; stop on odd parses
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("aux", "auxpass"):
            return current
        if current.head.i == current.i:
            return current
        current = current.head
    return current


# --- sources ----------------------------------------------------------------------------------


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The speaker of a cue verb: its subject, its agent, or the subject it shares."""
    subject = _child(verb, "nsubj", "csubj")
    if subject is not None:
        return subject
    agent = _child(verb, "agent")
    if agent is not None:
        return _child(agent, "pobj")
    if depth > 3:  # a chain of shared subjects longer than this is a misparse
        return None
    head = verb.head
    if head.i == verb.i:
        return None
    # "claimed X was ignoring his calls and hailed her ...": spaCy often hangs the second
    # reporting verb on the reported clause; a conjunct with the reporting verb's tense
    # belongs to the reporting verb.
    if verb.dep_ == "conj" and head.dep_ == "ccomp" and head.head.tag_ == verb.tag_ != head.tag_:
        if verb_class(head.head) is not None:
            return subject_of(head.head, depth + 1)
    # "went on to say", "declined to comment": the matrix subject speaks.
    if verb.dep_ == "xcomp" or (verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX")):
        return subject_of(head, depth + 1)
    # "..., saying that ...": a participle shares its main verb's subject.
    if verb.dep_ in ("advcl", "acl") and verb.tag_ == "VBG" and head.pos_ in ("VERB", "AUX"):
        return subject_of(head, depth + 1)
    # "went on to say that ...": an infinitive of purpose or sequence shares it too
    if verb.dep_ == "advcl" and _has_aux_to(verb) and head.pos_ in ("VERB", "AUX"):
        return subject_of(head, depth + 1)
    # "responded by saying that ...": a gerund under a preposition of the main verb
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return subject_of(head.head, depth + 1)
    # "amid sources claiming that ...": a participle on a noun is said by that noun
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
        return head
    # "An insider revealed to Us Weekly that ...": spaCy sometimes makes the subject noun the
    # ROOT and the finite verb (VBD, not a participle) its acl; the noun is the speaker.
    if verb.dep_ == "acl" and verb.tag_ == "VBD" and head.dep_ == "ROOT" and head.i < verb.i:
        if head.pos_ in ("NOUN", "PROPN") and _child(verb, "ccomp") is not None:
            return head
    # "Trump, who said ...": the antecedent of the relative clause.
    if verb.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return head
    return None


def source_words(token: Token, avoid: set[int]) -> tuple[int, int] | None:
    """The words naming the source: the subject's phrase, without relative clauses that
    hold the cue and without tokens of other roles (`avoid`)."""
    doc = token.doc
    start, end = _subtree_range(token)
    for child in token.children:
        if child.dep_ in ("relcl", "acl") and any(t.i in avoid for t in child.subtree):
            if child.i > token.i:
                end = min(end, child.left_edge.i)
    if any(i in avoid for i in range(start, end)):
        # keep the contiguous run of non-avoided tokens around the head
        start, end = token.i, token.i + 1
        while start > 0 and start - 1 >= token.left_edge.i and start - 1 not in avoid:
            start -= 1
        while end <= token.right_edge.i and end not in avoid:
            end += 1
    if end - start > _MAX_SOURCE_TOKENS:
        start, end = token.i, token.i + 1
    return trim(doc, start, end)


def _name_tokens(head: Token) -> list[Token]:
    return [head] + [c for c in head.children if c.dep_ in ("compound", "flat", "appos") and c.pos_ == "PROPN"]


# What a publication puts out: "The Times' investigation", "the magazine's report".
PUBLISHED_NOUNS = frozenset({"article", "report", "story", "investigation", "piece", "exclusive", "interview", "cover"})


def outlet_match(span: SpacySpan, lex: _Lexicon) -> bool:
    """True when the phrase ends in an outlet name ("TMZ", "People magazine") or is a
    definite outlet noun ("the newspaper")."""
    # an exclamation mark glued to a word is part of a masthead ("E! News", "OK!", "Hello!")
    words = [t for t in span if not t.is_punct or (t.text == "!" and t.i > span.start and not t.nbor(-1).whitespace_)]
    if not words:
        return False
    head = span.root
    if head.lemma_.lower() in lex.outlet_nouns and any(c.lower_ in ("the", "this", "that") for c in head.children):
        return True
    if head.lemma_.lower() in lex.outlet_nouns | PUBLISHED_NOUNS:
        # "gossip website RadarOnline", "The Times' investigation", "the magazine's report"
        named = [c for c in head.children if c.dep_ in ("appos", "poss", "compound") and c.pos_ == "PROPN"]
        for c in named:
            if outlet_match(span.doc[c.left_edge.i : c.i + 1], lex) or c.lower_ in lex.outlet_words:
                return True
        if head.lemma_.lower() in lex.outlet_nouns and any(
            c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.children
        ):
            return True
    # an unknown masthead: a capitalised name with a masthead word ("the Daily Ledger")
    name = [t for t in words if t.i == head.i or (t.head.i == head.i and t.dep_ in ("compound", "amod"))]
    if head.pos_ == "PROPN" and len(name) > 1 and all(t.text[:1].isupper() for t in name):
        if any(t.lower_ in lex.outlet_words for t in name):
            return True
    doc = span.doc
    for n in range(min(4, len(words)), 0, -1):
        for i in range(0, len(words) - n + 1):
            # the words as written, so that "E! News" and "RadarOnline.com" match their entries
            # (a Span's text, not doc.text: Doc.text joins the whole document on every access)
            phrase = " ".join(doc[words[i].i : words[i + n - 1].i + 1].text.lower().split())
            kind = lex.outlet_names.get(phrase)
            after = words[i + n - 1].i + 1
            if kind is None and after < len(doc) and doc[after].text == "!" and not doc[after - 1].whitespace_:
                kind = lex.outlet_names.get(phrase + "!")  # "according to OK!": the parser left the "!" out
            if kind is None:
                continue
            first = words[i]
            # the phrase must name the head: end at the head, or modify an outlet noun
            # ("People magazine"); "NBC's Dante Chinni" is a person, not NBC
            last = words[i + n - 1]
            if last.i != head.i and not (
                last.head.i == head.i and last.dep_ == "compound" and head.lemma_.lower() in lex.outlet_nouns
            ):
                if not (
                    last.head.i == head.i
                    and last.dep_ in ("compound", "flat")
                    and head.pos_ == "PROPN"
                    and head.lower_ in lex.outlet_words
                ):
                    continue
            if kind == "ambiguous":
                capitalised = first.text[:1].isupper()
                sentence_initial = first.is_sent_start or first.i == span.sent.start
                before_noun = i + n < len(words) and words[i + n].lemma_.lower() in lex.outlet_nouns
                if not capitalised or (sentence_initial and not before_noun):
                    continue
            return True
    return False


def classify_source(span: SpacySpan, entity: str | None, outlet: str | None = None, title_case: bool = False) -> str:
    """The `SourceKind` of the words naming a source.

    1. the writer ("we", "this website", the article's own outlet): self
    2. a publication ("TMZ", "People magazine", "the newspaper"): outlet
    3. a report noun with no name ("reports", "local media"): reports
    4. an anonymous head ("a source", "an insider", "Kim's pal"): anonymous
    5. a name, or a phrase or pronoun the entities stage resolved to an entity: named
    6. anything else ("a spokesperson", "police", "her lawyer"): descriptive
    """
    lex = lexicon()
    head = span.root
    if head.lower_ in ("who", "which", "that") and head.head.dep_ == "relcl" and head.head.head.i != head.head.i:
        antecedent = head.head.head  # "Trump, who said ...": the antecedent names the source
        return classify_source(antecedent.doc[antecedent.i : antecedent.i + 1], entity, outlet, title_case)
    text = span.text.lower().strip()
    if text in lex.self_phrases or head.lower_ in ("we", "us"):
        return "self"
    if outlet and text.removeprefix("the ").strip() == outlet.lower().removeprefix("the ").strip():
        return "self"
    if outlet_match(span, lex):
        return "outlet"
    # "a Bravo rep", "the Kardashian family": a common-noun head with a name before it is a
    # role, and so is a lower-case head the tagger called a name ("rep" tagged PROPN)
    proper = head.pos_ == "PROPN" and not head.text.islower()
    has_name = proper or head.ent_type_ in _NAMED_ENTS
    # a headline speaker ("Trump: ...") is a name when capitalised, whatever the tagger says
    has_name = has_name or (title_case and all(t.text[:1].isupper() for t in span if t.is_alpha))
    lemma = head.lemma_.lower()
    if not has_name and (lemma in lex.report_sources or head.lower_ in lex.report_sources):
        if not any(t.pos_ == "PROPN" for t in span):
            return "reports"
    if not has_name and (lemma in lex.anonymous or head.lower_ in lex.anonymous):
        if lemma not in _WEAK_ANONYMOUS:
            return "anonymous"
        # a role noun is anonymous when it hides one person ("an official", "a person
        # familiar with the matter", "people close to the couple"), descriptive when it
        # names a group ("several cast members", "young people", "state officials")
        if any(t.lower_ in _WITHHELD for t in span):
            return "anonymous"
        determiners = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod")}
        if head.tag_ not in ("NNS", "NNPS") and determiners & {"a", "an", "one", "another"}:
            return "anonymous"
        return "descriptive"
    if has_name or entity is not None:
        return "named"
    if head.pos_ == "PRON" and head.lower_ in _PERSONAL:
        return "named"  # "he"/"she" point back to someone the article introduced
    return "descriptive"


# --- channels ---------------------------------------------------------------------------------


def _match_channel(verb: Token) -> tuple[str | None, int]:
    """The channel a cue verb's dependents imply, and the last token of a contiguous
    channel phrase to add to the cue ("told the audience" -> index of "audience")."""
    lex = lexicon()
    lemma = verb.lemma_.lower()
    patterns = lex.channel_patterns.get(lemma, ()) + lex.channel_patterns.get("*", ())
    if not patterns:
        return None, verb.i
    for child in verb.children:
        if child.dep_ == "prep":
            obj = _child(child, "pobj")
            if obj is None:
                continue
            words = {obj.lower_, obj.lemma_.lower()}
            for prep, noun, channel in patterns:
                if prep == child.lower_ and noun in words:
                    contiguous = child.i == verb.i + 1
                    return channel, obj.i if contiguous else verb.i
        else:
            words = {child.lower_, child.lemma_.lower()}
            for prep, noun, channel in patterns:
                if prep is None and noun in words:
                    between = verb.doc[verb.i + 1 : child.i]
                    contiguous = child.i > verb.i and all(t.dep_ in ("det", "amod", "poss") for t in between)
                    return channel, child.i if contiguous else verb.i
    return None, verb.i


def channel_of(verb: Token, outlet_object: bool = True) -> tuple[str | None, int]:
    """The channel of a cue verb (lexicon patterns, the verb's own channel, "told <outlet>",
    then the governing verb's channel for "posted ..., writing: ...")."""
    lex = lexicon()
    channel, last = _match_channel(verb)
    if channel:
        return channel, last
    own = lex.speech.get(verb.lemma_.lower())
    if own:
        return own, verb.i
    if outlet_object and verb.lemma_.lower() == "tell":
        obj = _child(verb, "dobj", "dative")
        if obj is not None and outlet_match(verb.doc[obj.left_edge.i : obj.right_edge.i + 1], lex):
            return "interview", verb.i
    if outlet_object and verb.lemma_.lower() in lex.speech:
        # "revealed to Us Weekly", "confirmed to E! News": speaking to a publication
        for child in verb.children:
            obj = _child(child, "pobj") if child.dep_ in ("prep", "dative") and child.lower_ == "to" else None
            if obj is not None and outlet_match(verb.doc[obj.left_edge.i : obj.right_edge.i + 1], lex):
                return "interview", verb.i
    head = verb.head
    if verb.dep_ in ("advcl", "conj", "xcomp") and head.i != verb.i and head.pos_ == "VERB":
        channel, _ = _match_channel(head)
        if channel:
            return channel, verb.i
        own = lex.speech.get(head.lemma_.lower())
        if own:
            return own, verb.i
    return None, verb.i


# --- contents ---------------------------------------------------------------------------------


def _verb_content(verb: Token, cls: str) -> tuple[Token | None, tuple[int, int] | None]:
    """The complement of a cue verb: a that-clause, an infinitive, an object (with its
    predicate: "called him a liar"), or a prepositional object for "call for" and kin."""
    lex = lexicon()
    ccomp = _child(verb, "ccomp")
    if ccomp is not None:
        return ccomp, _subtree_range(ccomp)
    lemma = verb.lemma_.lower()
    xcomp = _child(verb, "xcomp")
    dobj = _child(verb, "dobj")
    if cls == "speech" and lemma in lex.quote_only:
        return None, None
    if cls == "speech" and lemma in lex.clause_only:
        # "answered the phone", "posted a photo": not speech without a clause or a topic
        if xcomp is not None and _has_aux_to(xcomp):
            return xcomp, _subtree_range(xcomp)
        if dobj is not None and lemma in lex.clause_objects:
            return _object_content(verb, dobj)  # "Trump cited several examples"
        root, content = _topic(verb)
        if content is not None:
            return root, content
        # "they pointed to the example of Indiana": a stance preposition the lemma also has
        return _prep_object(verb, lex.stance_preps.get(lemma, frozenset()))
    if cls == "stance" and lemma in lex.stance_prep_only:
        dobj = xcomp = None
    if cls == "cognition" and lemma not in lex.cognition_objects:
        dobj = None  # "she found a job", "he knows the area": not attributions
    if dobj is not None:
        return _object_content(verb, dobj)
    if xcomp is not None and cls != "speech":
        return xcomp, _subtree_range(xcomp)
    preps = lex.stance_preps.get(lemma, frozenset())
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            obj = _child(child, "pobj", "pcomp")
            if obj is not None:
                return obj, _subtree_range(obj)
        # "calling for the US to step up": spaCy parses "for ... to" as a clause with a mark
        if child.dep_ == "advcl" and child.i > verb.i:
            mark = next((g for g in child.children if g.dep_ == "mark" and g.lower_ in preps), None)
            if mark is not None and mark.i == child.left_edge.i:
                return child, (mark.i + 1, child.right_edge.i + 1)
    if cls == "speech":
        root, content = _topic(verb)
        if content is not None:
            return root, content
        # "72 percent said yes", "half said so": an answer stands for the clause
        answer = next(
            (
                c
                for c in verb.children
                if c.i == verb.i + 1 and (c.dep_ == "intj" or (c.dep_ == "advmod" and c.lower_ == "so"))
            ),
            None,
        )
        if answer is not None:
            return answer, (answer.i, answer.i + 1)
    if xcomp is not None:
        return xcomp, _subtree_range(xcomp)
    return None, None


# Dependencies that make a content a proposition rather than a thing: a clause, an
# infinitive, a gerund ("admitted to urinating"), a predicate ("called him a coward").
# Verbs that take a clause so nearly always that a noun-phrase object is a misparsed one
# ("said the couple split": "split" tagged a noun).
_CLAUSE_VERBS = frozenset(
    {"say", "claim", "insist", "allege", "state", "suggest", "add", "maintain", "argue", "report", "confirm", "explain"}
)
_CLAUSAL = {"ccomp", "xcomp", "advcl", "pcomp", "csubj", "oprd", "acomp"}


def _bare_noun_phrase(verb: Token, root: Token | None, content: tuple[int, int]) -> bool:
    """True when a cue verb's content is a plain noun phrase ("tells the magazine", "posted
    a photo", "dissing a program that still has his name on it"): no clause, infinitive,
    gerund, predicate ("described the news as lovely") or quote in it. Such an object names
    what the act was about; the act is the article's own statement, not a reported claim."""
    if root is None or root.dep_ not in ("dobj", "pobj", "dative") or root.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
        return False
    doc = verb.doc
    tokens = doc[content[0] : content[1]]
    if any(t.is_quote for t in tokens):
        return False
    if any(c.dep_ in _CLAUSAL or (c.dep_ == "prep" and c.lower_ == "as") for c in verb.children if c.i > verb.i):
        return False
    for t in tokens:
        if t.dep_ in _CLAUSAL:
            return False
        if t.dep_ == "acl" and any(
            (c.dep_ == "aux" and c.lower_ == "to")
            or (c.dep_ in ("nsubj", "nsubjpass", "mark") and c.tag_ not in ("WDT", "WP"))
            for c in t.children
        ):
            return False  # "her desire to become more politically active", "the fact that Indiana grew"
        if t.dep_ == "acl" and t.tag_ == "VBN" and any(c.is_quote for c in t.subtree):
            return False  # "an article titled 'Jen & Ben Back Together!'"
    return True


def _subject_taken_for_object(
    verb: Token, root: Token | None, content: tuple[int, int] | None
) -> tuple[Token | None, tuple[int, int] | None]:
    """'Jenna confessed their young daughter has already seen too much': the parser made
    the clause's subject the cue's object and the clause's verb the sentence root. When the
    object is followed straight away by its own verb group, that verb's clause is the content.
    """
    if root is None or root.dep_ != "dobj" or root.head.i != verb.i or verb.dep_ not in ("ccomp", "parataxis"):
        return root, content
    host = verb.head
    if host.i <= root.right_edge.i or host.pos_ not in ("VERB", "AUX"):
        return root, content
    between = verb.doc[root.right_edge.i + 1 : host.i]
    if not all(t.dep_ in ("aux", "auxpass", "neg", "advmod") and t.head.i == host.i for t in between):
        return root, content
    return host, (root.left_edge.i, host.right_edge.i + 1)


def _extend_right(verb: Token, root: Token, content: tuple[int, int]) -> tuple[int, int]:
    """An object content takes the prepositional phrases after it: "accused Trump of using
    divisive rhetoric", "thanked his supporters for delivering ...", "referred to the US as
    the 'Great Satan'" (PolNeAR train: content exact F1 +0.01; a time phrase such as "on
    Monday" stops it, as do clauses, which measured no gain)."""
    if root.dep_ != "dobj" or root.head.i != verb.i:
        return content
    start, end = content
    doc = verb.doc
    for child in verb.children:
        if child.i <= root.i or child.left_edge.i < end or child.dep_ in ("punct", "cc"):
            continue
        if child.dep_ != "prep":
            break
        obj = _child(child, "pobj")
        if obj is not None and obj.ent_type_ in ("DATE", "TIME"):
            break
        if any(not (t.is_punct or t.dep_ == "cc") for t in doc[end : child.left_edge.i]):
            break  # only a run of phrases right after the object
        end = child.right_edge.i + 1
    return (start, end)


def _prep_object(verb: Token, preps: frozenset[str]) -> tuple[Token | None, tuple[int, int] | None]:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in preps and child.i > verb.i:
            obj = _child(child, "pobj", "pcomp")
            if obj is not None:
                return obj, _subtree_range(obj)
    return None, None


def _object_content(verb: Token, dobj: Token) -> tuple[Token, tuple[int, int]]:
    start, end = _subtree_range(dobj)
    # "called him a liar", "hailed her a 'white supremacist'" (spaCy: two objects)
    extra = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "ccomp", "dobj") and c.i > dobj.i]
    for c in extra:
        end = max(end, c.right_edge.i + 1)
    return dobj, (start, end)


def _topic(verb: Token) -> tuple[Token | None, tuple[int, int] | None]:
    """'spoke about the need for ...', 'talked of leaving': what the speech was about."""
    for preposition in ("about", "of", "on"):
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == preposition and child.i > verb.i:
                obj = _child(child, "pobj", "pcomp")
                if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):  # "on Tuesday"
                    return obj, _subtree_range(obj)
    return None, None


def cue_start(verb: Token) -> int:
    """First token of a verb cue: auxiliaries, negation and adverbs right before the verb
    belong to it ("has said", "did not mention", "also claimed"), as in PolNeAR."""
    start = verb.i
    left = {c.i: c for c in verb.children if c.i < verb.i}
    while start - 1 in left:
        child = left[start - 1]
        if child.dep_ in ("aux", "auxpass", "neg") or (
            child.dep_ == "advmod" and child.tag_ == "RB" and child.lower_ not in lexicon().report_adverbs
        ):
            start -= 1
        else:
            break
    return start


def _tidy_content(doc: Doc, content: tuple[int, int], root: Token | None) -> tuple[int, int] | None:
    """Trim a clausal content: a leading time phrase that the parser hung on the reported
    clause ("said Tuesday his actions ...") and a trailing comment set off by a comma or a
    dash (", a 16-point margin over Sanders")."""
    start, end = content
    if root is not None and root.dep_ == "ccomp":
        while start < root.i and (
            doc[start].ent_type_ in ("DATE", "TIME")
            or (doc[start].lower_ == "on" and doc[start + 1].ent_type_ in ("DATE", "TIME"))
        ):
            start += 1
        for child in root.children:
            if (
                child.i > root.i
                and child.dep_ in ("npadvmod", "appos", "advcl", "parataxis")
                and child.left_edge.i > start
            ):
                before = doc[child.left_edge.i - 1]
                if before.text in (",", "–", "—", "-", ";") and child.right_edge.i + 1 >= end - 1:
                    end = min(end, before.i)
    return trim(doc, start, end)


def _host_content(verb: Token) -> tuple[Token | None, tuple[int, int] | None]:
    """'X, he said, Y' and '"...," he said': spaCy sometimes hangs the speech verb under
    the reported clause. The content is then the host clause without the cue's subtree."""
    if verb.dep_ not in ("parataxis", "ccomp", "advcl", "conj") or verb.head.i == verb.i:
        return None, None
    host = verb.head
    if host.pos_ not in ("VERB", "AUX") or _child(verb, "nsubj") is None:
        return None, None  # a parenthetical cue has its own subject ("X, he said, Y")
    # only when the cue clause is set off by a comma or a quote mark (spaCy hangs the comma
    # before "he said" on the cue itself or leaves it outside: both count)
    doc = verb.doc
    left = verb.left_edge.i
    set_off = doc[left].is_punct and left < verb.i
    if not set_off and (left == 0 or not (doc[left - 1].is_punct or doc[left - 1].is_quote)):
        return None, None
    start, end = _subtree_range(host)
    cue_lo, cue_hi = _subtree_range(verb)
    if cue_lo <= start:
        start = cue_hi
    elif cue_hi >= end:
        end = cue_lo
    return host, (start, end)


def _denies(attribution: Attribution, doc: Doc) -> bool:
    """Denial by the cue ("denied", "dismissed the rumours") or by the content ("the story
    is completely false", "the reports are not true")."""
    lex = lexicon()
    head = attribution.head
    lemma = head.lemma_.lower()
    if attribution.kind in ("speech", "stance", "cognition") and lemma in lex.denial_verbs:
        return True
    if attribution.content is None:
        return False
    content = doc[attribution.content[0] : attribution.content[1]]
    if lemma in lex.dismissive and attribution.content_root is not None:
        if (
            attribution.content_root.lemma_.lower() in lex.rumour_words
            or attribution.content_root.lower_ in lex.rumour_words
        ):
            return True
    return predicate_denies(content)


def predicate_denies(content: SpacySpan) -> bool:
    """'the story is completely false', 'the reports are not true', 'that's untrue'."""
    lex = lexicon()
    words = [t.lower_ for t in content]
    if _has_phrase(words, lex.flat_denials):
        return True
    subject_ok = any(
        t.dep_ in ("nsubj", "nsubjpass")
        and (
            t.lemma_.lower() in lex.rumour_words
            or t.lower_ in lex.rumour_words
            or t.lower_ in ("it", "this", "that", "that's", "it's")
        )
        for t in content
    )
    return subject_ok and _has_phrase(words, lex.denial_predicates)


def _has_phrase(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == phrase:
                return True
    return False


# --- the finder -------------------------------------------------------------------------------


def _according(token: Token) -> Attribution | None:
    """'according to X, Y' / 'Y, according to X' / 'Per the Associated Press, Y'."""
    if token.lower_ == "per" and token.dep_ == "prep" and _child(token, "pobj") is not None:
        obj = _child(token, "pobj")
        if not (obj.pos_ == "PROPN" or outlet_match(token.doc[obj.left_edge.i : obj.i + 1], lexicon())):
            return None  # "per year", "per person"
        to = token
    elif token.lower_ != "according":
        return None
    else:
        to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
        to = token.doc[token.i + 1]
    if to is None:
        return None
    obj = _child(to, "pobj")
    if obj is None:
        return None
    doc = token.doc
    phrase = set(range(token.left_edge.i, token.right_edge.i + 1)) | {t.i for t in to.subtree} | {token.i}
    host = _clause_verb(token.head)
    start, end = _subtree_range(host)
    if host.i in phrase:
        return None
    # cut the "according to X" phrase off whichever end it sits at (trailing punctuation and
    # the paragraph break after it do not count: "..., according to the Daily Ledger.\n\n")
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    p_start, p_end = min(phrase), max(phrase) + 1
    sent = token.sent
    comma = p_end + 1 if p_end < sent.end and doc[p_end].text == "!" else p_end  # "OK!"
    if (
        p_start > sent.start
        and comma + 1 < sent.end
        and doc[comma].text == ","
        and doc[p_start - 1].lower_ in (",", "but", "and", "yet", "while")
        and any(t.dep_ in ("nsubj", "nsubjpass") and t.left_edge.i == comma + 1 for t in doc[comma : sent.end])
    ):
        # "..., but according to OK!, the two are planning to wed": the clause after the
        # phrase is what it attributes, wherever the parser hung the phrase
        start, end = comma + 1, sent.end
    elif p_start <= start + 1:
        start = max(start, p_end)
    elif p_end >= end - 1:
        end = min(end, p_start)
    content = trim(doc, start, end)
    source = source_words(obj, {token.i, to.i})
    return Attribution(
        kind="according",
        head=token,
        cue=(token.i, to.i + 1),
        content=content,
        content_root=host,
        source=source,
        source_head=obj,
        clause=set(range(host.left_edge.i, host.right_edge.i + 1)),
    )


def _adverb(token: Token) -> Attribution | None:
    """'Kim has reportedly moved out': unattributed reporting over the clause."""
    if token.lower_ not in lexicon().report_adverbs:
        return None
    host = _clause_verb(token.head)
    doc = token.doc
    start, end = _subtree_range(host)
    if token.i == start:
        start += 1
    content = trim(doc, start, end)
    return Attribution(
        kind="adverb",
        head=token,
        cue=(token.i, token.i + 1),
        content=content,
        content_root=host,
        source=(token.i, token.i + 1),
        source_kind="reports",
        hedge=(token.i, token.i + 1),
        clause=set(range(host.left_edge.i, host.right_edge.i + 1)),
    )


def _passive(verb: Token) -> Attribution | None:
    """'X is said to ...' and 'it is understood that ...'."""
    lex = lexicon()
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or not (lemma in lex.report_passives or verb.lower_ in lex.report_passives):
        return None
    auxpass = [c for c in verb.children if c.dep_ == "auxpass"]
    if not auxpass:
        return None
    doc = verb.doc
    subject = _child(verb, "nsubjpass")
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and _has_aux_to(c)), None)
    ccomp = _child(verb, "ccomp")
    agent = _child(verb, "agent")
    negs = [c for c in verb.children if c.dep_ == "neg"]
    first = min([t.i for t in auxpass + negs] + [verb.i])
    cue = (first, verb.i + 1)
    if xcomp is not None:
        root = xcomp
        start = subject.left_edge.i if subject is not None else xcomp.left_edge.i
        end = xcomp.right_edge.i + 1
        to = next(c for c in xcomp.children if c.dep_ == "aux" and c.lower_ == "to")
        hedge = (first, to.i + 1) if to.i == verb.i + 1 else cue
    elif ccomp is not None and subject is not None and subject.lower_ == "it" and lemma != "tell":
        root = ccomp
        start, end = _subtree_range(ccomp)
        hedge = (subject.i, verb.i + 1) if subject.i < verb.i else cue
    elif ccomp is not None and subject is not None and lemma == "tell" and _is_writer(subject):
        # "We're told it's false", "Gossip Cop is told that ...": the writer heard it from
        # someone it does not name, an anonymous source
        root = ccomp
        start, end = _subtree_range(ccomp)
        first = min(first, subject.i)
        cue = (first, verb.i + 1)
        return Attribution(
            kind="passive",
            head=verb,
            cue=cue,
            content=trim(doc, start, end),
            content_root=root,
            source=None,
            source_kind="anonymous",
            clause=set(range(min(start, first), max(end, verb.i + 1))),
        )
    else:
        return None
    if lemma == "tell":
        return None  # "she was told to leave": an order, not a report
    source, source_head, kind = None, None, "reports"
    if agent is not None and _child(agent, "pobj") is not None:
        source_head = _child(agent, "pobj")
        source = source_words(source_head, set())
        kind = "none"  # classified later like any named source
    clause_start = min(start, first)
    return Attribution(
        kind="passive",
        head=verb,
        cue=cue,
        content=trim(doc, start, end),
        content_root=root,
        source=source if source else (hedge if kind == "reports" else None),
        source_head=source_head,
        source_kind=kind,
        hedge=hedge,
        clause=set(range(clause_start, max(end, verb.i + 1))),
    )


def _is_writer(token: Token) -> bool:
    """'we', 'I', or the article's own outlet named as the hearer ("Gossip Cop is told")."""
    if token.lower_ in ("we", "i"):
        return True
    span = token.doc[token.left_edge.i : token.right_edge.i + 1]
    return span.text.lower().strip() in lexicon().self_phrases


# A headline-style speaker before a colon is a short name ("Clinton camp: ...", "NY Daily
# News: ..."); six tokens cover "Dr. Ben Carson" and "Sen. Lindsey Graham (R-SC)" heads.
_MAX_COLON_SOURCE = 6
_COLON_LABELS = {
    "update", "updated", "note", "warning", "related", "watch", "video", "listen", "live", "breaking",
    "exclusive", "opinion", "analysis", "editorial", "q", "a", "correction", "question", "answer",
    "latest", "spoiler", "trailer", "recap", "review", "quiz", "photos", "gallery",
    "also", "read", "see", "more", "pictured", "inside",  # "Also Read:", "Pictured:"
}  # fmt: skip


# A clock time as one token ("11:04", "9:45pm"): live-blog entries start with one, and spaCy
# tags it neither TIME nor a number.
_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}(?:[ap]\.?m\.?)?$", re.I)


# Common nouns that speak before a headline colon ("Poll: ...", "Study: ...").
_COLON_SOURCE_NOUNS = {"poll", "survey", "study", "report"}


def colon_speaker(token: Token) -> tuple[int, int] | None:
    """The speaker before a headline colon ("Graham: ...", "Poll: ..."), or None: a short
    name or poll at the start of the sentence, no verb, not a label ("Update:", "Picture:")."""
    if token.text != ":":
        return None
    sent = token.sent
    left = token.doc[sent.start : token.i]
    words = [t for t in left if not (t.is_punct or t.is_space)]
    if not words or len(words) > _MAX_COLON_SOURCE:
        return None
    if any(
        t.pos_ in ("VERB", "AUX") or t.is_quote or t.like_num or t.ent_type_ in ("TIME", "DATE") or _CLOCK.match(t.text)
        for t in left
    ):
        return None  # "12:50 p.m.:", "2016: ...", "11:04: ..." (a live blog's timestamp, one token)
    if words[0].lower_ in _COLON_LABELS or (
        words[0].lower_ == "the" and len(words) > 1 and words[1].lower_ in _COLON_LABELS
    ):
        return None
    if len(words) == 1 and words[0].pos_ in ("ADJ", "ADV", "VERB") and words[0].ent_type_ not in _NAMED_ENTS:
        # "Inseparable: ...", "Intimate: ...": a one-word photo-caption label (Daily Mail
        # style) tagged as an adjective. Not every label: the tagger calls most capitalised
        # words before a colon PROPN ("Aftermath:"), and dropping those that are no entity
        # cost PolNeAR dev+test 5 true headline speakers out of 6.
        if words[0].lemma_.lower() not in _COLON_SOURCE_NOUNS and words[0].lemma_.lower() not in lexicon().outlet_nouns:
            return None
    if words[0].lower_ == "the" and not outlet_match(left, lexicon()):
        return None  # "The Ninth Circle: ...": a title, not a speaker
    # a name: tagged so, or capitalised throughout (headlines confuse the tagger: "Trump"
    # before a colon comes out as a common noun)
    named = any(t.pos_ == "PROPN" for t in words) or all(t.text[:1].isupper() for t in words if t.is_alpha)
    if not (
        named
        or any(t.lemma_.lower() in lexicon().outlet_nouns or t.lemma_.lower() in _COLON_SOURCE_NOUNS for t in words)
    ):
        return None
    if words[0].lower_ in _boilerplate_labels():
        return None
    return trim(token.doc, left.start, left.end)


def _colon(token: Token) -> Attribution | None:
    """'Graham: Trump's rhetoric destroying GOP's chance': a headline-style attribution."""
    source = colon_speaker(token)
    if source is None:
        return None
    doc = token.doc
    sent = token.sent
    right_start, right_end = token.i + 1, sent.end
    if right_end - right_start < 2 and sent.end < len(doc) and "\n" not in doc[sent.end - 1].whitespace_:
        right_end = doc[sent.end].sent.end  # the parser split after the colon
    if sum(1 for t in doc[right_start:right_end] if t.is_alpha) < 3:
        return None
    content = trim(doc, right_start, right_end)
    if content is None or source is None:
        return None
    return Attribution(
        kind="colon",
        head=token,
        cue=(token.i, token.i + 1),
        content=content,
        content_root=token.doc[content[0] : content[1]].root,
        source=source,
        source_head=token.doc[source[0] : source[1]].root,
        clause=set(range(sent.start, max(sent.end, content[1]))),
    )


@cache
def _boilerplate_labels() -> frozenset[str]:
    """First words of one-word boilerplate labels: "picture", "image", "credit" ..."""
    return frozenset(row[0].rstrip(":").lower() for row in lexicons.load("boilerplate") if " " not in row[0])


def _evidential(verb: Token) -> Attribution | None:
    """'Kim appeared upset', 'the pair seem to have patched things up'."""
    if verb.lemma_.lower() not in lexicon().evidential or verb.pos_ not in ("VERB", "AUX"):
        return None
    # xcomp and acomp only: with a that-clause or a predicate noun these verbs are rarely
    # evidential (PolNeAR train: under 0.45 of such uses are attributions)
    comp = _child(verb, "xcomp", "acomp")
    if comp is None:
        return None
    subject = _child(verb, "nsubj")
    start = subject.left_edge.i if subject is not None and subject.lower_ != "it" else comp.left_edge.i
    end = comp.right_edge.i + 1
    return Attribution(
        kind="evidential",
        head=verb,
        cue=(verb.i, verb.i + 1),
        content=trim(verb.doc, start, end),
        content_root=comp,
        clause=set(range(min(start, verb.i), end)),
    )


def _noun(token: Token) -> Attribution | None:
    """'amid reports their marriage has reached crisis point', 'his claim that ...'."""
    if token.pos_ != "NOUN":
        return None
    kind = lexicon().nouns.get(token.lemma_.lower())
    if kind is None:
        return None
    clause = next(
        (
            c
            for c in token.children
            if c.dep_ in ("acl", "ccomp", "relcl")
            and c.i > token.i
            and any(g.dep_ in ("nsubj", "nsubjpass") or (g.dep_ == "mark" and g.lower_ == "that") for g in c.children)
            and not any(g.dep_ == "nsubj" and g.tag_ in ("WDT", "WP") for g in c.children)
            and not any(g.lower_ == "that" and g.dep_ in ("nsubj", "dobj") for g in c.children)
        ),
        None,
    )
    cue_end = token.i + 1
    if clause is None:
        clause, cue_end = _spread_clause(token)
    if clause is None and kind == "reports":
        clause = _zero_that_clause(token)
    if clause is None:
        return None
    poss = _child(token, "poss")
    by = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
    source_head = poss or (_child(by, "pobj") if by is not None else None)
    if source_head is None and kind != "reports":
        return None  # "his claim that" names its source; "the belief that" has none
    start, end = _subtree_range(clause)
    start = max(start, token.i + 1)  # a misparsed clause may hold the noun's own phrase
    return Attribution(
        kind="noun",
        head=token,
        cue=(token.i, cue_end),
        content=trim(token.doc, start, end),
        content_root=clause,
        source=source_words(source_head, {token.i}) if source_head is not None else (token.i, token.i + 1),
        source_head=source_head,
        source_kind="none" if source_head is not None else "reports",
        hedge=None if source_head is not None else (token.i, cue_end),
        clause=set(range(token.i, end)),
    )


def _zero_that_clause(noun: Token) -> Token | None:
    """'Amid reports their marriage has reached crisis point, ...': a clause with no "that"
    right after a report noun, which the parser hung elsewhere. Its subject must start at
    the next token, and the noun must open a phrase ("amid", "after", "despite" ...)."""
    doc = noun.doc
    if noun.dep_ != "pobj" or noun.tag_ not in ("NNS", "NN") or noun.i + 1 >= len(doc):
        return None
    if any(c.dep_ in ("det", "poss", "amod", "compound") for c in noun.children):
        return None  # "the reports", "tabloid reports": named, or not a bare report
    subject = next(
        (
            t
            for t in doc[noun.i + 1 : min(len(doc), noun.i + 8)]
            if t.dep_ in ("nsubj", "nsubjpass") and t.left_edge.i == noun.i + 1
        ),
        None,
    )
    if subject is None or subject.head.i <= subject.i or subject.head.pos_ not in ("VERB", "AUX"):
        return None
    return subject.head


def _effect(lemma: str, cls: str) -> str | None:
    """The belief effect of a cue verb: a cognition verb's, and a speech verb's when it is a
    guess ("fans speculated that ...", "predicted"): speech wins the class, not the meaning."""
    effect = lexicon().cognition.get(lemma)
    return effect if cls == "cognition" or effect == "doxastic" else None


def _spread_clause(noun: Token) -> tuple[Token | None, int]:
    """'Rumors are swirling that X': the that-clause of the verb the report noun is the
    subject of (lexicon report_phrases, `spread`), and the end of the cue ("Rumors are
    swirling"); (None, _) when there is none."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.i < noun.i or verb.lemma_.lower() not in lexicon().report_spread:
        return None, noun.i + 1
    clause = next(
        (c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i and any(g.dep_ == "mark" for g in c.children)),
        None,
    )
    return clause, verb.i + 1


def _verb(verb: Token, quoted: set[int]) -> Attribution | None:
    """A speech, belief or stance verb with its subject and complement."""
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("aux", "auxpass", "amod", "compound"):
        return None
    doc = verb.doc
    if verb.i + 2 < len(doc) and doc[verb.i + 1].text == ":" and not doc[verb.i + 2].is_quote:
        return None  # "slammed: Woman's Day ...", "told: the magazine": a caption's label, no speech
    cls = verb_class(verb)
    if cls is None:
        return None
    if _is_passive(verb) and _child(verb, "agent") is None:
        return None  # "was asked", "is called": the speaker is not in the clause
    root, content = _verb_content(verb, cls)
    root, content = _subject_taken_for_object(verb, root, content)
    if content is not None and root is not None:
        content = _extend_right(verb, root, content)
    if content is None and cls == "speech":
        root, content = _host_content(verb)
    if content is None:
        return None
    if cls == "cognition" and lexicon().cognition.get(verb.lemma_.lower()) != "factive":
        if root is None or root.dep_ not in ("ccomp", "xcomp"):
            return None  # "she thinks so", "I hope": a belief needs a proposition
    doc = verb.doc
    content = _tidy_content(doc, content, root)
    if content is None:
        return None
    lemma = verb.lemma_.lower()
    lex = lexicon()
    first_word = doc[content[0]]
    if first_word.lower_ in ("whether", "if") and first_word.dep_ == "mark":
        return None  # "to ask whether the engagement means a day off": a question asserts nothing
    if first_word.tag_ in ("WP", "WRB", "WDT") and first_word.lower_ != "that" and cls == "speech":
        return None  # "didn't reveal who it was", "revealed how he won her over": a topic, no claim
    words = [t for t in doc[content[0] : content[1]] if t.is_alpha]
    if len(words) == 1 and words[0].tag_ in ("WP", "WDT", "PRP", "DT"):
        return None  # "some described what": no proposition
    if lemma == "tell" and (root is None or root.dep_ not in ("ccomp",)):
        return None  # "told Stella magazine: ...", "tells her dog to go": the hearer, or an order
    if (
        _bare_noun_phrase(verb, root, content)
        and lemma not in lex.denial_verbs | lex.dismissive | lex.clause_objects | _CLAUSE_VERBS
    ):
        return None  # "told Page Six", "announced their engagement": an act, not a reported proposition
    first, cue_end = cue_start(verb), verb.i + 1
    prt = _child(verb, "prt")
    if prt is not None and prt.i == verb.i + 1:
        cue_end = prt.i + 1
    preps = lexicon().stance_preps.get(lemma, frozenset())
    if root is not None and root.head.dep_ == "prep" and root.head.lower_ in preps and root.head.i == cue_end:
        cue_end = root.head.i + 1
    if root is not None and root.dep_ == "advcl" and content[0] - 1 == cue_end and doc[cue_end].lower_ in preps:
        cue_end += 1  # "calling for" + "the US to step up"
    if root is not None and root.head.dep_ == "prep" and root.head.lower_ in ("about", "of") and root.head.i == cue_end:
        cue_end += 1  # "asked about", "spoke of"
    channel, last = channel_of(verb)
    if last >= cue_end and (content[0] > last or content[1] <= verb.i):
        cue_end = last + 1
    subject = subject_of(verb)
    if subject is not None and subject.lower_ in ("it", "that", "which") and subject.dep_ != "relcl":
        antecedent = subject.head.head if subject.head.dep_ == "relcl" else None
        if subject.lower_ == "it" or antecedent is None:
            return None  # "It comes after ... admitted", "which said": no one to name
    avoid = set(range(content[0], content[1])) | {verb.i}
    source = source_words(subject, avoid) if subject is not None else None
    if subject is not None and subject.i in quoted:
        source = None
    if source is None and (cls != "speech" or root is None or root.dep_ != "ccomp"):
        # a belief, a stance or a topic with no holder ("met up ... to discuss prison
        # reform"); a sourceless that-clause still reports speech ("was quoted as saying")
        return None
    clause_start = min([verb.i, content[0]] + ([source[0]] if source and subject in verb.children else []))
    clause_end = max(cue_end, content[1], source[1] if source and subject in verb.children else 0)
    if verb.dep_ == "xcomp" and subject is not None and source is not None and content[0] > verb.i:
        # "Kim took to Instagram to write that ...": the matrix verb only carries the cue
        clause_start = min(clause_start, verb.head.left_edge.i)
    return Attribution(
        kind=cls,
        head=verb,
        cue=(first, cue_end),
        content=content,
        content_root=root,
        source=source,
        source_head=subject if source else None,
        channel=channel,
        effect=_effect(lemma, cls),
        clause=set(range(clause_start, clause_end)),
    )


def _across_semicolon(a: Attribution) -> bool:
    """True when a ';' stands between the cue and the content: two clauses the parser joined
    ("Weinstein said he would take leave; the board announced ...")."""
    if a.content is None:
        return False
    doc = a.head.doc
    lo, hi = (a.cue[1], a.content[0]) if a.cue[1] <= a.content[0] else (a.content[1], a.cue[0])
    return any(t.text == ";" for t in doc[lo:hi])


def _candidates(sent: SpacySpan, quoted: set[int]) -> list[Attribution]:
    found = []
    triggers = lexicon().triggers
    for token in sent:
        if token.i in quoted or (token.lemma_.lower() not in triggers and token.lower_ not in triggers):
            continue
        attribution = (
            _colon(token)
            or _according(token)
            or _adverb(token)
            or _passive(token)
            or _evidential(token)
            or _verb(token, quoted)
            or _noun(token)
        )
        if attribution is not None and attribution.content is not None and not _across_semicolon(attribution):
            found.append(attribution)
    return found


def _relays(outer: Attribution, inner: Attribution) -> bool:
    """True when a publication only passes on an unnamed source's words: its content is
    exactly another speech attribution whose source is anonymous ("Gossip Cop claims that
    sources close to her say ...", "according to TMZ, a friend said ..."). The inner source
    is the one who said it; the publication is how it reached the article."""
    if inner.kind != "speech" or inner.source is None or outer.content_root is None:
        return False
    if outer.content_root.i != inner.head.i or outer.source is None or outer.kind not in ("speech", "according"):
        return False
    doc = inner.head.doc
    lex = lexicon()
    inner_head = doc[inner.source[0] : inner.source[1]].root
    if inner_head.lemma_.lower() not in lex.anonymous and inner_head.lower_ not in lex.anonymous:
        return False  # "E! News revealed that Blue Apron announced ...": the outlet's claim
    words = doc[outer.source[0] : outer.source[1]]
    return outlet_match(words, lex) or _is_writer(words.root)


def _path_is_nested(inner: Token, outer_root: Token) -> bool:
    """True when `inner` hangs under `outer_root` through complements only."""
    current = inner
    for _ in range(20):  # trees are shallow; a longer walk means a cycle-free misparse
        if current.i == outer_root.i:
            return True
        if current.dep_ in _SEPARATE:
            return False
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def find_attributions(sent: SpacySpan, quoted: set[int]) -> list[Attribution]:
    """The attributions of one sentence, outermost first, nested ones dropped.

    Args:
        sent: a sentence (or any span) of the Doc.
        quoted: token indices inside direct quotes; cues there belong to the quote's speaker.
    """
    found = _candidates(sent, quoted)
    if not found:
        return []
    # an adverb that hedges a cue verb's own clause merges into that attribution
    by_head = {a.head.i: a for a in found if a.kind in ("speech", "cognition", "stance")}
    # ... and so does one over the clause an "according to X" attributes: the written source
    # wins, the adverb stays its hedge ("Kim is reportedly dating X, according to TMZ")
    by_host = {a.content_root.i: a for a in found if a.kind == "according" and a.content_root is not None}
    merged = []
    for a in found:
        if a.kind == "adverb" and a.content_root is not None and a.content_root.i in by_head:
            target = by_head[a.content_root.i]
            target.hedge = a.hedge
            continue
        if a.kind == "adverb" and a.content_root is not None and a.content_root.i in by_host:
            by_host[a.content_root.i].hedge = a.hedge
            continue
        merged.append(a)
    found = merged
    # outermost first: an attribution whose head sits in another's content through
    # complements only is nested and dropped
    kept: list[Attribution] = []
    for a in sorted(found, key=lambda a: (_depth(a.head), a.head.i)):
        nested = False
        for outer in kept:
            if outer.content is None or outer.content_root is None:
                continue
            if outer.content[0] <= a.head.i < outer.content[1] and _path_is_nested(a.head, outer.content_root):
                if _relays(outer, a):
                    kept.remove(outer)  # "Gossip Cop claims that sources say X": the sources say X
                    break
                nested = True
                break
            if a.head.i in range(*outer.cue) or (outer.source and outer.source[0] <= a.head.i < outer.source[1]):
                nested = True
                break
        if not nested:
            kept.append(a)
    # each holding the other's cue ("X, but according to OK!, the two are planning to wed",
    # parsed with X under "planning"): the "according to" phrase wins
    crossed = {
        id(b)
        for a in kept
        if a.kind == "according" and a.content
        for b in kept
        if b is not a
        and b.content
        and a.content[0] <= b.head.i < a.content[1]
        and b.content[0] <= a.head.i < b.content[1]
    }
    kept = [a for a in kept if id(a) not in crossed]
    # cut each kept attribution's clause out of the contents that hold it
    for outer in kept:
        if outer.content is None:
            continue
        start, end = outer.content
        removed: set[int] = set()
        for inner in kept:
            if inner is not outer and start <= inner.head.i < end:
                removed |= inner.clause
                if inner.kind in ("speech", "cognition", "stance"):
                    removed |= set(range(*_subtree_range(inner.head)))
        if removed:
            outer.content = _longest_run(sent.doc, start, end, removed, outer.content_root)
    kept = [a for a in kept if a.content is not None]
    for a in kept:
        a.denied = _denies(a, sent.doc)
    return sorted(kept, key=lambda a: a.cue[0])


def _longest_run(doc: Doc, start: int, end: int, removed: set[int], root: Token | None) -> tuple[int, int] | None:
    """The run of `start:end` without `removed` tokens that holds `root`, else the longest."""
    runs, run_start = [], None
    for i in range(start, end + 1):
        free = i < end and i not in removed
        if free and run_start is None:
            run_start = i
        elif not free and run_start is not None:
            runs.append((run_start, i))
            run_start = None
    if not runs:
        return None
    holding = [r for r in runs if root is not None and r[0] <= root.i < r[1]]
    best = holding[0] if holding else max(runs, key=lambda r: r[1] - r[0])
    return trim(doc, *best)


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:  # 50: far deeper than any real parse
        token = token.head
        depth += 1
    return depth


# --- model objects ----------------------------------------------------------------------------


def make_source(
    ctx: Context,
    head: Token | None,
    words: tuple[int, int] | None,
    kind: str = "none",
    channel: str | None = None,
    title_case: bool = False,
) -> Source:
    """A `Source` from the words that name it; `kind` "none" means: classify the words.

    The entity comes from the head token (then the head's name parts), not from any token
    of the phrase: "the rapper's lawyer" is the lawyer, not the rapper.
    """
    if words is None:
        return Source(kind="reports" if kind == "reports" else "none", channel=channel)
    doc = ctx.doc
    span = doc[words[0] : words[1]]
    entity = None
    if head is not None and kind == "none":
        entity = ctx.entity_of(head)
        if entity is None:
            entity = next((ctx.entity_of(t) for t in _name_tokens(head) if ctx.entity_of(t)), None)
        if head.lower_ in ("who", "which", "that") and head.head.dep_ == "relcl":
            entity = entity or ctx.entity_of(head.head.head)  # the relative clause's antecedent
        kind = classify_source(
            span if head.i in range(*words) else doc[head.i : head.i + 1], entity, ctx.article.outlet, title_case
        )
    if kind in ("anonymous", "reports"):
        entity = None  # "a friend of Kim" is not Kim, and whoever it is stays unknown
    name = span.text
    if entity is not None:
        found = ctx.entity(entity)
        if found is not None:
            name = found.name
    return Source(kind=kind, entity=entity, name=name, span=ctx.span_of(span), channel=channel)

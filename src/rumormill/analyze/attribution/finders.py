"""The finders: each attribution structure tried on the tokens of a sentence, and the
sentence-level choice between them (nesting, crossing, semicolons)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .. import lexicons
from .channels import channel_of
from .contents import (
    _CLAUSE_VERBS,
    _bare_noun_phrase,
    _denies,
    _extend_right,
    _host_content,
    _subject_split_from_its_clause,
    _subject_taken_for_object,
    _tidy_content,
    _verb_content,
    cue_start,
    dismisses,
)
from .lexicon import lexicon, verb_class
from .sources import _NAMED_ENTS, classify_source, outlet_match, source_words, subject_of
from .tree import _child, _clause_verb, _has_aux_to, _is_passive, _subtree_range, trim

# Dependencies through which a cue belongs to another attribution's content (nested, as in
# "he said she thinks X"), rather than sitting beside it ("..., while Y is thought to ...").
_SEPARATE = ("advcl", "relcl", "parataxis", "conj", "acl", "appos")


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
    inverted: bool = False  # parsed under its own content ("X thinks Y, a source said"): outermost


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
        if _closes_sentence(doc, p_end, sent.end) and doc[p_start - 1].text == ",":
            # "Tourism ... generates $666 million and attracts 2.7 million visitors, according
            # to Visit London.": a trailing phrase sources the whole sentence before it,
            # wherever the parser hung it
            start = min(start, sent.start)
    content = trim(doc, start, end)
    if content is None:
        return None  # nothing but punctuation and spaces around the phrase
    source = source_words(obj, {token.i, to.i})
    return Attribution(
        kind="according",
        head=token,
        cue=(token.i, to.i + 1),
        content=content,
        content_root=host,
        source=source,
        source_head=obj,
        clause=set(range(host.left_edge.i, host.right_edge.i + 1)) | set(range(*content)),
    )


def _closes_sentence(doc: Doc, i: int, end: int) -> bool:
    """True when only punctuation and spaces stand between token `i` and the sentence end."""
    return all(t.is_punct or t.is_space for t in doc[i:end])


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
    # the clause after the verb ("..., it was assumed that the pair ..."), not a clause before
    # it that the parser also hung there
    ccomp = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None) or _child(verb, "ccomp")
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
        root, (start, end) = _subject_split_from_its_clause(verb, ccomp, _subtree_range(ccomp))
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
    clause_start = min(start, first, hedge[0])  # "it was assumed": the expletive is the cue's
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
    root, content = _subject_split_from_its_clause(verb, root, content)
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
    inverted = root is not None and root.i == verb.head.i and root.i < verb.i  # "X thinks Y, a source said"
    if lemma == "tell" and (root is None or (root.dep_ not in ("ccomp", "advcl", "parataxis") and not inverted)):
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
        if not _can_speak(antecedent):
            return None  # "an agreement that would put off arguing their cases": a thing
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
        inverted=inverted,
    )


@cache
def _speaker_nouns() -> frozenset[str]:
    """Nouns for people, organisations, publications and reports: who or what can say."""
    lex = lexicon()
    roles = {row[0].lower() for row in lexicons.load("roles")}
    return frozenset(roles | lex.anonymous | lex.outlet_nouns | lex.report_sources | set(lex.nouns))


def _can_speak(antecedent: Token) -> bool:
    """Whether the antecedent of "that"/"which" in "X, that said ..." can be a source: a
    name, a pronoun, or a noun for a person, a body, a publication or a report."""
    if antecedent.pos_ in ("PROPN", "PRON") or antecedent.ent_type_ in _NAMED_ENTS:
        return True
    return antecedent.lemma_.lower() in _speaker_nouns() or antecedent.lower_ in _speaker_nouns()


def not_a_claim(a: Attribution) -> bool:
    """The rules' refusals, for attributions found another way (the learned model): a
    question or a topic ("whether ...", "revealed who ..."), a lone pronoun, a source that
    names no one ("it", an unresolved "which"), a caption's label ("says: the plan ..."),
    or a cue and content on two sides of a semicolon."""
    doc = a.head.doc
    if a.content is None:
        return True
    first = doc[a.content[0]]
    if first.lower_ in ("whether", "if") or (first.tag_ in ("WP", "WRB", "WDT") and first.lower_ != "that"):
        return True
    words = [t for t in doc[a.content[0] : a.content[1]] if t.is_alpha]
    if len(words) == 1 and words[0].tag_ in ("WP", "WDT", "PRP", "DT"):
        return True
    if a.source is not None and doc[a.source[0] : a.source[1]].text.lower() in ("it", "that", "which"):
        return True
    end = a.cue[1]
    if end + 1 < len(doc) and doc[end].text == ":" and not doc[end + 1].is_quote:
        return True
    if doc[a.cue[1] - 1].text == ":" and a.cue[1] < len(doc) and not doc[a.cue[1]].is_quote:
        return True
    return _across_semicolon(a)


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
            or _dismissal(token, quoted)
        )
        if attribution is not None and attribution.content is not None and not _across_semicolon(attribution):
            found.append(attribution)
    return found


def _dismissal(verb: Token, quoted: set[int]) -> Attribution | None:
    """ "shot down the rumours", "put those rumors to bed": a dismissive verb that is no
    speech verb, with a rumour word for its object, is its subject's denial of the rumour."""
    if verb.pos_ != "VERB" or verb_class(verb) is not None or not dismisses(verb):
        return None
    if any(c.tag_ == "MD" for c in verb.children):
        return None  # "Gossip Cop can correct this claim": able to, not done
    lex = lexicon()
    if verb.lemma_.lower() == "hit" and _child(verb, "prt") is None:
        return None  # "hit back at the claims" denies; "the news hit the headlines" does not
    obj = _child(verb, "dobj")
    if obj is None or (obj.lemma_.lower() not in lex.rumour_words and obj.lower_ not in lex.rumour_words):
        return None
    subject = subject_of(verb)
    if subject is None or subject.i in quoted or subject.lower_ in ("it", "that", "which", "who"):
        return None
    content = (obj.left_edge.i, obj.right_edge.i + 1)
    source = source_words(subject, set(range(*content)) | {verb.i})
    if source is None:
        return None
    cue_end = verb.i + 1
    prt = _child(verb, "prt")
    if prt is not None and prt.i == verb.i + 1:
        cue_end = prt.i + 1
    return Attribution(
        kind="stance",
        head=verb,
        cue=(cue_start(verb), cue_end),
        content=content,
        content_root=obj,
        source=source,
        source_head=subject,
        clause=set(range(min(source[0], verb.i), max(content[1], cue_end))),
    )


def _dismisses(outer: Attribution, inner: Attribution) -> bool:
    """True when a denial verb's object is a report noun with its own clause ("denied
    reports that ...", "dismissed claims that ...")."""
    lex = lexicon()
    lemma = outer.head.lemma_.lower()
    return (
        inner.kind == "noun"
        and outer.content_root is not None
        and inner.head.i == outer.content_root.i
        and (lemma in lex.denial_verbs or lemma in lex.dismissive)
    )


def _relays(outer: Attribution, inner: Attribution) -> bool:
    """True when a publication only passes on an unnamed source's words: its content is
    exactly another speech attribution whose source is anonymous ("Gossip Cop claims that
    sources close to her say ...", "according to TMZ, a friend said ..."), or an "according
    to" an anonymous source over that content ("Page Six said X, according to friends"). The inner source
    is the one who said it; the publication is how it reached the article."""
    if inner.kind not in ("speech", "according") or inner.source is None or outer.content_root is None:
        return False
    inner_root = inner.head if inner.kind == "speech" else inner.content_root
    if inner_root is None or outer.content_root.i != inner_root.i:
        return False
    if outer.source is None or outer.kind not in ("speech", "according"):
        return False
    doc = inner.head.doc
    lex = lexicon()
    inner_words = doc[inner.source[0] : inner.source[1]]
    inner_head = inner_words.root
    if inner.kind == "according":
        # "Page Six said that X — according to some of those friends": the friends are who
        # said it, whatever their head word ("some of", "people close to")
        if classify_source(inner_words, None) != "anonymous":
            return False
    elif inner_head.lemma_.lower() not in lex.anonymous and inner_head.lower_ not in lex.anonymous:
        return False  # "E! News revealed that Blue Apron announced ...": the outlet's claim
    words = doc[outer.source[0] : outer.source[1]]
    return outlet_match(words, lex) or _is_writer(words.root)


def _relative_on_source(a: Attribution) -> bool:
    """True for a cue in a relative clause on a source ("wrote Owen Jones, a columnist who
    believes the monarchy should be abolished"): a proposition of its own, not part of the
    name."""
    head = a.head
    return (
        head.dep_ == "relcl"
        and a.source is not None
        and head.doc[a.source[0]].tag_ in ("WP", "WDT")
        and a.kind in ("speech", "cognition", "stance")
    )


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
    for a in sorted(found, key=lambda a: (not a.inverted, _depth(a.head), a.head.i)):
        nested = False
        for outer in kept:
            if outer.content is None or outer.content_root is None:
                continue
            if outer.content[0] <= a.head.i < outer.content[1] and _path_is_nested(a.head, outer.content_root):
                if _dismisses(outer, a):
                    # "Elizabeth dismissed claims that her son was embarrassed": the claims
                    # stay a report, and Elizabeth denies what they say
                    outer.content = a.content
                    break
                if _relays(outer, a):
                    kept.remove(outer)  # "Gossip Cop claims that sources say X": the sources say X
                    break
                nested = True
                break
            if a.head.i in range(*outer.cue):
                nested = True
                break
            if outer.source and outer.source[0] <= a.head.i < outer.source[1] and not _relative_on_source(a):
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

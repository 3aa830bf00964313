"""Check-worthy claims with source, cue, certainty, hedges and times.

    >>> analysis = analyze("Kim is said to live in Calabasas.", published="2020-07-31")
    >>> claim = analysis.claims[0]
    >>> claim.span.text, claim.source.kind, claim.cue.text, claim.certainty
    ('Kim is said to live in Calabasas', 'reports', 'is said', 'hedged')

Where claims come from, in order:

  1. quotes: each sentence of a direct quote is a claim of the quote's speaker (`quote` set);
  2. attributions in the rest of the text (attribution.find_attributions): one claim per
     attribution; the claim's span is the content, never the cue or the source;
  3. the article's own voice: what is left of a sentence outside attributions and quotes,
     when it is a clause of its own, is one claim with source kind `none`;
  4. block quotations: a paragraph that ends with a colon after a source's verb ("Fortune
     magazine put the performance in perspective:") makes the next paragraph's own-voice
     claims that source's (`_block_quotes`).

Source kinds: named | descriptive | anonymous | outlet | self (attribution.classify_source),
`reports` for unattributed reporting ("reportedly", "is said to", "according to reports"),
`none` for the article's voice. "An insider told The Sun": the insider is the source and The
Sun only the channel (`interview`); "according to The Sun" makes The Sun the source.

Certainty: `denied` when the source denies the content (denial verb, "the story is false",
or a source's negated statement: "Lena and Theo are not separating"); `hedged` when the
source is unattributed reporting, the cue is a belief/wish verb or an evidential ("seems"),
or a hedge cue (hedging.find_hedges) sits in the claim's clause; `asserted` otherwise.

Not claims: photo credits and page furniture (lexicon `boilerplate`), questions, fragments
under four words or without a verb, short exclamations, and a headline that is its own
paragraph at the top of the text (it repeats the body; its attributions still count).

check_worthy (0..1) is a transparent score, see `_check_worthiness`.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Span as SpacySpan

from ..model import Claim, Hedge, Quote, Source, Span
from . import learned, lexicons
from .attribution import (
    PUBLISHED_NOUNS,
    Attribution,
    find_attributions,
    lexicon,
    make_source,
    outlet_match,
    predicate_denies,
    trim,
)
from .context import Context
from .furniture import inside
from .hedging import find_hedges
from .quotes import PRONOUN_GENDER, gender_of, unattributed_quotes

# Fewer words than this is a fragment ("Thanks.", "He did."), not a checkable proposition.
_MIN_WORDS = 4
_FIRST_PERSON = {"i", "me", "my", "mine", "we", "us", "our", "you", "your"}
_OPINION = {"amazing", "awful", "beautiful", "best", "great", "love", "hate", "terrible", "wonderful", "worst"}
_MODALS = {"would", "could", "should", "might", "may", "must"}
_FACTUAL_ENTS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
_NUMERIC_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "ORDINAL"}


@cache
def _boilerplate() -> re.Pattern:
    phrases = sorted((row[0] for row in lexicons.load("boilerplate")), key=len, reverse=True)
    alternatives = "|".join(re.escape(p) for p in phrases)
    # at the start of a sentence, after a sentence end, or inside an opening parenthesis
    return re.compile(rf"(?:^|(?<=[.!?\"\u201d]\s)|(?<=\())\s*(?:{alternatives})", re.IGNORECASE)


def boilerplate_start(text: str) -> int | None:
    """Offset in `text` where photo credits or page furniture start, or None.

    >>> boilerplate_start("They were spotted in Wyoming. Picture: Getty")
    30
    """
    match = _boilerplate().search(text)
    if match is None:
        return None
    offset = match.start()
    while offset < len(text) and text[offset] in " (":
        offset += 1
    return offset


def normalise(text: str) -> str:
    """The claim text: single spaces, without quote marks or punctuation at the ends."""
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" \"'\u201c\u201d\u2018\u2019,;:-\u2014\u2013").rstrip(".").strip()


def _words(span: SpacySpan) -> int:
    return sum(1 for t in span if not (t.is_punct or t.is_space))


def _before_boilerplate(span: SpacySpan) -> SpacySpan | None:
    """The span cut before page furniture ("... this week. Picture: Getty"): the same span
    when it holds none, None when nothing whole is left before it."""
    cut = boilerplate_start(span.text)
    if cut is None:
        return span
    return span.doc.char_span(span.start_char, span.start_char + cut, alignment_mode="contract")


def _trim(doc, start: int, end: int) -> tuple[int, int] | None:
    """Without punctuation at the ends, nor a leading "and"/"but"; a closing quote mark
    stays when the span opens a quote (attribution.trim)."""
    while (
        start < end - 1
        and doc[start].lower_ in ("and", "but", "or", "so")
        and doc[start].dep_ in ("cc", "mark", "advmod")
    ):
        start += 1
    return trim(doc, start, end)


def _check_worthiness(span: SpacySpan, source: Source, about: list[str], times: list[str], effect: str | None) -> float:
    """A documented heuristic, not a trained model.

    Starts at 0.3; up for what a fact-checker can check: named things (+0.15, +0.1 for a
    second), numbers and dates (+0.15), a source other than the article's voice (+0.1, a
    citable origin), a past-tense event verb (+0.1); down for what one cannot: questions
    (-0.4), first/second person or evaluative words (-0.15, opinion), modals and beliefs or
    wishes (-0.1, not asserted), fewer than six words (-0.15, vague).
    """
    score = 0.3
    # token attributes, not span.ents: Span.ents scans the whole Doc on every call
    names = len(set(about)) or sum(1 for t in span if t.ent_iob_ == "B" and t.ent_type_ in _FACTUAL_ENTS)
    score += 0.15 if names else 0.0
    score += 0.1 if names > 1 else 0.0
    if times or any(t.ent_type_ in _NUMERIC_ENTS or t.like_num for t in span):
        score += 0.15
    if source.kind != "none":
        score += 0.1
    if span.root.tag_ in ("VBD", "VBN") or any(t.tag_ == "VBD" for t in span):
        score += 0.1
    text = span.text.rstrip()
    if text.endswith("?"):
        score -= 0.4
    lowered = {t.lower_ for t in span}
    if lowered & _FIRST_PERSON or {t.lemma_.lower() for t in span} & _OPINION:
        score -= 0.15
    if lowered & _MODALS or effect in ("doxastic", "bouletic"):
        score -= 0.1
    if _words(span) < 6:
        score -= 0.15
    return round(min(1.0, max(0.0, score)), 2)


class _Builder:
    """Makes `Claim`s for one article; holds the per-sentence hedge cache."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.doc = ctx.doc
        self._hedges: dict[int, list[Hedge]] = {}

    def hedges(self, sent: SpacySpan) -> list[Hedge]:
        if sent.start not in self._hedges:
            self._hedges[sent.start] = list(find_hedges(sent))
        return self._hedges[sent.start]

    def about(self, start: int, end: int) -> list[str]:
        found: list[str] = []
        for i in range(start, end):
            entity = self.ctx.token_entity.get(i)
            if entity and entity not in found:
                found.append(entity)
        return found

    def times(self, start_char: int, end_char: int) -> list[str]:
        return [t.id for t in self.ctx.times if start_char <= t.span.start and t.span.end <= end_char]

    def claim(
        self,
        content: tuple[int, int],
        source: Source,
        cue: tuple[int, int] | None,
        certainty: str,
        hedges: list[Hedge],
        quote: str | None = None,
        text_range: tuple[int, int] | None = None,
        effect: str | None = None,
    ) -> Claim | None:
        doc = self.doc
        trimmed = _trim(doc, *content)
        if trimmed is None:
            return None
        span = doc[trimmed[0] : trimmed[1]]
        shorter = _before_boilerplate(span)
        if shorter is not span:
            if shorter is None or not _words(shorter):
                return None
            trimmed = _trim(doc, shorter.start, shorter.end)
            if trimmed is None:
                return None
            span = doc[trimmed[0] : trimmed[1]]
        text_span = doc[text_range[0] : text_range[1]] if text_range else span
        about = self.about(text_span.start, text_span.end)
        times = self.times(span.start_char, span.end_char)
        return Claim(
            id="",  # numbered in text order once all claims are found
            span=self.ctx.span_of(span),
            text=normalise(text_span.text),
            about=about,
            source=source,
            cue=self.ctx.span_of(doc[cue[0] : cue[1]]) if cue else None,
            certainty=certainty,
            hedges=hedges,
            quote=quote,
            times=times,
            check_worthy=_check_worthiness(span, source, about, times, effect),
        )

    def hedges_in(self, sent: SpacySpan, start_char: int, end_char: int, own: tuple[int, int] | None) -> list[Hedge]:
        """Hedges of the sentence inside `start_char:end_char`, plus the attribution's own
        reportative expression when the hedging stage did not find it."""
        found = [h for h in self.hedges(sent) if start_char <= h.start and h.end <= end_char]
        if own is not None:
            lo, hi = self.doc[own[0]].idx, self.doc[own[1] - 1].idx + len(self.doc[own[1] - 1])
            if not any(h.start < hi and lo < h.end for h in found):
                found.append(Hedge(start=lo, end=hi, text=self.ctx.text[lo:hi], type="reportative"))
        return sorted(found, key=lambda h: h.start)


def _someone_elses_belief(doc, hedge: Hedge) -> bool:
    """A belief verb with a third-person subject inside a reported clause ('a source says
    Brad doesn't think ...', 'he believes the ban was vetted badly') reports that belief: the
    source asserts it. "I think", "we believe" hedge what the source says."""
    if hedge.type != "doxastic":
        return False
    words = doc.char_span(hedge.start, hedge.end, alignment_mode="expand")
    if words is None:
        return False
    verb = words.root
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return verb.pos_ in ("VERB", "AUX") and subject is not None and subject.lower_ not in ("i", "we")


def _certainty(attribution: Attribution, source: Source, content: SpacySpan, hedged: bool) -> str:
    if attribution.denied:
        return "denied"
    if source.kind == "reports" or (
        attribution.kind in ("adverb", "passive", "evidential") and attribution.source_kind != "anonymous"
    ):
        return "hedged"
    if attribution.hedge is not None or attribution.effect in ("doxastic", "bouletic") or hedged:
        return "hedged"
    if _source_negates(attribution.kind, source, content):
        return "denied"
    return "asserted"


def _source_negates(kind: str, source: Source, content: SpacySpan) -> bool:
    """A source's negated statement denies the positive one: "they are not separating", when
    the source answers for someone (a rep, a lawyer) or a rumour or denial is in the sentence
    or the one before ("Rumor number one: I am not planning to get married"). Elsewhere a
    negation is a plain statement ("She doesn't know what to do"), and a negated modal is
    about ability or will ("can't get enough of her", "wouldn't want to")."""
    if kind not in ("speech", "quote") or source.kind in ("none", "reports", "self"):
        return False
    root = content.root
    if root.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "neg" for c in root.children):
        return False
    if any(c.dep_ == "aux" and c.tag_ == "MD" and c.lemma_.lower() not in ("will", "wo") for c in root.children):
        return False
    return _answers_for_someone(source) or _rumour_nearby(content)


def _answers_for_someone(source: Source) -> bool:
    """'a spokesperson for Morrow', 'her rep', 'the couple's lawyer' (lexicon denial_cues)."""
    words = re.findall(r"[a-z]+", (source.span.text if source.span else source.name or "").lower())
    speakers = lexicon().denial_speakers
    return any(w in speakers or w.rstrip("s") in speakers for w in words)


def _rumour_nearby(content: SpacySpan) -> bool:
    """A rumour word or a denial verb in the content's sentence or the sentence before."""
    lex = lexicon()
    doc, sent = content.doc, content.sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    return any(
        t.lemma_.lower() in lex.rumour_words or t.lower_ in lex.rumour_words or t.lemma_.lower() in lex.denial_verbs
        for t in doc[start : sent.end]
    )


def _is_headline(sent: SpacySpan) -> bool:
    """The top line of a text that carries its headline: its own paragraph, no final stop."""
    if sent.start != 0:
        return False
    last = sent[-1]
    after = sent.doc[sent.end] if sent.end < len(sent.doc) else None
    own_paragraph = after is None or "\n" in last.whitespace_ or after.is_space
    return own_paragraph and last.text not in (".", "!", "?", '"', "\u201d", "'", "\u2019")


def _quote_claims(builder: _Builder, quote: Quote) -> list[Claim]:
    doc = builder.doc
    span = doc.char_span(quote.span.start, quote.span.end, alignment_mode="expand")
    if span is None:
        return []
    claims = []
    for sent in span.sents:
        start, end = max(sent.start, span.start), min(sent.end, span.end)
        piece = doc[start:end]
        if _words(piece) < _MIN_WORDS or piece.text.rstrip(" \"'\u201d\u2019").endswith("?"):
            continue
        if not any(t.pos_ in ("VERB", "AUX") for t in piece):
            continue
        hedges = builder.hedges_in(sent, piece.start_char, piece.end_char, None)
        if predicate_denies(piece) or _source_negates("quote", quote.speaker, piece):
            certainty = "denied"
        else:
            certainty = "hedged" if hedges else "asserted"
        cue = None
        if quote.cue is not None:
            cue_span = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
            cue = (cue_span.start, cue_span.end) if cue_span is not None else None
        claim = builder.claim((start, end), quote.speaker, cue, certainty, hedges, quote=quote.id)
        if claim is not None:
            claims.append(claim)
    return claims


def _residual(sent: SpacySpan, taken: set[int]) -> tuple[int, int] | None:
    """The longest run of the sentence's tokens outside attributions and quotes."""
    best, run_start = None, None
    for i in range(sent.start, sent.end + 1):
        free = i < sent.end and i not in taken
        if free and run_start is None:
            run_start = i
        elif not free and run_start is not None:
            if best is None or i - run_start > best[1] - best[0]:
                best = (run_start, i)
            run_start = None
    return best


def _own_voice(builder: _Builder, sent: SpacySpan, taken: set[int]) -> Claim | None:
    doc = builder.doc
    if sent.text.rstrip(" \"'\u201d\u2019").endswith("?"):
        return None  # a question asserts nothing
    run = _residual(sent, taken)
    if run is None:
        return None
    run = _trim(doc, *run)
    if run is None:
        return None
    piece = _before_boilerplate(doc[run[0] : run[1]])
    if piece is None:
        return None
    if _words(piece) < _MIN_WORDS:
        return None
    text = piece.text.rstrip(" \"'\u201d\u2019")
    if text.endswith("?") or (text.endswith("!") and _words(piece) < 8):
        return None
    has_clause = any(
        t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children) for t in piece
    )
    if not has_clause:
        return None
    hedges = builder.hedges_in(sent, piece.start_char, piece.end_char, None)
    return builder.claim(
        (piece.start, piece.end), Source(kind="none"), None, "hedged" if hedges else "asserted", hedges
    )


def _attributed(builder: _Builder, sent: SpacySpan, attribution: Attribution) -> Claim | None:
    ctx, doc = builder.ctx, builder.doc
    if attribution.kind == "passive" and attribution.source_kind == "anonymous":
        source = Source(kind="anonymous")  # "we're told": someone the writer does not name
    elif attribution.kind in ("adverb", "passive") and attribution.source_head is None:
        source = make_source(ctx, None, attribution.source, kind="reports")
        if attribution.source is not None:
            source = Source(
                kind="reports",
                name=doc[attribution.source[0] : attribution.source[1]].text,
                span=ctx.span_of(doc[attribution.source[0] : attribution.source[1]]),
            )
    elif attribution.kind == "noun" and attribution.source_head is None:
        words = doc[attribution.source[0] : attribution.source[1]]
        source = Source(kind="reports", name=words.text, span=ctx.span_of(words))
    elif attribution.kind == "evidential":
        source = Source(kind="none")
    elif attribution.source is not None:
        source = make_source(
            ctx,
            attribution.source_head,
            attribution.source,
            channel=attribution.channel,
            title_case=attribution.kind == "colon",
        )
    else:
        source = Source(kind="none", channel=attribution.channel)
    start, end = attribution.content
    content = doc[start:end]
    lo = min([attribution.cue[0], start] + ([attribution.source[0]] if attribution.source else []))
    hi = max([attribution.cue[1], end] + ([attribution.source[1]] if attribution.source else []))
    hedges = builder.hedges_in(sent, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]), attribution.hedge)
    content_hedges = [
        h
        for h in hedges
        if content.start_char <= h.start and h.end <= content.end_char and not _someone_elses_belief(doc, h)
    ]
    certainty = _certainty(attribution, source, content, bool(content_hedges))
    text_range = None
    root = attribution.content_root
    # (a that-clause whose root the parser took for a noun, "TMZ reports that the couple
    # quietly filed ...", is still a clause)
    if (
        attribution.kind in ("stance", "speech", "cognition")
        and (root is None or root.pos_ not in ("VERB", "AUX"))
        and not (root is not None and root.dep_ == "ccomp")
    ):
        text_range = (lo, hi)  # "Cruz endorsed Trump", "she denied the report": the act is the proposition
    return builder.claim(
        attribution.content,
        source,
        attribution.cue,
        certainty,
        hedges,
        text_range=text_range,
        effect=attribution.effect,
    )


# Heads that name the same kind of person: "a spokesperson for Morrow" ... "the rep said".
_SAME_ROLE = {"spokesman": "spokesperson", "spokeswoman": "spokesperson", "rep": "spokesperson",
              "representative": "spokesperson", "pal": "friend"}  # fmt: skip
# A definite descriptor longer than this ("the source who spoke to us last year about the
# wedding") says more than "the same one" and may be someone new.
_MAX_BACK_REFERENCE = 3


def _role_of(ctx: Context, source: Source) -> tuple[str, bool] | None:
    """The head noun of a descriptive or anonymous source (synonyms merged) and whether its
    phrase is a bare definite back-reference ("the spokesperson", "the source")."""
    if source.kind not in ("descriptive", "anonymous") or source.span is None:
        return None
    span = ctx.doc.char_span(source.span.start, source.span.end, alignment_mode="expand")
    if span is None:
        return None
    head = span.root
    if head.pos_ != "NOUN" or head.tag_ in ("NNS", "NNPS"):
        return None  # one person; "sources" may be different people every time
    lemma = head.lemma_.lower()
    words = [t for t in span if not t.is_punct]
    definite = words[0].lower_ == "the" and len(words) <= _MAX_BACK_REFERENCE and head.i == words[-1].i
    return _SAME_ROLE.get(lemma, lemma), definite


def _outlet_names(ctx: Context) -> list[tuple[int, str]]:
    """(offset, name) of each publication the text names: entities that are outlets, and
    capitalised outlet names of the lexicon ("OK! Magazine", "Us Weekly")."""
    lex = lexicon()
    found = []
    for ent in ctx.doc.ents:
        if ent.label_ in ("ORG", "WORK_OF_ART", "PERSON", "GPE", "PRODUCT") and outlet_match(ent, lex):
            found.append((ent.start_char, ent.text.removeprefix("the ").removeprefix("The ")))
    for match in _outlet_pattern().finditer(ctx.text):
        name = match.group().removeprefix("the ").removeprefix("The ")
        if name[:1].isupper() and lex.outlet_names.get(match.group().lower()) == "name":
            found.append((match.start(), name))
    return sorted(found)


@cache
def _outlet_pattern() -> re.Pattern:
    names = sorted((n for n, kind in lexicon().outlet_names.items() if kind == "name"), key=len, reverse=True)
    return re.compile(r"(?<![\w!])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])", re.IGNORECASE)


def _name_outlets(ctx: Context, sources: list[Source]) -> None:
    """A publication referred back to ("the publication", "the site", "the report", "the
    article") is the one named last before it: "OK! Magazine published ... the publication
    claimed" -> OK! Magazine. "the report" or "the article" with no publication named
    before stays what it was."""
    doc = ctx.doc
    named = _outlet_names(ctx)
    for source in sources:
        if source.kind not in ("outlet", "reports", "descriptive") or source.span is None:
            continue
        span = doc.char_span(source.span.start, source.span.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        definite = any(c.lower_ in ("the", "this", "that") for c in head.children)
        if not definite or any(t.pos_ == "PROPN" for t in span) or head.tag_ in ("NNS", "NNPS"):
            continue
        lemma = head.lemma_.lower()
        if lemma not in lexicon().outlet_nouns and lemma not in PUBLISHED_NOUNS:
            continue
        earlier = [name for start, name in named if start < source.span.start]
        earlier += [
            s.name
            for s in sources
            if s.kind == "outlet"
            and s.span.start < source.span.start
            and s.name
            and s.name[:1].isupper()
            and not s.name.lower().startswith("the ")
        ]
        if earlier:
            source.kind, source.name = "outlet", earlier[-1]
    for source in sources:
        if source.kind != "outlet" or source.span is None:
            continue
        span = doc.char_span(source.span.start, source.span.end, alignment_mode="expand")
        if span is None or span.root.lemma_.lower() not in PUBLISHED_NOUNS | lexicon().outlet_nouns:
            continue
        # "The Times' investigation", "allegations reported by HuffPost", "Another Page Six
        # report": the publication is the name in it, in the fullest form the text gave it
        own = [t for t in span if t.pos_ == "PROPN" and t.i != span.root.i]
        if not own:
            continue
        short = doc[own[0].i : own[-1].i + 1].text
        fuller = [name for start, name in named if start < source.span.start and short in name]
        source.name = fuller[-1] if fuller else short


# How far back (in characters, a few paragraphs) a bare "he said" looks for its speaker.
_PRONOUN_REACH_CHARS = 800


def _name_pronouns(sources: list[Source]) -> None:
    """A bare "he"/"she" source that the entities stage left unresolved stands for the
    nearest earlier source of a compatible gender a few paragraphs back, quote speaker or
    attribution alike ('An unnamed source told the site ... He explained: "..."')."""
    for n, source in enumerate(sources):
        gender = PRONOUN_GENDER.get(source.span.text.lower())
        if gender is None or source.entity is not None:
            continue
        for before in reversed(sources[:n]):
            if source.span.start - before.span.start > _PRONOUN_REACH_CHARS:
                break
            if before.kind not in ("named", "descriptive", "anonymous") or before.span.start == source.span.start:
                continue
            if before.span.text.lower() in PRONOUN_GENDER and before.entity is None:
                continue
            if gender_of(before) not in (None, "u", gender):
                continue
            source.kind, source.name, source.entity = before.kind, before.name, before.entity
            break


def link_sources(ctx: Context, claims: list[Claim]) -> None:
    """A bare definite source ("the spokesperson said") is the one the article introduced
    before with the same head noun ("a spokesperson for Morrow"): it takes that source's
    display name and kind, so that sourcing groups them. Only the nearest earlier one of
    the same role counts; names and pronouns are the entities stage's business.

        "A spokesperson for Morrow denied it. ... the spokesperson said" -> both
        'a spokesperson for Morrow'
    """
    sources = [q.speaker for q in ctx.quotes] + [c.source for c in claims]
    sources = sorted((s for s in sources if s.span is not None), key=lambda s: s.span.start)
    _name_outlets(ctx, sources)
    _name_pronouns(sources)
    last: dict[str, Source] = {}
    for source in sources:
        role = _role_of(ctx, source)
        if role is None:
            continue
        noun, definite = role
        earlier = last.get(noun)
        if definite and earlier is not None and earlier.span.start < source.span.start:
            source.name, source.kind = earlier.name, earlier.kind
        else:
            last[noun] = source


def _embedded(doc, quote: Quote, cue: SpacySpan, source: Source) -> bool:
    """True for a partial quote inside a reported clause ('she insisted they were "just
    friends"', 'according to OK!, they are in "an exhausting cycle"'): words of the writer's
    stand between the cue and the quote, so the quoted words are a part of what the clause
    reports, not the whole of what was said ('she said: "..."', '"...," she said')."""
    words = doc.char_span(quote.span.start, quote.span.end, alignment_mode="expand")
    if words is None or words.sent.start != cue.sent.start:
        return False
    own = set(range(cue.start, cue.end))
    if source.span is not None:
        named = doc.char_span(source.span.start, source.span.end, alignment_mode="expand")
        if named is not None:
            own |= set(range(named.start, named.end))
    lo, hi = (cue.end, words.start) if cue.start < words.start else (words.end, cue.start)
    between = [t for t in doc[lo:hi] if t.is_alpha and t.i not in own and not t.is_quote]
    if any(t.lower_ not in ("that", "to", "according") for t in between):
        return True
    if cue[0].lower_ == "according" and cue.start > words.start:
        # 'Marriage is like a "front row seat to greatness," according to her husband': the
        # phrase sources the whole clause, and the writer's words before the quote are in it
        return any(t.is_alpha and t.i not in own for t in doc[words.sent.start : words.start])
    return False


# Who may introduce a block quotation: a name, a publication, an unnamed source, the writer.
_BLOCK_SOURCES = frozenset({"named", "outlet", "anonymous", "self"})


def _block_quotes(ctx: Context, claims: list[Claim]) -> None:
    """A paragraph that ends with a colon after a source's verb introduces the next paragraph
    as that source's words, set off without quote marks (a block quotation): "Fortune magazine
    put the disappointing performance in perspective the next day:" and then Fortune's
    paragraph. Its sentences, left in the article's voice so far, become the source's claims;
    page furniture between the two ("AD") is passed over."""
    text = ctx.text
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if text[m.start() : m.end()].strip()]
    for (start, end), following in zip(paragraphs, paragraphs[1:], strict=False):
        if not text[start:end].rstrip().endswith(":"):
            continue
        intro = _block_intro(ctx, start, end)
        if intro is None:
            continue
        source, cue = intro
        k = paragraphs.index(following)
        while k < len(paragraphs) and inside(ctx.furniture, *paragraphs[k]):
            k += 1  # "AD", a caption: page furniture
        if k >= len(paragraphs):
            continue
        lo, hi = paragraphs[k]
        if text[lo:hi].lstrip()[:1] in "\"'\u201c\u2018" or text[lo:hi].rstrip().endswith(":"):
            continue  # a quote has its own speaker; a heading introduces something else
        for n, claim in enumerate(claims):
            if claim.source.kind == "none" and lo <= claim.span.start and claim.span.end <= hi:
                claims[n] = claim.model_copy(update={"source": source, "cue": cue})


def _block_intro(ctx: Context, start: int, end: int) -> tuple[Source, Span] | None:
    """The source and cue of a paragraph's last sentence when it introduces a block quotation:
    a finite verb (not "is" or "has") whose subject names a person, a publication or the
    writer, with nothing after the colon."""
    doc = ctx.doc
    words = doc.char_span(start, end, alignment_mode="expand")
    if words is None or not len(words):
        return None
    sent = doc[words.end - 1].sent
    verb = sent.root
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.lemma_.lower() in ("be", "have"):
        return None  # '"Lucifer" is the 12th song ..., who wrote the line in the hook:': a description
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON" and subject.lower_ not in ("we",):
        return None
    span = doc[subject.left_edge.i : subject.right_edge.i + 1]
    source = make_source(ctx, subject, (span.start, span.end))
    if source.kind not in _BLOCK_SOURCES:
        return None
    return source, ctx.span_of(doc[verb.i : verb.i + 1])


def find_claims(ctx: Context) -> None:
    """Fill `ctx.claims`."""
    builder = _Builder(ctx)
    doc = ctx.doc
    quoted = set(ctx.token_quote)
    # cues inside someone's unattributed quoted words are theirs, not new attributions
    in_quotes = quoted | unattributed_quotes(doc)
    quote_cues: set[int] = set()
    quote_owned: set[int] = set(in_quotes)
    partial: set[str] = set()
    for quote in ctx.quotes:
        if quote.cue is not None:
            cue = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
            if cue is not None:
                if _embedded(doc, quote, cue, quote.speaker):
                    partial.add(quote.id)  # 'said the story was "total lies"': the attribution carries it
                    continue
                quote_cues.update(range(cue.start, cue.end))
                # the cue clause ("he tweeted on July 20") is not the article's own claim
                quote_owned.update(t.i for t in cue.root.subtree)
    claims: list[Claim] = []
    for quote in ctx.quotes:
        if quote.id not in partial:
            claims.extend(_quote_claims(builder, quote))
    for sent in doc.sents:
        if all(t.i in in_quotes or t.is_space or t.is_punct for t in sent):
            continue
        if inside(ctx.furniture, sent.start_char, sent.end_char):
            continue  # captions, credits, links: page furniture, not claims
        taken = set(quote_owned)
        cut = boilerplate_start(sent.text)
        furniture = sent.start_char + cut if cut is not None else None
        # issue 13: learned attribution adds what the rules missed (analyze/learned; setting learned_attribution)
        for attribution in learned.augment(sent, find_attributions(sent, in_quotes), in_quotes):
            if furniture is not None and doc[attribution.cue[0]].idx >= furniture:
                continue  # "Picture: Getty Images shows ...": page furniture, not a claim
            if attribution.head.i in quote_cues:
                continue  # the quote's own claims carry it
            taken.update(attribution.clause)
            content = range(*attribution.content)
            if content and all(i in quoted or doc[i].is_punct for i in content):
                continue
            if attribution.cue[0] in quote_cues:
                continue
            claim = _attributed(builder, sent, attribution)
            if claim is not None:
                claims.append(claim)
        if not _is_headline(sent):
            claim = _own_voice(builder, sent, taken)
            if claim is not None:
                claims.append(claim)
    _block_quotes(ctx, claims)
    link_sources(ctx, claims)
    claims.sort(key=lambda c: (c.span.start, c.span.end))
    for claim in claims:
        claim.id = ctx.new_id("c")
    ctx.claims.extend(claims)

"""Direct quotes with their speakers, cues, channels and dates.

    >>> analysis = analyze('"We are fine," a source claims.')
    >>> quote = analysis.quotes[0]
    >>> quote.span.text, quote.speaker.kind, quote.cue.text
    ('We are fine,', 'anonymous', 'claims')

How a quote is found, per paragraph:

  1. Quote marks pair up: curly and straight double quotes, then single quotes (UK tabloid
     style) outside them where an opener and a closer pair unambiguously (apostrophes as in
     "Kim's" or "haven't" never count). A paragraph that opens a quote and never closes it
     continues into the next paragraph that opens with a quote mark.
  2. Each quoted segment looks for its cue, in this order:
     a. after it, in the rest of its sentence: '"...," a source claims.' / '..." he tweeted';
     b. before it, in its sentence: 'he said: "..."', 'she told People, "..."', or a speech
        verb whose complement holds the quote ('he said the story was "completely false"');
     c. a speech verb in the previous sentence that ends with a colon ('Cruz continued:');
     d. continuation: a segment that starts its sentence with no cue of its own continues
        the previous quote's speaker in the same paragraph ('"...," Kanye told the audience.
        "I almost killed my daughter."') or in the paragraph before (a quote paragraph that
        follows a quote, passing over quotes nested inside it); pieces of one multi-paragraph
        quote share a speaker, and so do quotes listed with semicolons after one cue.
  3. Segments with no cue are not speech: scare quotes ("white supremacist"), nicknames,
     titles ("One Hundred Years of Solitude") and headline fragments. Title-like segments
     (every long word capitalised) and partial quotes under three words inside a sentence
     are not speech even with a cue before them.

The speaker is the subject of the cue (attribution.make_source); the channel comes from the
cue lexicon (tweeted -> social_post, told the audience -> speech); the date is the TimeRef
in the cue's clause ("he tweeted on July 20").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from ..model import Quote, Source
from . import lexicons
from .attribution import channel_of, colon_speaker, cue_start, is_speech_verb, make_source, source_words, subject_of
from .context import Context
from .furniture import inside

_DOUBLE_OPEN, _DOUBLE_CLOSE = "\u201c", "\u201d"
_SINGLE_OPEN, _SINGLE_CLOSE = "\u2018", "\u2019"
_SINGLE = ("'", _SINGLE_OPEN, _SINGLE_CLOSE)
_CLOSE_FOLLOWERS = set(' \t\n.,;:!?)]\u2014\u2013-"\u201d')
_OPEN_PRECEDERS = set(' \t\n([\u2014\u2013-:"\u201c')
# Elisions that start with an apostrophe look like single-quote openers ("'em", "'90s").
_ELISION = re.compile(r"'(?:em|cause|til|tis|twas|n|\d0s|\d\d)\b", re.IGNORECASE)
# A cue after a quote sits close to it ('," a spokesperson for the couple told People');
# 10 tokens cover a long subject phrase, further away a verb belongs to another clause.
_MAX_AFTER = 10
# A cue before a quote ('Kanye told the audience during his rally in Charleston: "').
_MAX_BEFORE = 14
# Partial quotes inside a sentence shorter than this (one word) are scare quotes, not speech;
# two words under a cue ("dismissed the story as 'total lies'") are the source's words.
_MIN_EMBEDDED_WORDS = 2
_SENTENCE_END = {".", "!", "?"}
# Doc.user_data key for quoted sentences without a speaker (see `unattributed_quotes`).
_UNATTRIBUTED = "rumormill.unattributed_quotes"


@dataclass
class _Segment:
    open_mark: int  # character index of the opening mark
    start: int  # first quoted character
    end: int  # one past the last quoted character
    close_mark: int | None  # character index of the closing mark; None: runs to paragraph end
    paragraph: int
    first: int = -1  # first token inside
    last: int = -1  # one past the last token inside
    continues: int | None = None  # index of the segment this one continues (multi-paragraph)


@dataclass
class _Found:
    cue: tuple[int, int]
    verb: Token
    source: Source


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


_MARKS = re.compile("[\"'\u2018\u2019\u201c\u201d]")


def _is_twin(text: str, i: int) -> bool:
    """Two apostrophes standing for one double quote mark (the New York Times' ''...'')."""
    return text.startswith("''", i) and not text.startswith("'''", i)


def _double_segments(text: str, start: int, end: int, paragraph: int) -> list[_Segment]:
    segments, opened, width, skip = [], None, 1, -1
    for match in _MARKS.finditer(text, start, end):  # jump from mark to mark: linear
        i = match.start()
        if i == skip:
            continue  # the second apostrophe of a twin
        c = text[i]
        if c == "'" and _is_twin(text, i):
            skip = i + 1
            if opened is None and (i == start or text[i - 1] in _OPEN_PRECEDERS):
                opened, width = i, 2
            elif opened is not None:
                segments.append(_Segment(opened, opened + width, i, i + 1, paragraph))
                opened = None
            continue
        if c == _DOUBLE_OPEN or (c == '"' and opened is None):
            if opened is None:
                opened, width = i, 1
        elif c == _DOUBLE_CLOSE or c == '"':
            if opened is not None:
                segments.append(_Segment(opened, opened + width, i, i, paragraph))
                opened = None
    if opened is not None:
        segments.append(_Segment(opened, opened + width, end, None, paragraph))
    return segments


def _is_single_open(text: str, i: int) -> bool:
    # "'[Damian] definitely takes some'": an editor's bracket may open the quoted words
    if text[i] not in _SINGLE or i + 1 >= len(text) or not (text[i + 1].isalnum() or text[i + 1] == "["):
        return False
    if text[i] == _SINGLE_CLOSE:  # a right quote mark never opens
        return False
    if i > 0 and text[i - 1] not in _OPEN_PRECEDERS:
        return False
    return not _ELISION.match(text, i) if text[i] == "'" else True


def _is_single_close(text: str, i: int) -> bool:
    if text[i] not in ("'", _SINGLE_CLOSE) or i == 0 or text[i - 1].isspace():
        return False
    return i + 1 >= len(text) or text[i + 1] in _CLOSE_FOLLOWERS


def _single_segments(text: str, start: int, end: int, paragraph: int, taken: list[_Segment]) -> list[_Segment]:
    segments, opened = [], None
    blocked = sorted((s.open_mark, (s.close_mark if s.close_mark is not None else s.end) + 1) for s in taken)
    b = 0
    for match in _MARKS.finditer(text, start, end):
        i = match.start()
        while b < len(blocked) and blocked[b][1] <= i:
            b += 1
        if b < len(blocked) and blocked[b][0] <= i:
            continue  # inside a double-quoted segment
        if _is_twin(text, i) or (i > start and _is_twin(text, i - 1)):
            continue  # a twin apostrophe is half a double quote mark, never a single quote
        if opened is None:
            if _is_single_open(text, i):
                opened = i
        elif _is_single_close(text, i):
            segments.append(_Segment(opened, opened + 1, i, i, paragraph))
            opened = None
        elif _is_single_open(text, i) and text[i] == _SINGLE_OPEN:
            opened = i  # a new opener: the old one was not a quote
    if opened is not None and (opened == start or _hands_over(text, start, opened)):
        # a quote left open runs on to the paragraph's end ("told the outlet: 'They separate
        # the stone from the metal." and the next paragraph opens another mark: UK style)
        segments.append(_Segment(opened, opened + 1, end, None, paragraph))
    return segments


def _hands_over(text: str, start: int, i: int) -> bool:
    """True when the text before an opening mark hands over to a quote: 'told X: ' / 'said, ',
    or goes on with a list of quotes: "posting: 'Gorgeous.'; 'Does your son film this?" """
    before = text[start:i].rstrip()
    return before.endswith((":", ",", ";"))


def _segments(ctx: Context) -> list[_Segment]:
    text = ctx.text
    found: list[_Segment] = []
    for n, (start, end) in enumerate(_paragraphs(text)):
        doubles = _double_segments(text, start, end, n)
        singles = _single_segments(text, start, end, n, doubles)
        here = sorted(doubles + singles, key=lambda s: s.start)
        if found and here and found[-1].close_mark is None and found[-1].paragraph == n - 1:
            if here[0].open_mark == start:
                here[0].continues = len(found) - 1
        found.extend(here)
    doc = ctx.doc
    kept = []
    for segment in found:
        while segment.start < segment.end and text[segment.start].isspace():
            segment.start += 1
        # '"We are fine," she said': the comma belongs to the quoting, not to the words
        while segment.end > segment.start and (text[segment.end - 1].isspace() or text[segment.end - 1] in ",;:"):
            segment.end -= 1
        span = doc.char_span(segment.start, segment.end, alignment_mode="contract")
        if span is None or len(span) == 0:
            continue
        segment.first, segment.last = span.start, span.end
        kept.append(segment)
    # re-point continuation links after dropping empty segments
    index = {id(s): i for i, s in enumerate(kept)}
    by_old = {i: s for i, s in enumerate(found)}
    for segment in kept:
        if segment.continues is not None:
            previous = by_old.get(segment.continues)
            segment.continues = index.get(id(previous)) if previous is not None else None
    return kept


def _words(doc, start: int, end: int) -> int:
    return sum(1 for t in doc[start:end] if not (t.is_punct or t.is_space))


def _title_like(doc, segment: _Segment) -> bool:
    """'One Hundred Years of Solitude', 'Wash Us In The Blood': capitalised long words, no
    sentence punctuation at the end."""
    tokens = [t for t in doc[segment.first : segment.last] if not (t.is_punct or t.is_space)]
    if len(tokens) < 2 or doc[segment.last - 1].text in _SENTENCE_END:
        return False
    long_words = [t for t in tokens if len(t.text) > 3 and t.is_alpha]
    return bool(long_words) and all(t.text[:1].isupper() for t in long_words)


def _window_after(doc, segment: _Segment, quoted: set[int]) -> list[Token]:
    """Tokens after the closing mark up to the sentence end or the next quote."""
    if segment.close_mark is None:
        return []
    out = []
    i = segment.last
    while i < len(doc) and (doc[i].is_quote or doc[i].idx <= segment.close_mark):
        i += 1
    while i < len(doc) and len(out) < _MAX_AFTER + 2:
        token = doc[i]
        if token.is_quote and _scare_quote_ahead(doc, i):
            i += 1  # 'a so-called "friend" of the model tells the magazine': part of the source
            continue
        if (i in quoted and not _in_scare_quote(doc, i)) or "\n" in token.text or token.is_quote:
            break
        aside = _apposition_end(doc, i) if len(out) <= 4 else None
        if aside is not None:
            i = aside + 1  # '," Christopher Melcher, a Los Angeles-based family law attorney, told ...'
            continue
        out.append(token)
        if token.text in _SENTENCE_END or "\n" in token.whitespace_:
            break
        i += 1
    return out


# The longest apposition set off by commas after a speaker's name.
_MAX_APPOSITION = 15


def _apposition_end(doc, i: int) -> int | None:
    """The closing comma of an apposition that the comma at `i` opens after a name ("Melcher,
    a Los Angeles-based family law attorney,"), or None."""
    if doc[i].text != "," or i == 0 or doc[i - 1].pos_ != "PROPN":
        return None
    for k in range(i + 1, min(len(doc), i + 1 + _MAX_APPOSITION)):
        token = doc[k]
        if token.text == ",":
            return k if k > i + 1 else None
        if token.text in _SENTENCE_END or token.is_quote or "\n" in token.whitespace_ or token.is_space:
            return None
        if token.pos_ in ("VERB", "AUX") and token.tag_ in ("VBD", "VBZ", "VBP"):
            return None  # a finite verb: a clause ("Melcher, who said"), not a noun phrase
    return None


def _scare_quote_ahead(doc, i: int) -> bool:
    """True when the quote mark at `i` opens or closes one or two quoted words ("friend")."""
    for lo, hi in ((i + 1, i + 4), (i - 3, i)):
        marks = [t.i for t in doc[max(lo, 0) : min(hi, len(doc))] if t.is_quote]
        if marks:
            inner = range(min(i, marks[0]) + 1, max(i, marks[0]))
            if 0 < len(inner) <= 2 and all(doc[k].is_alpha for k in inner):
                return True
    return False


def _in_scare_quote(doc, i: int) -> bool:
    return (i > 0 and doc[i - 1].is_quote and _scare_quote_ahead(doc, i - 1)) or (
        i + 1 < len(doc) and doc[i + 1].is_quote and _scare_quote_ahead(doc, i + 1)
    )


def _window_before(doc, segment: _Segment, quoted: set[int]) -> list[Token]:
    """Tokens before the opening mark back to the sentence start or the previous quote."""
    out = []
    i = segment.first - 1
    while i >= 0 and doc[i].idx >= segment.open_mark:
        i -= 1
    while i >= 0 and len(out) < _MAX_BEFORE + 2:
        token = doc[i]
        if i in quoted or token.is_quote or "\n" in token.whitespace_ or token.is_space:
            break
        if token.text in _SENTENCE_END and not _in_name(doc, i):
            break
        out.append(token)
        i -= 1
    out.reverse()
    return out


def _in_name(doc, i: int) -> bool:
    """True for the "!" of a name ("OK!", "E!", "Yahoo!") inside a sentence."""
    return (
        doc[i].text == "!"
        and i > 0
        and not doc[i - 1].whitespace_
        and doc[i - 1].text[:1].isupper()
        and i + 1 < len(doc)
        and not doc[i + 1].is_sent_start
    )


def _speaker(ctx: Context, verb: Token, quoted: set[int], channel: str | None) -> Source | None:
    doc = ctx.doc
    if verb.lower_ == "according":
        to = next((c for c in verb.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if obj is None:
            return None
        return make_source(ctx, obj, source_words(obj, quoted | {verb.i, to.i}), channel=channel)
    subject = subject_of(verb)
    if subject is not None and subject.i in quoted and _in_scare_quote(doc, subject.i):
        quoted = quoted - {subject.i}  # 'a so-called "friend" of the model tells ...'
    elif subject is None or subject.i in quoted:
        # '"...," said Kanye' misparsed: take the name right after the verb
        # ('Alleges another insider, "..."': the head noun of the phrase after the verb)
        nxt = verb.i + 1
        while nxt < min(len(doc), verb.i + 4) and doc[nxt].pos_ in ("DET", "ADJ", "NUM") and nxt not in quoted:
            nxt += 1
        if nxt < len(doc) and doc[nxt].pos_ in ("PROPN", "NOUN", "PRON") and nxt not in quoted:
            subject = doc[nxt]
        else:
            return None
    words = source_words(subject, quoted | {verb.i})
    if words is None:
        return None
    return make_source(ctx, subject, words, channel=channel)


def _cue_tokens(verb: Token) -> tuple[tuple[int, int], str | None]:
    if verb.lower_ == "according":
        return (verb.i, verb.i + 2), None
    channel, last = channel_of(verb)
    start, end = cue_start(verb), verb.i + 1
    if last > verb.i:
        end = last + 1
    else:
        prt = next((c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1), None)
        if prt is not None:
            end = prt.i + 1
    return (start, end), channel


def _is_cue(token: Token) -> bool:
    if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
        return True
    return is_speech_verb(token) and token.dep_ not in ("amod", "compound", "aux", "auxpass")


def _own_complement(verb: Token, quoted: set[int]) -> bool:
    """True when a cue after a quote has its own content to its right ('"very worried." In
    Virginia, 85% said the economy favors the wealthy'): the quote is not its speech."""
    return any(
        c.i > verb.i
        and c.i not in quoted
        and c.dep_ in ("ccomp", "intj", "xcomp")  # an object may be the hearer ("told The Sun")
        and not c.is_quote
        and not any(t.i in quoted for t in c.subtree)
        for c in verb.children
    )


def _cue_after(ctx: Context, segment: _Segment, quoted: set[int]) -> _Found | None:
    doc = ctx.doc
    if doc[segment.last - 1].text == "." and segment.close_mark is not None:
        return None  # '"... very worried." In Virginia, ... said': a full stop ends the sentence
    window = _window_after(doc, segment, quoted)
    for n, token in enumerate(window):
        if token.text in _SENTENCE_END:
            break
        if n > _MAX_AFTER:
            break
        if _is_cue(token) and token.dep_ == "relcl":
            break  # '"no contact" with the daughter he shares with Holmes': a noun's clause
        if _is_cue(token):
            if _own_complement(token, quoted):
                return None
            return _found(ctx, token, quoted)
        # a finite verb that is not a cue starts another clause: the quote has no cue here
        if token.pos_ == "VERB" and token.tag_ in ("VBD", "VBZ", "VBP") and token.dep_ != "amod":
            break
    return None


def _cue_before(ctx: Context, segment: _Segment, quoted: set[int], title: bool) -> _Found | None:
    doc = ctx.doc
    window = _window_before(doc, segment, quoted)
    if not window:
        return None
    cues = [t for t in window if _is_cue(t)]
    if not cues:
        return None
    verb = cues[-1]
    last = window[-1]
    root = doc[segment.first : segment.last].root
    adjacent = last.text in (":", ",") or last.i == verb.i or last.lower_ == "that"
    adjacent = adjacent or (last.i <= _cue_tokens(verb)[0][1] - 1)
    embedded = any(t.i == verb.i for t in root.ancestors)
    if not embedded and verb.lower_ == "according":
        # "According to OK!, they are in “an exhausting cycle”": the phrase sources its clause
        embedded = verb.head.i == root.i or any(t.i == verb.head.i for t in root.ancestors)
    if not (adjacent or embedded):
        return None
    if title:
        return None
    if not adjacent or last.lower_ == "that" or last.i == verb.i:
        # a quote inside the complement: a partial quote, speech only when long enough
        starts_sentence = doc[segment.first].is_sent_start
        if _words(doc, segment.first, segment.last) < _MIN_EMBEDDED_WORDS and not starts_sentence:
            return None
    return _found(ctx, verb, quoted)


def _cue_colon(ctx: Context, segment: _Segment, quoted: set[int]) -> _Found | None:
    """'Cruz continued:' ending the sentence (or paragraph) before the quote, or a
    headline's 'Kim Kardashian: "I'm done"'."""
    doc = ctx.doc
    i = segment.first - 1
    while i >= 0 and (doc[i].is_quote or doc[i].is_space or doc[i].idx >= segment.open_mark):
        i -= 1
    if i < 0 or doc[i].text not in (":", ","):
        return None
    if doc[i].text == ",":
        # 'A source tells the magazine,' ending a paragraph, the quote opening the next one
        if "\n" not in doc[i].whitespace_ and not (i + 1 < len(doc) and doc[i + 1].is_space):
            return None
        sent = doc[i].sent
        cues = [t for t in doc[sent.start : i] if _is_cue(t) and t.i not in quoted]
        return _found(ctx, cues[-1], quoted) if cues else None
    speaker = colon_speaker(doc[i])
    if speaker is not None and "\n" not in doc[i].whitespace_:
        head = doc[speaker[0] : speaker[1]].root
        return _Found((i, i + 1), doc[i], make_source(ctx, head, speaker, title_case=True))
    sent = doc[i].sent
    cues = [t for t in doc[sent.start : i] if _is_cue(t) and t.i not in quoted]
    return _found(ctx, cues[-1], quoted) if cues else None


def _nested(segment: _Segment, others: list[_Segment]) -> bool:
    """True when another quote holds this one ('He said he had the chance "to be free"')."""
    return any(o.start <= segment.open_mark and segment.end <= o.end for o in others)


def _after_semicolon(ctx: Context, previous: _Segment, segment: _Segment) -> bool:
    """True when only a semicolon stands between two quotes of one paragraph."""
    if previous.paragraph != segment.paragraph or previous.close_mark is None:
        return False
    between = ctx.text[previous.close_mark + 1 : segment.open_mark]
    return between.strip() == ";"


def _cue_ending_previous(ctx: Context, segment: _Segment, quoted: set[int]) -> _Found | None:
    """'Last year saw a record, the tourism group said. "And royal heritage was a big part."':
    a quote opening a sentence right after one that ends with its cue, in the same paragraph,
    goes on with that speaker."""
    doc = ctx.doc
    i = segment.first - 1
    while i >= 0 and (doc[i].is_quote or doc[i].is_space or doc[i].idx >= segment.open_mark):
        i -= 1
    if i < 0 or doc[i].text not in _SENTENCE_END or "\n" in doc[i].whitespace_:
        return None
    sent = doc[i].sent
    tail = [t for t in doc[max(sent.start, i - _MAX_AFTER) : i] if t.i not in quoted]
    cues = [t for t in tail if _is_cue(t)]
    if not cues or any(t.is_quote for t in doc[cues[-1].i : i]):
        return None
    verb = cues[-1]
    # the cue closes its sentence: nothing but its subject and adverbs after it
    if any(t.pos_ in ("VERB", "AUX") and t.i != verb.i for t in doc[verb.i : i]):
        return None
    return _found(ctx, verb, quoted)


def _found(ctx: Context, verb: Token, quoted: set[int]) -> _Found | None:
    cue, channel = _cue_tokens(verb)
    source = _speaker(ctx, verb, quoted, channel)
    if source is None:
        return None
    return _Found(cue, verb, source)


def _starts_sentence(doc, segment: _Segment) -> bool:
    i = segment.first - 1
    while i >= 0 and (doc[i].is_quote or doc[i].is_space or doc[i].idx >= segment.open_mark):
        i -= 1
    if i >= 0 and doc[i].text.endswith(".") and doc[segment.first].text[:1].isupper():
        return True  # '... Perlman wrote to Trump Jr. "I never worked for Harvey."': the abbreviation ends it
    return i < 0 or doc[i].text in _SENTENCE_END or "\n" in doc[i].whitespace_ or doc[segment.first].is_sent_start


def _quote_date(ctx: Context, found: _Found, quoted: set[int]):
    """The TimeRef inside the cue's clause: 'he tweeted on July 20' -> July 20; for a cue
    that only continues another verb, that verb's clause: 'posted a photo on Sunday,
    writing: "..."' -> Sunday."""
    verb = found.verb
    time = _time_in_clause(ctx, verb, quoted)
    head = verb.head
    if time is None and verb.dep_ in ("advcl", "xcomp", "conj") and head.i != verb.i and head.pos_ == "VERB":
        time = _time_in_clause(ctx, head, quoted)
    return time


def _time_in_clause(ctx: Context, verb, quoted: set[int]):
    sent = verb.sent  # Token.sent walks the sentence: compute it once
    tokens = [t for t in verb.subtree if t.i not in quoted and sent.start <= t.i < sent.end]
    if not tokens:
        return None
    lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    for time in ctx.times:
        if lo <= time.span.start and time.span.end <= hi:
            words = ctx.doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
            if words is not None and not any(t.i in quoted for t in words):
                return time
    return None


def find_quotes(ctx: Context) -> None:
    """Fill `ctx.quotes` and `ctx.token_quote`."""
    doc = ctx.doc
    segments = _segments(ctx)
    quoted: set[int] = set()
    for segment in segments:
        quoted.update(range(segment.first, segment.last))
    found: list[_Found | None] = []
    for segment in segments:
        if _words(doc, segment.first, segment.last) < _MIN_EMBEDDED_WORDS:
            found.append(None)  # one quoted word is a scare quote or a name, never speech
            continue
        title = _title_like(doc, segment)
        hit = _cue_after(ctx, segment, quoted)
        if hit is None and title:
            found.append(None)
            continue
        hit = hit or _cue_before(ctx, segment, quoted, title) or _cue_colon(ctx, segment, quoted)
        if hit is None and not title and _starts_sentence(doc, segment):
            hit = _cue_ending_previous(ctx, segment, quoted)
        found.append(hit)
    # continuation: inside one multi-paragraph quote, then cue-less quotes that open a
    # sentence right after an attributed quote
    for n, segment in enumerate(segments):
        if found[n] is None and segment.continues is not None:
            found[n] = found[segment.continues]
    for n in range(len(segments) - 1, -1, -1):  # a cue at the end of a multi-paragraph quote
        segment = segments[n]
        if segment.continues is not None and found[segment.continues] is None and found[n] is not None:
            found[segment.continues] = found[n]
    for n, segment in enumerate(segments):
        if found[n] is None and n > 0 and found[n - 1] is not None and _after_semicolon(ctx, segments[n - 1], segment):
            found[n] = found[n - 1]  # "posting: 'Gorgeous.'; 'Does your son film this?'": one list of quotes
            continue
        if found[n] is not None or n == 0 or not _starts_sentence(doc, segment):
            continue
        # the quote before, passing over quotes nested in it ('He said he had the chance
        # "to be free."' is one quote, and the one after it goes on from the outer one)
        m = n - 1
        while m > 0 and _nested(segments[m], segments[:m]):
            m -= 1
        previous, before = segments[m], found[m]
        if before is None or _title_like(doc, segment):
            continue
        same_paragraph = previous.paragraph == segment.paragraph
        next_paragraph = previous.paragraph == segment.paragraph - 1 and _opens_paragraph(ctx, segment)
        if same_paragraph or next_paragraph:
            found[n] = before
    _name_pronoun_speakers(ctx, segments, found)
    unattributed: set[int] = set()
    for segment, hit in zip(segments, found, strict=False):
        if hit is not None and inside(ctx.furniture, segment.start, segment.end):
            continue  # a caption repeating a quote of the article: the article's copy counts
        if hit is None:
            # kept for the claims stage: a quoted sentence with no speaker is someone's
            # words, not the article's (scare quotes and titles are not sentences)
            if _is_sentence(doc, segment):
                unattributed.update(range(segment.first, segment.last))
            continue
        quote_id = ctx.new_id("q")
        cue_span = doc[hit.cue[0] : hit.cue[1]]
        ctx.quotes.append(
            Quote(
                id=quote_id,
                span=ctx.span(segment.start, segment.end),
                speaker=hit.source,
                cue=ctx.span_of(cue_span),
                date=_quote_date(ctx, hit, quoted),
            )
        )
        for i in range(segment.first, segment.last):
            ctx.token_quote[i] = quote_id
    ctx.doc.user_data[_UNATTRIBUTED] = unattributed


# How many paragraphs back a bare "she says" may look for the speaker it stands for.
_PRONOUN_REACH = 3
PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
# Cues that go on with what the last speaker said: "she added", "he continued".
_GOING_ON = frozenset({"add", "continue", "conclude", "reiterate", "elaborate"})


@cache
def _first_name_genders() -> dict[str, str]:
    return lexicons.mapping("entity_first_names")


def gender_of(source: Source) -> str | None:
    first = (source.name or "").split()[:1]
    return _first_name_genders().get(first[0].lower()) if first else None


def _name_pronoun_speakers(ctx: Context, segments: list[_Segment], found: list[_Found | None]) -> None:
    """A quote spoken by a bare "she" or "he" is the paragraph's speaker: the nearest earlier
    quote's speaker who is a person the pronoun can stand for (a first name of the other
    gender rules one out), within a few paragraphs when the entities stage left the pronoun
    unresolved ('"I'm Brazilian, so I need that," she says.'); when the entities stage
    resolved it by salience, only after a cue that goes on ("she added") and within this
    paragraph or the one before."""
    for n, (segment, hit) in enumerate(zip(segments, found, strict=False)):
        if hit is None or hit.source.span is None:
            continue
        gender = PRONOUN_GENDER.get(hit.source.span.text.lower())
        if gender is None:
            continue
        # a pronoun the entities stage resolved by salience still yields to the speaker of
        # the quote just before ('"I'm happy," said Kathleen Connell. ... "It's fantastic,"
        # she added.'), never to a name inside the quotes
        adjacent_only = False
        if hit.source.entity is None:
            reach = _PRONOUN_REACH
        elif hit.verb.lemma_.lower() in _GOING_ON:
            reach = 1
        else:
            # '"I think it's fine," said Kieran Verseim. "Anybody should ...," she said.': the
            # quote right before, in this paragraph, with no one else named between them
            reach, adjacent_only = 0, True
        for m in range(n - 1, -1, -1):
            earlier, before = segments[m], found[m]
            if segment.paragraph - earlier.paragraph > reach:
                break
            if adjacent_only and before is not hit:
                if _goes_on(ctx, earlier, segment, before, hit):
                    hit.source = before.source.model_copy(
                        update={"span": hit.source.span, "channel": hit.source.channel}
                    )
                break
            if before is hit:
                continue  # a piece of the same quote
            if before is None or before.source.kind not in ("named", "descriptive", "anonymous"):
                continue
            if before.source.span is not None and before.source.span.text.lower() in PRONOUN_GENDER:
                if before.source.entity is None:
                    continue
            if gender_of(before.source) not in (None, "u", gender):
                continue
            hit.source = before.source.model_copy(update={"span": hit.source.span, "channel": hit.source.channel})
            break


def _goes_on(ctx: Context, earlier: _Segment, segment: _Segment, before: _Found | None, hit: _Found) -> bool:
    """True when the quote before, spoken by a named person, is the only one a bare "she
    said" can go on with: no other person is named or referred to between the two quotes
    (outside the pronoun's own cue). The first-name list's gender is only a prior, and it
    yields here: "Kieran" is most often a man's name, but nobody else is in reach."""
    if before is None or before.source.kind != "named" or before.source.entity is None:
        return False
    own = hit.source.span
    for i in range(earlier.last, segment.first):
        eid = ctx.token_entity.get(i)
        if eid is None or eid == before.source.entity or i in ctx.token_quote:
            continue
        if own is not None and own.start <= ctx.doc[i].idx < own.end:
            continue
        entity = ctx.entity(eid)
        if entity is not None and entity.kind == "person":
            return False
    return True


def _is_sentence(doc, segment: _Segment) -> bool:
    """A quoted clause long enough to be speech: a verb with a subject, five words or more."""
    if _words(doc, segment.first, segment.last) < 5 or _title_like(doc, segment):
        return False
    return any(
        t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        for t in doc[segment.first : segment.last]
    )


def unattributed_quotes(doc) -> set[int]:
    """Token indices of quoted sentences that no cue attributes (set by `find_quotes`)."""
    return doc.user_data.get(_UNATTRIBUTED, set())


def _opens_paragraph(ctx: Context, segment: _Segment) -> bool:
    text = ctx.text
    line_start = text.rfind("\n", 0, segment.open_mark) + 1
    return not text[line_start : segment.open_mark].strip()

"""Page furniture: the parts of a page's text that are not the article's statements.

    >>> furniture("Kim left.\\n\\nStepping up: Kim in a white dress on Tuesday\\n\\nShe smiled.")
    [(11, 54)]

Readers keep what a page shows, and a page shows more than its article: photo captions and
their headers ("Stepping up: Kim in a white dress on Tuesday"), photo credits, subheadings and
related links ("MORE: ..."), ads, bylines, and the signature line under an embedded post
("— Kim Kardashian (@KimKardashian) July 20, 2020"). None of them is a claim: a caption
repeats or describes a picture, a link names another article.

The rules read whole paragraphs (lines of the text), because that is how pages lay furniture
out. A paragraph is furniture when:

  1. it opens with a furniture phrase (lexicon `boilerplate`: "Picture:", "MORE:", "Click here",
     "Popular on", "Advertisement" ...);
  2. it is unfinished, not ending the way a sentence or a quote does (. ! ? … quote marks, or
     a comma or colon that hands over to the next paragraph), and one of: it is short (a
     subheading, a byline, a credit, a link), it opens with a caption header (a few words
     and a colon or a question mark: "Stepping up:", "Who did it?"), it says what a picture
     shows ("pictured", "(left)", "is shown"), or it repeats most of another paragraph (a
     caption copies the sentence it illustrates). The text's first line is the headline:
     `claims` decides about it.

An embedded post's signature is furniture on its own; the post's words before it are not. A
caption that the page ran into the text ends with its credit in brackets ("Zayn and Gigi dated for
two years (Picture: Getty)"), and starts where the sentence before it ends.

Limits: a caption that ends with a full stop and says nothing of a picture reads as a
sentence; a long unfinished paragraph that repeats nothing is kept (a cut-off last
paragraph is still the article's).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from . import lexicons

# Words in an unfinished paragraph up to which it is a subheading, a byline or a link.
_SHORT = 16
# Share of an unfinished paragraph's words found in another paragraph that makes it a copy
# (a Daily Mail caption repeats its sentence with a word or two changed).
_COPY = 0.6
_FINISHED = re.compile(r"""[.!?…"'\u201d\u2019),:;\]]\s*$""")
_HEADER = re.compile(r"^[A-Z][\w'’&\- ]{0,40}?(?::(?!\d)|\?|\.\.\.|…)\s+\S")
_PICTURE = re.compile(
    r"\b(?:pictured|photographed|seen here"
    r"|(?:is|are|was|were) (?:shown|seen|snapped|spotted) (?:here|with|in|at|on|earlier|last|in))\b"
    r"|\((?:left|right|centre|center|top|bottom|above|below|inset)\b"
    r"|,\s(?:left|right|centre|center),?\s(?:with|and|next to)\b",
    re.IGNORECASE,
)
# "— Donald J. Trump (@realDonaldTrump) January 6, 2017": an embedded post's signature
_SIGNATURE = re.compile(
    r"[\u2014\u2013-]{1,2}\s*[^\n()\u2014]{1,60}\(@\w{1,30}\)\s*"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]{2,8} \d{4})?\s*$"
)
_WORD = re.compile(r"[A-Za-z0-9]+")
# "Zayn and Gigi dated for two years (Picture: Getty)": a caption that the page ran into the text,
# its credit in brackets after it; it starts after the last sentence end or paragraph gap (a page
# flattened to one line keeps its paragraphs apart by two spaces).
_CREDIT = re.compile(r"\((?:pictures?|photos?|images?|pics?|credit)\s*:[^()\n]{1,80}\)", re.IGNORECASE)
_CAPTION_START = re.compile(r"[.!?…][\"'\u201d\u2019]?\s+|\s{2,}|\n")
# Words a caption before a credit has at most; a longer run is the article's own sentence.
_CAPTION_WORDS = 40
# A caption header has at most this many words ("Things that can't be unseen...").
_HEADER_WORDS = 6
# What follows a caption header: a capitalised sentence or a quote.
_OPENS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ'\"\u2018\u201c")
# "The original post follows:", "Watch the video below.", "See the photos here:"
_POINTER = re.compile(r"\b(?:below|follows|above|here)\s*[.:!]$", re.IGNORECASE)


@cache
def _openers() -> re.Pattern:
    phrases = sorted((row[0] for row in lexicons.load("boilerplate")), key=len, reverse=True)
    return re.compile("|".join(re.escape(p) for p in phrases), re.IGNORECASE)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, without its surrounding whitespace."""
    found = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + (len(line) - len(line.lstrip()))
            found.append((start, start + len(stripped)))
    return found


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def furniture(text: str, is_name: Callable[[int, int], bool] | None = None) -> list[tuple[int, int]]:
    """Character ranges of the text that are page furniture, in text order.

    Args:
        text: the article text.
        is_name: tells whether `text[start:end]` names someone (the entities stage knows);
            a caption header that is a name ("Kanye West: ...") is a speaker, not a caption.
    """
    paragraphs = _paragraphs(text)
    words = [_words(text[s:e]) for s, e in paragraphs]
    found = []
    for n, (start, end) in enumerate(paragraphs):
        para = text[start:end]
        if _openers().match(para):
            found.append((start, end))
            continue
        signature = _SIGNATURE.search(para)
        if signature is not None:
            found.append((start + signature.start(), end))
            continue
        others = [w for m, w in enumerate(words) if m != n]
        header = _HEADER.match(para)
        if header is not None and _caption_header(para, header, is_name, start) and _copies(words[n], others):
            found.append((start, end))  # "Horror: 'There's something ...'", a quote of the article again
            continue
        if n == 0 or _FINISHED.search(para):
            continue
        if len(words[n]) <= _SHORT or header is not None or _PICTURE.search(para) or _copies(words[n], others):
            found.append((start, end))
    found.extend(r for r in _credited(text) if not inside(found, *r))
    return sorted(found)


def _credited(text: str) -> list[tuple[int, int]]:
    """Captions run into the text before a bracketed credit ("... two years (Picture: Getty)"),
    credit included; a credit right after a finished sentence is furniture alone."""
    found = []
    for match in _CREDIT.finditer(text):
        lo = max(0, match.start() - 600)
        before = text[lo : match.start()].rstrip()
        cuts = list(_CAPTION_START.finditer(before))
        if re.search(r"[.!?…][\"'\u201d\u2019]?$", before):
            start = match.start()  # after a finished sentence: the credit alone
        elif cuts:
            start = lo + cuts[-1].end()
        elif lo == 0:
            start = len(before) - len(before.lstrip())
        else:
            continue
        if start >= lo + len(before) or len(_WORD.findall(text[start : match.start()])) > _CAPTION_WORDS:
            start = match.start()
        found.append((start, match.end()))
    return found


def _caption_header(para: str, header: re.Match, is_name, offset: int) -> bool:
    """'Stepping up: ...', 'Horror: \'...\'': a caption's header, whatever its end, when it is
    a few words that name no one, before a capitalised sentence or a quote."""
    head = para[: header.end() - 1].rstrip().rstrip(":?.…").rstrip()
    if not 0 < len(head.split()) <= _HEADER_WORDS or para[header.end() - 1] not in _OPENS:
        return False
    return is_name is not None and not is_name(offset, offset + len(head))


def _copies(own: list[str], others: list[list[str]]) -> bool:
    """True when most of `own` words are one other paragraph's."""
    if not own:
        return False
    mine = set(own)
    return any(len(mine & set(other)) >= _COPY * len(mine) for other in others if other)


def inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when `start:end` lies mostly (over half) within one of `ranges`."""
    for lo, hi in ranges:
        shared = min(hi, end) - max(lo, start)
        if shared > 0 and shared * 2 > end - start:
            return True
    return False


def find_furniture(ctx) -> None:
    """The pipeline stage: fill `ctx.furniture`, names told by the entities stage."""
    doc = ctx.doc

    def is_name(start: int, end: int) -> bool:
        """A header that names or points at someone, or says something ("He explained:",
        "The statement continued:"), opens speech, not a caption."""
        span = doc.char_span(start, end, alignment_mode="expand")
        return span is not None and any(
            t.i in ctx.token_entity
            or t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
            or t.pos_ == "PRON"
            or t.tag_ in ("VBD", "VBZ", "VBP")
            for t in span
        )

    found = furniture(ctx.text, is_name)
    for sent in doc.sents:  # "The original post follows:", "You can read it below."
        words = [t for t in sent if t.is_alpha or t.like_num]
        if (
            len(words) <= _SHORT
            and _POINTER.search(sent.text.rstrip())
            and not inside(found, sent.start_char, sent.end_char)
        ):
            found.append((sent.start_char, sent.end_char))
    ctx.furniture = sorted(found)

"""The article text as HTML, with its claims, quotes, hedges and credibility evidence marked.

Spans overlap (a hedge inside a claim, a claim inside a quote, evidence anywhere), so the text
is cut at every span boundary and each piece is wrapped once, in one element carrying the
classes of every span that covers it: no element ever has to close across another. Every piece
of article text, and every value put into an attribute, goes through `escape` (the HTML is built
with f-strings over escaped values: Markup.format cost most of an article page's time); nothing
from the article is ever marked safe. Badges
(a claim's source), speaker links (after a quote) and thread links (after a claim that belongs
to a claim thread across articles) are inserted between pieces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..model import Analysis, Claim, Quote, Source
from ..source_kinds import info as source_kind_info

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_CLOSING_QUOTES = "\"'”’»"


@dataclass(frozen=True)
class Mark:
    """A span to mark: the classes it adds to the pieces it covers, and a data attribute."""

    start: int
    end: int
    classes: tuple[str, ...]
    data: tuple[str, str] | None = None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: the text between blank lines."""
    ranges, start = [], 0
    for gap in _PARAGRAPH_BREAK.finditer(text):
        if gap.start() > start:
            ranges.append((start, gap.start()))
        start = gap.end()
    if start < len(text):
        ranges.append((start, len(text)))
    return ranges


def source_label(source: Source, analysis: Analysis | None = None) -> str:
    """The words on a source badge: its kind, and for named sources the name."""
    name = source_name(source, analysis)
    if source_kind_info(source.kind).shows_name and name:
        return f"{source.kind}: {name}"
    return source.kind


def source_name(source: Source, analysis: Analysis | None = None) -> str | None:
    entity = analysis.entity(source.entity) if analysis is not None and source.entity else None
    return entity.name if entity is not None else source.name


def _marks(analysis: Analysis) -> list[Mark]:
    marks = []
    for claim in analysis.claims:
        marks.append(Mark(claim.span.start, claim.span.end, ("cl", f"cert-{claim.certainty}"), ("claim", claim.id)))
        marks += [Mark(h.start, h.end, ("hg",)) for h in claim.hedges]
    for quote in analysis.quotes:
        marks.append(Mark(quote.span.start, quote.span.end, ("qt",), ("quote", quote.id)))
    if analysis.credibility is not None:
        for index, factor in enumerate(analysis.credibility.factors):
            marks += [Mark(s.start, s.end, ("ev", f"ev-{index}")) for s in factor.evidence]
    size = len(analysis.article.text)
    return [m for m in marks if 0 <= m.start < m.end <= size]


def _badge(claim: Claim, analysis: Analysis) -> str:
    source = claim.source
    said = f" ({source.span.text})" if source.span is not None else ""
    label = escape(f"Claim {claim.id}, {claim.certainty}; source: {source_label(source, analysis)}{said}")
    cid = escape(claim.id)
    return (
        f'<span class="badge src-{escape(source.kind)}" tabindex="0" id="claim-{cid}" data-claim="{cid}" '
        f'role="note" aria-label="{label}" title="{label}">{escape(source_label(source, analysis))}</span>'
    )


def _speaker(quote: Quote, analysis: Analysis, entity_url: Callable[[str], str]) -> str:
    name = escape(source_name(quote.speaker, analysis) or quote.speaker.kind)
    qid = escape(quote.id)
    if quote.speaker.entity and analysis.entity(quote.speaker.entity) is not None:
        href = escape(entity_url(source_name(quote.speaker, analysis)))
        return f'<a class="speaker" href="{href}" data-quote="{qid}" title="Quote {qid} by {name}">— {name}</a>'
    return f'<span class="speaker src-{escape(quote.speaker.kind)}" data-quote="{qid}">— {name}</span>'


def _thread_link(claim: Claim, thread) -> str:
    """After a claim: where else it was said, and how that turned out (the thread's status)."""
    times = "once" if thread.occurrences == 1 else f"{thread.occurrences} times"
    status, cid = escape(thread.status), escape(claim.id)
    return (
        f'<a class="thread-link status-{status}" href="/threads/{escape(thread.id)}" data-thread-of="{cid}" '
        f'title="Claim {cid} is in a claim thread: seen {times}, status {status}">thread: {status}</a>'
    )


def _inserts(
    analysis: Analysis, entity_url: Callable[[str], str], threads: Mapping[str, object]
) -> list[tuple[int, int, str]]:
    """(position, order, html) to insert: a badge where each claim starts, a thread link where a
    claim of a thread ends, a speaker link after each quote (after its closing quotation mark,
    when there is one). At one position, what closes comes before what opens."""
    text = analysis.article.text
    inserts = [(c.span.start, 1, _badge(c, analysis)) for c in analysis.claims if c.span.end <= len(text)]
    inserts += [
        (c.span.end, 0, _thread_link(c, threads[c.id]))
        for c in analysis.claims
        if c.id in threads and c.span.end <= len(text)
    ]
    for quote in analysis.quotes:
        end = quote.span.end
        if end < len(text) and text[end] in _CLOSING_QUOTES:
            end += 1
        if end <= len(text):
            inserts.append((end, 0, _speaker(quote, analysis, entity_url)))
    return sorted(inserts, key=lambda item: (item[0], item[1]))


def _piece(text: str, active: list[Mark]) -> str:
    """One piece as HTML. Built with f-strings over `escape()`d values rather than Markup.format,
    which costs several times more and runs for every piece of every article shown."""
    if not active:
        return escape(text)
    classes = " ".join(dict.fromkeys(c for mark in active for c in mark.classes))
    data = dict(reversed([m.data for m in active if m.data]))  # the earliest-starting claim/quote wins
    attributes = "".join(f' data-{escape(k)}="{escape(v)}"' for k, v in sorted(data.items()))
    return f'<span class="{escape(classes)}"{attributes}>{escape(text)}</span>'


def render_text(
    analysis: Analysis, entity_url: Callable[[str], str], threads: Mapping[str, object] | None = None
) -> Markup:
    """The article text as `<p>` paragraphs of marked pieces (see the module docstring).
    `threads` maps a claim id to its claim thread's summary (id, status, occurrences)."""
    text = analysis.article.text
    marks = sorted(_marks(analysis), key=lambda m: (m.start, -m.end))
    inserts = _inserts(analysis, entity_url, threads or {})
    paras = paragraphs(text)
    cuts = {0, len(text)}
    cuts.update(m.start for m in marks)
    cuts.update(m.end for m in marks)
    cuts.update(position for position, _, _ in inserts)
    for start, end in paras:
        cuts.update((start, end))
    points = sorted(cuts)

    out: list[str] = []  # each item escaped or built from escaped values
    pending = 0  # next insert to place
    next_mark = 0
    active: list[Mark] = []
    para = 0
    for here, there in zip(points, points[1:], strict=False):
        while para < len(paras) and paras[para][1] <= here:
            para += 1
        if para == len(paras) or here < paras[para][0]:
            continue  # the blank lines between paragraphs
        start, end = paras[para]
        if here == start:
            out.append(f'<p data-start="{start}">')
        while pending < len(inserts) and inserts[pending][0] <= here:
            out.append(inserts[pending][2])
            pending += 1
        active = [m for m in active if m.end > here]
        while next_mark < len(marks) and marks[next_mark].start <= here:
            if marks[next_mark].end > here:
                active.append(marks[next_mark])
            next_mark += 1
        out.append(_piece(text[here:there], active))
        if there == end:
            while pending < len(inserts) and inserts[pending][0] <= end:
                out.append(inserts[pending][2])
                pending += 1
            out.append("</p>")
    return Markup("".join(out))

"""The terminal report of an Analysis (rich renderables), used by `rumormill analyze`."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import Analysis, Claim
from .source_kinds import SOURCE_KIND_INFO

CERTAINTY_STYLE = {"asserted": "green", "hedged": "yellow", "denied": "red"}
SOURCE_LABEL = {kind: entry.label for kind, entry in SOURCE_KIND_INFO.items()}


def _marked(analysis: Analysis, claim: Claim) -> Text:
    """The claim's words, hedges underlined in yellow, times in cyan."""
    start, end = claim.span.start, claim.span.end
    text = Text(analysis.article.text[start:end])
    marks = [(hedge, "bold yellow underline") for hedge in claim.hedges]
    marks += [(ref.span, "cyan") for ref in map(analysis.time, claim.times) if ref is not None]
    for span, style in marks:
        lo, hi = max(span.start, start) - start, min(span.end, end) - start
        if lo < hi:
            text.stylize(style, lo, hi)
    return text


def _source_key(analysis: Analysis, claim: Claim) -> tuple[str, str]:
    source = claim.source
    if source.kind in ("reports", "none"):
        return (source.kind, "")  # one group: the cue of each claim says how it was reported
    entity = analysis.entity(source.entity)
    who = entity.name if entity else (source.name or (source.span.text if source.span else ""))
    return (source.kind, who)


def claims_panel(analysis: Analysis) -> Panel:
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in analysis.claims:
        groups[_source_key(analysis, claim)].append(claim)
    order = list(SOURCE_LABEL)
    rows = []
    for (kind, who), claims in sorted(groups.items(), key=lambda kv: (order.index(kv[0][0]), kv[0][1])):
        heading = Text(f"{who} " if who else "", style="bold")
        heading.append(f"({SOURCE_LABEL[kind]})", style="dim")
        rows.append(heading)
        for claim in claims:
            line = Text("  ")
            line.append(f"[{claim.certainty}] ", style=CERTAINTY_STYLE[claim.certainty])
            if claim.cue:
                line.append(f"{claim.cue.text}: ", style="italic")
            line.append_text(_marked(analysis, claim))
            rows.append(line)
    if not rows:
        rows.append(Text("no claims found", style="dim"))
    return Panel(Group(*rows), title=f"Claims ({len(analysis.claims)}), by source", title_align="left")


def quotes_panel(analysis: Analysis) -> Panel:
    """Each quote under a line that says who, how and when: readable at any terminal width."""
    rows = []
    for quote in analysis.quotes:
        entity = analysis.entity(quote.speaker.entity)
        heading = Text(entity.name if entity else (quote.speaker.name or "?"), style="bold")
        heading.append(f" ({quote.speaker.kind})", style="dim")
        details = [quote.cue.text if quote.cue else "", quote.speaker.channel or ""]
        if quote.date and quote.date.value:
            details.append(quote.date.value)
        details = [d for d in details if d]
        if details:
            heading.append(" \u00b7 " + " \u00b7 ".join(details), style="italic")
        rows += [heading, Text(f"  \u201c{quote.span.text}\u201d")]
    body = Group(*rows) if rows else Text("no quotes found", style="dim")
    return Panel(body, title=f"Quotes ({len(analysis.quotes)})", title_align="left")


def entities_panel(analysis: Analysis) -> Panel:
    table = Table(box=None, show_header=True, header_style="bold", expand=True)
    for column in ("entity", "kind", "also called", "age", "roles"):
        table.add_column(column, overflow="fold")
    for entity in analysis.entities:
        ages = [
            f"{a.value} (as of {a.as_of})" if a.as_of else str(a.value) for a in entity.attributes if a.name == "age"
        ]
        roles = sorted({str(a.value) for a in entity.attributes if a.name == "role"})
        table.add_row(entity.name, entity.kind, ", ".join(entity.aliases), ", ".join(ages[:1]), ", ".join(roles))
    names = {e.id: e.name for e in analysis.entities}
    relations = Text()
    for relation in analysis.relations:
        since = f" since {relation.since.value}" if relation.since and relation.since.value else ""
        subject, obj = names.get(relation.subject, "?"), names.get(relation.object, "?")
        how = "" if relation.certainty == "asserted" else f" ({relation.certainty})"
        relations.append(f"{subject} \u2014{relation.predicate}\u2192 {obj}{since}{how}\n")
    parts = [table if analysis.entities else Text("no entities found", style="dim")]
    if analysis.relations:
        parts += [Text("\nRelations", style="bold"), relations]
    return Panel(Group(*parts), title=f"Entities ({len(analysis.entities)})", title_align="left")


def times_panel(analysis: Analysis) -> Panel:
    table = Table(box=None, show_header=True, header_style="bold")
    for column in ("text", "value", "kind", "note"):
        table.add_column(column)
    for ref in analysis.times:
        note = {"interval_start": "start of an interval", "interval_end": "end of an interval"}.get(
            ref.mod or "", ref.mod or ""
        )
        if ref.anchor and ref.anchor != analysis.article.published:
            note = (note + "; " if note else "") + f"anchored to {ref.anchor}"
        table.add_row(ref.span.text, ref.value or "?", ref.kind, note)
    body = table if analysis.times else Text("no time expressions found", style="dim")
    return Panel(body, title=f"Times ({len(analysis.times)})", title_align="left")


def sourcing_panel(analysis: Analysis) -> Panel:
    sourcing = analysis.sourcing
    table = Table(box=None, show_header=False)
    table.add_column(style="bold")
    table.add_column()
    for kind, count in sourcing.by_source.items():
        if count:
            table.add_row(SOURCE_LABEL[kind], f"{count} {'█' * count}")
    table.add_row("hedged", f"{sourcing.share_hedged:.0%} of claims")
    table.add_row("anonymous", f"{sourcing.share_anonymous:.0%} of claims")
    table.add_row("named on record", f"{sourcing.share_named:.0%} of claims")
    return Panel(table, title="Sourcing profile", title_align="left")


def render(analysis: Analysis) -> Group:
    article = analysis.article
    header = Text(article.title or "(untitled)", style="bold")
    meta = " · ".join(x for x in (article.published, article.outlet, article.url or article.origin) if x)
    if meta:
        header.append(f"\n{meta}", style="dim")
    credibility = []
    if analysis.credibility is not None:
        from .credibility.explain import credibility_panel

        credibility = [credibility_panel(analysis.credibility)]
    return Group(
        header,
        *credibility,
        sourcing_panel(analysis),
        claims_panel(analysis),
        quotes_panel(analysis),
        entities_panel(analysis),
        times_panel(analysis),
    )

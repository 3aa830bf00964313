"""Credibility in words: a rich panel with the score, the label and the top factors, each with
the spans of the article behind it. Article text goes into `Text` objects, never into markup,
so that words like "[red]" in an article print as they are."""

from __future__ import annotations

from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..model import Credibility, Factor

LABELS = {
    "named_sources": "named sources on record",
    "anonymous_sources": "anonymous sources",
    "unnamed_reports": "unnamed reports",
    "other_outlets": "other outlets as sources",
    "hedging": "hedging",
    "unattributed_quotes": "quotes without a speaker",
    "quotes_on_record": "quotes with a named speaker",
    "hedged_claims": "hedged claims",
    "headline_named": "central claim named",
    "unsourced_checkable": "check-worthy claims with no source",
    "denials": "denials on record",
    "sensational": "sensational language",
    "exclamations": "exclamation marks",
    "corroboration": "corroboration by other outlets",
    "text_model": "wording (names masked)",
}
SPAN_CHARS = 90
SPANS_SHOWN = 3


def top_factors(credibility: Credibility, n: int = 5) -> list[Factor]:
    """The factors that moved the score most, either way (they come sorted by size)."""
    return [f for f in credibility.factors if abs(f.contribution) >= 0.005][:n]


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SPAN_CHARS else text[: SPAN_CHARS - 1] + "…"


def headline(credibility: Credibility) -> Text:
    style = "green" if credibility.label == "credible" else "red"
    line = Text("credibility ", style="bold")
    line.append(f"{credibility.score:.2f}", style=f"bold {style}")
    line.append(f"  {credibility.label}", style=style)
    line.append(
        f"  (threshold {credibility.threshold:.2f}; model {credibility.model.get('version', '?')})", style="dim"
    )
    return line


def factor_rows(credibility: Credibility, n: int = 5) -> Table:
    table = Table(box=None, show_header=True, header_style="dim", pad_edge=False)
    table.add_column("factor", style="bold")
    table.add_column("effect", justify="right")
    table.add_column("why")
    for factor in top_factors(credibility, n):
        effect = Text(f"{factor.contribution:+.2f}", style="green" if factor.contribution > 0 else "red")
        why = Text(factor.note)
        for span in factor.evidence[:SPANS_SHOWN]:
            why.append("\n  “", style="dim")
            why.append(_clip(span.text), style="italic")
            why.append(f"” @{span.start}", style="dim")
        table.add_row(LABELS.get(factor.name, factor.name), effect, why)
    return table


def credibility_panel(credibility: Credibility, n: int = 5) -> Panel:
    body = Table.grid()
    body.add_row(headline(credibility))
    body.add_row(factor_rows(credibility, n))
    return Panel(body, title="Credibility", title_align="left")

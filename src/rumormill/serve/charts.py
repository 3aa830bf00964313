"""Small charts drawn on the server as inline SVG: no script, no inline style (the CSP forbids
both), only presentation attributes and classes from the site's stylesheet. Every bar and
point carries its number or name as text, so colour is never the only cue.
"""

from __future__ import annotations

from datetime import date

from markupsafe import Markup

from ..model import CERTAINTIES, SOURCE_KINDS, Sourcing

_BAR_H = 16
_LABEL_W = 92
_WIDTH = 300


def sourcing_chart(sourcing: Sourcing) -> Markup:
    """Two bar groups: claims by source kind, then by certainty (bars patterned by certainty as
    in the text)."""
    rows = [("src", kind, sourcing.by_source.get(kind, 0)) for kind in SOURCE_KINDS]
    rows += [("cert", value, sourcing.by_certainty.get(value, 0)) for value in CERTAINTIES]
    top = max([count for _, _, count in rows] + [1])
    scale = (_WIDTH - _LABEL_W - 34) / top
    parts = []
    y = 18
    for index, (group, name, count) in enumerate(rows):
        if index == len(SOURCE_KINDS):
            y += 18
            parts.append(Markup('<text class="chart-head" x="0" y="{}">by certainty</text>').format(y - 6))
        width = max(count * scale, 0 if count == 0 else 2)
        parts.append(
            Markup(
                '<g class="row"><text class="chart-label" x="{lx}" y="{ty}" text-anchor="end">{name}</text>'
                '<rect class="bar {group}-{name}" x="{x}" y="{y}" width="{w:.1f}" height="{h}">'
                "<title>{name}: {count}</title></rect>"
                '<text class="chart-count" x="{cx:.1f}" y="{ty}">{count}</text></g>'
            ).format(
                lx=_LABEL_W - 6,
                ty=y + _BAR_H - 4,
                name=name,
                group=group,
                x=_LABEL_W,
                y=y,
                w=width,
                h=_BAR_H,
                count=count,
                cx=_LABEL_W + width + 4,
            )
        )
        y += _BAR_H + 4
    height = y + 4
    header = Markup('<text class="chart-head" x="0" y="12">claims by source</text>')
    return Markup(
        '<svg class="chart" role="img" aria-labelledby="sourcing-title" viewBox="0 0 {w} {h}" width="{w}" height="{h}">'
        '<title id="sourcing-title">{title}</title>{header}{body}</svg>'
    ).format(w=_WIDTH, h=height, title=_describe(sourcing), header=header, body=Markup("").join(parts))


def _describe(sourcing: Sourcing) -> str:
    by_source = ", ".join(f"{k} {v}" for k, v in sourcing.by_source.items() if v)
    by_certainty = ", ".join(f"{k} {v}" for k, v in sourcing.by_certainty.items() if v)
    return f"{sourcing.claims} claims by source: {by_source or 'none'}; by certainty: {by_certainty or 'none'}"


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def spread_chart(points: list[dict], title: str) -> Markup:
    """A timeline: one row per outlet, one mark per article at its publication date. `points` are
    {"date", "outlet", "label", "href", "original": bool}; originals are filled circles, copies
    and rewrites hollow rings, and a legend says so."""
    dated = [(p, _day(p.get("date"))) for p in points]
    dated = [(p, d) for p, d in dated if d is not None]
    if not dated:
        return Markup('<p class="muted">No dated articles to plot.</p>')
    outlets = list(dict.fromkeys(p.get("outlet") or "(no outlet given)" for p, _ in sorted(dated, key=lambda x: x[1])))
    first, last = min(d for _, d in dated), max(d for _, d in dated)
    span_days = max((last - first).days, 1)
    left, right, row_h = 150, 20, 22
    width = 720
    plot_w = width - left - right
    parts = []
    for row, outlet in enumerate(outlets):
        y = 30 + row * row_h
        parts.append(
            Markup('<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>').format(
                left - 8, y + 4, outlet[:24]
            )
        )
        parts.append(Markup('<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/>').format(left, width - right, y, y))
    for point, day in dated:
        row = outlets.index(point.get("outlet") or "(no outlet given)")
        x = left + plot_w * (day - first).days / span_days
        y = 30 + row * row_h
        kind = "original" if point.get("original") else "copy"
        parts.append(
            Markup(
                '<a href="{href}"><circle class="pt {kind}" cx="{x:.1f}" cy="{y}" r="6">'
                "<title>{day} · {outlet} · {label}</title></circle></a>"
            ).format(
                href=point["href"],
                kind=kind,
                x=x,
                y=y,
                day=day.isoformat(),
                outlet=point.get("outlet") or "",
                label=point.get("label") or "",
            )
        )
    axis_y = 30 + row_h * len(outlets)
    parts.append(
        Markup('<text class="chart-label" x="{}" y="{}">{}</text>').format(left, axis_y + 8, first.isoformat())
    )
    parts.append(
        Markup('<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>').format(
            width - right, axis_y + 8, last.isoformat()
        )
    )
    legend_y = axis_y + 24
    parts.append(
        Markup(
            '<circle class="pt original" cx="{}" cy="{}" r="6"/>'
            '<text class="chart-label" x="{}" y="{}">original text</text>'
            '<circle class="pt copy" cx="{}" cy="{}" r="6"/>'
            '<text class="chart-label" x="{}" y="{}">copy or rewrite</text>'
        ).format(left, legend_y, left + 10, legend_y + 4, left + 120, legend_y, left + 130, legend_y + 4)
    )
    return Markup(
        '<svg class="chart wide" role="img" aria-label="{title}" viewBox="0 0 {w} {h}" width="100%">{body}</svg>'
    ).format(title=title, w=width, h=legend_y + 12, body=Markup("").join(parts))

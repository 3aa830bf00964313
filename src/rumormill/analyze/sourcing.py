"""The sourcing profile: how many claims rest on whom, and how firmly."""

from __future__ import annotations

from collections import Counter

from ..model import CERTAINTIES, SOURCE_KINDS, Sourcing
from .context import Context


def profile(ctx: Context) -> None:
    ctx.sourcing = summarise(ctx)


def summarise(ctx: Context) -> Sourcing:
    by_source = Counter(claim.source.kind for claim in ctx.claims)
    by_certainty = Counter(claim.certainty for claim in ctx.claims)
    total = len(ctx.claims)

    def share(n: int) -> float:
        return round(n / total, 4) if total else 0.0

    named = []
    for claim in ctx.claims:
        if claim.source.kind in ("named", "outlet") and claim.source.name:
            if claim.source.name not in named:
                named.append(claim.source.name)
    return Sourcing(
        claims=total,
        quotes=len(ctx.quotes),
        by_source={kind: by_source.get(kind, 0) for kind in SOURCE_KINDS},
        by_certainty={c: by_certainty.get(c, 0) for c in CERTAINTIES},
        share_hedged=share(by_certainty.get("hedged", 0)),
        share_anonymous=share(by_source.get("anonymous", 0)),
        share_named=share(by_source.get("named", 0) + by_source.get("outlet", 0)),
        share_unsourced=share(by_source.get("none", 0)),
        named_sources=named,
    )

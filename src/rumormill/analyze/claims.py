"""Check-worthy claims with source, cue, certainty, hedges and times. (Stub.)"""

from __future__ import annotations

from .context import Context


def find_claims(ctx: Context) -> None:
    """Fill `ctx.claims`."""

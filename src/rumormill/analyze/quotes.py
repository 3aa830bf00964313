"""Direct quotes with their speakers, cues, channels and dates. (Stub.)"""

from __future__ import annotations

from .context import Context


def find_quotes(ctx: Context) -> None:
    """Fill `ctx.quotes` and `ctx.token_quote`."""

"""Time expressions resolved to ISO 8601 values. (Stub: filled in by its owner.)"""

from __future__ import annotations

from .context import Context


def find_times(ctx: Context) -> None:
    """Fill `ctx.times`, resolved against `ctx.published`."""


def anchor_quoted_times(ctx: Context) -> None:
    """Re-resolve relative times inside a dated quote against the quote's own date."""

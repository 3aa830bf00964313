"""Entities with aliases and within-article coreference. (Stub: filled in by its owner.)"""

from __future__ import annotations

from .context import Context


def find_entities(ctx: Context) -> None:
    """Fill `ctx.entities` and `ctx.token_entity`."""

"""Family and marriage relations, ages and roles. (Stub.)"""

from __future__ import annotations

from .context import Context


def find_relations(ctx: Context) -> None:
    """Fill `ctx.relations` and add attributes to `ctx.entities`."""

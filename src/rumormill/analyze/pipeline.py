"""The order of the analysis stages, and what each one requires and assigns.

    doc -> entities -> times -> furniture -> quotes -> quote_times -> claims -> relations -> sourcing -> credibility

`check_order()` runs at import time so that a stage moved before what it needs fails at
once, not on the first article.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .. import credibility
from ..errors import PipelineError
from . import claims, entities, furniture, quotes, relations, sourcing, times
from .context import Context


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[Context], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage("entities", entities.find_entities, ("doc",), ("entities", "token_entity")),
    Stage("times", times.find_times, ("doc",), ("times",)),
    Stage("furniture", furniture.find_furniture, ("entities",), ("furniture",)),
    Stage("quotes", quotes.find_quotes, ("entities", "times"), ("quotes", "token_quote")),
    Stage("quote_times", times.anchor_quoted_times, ("quotes", "times"), ("times",)),
    Stage("claims", claims.find_claims, ("entities", "quotes", "times"), ("claims",)),
    Stage("relations", relations.find_relations, ("entities", "times"), ("relations", "attributes")),
    Stage("sourcing", sourcing.profile, ("claims", "quotes"), ("sourcing",)),
    # last: it scores what the others found; the model is loaded once, on first use
    Stage("credibility", credibility.stage, ("claims", "quotes", "sourcing"), ("credibility",)),
)


def check_order(stages: tuple[Stage, ...] = STAGES) -> None:
    available = {"doc"}
    for stage in stages:
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise PipelineError(f"stage {stage.name!r} requires {missing} before it runs")
        available.update(stage.assigns)


def run(ctx: Context, stages: tuple[Stage, ...] = STAGES) -> Context:
    for stage in stages:
        stage.run(ctx)
    return ctx


check_order()

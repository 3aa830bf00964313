"""Hedge cues: words that weaken commitment to a proposition. (Stub.)"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from ..model import Hedge


def find_hedges(sent: SpacySpan) -> list[Hedge]:
    """The hedge cues inside a sentence (or any span), typed, with article offsets."""
    return []

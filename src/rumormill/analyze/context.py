"""What the stages share while analysing one article.

A stage is a plain function `stage(ctx) -> None` that reads the spaCy `Doc` and what earlier
stages put on the context, and adds its own part. `pipeline.STAGES` orders them and says
what each requires and assigns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ..model import Article, Claim, Credibility, Entity, Quote, Relation, Sourcing, Span, TimeRef


@dataclass
class Context:
    article: Article
    doc: Doc
    published: date | None
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    sourcing: Sourcing | None = None
    credibility: Credibility | None = None
    # token index -> entity id, for every token of a resolved mention: names, first names,
    # surnames, pronouns and descriptors ("the rapper"). Filled by the entities stage.
    token_entity: dict[int, str] = field(default_factory=dict)
    # token index -> id of the quote whose quoted words contain it. Filled by the quotes stage.
    token_quote: dict[int, str] = field(default_factory=dict)
    # character ranges of page furniture (captions, credits, links). Filled by the furniture stage.
    furniture: list[tuple[int, int]] = field(default_factory=list)
    _counters: dict[str, int] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.article.text

    def new_id(self, prefix: str) -> str:
        """Ids in order of creation: "e1", "e2", ... per prefix (deterministic)."""
        n = self._counters.get(prefix, 0) + 1
        self._counters[prefix] = n
        return f"{prefix}{n}"

    def span(self, start: int, end: int) -> Span:
        """A model `Span` over article characters `start:end`."""
        return Span(start=start, end=end, text=self.article.text[start:end])

    def span_of(self, tokens: SpacySpan) -> Span:
        """A model `Span` covering a spaCy span (or a single token)."""
        if hasattr(tokens, "start_char"):
            return self.span(tokens.start_char, tokens.end_char)
        return self.span(tokens.idx, tokens.idx + len(tokens))

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def entity_of(self, tokens) -> str | None:
        """The entity id that a token or span refers to, via its syntactic head, or None."""
        if hasattr(tokens, "root"):
            found = self.token_entity.get(tokens.root.i)
            if found:
                return found
            return next((self.token_entity[t.i] for t in tokens if t.i in self.token_entity), None)
        return self.token_entity.get(tokens.i)

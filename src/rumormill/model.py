"""The nouns of rumormill: one `Analysis` per `Article`.

`Article` owns the text. Everything else points into `article.text` with character
offsets: a `Span` is `{start, end, text}` and `text == article.text[start:end]` always.

`None` means "not known"; an empty list means "known to be none". Ids are local to one
Analysis ("e1", "q2", "c3", "t4") and stable for the same text and pipeline version.

Example::

    >>> from rumormill import analyze
    >>> analysis = analyze("Kim is said to live in Calabasas.", published="2020-07-31")
    >>> analysis.claims[0].certainty
    'hedged'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA = "rumormill.analysis/1"

SourceKind = Literal["named", "descriptive", "anonymous", "reports", "outlet", "self", "none"]
Certainty = Literal["asserted", "hedged", "denied"]
Channel = Literal["social_post", "speech", "interview", "statement", "filing", "publication", "photo"]
EntityKind = Literal["person", "organisation", "place", "work", "other"]
HedgeType = Literal["reportative", "epistemic", "doxastic", "conditional"]
TimeKind = Literal["date", "time", "duration", "set"]

SOURCE_KINDS: tuple[str, ...] = SourceKind.__args__  # type: ignore[attr-defined]
CERTAINTIES: tuple[str, ...] = Certainty.__args__  # type: ignore[attr-defined]


class _Model(BaseModel):
    # extra="forbid": an Analysis is a stored, versioned document; an unknown field is a bug.
    model_config = ConfigDict(extra="forbid")

    def to_dict(self) -> dict:
        return self.model_dump(mode="json")

    @classmethod
    def from_dict(cls, data: dict):
        return cls.model_validate(data)

    def to_json(self, **kwargs) -> str:
        return self.model_dump_json(**kwargs)

    @classmethod
    def from_json(cls, data: str | bytes):
        return cls.model_validate_json(data)


class Span(_Model):
    """Characters `start:end` of the article text, with those characters as `text`."""

    model_config = ConfigDict(extra="forbid", frozen=True)  # frozen: spans go into sets

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start=start, end=end, text=text[start:end])


class Mention(Span):
    """A span that refers to an entity; `type` says how it does so."""

    type: Literal["name", "alias", "pronoun", "descriptor"] = "name"


class Hedge(Span):
    """A word or phrase that weakens commitment to a claim ("reportedly", "is said to")."""

    type: HedgeType


def normalise_text(text: str) -> str:
    """The form of a text that its id is computed from: NFC, single spaces, stripped."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def article_id(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


class Article(_Model):
    """A news article. `id` is the sha256 of the normalised text, so copies share it.

    `ref` is the id the input itself gave the record (a dataset id, a feed's guid);
    `origin` says where it was read from ("path/to/file.jsonl:12"). Neither affects `id`.
    """

    id: str = ""
    ref: str | None = None
    origin: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = Field(default=None, description="ISO date (YYYY-MM-DD) or null")
    title: str | None = None
    text: str
    language: str | None = "en"

    @field_validator("ref", "origin", "url", "outlet", "published", "title", "text", "language")
    @classmethod
    def _valid_text(cls, value: str | None) -> str | None:
        return clean_text(value) if value is not None else None

    def model_post_init(self, context, /) -> None:
        if not self.id:
            self.id = article_id(self.text)


def clean_text(value: str) -> str:
    """Text a store can keep: NUL characters dropped (PostgreSQL refuses them); a lone surrogate
    (JSON's "\\ud800", which no encoding can write) refused with a ValueError."""
    if "\x00" in value:
        value = value.replace("\x00", "")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ValueError(
            f"a lone surrogate ({value[e.start]!a} at character {e.start}) is not valid Unicode text"
        ) from None
    return value


class TimeRef(_Model):
    """A time expression resolved to an ISO 8601 value.

    `value` may be partial ("2014", "2018-11", "2020-W31"), a duration ("P1Y"), a set
    ("P1W" with kind "set" for "every week") or null when it cannot be resolved.
    `mod` keeps what a modifier or preposition adds: TimeML's part of a period ("start" for
    "early 2021", "end" for "late 1990s", "mid", "approx", "less_than", ...), "before" and
    "after", and the bound of an interval: "interval_start" for "since November 2018",
    "interval_end" for "until Tuesday". `anchor` is the date it was resolved against.
    """

    id: str
    span: Span
    value: str | None
    kind: TimeKind = "date"
    mod: str | None = None
    anchor: str | None = None


class Attribute(_Model):
    name: str = Field(description="age | role | ...")
    value: str | int
    as_of: str | None = None
    span: Span


class Entity(_Model):
    id: str
    name: str = Field(description="the fullest form of the name")
    kind: EntityKind
    aliases: list[str] = []
    mentions: list[Mention] = []
    attributes: list[Attribute] = []


class Relation(_Model):
    id: str
    subject: str
    predicate: str = Field(
        description="spouse | parent | child | sibling | partner | former_spouse | former_partner | ..."
    )
    object: str
    since: TimeRef | None = None
    span: Span
    certainty: Certainty = Field(
        default="asserted", description="hedged for 'rumoured to be dating', denied for 'denied dating'"
    )


class Source(_Model):
    """Who backs a claim or speaks a quote."""

    kind: SourceKind
    entity: str | None = None
    name: str | None = Field(default=None, description="display name: 'Kanye West', 'a source'")
    span: Span | None = Field(default=None, description="the words that name the source")
    channel: Channel | None = None


class Quote(_Model):
    id: str
    span: Span = Field(description="the quoted words, without the quotation marks")
    speaker: Source
    cue: Span | None = None
    date: TimeRef | None = None


class Claim(_Model):
    id: str
    span: Span = Field(description="the proposition in the text (the content, not the cue)")
    text: str = Field(description="the proposition, whitespace-normalised")
    about: list[str] = []
    source: Source
    cue: Span | None = None
    certainty: Certainty = "asserted"
    hedges: list[Hedge] = []
    quote: str | None = None
    times: list[str] = []
    check_worthy: float = Field(default=0.5, ge=0.0, le=1.0)


class Sourcing(_Model):
    """The article's sourcing profile: who backs its claims and how firmly."""

    claims: int = 0
    quotes: int = 0
    by_source: dict[str, int] = {}
    by_certainty: dict[str, int] = {}
    share_hedged: float = 0.0
    share_anonymous: float = 0.0
    share_named: float = 0.0
    share_unsourced: float = 0.0
    named_sources: list[str] = []


class Factor(_Model):
    """One reason behind a credibility score: a feature's value, its share of the logit, and
    the spans of the article that caused it."""

    name: str
    value: float | None = Field(description="the feature's value; null when not known (neutral)")
    contribution: float = Field(description="its part of the score's logit, from an average article")
    evidence: list[Span] = []
    note: str = ""


class Credibility(_Model):
    """How likely the article's central claims are to hold up: `score` is a calibrated
    probability, `logit == base + sum(f.contribution for f in factors)`."""

    score: float = Field(ge=0.0, le=1.0)
    label: Literal["credible", "doubtful"]
    logit: float
    base: float = Field(description="the logit of an average training article")
    threshold: float = Field(description="scores at or above it are labelled credible")
    factors: list[Factor] = []
    model: dict[str, str] = Field(default={}, description="{name, version} of the model that scored it")


class Analysis(_Model):
    schema_: str = Field(default=SCHEMA, alias="schema")
    article: Article
    entities: list[Entity] = []
    relations: list[Relation] = []
    quotes: list[Quote] = []
    claims: list[Claim] = []
    times: list[TimeRef] = []
    sourcing: Sourcing = Sourcing()
    credibility: Credibility | None = None
    pipeline: dict = {}

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, **kwargs) -> str:
        return self.model_dump_json(by_alias=True, **kwargs)

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def time(self, time_id: str) -> TimeRef | None:
        return next((t for t in self.times if t.id == time_id), None)

"""The nouns of the corpus: what rumormill knows across articles.

A `Story` groups the stored articles about one event; its `origins` group copies and light
rewrites of one text, so that a wire story reprinted by forty outlets counts once. A
`ClaimThread` is one claim across articles: each `Occurrence` carries the article, date,
source, certainty and its `stance` towards the thread's claim, and the thread keeps its
`status` with the occurrences that settled it. An `EntityProfile` is one real-world entity
across articles; each `Fact` carries its provenance, and facts that cannot all hold are
flagged as a `Conflict`. A `Timeline` orders dated events and first appearances.

These are read models: the corpus builds them from the store's rows on request.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..model import Source, Span, _Model

Stance = Literal["supports", "denies", "repeats", "questions"]
Status = Literal["open", "confirmed", "denied", "retracted"]
STANCES: tuple[str, ...] = Stance.__args__  # type: ignore[attr-defined]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]


class Spread(_Model):
    """How something spread: counts by publication day and by outlet."""

    by_day: dict[str, int] = {}
    by_outlet: dict[str, int] = {}


class StoryArticle(_Model):
    id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    origin: str = Field(description="the id of the article that is this text's original")
    credibility: float | None = None


class Origin(_Model):
    """Copies and light rewrites of one text; `id` is the earliest one's article id."""

    id: str
    first_seen: str | None = None
    articles: list[str] = []
    outlets: list[str] = []


class ThreadSummary(_Model):
    id: str
    story_id: str | None = None
    text: str = Field(description="the claim, as first seen")
    first_seen: str | None = None
    last_seen: str | None = None
    status: Status = "open"
    occurrences: int = 0
    origins: int = Field(default=0, description="independent origins among the occurrences")
    outlets: int = 0
    best_source: Source | None = None


class StorySummary(_Model):
    id: str
    title: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    articles: int = 0
    origins: int = 0
    outlets: int = 0
    entities: list[str] = Field(default=[], description="the names the story is most about")
    threads: int = 0


class Story(StorySummary):
    members: list[StoryArticle] = Field(default=[], description="its articles, oldest first")
    origin_groups: list[Origin] = []
    claim_threads: list[ThreadSummary] = Field(default=[], description="most occurrences first")
    related: list[StorySummary] = Field(
        default=[],
        description="other stories its claim threads run into (an earlier rumour, a later filing), most shared first",
    )
    spread: Spread = Spread()


class Occurrence(_Model):
    """One claim of one article, as an occurrence of a thread."""

    article_id: str
    claim_id: str
    text: str
    span: Span
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    origin: str | None = Field(default=None, description="the article id of its text's original")
    source: Source
    certainty: str = "asserted"
    stance: Stance = "repeats"
    stance_score: float | None = None


class Evidence(_Model):
    """Why a thread has its status: the occurrences that settled it, and the rule that read them."""

    rule: str = Field(description="e.g. 'denied on record by a principal', 'a later report of a filing'")
    basis: Literal["record", "estimate"] = Field(
        default="record",
        description="record: something on the record settled it; estimate: read from the balance of the coverage",
    )
    occurrences: list[Occurrence] = []


class ClaimThread(ThreadSummary):
    about: list[str] = Field(default=[], description="entity names the claim is about")
    items: list[Occurrence] = Field(default=[], description="its occurrences, oldest first")
    stances: dict[str, int] = {}
    spread: Spread = Spread()
    evidence: list[Evidence] = []


class Fact(_Model):
    """One thing an article says about an entity, with where and when it said it."""

    kind: str = Field(description="age | role | spouse | parent | child | sibling | partner | residence | ...")
    value: str = Field(description="the value as said: '43', 'rapper', or the other entity's name")
    object: str | None = Field(default=None, description="for a relation: the other entity's profile id")
    article_id: str
    span: Span
    published: str | None = None
    outlet: str | None = None
    certainty: str = "asserted"
    as_of: str | None = None
    derived: dict = Field(default={}, description="what follows, e.g. {'born_after': ..., 'born_before': ...}")


class Conflict(_Model):
    kind: str = Field(description="age | spouse | ...")
    message: str
    facts: list[Fact] = []


class ProfileSummary(_Model):
    id: str
    name: str
    kind: str
    aliases: list[str] = []
    articles: int = 0
    first_seen: str | None = None
    last_seen: str | None = None


class EntityProfile(ProfileSummary):
    facts: list[Fact] = []
    born: dict | None = Field(default=None, description="{'after': date, 'before': date} from the ages")
    conflicts: list[Conflict] = []
    stories: list[StorySummary] = []
    threads: list[ThreadSummary] = []


class TimelineEvent(_Model):
    date: str = Field(description="ISO date, possibly partial ('2019', '2020-07')")
    kind: Literal["event", "claim", "article"]
    text: str
    article_id: str | None = None
    span: Span | None = None
    outlet: str | None = None
    thread_id: str | None = None
    source: Source | None = None


class Timeline(_Model):
    subject: dict = Field(description="{'story': id} or {'entity': id}")
    title: str | None = None
    events: list[TimelineEvent] = []


class LinkReport(_Model):
    articles: int = 0
    stories_new: int = 0
    stories_joined: int = 0
    origins_new: int = 0
    threads_new: int = 0
    occurrences: int = 0
    seconds: float = 0.0

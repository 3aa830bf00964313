"""What each source kind means, in one table: its label, its rank, whether it is on the
record, what its badge shows, and whether it names nobody.

    >>> SOURCE_KIND_INFO["anonymous"].label
    'anonymous source'

The report, the claim threads (the best source of a thread), credibility (how much of an
article rests on unnamed sources), the exports (who a schema.org author is) and the web UI
(badges and their legend) read this table, so a kind means the same everywhere. A test checks
that every `SourceKind` has an entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import SOURCE_KINDS


@dataclass(frozen=True)
class SourceKindInfo:
    """One source kind.

    `rank` orders backing for a claim thread's best source (higher is stronger); `on_record`
    says the source answers for what it says under its own name or role (a named person, a
    spokesperson); `shows_name` puts the source's name on its badge; `unnamed` marks the
    kinds a reader cannot check (an anonymous source, unnamed reports).
    """

    kind: str
    label: str
    rank: int
    on_record: bool
    shows_name: bool
    unnamed: bool
    explanation: str


SOURCE_KIND_INFO: dict[str, SourceKindInfo] = {
    info.kind: info
    for info in (
        SourceKindInfo("named", "named source", 5, True, True, False, "a person or organisation named in the text"),
        SourceKindInfo(
            "descriptive",
            "described source",
            4,
            True,
            True,
            False,
            "someone identified by role: her rep, his lawyer, police",
        ),
        SourceKindInfo("outlet", "another outlet", 3, False, True, False, "another publication: TMZ, Us Weekly"),
        SourceKindInfo(
            "self", "the outlet itself", 3, False, False, False, "the article's own outlet or writer: we, this site"
        ),
        SourceKindInfo(
            "anonymous", "anonymous source", 2, False, False, True, "someone unnamed: a source, an insider, a friend"
        ),
        SourceKindInfo(
            "reports", "unnamed reports", 1, False, False, True, "no source at all: reportedly, is said to, rumours"
        ),
        SourceKindInfo(
            "none", "the article's own voice", 0, False, False, False, "the article states it in its own voice"
        ),
    )
}

# the kinds in the order the UI lists them, strongest backing first
ORDERED_KINDS: tuple[str, ...] = tuple(sorted(SOURCE_KINDS, key=lambda k: -SOURCE_KIND_INFO[k].rank))


def info(kind: str) -> SourceKindInfo:
    """The entry for a kind; an unknown kind (an older stored row) reads as `none`."""
    return SOURCE_KIND_INFO.get(kind, SOURCE_KIND_INFO["none"])

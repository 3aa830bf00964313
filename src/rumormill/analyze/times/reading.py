"""What a rule reads from a match (`_Reading`), and a matched span with its reading (`_Candidate`).

>>> _with(_Reading("2020-07-20"), mod="START")
_Reading(value='2020-07-20', kind='date', mod='START', relative=False)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .anaphora import _Anaphor


@dataclass(frozen=True)
class _Reading:
    value: str | None
    kind: str = "date"
    mod: str | None = None
    relative: bool = False  # the value depends on the anchor date
    anaphor: _Anaphor | None = None  # "the following year": resolved against the last date mentioned


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    order: int  # the rule's position: among equally long candidates the earlier rule wins
    rule: str
    reading: _Reading


def _with(reading: _Reading, **changes) -> _Reading:
    return _Reading(**{**reading.__dict__, **changes})

"""Cue lexicons as data files with comments, so that linguists can extend them without code.

Format of a `.txt` lexicon: one entry per line; `#` starts a comment; blank lines are
ignored; an entry may carry tab-separated fields after the phrase (`phrase<TAB>type`).
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources


@cache
def load(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of lexicon `name` (file `name.txt`), each a tuple of its tab-separated fields."""
    text = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            rows.append(tuple(field.strip() for field in line.split("\t") if field.strip()))
    return tuple(rows)


def words(name: str) -> frozenset[str]:
    """The first field of every row of lexicon `name`, lower-cased."""
    return frozenset(row[0].lower() for row in load(name))


def mapping(name: str) -> dict[str, str]:
    """First field -> second field of every row of lexicon `name`."""
    return {row[0].lower(): row[1] for row in load(name) if len(row) > 1}


@cache
def version() -> str:
    """A short hash over all lexicon files, recorded in every Analysis."""
    digest = hashlib.sha256()
    for entry in sorted(resources.files(__package__).iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".txt"):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()[:12]

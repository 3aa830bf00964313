"""Lexicon files load as data: comments and blank lines are ignored."""

from __future__ import annotations

from importlib import resources

import pytest

from rumormill.analyze import lexicons

NAMES = sorted(p.name[:-4] for p in resources.files(lexicons).iterdir() if p.name.endswith(".txt"))


@pytest.mark.parametrize("name", NAMES)
def test_lexicons_load_without_comments(name):
    rows = lexicons.load(name)
    assert rows, f"lexicon {name} is empty"
    for row in rows:
        assert all(field and "#" not in field for field in row)


def test_lexicons_version_is_stable():
    assert lexicons.version() == lexicons.version() and len(lexicons.version()) == 12

"""A parsed sentence for the attribution modules' tests."""

from __future__ import annotations

import pytest

import rumormill


@pytest.fixture(scope="module")
def parse():
    nlp = rumormill.nlp()
    return lambda text: nlp(text)

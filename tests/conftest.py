"""Shared fixtures: the loaded pipeline, the example article and the shared datasets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# HYPOTHESIS_PROFILE=long runs the property tests with many more examples.
settings.register_profile("long", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def examples(n: int) -> int:
    """`n` examples for a slow property test in the suite; the long profile's count under it."""
    return settings.default.max_examples if os.environ.get("HYPOTHESIS_PROFILE") == "long" else n


ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kardashian-west-living-apart-2020-07-31.txt"
# The annotated datasets live beside the repository; RUMORMILL_DATA points elsewhere.
SHARED_DATA = Path(os.environ.get("RUMORMILL_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def nlp():
    import rumormill

    return rumormill.nlp()


@pytest.fixture(scope="session")
def example_analysis():
    import rumormill

    article = next(rumormill.read(EXAMPLE))
    return rumormill.analyze(article)


def dataset(relative: str) -> Path:
    """Path to a shared dataset file, or skip the test (with a reason) when it is absent."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"dataset evaluation skipped: {relative} not found (set RUMORMILL_DATA)")
    return path

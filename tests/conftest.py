"""Shared fixtures: the loaded pipeline, the example article and the shared datasets."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import settings

from tests import browser as browser_parts

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


# Browser fixtures, one browser for every package's browser tests (tests/browser.py says why).
@pytest.fixture(scope="session")
def browser():
    if not browser_parts.CHROMIUM.exists():
        reason = f"no Chromium at {browser_parts.CHROMIUM} (apt-get install -y chromium chromium-driver)"
        if browser_parts.required():
            pytest.fail(f"browser tests are required here but there is {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(browser_parts.CHROMIUM), args=browser_parts.CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser, request):
    """A fresh page (its own context: no cookies carried over) that records what went wrong:
    `page.problems` lists dialogs, page errors and console errors."""
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    opened.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    opened.problems = problems
    yield opened
    context.close()


@pytest.fixture
def shots(request) -> browser_parts.Shots:
    return browser_parts.Shots(browser_parts.SCREENSHOTS / re.sub(r"[^\w.-]+", "_", request.node.name))

"""Where a statement was made."""

from __future__ import annotations

import pytest

from rumormill.analyze.attribution import channel_of


@pytest.mark.parametrize(
    ("text", "verb", "channel"),
    [
        ("Kanye tweeted that he cried.", "tweeted", "social_post"),
        ("A source told Us Weekly that they split.", "told", "interview"),
        ("Kim said that they split.", "said", None),
    ],
)
def test_channel_of(parse, text, verb, channel):
    doc = parse(text)
    token = next(t for t in doc if t.text == verb)
    assert channel_of(token)[0] == channel

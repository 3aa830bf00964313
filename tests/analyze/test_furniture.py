"""Page furniture: captions, credits, links and post signatures are found, and never claims."""

from __future__ import annotations

import pytest

import rumormill
from rumormill.analyze.furniture import furniture, inside

BODY = "Kim Kardashian and Kanye West have been living apart for a year, a source said."


def _found(text, is_name=None):
    return [text[s:e] for s, e in furniture(text, is_name)]


@pytest.mark.parametrize(
    "para",
    [
        "Stepping up: Jenna Dewan Tatum sported a strapless white mini-dress on Tuesday",  # caption header
        "Bethenny Frankel (left) and Dorinda were both soaking wet",  # says what a picture shows
        "Tinsley Mortimer, left with Ramona Singer in July 2017, started throwing up",
        "David Eason tweets and deletes a statement about the meal service",  # subheading
        "Maeve McDermott",  # byline
        "More:Palace: Prince Harry and Meghan Markle announce engagement",  # related link
        "This story first appeared on Billboard.com.",  # a syndication line
        "Popular on IndieWire",
        "Also Read: The documentary gets a second season on the streaming service.",
        "AD",
    ],
)
def test_furniture_finds_captions_links_and_subheadings(para):
    text = f"Headline here\n\n{BODY}\n\n{para}\n\nShe smiled at the cameras."
    assert _found(text) == [para]


def test_furniture_finds_a_caption_copying_a_sentence():
    copy = "Kim Kardashian and Kanye West have been living apart for a whole year"
    assert _found(f"Headline\n\n{BODY}\n\n{copy}") == [copy]


def test_furniture_keeps_finished_paragraphs_and_cut_off_ones():
    long_cut = (
        "The women were so distraught by the cruise that Bravo offered them counselling and a week "
        "in a spa, according to Page Six,"
    )
    text = f"Headline\n\n{BODY}\n\n{long_cut}\n\nShe said: 'We are fine.'"
    assert _found(text) == []


def test_furniture_caption_header_needs_a_copy_and_no_name():
    quote = "'There's something that no one should ever see,' Jenna said."
    caption = "Horror: 'There's something that no one should ever see'"
    text = f"Headline\n\n{quote}\n\n{caption}"
    assert _found(text, lambda s, e: False) == [caption]
    # a header that names someone is a speaker ("Kanye West: ..."); a section header over
    # new text ("Food philosophy: ...") is kept
    assert _found(text, lambda s, e: True) == []
    section = "Food philosophy: 'Consistency is very important when it comes to eating,' she says."
    assert _found(f"Headline\n\n{BODY}\n\n{section}", lambda s, e: False) == []


def test_furniture_cuts_an_embedded_post_signature_only():
    post = "Wow, the ratings are in and he got swamped. So much for... — Donald J. Trump (@realDonaldTrump) January 6, 2017"
    found = furniture(f"Headline\n\n{post}")
    assert [f"Headline\n\n{post}"[s:e] for s, e in found] == ["— Donald J. Trump (@realDonaldTrump) January 6, 2017"]


def test_furniture_finds_a_caption_run_into_the_text_before_its_credit():
    """A page flattened to one line keeps its captions, each ending with a bracketed credit."""
    caption = "Kim and Kanye dated for two years (Picture: Getty)"
    text = f"Headline\n\nKim announced it on Twitter.  {caption}  'It is over,' she said. {BODY}"
    assert _found(text) == [caption]
    # after a finished sentence only the credit is furniture: the sentence may be the article's
    text = f"Headline\n\n{BODY} (Image: Instagram) She smiled."
    assert _found(text) == ["(Image: Instagram)"]
    # a long run before a credit is the article's own text, and only the credit goes
    run = " ".join(["word"] * 45)
    assert _found(f"Headline\n\n{run} (Photo: AP)") == ["(Photo: AP)"]


def test_inside_needs_most_of_the_span():
    assert inside([(10, 20)], 12, 18) and inside([(10, 20)], 8, 20)
    assert not inside([(10, 20)], 0, 12)


def test_furniture_is_never_a_claim_nor_a_quote():
    text = (
        " date 2020-07-31 Kim and Kanye\n\n"
        "Kim Kardashian and Kanye West have been living apart for a year, a source said.\n\n"
        "'We are just friends,' Kim said at the premiere.\n\n"
        "Living apart: Kim Kardashian and Kanye West have been living apart for a year\n\n"
        "Just friends: 'We are just friends'\n\n"
        "You can read the full statement below.\n\n"
        "Picture: Getty"
    )
    analysis = rumormill.analyze(text)
    body = analysis.article.text
    for start, end in ((c.span.start, c.span.end) for c in analysis.claims):
        assert "Living apart:" not in body[start:end] and "Getty" not in body[start:end]
        assert "statement below" not in body[start:end]
    assert len(analysis.quotes) == 1
    assert any(c.source.kind == "anonymous" for c in analysis.claims)

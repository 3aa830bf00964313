"""A light guess at who speaks each quote, so that a pronoun inside it is not the speaker.

>>> doc = nlp('"He is a strong member," Mr Prescott said.')
>>> quote_speakers(doc, {9: "e1"})     # name tokens of people -> entity id
{1: 'e1', 2: 'e1', 3: 'e1', 4: 'e1', 5: 'e1', 6: 'e1'}
"""

from __future__ import annotations

from spacy.tokens import Doc

from ._scan import lexicon_hashes, tokens_where

# A speaker named this many tokens after a closing quote (", Mr Prescott said") or before
# an opening one ("Kanye told the audience: ") is the quote's speaker for binding.
_SPEAKER_WINDOW = 4


def quote_speakers(doc: Doc, name_at: dict[int, str]) -> dict[int, str]:
    """Tokens inside double quotes -> the person named right after or before the quote
    (`name_at` holds people only); a quote that continues another keeps its speaker.

    A light pass of its own: the quotes stage runs later and resolves far more. A straight
    quote opens when a word follows it without a space ('"I') and closes otherwise; an
    opening quote while one is open ends the first (news style leaves out the closing quote
    of a paragraph that the next paragraph's quote continues).
    """
    speakers: dict[int, str] = {}
    text = doc.text
    n = len(doc)
    opened: int | None = None
    inherited: str | None = None

    def speaker_of(start: int, end: int) -> str | None:
        # '..., " Mr Prescott said': a quote that ends with a full stop ends its sentence, and
        # a name after it starts the next one
        attributed = doc[end - 1].text in (",", "?", "!") or (end + 1 < n and doc[end + 1].text == ",")
        after = [name_at[t] for t in range(end + 1, min(n, end + 1 + _SPEAKER_WINDOW)) if t in name_at and attributed]
        before = [name_at[t] for t in range(max(0, start - _SPEAKER_WINDOW - 2), start) if t in name_at]
        colon = start > 0 and doc[start - 1].text == ":"
        # "Gatland told the Daily Mirror: "...": the first person before the colon speaks
        return after[0] if after else before[0] if before and colon else inherited

    for i in tokens_where(doc, "ORTH", lexicon_hashes("double_quotes")):
        token = doc[i]
        if opened is not None and "\n" in text[doc[opened].idx : token.idx]:
            opened, inherited = None, None  # quotes do not run over paragraph breaks here
        spaced_before = i == 0 or bool(doc[i - 1].whitespace_)
        opening = token.text in ("“", "``") or (
            token.text == '"' and spaced_before and not token.whitespace_ and i + 1 < n and not doc[i + 1].is_punct
        )
        if opened is None:
            if opening or token.text == '"':
                opened = i
            continue
        speaker = speaker_of(opened, i)
        for t in range(opened + 1, i):
            if speaker is not None:
                speakers[t] = speaker
        inherited = speaker
        opened = i if opening else None
    return speakers

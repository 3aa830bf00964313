"""Numbers and ages written in digits or words.

>>> number_at(nlp("He is forty-three today."), 2)   # value, index after it
(43, 5)
>>> age_after(nlp("Kim, 39, said so."), 1)          # age, start, end of the number
(39, 2, 3)
>>> age_before(nlp("the 54-year-old actor said"), 6, 0)
(54, 1, 6)
"""

from __future__ import annotations

from spacy.tokens import Doc

from ._lexicon import lexicon

# Ages above this are years or counts ("Chicago, 2012"), not ages.
_MAX_AGE = 120

# Words after an age that show the number was not an age ("Chicago, 60 miles").
_AGE_ENDINGS = frozenset({",", ".", ";", ")", "and", "&", "-", "–", "—", ":", "!", "?", "\n"})


def number_at(doc: Doc, i: int) -> tuple[int, int] | None:
    """(value, index after it) for a number written as digits or words at token i.

    "39" -> 39, "seven" -> 7, "forty-three" / "forty three" -> 43; None for anything else.
    """
    if i >= len(doc):
        return None
    token = doc[i]
    if token.text.isdigit() and not token.text.startswith("0"):
        return int(token.text), i + 1
    numbers = lexicon().numbers
    word = token.lower_
    if "-" in word:  # one token "forty-three" (spaCy usually splits it)
        tens, _, units = word.partition("-")
        if numbers.get(tens, 0) >= 20 and 0 < numbers.get(units, 0) < 10:
            return numbers[tens] + numbers[units], i + 1
        return None
    value = numbers.get(word)
    if value is None:
        return None
    if value >= 20 and value % 10 == 0:  # a tens word may take a units word: "forty(-)three"
        j = i + 2 if i + 2 < len(doc) and doc[i + 1].text == "-" else i + 1
        units = numbers.get(doc[j].lower_, 0) if j < len(doc) else 0
        if 0 < units < 10:
            return value + units, j + 1
    return value, i + 1


def age_after(doc: Doc, end: int) -> tuple[int, int, int] | None:
    """An age written after a name that ends at token `end`: (age, start, end) of the number.

    "Kim, 39," / "the rapper, 43 is" / "North, seven." / "Kim (39)" / "Kim, aged 39" /
    "Kim, now 39,". The word after the number must close the phrase (punctuation, "and",
    a verb), so "Chicago, 60 miles" and "Paris, 2 March" are not ages.
    """
    n = len(doc)
    if end >= n or doc[end].text not in (",", "("):
        return None
    j = end + 1
    if j < n and doc[j].lower_ in ("aged", "now", "age"):
        j += 1
    found = number_at(doc, j)
    if found is None or not 0 < found[0] <= _MAX_AGE:
        return None
    value, after = found
    if doc[end].text == "(":
        return (value, j, after) if after < n and doc[after].text == ")" else None
    if after >= n or doc[after].is_sent_start:
        return value, j, after
    follower = doc[after]
    if (
        follower.text in _AGE_ENDINGS
        or "\n" in follower.text
        or follower.tag_.startswith("VB")
        or follower.tag_ == "MD"
    ):
        return value, j, after
    return None


def age_before(doc: Doc, start: int, lowest: int) -> tuple[int, int, int] | None:
    """An age written as "<N>-year-old" just before token `start`, not left of `lowest`:
    (age, start, end) of "39-year-old". spaCy splits it into 39 - year - old."""
    j = start - 1
    if j - 2 < lowest or doc[j].lower_ != "old" or doc[j - 2].lower_ not in ("year", "years"):
        return None
    number_end = j - 3 if j - 3 >= lowest and doc[j - 3].text == "-" else j - 2
    for number_start in (number_end - 1, number_end - 3):  # "39" or "forty - three"
        if number_start < lowest:
            continue
        found = number_at(doc, number_start)
        if found and found[1] == number_end and 0 < found[0] <= _MAX_AGE:
            return found[0], number_start, start
    return None

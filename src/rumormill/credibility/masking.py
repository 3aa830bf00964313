"""What the credibility model's bag of words reads: the article's words with every name replaced
by its kind, so that it can learn how a story is told and sourced, never who or where it is about.

    >>> masked("Kim told People on Monday that the rumours are false.", common={"told", "on", "that",
    ...     "the", "rumours", "are", "false", "monday"}, spans=[(0, 3, "<person>")])
    ['<person>', 'told', '<outlet>', 'on', 'monday', 'that', 'the', 'rumours', 'are', 'false']

Three layers, in this order:

1. the analysis's entities: each name or alias mention of a person, organisation, place, work
   or other named thing becomes `<person>`, `<org>`, `<place>`, `<work>` or `<name>`;
2. the lexicon `outlets.txt`: an outlet becomes `<outlet>`, a fact-checker's name is dropped (its
   verdicts made the training labels), and so is the article's own outlet (its `outlet` or its
   URL's domain) wherever the text names it;
3. a capitalised word (or an all-caps one) that the entity recogniser missed becomes `<name>`
   unless it is a common word: one that the training articles write in lower case at least as
   often as capitalised in mid-sentence (the list is learnt by `train` and ships in the model).

Tokens are those of scikit-learn's default pattern (two or more word characters), lower-cased,
each with its character offsets so that the words behind a score can be shown in the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from urllib.parse import urlparse

TOKEN = re.compile(r"(?u)\b\w\w+\b")
KINDS = {"person": "<person>", "organisation": "<org>", "place": "<place>", "work": "<work>", "other": "<name>"}
NAME = "<name>"
OUTLET = "<outlet>"
DROP = ""  # a span whose words are left out altogether
# Characters that may stand between a sentence's end and its first word.
_OPENERS = " \t\"'“‘(["
_ENDS = ".!?:\n"
_SMALL = frozenset(("and", "of", "the", "&", "or"))


def is_placeholder(term: str) -> bool:
    return "<" in term


@cache
def outlet_lexicon() -> tuple[re.Pattern, re.Pattern | None, dict[str, str]]:
    """The outlets and fact-checkers of `outlets.txt`: one case-insensitive pattern, one
    case-sensitive pattern for the ambiguous names, and each name's kind."""
    text = resources.files(__package__).joinpath("outlets.txt").read_text(encoding="utf-8")
    plain, ambiguous, kinds = [], [], {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, kind = (part.strip() for part in line.split("\t", 1))
        if kind.startswith("ambiguous-"):
            ambiguous.append(name)
            kinds[name] = kind.removeprefix("ambiguous-")
        else:
            plain.append(name)
            kinds[name.lower()] = kind

    def pattern(names: list[str], flags: int) -> re.Pattern:
        names = sorted(names, key=len, reverse=True)
        alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
        # a name starts with a capital letter, whatever the flags say of the rest
        return re.compile(r"(?<!\w)(?-i:(?=[A-Z]))(?:" + alternatives + r")(?!\w)", flags)

    return pattern(plain, re.IGNORECASE), (pattern(ambiguous, 0) if ambiguous else None), kinds


def sentence_initial(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence, a paragraph or the text."""
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in _ENDS


def lexicon_spans(text: str) -> list[tuple[int, int, str]]:
    """Outlets (`<outlet>`) and fact-checkers (dropped) that the text names."""
    plain, ambiguous, kinds = outlet_lexicon()
    found = []
    for match in plain.finditer(text):
        words = match.group().split()
        if any(w[0].islower() and w not in _SMALL for w in words[1:]):
            continue  # "In touch with", not "In Touch"
        kind = kinds.get(" ".join(match.group().lower().split()), "outlet")
        found.append((match.start(), match.end(), DROP if kind == "factchecker" else OUTLET))
    if ambiguous is not None:
        for match in ambiguous.finditer(text):
            if not sentence_initial(text, match.start()):
                kind = kinds.get(match.group(), "outlet")
                found.append((match.start(), match.end(), DROP if kind == "factchecker" else OUTLET))
    return found


def own_outlet(outlet: str | None = None, url: str | None = None) -> frozenset[str]:
    """The article's own outlet as the letters and digits of its name and of its domain's first
    label ("marriedbiography" for marriedbiography.com and for "Married Biography")."""
    names = set()
    if outlet:
        names.add(_letters(outlet))
        host = outlet.lower() if "." in outlet and " " not in outlet.strip() else ""
    else:
        host = ""
    if url:
        try:
            host = urlparse(url if "//" in url else "//" + url).hostname or host
        except ValueError:  # "http://[broken": a URL the article came with is hostile input too
            pass
    if host:
        host = host.removeprefix("www.")
        names.add(_letters(host.split(".")[0]))
    return frozenset(n for n in names if len(n) >= 3)


def entity_spans(entities: Iterable) -> list[tuple[int, int, str]]:
    """The name and alias mentions of an analysis's entities, each with its kind's placeholder."""
    spans = []
    for entity in entities:
        placeholder = KINDS.get(entity.kind, NAME)
        for mention in entity.mentions:
            if mention.type in ("name", "alias"):
                spans.append((mention.start, mention.end, placeholder))
    return spans


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping spans: where two overlap, the one that starts first (the longer on a tie)
    wins, and a dropped name wins over any other."""
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int, str]] = []
    for start, end, what in spans:
        if out and start < out[-1][1]:
            last = out[-1]
            if what == DROP and last[2] != DROP:
                out[-1] = (last[0], max(last[1], end), DROP)
            elif end > last[1]:
                out[-1] = (last[0], end, last[2])
            continue
        out.append((start, end, what))
    return out


def masked_tokens(
    text: str,
    common: frozenset[str] | set[str],
    spans: Sequence[tuple[int, int, str]] = (),
    own: frozenset[str] = frozenset(),
) -> list[tuple[str, int, int]]:
    """The text's tokens as (term, start, end), names replaced by their kind. `spans` are the
    entities' (start, end, placeholder); `own` the article's own outlet (see own_outlet)."""
    regions = _merge(list(spans) + lexicon_spans(text))
    if own:
        # the article's own outlet is dropped, whether the lexicon or the recogniser found it
        regions = [(s, e, DROP if _letters(text[s:e]) in own else what) for s, e, what in regions]
    matches = list(TOKEN.finditer(text))
    out: list[tuple[str, int, int]] = []
    r, last_region, skip = 0, -1, 0
    for i, match in enumerate(matches):
        if skip:
            skip -= 1
            continue
        start, end = match.span()
        while r < len(regions) and regions[r][1] <= start:
            r += 1
        if r < len(regions) and regions[r][0] < end:
            if r != last_region:
                last_region = r
                if regions[r][2] != DROP:
                    out.append((regions[r][2], regions[r][0], regions[r][1]))
            continue
        word = match.group()
        if word[0].isupper():
            if own:
                # the article's own outlet, written as one word or as up to three capitalised ones
                joined, n = "", 0
                for k in range(i, min(i + 3, len(matches))):
                    joined += matches[k].group().lower()
                    if joined in own:
                        n = k - i + 1
                if n:
                    skip = n - 1
                    continue
            lower = word.lower()
            if lower not in common:
                if not (out and out[-1][0] == NAME and _adjacent(text, out[-1][2], start)):
                    out.append((NAME, start, end))
                else:
                    out[-1] = (NAME, out[-1][1], end)
                continue
            out.append((lower, start, end))
        else:
            out.append((word.lower(), start, end))
    return out


def _letters(name: str) -> str:
    return re.sub(r"\W|_", "", name.lower())


def _adjacent(text: str, end: int, start: int) -> bool:
    return not text[end:start].strip(" -'’.")


def masked(text: str, common, spans=(), own=frozenset()) -> list[str]:
    """The terms alone of masked_tokens."""
    return [t for t, _, _ in masked_tokens(text, common, spans, own)]


def common_words(texts: Iterable[str], min_count: int = 3) -> frozenset[str]:
    """Words that the texts write in lower case at least `min_count` times and at least as often
    as capitalised in mid-sentence: ordinary words, as opposed to names ("west" is not one where
    "Kanye West" is frequent, "will" is)."""
    lower: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for text in texts:
        for match in TOKEN.finditer(text):
            word = match.group()
            if word.islower():
                lower[word] += 1
            elif word[0].isupper() and not sentence_initial(text, match.start()):
                capitalised[word.lower()] += 1
    return frozenset(w for w, n in lower.items() if n >= min_count and n >= capitalised[w])

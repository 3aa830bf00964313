"""Token scanning: pick tokens by spaCy's attribute ids without making a Token per word.

    >>> doc = nlp("Kim said she loves her kids.")
    >>> tokens_where(doc, "LOWER", hashes(["she", "her"]))
    [2, 4]
    >>> sentences(nlp("Kim left. She said so."))   # per token: salience sentence, sentence end
    ([0, 0, 0, 1, 1, 1, 1], [3, 3, 3, 7, 7, 7, 7])

`doc.to_array` is read once per Doc and kept in `doc.user_data[ARRAYS]`, which the
relations stage also reads (and drops when it is done).
"""

from __future__ import annotations

from functools import cache

from spacy.strings import get_string_id
from spacy.tokens import Doc

from ._lexicon import QUOTE_MARKS, lexicon
from ._syntax import SUBJECT_DEPS


def hashes(words) -> frozenset[int]:
    """spaCy's string ids of `words`, to test a Doc's attribute ids without making Tokens."""
    return frozenset(get_string_id(w) for w in words)


ARRAYS = "rumormill.token_arrays"  # doc.user_data key: attribute -> list of string ids; a cache
_ATTRS = ("ORTH", "LOWER", "TAG", "DEP", "LEMMA", "SENT_START", "IS_TITLE", "IS_UPPER")

_DOUBLE_QUOTES = frozenset({'"', "“", "”", "``", "''"})


def token_arrays(doc: Doc) -> dict[str, list[int]]:
    """All token attributes the stages scan, read from spaCy in one call and kept on the Doc."""
    found = doc.user_data.get(ARRAYS)
    if found is None:
        table = doc.to_array(list(_ATTRS)).tolist() if len(doc) else []
        found = {attr: [row[k] for row in table] for k, attr in enumerate(_ATTRS)}
        doc.user_data[ARRAYS] = found
    return found


@cache
def lexicon_hashes(name: str) -> frozenset[int]:
    lex = lexicon()
    words = {
        "orth_starters": set(lex.organisations) | QUOTE_MARKS,
        "lower_cues": lex.works | lex.kinship.keys(),
        "pronouns": lex.pronouns.keys(),
        "resolve": lex.pronouns.keys() | lex.groups.keys() | lex.kinship.keys() | lex.roles.keys() | {"old"},
        "double_quotes": _DOUBLE_QUOTES,
        "plural_tags": {"NNS", "NNPS"},
        "subject_deps": SUBJECT_DEPS,
        "sentence_ends": {".", "!", "?"},
    }[name]
    return hashes(words)


def tokens_where(doc: Doc, attr: str, words: frozenset[int]) -> list[int]:
    """Indices of the tokens whose `attr` ("LOWER", "ORTH", "TAG", ...) is one of `words`
    (string ids). Testing ints is far cheaper than making a spaCy Token for every word."""
    return [i for i, value in enumerate(token_arrays(doc)[attr]) if value in words]


def sentences(doc: Doc) -> tuple[list[int], list[int]]:
    """Per token: the index of its sentence for salience, and the end of its spaCy sentence.

    A salience sentence also starts after "." / "!" / "?" before a capital: spaCy sometimes
    runs two sentences together inside quotes ("... passed away. His thoughts").
    """
    n = len(doc)
    arrays = token_arrays(doc)
    enders = lexicon_hashes("sentence_ends")
    orth, title, upper, starts = arrays["ORTH"], arrays["IS_TITLE"], arrays["IS_UPPER"], arrays["SENT_START"]
    sentence_of, sent_end = [0] * n, [n] * n
    k, first = -1, 0
    for i in range(n):
        if i == 0 or starts[i] == 1:
            for j in range(first, i):
                sent_end[j] = i
            first = i
            k += 1
        elif orth[i - 1] in enders and (title[i] or upper[i]):
            k += 1
        sentence_of[i] = k
    return sentence_of, sent_end

"""The tense of the clause a time hangs in, which picks the instance of "Friday" or "July 20".

>>> import rumormill
>>> doc = rumormill.nlp()("The couple split last week.")
>>> _tense_of(doc[3])
-1
"""

from __future__ import annotations

from .lexicon import _words


def _tense_of(token) -> int:
    """Tense of the clause that governs `token`: -1 past, +1 future, 0 present or unknown."""
    if token is None:
        return 0
    verb = token
    for _ in range(6):  # a time hangs at most a few arcs below its verb ("on the morning of X")
        if verb.pos_ in ("VERB", "AUX"):
            break
        if verb.head.i == verb.i:  # the root (spaCy makes a new Token on each access: no `is`)
            return 0
        verb = verb.head
    else:
        return 0
    for _ in range(2):  # "expects to report on Friday": look up one xcomp step
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        words = {a.lower_ for a in auxes}
        if words & {"will", "'ll", "shall", "wo"} or "going" in words:
            return 1
        if verb.lemma_ in _words("futureverb"):
            return 1  # "planned a rally on Saturday", "has scheduled a news conference Thursday"
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return -1
        if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
            return -1
        if words & _words("modal"):
            return 1  # "may come as early as Tuesday"
        if verb.dep_ == "xcomp" and verb.head.lemma_ in _words("futureverb"):
            return 1
        if verb.dep_ in ("xcomp", "conj", "advcl") and verb.tag_ in ("VB", "VBG") and verb.head.i != verb.i:
            verb = verb.head
            continue
        break
    return 0

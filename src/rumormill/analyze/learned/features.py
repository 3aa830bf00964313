"""Token features for the two taggers, from the spaCy parse alone (no other stage's output).

Cue tagger, per token of a sentence: the word, its lemma, tag and dependency, its head's
lemma and dependency, whether the lemma is in the attribution lexicons (speech, belief,
stance verbs, report nouns and adverbs), which clause children it has (a ccomp is the mark
of a reporting verb), whether it is inside quote marks, and the same for its neighbours.

Role tagger, per token of the sentence of one cue: the token's own features plus where it
stands against the cue: before or after it, how far, whether it is in the cue's subtree and
under which of the cue's children (nsubj, ccomp, dobj ...), whether it is on the cue's path
to the root, and these crossed with the cue's lemma.

Features are plain strings ("lemma=say"): CRFsuite takes them as binary attributes.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..attribution import lexicon


@cache
def _lexicon_classes() -> dict[str, str]:
    lex = lexicon()
    classes: dict[str, str] = {}
    for words, name in (
        (lex.evidential, "evid"),
        (lex.report_adverbs, "radv"),
        (lex.report_passives, "rpass"),
        (lex.nouns, "noun"),
        (lex.stance, "stance"),
        (lex.cognition, "cog"),
        (lex.speech, "speech"),
    ):
        for word in words:
            classes[word] = name  # speech last: it wins, as in attribution.verb_class
    return classes


def _quote_flags(sent: SpacySpan) -> list[bool]:
    """Inside straight or curly double quotes, by parity within the sentence."""
    flags, inside = [], False
    for token in sent:
        if token.is_quote and token.text not in ("'", "\u2019", "\u2018", "'s"):
            inside = not inside
            flags.append(False)
            continue
        flags.append(inside)
    return flags


# children whose presence marks a reporting structure (a clause complement, a subject, an agent)
_CHILD_DEPS = frozenset(
    {"ccomp", "xcomp", "nsubj", "nsubjpass", "csubj", "auxpass", "agent", "dobj", "dative", "advcl"}
)


def _distance(d: int) -> str:
    d = abs(d)
    if d <= 3:
        return str(d)
    if d <= 6:
        return "4-6"
    if d <= 12:
        return "7-12"
    return "13+"


def token_features(sent: SpacySpan) -> list[list[str]]:
    """The cue tagger's features for each token of `sent` (also the base of the role tagger's)."""
    classes = _lexicon_classes()
    quoted = _quote_flags(sent)
    base = []
    for k, token in enumerate(sent):
        lemma = token.lemma_.lower()
        head = token.head
        f = [
            "b",
            "w=" + token.lower_,
            "l=" + lemma,
            "t=" + token.tag_,
            "d=" + token.dep_,
            "hl=" + head.lemma_.lower(),
            "hd=" + head.dep_,
            "dl=" + token.dep_ + "|" + lemma,
            "lex=" + classes.get(lemma, "-"),
            "lexd=" + classes.get(lemma, "-") + "|" + token.dep_,
            "q=" + ("1" if quoted[k] else "0"),
            "ent=" + token.ent_type_,
        ]
        if token.is_title:
            f.append("title")
        f.append("hlex=" + classes.get(head.lemma_.lower(), "-"))
        for child in token.children:
            dep = child.dep_
            if dep in _CHILD_DEPS:
                f.append("ch=" + dep)
                if dep in ("nsubj", "nsubjpass", "agent", "pobj"):
                    f.append("chs=" + (child.ent_type_ or child.tag_) + "|" + dep)
            elif dep == "prep":
                f.append("chp=" + child.lower_)
        base.append(f)
    features = []
    n = len(base)
    for k, f in enumerate(base):
        row = list(f)
        for offset in (-2, -1, 1, 2):
            j = k + offset
            if 0 <= j < n:
                row.append(f"{offset}:{base[j][2]}")  # lemma
                row.append(f"{offset}:{base[j][3]}")  # tag
                if offset == -1:
                    row.append("bi=" + base[j][2] + "|" + f[2])
            else:
                row.append(f"{offset}:edge")
        if k == 0:
            row.append("first")
        features.append(row)
    return features


def cue_head(sent: SpacySpan, cue: tuple[int, int]) -> Token:
    """The cue's syntactic head: its token nearest the root."""
    doc = sent.doc
    tokens = [doc[i] for i in range(*cue)]
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[0]


def _branch(token: Token, head: Token) -> str | None:
    """The dependency of the child of `head` that `token` hangs under, or None outside."""
    current = token
    for _ in range(40):
        if current.head.i == head.i and current.i != head.i:
            return current.dep_
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def role_features(sent: SpacySpan, base: list[list[str]], cue: tuple[int, int]) -> list[list[str]]:
    """The role tagger's features for each token of `sent`, relative to the cue `cue`."""
    head = cue_head(sent, cue)
    cue_lemma = head.lemma_.lower()
    parent = head.head
    ancestors = {t.i for t in head.ancestors}
    features = []
    for k, token in enumerate(sent):
        i = token.i
        if cue[0] <= i < cue[1]:
            features.append(["b", "cue", "cl=" + cue_lemma, *base[k][1:6]])
            continue
        side = "L" if i < cue[0] else "R"
        dist = _distance(i - cue[0] if i < cue[0] else i - cue[1] + 1)
        branch = _branch(token, head)
        if branch is None and i in ancestors:
            where = "anc"
        elif branch is None and parent.i != head.i:
            up = _branch(token, parent)
            where = "p:" + up if up is not None else "out"
        else:
            where = "c:" + (branch or "out")
        row = list(base[k])
        row += [
            "s=" + side,
            "sd=" + side + dist,
            "wh=" + where,
            "whs=" + where + side,
            "whc=" + where + "|" + cue_lemma,
            "whd=" + where + "|" + token.dep_,
            "cl=" + cue_lemma,
            "cd=" + head.dep_,
            "cdw=" + head.dep_ + "|" + where,
        ]
        features.append(row)
    return features

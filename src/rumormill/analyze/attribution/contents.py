"""Contents: what a cue verb reports (its complement), and whether the content denies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .lexicon import lexicon
from .tree import _child, _has_aux_to, _subtree_range, trim

if TYPE_CHECKING:  # the finders make Attributions and call into this module
    from .finders import Attribution


# Words that make a clause before the cue a condition or a time, not the report ("If X,
# she said ...", "After X, he told ...").
_SUBORDINATORS = frozenset(
    {
        "if",
        "when",
        "while",
        "after",
        "before",
        "because",
        "although",
        "though",
        "as",
        "since",
        "until",
        "unless",
        "once",
    }
)


def _fronted_clause(verb: Token) -> Token | None:
    """'Police have obtained a search warrant, a law enforcement source tells Us Weekly': the
    report put first, which the parser hung on the cue as an adverbial clause. It must have
    its own subject and no subordinating word, and end with the comma before the cue's
    subject."""
    subject = _child(verb, "nsubj")
    if subject is None or subject.i > verb.i:
        return None
    doc = verb.doc
    # the clause itself, or one clause down when the parser hung it on a subjectless phrase
    # before it ("Following a Times report ..., Weinstein has been fired ..., the board said")
    # (tagged an adverbial clause or, as "Following" often is, a preposition)
    firsts = [c for c in verb.children if c.dep_ in ("advcl", "parataxis", "prep") and c.i < subject.i]
    candidates = [c for c in firsts if c.dep_ != "prep"]
    candidates += [
        g
        for c in firsts
        if _child(c, "nsubj", "nsubjpass") is None
        for g in c.children
        if g.dep_ in ("advcl", "ccomp") and g.i < subject.i
    ]
    for child in candidates:
        if _child(child, "nsubj", "nsubjpass") is None:
            continue
        if any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in child.children):
            continue
        end = child.right_edge.i + 1
        if doc[end - 1].text == ",":
            end -= 1  # the comma may hang on the clause itself
        if end < len(doc) and doc[end].text == "," and subject.left_edge.i == end + 1:
            return child
    return None


def _inverted_report(verb: Token) -> tuple[Token | None, tuple[int, int] | None]:
    """'Jolie believes Amal has stolen her identity, a source told Page Six': the parser hung
    the trailing report under the sentence's own verb and gave it the clause before the
    comma as its complement. The report's content is then everything before the comma
    that sets off its subject, the sentence's verb included."""
    host = verb.head
    if verb.dep_ not in ("ccomp", "parataxis") or host.i >= verb.i or host.pos_ not in ("VERB", "AUX"):
        return None, None
    subject = _child(verb, "nsubj")
    ccomp = _child(verb, "ccomp")
    if subject is None or ccomp is None or not (host.i < ccomp.i < subject.i < verb.i):
        return None, None
    doc = verb.doc
    comma = subject.left_edge.i - 1
    if comma <= host.i or doc[comma].text != "," or _child(host, "nsubj", "nsubjpass") is None:
        return None, None
    start = host.left_edge.i
    if any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in host.children):
        return None, None
    return host, (start, comma)


def _fronted_phrase(token: Token) -> bool:
    """True for a noun that opens with its own preposition ("with the show under way"): a
    phrase, where a noun complement before a cue is a quoted one ('"A total lie," he said')."""
    return token.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "prep" and c.i < token.i for c in token.children)


def _clause_complement(verb: Token) -> Token | None:
    """The verb's clausal complement, skipping one the parser reached across a semicolon
    ("Weinstein said he would take leave; the board announced he was on leave": the first
    clause is no complement of "announced"), or a phrase before the verb with a noun head."""
    doc = verb.doc
    # a "clause" before the verb with a noun for its head is a fronted phrase the parser
    # took for one ("But with the show under way in Las Vegas, Jenna confessed ...")
    ccomps = [c for c in verb.children if c.dep_ == "ccomp" and not (c.i < verb.i and _fronted_phrase(c))]
    for c in ccomps:
        lo, hi = (c.right_edge.i + 1, verb.i) if c.i < verb.i else (verb.i + 1, c.left_edge.i)
        if not any(t.text == ";" for t in doc[lo:hi]):
            return c
    return ccomps[0] if ccomps else None


def _verb_content(verb: Token, cls: str) -> tuple[Token | None, tuple[int, int] | None]:
    """The complement of a cue verb: a that-clause, an infinitive, an object (with its
    predicate: "called him a liar"), or a prepositional object for "call for" and kin."""
    lex = lexicon()
    ccomp = _clause_complement(verb)
    if ccomp is not None and cls == "speech" and ccomp.i < verb.i:
        host, content = _inverted_report(verb)
        if content is not None:
            return host, content
    if ccomp is not None:
        return ccomp, _subtree_range(ccomp)
    fronted = _fronted_clause(verb) if cls == "speech" else None
    if fronted is not None:
        # from the clause's subject on: "A few days after his arrest, police have obtained ..."
        subject = _child(fronted, "nsubj", "nsubjpass")
        return fronted, (min(subject.left_edge.i, fronted.i), _subtree_range(fronted)[1])
    lemma = verb.lemma_.lower()
    xcomp = _child(verb, "xcomp")
    dobj = _child(verb, "dobj")
    if cls == "speech" and lemma in lex.quote_only:
        return None, None
    if cls == "speech" and lemma in lex.clause_only:
        # "answered the phone", "posted a photo": not speech without a clause or a topic
        if xcomp is not None and _has_aux_to(xcomp):
            return xcomp, _subtree_range(xcomp)
        if dobj is not None and lemma in lex.clause_objects:
            return _object_content(verb, dobj)  # "Trump cited several examples"
        root, content = _topic(verb)
        if content is not None:
            return root, content
        # "they pointed to the example of Indiana": a stance preposition the lemma also has
        return _prep_object(verb, lex.stance_preps.get(lemma, frozenset()))
    if cls == "stance" and lemma in lex.stance_prep_only:
        dobj = xcomp = None
    if cls == "cognition" and lemma not in lex.cognition_objects:
        dobj = None  # "she found a job", "he knows the area": not attributions
    if dobj is not None:
        return _object_content(verb, dobj)
    if xcomp is not None and cls != "speech":
        return xcomp, _subtree_range(xcomp)
    preps = lex.stance_preps.get(lemma, frozenset())
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            obj = _child(child, "pobj", "pcomp")
            if obj is not None:
                return obj, _subtree_range(obj)
        # "calling for the US to step up": spaCy parses "for ... to" as a clause with a mark
        if child.dep_ == "advcl" and child.i > verb.i:
            mark = next((g for g in child.children if g.dep_ == "mark" and g.lower_ in preps), None)
            if mark is not None and mark.i == child.left_edge.i:
                return child, (mark.i + 1, child.right_edge.i + 1)
    if cls == "speech":
        root, content = _topic(verb)
        if content is not None:
            return root, content
        # "72 percent said yes", "half said so": an answer stands for the clause
        answer = next(
            (
                c
                for c in verb.children
                if c.i == verb.i + 1 and (c.dep_ == "intj" or (c.dep_ == "advmod" and c.lower_ == "so"))
            ),
            None,
        )
        if answer is not None:
            return answer, (answer.i, answer.i + 1)
    if xcomp is not None:
        return xcomp, _subtree_range(xcomp)
    return None, None


# Dependencies that make a content a proposition rather than a thing: a clause, an
# infinitive, a gerund ("admitted to urinating"), a predicate ("called him a coward").
# Verbs that take a clause so nearly always that a noun-phrase object is a misparsed one
# ("said the couple split": "split" tagged a noun).
_CLAUSE_VERBS = frozenset(
    {"say", "claim", "insist", "allege", "state", "suggest", "add", "maintain", "argue", "report", "confirm", "explain"}
)
_CLAUSAL = {"ccomp", "xcomp", "advcl", "pcomp", "csubj", "oprd", "acomp"}


def _bare_noun_phrase(verb: Token, root: Token | None, content: tuple[int, int]) -> bool:
    """True when a cue verb's content is a plain noun phrase ("tells the magazine", "posted
    a photo", "dissing a program that still has his name on it"): no clause, infinitive,
    gerund, predicate ("described the news as lovely") or quote in it. Such an object names
    what the act was about; the act is the article's own statement, not a reported claim."""
    if root is None or root.dep_ not in ("dobj", "pobj", "dative") or root.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
        return False
    doc = verb.doc
    tokens = doc[content[0] : content[1]]
    if any(t.is_quote for t in tokens):
        return False
    if any(c.dep_ in _CLAUSAL or (c.dep_ == "prep" and c.lower_ == "as") for c in verb.children if c.i > verb.i):
        return False
    for t in tokens:
        if t.dep_ in _CLAUSAL:
            return False
        if t.dep_ == "acl" and any(
            (c.dep_ == "aux" and c.lower_ == "to")
            or (c.dep_ in ("nsubj", "nsubjpass", "mark") and c.tag_ not in ("WDT", "WP"))
            for c in t.children
        ):
            return False  # "her desire to become more politically active", "the fact that Indiana grew"
        if t.dep_ == "acl" and t.tag_ == "VBN" and any(c.is_quote for c in t.subtree):
            return False  # "an article titled 'Jen & Ben Back Together!'"
    return True


def _subject_taken_for_object(
    verb: Token, root: Token | None, content: tuple[int, int] | None
) -> tuple[Token | None, tuple[int, int] | None]:
    """'Jenna confessed their young daughter has already seen too much': the parser made
    the clause's subject the cue's object and the clause's verb the sentence root. When the
    object is followed straight away by its own verb group, that verb's clause is the content.
    """
    if root is None or root.dep_ != "dobj" or root.head.i != verb.i or verb.dep_ not in ("ccomp", "parataxis"):
        return root, content
    host = verb.head
    if host.i <= root.right_edge.i or host.pos_ not in ("VERB", "AUX"):
        return root, content
    between = verb.doc[root.right_edge.i + 1 : host.i]
    if not all(t.dep_ in ("aux", "auxpass", "neg", "advmod") and t.head.i == host.i for t in between):
        return root, content
    return host, (root.left_edge.i, host.right_edge.i + 1)


def _subject_split_from_its_clause(
    verb: Token, root: Token | None, content: tuple[int, int] | None
) -> tuple[Token | None, tuple[int, int] | None]:
    """'We're told it’s “false.”': with curly marks the parser made the clause's subject the
    cue's object ("told it"), its predicate another of the cue's children ("false"), and left
    the clause's verb ("’s") alone, with no subject. When the cue's object stands right before
    that subjectless clause, the content runs from the object to the last of the cue's
    complements after it."""
    if root is None or content is None or root.dep_ != "ccomp" or root.head.i != verb.i:
        return root, content
    if _child(root, "nsubj", "nsubjpass", "expl") is not None:
        return root, content  # "told him it's over": him is the hearer, it the clause's subject
    obj = _child(verb, "dobj")
    if obj is None or obj.right_edge.i + 1 != root.left_edge.i:
        return root, content
    end = content[1]
    for child in verb.children:
        if child.i > root.i and child.dep_ in ("oprd", "acomp", "attr", "xcomp", "dobj", "advmod"):
            end = max(end, child.right_edge.i + 1)
    return root, (obj.left_edge.i, end)


def _extend_right(verb: Token, root: Token, content: tuple[int, int]) -> tuple[int, int]:
    """An object content takes the prepositional phrases after it: "accused Trump of using
    divisive rhetoric", "thanked his supporters for delivering ...", "referred to the US as
    the 'Great Satan'" (PolNeAR train: content exact F1 +0.01; a time phrase such as "on
    Monday" stops it, as do clauses, which measured no gain)."""
    if root.dep_ != "dobj" or root.head.i != verb.i:
        return content
    start, end = content
    doc = verb.doc
    for child in verb.children:
        if child.i <= root.i or child.left_edge.i < end or child.dep_ in ("punct", "cc"):
            continue
        if child.dep_ != "prep":
            break
        obj = _child(child, "pobj")
        if obj is not None and obj.ent_type_ in ("DATE", "TIME"):
            break
        if any(not (t.is_punct or t.dep_ == "cc") for t in doc[end : child.left_edge.i]):
            break  # only a run of phrases right after the object
        end = child.right_edge.i + 1
    return (start, end)


def _prep_object(verb: Token, preps: frozenset[str]) -> tuple[Token | None, tuple[int, int] | None]:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in preps and child.i > verb.i:
            obj = _child(child, "pobj", "pcomp")
            if obj is not None:
                return obj, _subtree_range(obj)
    return None, None


def _object_content(verb: Token, dobj: Token) -> tuple[Token, tuple[int, int]]:
    start, end = _subtree_range(dobj)
    # "called him a liar", "hailed her a 'white supremacist'" (spaCy: two objects)
    extra = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "ccomp", "dobj") and c.i > dobj.i]
    for c in extra:
        end = max(end, c.right_edge.i + 1)
    return dobj, (start, end)


def _topic(verb: Token) -> tuple[Token | None, tuple[int, int] | None]:
    """'spoke about the need for ...', 'talked of leaving': what the speech was about."""
    for preposition in ("about", "of", "on"):
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == preposition and child.i > verb.i:
                obj = _child(child, "pobj", "pcomp")
                if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):  # "on Tuesday"
                    return obj, _subtree_range(obj)
    return None, None


def cue_start(verb: Token) -> int:
    """First token of a verb cue: auxiliaries, negation and adverbs right before the verb
    belong to it ("has said", "did not mention", "also claimed"), as in PolNeAR."""
    start = verb.i
    left = {c.i: c for c in verb.children if c.i < verb.i}
    while start - 1 in left:
        child = left[start - 1]
        if child.dep_ in ("aux", "auxpass", "neg") or (
            child.dep_ == "advmod" and child.tag_ == "RB" and child.lower_ not in lexicon().report_adverbs
        ):
            start -= 1
        else:
            break
    return start


def _tidy_content(doc: Doc, content: tuple[int, int], root: Token | None) -> tuple[int, int] | None:
    """Trim a clausal content: a leading time phrase that the parser hung on the reported
    clause ("said Tuesday his actions ...") and a trailing comment set off by a comma or a
    dash (", a 16-point margin over Sanders")."""
    start, end = content
    if root is not None and root.dep_ == "ccomp":
        while start < root.i and (
            doc[start].ent_type_ in ("DATE", "TIME")
            or (doc[start].lower_ == "on" and doc[start + 1].ent_type_ in ("DATE", "TIME"))
        ):
            start += 1
        for child in root.children:
            if (
                child.i > root.i
                and child.dep_ in ("npadvmod", "appos", "advcl", "parataxis")
                and child.left_edge.i > start
            ):
                before = doc[child.left_edge.i - 1]
                if before.text in (",", "–", "—", "-", ";") and child.right_edge.i + 1 >= end - 1:
                    end = min(end, before.i)
    return trim(doc, start, end)


def _host_content(verb: Token) -> tuple[Token | None, tuple[int, int] | None]:
    """'X, he said, Y' and '"...," he said': spaCy sometimes hangs the speech verb under
    the reported clause. The content is then the host clause without the cue's subtree."""
    if verb.dep_ not in ("parataxis", "ccomp", "advcl", "conj") or verb.head.i == verb.i:
        return None, None
    host = verb.head
    if host.pos_ not in ("VERB", "AUX") or _child(verb, "nsubj") is None:
        return None, None  # a parenthetical cue has its own subject ("X, he said, Y")
    # only when the cue clause is set off by a comma or a quote mark (spaCy hangs the comma
    # before "he said" on the cue itself or leaves it outside: both count)
    doc = verb.doc
    left = verb.left_edge.i
    set_off = doc[left].is_punct and left < verb.i
    if not set_off and (left == 0 or not (doc[left - 1].is_punct or doc[left - 1].is_quote)):
        return None, None
    start, end = _subtree_range(host)
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1  # "Kim is pregnant, as TMZ reported.": the cue clause ends the sentence
    cue_lo, cue_hi = _subtree_range(verb)
    if cue_lo <= start:
        start = cue_hi
    elif cue_hi >= end:
        end = cue_lo
    return host, (start, end)


def _denies(attribution: Attribution, doc: Doc) -> bool:
    """Denial by the cue ("denied", "dismissed the rumours") or by the content ("the story
    is completely false", "the reports are not true")."""
    lex = lexicon()
    head = attribution.head
    lemma = head.lemma_.lower()
    if attribution.kind in ("speech", "stance", "cognition") and lemma in lex.denial_verbs:
        return True
    if attribution.content is None:
        return False
    content = doc[attribution.content[0] : attribution.content[1]]
    if dismisses(head) and attribution.content_root is not None:
        if (
            attribution.content_root.lemma_.lower() in lex.rumour_words
            or attribution.content_root.lower_ in lex.rumour_words
        ):
            return True
    return predicate_denies(content)


def dismisses(verb: Token) -> bool:
    """A dismissive verb ("dismissed", "shot down") or phrase ("put ... to bed", "put ... to
    rest", `denial_cues.txt`): a denial when its object is a rumour word."""
    lex = lexicon()
    lemma = verb.lemma_.lower()
    if lemma in lex.dismissive:
        return True
    tails = lex.dismissive_phrases.get(lemma)
    if not tails:
        return False
    for prep in verb.children:
        obj = _child(prep, "pobj") if prep.dep_ in ("prep", "dative") else None
        if obj is not None and (prep.lower_, obj.lower_) in tails:
            return True
    return False


def predicate_denies(content: SpacySpan) -> bool:
    """'the story is completely false', 'the reports are not true', 'that's untrue'."""
    lex = lexicon()
    words = [t.lower_ for t in content]
    if _has_phrase(words, lex.flat_denials):
        return True
    # the subject, or the content's first word where the parser took the subject for something
    # else ("told it’s “false”" made "it" the cue's object)
    subject_ok = any(
        t.dep_ in ("nsubj", "nsubjpass")
        and (
            t.lemma_.lower() in lex.rumour_words
            or t.lower_ in lex.rumour_words
            or t.lower_ in ("it", "this", "that", "that's", "it's")
        )
        for t in content
    ) or (len(content) > 0 and content[0].lower_ in ("it", "this") and content[0].dep_ in ("dobj", "nsubj"))
    return subject_ok and _has_phrase(words, lex.denial_predicates)


def _has_phrase(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == phrase:
                return True
    return False

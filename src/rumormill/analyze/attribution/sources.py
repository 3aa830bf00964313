"""Sources: the words that name who says something, and what kind of source that is."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ...model import Source
from .. import lexicons
from ..context import Context
from .lexicon import _Lexicon, lexicon, verb_class
from .tree import _child, _has_aux_to, _subtree_range, trim

# Anonymous heads that name a role more than a withheld identity: anonymous only when one
# unnamed person ("an aide said") or withheld ("people close to the couple"), descriptive
# otherwise ("the president's aide", "several cast members").
_WEAK_ANONYMOUS = {
    "official", "aide", "member", "associate", "people", "person", "one", "fan", "user",
    "follower", "viewer", "neighbour", "neighbor", "colleague", "crew", "relative", "pundit",
    "commentator", "staffer", "co-star", "costar", "observer", "witness", "onlooker", "eyewitness",
}  # fmt: skip

# Members of the public, unnamed whether one or many ("fans wrote", "Twitter users
# commented", "onlookers said"): no role identifies them, so they are anonymous, where a
# group with a role ("state officials", "several cast members") is descriptive.
_PUBLIC = {"fan", "user", "follower", "viewer", "onlooker", "observer", "witness", "eyewitness", "commenter"}

# Words that mark a source as withheld on purpose: "familiar with", "close to", "with
# knowledge of", "who asked not to be named", "speaking on condition of anonymity".
_WITHHELD = {"familiar", "close", "knowledge", "anonymity", "unnamed", "anonymous", "named", "identified"}

_NAMED_ENTS = {"PERSON", "ORG", "NORP", "GPE", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT"}

_PERSONAL = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}

# A subject phrase longer than this is a parse error (a whole clause taken as the subject).
_MAX_SOURCE_TOKENS = 25


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The speaker of a cue verb: its subject, its agent, or the subject it shares."""
    # a verb reached from a participle ("fans were left baffled, posting: ...") lends its
    # passive subject too: the fans post
    subject = _child(verb, "nsubj", "csubj") if depth == 0 else _child(verb, "nsubj", "csubj", "nsubjpass")
    if subject is not None:
        if subject.tag_ in ("WP", "WDT") and subject.lower_ in _RELATIVE:
            antecedent = _relative_antecedent(verb, depth)
            if antecedent is not None:
                return antecedent
        return _hyphen_head(subject)
    agent = _child(verb, "agent")
    if agent is not None:
        return _child(agent, "pobj")
    if depth > 3:  # a chain of shared subjects longer than this is a misparse
        return None
    head = verb.head
    if head.i == verb.i:
        return None
    # "claimed X was ignoring his calls and hailed her ...": spaCy often hangs the second
    # reporting verb on the reported clause; a conjunct with the reporting verb's tense
    # belongs to the reporting verb.
    if verb.dep_ == "conj" and head.dep_ == "ccomp" and head.head.tag_ == verb.tag_ != head.tag_:
        if verb_class(head.head) is not None:
            return subject_of(head.head, depth + 1)
    # "It comes after police sources ... admitted the jewels were melted down": the parser
    # took the clause after "after" for a phrase and hung its verb on "comes"; the phrase's
    # object, not "it", is who speaks
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        obj = _framing_object(head, verb)
        if obj is not None:
            return obj
    # "went on to say", "declined to comment": the matrix subject speaks.
    if verb.dep_ == "xcomp" or (verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX")):
        return subject_of(head, depth + 1)
    # "..., saying that ...": a participle shares its main verb's subject.
    if verb.dep_ in ("advcl", "acl") and verb.tag_ == "VBG" and head.pos_ in ("VERB", "AUX"):
        return subject_of(head, depth + 1)
    # "went on to say that ...": an infinitive of purpose or sequence shares it too ("went
    # onto say", misspelt, comes without its "to")
    if verb.dep_ == "advcl" and (_has_aux_to(verb) or head.lemma_ == "go") and head.pos_ in ("VERB", "AUX"):
        return subject_of(head, depth + 1)
    # "responded by saying that ...": a gerund under a preposition of the main verb
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return subject_of(head.head, depth + 1)
    # "in a tweet implying that ...", "in a statement saying ...": a participle on the
    # medium a statement went out in is said by whoever put it out, the subject of the verb
    # the medium hangs on
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and _is_medium(head):
        return subject_of(head.head.head, depth + 1)
    # "amid sources claiming that ...": a participle on a noun is said by that noun
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
        return head
    # "An insider revealed to Us Weekly that ...": spaCy sometimes makes the subject noun the
    # ROOT and the finite verb (VBD, not a participle) its acl; the noun is the speaker.
    if verb.dep_ == "acl" and verb.tag_ == "VBD" and head.dep_ == "ROOT" and head.i < verb.i:
        if head.pos_ in ("NOUN", "PROPN") and _child(verb, "ccomp") is not None:
            return head
    # "Trump, who said ...": the antecedent of the relative clause.
    if verb.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return head
    return None


_RELATIVE = frozenset({"who", "which", "that"})


def _relative_antecedent(verb: Token, depth: int) -> Token | None:
    """Who a relative pronoun subject stands for where the parser did not make its clause a
    relative clause ("the insider says, who adds that ..."): the speaker of the nearest
    reporting verb before it in the sentence. A
    true relative clause ("Trump, who said ...") keeps "who", classified by its antecedent
    (`classify_source`)."""
    if verb.dep_ == "relcl" or depth > 3:
        return None
    relative = _child(verb, "nsubj")
    for token in reversed(verb.sent[: relative.i - verb.sent.start]):
        if token.pos_ == "VERB" and verb_class(token) is not None:
            speaker = subject_of(token, depth + 1)
            if speaker is not None and speaker.lower_ not in _RELATIVE:
                return speaker
            return None
    return None


# "It comes after ...", "This comes as ...": the news framed by what came before it.
_FRAMING_PREPS = frozenset({"after", "as", "amid", "since", "following"})


def _framing_object(head: Token, verb: Token) -> Token | None:
    """The object of "after" in "It comes after X, ..., admitted Y" when the cue verb is a
    conjunct of a verb whose subject is a bare "it"/"this" and that object stands between
    them; None otherwise."""
    subject = _child(head, "nsubj")
    if subject is None or subject.lower_ not in ("it", "this") or _child(verb, "nsubj", "nsubjpass") is not None:
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in _FRAMING_PREPS and head.i < prep.i < verb.i:
            obj = _child(prep, "pobj")
            if obj is not None and obj.right_edge.i < verb.i:
                return obj
    return None


def _is_medium(noun: Token) -> bool:
    """True for a medium noun under a verb's "in" ("posted in a tweet", "said in a
    statement"): the channel lexicon's "* in <noun>" nouns."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "in" or noun.head.dep_ != "prep":
        return False
    if noun.head.head.pos_ not in ("VERB", "AUX"):
        return False
    media = {n for prep, n, _ in lexicon().channel_patterns.get("*", ()) if prep == "in"}
    return noun.lemma_.lower() in media or noun.lower_ in media


def _hyphen_sibling(token: Token, other: Token) -> bool:
    return other.head.i == token.head.i and other.dep_ == token.dep_ and other.i != token.i


def _hyphen_head(subject: Token) -> Token:
    """ "His ex-wife said": the parser often makes "ex", "-" and "wife" three subjects of the
    verb; the last of such a hyphenated run is the head."""
    doc = subject.doc
    head = subject
    while (
        head.i + 2 < len(doc)
        and doc[head.i + 1].text == "-"
        and _hyphen_sibling(head, doc[head.i + 1])
        and _hyphen_sibling(head, doc[head.i + 2])
    ):
        head = doc[head.i + 2]
    return head


def source_words(token: Token, avoid: set[int]) -> tuple[int, int] | None:
    """The words naming the source: the subject's phrase, without relative clauses that
    hold the cue and without tokens of other roles (`avoid`)."""
    doc = token.doc
    start, end = _subtree_range(token)
    while start >= 2 and doc[start - 1].text == "-" and _hyphen_sibling(token, doc[start - 1]):
        if not _hyphen_sibling(token, doc[start - 2]):
            break
        start = doc[start - 2].left_edge.i  # "His ex-wife": the run the parser split
    for child in token.children:
        if child.dep_ in ("relcl", "acl") and any(t.i in avoid for t in child.subtree):
            if child.i > token.i:
                end = min(end, child.left_edge.i)
    if any(i in avoid for i in range(start, end)):
        # keep the contiguous run of non-avoided tokens around the head
        start, end = token.i, token.i + 1
        while start > 0 and start - 1 >= token.left_edge.i and start - 1 not in avoid:
            start -= 1
        while end <= token.right_edge.i and end not in avoid:
            end += 1
    if end - start > _MAX_SOURCE_TOKENS:
        start, end = token.i, token.i + 1
    return trim(doc, start, end)


def _name_tokens(head: Token) -> list[Token]:
    return [head] + [c for c in head.children if c.dep_ in ("compound", "flat", "appos") and c.pos_ == "PROPN"]


# What a publication puts out: "The Times' investigation", "the magazine's report".
PUBLISHED_NOUNS = frozenset({"article", "report", "story", "investigation", "piece", "exclusive", "interview", "cover"})


def outlet_match(span: SpacySpan, lex: _Lexicon) -> bool:
    """True when the phrase ends in an outlet name ("TMZ", "People magazine") or is a
    definite outlet noun ("the newspaper")."""
    # an exclamation mark glued to a word is part of a masthead ("E! News", "OK!", "Hello!")
    words = [t for t in span if not t.is_punct or (t.text == "!" and t.i > span.start and not t.nbor(-1).whitespace_)]
    if not words:
        return False
    head = span.root
    if head.lemma_.lower() in lex.outlet_nouns and any(c.lower_ in ("the", "this", "that") for c in head.children):
        return True
    if head.lemma_.lower() in PUBLISHED_NOUNS | lex.rumour_words:
        # "allegations reported by HuffPost", "a report by the Daily Mail"
        for by in (t for t in head.subtree if t.lower_ == "by" and t.dep_ in ("agent", "prep")):
            obj = next((c for c in by.children if c.dep_ == "pobj"), None)
            if obj is not None and outlet_match(span.doc[obj.left_edge.i : obj.i + 1], lex):
                return True
    if head.lemma_.lower() in lex.outlet_nouns | PUBLISHED_NOUNS:
        # "gossip website RadarOnline", "The Times' investigation", "the magazine's report"
        named = [c for c in head.children if c.dep_ in ("appos", "poss", "compound") and c.pos_ == "PROPN"]
        for c in named:
            if outlet_match(span.doc[c.left_edge.i : c.i + 1], lex) or c.lower_ in lex.outlet_words:
                return True
        if head.lemma_.lower() in lex.outlet_nouns and any(
            c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" for c in head.children
        ):
            return True  # "Fortune magazine", "the Chicago Tribune newspaper": a publication by name
    # an unknown masthead: a capitalised name with a masthead word ("the Daily Ledger")
    name = [t for t in words if t.i == head.i or (t.head.i == head.i and t.dep_ in ("compound", "amod"))]
    if head.pos_ == "PROPN" and len(name) > 1 and all(t.text[:1].isupper() for t in name):
        if any(t.lower_ in lex.outlet_words for t in name):
            return True
    doc = span.doc
    for n in range(min(4, len(words)), 0, -1):
        for i in range(0, len(words) - n + 1):
            # the words as written, so that "E! News" and "RadarOnline.com" match their entries
            # (a Span's text, not doc.text: Doc.text joins the whole document on every access)
            phrase = " ".join(doc[words[i].i : words[i + n - 1].i + 1].text.lower().split())
            kind = lex.outlet_names.get(phrase)
            after = words[i + n - 1].i + 1
            if kind is None and after < len(doc) and doc[after].text == "!" and not doc[after - 1].whitespace_:
                kind = lex.outlet_names.get(phrase + "!")  # "according to OK!": the parser left the "!" out
            if kind is None:
                continue
            first = words[i]
            # the phrase must name the head: end at the head, or modify an outlet noun
            # ("People magazine"); "NBC's Dante Chinni" is a person, not NBC
            last = words[i + n - 1]
            if last.i != head.i and not (
                last.head.i == head.i and last.dep_ == "compound" and head.lemma_.lower() in lex.outlet_nouns
            ):
                if not (
                    last.head.i == head.i
                    and last.dep_ in ("compound", "flat")
                    and head.pos_ == "PROPN"
                    and head.lower_ in lex.outlet_words
                ):
                    continue
            if kind == "ambiguous":
                capitalised = first.text[:1].isupper()
                sentence_initial = first.is_sent_start or first.i == span.sent.start
                before_noun = i + n < len(words) and words[i + n].lemma_.lower() in lex.outlet_nouns
                if not capitalised or (sentence_initial and not before_noun):
                    continue
            return True
    return False


def _antecedent(relative: Token) -> Token:
    """The antecedent of "who"/"which": the noun its clause hangs on, or the name that noun
    is in apposition to ("Owen Jones, a columnist who believes ..." -> Jones)."""
    antecedent = relative.head.head
    for _ in range(3):  # "X, a Y, the Z who": a short chain at most
        if antecedent.dep_ != "appos" or antecedent.head.i == antecedent.i:
            break
        antecedent = antecedent.head
    return antecedent


def classify_source(span: SpacySpan, entity: str | None, outlet: str | None = None, title_case: bool = False) -> str:
    """The `SourceKind` of the words naming a source.

    1. the writer ("we", "this website", the article's own outlet): self
    2. a publication ("TMZ", "People magazine", "the newspaper"): outlet
    3. a report noun with no name ("reports", "local media"): reports
    4. an anonymous head ("a source", "an insider", "Kim's pal"): anonymous
    5. a name, or a phrase or pronoun the entities stage resolved to an entity: named
    6. anything else ("a spokesperson", "police", "her lawyer"): descriptive
    """
    lex = lexicon()
    head = span.root
    if head.lower_ in ("who", "which", "that") and head.head.dep_ == "relcl" and head.head.head.i != head.head.i:
        antecedent = _antecedent(head)  # "Trump, who said ...": the antecedent names the source
        return classify_source(antecedent.doc[antecedent.i : antecedent.i + 1], entity, outlet, title_case)
    text = span.text.lower().strip()
    if text in lex.self_phrases or head.lower_ in ("we", "us"):
        return "self"
    if outlet and text.removeprefix("the ").strip() == outlet.lower().removeprefix("the ").strip():
        return "self"
    if outlet_match(span, lex):
        return "outlet"
    # "a Bravo rep", "the Kardashian family": a common-noun head with a name before it is a
    # role, and so is a lower-case head the tagger called a name ("rep" tagged PROPN)
    proper = head.pos_ == "PROPN" and not head.text.islower()
    has_name = proper or head.ent_type_ in _NAMED_ENTS
    # a headline speaker ("Trump: ...") is a name when capitalised, whatever the tagger says
    has_name = has_name or (title_case and all(t.text[:1].isupper() for t in span if t.is_alpha))
    lemma = head.lemma_.lower()
    if not has_name and (lemma in lex.report_sources or head.lower_ in lex.report_sources):
        if not any(t.pos_ == "PROPN" for t in span):
            return "reports"
    if not has_name and (lemma in lex.anonymous or head.lower_ in lex.anonymous):
        if lemma not in _WEAK_ANONYMOUS:
            return "anonymous"
        # a role noun is anonymous when it hides one person ("an official", "a person
        # familiar with the matter", "people close to the couple"), descriptive when it
        # names a group ("several cast members", "young people", "state officials")
        if lemma in _PUBLIC or any(t.lower_ in _WITHHELD for t in span):
            return "anonymous"
        determiners = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod")}
        if head.tag_ not in ("NNS", "NNPS") and determiners & {"a", "an", "one", "another"}:
            return "anonymous"
        return "descriptive"
    if _quantified_plural(span):
        return "anonymous"  # "Many ex-Scientologists", "some Democrats": unnamed, whatever the name in them
    if has_name or entity is not None or _named_body(head):
        return "named"
    if head.pos_ == "PRON" and head.lower_ in _PERSONAL:
        return "named"  # "he"/"she" point back to someone the article introduced
    if _unnamed_crowd(head):
        return "anonymous"
    return "descriptive"


@cache
def _organisation_nouns() -> frozenset[str]:
    """Role nouns for organisations and their bodies ("company", "network", "board")."""
    return frozenset(row[0].lower() for row in lexicons.load("roles") if len(row) > 1 and row[1] == "organisation")


def _named_body(head: Token) -> bool:
    """ "The Weinstein Company board", "the NBC network": an organisation noun with the
    organisation's name before it speaks as that organisation, unlike a person's role
    ("a Bravo rep", "the Kardashian family"), which stays a descriptor."""
    if head.lemma_.lower() not in _organisation_nouns() and head.lower_ not in _organisation_nouns():
        return False
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < head.i for c in head.children)


# Quantifiers that stand for some people, unnamed: "some say", "others claim".
_QUANTIFIERS = frozenset({"some", "many", "others", "several", "most", "few"})


def _quantified_plural(span: SpacySpan) -> bool:
    """A plural headed phrase that opens with a quantifier ("many", "some", "several")."""
    words = [t for t in span if not t.is_punct]
    return (
        len(words) > 1
        and words[0].lower_ in _QUANTIFIERS
        and words[0].lower_ != "others"
        and words[-1].tag_ in ("NNS", "NNPS")
    )


def _unnamed_crowd(head: Token) -> bool:
    """ "Family law experts say", "many doctors believe", "eight women", "some": a plural with no
    article, demonstrative or possessor is some people, unnamed, not a role that points to
    anyone in particular ("the doctors", "her lawyers", "police" are descriptive)."""
    if head.lower_ in _QUANTIFIERS and head.pos_ in ("PRON", "DET", "ADJ", "NOUN"):
        return True  # "some have complained", "others say", "some of those friends"
    if head.tag_ != "NNS" or head.lower_ in ("police", "authorities"):
        return False
    return not any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "these", "those", "this", "that"))
        for c in head.children
    )


def make_source(
    ctx: Context,
    head: Token | None,
    words: tuple[int, int] | None,
    kind: str = "none",
    channel: str | None = None,
    title_case: bool = False,
) -> Source:
    """A `Source` from the words that name it; `kind` "none" means: classify the words.

    The entity comes from the head token (then the head's name parts), not from any token
    of the phrase: "the rapper's lawyer" is the lawyer, not the rapper.
    """
    if words is None:
        return Source(kind="reports" if kind == "reports" else "none", channel=channel)
    doc = ctx.doc
    span = doc[words[0] : words[1]]
    entity = None
    if head is not None and kind == "none":
        entity = ctx.entity_of(head)
        if entity is None:
            # the head's name parts ("Kanye" of "Kanye West") or a role's name in apposition
            # ("her uncle Dirk Drew"), not a name that modifies a role noun ("a Los Angeles
            # County judge" is a judge)
            role = head.pos_ in ("NOUN", "PROPN") and head.text.islower()
            names = [t for t in _name_tokens(head) if not role or t.dep_ == "appos"]
            entity = next((ctx.entity_of(t) for t in names if ctx.entity_of(t)), None)
        if head.lower_ in ("who", "which", "that") and head.head.dep_ == "relcl":
            entity = entity or ctx.entity_of(_antecedent(head))  # the relative clause's antecedent
        found = ctx.entity(entity) if entity is not None else None
        if found is not None and found.kind in ("work", "place") and head.pos_ == "PRON":
            entity = None  # "he" resolved to a show or a town: no speaker; leave it to the pronoun rules
        kind = classify_source(
            span if head.i in range(*words) else doc[head.i : head.i + 1], entity, ctx.article.outlet, title_case
        )
    if kind in ("anonymous", "reports"):
        entity = None  # "a friend of Kim" is not Kim, and whoever it is stays unknown
    name = span.text
    if entity is not None:
        found = ctx.entity(entity)
        if found is not None:
            name = found.name
    return Source(kind=kind, entity=entity, name=name, span=ctx.span_of(span), channel=channel)

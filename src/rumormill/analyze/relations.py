"""Family and partner relations between the people of one article.

    "Kim Kardashian and her husband Kanye West ... The couple - who wed in 2014 - ...
     their four children; North, seven, Saint, four, ..."
    -> (Kim Kardashian, spouse, Kanye West, since 2014)
       (Kim Kardashian, parent, North), (Kanye West, parent, North), ...

Conventions:
- parent/child relations are stored one way only, from parent to child:
  `(parent, "parent", child)`; grandparents likewise `(grandparent, "grandparent", grandchild)`.
- symmetric predicates (spouse, partner, former_spouse, former_partner, sibling) are stored
  once, with the
  entity first mentioned in the article as subject.
- one relation per (subject, predicate, object); a later piece of evidence replaces the kept
  one only when it adds a start date (`since`), so span and date always come from the same words.

Evidence, in text order:
1. kinship phrases, read through the entities stage's coreference: "her husband Kanye West",
   "his wife", "Kim's mother", "their four children; North, ...", "X, the daughter of Y";
   "their" and "the couple" come from `doc.user_data[entities.GROUPS]`, "my" inside a quote
   from the quote's speaker.
2. verbs (`entity_relation_verbs.txt`): "X married Y", "X and Y wed in 2014", "the couple,
   who wed in 2014", "X is dating Y", "X split from Y". A relation verb under a negation, a
   modal or a governor such as "trying to", "rumoured to" is not taken as fact.

Ages and roles are attributes that the entities stage adds while it resolves mentions.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from ..model import Relation, TimeRef
from . import lexicons
from .context import Context
from .entities import ARRAYS, GROUPS, hashes, kinship, listed_names, tokens_where
from .entities._lexicon import lexicon
from .entities._syntax import clause_subject
from .entities.kin import kin_modifier, name_slot, shared_possessor_noun, subject_possessor

_SYMMETRIC = frozenset({"spouse", "partner", "former_spouse", "former_partner", "sibling"})
# "ex-wife", "former boyfriend": what an "ex"/"former" prefix makes of the kinship noun
_FORMER = {"spouse": "former_spouse", "partner": "former_partner", "former_partner": "former_partner"}
# "previously married to", "was once married to": a marriage that is over
_PAST_ADVERBS = frozenset({"previously", "formerly", "once"})
# kinship.txt reads "P's K" as "K is P's <relation>"; this says who is the subject.
_K_FIRST = {"parent": "parent", "grandparent": "grandparent"}  # (K, parent, P)
_P_FIRST = {"child": "parent", "grandchild": "grandparent"}  # (P, parent, K)
# A date this many tokens after a relation verb belongs to it ("wed in 2014"); further
# away it usually belongs to another clause.
_SINCE_WINDOW = 6
# Below this age nobody is anyone's spouse or partner in the news; a parent is at least
# this much older than the child (both only where the article gives the ages).
_MIN_PARTNER_AGE = 16
_MIN_PARENT_GAP = 12
# couples: "their husbands A and B" pairs them one to one
_COUPLES = frozenset({"spouse", "partner", "former_spouse", "former_partner"})
# "Pitt asked Aniston to marry him", "begged her to marry him": a proposal, not a wedding
_PROPOSALS = frozenset({"ask", "beg", "urge", "persuade", "convince", "pressure"})
# "they're practically married": a couple, not a marriage
_NOT_QUITE = frozenset({"practically", "basically", "virtually", "almost", "nearly", "essentially"})
_MODALS = frozenset({"will", "would", "could", "might", "may", "should", "must", "ca", "can", "shall"})
_PREPOSITIONS = frozenset({"to", "from", "with"})
_RELATIVES = frozenset({"who", "that", "which"})
# "X and Y have a daughter" / "welcomed a son": the subject is the possessor
_HAVE_VERBS = frozenset({"have", "welcome", "adopt", "share", "raise", "expect"})
_PARTNER_QUALIFIERS = frozenset(
    {
        "business",
        "tennis",
        "dance",
        "doubles",
        "sparring",
        "writing",
        "creative",
        "trading",
        "joint",
        "venture",
        "coalition",
        "junior",
        "senior",
        "managing",
    }
)


@cache
def _verbs() -> tuple[dict[str, tuple[str, str | None, str | None]], dict[str, str]]:
    """lemma -> (predicate, preposition, required object), and governor word -> its effect
    ("block", "report" or "deny")."""
    relations, governors = {}, {}
    for row in lexicons.load("entity_relation_verbs"):
        words = row[0].split()
        if row[1] in _EFFECTS:
            governors[row[0]] = row[1]
        else:  # "tie the knot": lemma "tie" with the object "knot"
            required = words[-1] if len(words) > 1 else None
            relations[words[0]] = (row[1], row[2] if len(row) > 2 else None, required)
    return relations, governors


_EFFECTS = ("block", "report", "deny")


class _Collector:
    """Relations found so far, one per (subject, predicate, object)."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.order = {e.id: k for k, e in enumerate(ctx.entities)}
        self.kinds = {e.id: e.kind for e in ctx.entities}
        self.ages = {
            e.id: a.value for e in ctx.entities for a in e.attributes if a.name == "age" and isinstance(a.value, int)
        }
        self.found: dict[tuple[str, str, str], Relation] = {}

    def _impossible(self, subject: str, predicate: str, obj: str) -> bool:
        """Ages that rule the relation out: a child of three is nobody's wife (a pronoun
        resolved to the wrong person), a parent is older than the child."""
        a, b = self.ages.get(subject), self.ages.get(obj)
        if predicate in ("spouse", "partner", "former_spouse", "former_partner"):
            return any(age is not None and age < _MIN_PARTNER_AGE for age in (a, b))
        if predicate in ("parent", "grandparent") and a is not None and b is not None:
            return a - b < _MIN_PARENT_GAP
        return False

    def add(
        self,
        subject: str,
        predicate: str,
        obj: str,
        start: int,
        end: int,
        since: TimeRef | None = None,
        certainty: str = "asserted",
    ) -> None:
        if subject == obj or self.kinds.get(subject) != "person" or self.kinds.get(obj) != "person":
            return
        if self._impossible(subject, predicate, obj):
            return
        if predicate in _SYMMETRIC and self.order[obj] < self.order[subject]:
            subject, obj = obj, subject
        key = (subject, predicate, obj)
        kept = self.found.get(key)
        # a stated relation beats a reported one; then evidence with a date beats one without
        rank = (certainty == "asserted", since is not None)
        if kept is not None and (kept.certainty == "asserted", kept.since is not None) >= rank:
            return
        doc = self.ctx.doc
        span = self.ctx.span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        relation_id = kept.id if kept is not None else self.ctx.new_id("r")
        self.found[key] = Relation(
            id=relation_id,
            subject=subject,
            predicate=predicate,
            object=obj,
            since=since,
            span=span,
            certainty=certainty,
        )

    def add_kin(self, relation: str, possessors: list[str], referents: list[str], start: int, end: int) -> None:
        """ "P's K" for every possessor and referent: "their children" gives both parents."""
        for p in possessors:
            for k in referents:
                if relation in _K_FIRST:
                    self.add(k, _K_FIRST[relation], p, start, end)
                elif relation in _P_FIRST:
                    self.add(p, _P_FIRST[relation], k, start, end)
                else:
                    self.add(p, relation, k, start, end)


def _refs(ctx: Context, groups: dict[int, tuple[str, ...]], token: Token) -> list[str]:
    """The entities a token refers to: one person, a group ("their", "the couple"), the
    members of a coordination ("Kim and Kanye"), or a quote's speaker for "my"."""
    if token.i in groups:
        return list(groups[token.i])
    eid = ctx.token_entity.get(token.i)
    if eid is None and token.lower_ in ("my", "i", "me") and token.i in ctx.token_quote:
        quote = next((q for q in ctx.quotes if q.id == ctx.token_quote[token.i]), None)
        eid = quote.speaker.entity if quote is not None else None
    if eid is None:
        return []
    if token.dep_ == "conj" and ctx.token_entity.get(token.head.i) not in (None, eid):
        token = token.head  # "Kanye West" in "Kim Kardashian and Kanye West": start from Kim
        eid = ctx.token_entity[token.i]
    members = [eid]
    for child in token.children:  # "Kim Kardashian and Kanye West"
        if child.dep_ == "conj":
            other = ctx.token_entity.get(child.i)
            if other and other not in members:
                members.append(other)
    return members


def _possessor_token(doc: Doc, start: int) -> Token | None:
    """The possessor before a kinship noun that starts at token `start`:
    "her [late] husband", "their four children", "Kim's [oldest] daughter"."""
    j = start - 1
    while j >= 0 and j > start - 4 and (kin_modifier(doc[j]) or doc[j].text == "-"):
        j -= 1
    if j < 0:
        return None
    if doc[j].tag_ == "PRP$" or doc[j].lower_ == "her":  # spaCy may tag "her now husband"'s her PRP
        return doc[j]
    if doc[j].tag_ == "POS" and j > 0:
        return doc[j - 1]
    return None


def _kin_start(doc: Doc, i: int) -> tuple[int, bool]:
    """Start of the kinship noun at token i with its prefixes, and whether one was "ex"/"former"."""
    prefixes = _former_prefixes()
    start = i
    while start > 0 and (
        doc[start - 1].lower_ in prefixes
        or (doc[start - 1].text == "-" and start - 2 >= 0 and doc[start - 2].lower_ in prefixes)
    ):
        start -= 1
    return start, start < i


@cache
def _kin_hashes() -> frozenset[int]:
    return hashes(row[0].lower() for row in lexicons.load("kinship") if row[1] != "former")


@cache
def _verb_hashes() -> frozenset[int]:
    """Relation verb lemmas in both cases (spaCy keeps "Married" capitalised), and "we" of "we d"."""
    words = set(_verbs()[0]) | {"we"}
    return hashes(words | {w.capitalize() for w in words})


@cache
def _former_prefixes() -> frozenset[str]:
    return frozenset(row[0].lower() for row in lexicons.load("kinship") if row[1] == "former")


def _kinship_relations(ctx: Context, groups: dict[int, tuple[str, ...]], out: _Collector) -> None:
    """Step 1: "her husband Kanye West", "their children; North, ...", "the daughter of Y"."""
    doc = ctx.doc
    for i in tokens_where(doc, "LOWER", _kin_hashes()):
        token = doc[i]
        found = kinship(token)
        if found is None:
            continue
        relation, _gender, number = found
        if token.i + 1 < len(doc) and doc[token.i + 1].tag_ in ("NN", "NNS"):
            continue  # "her baby daddy", "their children's school": the head is the next noun
        if token.lower_ == "partner" and any(
            c.dep_ in ("compound", "amod") and c.lower_ in _PARTNER_QUALIFIERS for c in token.children
        ):
            continue  # "business partner", "tennis partner"
        start, former = _kin_start(doc, token.i)
        if former or (relation == "spouse" and _first_of_several(doc, start)):
            relation = _FORMER.get(relation, relation)
        possessor = _possessor_token(doc, start)
        co_parents: list[str] = []
        have = _have_verb(token)
        if possessor is None and have is not None:
            # "Morrow and Vance ... have a daughter, Ivy": the subject is the possessor;
            # "Cruise has two children with Nicole Kidman": so is the one after "with"
            possessor = next((c for c in _governor(have).children if c.dep_ in ("nsubj", "nsubjpass")), None)
            co_parents = _with_refs(ctx, groups, have) if relation in ("child", "grandchild") else []
        if possessor is None and relation in ("child", "grandchild"):
            relcl = next((c for c in token.children if c.dep_ == "relcl" and c.lemma_ in _HAVE_VERBS), None)
            if relcl is not None:  # "the daughter he shares with Katie Holmes"
                possessor = next((c for c in relcl.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                co_parents = _with_refs(ctx, groups, relcl)
        if possessor is None and (shared := shared_possessor_noun(token)) is not None:
            possessor = _possessor_token(doc, _kin_start(doc, shared.i)[0])  # "her dad, X, and mom, Y"
        if possessor is None:
            named = _named_after(ctx, token)
            if named is not None:
                possessor = subject_possessor(doc, start, token, named)
        sent_end = token.sent.end
        if possessor is not None:
            possessors = _refs(ctx, groups, possessor)
            possessors += [p for p in co_parents if p not in possessors]
            if len(possessors) > 2 and relation in ("child", "grandchild"):
                continue  # "X, Y and Z ... their children": whose children is anyone's guess
            if number == "pl":  # each listed child gets the evidence up to its own name
                last = token  # "their three sons and three daughters, Maddox, ...": after the last
                while more := next((c for c in last.children if c.dep_ == "conj" and _same_kin(c, relation)), None):
                    last = more
                listed = [
                    (ctx.token_entity[name_start], name_end)
                    for name_start, name_end in listed_names(doc, last.i, sent_end)
                    if name_start in ctx.token_entity
                ]
                if relation in _COUPLES and len(possessors) > 1:
                    # "Cameron Diaz and Nicole Richie ... their husbands Benji and Joel Madden":
                    # one spouse each, in order; a count that does not match pairs no one
                    if len(listed) == len(possessors):
                        for owner, (referent, name_end) in zip(possessors, listed, strict=True):
                            out.add_kin(relation, [owner], [referent], possessor.i, name_end)
                    continue
                for referent, name_end in listed:
                    out.add_kin(relation, possessors, [referent], possessor.i, name_end)
                continue
            else:
                referents = [ctx.token_entity[token.i]] if token.i in ctx.token_entity else []
                end = token.i + 1
                after = name_slot(doc, token.i)
                if after < len(doc) and ctx.token_entity.get(after) in referents:
                    end = _mention_end(ctx, after)
            # the possessor may follow the noun ("the daughter he shares with Katie Holmes")
            end = max(end, possessor.i + 1, _last_object_token(ctx, co_parents, end) if co_parents else end)
            out.add_kin(relation, possessors, referents, min(possessor.i, start), end)
        elif token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of" and doc[start - 1].lower_ in ("the", "a", "an"):
            # "X, the daughter of Y" / "X is the son of Y"
            of_refs = _refs(ctx, groups, doc[token.i + 2])
            described = token.head if token.dep_ == "appos" else None
            if token.dep_ == "attr":
                described = next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if described is not None and of_refs:
                referents = _refs(ctx, groups, described)
                first = min(described.i, start)
                out.add_kin(relation, of_refs, referents, first, _mention_end(ctx, token.i + 2))
            elif described is None and token.i in ctx.token_entity:
                # "sources close to the wife of rapper Kanye West": the entities stage resolved
                # the phrase; the possessor is the person after "of"
                owner = next((t for t in range(token.i + 2, min(token.i + 5, len(doc))) if t in ctx.token_entity), None)
                if owner is not None:
                    owners = _refs(ctx, groups, doc[owner])
                    out.add_kin(relation, owners, [ctx.token_entity[token.i]], start - 1, _mention_end(ctx, owner))


def _same_kin(token: Token, relation: str) -> bool:
    found = kinship(token)
    return found is not None and found[0] == relation


def _have_verb(token: Token) -> Token | None:
    """The verb of "X and Y have a daughter, Ivy, and a son" whose object is the kinship
    noun at `token`, also as a later conjunct ("a daughter Madelaine and a son Kyd")."""
    noun = token
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    if noun.dep_ == "dobj" and noun.head.lemma_ in _HAVE_VERBS:
        return noun.head
    return None


def _with_refs(
    ctx: Context, groups: dict[int, tuple[str, ...]], verb: Token, words: tuple[str, ...] = ("with",)
) -> list[str]:
    """The people after "with" that a verb or its object governs: "has two children with
    Nicole Kidman", "the daughter he shares with Katie Holmes"."""
    for word in (verb, *verb.children):
        for child in word.children:
            if child.dep_ == "prep" and child.lower_ in words:
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return _refs(ctx, groups, pobj)
    return []


def _named_after(ctx: Context, token: Token) -> int | None:
    """End of the person's name right after a kinship noun ("husband Brad Pitt", "partner,
    Portia de Rossi"), or None."""
    doc = ctx.doc
    after = name_slot(doc, token.i)
    eid = ctx.token_entity.get(after)
    if eid is None or ctx.entity(eid).kind != "person":
        return None
    return _mention_end(ctx, after)


def _governor(verb: Token) -> Token:
    """The verb that holds the subject of a conjoined verb ("married ... and have")."""
    while verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head
    return verb


def _mention_end(ctx: Context, i: int) -> int:
    """End of the run of tokens from i that map to the same entity."""
    eid = ctx.token_entity.get(i)
    j = i + 1
    while j < len(ctx.doc) and ctx.token_entity.get(j) == eid:
        j += 1
    return j


def _verb_cues(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, lemma) of relation verbs."""
    verbs, _ = _verbs()
    cues = []
    candidates = tokens_where(doc, "LEMMA", _verb_hashes()) + tokens_where(doc, "LOWER", _verb_hashes())
    for i in sorted(set(candidates)):
        token = doc[i]
        lemma = token.lemma_.lower()
        if (
            lemma in verbs
            and token.pos_ in ("VERB", "AUX", "ADJ")
            and not token.text[:1].isupper()
            or (lemma in verbs and token.is_sent_start and token.pos_ == "VERB")
        ):
            if lemma == "engage" and not _has_prep(token, "to"):
                continue  # "engaged in an intense conversation"
            if lemma in ("split", "separate") and not (_has_prep(token, "from") or _coordinated_subject(token)):
                continue  # "split the bill"
            required = verbs[lemma][2]
            if required and not any(c.dep_ == "dobj" and c.lower_ == required for c in token.children):
                continue  # "tie" without "the knot"
            cues.append((token.i, token.i + 1, lemma))
    return cues


def _married_in_the_past(verb: Token) -> bool:
    """ "was married to X", "were married for ten years", "were married from 2000 to 2005": the
    married state in the past tense, a marriage that is over. A wedding with its date or place
    ("were married in 2014", "were married on Saturday") is not."""
    if verb.lower_ != "married":
        return False
    if verb.dep_ == "acomp":
        be = verb.head  # "Meg was married to ...": spaCy makes "was" the head
    else:
        be = next((c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.lemma_ == "be"), None)
    if be is None or be.lower_ not in ("was", "were"):
        return False
    preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
    return bool(preps & {"to", "for", "from", "until"}) and not preps & {"in", "on"}


def _first_of_several(doc: Doc, start: int) -> bool:
    """ "her first husband", "his first wife": the first of several marriages, so not the current
    one."""
    j = start - 1
    while j >= 0 and j > start - 4 and kin_modifier(doc[j]):
        if doc[j].lower_ == "first":
            return True
        j -= 1
    return False


def _has_prep(token: Token, word: str) -> bool:
    return any(c.dep_ in ("prep", "dative") and c.lower_ == word for c in token.children)


def _coordinated_subject(token: Token) -> bool:
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and any(g.dep_ == "conj" for g in c.children) for c in token.children
    ) or (token.dep_ == "relcl")


def _unrealised(token: Token, ignore_own_negation: bool = False) -> bool:
    """ "will marry", "trying to divorce", "if they marry", "didn't want to marry"; "didn't
    marry" too unless `ignore_own_negation` (the caller keeps it as denied)."""
    _, governors = _verbs()
    head = token
    for _ in range(4):  # the verb, then up to three governors (xcomp chains are short)
        for child in head.children:
            if child.dep_ == "neg" and ignore_own_negation and head.i == token.i:
                continue
            if child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in _MODALS):
                return True
            if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                return True
        # up through complements, and from a clause to the noun it completes ("rumours
        # she was dating"), but not from a relative clause to the noun it describes
        if head.dep_ not in ("xcomp", "ccomp", "conj", "acl", "pcomp", "pobj", "prep") or head.head.i == head.i:
            return False
        head = head.head
        if governors.get(head.lemma_.lower()) == "block" or head.lemma_.lower() in _PROPOSALS:
            return True
    return False


def _blocked(noun: Token) -> bool:
    """A relation noun under a governor that keeps it from being real ("wants a divorce from",
    "plans their wedding"). A negation higher up negates something else ("don't seem to be
    friends after their split"), so unlike verbs, nouns ignore it."""
    _, governors = _verbs()
    head = noun
    for _ in range(4):
        if head.head.i == head.i:
            return False
        head = head.head
        if governors.get(head.lemma_.lower()) == "block":
            return True
    return False


def _certainty(ctx: Context, verb: Token) -> str:
    """How firmly the text states the relation: "denied" ("denied dating", or inside a claim
    the claims stage found denied), "hedged" ("rumoured to be dating", "have reportedly
    split", "split, according to the Daily Ledger", inside a hedged claim), else "asserted"."""
    _, governors = _verbs()
    head = verb
    for _ in range(4):  # the verb and three governors: "are rumoured to have been dating"
        effect = governors.get(head.lemma_.lower()) if head.i != verb.i else None
        if effect == "deny":
            return "denied"
        if effect == "report" or any(
            governors.get(c.lower_) == "report" for c in head.children if c.dep_ in ("advmod", "prep")
        ):
            return "hedged"
        if head.head.i == head.i:
            break
        head = head.head
    char = verb.idx
    around = [c.certainty for c in ctx.claims if c.span.start <= char < c.span.end]
    if "denied" in around:
        return "denied"
    return "hedged" if "hedged" in around else "asserted"


def _since(ctx: Context, start: int, end: int) -> TimeRef | None:
    """A date that belongs to the verb at tokens start:end ("wed in 2014"): a dated TimeRef
    that starts within `_SINCE_WINDOW` tokens after it, in the same sentence."""
    doc = ctx.doc
    last = min(end + _SINCE_WINDOW, doc[start].sent.end) - 1
    if last < end:
        return None
    lo, hi = doc[end].idx, doc[last].idx + len(doc[last])
    for time in ctx.times:
        if time.kind == "date" and time.value and lo <= time.span.start < hi:
            return time.model_copy(deep=True)
    return None


def _verb_relations(ctx: Context, groups: dict[int, tuple[str, ...]], out: _Collector) -> None:
    """Step 2: "X married Y", "X and Y split", "the couple - who wed in 2014"."""
    doc = ctx.doc
    verbs, _ = _verbs()
    for start, end, lemma in _verb_cues(doc):
        predicate, preposition, required = verbs[lemma]
        verb = doc[start]
        if predicate == "spouse" and any(c.dep_ == "advmod" and c.lower_ in _PAST_ADVERBS for c in verb.children):
            predicate = "former_spouse"  # "was previously married to actress Tea Leoni"
        elif predicate == "spouse" and _married_in_the_past(verb):
            predicate = "former_spouse"  # "Meg was married to Dennis Quaid", "were married from 2000 to 2005"
        if predicate == "spouse" and any(c.dep_ == "advmod" and c.lower_ in _NOT_QUITE for c in verb.children):
            predicate = "partner"  # "they're practically married"
        negated = any(c.dep_ == "neg" for c in verb.children)
        if negated:
            # "they're not dating": the relation is denied, not dropped (unless something
            # else also keeps it from being real: "will not marry", "if they don't split")
            if _unrealised(verb, ignore_own_negation=True):
                continue
            certainty = "denied"
        elif _unrealised(verb):
            continue
        else:
            certainty = _certainty(ctx, verb)
        subjects, first = _subject_refs(ctx, groups, doc, start, verb)
        objects = _object_refs(ctx, groups, doc, end, verb, preposition)
        if not subjects:
            continue
        since = _since(ctx, start, end) if predicate in ("spouse", "partner") else None
        if objects:
            pairs = [(s, o) for s in subjects[:1] for o in objects[:1]]
        elif len(subjects) == 2:
            pairs = [(subjects[0], subjects[1])]
        else:
            continue
        first = min(first, start)
        last = max(end, _last_object_token(ctx, objects, end))
        if since is not None:
            last = max(last, _token_at(doc, since.span.end - 1) + 1)
        for subject, obj in pairs:
            out.add(subject, predicate, obj, first, last, since, certainty)


def _token_at(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else len(doc) - 1


def _last_object_token(ctx: Context, ids: list[str], after: int) -> int:
    j = after
    limit = min(len(ctx.doc), after + 8)
    last = after
    while j < limit:
        if ctx.token_entity.get(j) in ids:
            last = j + 1
        j += 1
    return last


def _subject_refs(
    ctx: Context, groups: dict[int, tuple[str, ...]], doc: Doc, start: int, verb: Token
) -> tuple[list[str], int]:
    """Who the relation verb is about, and the first token of those words."""
    # "the couple - who wed" / "Kim, who married Kanye": the relative pronoun's antecedent
    j = start - 1
    if j >= 0 and doc[j].lower_ in _RELATIVES:
        k = j - 1
        while k >= 0 and doc[k].is_punct:
            k -= 1
        if k >= 0:
            found = _refs(ctx, groups, doc[k])
            if found:
                return found, doc[k].left_edge.i
    subject = next((c for c in _governor(verb).children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ in ("xcomp", "acomp") and verb.head.i != verb.i:
        subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and j >= 0 and (j in ctx.token_entity or j in groups):
        subject = doc[j]  # "Lena Morrow and Theo Vance wed": the parse may leave the verb subjectless
    if subject is None:
        return [], start
    return _refs(ctx, groups, subject), subject.left_edge.i


def _object_refs(
    ctx: Context, groups: dict[int, tuple[str, ...]], doc: Doc, end: int, verb: Token, preposition: str | None
) -> list[str]:
    for child in verb.children:
        if child.dep_ == "dobj":
            found = _refs(ctx, groups, child)
            if not found and child.pos_ == "NOUN" and child.i + 1 < len(doc) and ctx.token_entity.get(child.i + 1):
                found = _refs(ctx, groups, doc[_mention_end(ctx, child.i + 1) - 1])  # "dating actress Ella Purnell"
            return found
        if child.dep_ in ("prep", "dative") and (child.lower_ in _PREPOSITIONS or child.lower_ == preposition):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return _refs(ctx, groups, objects[0])
    # no object in the parse (short or misparsed clauses): read the next words
    j = end + (1 if end < len(doc) and doc[end].lower_ == preposition else 0)
    if j + 1 < len(doc) and doc[j].is_lower and doc[j].lower_ in lexicon().roles:
        j += 1  # "married to actress Tea Leoni"
    if j < len(doc) and ctx.token_entity.get(j):
        return [ctx.token_entity[j]]
    return []


@cache
def _nouns() -> dict[str, tuple[str, tuple[str, ...], bool]]:
    """noun -> (predicate, prepositions before the other person, whether that person must be
    written after it)."""
    return {
        row[0]: (row[1], tuple(row[2].split(",")), row[3:] == ("object",))
        for row in lexicons.load("entity_relation_nouns")
    }


def _noun_relations(ctx: Context, groups: dict[int, tuple[str, ...]], out: _Collector) -> None:
    """Step 2b: "their engagement", "William and Kate's marriage", "her wedding with John
    Legend", "she filed for divorce from Pitt", "X and Y announce engagement"."""
    doc = ctx.doc
    nouns = _nouns()
    for i in tokens_where(doc, "LOWER", hashes(nouns)):
        token = doc[i]
        if token.pos_ != "NOUN" or _blocked(token):
            continue
        predicate, prepositions, needs_object = nouns[token.lower_]
        possessor = _possessor_token(doc, i)
        owners = _refs(ctx, groups, possessor) if possessor is not None else []
        others = _with_refs(ctx, groups, token, prepositions)
        if not others and possessor is None and token.dep_ == "pobj" and token.head.head.pos_ == "VERB":
            # "filed for divorce from Pitt": the parse hangs "from Pitt" on the verb
            others = _with_refs(ctx, groups, token.head.head, tuple(p for p in prepositions if p != "with"))
        first = possessor.left_edge.i if possessor is not None else i
        if others:
            if not owners:
                subject = clause_subject(token)
                owners = _refs(ctx, groups, subject) if subject is not None else []
                first = subject.left_edge.i if subject is not None else i
            pairs = [(owners[0], others[0])] if owners else []
        elif needs_object:
            continue
        elif len(owners) == 2:
            pairs = [(owners[0], owners[1])]
        elif not owners and token.dep_ == "dobj":  # "Harry and Meghan announce engagement"
            subject = next((c for c in _governor(token.head).children if c.dep_ in ("nsubj", "nsubjpass")), None)
            couple = _refs(ctx, groups, subject) if subject is not None else []
            pairs = [(couple[0], couple[1])] if len(couple) == 2 else []
            first = subject.left_edge.i if subject is not None else i
        else:
            continue
        last = max(i + 1, _last_object_token(ctx, others, i + 1)) if others else i + 1
        for a, b in pairs:
            out.add(a, predicate, b, min(first, i), last, certainty=_certainty(ctx, token))


def _siblings(ctx: Context, out: _Collector) -> None:
    """Step 3: children of one parent named in one sentence are siblings ("Cruise has two
    children, Connor, 21, and Isabella, 23", "have a daughter Madelaine and a son Kyd").
    Half-siblings are siblings too; children of one parent named in different sentences
    are left alone (the evidence would not be one span)."""
    doc = ctx.doc
    by_parent: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    for (parent, predicate, child), relation in list(out.found.items()):
        if predicate != "parent":
            continue
        first, last = _token_at(doc, relation.span.start), _token_at(doc, relation.span.end - 1)
        by_parent.setdefault((parent, doc[first].sent.start), []).append((first, last + 1, child))
    for children in by_parent.values():
        children.sort()
        for k, (start, _, a) in enumerate(children):
            for _, end, b in children[k + 1 :]:
                if a != b:
                    out.add(a, "sibling", b, start, max(end, start + 1))


def find_relations(ctx: Context) -> None:
    """Fill `ctx.relations`: spouse, partner, former_spouse, former_partner, sibling, parent,
    grandparent."""
    groups = ctx.doc.user_data.get(GROUPS, {})
    out = _Collector(ctx)
    _kinship_relations(ctx, groups, out)
    _verb_relations(ctx, groups, out)
    _noun_relations(ctx, groups, out)
    _siblings(ctx, out)
    ctx.relations.extend(sorted(out.found.values(), key=lambda r: int(r.id[1:])))
    ctx.doc.user_data.pop(ARRAYS, None)  # the scan cache has served both stages

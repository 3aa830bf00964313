"""Kinship phrases: "her husband Kanye West", "his wife", "Kim's mother".

"Kim and her husband Kanye West left. His wife stayed.": "husband" maps to Kanye West and
links him to Kim as her spouse, so "wife" then maps to Kim.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ._lexicon import POSSESSIVE, kinship, lexicon
from ._syntax import clause_subject
from .ages import age_after, age_before
from .attributes import add_age
from .salience import WINDOW_SENTENCES, State, candidates, note, salience, unnamed


def kin_phrase(state: State, token: Token, name_at: dict[int, str]) -> None:
    """ "her husband Kanye West" / "his wife" / "Kim's mother": link possessor and referent."""
    found = kinship(token)
    if found is None or found[2] != "sg":
        return
    relation, gender, _ = found
    doc = state.ctx.doc
    if token.i + 1 < len(doc) and doc[token.i + 1].tag_ in ("NN", "NNS"):
        return  # "her baby daddy": the head is "daddy"
    start = token.i
    while start > 0 and (doc[start - 1].lower_ in lexicon().kin_prefixes or doc[start - 1].text == "-"):
        start -= 1
    if start < token.i and doc[start].lower_ in lexicon().kin_prefixes:
        relation = {"spouse": "former_spouse", "partner": "former_partner"}.get(relation, relation)
    else:
        start = token.i
    possessor = _possessor(state, start)
    referent = None
    after = name_slot(doc, token.i)
    if after < len(doc) and after in name_at and state.kinds.get(name_at[after]) == "person":
        referent = name_at[after]
        shared = shared_possessor_noun(token) if possessor is None else None
        if shared is not None:
            possessor = _possessor(state, modifiers_start(doc, shared.i))
        elif possessor is None:
            end = after
            while end < len(doc) and name_at.get(end) == referent:
                end += 1
            owner = subject_possessor(doc, start, token, end)
            possessor = state.ctx.token_entity.get(owner.i) if owner is not None else None
    else:
        if possessor is None:
            possessor = _of_possessor(state, token, start) or _relcl_possessor(state, token)
        if possessor is None and _unknown_possessor(doc, start):
            referent = _salient_relative(state, token, start, None, gender)  # "West's wife, 36": West unknown
        if possessor is not None:
            referent = state.kin_links.get((possessor, relation))
            if referent is None and relation in ("former_spouse", "former_partner"):
                # "her estranged husband" ... "his ex-wife"
                referent = next(
                    (
                        state.kin_links[(possessor, other)]
                        for other in ("spouse", "partner", "former_spouse", "former_partner")
                        if (possessor, other) in state.kin_links
                    ),
                    None,
                )
            if referent is None:
                referent = _salient_relative(state, token, start, possessor, gender, relation)
    if referent is None or referent == possessor:
        return
    note(state, referent, phrase_start(state, start), token.i + 1, "descriptor")
    if gender in ("m", "f") and state.genders.get(referent) is None:
        state.genders[referent] = gender
    # "West's wife, 36," / "her only son, 16," / "the 10-year-old daughter he shares"
    age = age_after(doc, token.i + 1) or age_before(doc, start, max(0, start - 6))
    if age is not None:
        add_age(state, referent, age, state.ctx.published.isoformat() if state.ctx.published else None)
    if possessor is not None:
        state.kin_links.setdefault((possessor, relation), referent)
        inverse = {"parent": "child", "child": "parent", "grandparent": "grandchild", "grandchild": "grandparent"}
        state.kin_links.setdefault((referent, inverse.get(relation, relation)), possessor)


def name_slot(doc: Doc, i: int) -> int:
    """`_name_slot`, past a title ("mum (Princess Diana)": the name is "Diana")."""
    j = _name_slot(doc, i)
    if j + 1 < len(doc) and doc[j].text.rstrip(".") in lexicon().honorifics and doc[j + 1].text[:1].isupper():
        return j + 1
    return j


def _name_slot(doc: Doc, i: int) -> int:
    """Where the name of the relative named by the kinship noun at token i may start:
    "husband Kanye" / "husband, Kanye" / "mum (Princess Diana)" / "brother and co-chairman, Bob Weinstein" /
    "older brother and future king, Prince William"."""
    j = i + 1
    if j < len(doc) and doc[j].text in (",", "("):  # "his mum (Princess Diana)"
        return j + 1
    if j < len(doc) and doc[j].lower_ == "and":
        k = j + 1
        while k < len(doc) and k < j + 5 and (doc[k].text == "-" or doc[k].is_lower and doc[k].pos_ in ("NOUN", "ADJ")):
            k += 1
        if k > j + 1 and k + 1 < len(doc) and doc[k].text == "," and doc[k - 1].pos_ == "NOUN":
            return k + 1
    return j


def _of_possessor(state: State, token: Token, start: int) -> str | None:
    """The person after "the <kin> of": "the wife of rapper Kanye West" is Kanye West's wife.
    Not in apposition ("Paris, the daughter of Kathy") nor after "is" ("she is the daughter
    of"), where the relations stage finds the referent in the parse."""
    doc = state.ctx.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].lower_ != "of" or start == 0:
        return None
    if doc[start - 1].lower_ != "the" or token.dep_ in ("appos", "attr"):
        return None
    j = token.i + 2
    while (
        j < len(doc) and j < token.i + 5 and j not in state.ctx.token_entity and doc[j].pos_ in ("NOUN", "ADJ", "DET")
    ):
        j += 1  # "of rapper Kanye West", "of the rapper Kanye West"
    eid = state.names_ahead.get(j) or state.ctx.token_entity.get(j)
    return eid if eid is not None and state.kinds.get(eid) == "person" else None


# A kinship phrase with no name ("Prince Harry's fiancée", "West's wife", "his ex") refers
# back only to a person this salient: a subject one sentence back (50 - 15 + 12 = 47) or a
# main-clause object in the same sentence; older mentions are more often someone new.
_MIN_RELATIVE_SCORE = 45


def _relcl_possessor(state: State, token: Token) -> str | None:
    """ "the 10-year-old daughter he shares with Katie Holmes": the relative clause's subject."""
    for child in token.children:
        if child.dep_ == "relcl" and child.lemma_ in ("share", "have", "raise"):
            subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.i > token.i and subject.pos_ == "PRON":
                # not resolved yet (the pass is left to right): "Cruise has had no contact with
                # the daughter he shares": he is the subject of the clause around the noun
                subject = clause_subject(token)
            eid = state.ctx.token_entity.get(subject.i) if subject is not None else None
            if eid is not None and state.kinds.get(eid) == "person":
                return eid
    return None


def _unknown_possessor(doc: Doc, start: int) -> bool:
    """A capitalised possessor that names nobody we know ("West's wife" where "West" was not
    recognised): the phrase still means a person of the article."""
    j = modifiers_start(doc, start) - 1
    if j <= 0 or doc[j].text not in POSSESSIVE:
        return False
    owner = doc[j - 1]  # spaCy tags a sentence-initial "West's" NN
    lex = lexicon()
    return (
        owner.is_title
        and owner.tag_ in ("NNP", "NN")
        and owner.lower_ not in lex.kinship
        and owner.lower_ not in lex.roles
    )


def _salient_relative(
    state: State, token: Token, start: int, possessor: str | None, gender: str, relation: str = ""
) -> str | None:
    """The person a kinship phrase without a name refers back to: the most salient person
    of the noun's gender other than the possessor. Only gendered nouns ("wife", "son"; not
    "her third baby", which is often someone new), only people of that known gender or, for
    a child or parent, of the possessor's surname ("Tom Cruise ... his youngest daughter":
    Suri Cruise), never one already known as the possessor's relative of another kind ("his
    daughter" is not his wife), and for "his ex" never someone named in the same sentence."""
    if gender not in ("m", "f"):
        return None
    known = {eid for (owner, _), eid in state.kin_links.items() if owner == possessor}
    family = _surname(state, possessor) if possessor is not None else None
    best, best_score, fitting = None, float("-inf"), 0
    for eid, seen in candidates(state, start, "person", WINDOW_SENTENCES):
        if eid == possessor or eid in known or unnamed(eid):
            continue
        if relation in ("former_spouse", "former_partner") and seen.sentence == state.sentence_of[start]:
            continue  # "he is dating Ella but respects his ex": the ex is not the one named beside
        their_gender = state.genders.get(eid)
        if their_gender != gender and not (
            their_gender is None
            and relation in ("child", "parent", "sibling", "grandchild", "grandparent")
            and family is not None
            and _surname(state, eid) == family
        ):
            continue
        score = salience(state, start, eid, seen)
        fitting += score >= _MIN_RELATIVE_SCORE
        if score > best_score:
            best, best_score = eid, score
    # two salient people who fit ("Kourtney ... Kim ... his wife"): too close to call
    return best if best_score >= _MIN_RELATIVE_SCORE and fitting == 1 else None


def _surname(state: State, eid: str) -> str | None:
    name = state.entities[eid].name.split() if eid in state.entities else []
    return name[-1] if len(name) > 1 else None


def kin_modifier(token: Token) -> bool:
    """A word between a possessor and its kinship noun: "her late husband", "her two sons",
    "her now husband", "his estranged wife"."""
    return token.pos_ in ("ADJ", "NUM", "ADV") or token.tag_ == "VBN"


def modifiers_start(doc: Doc, start: int) -> int:
    """The first of up to three modifiers right before token `start` ("her [now] husband")."""
    j = start
    while j > 0 and j > start - 3 and kin_modifier(doc[j - 1]):
        j -= 1
    return j


def shared_possessor_noun(token: Token) -> Token | None:
    """The kinship noun whose possessor a coordinated one shares: "mom" in "her dad, Tom
    Markle, and mom, Doria Radlan" (up through the conjunction and the name between)."""
    head = token
    for _ in range(3):
        if head.dep_ not in ("conj", "appos") or head.head.i == head.i:
            return None
        head = head.head
        if kinship(head) is not None and head.i < token.i:
            return head
    return None


def subject_possessor(doc: Doc, start: int, token: Token, name_end: int) -> Token | None:
    """The owner of a kinship noun written bare before a name: "Jolie undermined estranged
    husband Brad Pitt's bond", "she wrote to partner Portia de Rossi", "Stewart is cheating
    with ex-girlfriend Alicia Cargile": no determiner or possessive before it, so the
    relation is the clause subject's. `start` is the first token of the kinship phrase
    (its "ex-"), `name_end` the end of the name after it, which cannot be its own owner."""
    j = modifiers_start(doc, start) - 1
    if j >= 0 and (doc[j].tag_ in ("PRP$", "POS", "DT", "WP$", "CD") or doc[j].text in POSSESSIVE):
        return None
    if shared_possessor_noun(token) is not None:
        return None  # "her dad, Tom Markle, and mom, Doria Radlan": her mom, not the subject's
    if token.dep_ == "conj":
        return token.head  # "Shelton, 41, and girlfriend Gwen Stefani": the one it is coordinated with
    if j >= 0 and doc[j].tag_.startswith("NN"):
        return None  # "Playboy model girlfriend": a compound, not a bare noun
    head = token
    for _ in range(8):  # clauses rarely nest deeper
        if head.head.i == head.i:
            return None
        head = head.head
        subjects = [
            c
            for c in head.children
            if c.dep_ in ("nsubj", "nsubjpass") and not start <= c.i < max(name_end, token.i + 1)
        ]
        if subjects:
            return subjects[0]
        if head.dep_ in ("relcl", "acl", "advcl"):
            return None  # a subordinate clause's owner is not the main subject's business
    return None


def phrase_start(state: State, start: int) -> int:
    """Where the kinship phrase whose noun (or "ex-") starts at `start` begins, its possessor
    and modifiers included: "his youngest daughter", "Harry's older brother", "Prince Harry's
    fiancée". The phrase is one mention of the relative; the possessor inside it is not."""
    doc = state.ctx.doc
    j = modifiers_start(doc, start)
    if j > 0 and (doc[j - 1].tag_ == "PRP$" or doc[j - 1].lower_ in ("her", "his", "their")):
        return j - 1
    if j > 1 and doc[j - 1].text in POSSESSIVE:
        owner = state.ctx.token_entity.get(j - 2)
        if owner is None:
            return start
        k = j - 2
        while k > 0 and state.ctx.token_entity.get(k - 1) == owner:
            k -= 1
        return k
    return start


def _possessor(state: State, i: int) -> str | None:
    """Who owns the kinship noun starting at token i: "her" / "Kim's" / "Kim and her"."""
    doc = state.ctx.doc
    j = modifiers_start(doc, i) - 1
    if j < 0:
        return None
    if doc[j].tag_ == "PRP$" or doc[j].lower_ == "her" or doc[j].text in POSSESSIVE:
        k = j - 1 if doc[j].text in POSSESSIVE else j
        return state.ctx.token_entity.get(k) if k >= 0 else None
    return None

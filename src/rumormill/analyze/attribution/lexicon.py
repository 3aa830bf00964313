"""The cue lexicons, read once: speech, belief and stance verbs, report phrases, outlets, denials."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from .. import lexicons


@dataclass(frozen=True)
class _Lexicon:
    speech: dict[str, str | None]
    clause_only: frozenset[str]
    quote_only: frozenset[str]  # speech verbs only beside a direct quote (quotes.py)
    clause_objects: frozenset[str]  # `clause` speech verbs whose object can be the content
    stance_prep_only: frozenset[str]
    triggers: frozenset[str]  # every lemma or form that can start an attribution
    channel_patterns: dict[str, tuple[tuple[str | None, str, str], ...]]
    cognition: dict[str, str]
    cognition_objects: frozenset[str]  # belief/evidence verbs whose object can be the content
    stance: frozenset[str]
    stance_preps: dict[str, frozenset[str]]
    nouns: dict[str, str]
    evidential: frozenset[str]
    report_adverbs: frozenset[str]
    report_passives: frozenset[str]
    report_sources: frozenset[str]
    report_spread: frozenset[str]  # "rumours are swirling that ...": the noun's verb
    denial_verbs: frozenset[str]
    dismissive: frozenset[str]
    dismissive_phrases: dict[str, frozenset[tuple[str, ...]]]  # "put to bed": verb -> words after its object
    denial_predicates: tuple[tuple[str, ...], ...]
    flat_denials: tuple[tuple[str, ...], ...]  # deny whatever the subject: "there is no truth to"
    rumour_words: frozenset[str]
    denial_speakers: frozenset[str]  # "a rep", "her lawyer": they answer for someone
    anonymous: frozenset[str]
    self_phrases: frozenset[str]
    outlet_names: dict[str, str]
    outlet_nouns: frozenset[str]
    outlet_words: frozenset[str]  # masthead words: "Daily", "Times", "Gazette"


@cache
def lexicon() -> _Lexicon:
    """All attribution lexicons, parsed once per process."""
    speech: dict[str, str | None] = {}
    clause_only: set[str] = set()
    quote_only: set[str] = set()
    clause_objects: set[str] = set()
    patterns: dict[str, list[tuple[str | None, str, str]]] = defaultdict(list)
    for row in lexicons.load("speech_verbs"):
        words = row[0].lower().split()
        channel = row[1] if len(row) > 1 and row[1] != "-" else None
        if len(words) == 1:
            speech[words[0]] = channel
            if "clause" in row[2:]:
                clause_only.add(words[0])
            if "quote" in row[2:]:
                quote_only.add(words[0])
            if "object" in row[2:]:
                clause_objects.add(words[0])
            continue
        lemma, rest = words[0], words[1:]
        prep = rest[0] if len(rest) > 1 else None
        patterns[lemma].append((prep, rest[-1], channel or ""))
        if lemma != "*":
            speech.setdefault(lemma, None)
    stance, stance_preps, bare = set(), defaultdict(set), set()
    for row in lexicons.load("attribution_stance"):
        stance.add(row[0].lower())
        if len(row) > 1:
            stance_preps[row[0].lower()].add(row[1].lower())
        else:
            bare.add(row[0].lower())
    reports = defaultdict(set)
    for row in lexicons.load("report_phrases"):
        reports[row[1]].add(row[0].lower())
    denial = defaultdict(set)
    for row in lexicons.load("denial_cues"):
        denial[row[1]].add(row[0].lower())
    outlets = {row[0].lower(): row[1] for row in lexicons.load("attribution_outlets")}
    dismissive, dismissive_phrases = set(), defaultdict(set)
    for phrase in denial["dismissive"]:
        verb, *tail = phrase.split()
        (dismissive_phrases[verb].add(tuple(tail)) if tail else dismissive.add(verb))
    triggers = set(speech) | set(stance) | set(lexicons.mapping("attribution_cognition"))
    triggers |= dismissive | set(dismissive_phrases)
    triggers |= set(lexicons.mapping("attribution_nouns")) | lexicons.words("attribution_evidential")
    triggers |= reports["adverb"] | reports["passive"] | {"according", "per", ":"}
    return _Lexicon(
        speech=speech,
        clause_only=frozenset(clause_only),
        quote_only=frozenset(quote_only),
        clause_objects=frozenset(clause_objects),
        stance_prep_only=frozenset(stance - bare),
        triggers=frozenset(triggers),
        channel_patterns={k: tuple(v) for k, v in patterns.items()},
        cognition=lexicons.mapping("attribution_cognition"),
        cognition_objects=frozenset(r[0].lower() for r in lexicons.load("attribution_cognition") if "object" in r[2:]),
        stance=frozenset(stance),
        stance_preps={k: frozenset(v) for k, v in stance_preps.items()},
        nouns=lexicons.mapping("attribution_nouns"),
        evidential=lexicons.words("attribution_evidential"),
        report_adverbs=frozenset(reports["adverb"]),
        report_passives=frozenset(reports["passive"]),
        report_sources=frozenset(reports["source"]),
        report_spread=frozenset(reports["spread"]),
        denial_verbs=frozenset(denial["verb"]),
        dismissive=frozenset(dismissive),
        dismissive_phrases={k: frozenset(v) for k, v in dismissive_phrases.items()},
        denial_predicates=tuple(tuple(p.split()) for p in denial["predicate"]),
        flat_denials=tuple(tuple(p.split()) for p in denial["flat"]),
        rumour_words=frozenset(denial["rumour"]),
        denial_speakers=frozenset(denial["speaker"]),
        anonymous=lexicons.words("anonymous_sources"),
        self_phrases=lexicons.words("attribution_self"),
        outlet_names={k: v for k, v in outlets.items() if v in ("name", "ambiguous")},
        outlet_nouns=frozenset(k for k, v in outlets.items() if v == "noun"),
        outlet_words=frozenset(k for k, v in outlets.items() if v in ("masthead", "noun")),
    )


def verb_class(token: Token) -> str | None:
    """speech | cognition | stance | None for a verb token, by lemma (speech wins)."""
    lemma = token.lemma_.lower()
    lex = lexicon()
    if lemma in lex.speech:
        return "speech"
    if lemma in lex.cognition:
        return "cognition"
    if lemma in lex.stance:
        return "stance"
    return None


def is_speech_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lexicon().speech

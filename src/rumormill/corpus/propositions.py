"""Propositions worth following, and when two of them are the same claim: pure functions.

A claim thread follows one check-worthy proposition about named people or organisations (a
relationship, a pregnancy, a split, a deal, an arrest, a statement on record) across articles.
This module decides, from an article's Analysis alone, which of its claims state such a
proposition (`worth_following`), reduces each to what it is matched on (`Proposition`: the
people it is about, its content words with paraphrases folded, the event it names, its dates
and numbers), and scores two of them (`similarity`). No database: `threads` stores what these
functions decide.

Two claims are the same proposition when they are about the same people, name the same kind of
event (or neither names one), give no dates more than a month apart and no numbers that differ,
and say the rest in enough of the same words. A wrong match puts two claims in one thread and
lets one's confirmation settle the other, which is worse than two threads that stay open, so
every test here is a veto, and only what passes them all is scored by its words.

The headline is a proposition too: it is what the article says in its own voice, and the claim
extractor leaves it out when it opens the text (it repeats the body). An article whose text is
a headline alone (a feed item, a wire alert) has no other.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import numpy as np

from ..model import Analysis, Claim, Source, Span

MIN_CHECK_WORTHY = 0.5  # claims below this ("I almost killed my daughter") start no thread
MATCH = 0.65  # the cosine of two propositions' sentence embeddings that makes them one claim
# The cosine that does for two claims of full articles (`match`). On the four judged GossipCop
# sheets (quality/labels/), pairs of full-article claims that a reader judged one proposition were
# 18% of those at a cosine of 0.65-0.72, 35% at 0.76-0.80, 39% at 0.80-0.85 and 62% above 0.85:
# under 0.85 a join is more often wrong than right, whatever words the two share. Of the sheets'
# multi-article threads, 0.55 followed one proposition at 0.72, 0.78 at 0.85 and 0.86 at 0.88.
FULL_MATCH = 0.88
# The cosine that does where the joining claim is on record (`on_record`): a denial or a filing
# is framed in words of its own ("Her spokesperson has denied reports that ..."), and it is what
# settles a thread's status.
RECORD_MATCH = 0.8
LEXICAL_MATCH = 0.6  # the word similarity that does, where the embedding model is not installed
MAX_PER_ARTICLE = 3  # propositions an article follows at most: its headline and its strongest claims
CANDIDATE_CLAIMS = 4  # claims of an article embedded at most (the strongest), before restatements merge
EMBED_WORDS = 40  # words of a claim embedded: a proposition is said by then, and longer inputs cost more
REPRESENTATIVES = 16  # propositions a thread is matched by: the first and the next ones that joined it
CROWDED = 3  # threads about someone from which a claim about them must share its words too (`match`)
CROWDED_MATCH = 0.8  # the cosine that makes one claim about such a person without shared words
SHARED_TERMS = 2  # content words two claims about such a person share to be one claim under it
KEYED = ("person", "organisation", "work")  # what a proposition is about; places are too broad
MAX_HEADLINE_WORDS = 30
HEADLINE_ID = "headline"

# Platforms, agencies and outlets are where a claim was seen, not what it is about.
PLATFORMS = frozenset(
    "twitter instagram facebook youtube tiktok snapchat reddit x getty getty images reuters ap"
    " associated press afp splash news backgrid shutterstock".split(" ")
)
# A photo caption ("LOS ANGELES, CA - NOVEMBER 13: Jennifer Garner is seen ...", "Photo: Getty")
# describes a picture, not a claim anyone makes.
_CAPTION = re.compile(
    r"^[A-Z][A-Z .,'-]+ - [A-Z]+ \d{1,2}:|\b(?:Getty Images|Photo credit)\b|\b(?:Credit|Picture|Image):|"
    r"/ (?:AFP|Reuters)\b",
    re.I,
)
# What a photo shows ("is seen leaving", "pictured with", "wore a red dress", "opting for a pair of
# tiny specs") or a style verdict on it ("she nailed airport chic"): a description of a picture,
# not a proposition anyone could confirm or deny.
_PHOTO = re.compile(
    r"\b(?:(?:is|are|was|were) (?:seen|spotted|pictured|photographed)|pictured|"
    r"(?:seen|spotted) (?:here|leaving|arriving|out|outside|at|in|on|with|wearing|holding)|"
    r"(?:wore|wears|wearing|donned|dons|rocked|(?<!the )rocks|sported|sports|showed off|shows off|flaunted|flaunts|"
    r"posed|poses|posing|opting for|opted for|stepped out in|steps out in|teamed (?:it|her|the)|"
    r"paired (?:it|her|the)|clad in|dressed in) |"
    r"\bnailed (?:\w+ ){0,2}(?:chic|look|style|trend)\b|\bcut a (?:\w+ )?figure\b)",
    re.I,
)
# A headline that tells what someone wore or where they were seen is a photo story; what a
# picture shows off ("shows off her baby bump") may be news, and stays.
_WORE = re.compile(
    r"\b(?:wore|wears|wearing|donned|dons|rocked|(?<!the )rocks|sported|(?:clad|dressed|stepped out|steps out) in|"
    r"(?:is|are|was|were) seen|spotted|pictured|photographed)\b",
    re.I,
)
# Page furniture and embedded posts: subscription boxes, sharing prompts, a tweet's signature line
# ("— Kim (@KimKardashian) May 1, 2018"), links and handles.
_FURNITURE = re.compile(
    r"\b(?:subscribe|newsletter|sign up|click here|read more|follow us|advertisement|all rights reserved|cookies?|"
    r"privacy policy|terms of use|share this|watch the video|see the post|view this post|a post shared by|"
    r"pic\.twitter\.com|https?://|www\.)|@\w{2,}|#\w{2,}|\(@\w+\)|—\s*\w[\w .'-]*\(@",
    re.I,
)
# Service pieces and lists: a headline that promises a list, a guide, a review or a gallery
# ("Golden Globes 2018: the complete list of nominees", "15 Things Meghan Markle Can't Do", "How
# to Watch the Grammys Live Stream", "Film Review: 'Red Sparrow'", "Celebrity Couples Who ...")
# states nothing anyone could confirm or deny; the article may, and its claims are followed.
_SERVICE = re.compile(
    r"^(?:the\s+)?\d+\s+(?:[\w’'-]+\s+){0,3}?(?:things|ways|times|moments|photos|pics|looks|reasons|celebs|"
    r"celebrities|stars|facts|secrets|signs|questions|quotes|details|best|worst|cutest|biggest|most)\b|"
    r"\b(?:complete|full)\s+(?:winners\s+)?list\b|\bwinners(?:'|’)?\s+list\b|\blist of (?:nominees|winners)\b|"
    r"\ball the details\b|\beverything (?:you need|to know)\b|\bhow to (?:watch|stream|live ?stream)\b|"
    r"^(?:photos?|pics|gallery|review|film review|tv review|recap)\s*:|\breview:|"
    r"\blive (?:stream|blog|updates)\b|\bwhat you didn(?:'|’)t see\b|\bcameras missed\b|\bnew releases\b|"
    r"\bmemorable moments\b|\bbest (?:and worst )?dressed\b|\ball (?:you need|there is) to know\b|"
    r"\bthe real reason\b|\b(?:nominees|winners) and (?:nominees|winners)\b|\branking (?:the|every|all)\b|"
    r"\brundown\b|\bthe best and (?:the )?worst\b|\bbest (?:of|beauty|looks|moments)\b|"
    r"\bsweetest (?:quotes|moments)\b|^this (?:photo|picture|video|clip) of\b|\blive right here\b|"
    r"\bbest[- ](?:and[- ]worst[- ])?dressed\b|"
    r"^all the (?:ways|times|moments|things|reasons|celebrities|stars|celebs)\b|"
    r"^(?:\d+\s+)?(?:celebrit(?:y|ies)|celebs?|stars|couples|celebrity couples|famous \w+)\b[^:]{0,30}?\bwho\b|"
    r"\brecap\b|\bmaking sense of\b|\b(?:dating|relationship) (?:history|timeline)\b|\bups and downs\b|"
    r"^all of the (?:best|worst)\b|"
    r"\bthe way (?:they|we) were$|\bthrough the years$|\bthen and now$|"
    r"^(?:photos|pictures|pics|images) of\b|^[^:,|]{0,60}\b(?:photos|pictures|pics)\s*[,:|]",  # a gallery
    re.IGNORECASE,
)
# An explainer ("Why Katy Perry is relieved ...", "Kevin Hart's scandal, explained", "What Demi
# Lovato has said about sobriety", "Katie Holmes and Jamie Foxx: Why They Went Public Now", "How
# Kylie hid her pregnancy"): it presupposes a claim and tells something else about it (a reason, a
# feeling, a history), which no one could confirm or deny as that claim. Readers of the judged
# sheets (quality/labels/) took an explainer for the claim it explains 3 times in 13, so in a
# full article it follows no thread; a headline alone (a feed item) has nothing else, and joins
# the thread of the claim it presupposes without starting one.
_EXPLAINER = re.compile(r"^(?:why|what|how)\b|^[^:,]{3,50}:\s+(?:why|what|how)\b|,?\s+explained$", re.IGNORECASE)
# A question with a teaser after it ("Is she pregnant? New details ..."): it asks about a claim,
# so it may join that claim's thread (questioning it), but starts none.
_JOIN_ONLY = re.compile(r"^[^\"“‘'?]*\?\s+\S", re.IGNORECASE)
# A topic headline: someone's name, then "on" and what they talk about ("Corinne Olympios on
# Moving Past the Scandal", "Jennifer Aniston on Turning 50"; "Mila Kunis Talks Pregnancy, Divorce
# Rumors", "Chris Pratt finally speaks out on divorce", "... opens up about ..."): an interview's
# subject, not what was said in it (`_topic`). Where someone is ("on the set", "on leave") is no
# topic. Reactions to an event ("Kelly Ripa's former co-hosts react to her choice") are a topic
# too: what the event was is another claim.
_ON_TOPIC = re.compile(
    r"^(?P<name>[^:,;]{3,40}?)\s+(?:(?:finally|candidly|publicly|openly|now)\s+)?(?:on\s+"
    r"(?!(?:the\s+)?(?:set|tour|stage|vacation|holiday|honeymoon|trial|run|mend|rocks|leave|board|track|hold)\b)|"
    r"(?:opens?|opened) up (?:about|on)\s|(?:speaks?|spoke)(?: out)? (?:about|on)\s|talks?\s(?!to\b|with\b)|"
    r"addresses\s|gets? (?:candid|real|honest) (?:about|on)\s|reflects? on\s|dishes (?:about|on)\s|"
    r"breaks? (?:her|his|their) silence (?:about|on)\s)",
    re.IGNORECASE,
)
_REACTIONS = re.compile(r"\breact(?:s|ed|ing)? to\b|\breactions? to\b", re.IGNORECASE)
# A headline that tells how someone feels or looks ("Tom Cruise Feels 'Betrayed' By ...", "Caitlyn
# Jenner is 'disappointed' at ...", "Prince George Looks Adorably Nervous", and in headline
# English without the verb, "Chris Brown Hurt Over ..."): a state of mind, in scare quotes, after
# a verb of feeling or before what caused it, that no one could confirm; it may join the thread of
# the event it is about (`_STATE_OF_MIND` names the feelings).
_FEELS = re.compile(
    r"\b(?:feels?|felt|feeling|is|are|was|were|looks?|seems?|gets?)\s+(?:so\s+|really\s+|very\s+|adorably\s+)?"
    r"[\"“‘']?(?=\w)|[\"“‘'](?=\w)",
    re.IGNORECASE,
)
_FEELING_OVER = re.compile(
    r"\b(?:hurt|upset|devastated|heartbroken|furious|livid|jealous|worried|thrilled|angry|fuming|shocked|"
    r"embarrassed|humiliated|disappointed|saddened|betrayed|gutted|crushed|miserable|terrified|scared|nervous|"
    r"anxious|relieved)\s+(?:over|at|about)\b|"
    r"\b(?:upset|devastated|heartbroken|shocked|embarrassed|humiliated|disappointed|saddened|betrayed|crushed)\s+by\b",
    re.IGNORECASE,
)
# A state of mind ("is said to be in a panic", "it reportedly upset his wife", "Kylie is hit with
# loneliness", an insider says): what someone feels, told by no one named, is nothing anyone could
# confirm or deny; the same feeling on record, or an event told anonymously, is followed.
_STATE_OF_MIND = re.compile(
    r"\b(?:upset|panic\w*|hurt|happ(?:y|ier|iest)|lonel\w+|furious|devastated|heartbroken|thrilled|jealous|"
    r"worried|terrified|blown away|obsessed|in love|miserable|frustrated|annoyed|angry|livid|embarrassed|"
    r"humiliated|scared|nervous|anxious|relieved|overjoyed|ecstatic|gutted|crushed|desperate|torn|conflicted|"
    r"no longer clear|(?:doesn|didn)(?:'|’)t know what|over the moon|on cloud nine|living (?:in )?(?:a )?hell|excited|"
    r"pissed|laughing at|shocked|in shock|fuming|seething|delighted|smitten|head over heels|unhappy|not happy|"
    r"disappointed|saddened|exhausted|stressed|overwhelmed|betrayed|determined|difficult|hard for|wants?|"
    r"wish(?:es)?|dreams? of|hopes? to|crush|hesitant|reluctant|wary|s[ck]eptical|uneasy|insecure|"
    r"not ready)\b",
    re.IGNORECASE,
)
# An inner life that the states of mind above do not name: a wish held for years ("Jen has wanted
# a baby for years"), a perception ("she saw how all eyes were on Meghan"), a resolve ("McEntire
# resolved not to depend on Music Row"), a regret or a change of heart ("He's come to realize that
# leaving Jen was one of the biggest mistakes of his life"), a long look ("has had his eye on her").
# Only what they say of themselves is on record.
_INNER = re.compile(
    r"\b(?:has|had|have|always) (?:long |always )?(?:wanted|longed|yearned|dreamed|dreamt)\b|"
    r"\b(?:saw|sees|see|noticed|notices|realis(?:ed|es)|realiz(?:ed|es)|sensed|senses) (?:how|that)\b|"
    r"\bresolved (?:not )?to\b|"
    r"\bcome to (?:realis|realiz|understand|accept|regret|appreciate|terms with)\w*|"
    r"\bregret(?:s|ted|ting)?\b|\bbiggest mistakes?\b|\b(?:had|has|have|got) (?:his|her|their) eyes? on\b",
    re.IGNORECASE,
)
# An assessment of a bond rather than an event in it: how strong or fast a relationship is ("their
# relationship is as strong as ever", "has been on the fast track"), a fondness ("has always had a
# soft spot for Jennifer"), what two people bonded over, whom someone avoids, how large a part of a
# life someone is or how private they keep it. Told by an insider or an outlet, it is a reading of
# people's private lives that no one could confirm or deny; a split, a date or a ring is an event.
_ASSESSMENT = re.compile(
    r"\b(?:relationship|romance|marriage|friendship|bond|love)\b[^.;]{0,30}?\b(?:is|are|has been|have been|was|"
    r"were|seems?|remains?|looks?|stays?)\s+(?:still\s+|only\s+|just\s+)?"
    r"(?:(?:as|so) (?:strong|solid|close|good) as ever|"
    r"stronger than ever|better than ever|going strong|rock[- ]solid|on the fast track|moving (?:so |really )?fast|"
    r"getting (?:more )?serious|(?:very |really |so )?(?:strong|solid|serious|intense))\b|"
    r"\bsoft spot for\b|\bbonded (?:over|about)\b|\b(?:tries|try|trying|tried) (?:to|hard to) (?:stay away|avoid)\b|"
    r"\b(?:a )?(?:big|huge|major|important) part of (?:his|her|their) li(?:fe|ves)\b|"
    r"\bkept (?:their|her|his) (?:private life|relationship|romance|love life) (?:private|low[- ]key|quiet)\b",
    re.IGNORECASE,
)
# An outlet's caveat on a rumour ("It's all simply speculation—no confirmation has come from Gomez,
# Theroux or either of their reps"): what it says is the rumour's standing, not a claim of its own.
# Only a claim that opens with the caveat: "Kim is expecting, though there has been no
# confirmation" is the rumour itself, passed on.
_CAVEAT = re.compile(
    r"^(?:but\s+|still,?\s+|for now,?\s+|of course,?\s+|so far,?\s+|however,?\s+)?(?:(?:it(?:'|’)s|it is|"
    r"this is|that(?:'|’)s|that is|everything is)\s+(?:all\s+)?(?:(?:just|simply|pure|only|mere|merely|still)\s+)*"
    r"(?:speculation|rumou?rs?|hearsay|gossip|conjecture)\b|(?:there(?:'|’)s |there has been |there is )?"
    r"no confirmation\b)",
    re.IGNORECASE,
)
# Who tells a state of mind without being on record: an unnamed source, unnamed reports, an
# outlet passing it on, or the article's own voice ("even as she emerged ..., McEntire resolved").
_UNNAMED = frozenset({"anonymous", "reports"})
_OFF_RECORD = _UNNAMED | {"outlet", "none"}
# A label before a headline ("WATCH: Bella Thorne opens up about ..."): the rest is the headline.
_LABEL = re.compile(r"^(?:watch|video|exclusive|breaking|update[d]?)\s*:\s*", re.IGNORECASE)
# Feelings and opinions: what someone feels or thinks of something, not a checkable event.
_FEELING = re.compile(
    r"\b(?:i|me|my|we|our|you|your)\b|\b(?:love[sd]?|loving|hate[sd]?|feel(?:s|ing)?|felt|happy|sad|excited|proud|"
    r"grateful|blessed|amazing|beautiful|gorgeous|stunning|awesome|incredible|hope[sd]?|wish(?:es|ed)?|think[s]?|"
    r"believe[sd]?)\b",
    re.I,
)


@lru_cache(maxsize=1)
def _not_topics() -> frozenset[str]:
    """Names that are a channel or an outlet, not a topic."""
    from ..analyze import lexicons

    outlets = {row[0] for row in lexicons.load("attribution_outlets") if len(row) > 1 and row[1] == "name"}
    return PLATFORMS | frozenset(outlets)


# Paraphrases folded into one term, so that "split" matches "separated" and "living apart". The
# folded terms that are events (EVENTS) must agree between two claims of one thread.
_FOLD = {
    "split": "separate",
    "splitting": "separate",
    "separated": "separate",
    "separating": "separate",
    "separation": "separate",
    "apart": "separate",
    "breakup": "separate",
    "broke": "separate",
    "divorce": "divorce",
    "divorcing": "divorce",
    "divorced": "divorce",
    "divorces": "divorce",
    "wed": "marry",
    "wedding": "marry",
    "married": "marry",
    "marry": "marry",
    "marries": "marry",
    "marrying": "marry",
    "marriage": "marry",
    "engaged": "engage",
    "engagement": "engage",
    "proposed": "engage",
    "pregnant": "pregnant",
    "pregnancy": "pregnant",
    "expecting": "pregnant",
    "baby": "pregnant",
    "welcomed": "birth",
    "welcomes": "birth",
    "welcoming": "birth",
    "birth": "birth",
    "newborn": "birth",
    "dating": "date",
    "romance": "date",
    "relationship": "date",
    "died": "die",
    "dead": "die",
    "death": "die",
    "dies": "die",
    "killed": "die",
    "arrested": "arrest",
    "arrest": "arrest",
    "arrests": "arrest",
    "charged": "arrest",
    "jailed": "arrest",
    "sued": "sue",
    "sues": "sue",
    "suing": "sue",
    "lawsuit": "sue",
    "fired": "fire",
    "sacked": "fire",
    "quit": "quit",
    "quits": "quit",
    "resigned": "quit",
    "resigns": "quit",
    "deal": "deal",
    "signed": "deal",
    "signs": "deal",
    "contract": "deal",
    "bought": "buy",
    "buys": "buy",
    "buy": "buy",
    "acquire": "buy",
    "acquired": "buy",
    "acquisition": "buy",
    "cast": "cast",
    "play": "cast",
    "plays": "cast",
    "playing": "cast",
    "role": "cast",
}
EVENTS = frozenset(_FOLD.values())
# Words that carry how a claim is said, not what it says.
_DROP = set(
    "reportedly allegedly apparently rumoured rumored rumour rumor rumours rumors said says say claim claims claimed"
    " thought believed report reports reported source sources insider insiders according told confirmed confirms"
    " denied deny denies false true not never completely really just hoax fake untrue new news"
    " husband wife boyfriend girlfriend couple pair duo".split()
)
# Times are matched as dates, not as words.
_DROP |= set(
    "january february march april may june july august september october november december"
    " monday tuesday wednesday thursday friday saturday sunday today yesterday week month year years ago".split()
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NUMBER = re.compile(r"\b(\d[\d,]*(?:\.\d+)?)\s*(m|bn|k|million|billion|thousand)?\b", re.I)
_SCALE = {"m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9, "k": 1e3, "thousand": 1e3}


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """Stop words and role nouns ("singer", "spokesperson"): how people are named, not what
    is said of them."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from ..analyze.entities._lexicon import lexicon

    roles = {r for r in lexicon().roles if " " not in r} - set(_FOLD)
    return (frozenset(STOP_WORDS) | frozenset(roles) | {"pop"}) - {"no", "not", "never"}


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    return [w.split("'")[0] for w in _WORD.findall(text.lower().replace("’", "'"))]


def terms(text: str, names: list[str] = ()) -> list[str]:
    """The content words of a claim: no names, no stop or reporting words; paraphrases folded."""
    name_words = {w for n in names for w in _WORD.findall(n.lower())}
    stop = _stop_words()
    out = []
    for word in words(text):
        if word in name_words or word in stop or word in _DROP or len(word) < 2 or word.isdigit():
            continue
        out.append(_FOLD.get(word, _stem(word)))
    return list(dict.fromkeys(out))


def numbers(text: str) -> list[str]:
    """The quantities a claim names ("19M", "24 million", "100,000"), normalised, years left out."""
    out = []
    for match in _NUMBER.finditer(text):
        digits, unit = match.group(1).replace(",", ""), (match.group(2) or "").lower()
        if not unit and re.fullmatch(r"(?:19|20)\d\d", digits):
            continue  # a year is a date, matched as one
        out.append(f"{float(digits) * _SCALE.get(unit, 1):g}")
    return list(dict.fromkeys(out))


@dataclass
class Proposition:
    """What a claim is matched on: the people it is about, its words, dates, numbers and meaning."""

    terms: list[str]
    names: list[str]  # the entity names it is about, lowercased full names
    dates: list[str] = field(default_factory=list)  # its resolved day-precision dates
    numbers: list[str] = field(default_factory=list)  # the quantities it names, normalised
    said: list[str] = field(default_factory=list)  # every word it writes, names included
    vector: np.ndarray | None = None  # its sentence embedding (unit length), where the model is installed
    full: bool = False  # from a full article (`full_article`), not a text that is a headline alone

    @property
    def events(self) -> set[str]:
        return set(self.terms) & EVENTS

    def to_dict(self) -> dict:
        data = {"terms": self.terms, "names": self.names, "dates": self.dates}
        if self.numbers:
            data["numbers"] = self.numbers
        if self.said:
            data["said"] = self.said
        if self.full:
            data["full"] = True
        if self.vector is not None:
            data["vector"] = base64.b64encode(self.vector.astype("<f2").tobytes()).decode("ascii")
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Proposition:
        vector = None
        if data.get("vector"):
            vector = np.frombuffer(base64.b64decode(data["vector"]), dtype="<f2").astype(np.float32)
        return cls(
            data.get("terms", []),
            data.get("names", []),
            data.get("dates", []),
            data.get("numbers", []),
            data.get("said", []),
            vector,
            bool(data.get("full")),
        )

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Proposition:
        return cls.from_dict(json.loads(text))


def dump_representatives(props: list[Proposition]) -> str:
    """A thread's matching features: the propositions it is matched by, as JSON."""
    return json.dumps([p.to_dict() for p in props[:REPRESENTATIVES]], ensure_ascii=False)


def load_representatives(text: str) -> list[Proposition]:
    """The propositions a thread is matched by (a row written before there were several holds one)."""
    data = json.loads(text or "[]")
    return [Proposition.from_dict(d) for d in (data if isinstance(data, list) else [data])]


def worth_following(claim: Claim) -> bool:
    """Whether a claim states something a fact-checker could follow: check-worthy, and not a
    photo's description, page furniture, an embedded post, a reaction to an event, a feeling in a
    quote, a feeling, wish or perception or an assessment of a bond that no one on record tells,
    or an outlet's caveat on a rumour."""
    text = claim.text
    if claim.check_worthy < MIN_CHECK_WORTHY or text.rstrip().endswith("?"):
        return False
    if _CAPTION.search(text) or _PHOTO.search(text) or _FURNITURE.search(text):
        return False
    if _REACTIONS.search(text):
        return False  # "her former co-hosts took to social media to react to the news": the news is another claim
    if claim.quote is not None and _FEELING.search(text):
        return False  # "I'm so happy for them": how the speaker feels, not what happened
    if claim.source.kind in _UNNAMED and _STATE_OF_MIND.search(text):
        return False  # "Brad is said to be in a panic": a feeling no one named vouches for
    if claim.source.kind in _OFF_RECORD and _INNER.search(text):
        return False  # "Jen has wanted a baby for years", a friend tells: nothing on record
    if claim.source.kind in _OFF_RECORD and _ASSESSMENT.search(text):
        return False  # "their relationship is as strong as ever": a reading of a bond, not an event
    if _CAVEAT.search(text):
        return False  # "It's all simply speculation": the rumour's standing, not a claim
    return len(words(text)) >= 4


def starts_thread(claim: Claim) -> bool:
    """Whether a claim may start a thread of its own: every claim worth following may, but a
    headline that asks about a claim (`_JOIN_ONLY`), and, where the headline is all an article
    has (a feed item), one that explains or tells a feeling (`_EXPLAINER`, `_feels`: a full
    article's follows no thread), only joins the thread of what it is about."""
    text = claim.text
    return not (claim.id == HEADLINE_ID and (_JOIN_ONLY.search(text) or _EXPLAINER.search(text) or _feels(text)))


def _feels(text: str) -> bool:
    """Whether a headline tells a state of mind (`_FEELS`): a feeling word right after a verb of
    feeling or a scare quote, or before what caused it (`_FEELING_OVER`)."""
    return bool(_FEELING_OVER.search(text)) or any(_STATE_OF_MIND.match(text, m.end()) for m in _FEELS.finditer(text))


def headline(analysis: Analysis) -> Claim | None:
    """The article's headline as a claim in its own voice: the title, or a short first paragraph
    without a sentence end (a text that is a headline, or opens with one), about the entities it
    names. None when it is too short to say anything, a question, furniture, or a service piece (a
    list, a guide, a review, a gallery: `_SERVICE`), or a topic (`_topic`, `_REACTIONS`)."""
    article = analysis.article
    text, span = article.title, Span(start=0, end=0, text="")
    if not text:
        first = article.text.strip().split("\n", 1)[0].strip()
        if not first or first[-1] in ".!?\"”'" or len(words(first)) > MAX_HEADLINE_WORDS:
            return None
        start = article.text.index(first)
        text, span = first, Span.of(article.text, start, start + len(first))
    text = re.sub(r"\s+[|–—-]\s+[^|–—-]{2,40}$", "", text).strip()  # " | Outlet Name"
    text = _LABEL.sub("", text)
    if len(words(text)) < 4 or text.endswith("?") or _FURNITURE.search(text) or _CAPTION.search(text):
        return None
    if _WORE.search(text):
        return None  # "Perrie Edwards wears Gigi Hadid's sunglasses after Zayn Malik split": a photo story
    if _ASSESSMENT.search(text) or _CAVEAT.search(text):
        return None  # "Kate and Meghan bonded over the men they married": the outlet's reading of a bond
    if _SERVICE.search(text) or _REACTIONS.search(text) or _topic(text, analysis):
        return None
    if full_article(analysis) and (_EXPLAINER.search(text) or _feels(text)):
        return None  # a reason or a feeling about a claim: what it presupposes is another's claim
    lowered = f" {' '.join(words(text))} "
    about = [
        e.id
        for e in analysis.entities
        if any(f" {' '.join(words(n))} " in lowered for n in (e.name, *e.aliases) if len(n) >= 3)
    ]
    source = Source(kind="none")
    return Claim(id=HEADLINE_ID, span=span, text=text, about=about, source=source, check_worthy=MIN_CHECK_WORTHY)


def _topic(text: str, analysis: Analysis) -> bool:
    """Whether a headline is someone's name, then "on" and a topic (`_ON_TOPIC`): what comes
    before "on" is the whole name of a person the article names, or of an organisation that its
    body names too (the recogniser often takes a person in a title for one, and in a title-case
    headline alone any run of words for one: "Hidden Diagnostic Port on Apple Watch ...")."""
    match = _ON_TOPIC.match(text)
    if match is None:
        return False
    name = " ".join(words(match.group("name")))
    body = f" {' '.join(words(analysis.article.text))} " if full_article(analysis) else ""
    for e in analysis.entities:
        if name not in {" ".join(words(n)) for n in (e.name, *e.aliases)}:
            continue
        if e.kind == "person" or (e.kind == "organisation" and f" {name} " in body):
            return True
    return _split_name(name.split(), analysis)


def _split_name(parts: list[str], analysis: Analysis) -> bool:
    """Whether a name of two or three words is one the recogniser split ("Chris" a person and
    "Pratt" a place): its first word is a person's name and each of its words some entity's."""
    if not 2 <= len(parts) <= 3:
        return False
    named = {" ".join(words(n)): e.kind for e in analysis.entities for n in (e.name, *e.aliases)}
    return named.get(parts[0]) == "person" and all(p in named for p in parts[1:])


def proposition(analysis: Analysis, claim: Claim, vector: np.ndarray | None = None) -> Proposition | None:
    """A claim's proposition, or None when it is about no named person, organisation or work.

    The headline is the exception: the recogniser often finds no name in a headline written in
    title case ("Wildest Apple Watch Rumor Yet"), and the headline is what the article is about,
    so it is a proposition with or without names; its embedding and vetoes then carry the match."""
    about = [analysis.entity(e) for e in claim.about]
    if claim.id != HEADLINE_ID and _unresolved_subject(claim.text, about):
        return None
    names = list(
        dict.fromkeys(
            e.name.lower() for e in about if e is not None and e.kind in KEYED and e.name.lower() not in _not_topics()
        )
    )
    if not names and claim.id != HEADLINE_ID:
        return None
    words_ = terms(claim.text, [n for e in about if e is not None for n in (e.name, *e.aliases)])
    if not words_:
        return None
    dates = []
    for time_id in claim.times:
        time = analysis.time(time_id)
        if time is not None and time.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", time.value):
            dates.append(time.value)
    said = sorted({w for w in words(claim.text) if len(w) > 2})
    return Proposition(words_, names, dates, numbers(claim.text), said, vector, full_article(analysis))


# A claim that opens with a pronoun for its subject ("He lost out to James Franco in The Disaster
# Artist"): what it is about is whoever the pronoun stands for.
_PRONOUN_SUBJECT = re.compile(r"^(?:he|she|they)(?:\b|['’])", re.IGNORECASE)


def _unresolved_subject(text: str, about: list) -> bool:
    """Whether a claim's subject is a pronoun that the analysis left unresolved: it opens with
    one, and everyone it is found to be about is named in its own words. Matched on the names
    it does give, it would join whatever else those people did ("He lost out to James Franco"
    of Ansel Elgort and of Steve Carell)."""
    if not _PRONOUN_SUBJECT.match(text.lstrip()):
        return False
    said = set(words(text))
    for entity in about:
        if entity is None:
            continue
        forms = [entity.name, *entity.aliases]
        if not any(set(words(f)) and set(words(f)) <= said for f in forms):
            return False  # someone not named here: the pronoun was resolved to them
    return True


def full_article(analysis: Analysis) -> bool:
    """Whether the article has a body: a title and a text, or a text of more than one paragraph.
    A text that is a headline alone (a feed item, a list of headlines) is not one."""
    article = analysis.article
    text = article.text.strip()
    return bool(text) and (bool(article.title) or "\n" in text)


def keys(p: Proposition) -> list[str]:
    """The blocking keys a proposition's candidate threads are found by: its full names (what
    an entity's page lists threads by), and each name word and content word, prefixed, so that a
    headline whose names the recogniser cut short ("Joan Rivers Medical Crisis") still meets
    the thread of "Joan Rivers"."""
    stop = _stop_words()
    name_words = {f"w:{w}" for n in p.names for w in words(n) if w not in stop and len(w) > 2}
    return list(dict.fromkeys([*p.names, *sorted(name_words), *(f"t:{t}" for t in p.terms)]))


def article_propositions(analysis: Analysis, encode=None) -> list[tuple[Claim, Proposition]]:
    """The propositions an article follows, the most central first: its headline, then its
    claims worth following by check-worthiness. A claim that restates one kept before it (the
    lead repeating the headline) is the same occurrence and is left out; at most
    MAX_PER_ARTICLE are kept. `encode(texts) -> unit vectors` adds sentence embeddings, and
    with them, in a full article, the learned model of checkable claims (`checkable`) drops
    what it judges no checkable claim."""
    claims = [c for c in analysis.claims if worth_following(c)]
    claims.sort(key=lambda c: (-c.check_worthy, c.span.start))
    top = headline(analysis)
    ordered = ([top] if top is not None else []) + claims[:CANDIDATE_CLAIMS]
    found = [(c, p) for c in ordered if (p := proposition(analysis, c)) is not None]
    if encode is not None and found:
        vectors = encode([" ".join(c.text.split()[:EMBED_WORDS]) for c, _ in found])
        for (_, p), v in zip(found, vectors, strict=True):
            p.vector = np.asarray(v, dtype=np.float32)
        if full_article(analysis):
            found = [f for f, ok in zip(found, _checkable(np.asarray(vectors)), strict=True) if ok]
    kept: list[tuple[Claim, Proposition]] = []
    said: list[list[Proposition]] = []  # each kept proposition and its restatements
    for claim, p in found:
        same = next((i for i, group in enumerate(said) if any(match(p, q, same_article=True) for q in group)), None)
        if same is None:
            kept.append((claim, p))
            said.append([p])
            continue
        said[same].append(p)
        if backing(claim, p) > backing(*kept[same]):
            kept[same] = (claim, p)  # the better-backed restatement is the occurrence
    return kept[:MAX_PER_ARTICLE]


def _checkable(vectors: np.ndarray) -> np.ndarray:
    """Which claims the learned model of checkable claims keeps (`checkable`; all of them
    when the setting `checkable_model` is off)."""
    from .. import settings
    from . import checkable

    path = settings.get("checkable_model")
    if path == "off":
        return np.ones(len(vectors), dtype=bool)
    return checkable.checkable(vectors, path)


_SPOKESPERSON = re.compile(r"\b(spokes(?:wo)?man|spokesperson|representative|rep|publicist|lawyer|attorney)\b", re.I)


def backing(claim: Claim, p: Proposition) -> tuple:
    """How strongly a claim is backed, to choose among one article's restatements of one
    proposition: a principal on record (someone it is about, or who speaks for them), then the
    source kind's rank ("a source" beats the headline's bare voice)."""
    from ..source_kinds import info

    name = (claim.source.name or "").lower()
    principal = bool(name) and (
        any(name == n or name in n.split() or n in name for n in p.names) or bool(_SPOKESPERSON.search(name))
    )
    return (principal, info(claim.source.kind).rank)


_DOCUMENT = re.compile(r"\b(filing|court (?:documents|papers|records)|documents|lawsuit|complaint|petition)\b", re.I)


def on_record(claim: Claim, p: Proposition) -> bool:
    """Whether a claim is on record in the way that settles a thread: given by a statement, a
    filing or a representative ("the filing says", "court documents show", "her spokesperson
    said"), or denied by someone it is about. A person's own assertion is not enough here: two
    people asked about one scandal say different things in the same words."""
    name = claim.source.name or ""
    if claim.source.channel in ("statement", "filing") or _DOCUMENT.search(name) or _SPOKESPERSON.search(name):
        return True
    return claim.certainty == "denied" and backing(claim, p)[0]


def _mentions(a: Proposition, b: Proposition) -> bool:
    """Whether one of a's people is written in b: all the words of a full name, or a surname."""
    stop = _stop_words()
    written = set(b.said) | {w for n in b.names for w in words(n)}
    for name in a.names:
        parts = [w for w in words(name) if w not in stop and len(w) > 2]
        if parts and all(w in written for w in parts):
            return True
        if parts and len(parts[-1]) >= 4 and parts[-1] in written and not _relative_in(parts, b):
            return True
    return False


def _relative_in(parts: list[str], b: Proposition) -> bool:
    """Whether b names another person of the family of `parts` (a full name's words): the same
    surname after another first name. Then the surname in b is theirs ("Kourtney Kardashian"
    in b is not "Khloe Kardashian" of a)."""
    stop = _stop_words()
    for n in b.names:
        other = [w for w in words(n) if w not in stop and len(w) > 2]
        if len(other) > 1 and other[-1] == parts[-1] and other[0] != parts[0]:
            return True
    return False


# Events that are one claim each: two claims naming different ones of these are two claims.
CORE_EVENTS = frozenset("separate divorce marry engage pregnant birth date die arrest sue fire quit".split())


def vetoed(a: Proposition, b: Proposition) -> bool:
    """Whether two propositions cannot be one claim, whatever their words: different people
    (both name someone, and neither names the other's), different events of a person's life
    (a pregnancy is not an engagement), dates more than a month apart, or different numbers."""
    if a.names and b.names and not (_mentions(a, b) or _mentions(b, a)):
        return True
    if a.dates and b.dates and not _dates_close(a.dates, b.dates):
        return True
    if a.numbers and b.numbers and not set(a.numbers) & set(b.numbers):
        return True
    ea, eb = _core_events(a), _core_events(b)
    return bool(ea and eb and not ea & eb)


def _core_events(p: Proposition) -> set[str]:
    """The life events a proposition names; a birth names its baby, and is no pregnancy claim."""
    events = p.events & CORE_EVENTS
    return events - {"pregnant"} if "birth" in events else events


def similarity(a: Proposition, b: Proposition) -> float:
    """0..1: how surely two claims state the same proposition. Zero when a veto says they
    cannot; else the cosine of their sentence embeddings, or, without embeddings, their words."""
    if vetoed(a, b):
        return 0.0
    if a.vector is not None and b.vector is not None and a.vector.shape == b.vector.shape:
        return max(0.0, float(a.vector @ b.vector))
    return lexical_similarity(a, b)


def crowded(p: Proposition, threads: list[list[Proposition]]) -> bool:
    """Whether the people `p` is about have CROWDED threads or more among `threads` (each given
    by its representatives, the first first): someone covered so often that sharing the people
    says little about sharing the claim."""
    if not p.names:
        return False
    names = set(p.names)
    return sum(1 for reps in threads if reps and names & set(reps[0].names)) >= CROWDED


def match(
    a: Proposition, b: Proposition, crowded: bool = False, *, same_article: bool = False, record: bool = False
) -> float:
    """The similarity when it makes the two one claim, else 0.

    A cosine of MATCH makes one claim of two headlines that are all their articles say (a feed
    item, a list of headlines): their writers paraphrase one rumour in few shared words. Claims
    about people who already have CROWDED threads (`crowded`) need more: such articles hold many
    claims about the same people, and the embeddings of two claims about someone stay close
    whatever the claims say, so under CROWDED_MATCH the two must also share SHARED_TERMS of their
    content words (names left out) and both or neither name a life event (CORE_EVENTS):
    "Khloe Kardashian calls out a contestant" is neither "... helps a participant come out" (no
    shared words) nor "... fires a contestant" (a firing).

    Two claims of full articles (`full_article`) need a cosine of FULL_MATCH, and must name a
    life event both or neither: the sentences of one story stay close whatever happened in it
    (the nominations, then the wins; "due in a few months", then the birth; "World's Ugliest Dog
    title goes to Zsa Zsa" is not "Zsa Zsa dies"), and a thread that joins two turns of a story
    tells a reader that one claim spread when two were made. A claim on record (`record`: see
    `on_record`) joins at RECORD_MATCH. Two claims of one article (`same_article`: a lead that
    restates the headline) need MATCH only."""
    score = similarity(a, b)
    if a.vector is None or b.vector is None:
        return score if score >= LEXICAL_MATCH else 0.0
    if a.full and b.full and not same_article:
        if bool(a.events & CORE_EVENTS) != bool(b.events & CORE_EVENTS):
            return 0.0
        return score if score >= (RECORD_MATCH if record else FULL_MATCH) else 0.0
    if crowded and score < CROWDED_MATCH:
        if len(set(a.terms) & set(b.terms)) < SHARED_TERMS:
            return 0.0
        if bool(a.events & CORE_EVENTS) != bool(b.events & CORE_EVENTS):
            return 0.0
    return score if score >= MATCH else 0.0


def lexical_similarity(a: Proposition, b: Proposition) -> float:
    """0..1 from the words alone: the same people and enough of the same content words."""
    shared_names = set(a.names) & set(b.names)
    if not shared_names:
        return 0.0
    ta, tb = set(a.terms), set(b.terms)
    if not ta or not tb:
        return 0.0
    shared = len(ta & tb)
    if shared == 0 or (shared == 1 and not (ta & tb) & EVENTS):
        return 0.0  # one shared word is enough only when it is the event itself ("split")
    # Dice, softened by the overlap coefficient: a short claim ("they split in March") can say
    # the same as a long one without repeating all its words
    words_ = (2 * shared / (len(ta) + len(tb)) + shared / min(len(ta), len(tb))) / 2
    names = len(shared_names) / len(set(a.names) | set(b.names))
    return 0.75 * words_ + 0.25 * names


def _dates_close(a: list[str], b: list[str]) -> bool:
    return any(abs((date.fromisoformat(x) - date.fromisoformat(y)).days) <= 31 for x in a for y in b)

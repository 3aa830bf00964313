"""Attribution structures: who (source) says (cue) what (content), shared by quotes and claims.

    >>> doc = nlp()("A source claims Kanye has been in Wyoming for a year.")
    >>> [(a.kind, doc[a.cue[0]:a.cue[1]].text) for a in find_attributions(doc[:], set())]
    [('speech', 'claims')]

An `Attribution` holds token ranges (`[start, end)` into the Doc) for its cue, source and
content, plus what the source is and how firmly the content is put. The structures, tried on
every token of a sentence, are:

  1. speech, belief and stance verbs with their subject ("Kanye claimed ...", "a poll shows
     ...", "Cruz endorsed Trump"), lexicons `speech_verbs`, `attribution_cognition`,
     `attribution_stance`;
  2. "according to X" (X is the source);
  3. reportative adverbs ("reportedly", "allegedly"): unattributed reporting;
  4. reportative passives ("X is said to ...", "it is understood that ..."): spaCy makes the
     verb the ROOT and X its nsubjpass, so X is the content's subject, never the source;
  5. nouns with a clause ("reports that ...", "his claim that ...");
  6. evidential verbs ("Kim appeared upset"): the writer's inference, no source;
  7. headline colons ("Graham: Trump's rhetoric destroying GOP"): a short name, a colon, a
     statement.

Attributions nest: "he said she thinks X" is one attribution (said) whose content holds the
other; PolNeAR gives each token one role, so a cue inside another's complement is dropped. A
cue in an adverbial or coordinated clause ("..., while Y is thought to ...") is kept and its
clause is cut out of the other's content.

The package follows those steps: `lexicon` (the cue words, read once), `tree` (helpers over
the parse), `sources` (who: the source's words and kind, `make_source`), `channels` (where:
tweet, interview, statement), `contents` (what: a cue's complement, denial by content) and
`finders` (the structures above and the choice between them, `find_attributions`).

Limits: one sentence at a time (a cue in one sentence for content in the next is the quote
finder's business); no ellipsis ("So does Kim."); a cue verb with no content is ignored.
"""

from __future__ import annotations

from .channels import channel_of
from .contents import cue_start, predicate_denies
from .finders import Attribution, colon_speaker, find_attributions, not_a_claim
from .lexicon import is_speech_verb, lexicon, verb_class
from .sources import PUBLISHED_NOUNS, classify_source, make_source, outlet_match, source_words, subject_of
from .tree import trim

__all__ = [
    "Attribution",
    "PUBLISHED_NOUNS",
    "channel_of",
    "classify_source",
    "colon_speaker",
    "cue_start",
    "find_attributions",
    "is_speech_verb",
    "lexicon",
    "make_source",
    "not_a_claim",
    "outlet_match",
    "predicate_denies",
    "source_words",
    "subject_of",
    "trim",
    "verb_class",
]

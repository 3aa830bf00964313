"""Time expressions, resolved to ISO 8601 / TimeML values.

    >>> import rumormill
    >>> analysis = rumormill.analyze("The pair wed in 2014 and split last week.", published="2020-07-31")
    >>> [(t.span.text, t.value, t.kind) for t in analysis.times]
    [('2014', '2014', 'date'), ('last week', '2020-W30', 'date')]

How a time is found and read (TimeML conventions, as in the TempEval-3 data):

1. Rules: regular expressions built once from `lexicons/times.txt` find candidate spans
   ("July 20", "the past two months", "every five weeks", "now").
2. The parse checks what a pattern cannot: a bare month needs a date cue ("in May", not the
   verb "may"), a year must not count things ("2000 people"), "current" must be an
   adjective, a word prose writes in lower case must not be capitalised mid-sentence ("USA
   Today", "Entertainment Tonight" are names). Ages never match: no rule reads a bare
   number, and "43-year-old" is refused.
3. Overlapping candidates go to the longest. Modifiers join the span ("early", "the end of",
   "nearly"); a preposition stays outside it but gives `mod` ("since" -> "interval_start").
4. Values are resolved against the anchor, the publication date: shifted units ("last
   year"), deictics ("yesterday") and underspecified dates ("Friday", "July 20") take the
   instance the clause's tense points to (past tense: on or before the anchor).
5. spaCy DATE/TIME entities that no rule read, if they name a month or weekday, go to
   dateparser (cached) as a last resort.
6. Anaphoric forms ("the following year", "a year earlier", "that day", "the same month")
   are counted from the last date mentioned in the paragraph or the previous sentence, as
   TimeML annotates them; deictic ones ("next year", "last week", "yesterday") keep the anchor.

The rules run only in windows around anchor words (a digit, a month, a unit, "now"), so the
stage costs about 2% of spaCy's own time on news text.

Limits: an anaphoric time with no date before it in reach falls back to the publication
date, and the reference is the nearest date, not the one the clause is about ("said Friday
... a year earlier" skips days counted from today, but not every such mismatch); slashed dates are read month first
(7/20/2020), dotted ones day first (20.07.2020); "the year" and "the day" alone are left out.

The modules, in the order a text meets them:

- `stage`: `find_times` and `time_at`, the pipeline stage on a `Context`;
  `anchors`: `anchor_quoted_times`, re-reading times inside a dated quote.
- `extraction`: `extract` and `TimeFound`, steps 1-6 on one parsed text.
- `reader`: one text and its anchor, and the rule matches the parse accepts (steps 1-2),
  looked for only in `windows` around anchor words; `names` refuses time words inside names.
- `rules`: the regular expressions, built from `lexicon`; each names a reading function of
  `read_dates`, `read_periods`, `read_days` or `read_durations`, which return a `reading`.
- `choose` (overlaps, clock times joined to their day) and `modifiers` (step 3).
- `anaphora`: step 6, the anaphor of a reading resolved against the last date mentioned.
- `calendar`, `years`, `durations` and `tense`: the arithmetic of step 4.
- `fallback`: dateparser on spaCy's leftover entities (step 5).
"""

from __future__ import annotations

from .anchors import anchor_quoted_times
from .extraction import TimeFound, extract
from .stage import find_times, time_at

__all__ = ["TimeFound", "anchor_quoted_times", "extract", "find_times", "time_at"]

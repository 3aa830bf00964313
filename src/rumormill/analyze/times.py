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

The rules run only in windows around anchor words (a digit, a month, a unit, "now"), so the
stage costs about 2% of spaCy's own time on news text.

Limits: anaphoric times ("the next day", "a year earlier") are resolved against the
publication date, not the last date mentioned; slashed dates are read month first
(7/20/2020), dotted ones day first (20.07.2020); "the year" and "the day" alone are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from typing import Callable

from spacy.tokens import Doc

from ..model import TimeRef
from . import lexicons
from .context import Context

__all__ = ["anchor_quoted_times", "extract", "find_times", "time_at", "TimeFound"]

_LEXICON = "times"
_FULL_DATE = re.compile(r"\d{4}-\d\d-\d\d")


# ---------------------------------------------------------------------------------------
# The public stage functions


def find_times(ctx: Context) -> None:
    """Fill `ctx.times`, resolved against `ctx.published` (relative values are None without it).

    "since November 2018" -> TimeRef(span "November 2018", value "2018-11", mod "interval_start").
    """
    for found in extract(ctx.doc, ctx.published):
        ctx.times.append(
            TimeRef(
                id=ctx.new_id("t"),
                span=ctx.span(found.start, found.end),
                value=found.value,
                kind=found.kind,
                mod=found.mod,
                anchor=found.anchor,
            )
        )


def anchor_quoted_times(ctx: Context) -> None:
    """Re-resolve relative times inside a dated quote against the quote's own date.

    "... my daughter's life yesterday," he tweeted on July 20 -> "yesterday" = July 19.
    The TimeRef keeps its id; its value and anchor change in place in `ctx.times`.
    """
    rereads: dict[date, dict[tuple[int, int], TimeFound]] = {}
    for quote in ctx.quotes:
        stamp = quote.date
        if stamp is None or not stamp.value or not _FULL_DATE.fullmatch(stamp.value):
            continue
        said_on = date.fromisoformat(stamp.value)
        for i, time in enumerate(ctx.times):
            if (time.anchor is None and time.value is not None) or time.id == stamp.id:
                continue  # absolute ("2014"), or the quote's own date
            if not (quote.span.start <= time.span.start and time.span.end <= quote.span.end):
                continue
            if said_on not in rereads:
                rereads[said_on] = {(f.start, f.end): f for f in extract(ctx.doc, said_on)}
            found = rereads[said_on].get((time.span.start, time.span.end))
            if found is not None and found.anchor is not None:
                ctx.times[i] = time.model_copy(update={"value": found.value, "anchor": found.anchor})


def time_at(ctx: Context, start: int, end: int) -> TimeRef | None:
    """The TimeRef of `ctx.times` that overlaps characters `start:end` most, or None.

    For the quotes stage: the date of "he tweeted on July 20" is `time_at(ctx, *cue_range)`.
    """
    best, best_overlap = None, 0
    for time in ctx.times:
        overlap = min(end, time.span.end) - max(start, time.span.start)
        if overlap > best_overlap:
            best, best_overlap = time, overlap
    return best


@dataclass(frozen=True)
class TimeFound:
    """One time expression found in a text: characters `start:end` and its reading."""

    start: int
    end: int
    value: str | None
    kind: str = "date"
    mod: str | None = None
    anchor: str | None = None


def extract(doc: Doc, anchor: date | None) -> list[TimeFound]:
    """Every time expression of a parsed text, in text order, resolved against `anchor`.

    >>> extract(nlp("He left on Friday."), date(2020, 7, 31))[0].value
    '2020-07-31'
    """
    reader = _Reader(doc, anchor)
    chosen = _choose(reader.candidates())
    chosen = [reader.extend(c) for c in chosen]
    chosen = _merge_clock_times(reader.text, chosen)
    chosen += reader.fallback(chosen)
    chosen.sort(key=lambda c: c.start)
    anchor_iso = anchor.isoformat() if anchor else None
    return [
        TimeFound(
            c.start,
            c.end,
            c.reading.value,
            c.reading.kind,
            c.reading.mod.lower() if c.reading.mod else None,
            anchor_iso if c.reading.relative and c.reading.value is not None else None,
        )
        for c in chosen
    ]


# ---------------------------------------------------------------------------------------
# Lexicon tables and the regular expressions built from them


@cache
def _table(kind: str) -> dict[str, str]:
    """Phrase -> value for one class of the times lexicon ("month" -> {"january": "1", ...})."""
    return {row[0].lower(): (row[2] if len(row) > 2 else "") for row in lexicons.load(_LEXICON) if row[1] == kind}


def _phrase(phrase: str, abbreviation: bool = False) -> str:
    """A regex for a lexicon phrase: any whitespace between words, either apostrophe."""
    if abbreviation and phrase.endswith("."):
        return re.escape(phrase[:-1]) + r"\.?"
    words = [re.escape(word).replace("'", "['’]") for word in phrase.split()]
    return r"\s+".join(words)


def _capitalised(phrase: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in phrase.split())


def _alternation(phrases, cased: bool = False, abbreviation: bool = False) -> str:
    """Longest first, so that "a couple of" wins over "a". Cased: Capitalised or UPPER only."""
    forms = set()
    for phrase in phrases:
        forms.update({_capitalised(phrase), phrase.upper()} if cased else {phrase})
    ordered = sorted(forms, key=lambda p: (-len(p), p))
    return "|".join(_phrase(p, abbreviation) for p in ordered)


def _words(kind: str) -> frozenset[str]:
    return frozenset(_table(kind))


@dataclass(frozen=True)
class _Reading:
    value: str | None
    kind: str = "date"
    mod: str | None = None
    relative: bool = False  # the value depends on the anchor date


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    order: int  # the rule's position: among equally long candidates the earlier rule wins
    rule: str
    reading: _Reading


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern
    read: Callable[[re.Match, "_Reader"], _Reading | None]
    needs: frozenset[str]  # anchor kinds, one of which every match holds


# ---------------------------------------------------------------------------------------
# Resolution helpers: calendar arithmetic in TimeML notation


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month_shift(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def _quarter_shift(year: int, quarter: int, n: int, per_year: int = 4) -> tuple[int, int]:
    index = year * per_year + quarter - 1 + n
    return index // per_year, index % per_year + 1


def _month_end(year: int, month: int) -> date:
    next_year, next_month = _month_shift(year, month, 1)
    return date(next_year, next_month, 1) - timedelta(days=1)


def _pick_year(anchor: date, direction: int, interval: Callable[[int], tuple[date, date] | None]) -> int:
    """The year of an underspecified date ("July 20", "Friday", "the fourth quarter").

    Past tense: the latest instance that starts on or before the anchor; future tense: the
    first that ends on or after it; otherwise the instance containing the anchor, or else
    the nearest one.
    """
    spans = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        found = interval(year)
        if found is not None:
            spans.append((year, *found))
    if direction < 0:
        past = [s for s in spans if s[1] <= anchor]
        if past:
            return max(past)[0]
    elif direction > 0:
        ahead = [s for s in spans if s[2] >= anchor]
        if ahead:
            return min(ahead)[0]
    for year, start, end in spans:
        if start <= anchor <= end:
            return year
    past = [s for s in spans if s[2] < anchor]
    ahead = [s for s in spans if s[1] > anchor]
    if past and ahead:
        last, following = max(past), min(ahead)
        # News tells of the past more than of the future: the coming instance wins only
        # when it is less than half as far away ("products introduced in April", said in
        # October, is last April; "record date Nov. 22", said on 27 October, is next month).
        return following[0] if 2 * (following[1] - anchor).days < (anchor - last[2]).days else last[0]
    return (past or ahead)[0][0]


# Journalists drop the year of a date in the current year (AP style), and of one just
# across the turn of the year. A bare "Nov. 17" is this year's unless the clause says
# otherwise: a past clause moves a date more than two months ahead back a year ("set a
# record on Aug. 6", written in February), a future clause moves a date already gone
# forward a year. Two months: payment and record dates, deadlines and schedules in
# past-tense clauses ("was extended to Nov. 16") mostly fall within that distance.
_NEAR_DAYS = 60
_FAR_DAYS = 120  # without tense, a date this far ahead is more likely last year's


def _calendar_year(anchor: date, direction: int, interval: Callable[[int], tuple[date, date] | None]) -> int:
    """The year of a month or day given without one ("July 20", "in November", "Christmas")."""
    year = anchor.year
    current = interval(year)
    if current is None:  # 29 February: the nearest leap year
        return _pick_year(anchor, direction, interval)
    start, end = current
    if start <= anchor <= end:
        return year
    if end < anchor:
        following = interval(year + 1)
        if direction > 0 or (direction == 0 and following and (following[0] - anchor).days <= _NEAR_DAYS):
            return year + 1
        return year
    ahead = (start - anchor).days
    if (direction < 0 and ahead > _NEAR_DAYS) or (direction == 0 and ahead > _FAR_DAYS):
        return year - 1
    return year


def _day_interval(month: int, day: int) -> Callable[[int], tuple[date, date] | None]:
    def interval(year: int):
        try:
            found = date(year, month, day)
        except ValueError:  # 29 February outside a leap year, or 31 April
            return None
        return found, found

    return interval


def _month_interval(month: int) -> Callable[[int], tuple[date, date]]:
    return lambda year: (date(year, month, 1), _month_end(year, month))


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # meteorological seasons, three months each


def _season_interval(season: str) -> Callable[[int], tuple[date, date]]:
    first = _SEASON_START[season]

    def interval(year: int):
        end_year, end_month = _month_shift(year, first, 2)
        return date(year, first, 1), _month_end(end_year, end_month)

    return interval


def _part_interval(part: int, per_year: int) -> Callable[[int], tuple[date, date]]:
    months = 12 // per_year

    def interval(year: int):
        first = (part - 1) * months + 1
        return date(year, first, 1), _month_end(year, first + months - 1)

    return interval


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * leap) // 433
    month = (h + leap - 7 * m + 90) // 25
    return date(year, month, (h + leap - 7 * m + 33 * month + 19) % 32)


_WEEKDAY_CODES = {"MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6, "SU": 7}
_HOLIDAY_RULE = re.compile(r"(?P<month>\d\d)-(?:(?P<day>\d\d)|(?P<wd>[A-Z]{2})(?P<nth>\d|L)(?P<plus>[+-]\d+)?|ELECTION)")


def _holiday(rule: str, year: int) -> date | None:
    """The date of a holiday rule of the lexicon in `year` ("11-TH4" = 4th Thursday of November)."""
    if rule.startswith("EASTER"):
        return _easter(year) + timedelta(days=int(rule[6:] or 0))
    m = _HOLIDAY_RULE.fullmatch(rule)
    if m is None:
        return None
    month = int(m["month"])
    if m["day"]:
        return date(year, month, int(m["day"]))
    if m["wd"] is None:  # US election day: the Tuesday after the first Monday of November
        return _nth_weekday(year, month, 1, 1) + timedelta(days=1)
    weekday = _WEEKDAY_CODES[m["wd"]]
    nth = -1 if m["nth"] == "L" else int(m["nth"])
    return _nth_weekday(year, month, weekday, nth) + timedelta(days=int(m["plus"] or 0))


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    if nth < 0:
        last = _month_end(year, month)
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))


def _unit_code(word: str) -> tuple[bool, int, str]:
    """Lexicon unit -> (time part?, multiplier, TimeML letter): "decades" -> (False, 10, "Y")."""
    code = _table("unit")[word.lower()]
    time_part = code.startswith("T")
    code = code.removeprefix("T")
    return time_part, int(code[:-1] or 1), code[-1]


# The next smaller unit, for halves: "2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M.
_SMALLER = {
    (False, "Y"): (12, False, "M"),
    (False, "Q"): (3, False, "M"),
    (False, "M"): (30, False, "D"),
    (False, "W"): (7, False, "D"),
    (False, "D"): (24, True, "H"),
    (True, "H"): (60, True, "M"),
    (True, "M"): (60, True, "S"),
}
_VAGUE_UNIT = {10: "DE", 100: "CE"}  # TimeML units for vague decades and centuries


def _duration(count: float | None, unit: str) -> str:
    time_part, multiplier, letter = _unit_code(unit)
    t = "T" if time_part else ""
    if count is None:
        return f"P{t}X{_VAGUE_UNIT.get(multiplier, letter)}"
    total = count * multiplier
    whole = int(total)
    if total == whole:
        return f"P{t}{whole}{letter}"
    factor, small_time, small_letter = _SMALLER.get((time_part, letter), (1, time_part, letter))
    rest = round((total - whole) * factor)
    head = f"{whole}{letter}" if whole else ""
    if small_time and not time_part:
        return f"P{head}T{rest}{small_letter}"
    return f"P{t}{head}{rest}{small_letter}"


def _shifted(anchor: date, count: float, unit: str) -> str:
    """The date `count` units from the anchor, at the unit's granularity ("2 years ago" -> "2018")."""
    time_part, multiplier, letter = _unit_code(unit)
    if time_part:
        hours = count * multiplier * {"H": 1, "M": 1 / 60, "S": 1 / 3600}[letter]
        return (datetime.combine(anchor, datetime.min.time()) + timedelta(hours=hours)).date().isoformat()
    total = count * multiplier
    if letter == "Y" and total != int(total):
        letter, total = "M", total * 12
    if letter == "D":
        return (anchor + timedelta(days=round(total))).isoformat()
    if letter == "W":
        return _iso_week(anchor + timedelta(days=round(total * 7)))
    if letter == "M":
        year, month = _month_shift(anchor.year, anchor.month, round(total))
        return f"{year}-{month:02d}"
    if letter == "Q":
        year, quarter = _quarter_shift(anchor.year, (anchor.month - 1) // 3 + 1, round(total))
        return f"{year}-Q{quarter}"
    return str(anchor.year + round(total))


_NUMBER_SPLIT = re.compile(r"[\s-]+")


def _count(text: str) -> tuple[bool, float | None]:
    """(understood?, count) of a count phrase; count None means vague ("several" -> PX...).

    "5 1/2" -> 5.5; "twenty-four" -> 24; "a couple of" -> 2; "12 to 18" -> vague.
    """
    words = _table("number")
    phrase = " ".join(text.lower().split())
    if re.search(r"\d\s*(?:to|or|-|–)\s*\d|\w\s+(?:to|or)\s+\w", phrase):
        return True, None
    if phrase in words:
        value = words[phrase]
        return True, None if value == "X" else float(value)
    m = re.fullmatch(r"(\d[\d,]*(?:\.\d+)?)(?:\s+(\d)/(\d))?", phrase)
    if m:
        value = float(m[1].replace(",", ""))
        if m[2]:
            value += int(m[2]) / int(m[3])
        return True, value
    total = 0.0
    for word in _NUMBER_SPLIT.split(phrase):
        if word not in words or words[word] == "X":
            return False, None
        value = float(words[word])
        total = max(total, 1) * value if value >= 100 else total + value  # "two hundred", "forty-two"
    return True, total


# ---------------------------------------------------------------------------------------
# The reader: runs the rules over one parsed text, with the parse at hand for checks


class _Reader:
    def __init__(self, doc: Doc, anchor: date | None):
        self.doc = doc
        self.text = doc.text
        self.anchor = anchor
        self._directions: dict[int, int] = {}

    # -- context helpers

    def before(self, start: int, width: int = 40) -> str:
        return self.text[max(0, start - width) : start]

    def prev_word(self, start: int) -> str:
        m = _LAST_WORD.search(self.before(start))
        return m[1].lower() if m else ""

    def next_word(self, end: int) -> str:
        m = _FIRST_WORD.match(self.text, end)
        return m[1] if m else ""

    def token_at(self, start: int):
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def prev_token(self, start: int):
        token = self.token_at(start)
        return token.nbor(-1) if token is not None and token.i > 0 else None

    def in_name(self, start: int, end: int) -> bool:
        """True when `start:end` holds a word written lower case in prose but capitalised here,
        not at the start of a sentence: a name ("USA Today", "Entertainment Tonight", "Days of
        Our Lives", "Sunday Night Football")."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        for token in span:
            if token.is_title and token.lower_ in _prose_words() and not _starts_sentence(token):
                return True
        return False

    def is_date_entity(self, start: int) -> bool:
        token = self.token_at(start)
        return token is not None and token.ent_type_ in ("DATE", "TIME")

    def direction(self, start: int) -> int:
        """-1 when the clause around `start` is past, +1 when future, 0 when unknown/present.

        A past clause with "until", "to", "by"... may point ahead ("was extended to Nov. 16"),
        so it counts as unknown.
        """
        if start not in self._directions:
            tense = _tense_of(self.token_at(start))
            before = self.prev_word(start)
            if before in _words("futurecue"):
                tense = 1  # "payable Jan. 2", "effective Feb. 1"
            elif tense < 0 and before in _words("openprep"):
                tense = 0
            self._directions[start] = tense
        return self._directions[start]

    # -- candidates

    def candidates(self) -> list[_Candidate]:
        """Every rule's matches that the parse accepts, found only near anchor words (speed)."""
        found = []
        rules = _rules()
        for window_start, window_end, kinds in self.windows():
            for order, rule in enumerate(rules):
                if rule.needs.isdisjoint(kinds):
                    continue
                for m in rule.pattern.finditer(self.text, window_start, window_end):
                    reading = rule.read(m, self)
                    if reading is None or (rule.name not in _CAPITALISED and self.in_name(m.start(), m.end())):
                        continue
                    start = m.start()
                    prenominal = _PRENOMINAL().match(m[0])
                    if prenominal:  # "the 14-day strike": TimeML leaves "the" out
                        start += len(prenominal[1])
                    found.append(_Candidate(start, m.end(), order, rule.name, reading))
        return found

    def windows(self) -> list[tuple[int, int, set[str]]]:
        """Stretches of text around anchor words (a digit, a month, a unit, "now"...).

        Every rule's match holds an anchor word near its ends (`_REACH_BEFORE`,
        `_REACH_AFTER`), so the rules need not scan the rest of the text.
        """
        windows: list[list] = []
        text = self.text
        anchors = _anchor_kinds()
        for m in _WORD.finditer(text):
            word = m[0]
            kinds = _DIGIT if word[0].isdigit() else anchors.get(word.lower())
            if kinds is None:
                continue
            start, end = max(0, m.start() - _REACH_BEFORE), min(len(text), m.end() + _REACH_AFTER)
            while end < len(text) and text[end].isalnum():  # never cut a word in two
                end += 1
            if windows and start <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], end)
                windows[-1][2].update(kinds)
            else:
                windows.append([start, end, set(kinds)])
        return [(s, e, k) for s, e, k in windows]

    def extend(self, candidate: _Candidate) -> _Candidate:
        """Join modifiers to the span ("early", "the end of", "nearly") and keep a preposition's meaning."""
        start, reading = candidate.start, candidate.reading
        core = self.text[candidate.start : candidate.end].lower()
        if reading.kind in ("date", "time") and reading.mod is None and not (reading.value or "").endswith("_REF"):
            m = _DATE_MOD_BEFORE().search(self.before(start))
            if m:
                start -= len(m[0])
                reading = _with(reading, mod=_table("mod").get(_mod_key(m["word"]), None))
        if candidate.rule in ("duration", "ago", "shifted_n") and (reading.mod is None or reading.mod == "APPROX"):
            m = _QUANT_BEFORE().search(self.before(start))
            if m and (not core.startswith("the ") or m["q"].lower() in _BEFORE_THE):
                start -= len(m[0])
                reading = _with(reading, mod=_table("quantmod")[" ".join(m["q"].lower().split())])
            elif m is None and not core.startswith("the "):
                m = _QUANT_OUT_BEFORE().search(self.before(start))
                if m:  # "about five hours": TimeBank leaves "about" out but it still means approx
                    reading = _with(reading, mod=_table("quantout")[" ".join(m["q"].lower().split())])
        if reading.kind in ("date", "time") and reading.mod is None:
            m = _PREP_BEFORE().search(self.before(start))
            if m:
                reading = _with(reading, mod=_table("prep")[" ".join(m["p"].lower().split())])
        if start == candidate.start and reading is candidate.reading:
            return candidate
        return _Candidate(start, candidate.end, candidate.order, candidate.rule, reading)

    def fallback(self, chosen: list[_Candidate]) -> list[_Candidate]:
        """spaCy DATE/TIME entities that no rule read but that name a month or weekday (step 5).

        Only calendar names: on relative phrases ("the 87th minute", "one morning") dateparser
        guesses dates that are not there.
        """
        extra = []
        taken = [(c.start, c.end) for c in chosen]
        for ent in self.doc.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            if any(s < ent.end_char and ent.start_char < e for s, e in taken):
                continue
            tokens = [t for t in ent if not (t.i == ent.start and t.lower_ in _LEADING_DROP)]
            if not tokens or not any(t.text in _calendar_names() for t in tokens):
                continue
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
            reading = _dateparser_reading(self.text[start:end], self.anchor)
            if reading is not None:
                extra.append(_Candidate(start, end, len(_rules()), "fallback", reading))
        return extra


_PRODUCT_ENTITIES = frozenset({"PRODUCT", "ORG", "WORK_OF_ART", "FAC", "LAW"})
_CAPITALISED = frozenset({"holiday", "century"})  # "New Year's Eve", "the 20th Century"


@cache
def _prose_words() -> frozenset[str]:
    """Words of time expressions that prose writes in lower case ("today", "days", "night")."""
    kinds = ("unit", "deictic", "ref", "daypart", "shift", "number", "frequency", "season", "clockword")
    names = {w for kind in ("month", "weekday", "holiday") for phrase in _table(kind) for w in phrase.split()}
    return frozenset(w for kind in kinds for phrase in _table(kind) for w in phrase.split()) - names


def _starts_sentence(token) -> bool:
    """The first word of a sentence, a line, or a quotation or bracket."""
    if token.is_sent_start or token.i == 0:
        return True
    before = token.nbor(-1)
    opening = not any(ch.isalnum() for ch in before.text) and before.text not in (",", "-", "&")
    return opening or "\n" in before.whitespace_ or before.is_space  # after ``, ", (, :, a dash


_LAST_WORD = re.compile(r"([\w'’]+)\W*$")
_FIRST_WORD = re.compile(r"\W*?([\w'’]+)")
_LEADING_DROP = frozenset({"the", "a", "an", "this", "that", "in", "on", "at", "for", "since", "until", "by"})
_BEFORE_THE = frozenset({"at least", "more than", "nearly", "almost", "less than"})


def _mod_key(word: str) -> str:
    word = " ".join(word.lower().split())
    word = word.removeprefix("the very ").removeprefix("very ")
    if word.startswith("the ") and word[4:] in _table("mod"):
        return word[4:]
    return word


def _with(reading: _Reading, **changes) -> _Reading:
    return _Reading(**{**reading.__dict__, **changes})


@cache
def _DATE_MOD_BEFORE() -> re.Pattern:  # noqa: N802 - a lazily compiled constant
    mods = _alternation(w for w in _table("mod") if not w.endswith("-"))
    return re.compile(rf"(?<![\w-])(?P<word>(?:the\s+)?(?:very\s+)?(?:{mods}))(?:\s+|-\s*)$", re.I)


@cache
def _QUANT_BEFORE() -> re.Pattern:  # noqa: N802
    return re.compile(rf"(?<![\w-])(?P<q>{_alternation(_table('quantmod'))})\s+$", re.I)


@cache
def _QUANT_OUT_BEFORE() -> re.Pattern:  # noqa: N802
    return re.compile(rf"(?<![\w-])(?P<q>{_alternation(_table('quantout'))})\s+$", re.I)


@cache
def _PREP_BEFORE() -> re.Pattern:  # noqa: N802
    return re.compile(rf"(?<![\w-])(?P<p>{_alternation(_table('prep'))})\s+(?:the\s+)?$", re.I)


# How far a rule's match reaches beyond its anchor words. Before: "the most recent
# year-earlier fiscal fourth " before "quarter" is 43 characters. After: " or so ago" after
# "years", " p.m. EST" after "10". Modifiers found later ("nearly", "the end of") look at
# the whole text, not the window.
_REACH_BEFORE = 48
_REACH_AFTER = 24


_WORD = re.compile(r"\w+")


_DIGIT = frozenset({"digit"})


@cache
def _anchor_kinds() -> dict[str, frozenset[str]]:
    """Anchor word -> its kinds: every match holds a digit or one of these words."""
    found: dict[str, set[str]] = {}
    kinds = ("month", "weekday", "season", "daypart", "clockword", "unit", "deictic", "ref", "frequency", "holiday")
    for kind in kinds:
        for phrase in _table(kind):
            for word in phrase.split():
                if word not in ("the", "of", "new", "st.", "a"):  # found by its other words
                    found.setdefault(word.rstrip("."), set()).add(kind)
    for word in ("century", "centuries", "period", "nineteen", "thousand", "q1", "q2", "q3", "q4", "half", "weekend"):
        found.setdefault(word, set()).add("calendar")
    return {word: frozenset(k) for word, k in found.items()}


@cache
def _PRENOMINAL() -> re.Pattern:  # noqa: N802
    """A leading "the" before a hyphenated modifier: "the third-quarter", "the 14-day"."""
    return re.compile(rf"(the\s+)\S.*-(?:{_alternation(_table('unit'))})$", re.I | re.S)


def _tense_of(token) -> int:
    """Tense of the clause that governs `token`: -1 past, +1 future, 0 present or unknown."""
    if token is None:
        return 0
    verb = token
    for _ in range(6):  # a time hangs at most a few arcs below its verb ("on the morning of X")
        if verb.pos_ in ("VERB", "AUX"):
            break
        if verb.head is verb:
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
        if verb.dep_ in ("xcomp", "conj", "advcl") and verb.tag_ in ("VB", "VBG") and verb.head is not verb:
            verb = verb.head
            continue
        break
    return 0


@cache
def _calendar_names() -> frozenset[str]:
    """Month and weekday names as written: "July", "Jul.", "JULY", "Monday"."""
    names = set()
    for phrase in list(_table("month")) + list(_table("weekday")):
        names |= {_capitalised(phrase), phrase.upper(), _capitalised(phrase).rstrip("."), phrase.upper().rstrip(".")}
    return frozenset(names)


_PERIOD_GRANULARITY = {"year": "%Y", "month": "%Y-%m", "week": "week", "day": "%Y-%m-%d", "time": "%Y-%m-%dT%H:%M"}


@lru_cache(maxsize=4096)  # the same entity text recurs across articles of a day
def _dateparser_reading(text: str, anchor: date | None) -> _Reading | None:
    """Last resort for an entity no rule read: dateparser, relative to the anchor, past first."""
    if anchor is None:
        return None
    data = _dateparser(anchor).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    granularity = _PERIOD_GRANULARITY.get(data.period or "day", "%Y-%m-%d")
    found = data.date_obj
    value = _iso_week(found.date()) if granularity == "week" else found.strftime(granularity)
    return _Reading(value, kind="time" if data.period == "time" else "date", relative=True)


@lru_cache(maxsize=16)  # articles come in batches of the same few days
def _dateparser(anchor: date):
    """A dateparser parser relative to `anchor`, past first; imported only when needed (slow)."""
    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": datetime.combine(anchor, datetime.min.time()), "PREFER_DATES_FROM": "past"}
    return DateDataParser(languages=["en"], settings=settings)


# ---------------------------------------------------------------------------------------
# Choosing among overlapping candidates, and joining clock times to their day


def _choose(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first, then the earlier rule; a candidate overlapping a chosen one is dropped."""
    chosen: list[_Candidate] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.order, c.start)):
        if all(c.end <= k.start or k.end <= c.start for k in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


_CLOCK_THEN_DAY = re.compile(r"\s*,?\s*(?:on\s+)?$", re.I)
_DAY_THEN_CLOCK = re.compile(r"\s*,?\s*(?:at\s+)?(?:about\s+|around\s+)?$", re.I)


def _merge_clock_times(text: str, chosen: list[_Candidate]) -> list[_Candidate]:
    """ "9 a.m. Tuesday" is one time (TimeML); "Tuesday at 9 a.m." gives the clock its day."""
    out: list[_Candidate] = []
    for c in chosen:
        prev = out[-1] if out else None
        if prev is not None and prev.rule == "clock" and _is_day(c.reading):
            if _CLOCK_THEN_DAY.fullmatch(text[prev.end : c.start]):
                value = _with(prev.reading, value=c.reading.value[:10] + prev.reading.value[10:], relative=c.reading.relative)
                out[-1] = _Candidate(prev.start, c.end, prev.order, "clock", value)
                continue
        if prev is not None and c.rule == "clock" and _is_day(prev.reading):
            if _DAY_THEN_CLOCK.fullmatch(text[prev.end : c.start]) and c.reading.value:
                value = prev.reading.value[:10] + c.reading.value[10:]
                c = _Candidate(c.start, c.end, c.order, c.rule, _with(c.reading, value=value, relative=prev.reading.relative))
        out.append(c)
    return out


def _is_day(reading: _Reading) -> bool:
    return reading.kind == "date" and bool(reading.value) and bool(_FULL_DATE.fullmatch(reading.value[:10]))


# ---------------------------------------------------------------------------------------
# The rules: one regex and one reading function each. Order breaks ties of equal length.


def _shift_of(word: str | None) -> int:
    if not word:
        return 0
    key = " ".join(word.lower().split())
    shifts = _table("shift")
    return int(shifts.get(key) or shifts.get("the " + key) or shifts.get(key.removeprefix("the "), 0))


def _read_full_date(m: re.Match, r: _Reader) -> _Reading | None:
    """ "July 20", "Aug. 7, 1998", "Monday, Oct. 26", "20 July 2020", "the 4th of July"."""
    month = _month_number(m["month"])
    day = int(m["day"])
    if m["year"]:
        try:
            return _Reading(date(int(m["year"]), month, day).isoformat())
        except ValueError:
            return None
    if r.anchor is None:
        return _Reading(f"XXXX-{month:02d}-{day:02d}")
    interval = _day_interval(month, day)
    if interval(2000) is None:  # 2000 is a leap year: only impossible dates fail
        return None
    if m["weekday"]:  # "Monday, Oct. 26": the year in which Oct. 26 is a Monday
        weekday = int(_table("weekday")[m["weekday"].lower()])
        fits = [y for y in (r.anchor.year, r.anchor.year - 1, r.anchor.year + 1) if interval(y) and interval(y)[0].isoweekday() == weekday]
        if fits:
            return _Reading(date(fits[0], month, day).isoformat(), relative=True)
    year = _calendar_year(r.anchor, r.direction(m.start()), interval)
    if interval(year) is None:
        return None
    return _Reading(date(year, month, day).isoformat(), relative=True)


def _month_number(word: str) -> int:
    months = _table("month")
    key = word.lower()
    return int(months.get(key) or months.get(key + ".") or months[key.rstrip(".") + "."])


def _read_month_year(m: re.Match, r: _Reader) -> _Reading | None:
    """ "November 2018", "July of 1997"."""
    return _Reading(f"{m['year']}-{_month_number(m['month']):02d}")


def _read_month(m: re.Match, r: _Reader) -> _Reading | None:
    """ "in May", "last November", "January this year"; a bare month needs a date cue."""
    month = _month_number(m["month"])
    if not (m["shift"] or m["yshift"]):
        token = r.token_at(m.start())
        if token is not None and (token.tag_ in ("MD", "VB", "VBP") or token.ent_type_ in ("PERSON", "ORG")):
            return None  # "the couple may wed", "a speech by May", "April Ryan"
        if r.prev_word(m.start()) not in _words("datecue") and not r.is_date_entity(m.start()):
            return None
    if r.anchor is None:
        return _Reading(f"XXXX-{month:02d}")
    if m["yshift"]:
        year = r.anchor.year + _shift_of(m["yshift"])
    elif m["shift"] and _shift_of(m["shift"]) != 0:
        shift = _shift_of(m["shift"])
        year = r.anchor.year
        if shift < 0 and month >= r.anchor.month:
            year -= 1
        elif shift > 0 and month <= r.anchor.month:
            year += 1
    elif m["shift"]:  # "this September": the one of this year
        year = r.anchor.year
    else:
        year = _calendar_year(r.anchor, r.direction(m.start()), _month_interval(month))
    return _Reading(f"{year}-{month:02d}", relative=True)


def _read_numeric(m: re.Match, r: _Reader) -> _Reading | None:
    """ "2020-07-20", "7/20/2020" (month first, unless the first number cannot be a month), "20.07.2020"."""
    if m["iso"]:
        year, month, day = int(m["iy"]), int(m["im"]), int(m["id"])
    else:
        a, b, year = int(m["a"]), int(m["b"]), int(m["sy"])
        if year < 100:
            year += 2000 if year <= 50 else 1900  # two-digit years: 1951..2050
        day_first = m["sep"] == "." or a > 12  # dots are the European order: day.month.year
        month, day = (b, a) if day_first else (a, b)
    try:
        return _Reading(date(year, month, day).isoformat())
    except ValueError:
        return None


def _read_year(m: re.Match, r: _Reader) -> _Reading | None:
    """ "2014", "fiscal 1989", "the year 2000"; not "2000 people"."""
    token = r.token_at(m.start("year"))
    if token is not None and token.dep_ == "nummod" and token.head.tag_ == "NNS":
        if token.head.lower_ not in _table("unit"):
            return None
    if token is not None and token.ent_type_ in _PRODUCT_ENTITIES and token.i > 0 and token.nbor(-1).is_title:
        return None  # "Windows 2000", "Vision 2030": a name, not a year
    if not m["pre"] and int(m["year"]) < 1900 and r.prev_word(m.start()) not in _words("datecue"):
        return None  # old years only with a cue: "in 1898", not "1850 metres"
    return _Reading(m["year"])


def _read_decade(m: re.Match, r: _Reader) -> _Reading | None:
    """ "the 1990s" -> "199", "the '80s" -> "198"."""
    digits = m["dec"].lstrip("'’")
    if len(digits) == 2:
        if not m["the"] and m["dec"][0] not in "'’":
            return None  # "in her 80s" is an age
        century = 20 if r.anchor and 2000 + int(digits) <= r.anchor.year else 19
        return _Reading(f"{century}{digits[0]}")
    return _Reading(digits[:3])


def _read_century(m: re.Match, r: _Reader) -> _Reading | None:
    """ "the 20th century" -> "19"."""
    ordinal = m["ord"].lower()
    n = int(re.sub(r"\D", "", ordinal)) if ordinal[0].isdigit() else int(_table("ordinal").get(ordinal, 0))
    if n <= 0:
        return None
    return _Reading(f"{n - 1:02d}")


def _read_part(m: re.Match, r: _Reader) -> _Reading | None:
    """Quarters and halves: "the third quarter" -> "2020-Q3", "first-half", "the year-ago quarter"."""
    per_year = 2 if m["part"].lower() == "half" else 4
    letter = "Q" if per_year == 4 else "H"
    if m["q"]:
        part = int(m["q"][1])
    elif m["ord"]:
        part = int(_table("ordinal").get(m["ord"].lower(), 0) or re.sub(r"\D", "", m["ord"]) or 0)
        part = per_year if part == -1 else part
        if not 1 <= part <= per_year:
            return None
    else:
        part = 0
        if not (m["the"] or m["shift"] or m["yago"]):
            return None
    year_ago = bool(m["yago"]) and "ago" in m["yago"].lower() or "earlier" in (m["yago"] or "").lower()
    if m["year"] or m["pyear"]:
        year = int(m["year"] or m["pyear"])
        if not part:
            return None
        return _Reading(f"{year}-{letter}{part}")
    if r.anchor is None:
        return _Reading(f"XXXX-{letter}{part}" if part else None, relative=True)
    current = (r.anchor.month - 1) // (12 // per_year) + 1
    if m["qshift"]:
        year = r.anchor.year + _shift_of(m["qshift"])
    elif part:
        # Tense misleads here: "expects to report for the third quarter" (in October) is the
        # quarter just ended, so the nearest instance wins.
        year = _pick_year(r.anchor, 0, _part_interval(part, per_year))
        if m["shift"] and _shift_of(m["shift"]) < 0 and part >= current:
            year = r.anchor.year - 1
    else:
        # "the quarter", "the latest quarter": the last one reported, i.e. the one before now
        shift = _shift_of(m["shift"]) if m["shift"] and m["shift"].lower() not in ("the", "same") else -1
        if m["shift"] and m["shift"].lower() in ("this", "current"):
            shift = 0
        year, part = _quarter_shift(r.anchor.year, current, shift, per_year)
    if year_ago:
        year -= 1
    return _Reading(f"{year}-{letter}{part}", relative=True)


def _read_season(m: re.Match, r: _Reader) -> _Reading | None:
    """ "this summer" -> "2020-SU", "last fall", "the summer of 1998", "in spring"."""
    season = _table("season")[m["season"].lower()]
    shift = m["shift"]
    if m["year"]:
        return _Reading(f"{m['year']}-{season}")
    nxt = r.next_word(m.end()).lower()
    token = r.token_at(m.start("season"))
    if token is not None and token.tag_.startswith("VB"):
        return None  # "prices fall", "to spring a surprise"
    if not shift:
        if nxt == "of" or (r.prev_word(m.start()) not in _words("datecue") and not m["the"]):
            return None  # "the fall of Rome", "prices fall"
        if m["the"] and r.prev_word(m.start()) not in _words("datecue"):
            return None
    if r.anchor is None:
        return _Reading(f"XXXX-{season}")
    interval = _season_interval(season)
    n = _shift_of(shift) if shift and shift.lower() != "the" else None
    if n is None:
        year = _calendar_year(r.anchor, r.direction(m.start()), interval)
    elif n == 0:  # "this summer": the one of this year (this winter began last December)
        year = r.anchor.year - 1 if season == "WI" and r.anchor.month <= 2 else r.anchor.year
    else:
        years = [y for y in range(r.anchor.year - 2, r.anchor.year + 3)]
        if n < 0:
            year = max(y for y in years if interval(y)[1] < r.anchor and not interval(y)[0] <= r.anchor <= interval(y)[1])
        else:
            year = min(y for y in years if interval(y)[0] > r.anchor)
    return _Reading(f"{year}-{season}", relative=True)


def _read_weekday(m: re.Match, r: _Reader) -> _Reading | None:
    """ "Friday" -> the Friday on or before the anchor in a past clause; "Tuesday nights" is a set."""
    weekday = int(_table("weekday")[m["weekday"].lower()])
    part = _table("daypart").get((m["dp"] or "").lower())
    if m["plural"] or m["dps"]:
        return _Reading(f"XXXX-WXX-{weekday}" + (f"T{part}" if part else ""), kind="set")
    if r.anchor is None:
        return _Reading(None)
    shift = _shift_of(m["shift"]) if m["shift"] else None
    today = r.anchor.isoweekday()
    if shift is None or shift == 0:
        direction = r.direction(m.start()) if shift is None else 0
        if direction > 0 or (shift == 0 and weekday >= today):
            delta = (weekday - today) % 7
        else:
            delta = -((today - weekday) % 7)
    elif shift < 0:  # "last Friday": the one before this week's
        delta = -((today - weekday) % 7 or 7)
    else:
        delta = (weekday - today) % 7 or 7
    day = r.anchor + timedelta(days=delta)
    value = day.isoformat() + (f"T{part}" if part else "")
    return _Reading(value, kind="time" if part else "date", relative=True)


def _read_deictic(m: re.Match, r: _Reader) -> _Reading | None:
    """ "yesterday" -> the day before the anchor; "tonight" -> the anchor at night."""
    word = m["deictic"].lower()
    offset = int(_table("deictic")[word])
    if m["dd"]:
        offset += -1 if m["dd"].lower() == "before" else 1
    part = _table("daypart").get((m["dp"] or "").lower()) or ("NI" if word == "tonight" else None)
    if r.anchor is None:
        return _Reading(None)
    value = (r.anchor + timedelta(days=offset)).isoformat()
    if m["dp"]:
        return _Reading(f"{value}T{part}", kind="time", relative=True)
    return _Reading(value, relative=True)


def _read_daypart(m: re.Match, r: _Reader) -> _Reading | None:
    """ "this morning" -> anchor + TMO, "last night" -> the day before + TNI."""
    part = _table("daypart")[m["dp"].lower()]
    if r.anchor is None:
        return _Reading(None, kind="time")
    offset = -1 if m["shift"].lower() == "last" else 0
    return _Reading(f"{(r.anchor + timedelta(days=offset)).isoformat()}T{part}", kind="time", relative=True)


def _read_clock(m: re.Match, r: _Reader) -> _Reading | None:
    """ "10:35 a.m.", "10 p.m. EST", "noon", "21:30" (a bare hh:mm needs a cue: "at 21:30")."""
    if m["word"]:
        clock = _table("clockword")[m["word"].lower()]
    else:
        hour = int(m["h"] or m["h2"])
        minute = int(m["mi"] or m["mi2"] or 0)
        if m["ampm"]:
            pm = m["ampm"].lower().startswith("p")
            hour = hour % 12 + (12 if pm else 0)
        elif not m["zone"] and r.prev_word(m.start()) not in _words("clockcue"):
            return None
        clock = f"{hour:02d}:{minute:02d}"
    if r.anchor is None:
        return _Reading(f"XXXX-XX-XXT{clock}", kind="time")
    return _Reading(f"{r.anchor.isoformat()}T{clock}", kind="time", relative=True)


def _read_ago(m: re.Match, r: _Reader) -> _Reading | None:
    """ "two years ago" -> "2018", "a week or so ago" (approx), "months ago" -> PAST_REF."""
    direction = -1 if m["dir"].lower() in ("ago", "earlier", "before") else 1
    mod = "APPROX" if m["orso"] else None
    ok, count = _count(m["count"]) if m["count"] else (True, None)
    if not ok:
        return None
    if count is None:
        return _Reading("PAST_REF" if direction < 0 else "FUTURE_REF", mod=mod)
    if r.anchor is None:
        return _Reading(None, mod=mod)
    return _Reading(_shifted(r.anchor, direction * count, m["unit"]), mod=mod, relative=True)


def _read_shifted(m: re.Match, r: _Reader) -> _Reading | None:
    """ "this week" -> "2020-W31", "last year", "the coming weekend"; "for the last year" -> P1Y."""
    unit = m["unit"].lower()
    shift = _shift_of(m["shift"])
    if m["the"] and shift != 0 and r.prev_word(m.start()) in _words("spanprep") and unit != "weekend":
        return _Reading("P6M" if unit == "half" else _duration(1, unit), kind="duration")
    a = r.anchor
    if a is None:
        return _Reading(None, relative=True)
    if unit == "week":
        value = _iso_week(a + timedelta(days=7 * shift))
    elif unit == "weekend":
        value = _iso_week(a + timedelta(days=7 * shift)) + "-WE"
    elif unit == "month":
        year, month = _month_shift(a.year, a.month, shift)
        value = f"{year}-{month:02d}"
    elif unit == "quarter":
        year, quarter = _quarter_shift(a.year, (a.month - 1) // 3 + 1, shift)
        value = f"{year}-Q{quarter}"
    elif unit == "half":
        year, half = _quarter_shift(a.year, (a.month - 1) // 6 + 1, shift, 2)
        value = f"{year}-H{half}"
    elif unit == "decade":
        value = str(a.year // 10 + shift)
    elif unit == "century":
        value = f"{a.year // 100 + shift:02d}"
    else:
        value = str(a.year + shift)
    return _Reading(value, relative=True)


def _read_the_weekend(m: re.Match, r: _Reader) -> _Reading | None:
    """ "the weekend": the coming one late in the week or in a future clause, else the last one."""
    if r.anchor is None:
        return _Reading(None, relative=True)
    direction = r.direction(m.start())
    today = r.anchor.isoweekday()
    # Thursday on, or any day in a future clause, "the weekend" is this week's; else last week's.
    this_week = direction > 0 or today >= 6 or (today >= 4 and direction == 0)
    day = r.anchor if this_week else r.anchor - timedelta(days=7)
    return _Reading(_iso_week(day) + "-WE", relative=True)


def _read_duration(m: re.Match, r: _Reader) -> _Reading | None:
    """ "for a year" -> P1Y, "two-day", "2 1/2 years" -> P2Y6M, "the first nine months" -> P9M.

    "a year" after a count or amount ("$1 billion a year", "twice a week") is a set (P1Y).
    """
    ok, count = _count(m["count"])
    if not ok:
        return None
    unit = m["unit"].lower()
    count_word = m["count"].lower()
    if unit in ("second", "quarter") and (count_word in ("a", "an", "one") or count != 1):
        return None  # "a second term", "a quarter of the vote", "the 1988 second quarter"
    if count_word in ("a", "an") and unit.endswith("s"):
        return None  # "a Days of Our Lives reunion": no count of one goes with a plural
    if unit == "quarters" and "-" in m[0]:
        return None  # "three-quarters of its food" is a share
    if m["half1"] or m["half2"]:
        count = (count or 0) + 0.5
    if count_word in ("a", "an") and not m["the"] and not m["shift"]:
        prev = r.prev_token(m.start())
        prev_word = r.prev_word(m.start())
        if prev_word in ("once", "twice", "thrice", "times") or (
            prev is not None and prev.pos_ in ("NUM", "NOUN", "SYM") and prev.lower_ not in _table("unit")
        ):
            return _Reading(_duration(1, unit), kind="set")
    if count is not None and count != int(count) and unit in ("decade", "decades", "century", "centuries"):
        count = count * _unit_code(unit)[1]
        unit = "years"
    mod = "APPROX" if m["orso"] else None
    return _Reading(_duration(count, unit), kind="duration", mod=mod)


def _read_vague_span(m: re.Match, r: _Reader) -> _Reading | None:
    """ "for years" -> PXY, "in recent months" -> PAST_REF, "the coming weeks" -> FUTURE_REF."""
    if m["recent"] and m["recent"].lower().startswith(("recent", "past")):
        return _Reading("PAST_REF")
    if m["recent"] or m["ahead"]:
        return _Reading("FUTURE_REF")
    if r.prev_word(m.start()) not in _words("spanprep"):
        return None
    return _Reading(_duration(None, m["unit"]), kind="duration")


def _read_set(m: re.Match, r: _Reader) -> _Reading | None:
    """ "every five weeks" -> P5W (set), "every Monday" -> XXXX-WXX-1, "each July" -> XXXX-07."""
    if m["weekday"]:
        return _Reading(f"XXXX-WXX-{_table('weekday')[m['weekday'].lower()]}", kind="set")
    if m["month"]:
        return _Reading(f"XXXX-{_month_number(m['month']):02d}", kind="set")
    ok, count = _count(m["count"]) if m["count"] else (True, 1.0)
    if not ok:
        return None
    if m["other"]:
        count = (count or 1) * 2
    return _Reading(_duration(count, m["unit"]), kind="set")


def _read_frequency(m: re.Match, r: _Reader) -> _Reading | None:
    """ "daily" -> P1D (a set); lower case only, so "the Daily Mail" is not one."""
    return _Reading(_table("frequency")[m[0]], kind="set")


def _read_ref(m: re.Match, r: _Reader) -> _Reading | None:
    """ "now" -> PRESENT_REF, "recently" -> PAST_REF, "the future" -> FUTURE_REF."""
    word = " ".join(m[0].lower().split())
    value = _table("ref")[word]
    token = r.token_at(m.start())
    if word in ("current", "recent"):
        if token is None or token.pos_ != "ADJ":
            return None
    if word in ("the past", "the present", "the future"):
        last = r.token_at(m.end() - 1)
        nxt = last.nbor() if last is not None and last.i + 1 < len(last.doc) else None
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "NUM", "ADJ"):
            return None  # "the past president", "the present case"
    return _Reading(value)


def _read_holiday(m: re.Match, r: _Reader) -> _Reading | None:
    """ "Thanksgiving" -> 1999-11-25 for an article of January 2000; "Easter week"."""
    if not any(ch.isupper() for ch in m["holiday"]):
        return None
    rule = _table("holiday")[" ".join(m["holiday"].lower().replace("’", "'").split())]
    if m["year"]:
        year = int(m["year"])
    elif r.anchor is None:
        return _Reading(None)
    else:
        def interval(y: int):
            day = _holiday(rule, y)
            return (day, day) if day else None

        direction = r.direction(m.start())
        shift = _shift_of(m["shift"]) if m["shift"] else None
        if shift:
            direction = shift
        year = _calendar_year(r.anchor, direction, interval)
    day = _holiday(rule, year)
    if day is None:
        return None
    value = _iso_week(day) if m["week"] else day.isoformat()
    return _Reading(value, relative=not m["year"])


def _read_year_relative(m: re.Match, r: _Reader) -> _Reading | None:
    """ "year-end" -> the anchor's year end, "year-ago" / "year-earlier" -> the year before."""
    if r.anchor is None:
        return _Reading(None, relative=True)
    if "end" in m[0].lower():
        return _Reading(str(r.anchor.year), mod="END", relative=True)
    return _Reading(str(r.anchor.year - 1), relative=True)


def _read_spoken_year(m: re.Match, r: _Reader) -> _Reading | None:
    """Years said aloud in transcripts: "nineteen ninety-six" -> "1996", "the year two thousand"."""
    numbers = _table("number")
    tens = int(numbers[m["tens"].lower()]) if m["tens"] else 0
    ones = int(numbers[m["ones"].lower()]) if m["ones"] else 0
    if m["millennium"]:
        return _Reading(str(2000 + tens + ones))
    if not tens:
        return None  # "nineteen" alone is a count
    return _Reading(str(1900 + tens + ones))


_WORD_BEFORE_OF = re.compile(r"([\w'’]+)\s+of\s+$", re.I)


def _read_the_year(m: re.Match, r: _Reader) -> _Reading | None:
    """ "the year ended March 31" -> P1Y; "for the year" -> the anchor's year.

    Not an award: "song of the year" (only a part of a period comes "of the year").
    """
    of = _WORD_BEFORE_OF.search(r.before(m.start()))
    if of and of[1].lower() not in _table("unit") and of[1].lower() not in _words("periodpart"):
        return None
    if r.next_word(m.end()).lower() in ("ended", "ending", "to", "before", "after", "that", "when", "in"):
        if r.next_word(m.end()).lower() in ("ended", "ending"):
            return _Reading("P1Y", kind="duration")
        return None  # "the year before", "the year that...": anaphoric, no value to give
    if r.anchor is None:
        return _Reading(None, relative=True)
    return _Reading(str(r.anchor.year), relative=True)


# The anchor kinds (see `_anchor_kinds`) each rule's matches hold at least one of.
_NEEDS = {
    name: frozenset(kinds.split())
    for name, kinds in {
        "full_date": "month",
        "month_year": "month",
        "numeric": "digit",
        "part": "calendar unit",
        "decade": "digit",
        "century": "calendar",
        "period_of": "unit",
        "month": "month",
        "year": "digit",
        "season": "season",
        "weekday": "weekday",
        "deictic": "deictic",
        "daypart": "daypart",
        "clock": "digit clockword",
        "ago": "unit",
        "shifted": "unit calendar",
        "the_weekend": "calendar",
        "shifted_n": "unit",
        "duration": "unit",
        "vague_span": "unit",
        "set": "unit weekday month",
        "frequency": "frequency",
        "ref": "ref",
        "holiday": "holiday",
        "year_relative": "unit",
        "spoken_year": "calendar",
        "the_year": "unit",
    }.items()
}


@cache
def _rules() -> tuple[_Rule, ...]:
    """The rules, compiled once. Longer matches win; on a tie, the earlier rule."""
    t = _table
    month_any = _alternation(t("month"), cased=True, abbreviation=True)
    month_full = _alternation([w for w in t("month") if not w.endswith(".")], cased=True)
    weekday = _alternation(t("weekday"), cased=True)
    units = _alternation(t("unit"))
    shift = _alternation(w.removeprefix("the ") for w in t("shift"))
    zones = "|".join(sorted((z.upper() for z in t("zone")), key=len, reverse=True))
    numbers = _alternation(w for w, v in t("number").items())
    tens = _alternation(w for w, v in t("number").items() if v.isdigit() and int(v) % 10 == 0 and 20 <= int(v) <= 90)
    ones = _alternation(w for w, v in t("number").items() if v.isdigit() and 1 <= int(v) <= 9 and " " not in w and w not in ("a", "an"))
    ordinals = _alternation(t("ordinal"))
    holidays = _alternation(t("holiday"))
    refs = _alternation(t("ref"))
    frequencies = _alternation(t("frequency"))

    count = rf"(?:\d[\d,]*(?:\.\d+)?(?:\s+\d/\d)?|(?i:(?:(?:{tens})[-\s](?:{ones})|{numbers})(?:[-\s](?:hundred|thousand))?))"
    count_range = rf"{count}(?:\s*(?:to|or|-|–)\s*{count})?"
    day = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
    year = r"(?<!\d[./:,-])(?P<year>1[5-9]\d\d|20\d\d)(?![\d%]|[.,:/-]\d|\s*(?:percent|per\s*cent)\b)"
    no_age = r"(?![-\s]+olds?\b)"
    start, end = r"(?<![\w$£€#@])", r"(?!\w)"
    ci = re.IGNORECASE

    def rule(name, pattern, read, flags=0):
        return _Rule(name, re.compile(f"{start}(?:{pattern}){end}", flags), read, _NEEDS[name])

    return (
        rule("full_date", rf"(?:(?P<weekday>{weekday}),?\s+)?(?P<month>{month_any})\s+(?:the\s+)?{day}(?:,?\s+{year})?", _read_full_date),
        rule("full_date", rf"(?:(?P<weekday>{weekday}),?\s+)?(?:the\s+)?{day}(?:\s+of)?\s+(?P<month>{month_any})(?:,?\s+{year})?", _read_full_date),
        rule("month_year", rf"(?P<month>{month_any}),?\s+(?:of\s+)?{year}", _read_month_year),
        rule(
            "numeric",
            r"(?:(?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>0[1-9]|1[0-2])-(?P<id>[0-2]\d|3[01]))"
            r"|(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<sy>(?:19|20)?\d\d))(?![/.]?\d)",
            _read_numeric,
        ),
        rule(
            "part",
            rf"(?:(?P<the>(?i:the))\s+)?(?:(?P<shift>(?i:latest|last|past|previous|current|this|next|coming|most\s+recent|same))\s+)?"
            rf"(?:(?P<yago>(?i:year-ago|year-earlier|comparable|fiscal|calendar))[\s-]+)?(?:(?P<pyear>(?:19|20)\d\d)\s+)?"
            rf"(?:(?:(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th|last|final))[\s-]+(?:(?i:fiscal|calendar)[\s-]+)?(?P<part>(?i:quarter|half)))"
            rf"|(?P<q>Q[1-4])|(?P<part2>(?i:quarter|period)))"
            rf"(?:(?:\s+(?i:of)\s+|\s+)(?:(?i:fiscal\s+)?{year}|(?P<qshift>(?i:this|last|next))\s+(?i:year)))?",
            _read_part_rule,
        ),
        rule("decade", rf"(?:(?P<the>(?i:the))\s+)?(?P<dec>1[0-9]\d0|20\d0|['’]\d0|\d0)s", _read_decade),
        rule("century", rf"(?:the\s+)?(?P<ord>{ordinals}|\d{{1,2}}(?:st|nd|rd|th))[-\s]+century", _read_century, ci),
        rule("period_of", rf"(?P<pmod>the\s+(?:very\s+)?(?:end|beginning|start|middle|close))\s+of\s+(?P<shift>the|this)\s+(?P<unit>week|month|year|quarter|decade|century)", _read_period_of_rule, ci),
        rule("month", rf"(?:(?P<shift>(?i:this|last|next|past|coming))\s+)?(?P<month>{month_full})(?:\s+(?P<yshift>(?i:this|last|next))\s+(?i:year))?(?!\s*\d)", _read_month),
        rule("year", rf"(?:(?P<pre>(?i:fiscal(?:\s+year)?|the\s+year|calendar))\s+)?{year}", _read_year),
        rule(
            "season",
            rf"(?:(?P<the>the)\s+)?(?:(?P<shift>this|last|next|past|coming)\s+)?(?P<season>{_alternation(t('season'))})(?:\s+(?:of\s+)?{year})?",
            _read_season,
            ci,
        ),
        rule(
            "weekday",
            rf"(?:(?P<shift>(?i:last|next|this|past|coming))\s+)?(?P<weekday>{weekday})(?P<plural>s)?(?:\s+(?P<dp>(?i:morning|afternoon|evening|night))(?P<dps>s)?)?",
            _read_weekday,
        ),
        rule(
            "deictic",
            rf"(?:the\s+day\s+(?P<dd>before|after)\s+)?(?P<deictic>{_alternation(t('deictic'))})(?:\s+(?P<dp>morning|afternoon|evening|night))?",
            _read_deictic,
            ci,
        ),
        rule("daypart", r"(?P<shift>this|last)\s+(?P<dp>morning|afternoon|evening|night)", _read_daypart, ci),
        rule(
            "clock",
            rf"(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>(?i:a\.m\.?|p\.m\.?|am|pm))(?!\w)"
            rf"|(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?!:?\d)|(?P<word>(?i:{_alternation(t('clockword'))})))"
            rf"(?:\s+(?P<zone>{zones}))?",
            _read_clock,
        ),
        rule("ago", rf"(?:(?P<count>{count})\s+)?(?P<unit>{units})(?P<orso>\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence)", _read_ago_rule, ci),
        rule("shifted", rf"(?:(?P<the>the)\s+)?(?P<shift>{shift})\s+(?:(?:fiscal|calendar)\s+)?(?P<unit>week|weekend|month|year|decade|century|quarter|half)", _read_shifted, ci),
        rule("the_weekend", r"the\s+weekend", _read_the_weekend, ci),
        rule(
            "shifted_n",
            rf"(?:(?P<the>the)\s+)?(?P<shift>past|last|next|coming|previous|following|first|latest|final|remaining|initial|same)\s+"
            rf"(?P<count>{count_range})(?P<half1>)(?P<half2>)\s+(?:(?:more|full)\s+)?(?P<unit>{units})(?P<orso>\s+or\s+so)?",
            _read_duration_rule,
            ci,
        ),
        rule(
            "duration",
            rf"(?:(?P<the>(?i:the))\s+)?(?P<shift>)(?P<count>{count_range})(?P<half1>\s+(?i:and\s+a\s+half))?(?:\s+|-)"
            rf"(?:(?i:more|additional|extra|full|straight|consecutive|long)\s+)?(?P<unit>(?i:{units}))(?P<half2>\s+(?i:and\s+a\s+half))?"
            rf"(?P<orso>\s+(?i:or\s+so))?{no_age}",
            _read_duration,
        ),
        rule(
            "vague_span",
            r"(?:the\s+)?(?:(?P<recent>recent|past|coming|next\s+few|past\s+few|last\s+few)\s+)?"
            r"(?P<unit>years|months|weeks|days|decades|hours|centuries)(?P<ahead>\s+ahead)?",
            _read_vague_span,
            ci,
        ),
        rule(
            "set",
            rf"(?:(?i:every|each)\s+(?:(?P<other>(?i:other))\s+)?(?:(?P<count>{count})\s+)?(?:(?P<unit>(?i:{units}))|(?P<weekday>{weekday})|(?P<month>{month_full}))|(?i:per)\s+(?P<count2>)(?P<unit2>(?i:{units})))",
            _read_set_rule,
        ),
        rule("frequency", rf"(?:{frequencies})", _read_frequency),
        rule("ref", rf"(?:{refs})", _read_ref, ci),
        rule(
            "holiday",
            rf"(?:(?P<shift>(?i:last|this|next))\s+)?(?P<holiday>(?i:{holidays}))(?:\s+(?P<week>(?i:week)))?(?:,?\s+{year})?",
            _read_holiday,
        ),
        rule("year_relative", r"year(?:-|\s+|['’]s\s+)?end|year-ago|year-earlier", _read_year_relative, ci),
        rule("spoken_year", rf"(?:nineteen|the\s+year\s+(?P<millennium>two\s+thousand)(?:\s+and)?)(?:[\s-]+(?P<tens>{tens}))?(?:[\s-]+(?P<ones>{ones}))?", _read_spoken_year, ci),
        rule("the_year", r"the\s+(?:(?:full|fiscal|whole|entire|calendar)\s+)?year", _read_the_year, ci),
    )


def _read_part_rule(m: re.Match, r: _Reader) -> _Reading | None:
    """ "Q3", "the latest period" and "the quarter" as well as "the third quarter"."""
    part = m["part"] or m["part2"] or "quarter"
    if m["q"]:
        part = "q"
    if m["part2"] and m["part2"].lower() == "period" and not (m["shift"] and m["shift"].lower() in ("latest", "most recent")) and not m["yago"]:
        return None  # "the period" alone is no date; "the latest period" is the last quarter
    view = _GroupView(m, part=part)
    return _read_part(view, r)


def _read_period_of_rule(m: re.Match, r: _Reader) -> _Reading | None:
    """ "the end of the year" -> this year with mod END; "the middle of this month"."""
    view = _GroupView(m, the=None, shift="this")
    reading = _read_shifted(view, r)
    key = _mod_key(m["pmod"] + " of")
    return _with(reading, mod=_table("mod").get(key)) if reading else None


def _read_ago_rule(m: re.Match, r: _Reader) -> _Reading | None:
    """ "two years ago", "a year earlier"; without a count only "years ago" (PAST_REF)."""
    if m["count"] is None and m["dir"].lower() != "ago":
        return None  # "days later" is no date
    if m["count"] is None and not m["unit"].lower().endswith("s"):
        return None
    return _read_ago(m, r)


def _read_duration_rule(m: re.Match, r: _Reader) -> _Reading | None:
    """ "the past two months", "the next 12 to 18 months": always a duration."""
    reading = _read_duration(m, r)
    if reading is None:
        return None
    if m["count"].lower() in ("a", "an"):
        return None  # "the next a year" cannot happen; "the first a" is noise
    return _with(reading, kind="duration")


def _read_set_rule(m: re.Match, r: _Reader) -> _Reading | None:
    """ "every five weeks", "each July", "per year"."""
    if m["unit2"]:
        return _Reading(_duration(1, m["unit2"]), kind="set")
    return _read_set(m, r)


class _GroupView:
    """A match with some groups overridden, so that one reading function serves two rules."""

    def __init__(self, m: re.Match, **overrides):
        self._m, self._overrides = m, overrides

    def __getitem__(self, name):
        if name in self._overrides:
            return self._overrides[name]
        try:
            return self._m[name]
        except IndexError:
            return None

    def start(self, *args):
        return self._m.start(*args)

    def end(self, *args):
        return self._m.end(*args)

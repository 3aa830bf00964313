"""The rules: one regex built from the lexicon and one reading function each.

Longer matches win; on a tie, the earlier rule. Each rule runs only in windows holding one of
the anchor kinds it `needs`.

    >>> [(r.name, sorted(r.needs)) for r in _rules()[:2]]
    [('full_date', ['month']), ('full_date', ['month'])]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from .lexicon import _alternation, _table
from .read_dates import (
    _read_century,
    _read_decade,
    _read_full_date,
    _read_holiday,
    _read_month,
    _read_month_year,
    _read_numeric,
    _read_spoken_year,
    _read_year,
)
from .read_days import _read_anaphoric_day, _read_clock, _read_daypart, _read_deictic, _read_weekday
from .read_durations import (
    _read_ago_rule,
    _read_duration,
    _read_duration_rule,
    _read_frequency,
    _read_ref,
    _read_set_rule,
    _read_vague_span,
)
from .read_periods import (
    _read_part_rule,
    _read_period_of_rule,
    _read_season,
    _read_shifted,
    _read_the_weekend,
    _read_the_year,
    _read_year_relative,
)
from .reading import _Reading

if TYPE_CHECKING:
    from .reader import _Reader


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern
    read: Callable[[re.Match, _Reader], _Reading | None]
    needs: frozenset[str]  # anchor kinds, one of which every match holds


# The anchor kinds (see `windows._anchor_kinds`) each rule's matches hold at least one of.
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
        "anaphoric_day": "unit daypart",
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
    ones = _alternation(
        w for w, v in t("number").items() if v.isdigit() and 1 <= int(v) <= 9 and " " not in w and w not in ("a", "an")
    )
    ordinals = _alternation(t("ordinal"))
    holidays = _alternation(t("holiday"))
    refs = _alternation(t("ref"))
    frequencies = _alternation(t("frequency"))

    spelled = rf"(?i:(?:(?:{tens})[-\s](?:{ones})|{numbers})(?:[-\s](?:hundred|thousand))?)"
    count = rf"(?:\d[\d,]*(?:\.\d+)?(?:\s+\d/\d)?|{spelled})"
    count_range = rf"{count}(?:\s*(?:to|or|-|–)\s*{count})?"
    day = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
    year = r"(?<!\d[./:,-])(?P<year>1[5-9]\d\d|20\d\d)(?![\d%]|[.,:/-]\d|\s*(?:percent|per\s*cent)\b)"
    no_age = r"(?![-\s]+olds?\b)"
    start, end = r"(?<![\w$£€#@])", r"(?!\w)"
    ci = re.IGNORECASE

    def rule(name, pattern, read, flags=0):
        return _Rule(name, re.compile(f"{start}(?:{pattern}){end}", flags), read, _NEEDS[name])

    return (
        rule(
            "full_date",
            rf"(?:(?P<weekday>{weekday}),?\s+)?(?P<month>{month_any})\s+(?:the\s+)?{day}(?:,?\s+{year})?",
            _read_full_date,
        ),
        rule(
            "full_date",
            rf"(?:(?P<weekday>{weekday}),?\s+)?(?:the\s+)?{day}(?:\s+of)?\s+(?P<month>{month_any})(?:,?\s+{year})?",
            _read_full_date,
        ),
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
        rule("decade", r"(?:(?P<the>(?i:the))\s+)?(?P<dec>1[0-9]\d0|20\d0|['’]\d0|\d0)s", _read_decade),
        rule("century", rf"(?:the\s+)?(?P<ord>{ordinals}|\d{{1,2}}(?:st|nd|rd|th))[-\s]+century", _read_century, ci),
        rule(
            "period_of",
            r"(?P<pmod>the\s+(?:very\s+)?(?:end|beginning|start|middle|close))\s+of\s+(?P<shift>the|this)\s+(?P<unit>week|month|year|quarter|decade|century)",
            _read_period_of_rule,
            ci,
        ),
        rule(
            "month",
            rf"(?:(?P<shift>(?i:this|last|next|past|coming))\s+)?(?P<month>{month_full})(?:\s+(?P<yshift>(?i:this|last|next))\s+(?i:year))?(?!\s*\d)",
            _read_month,
        ),
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
            "anaphoric_day",
            r"(?:(?P<the>the)\s+(?P<shift>next|following|previous|prior|same)|(?P<that>that)(?:\s+same)?)"
            r"\s+(?P<dp>day|morning|afternoon|evening|night)",
            _read_anaphoric_day,
            ci,
        ),
        rule(
            "clock",
            rf"(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>(?i:a\.m\.?|p\.m\.?|am|pm))(?!\w)"
            rf"|(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?!:?\d)|(?P<word>(?i:{_alternation(t('clockword'))})))"
            rf"(?:\s+(?P<zone>{zones}))?",
            _read_clock,
        ),
        rule(
            "ago",
            rf"(?:(?P<count>{count})\s+)?(?P<unit>{units})(?P<orso>\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence)",
            _read_ago_rule,
            ci,
        ),
        rule(
            "shifted",
            rf"(?:(?P<the>the)\s+)?(?P<shift>{shift})\s+(?:(?:fiscal|calendar)\s+)?(?P<unit>week|weekend|month|year|decade|century|quarter|half)",
            _read_shifted,
            ci,
        ),
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
        rule(
            "spoken_year",
            rf"(?:nineteen|the\s+year\s+(?P<millennium>two\s+thousand)(?:\s+and)?)(?:[\s-]+(?P<tens>{tens}))?(?:[\s-]+(?P<ones>{ones}))?",
            _read_spoken_year,
            ci,
        ),
        rule("the_year", r"the\s+(?:(?:full|fiscal|whole|entire|calendar)\s+)?year", _read_the_year, ci),
    )

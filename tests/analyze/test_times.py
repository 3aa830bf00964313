"""Time expressions: spans, TimeML values, kinds and mods, and re-anchoring inside dated quotes."""

from __future__ import annotations

from datetime import date

import pytest

from rumormill.analyze.context import Context
from rumormill.analyze.times import anchor_quoted_times, extract, find_times, time_at
from rumormill.model import Article, Quote, Source

ANCHOR = date(2020, 7, 31)  # a Friday: the example article's publication date


def _times(nlp, text, anchor=ANCHOR):
    return [(text[f.start : f.end], f.value, f.kind, f.mod) for f in extract(nlp(text), anchor)]


def _context(nlp, text, published=ANCHOR):
    article = Article(text=text, published=published.isoformat() if published else None)
    return Context(article=article, doc=nlp(text), published=published)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The example article's times.
        ("The couple - who wed in 2014 - were spotted.", ("2014", "2014", "date", None)),
        ("He has tried to divorce her since November 2018.", ("November 2018", "2018-11", "date", "interval_start")),
        ("He tweeted on July 20.", ("July 20", "2020-07-20", "date", None)),
        ("Pictures surfaced this week.", ("this week", "2020-W31", "date", None)),
        ("They argued earlier this week.", ("earlier this week", "2020-W31", "date", "start")),
        ("They have been living apart for a year.", ("a year", "P1Y", "duration", None)),
        ("He has been in Wyoming for the last year.", ("the last year", "P1Y", "duration", None)),
        ("Kim goes about once every five weeks.", ("every five weeks", "P5W", "set", None)),
        ("I cried about it yesterday.", ("yesterday", "2020-07-30", "date", None)),
        ('He said: "Today is a sad day."', ("Today", "2020-07-31", "date", None)),
        # Deictics and references without a calendar value.
        ("He is now in Wyoming.", ("now", "PRESENT_REF", "date", None)),
        ("She recently moved out.", ("recently", "PAST_REF", "date", None)),
        ("He wants to return in the future.", ("the future", "FUTURE_REF", "date", None)),
        ("They argued last night.", ("last night", "2020-07-30TNI", "time", None)),
        ("She arrived this morning.", ("this morning", "2020-07-31TMO", "time", None)),
        # Relative calendar units.
        ("She moved out last year.", ("last year", "2019", "date", None)),
        ("The album comes out next month.", ("next month", "2020-08", "date", None)),
        ("Sales fell in the third quarter.", ("the third quarter", "2020-Q3", "date", None)),
        ("Profits doubled in the first half of 2019.", ("the first half of 2019", "2019-H1", "date", None)),
        ("They met two years ago.", ("two years ago", "2018", "date", None)),
        ("The deal closed three weeks ago.", ("three weeks ago", "2020-W28", "date", None)),
        ("Sales fell in recent years.", ("recent years", "PAST_REF", "date", None)),
        ("The offer ends at the end of the month.", ("the end of the month", "2020-07", "date", "end")),
        # Weekdays: on or before the anchor in a past clause, ahead in a future one.
        ("He left on Monday.", ("Monday", "2020-07-27", "date", None)),
        ("He will speak on Monday.", ("Monday", "2020-08-03", "date", None)),
        ("She left last Friday.", ("last Friday", "2020-07-24", "date", None)),
        ("The blast came at 10:35 a.m. Tuesday.", ("10:35 a.m. Tuesday", "2020-07-28T10:35", "time", None)),
        ("Polls close at 8 p.m. EST.", ("8 p.m. EST", "2020-07-31T20:00", "time", None)),
        # Absolute dates, seasons, decades, holidays.
        ("He was born on 5 March 1980.", ("5 March 1980", "1980-03-05", "date", None)),
        ("The bombs went off on Aug. 7, 1998.", ("Aug. 7, 1998", "1998-08-07", "date", None)),
        ("The editorial ran on Monday, Oct. 26.", ("Monday, Oct. 26", "2020-10-26", "date", None)),
        ("The order was signed on 2020-07-20.", ("2020-07-20", "2020-07-20", "date", None)),
        ("They married in the summer of 2015.", ("the summer of 2015", "2015-SU", "date", None)),
        ("They split last fall.", ("last fall", "2019-FA", "date", None)),
        ("She was famous in the late 1990s.", ("the late 1990s", "199", "date", "end")),
        ("The tour starts in early 2021.", ("early 2021", "2021", "date", "start")),
        ("The war ended in mid-1996.", ("mid-1996", "1996", "date", "mid")),
        ("They spent last Christmas in Aspen.", ("last Christmas", "2019-12-25", "date", None)),
        ("He was jailed in the 20th century.", ("the 20th century", "19", "date", None)),
        ("She testified in nineteen ninety-six.", ("nineteen ninety-six", "1996", "date", None)),
        # Durations and sets.
        ("The talks lasted two and a half hours.", ("two and a half hours", "PT2H30M", "duration", None)),
        ("He was away for years.", ("years", "PXY", "duration", None)),
        ("The 14-day quarantine ended.", ("14-day", "P14D", "duration", None)),
        ("Losses mounted in the first nine months.", ("the first nine months", "P9M", "duration", None)),
        ("Talks lasted nearly two years.", ("nearly two years", "P2Y", "duration", "equal_or_less")),
        ("She earns $1 million a year.", ("a year", "P1Y", "set", None)),
        ("He runs daily.", ("daily", "P1D", "set", None)),
        ("They meet every Monday.", ("every Monday", "XXXX-WXX-1", "set", None)),
        # A preposition stays outside the span but its meaning is kept.
        ("He stayed until Tuesday.", ("Tuesday", "2020-07-28", "date", "interval_end")),
        ("She left before 2019.", ("2019", "2019", "date", "before")),
        ("Things changed after July 4.", ("July 4", "2020-07-04", "date", "after")),
    ],
)
def test_times_values(nlp, text, expected):
    assert expected in _times(nlp, text), _times(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The 'Wash Us In The Blood' rapper, 43 is thought to have been based at his ranch.",
        "Their children are North, seven, Saint, four, Chicago, two, and Psalm, one.",
        "The 52-year-old singer said she was 52 years old.",
        "The couple may wed.",
        "Prices fall when investors spring into action.",
        "The Daily Mail reported the story.",
        "He won a second term.",
        "The past president spoke.",
        "Iraq imports three-quarters of its food.",
        "He lives at 1600 Pennsylvania Avenue.",
        "She paid $2014 for the bag.",
        "The team scored 2000 points.",
        "Fans gathered in her 80s-themed bar.",
        "She told Entertainment Tonight about the split.",
        "He spoke to USA Today about it.",
        "The show featured a Days of Our Lives reunion.",
        "She won song of the year.",
    ],
)
def test_times_nothing_in_sentences_without_time(nlp, text):
    assert _times(nlp, text) == []


def test_times_wed_is_a_verb_not_wednesday(nlp):
    assert [t[1] for t in _times(nlp, "The couple - who wed in 2014 - were spotted in Wyoming.")] == ["2014"]


def test_times_without_publication_date_only_absolute_values(nlp):
    found = extract(nlp("She cried yesterday, as she did in 2014 and on July 20."), None)
    assert [(f.value, f.anchor) for f in found] == [(None, None), ("2014", None), ("XXXX-07-20", None)]


def test_times_find_times_fills_context(nlp):
    ctx = _context(nlp, "They wed in 2014 and split last week.")
    find_times(ctx)
    assert [(t.id, t.span.text, t.value, t.anchor) for t in ctx.times] == [
        ("t1", "2014", "2014", None),
        ("t2", "last week", "2020-W30", "2020-07-31"),
    ]
    assert all(ctx.text[t.span.start : t.span.end] == t.span.text for t in ctx.times)


def _dated_quote(ctx, quoted: str, date_words: str):
    start = ctx.text.index(quoted)
    stamp_start = ctx.text.index(date_words)
    stamp = time_at(ctx, stamp_start, stamp_start + len(date_words))
    return Quote(id="q1", span=ctx.span(start, start + len(quoted)), speaker=Source(kind="named"), date=stamp)


def test_times_quoted_yesterday_is_the_day_before_the_quote(nlp):
    ctx = _context(nlp, '"I cried about it yesterday," he tweeted on July 20. She left yesterday.')
    find_times(ctx)
    before = {t.id: t for t in ctx.times}
    ctx.quotes = [_dated_quote(ctx, "I cried about it yesterday,", "July 20")]
    anchor_quoted_times(ctx)
    assert [(t.id, t.span.text, t.value, t.anchor) for t in ctx.times] == [
        ("t1", "yesterday", "2020-07-19", "2020-07-20"),  # inside the quote: re-anchored, same id
        ("t2", "July 20", "2020-07-20", "2020-07-31"),
        ("t3", "yesterday", "2020-07-30", "2020-07-31"),  # outside: untouched
    ]
    assert ctx.times[2] == before["t3"]


def test_times_quote_without_a_day_date_changes_nothing(nlp):
    ctx = _context(nlp, '"I cried about it yesterday," he wrote this week.')
    find_times(ctx)
    before = list(ctx.times)
    ctx.quotes = [_dated_quote(ctx, "I cried about it yesterday,", "this week")]  # 2020-W31: no day
    anchor_quoted_times(ctx)
    assert ctx.times == before


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [(0, 5, None), (12, 16, "2014"), (10, 40, "last week")],  # most overlap wins
)
def test_times_time_at_overlapping_range(nlp, start, end, expected):
    ctx = _context(nlp, "They wed in 2014 and split last week.")
    find_times(ctx)
    found = time_at(ctx, start, end)
    assert (found.span.text if found else None) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("They have been living separate lives since the summer.", date(2024, 3, 12), "2023-SU"),
        ("She has lived in Malibu since August.", date(2024, 3, 12), "2023-08"),
        ("He has been in Wyoming since Friday.", date(2020, 7, 30), "2020-07-24"),
    ],
)
def test_times_since_points_back(nlp, text, anchor, expected):
    """An interval that has started lies behind the anchor, whatever the tense says."""
    assert [t[1] for t in _times(nlp, text, anchor)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Anaphoric by form: counted from the last date mentioned (TimeML's anchorTimeID).
        ("The firm was founded on March 3, 1995. The following year it went public.", ("The following year", "1996")),
        ("Net rose in the third quarter. A year earlier it fell.", ("A year earlier", "2019-Q3")),
        ("Sales fell in the third quarter from $5 million a year earlier.", ("a year earlier", "2019-Q3")),
        ("He arrived on July 20, 1998. He left the next day.", ("the next day", "1998-07-21")),
        ("He arrived on July 20, 1998. Two days later he left.", ("Two days later", "1998-07-22")),
        ("They met in April 1989. The same month they wed.", ("The same month", "1989-04")),
        ("They met in April 1989. The previous month they had quarrelled.", ("The previous month", "1989-03")),
        ("He fled in June 1998 and returned later that year.", ("later that year", "1998")),
        ("He was shot last October. His name was crossed out that same day.", ("that same day", "2019-10-XX")),
        ("He was arrested on May 2, 1990. He was released the next morning.", ("the next morning", "1990-05-03TMO")),
        # Deictic by form: counted from the publication date even after another date.
        ("They wed in 2014. They will split next year.", ("next year", "2021")),
        ("They wed in 2014. They split last week.", ("last week", "2020-W30")),
        ("They wed in 2014. He cried yesterday.", ("yesterday", "2020-07-30")),
        ("They wed in 2014. They split two years ago.", ("two years ago", "2018")),
        ("They wed in 2014. They will decide in the next month.", ("the next month", "2020-08")),
        # No date before it: the publication date is the fallback.
        ("He left the next day.", ("the next day", "2020-08-01")),
        ("Profit rose from $5 million a year earlier.", ("a year earlier", "2019")),
    ],
)
def test_times_anaphoric_from_last_date(nlp, text, expected):
    assert expected in [(span, value) for span, value, _, _ in _times(nlp, text)]


def test_times_anaphor_out_of_reach_keeps_publication_date(nlp):
    text = "They met on March 3, 1995.\n\nIt rained.\n\nThe following year they wed."
    assert ("The following year", "2021") in [(span, value) for span, value, _, _ in _times(nlp, text)]


def test_times_look_back_does_not_move_the_reference(nlp):
    text = "Net rose in the third quarter from $5 a year earlier. Sales rose from $9 a year earlier."
    assert [value for _, value, _, _ in _times(nlp, text)] == ["2020-Q3", "2019-Q3", "2019-Q3"]


def test_times_anaphor_records_its_reference_as_anchor(nlp):
    found = extract(nlp("Net rose in the third quarter. A year earlier it fell."), ANCHOR)
    assert [(f.value, f.anchor) for f in found] == [("2020-Q3", "2020-07-31"), ("2019-Q3", "2020-Q3")]


@pytest.mark.parametrize(
    "text",
    [
        "He said that weekend sales rose.",  # "that" is a conjunction, not a determiner
        "He argued that night shifts were unsafe.",
        "He said that month-long talks had failed.",
    ],
)
def test_times_that_conjunction_is_no_anaphor(nlp, text):
    assert not [span for span, *_ in _times(nlp, text) if span.lower().startswith("that")]

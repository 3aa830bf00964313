"""When to poll next and when a source is quiet: pure functions on numbers and a clock."""

from __future__ import annotations

import pytest

from rumormill.watch.health import articles_per_day, is_quiet, usual_gap
from rumormill.watch.schedule import JITTER, MAX_BACKOFF, HostGate, backoff_bounds, next_delay

DAY = 86_400.0


def test_next_delay_keeps_the_interval_after_a_good_poll():
    assert next_delay(900, 0) == 900.0


@pytest.mark.parametrize("streak", [1, 2, 3, 6, 7, 20])
def test_next_delay_doubles_per_error_within_the_jitter_bounds(streak):
    base = min(900 * 2 ** min(streak, 6), MAX_BACKOFF)
    low, high = backoff_bounds(900, streak)
    assert (low, high) == pytest.approx((base * (1 - JITTER), base * (1 + JITTER)))
    assert all(low <= next_delay(900, streak) <= high for _ in range(50))


def test_next_delay_grows_whatever_the_jitter():
    # the least wait after n+1 errors is longer than the most after n, below the cap
    for streak in range(1, 6):
        assert backoff_bounds(60, streak + 1)[0] > backoff_bounds(60, streak)[1]


def test_host_gate_spaces_requests_to_one_host_only():
    now = [100.0]
    gate = HostGate(2.0, clock=lambda: now[0])
    assert gate.wait("a.example")
    assert gate.ready_in("a.example") == 2.0 and gate.ready_in("b.example") == 0.0
    now[0] += 1.5
    assert gate.ready_in("a.example") == pytest.approx(0.5)


def test_a_source_is_quiet_after_several_of_its_usual_gaps():
    hourly = [i * 3600.0 for i in range(10)]
    last = hourly[-1]
    assert usual_gap(hourly) == 3600.0
    assert not is_quiet(hourly, 900, last + 3 * 3600)
    assert is_quiet(hourly, 900, last + 5 * 3600)


@pytest.mark.parametrize(
    ("sightings", "interval", "silence"),
    [
        ([], 900, 365 * DAY),  # never published: no gap to go by
        ([0.0, 3600.0], 900, 30 * DAY),  # one gap is not a rhythm
        ([i * 7 * DAY for i in range(6)], 3600, 14 * DAY),  # a weekly column two weeks on
        ([i * 60.0 for i in range(6)], 3600, 3 * 3600),  # polled hourly: the interval is the floor
    ],
)
def test_a_source_is_not_called_quiet_without_reason(sightings, interval, silence):
    assert not is_quiet(sightings, interval, max(sightings, default=0.0) + silence)


def test_articles_per_day_counts_the_window_and_never_less_than_a_day():
    polls = [(10 * DAY + h * 3600.0, 2) for h in range(12)]  # 24 articles on day ten
    assert articles_per_day(polls, watched_since=0.0, now=11 * DAY) == pytest.approx(24 / 11)
    assert articles_per_day(polls[:1], watched_since=10 * DAY, now=10 * DAY + 60) == 2.0

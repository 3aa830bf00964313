"""The watcher: poll due sources, one after another, until told to stop.

    >>> from rumormill.watch import Watcher
    >>> Watcher("rumormill.db").run_once()          # one cycle, as `rumormill watch --once` does
    >>> Watcher("rumormill.db").run(stop_event)     # until stop_event is set

A plain loop, not APScheduler: the schedule is a column (`next_due`) in the store, so a watcher
that stops, however it stops, resumes from the store, and several watchers share it; what a
scheduler library adds (an in-memory job store, executors, misfire rules) would duplicate that
state or fight it. Each cycle claims the due sources (a lease, see `sources.py`), polls them one
at a time in the order their hosts allow (`HostGate`: no two requests to a host closer than
`host_delay` seconds), and records each poll's result and the source's next due time: its
interval after a good poll, a growing, jittered wait after errors (`schedule.next_delay`).

Polls run one at a time on purpose: a poll's cost is the analysis of what it brings, which is
CPU-bound and already uses the cores it is given; the network waits it saves by overlapping
are small beside that, and sequential polls keep the politeness rule and the leases simple.

Stopping: `stop` (an Event; the command sets it on SIGTERM and SIGINT) is checked between
polls and while waiting, so the poll under way finishes and its result is recorded. A watcher
killed outright (SIGKILL, power) loses at most that poll: every store write is one transaction,
the source's validators and due time are written only after its articles are, and its lease is
given back by the next watcher on the machine (or runs out). The next start resumes from the
store: what was due is due, what was stored is skipped.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import StoreError
from ..store import Store, open_store
from . import sources as table
from .poll import PollResult, Stopped, poll
from .schedule import HostGate, host_of, next_delay

log = logging.getLogger("rumormill.watch")

DEFAULT_HOST_DELAY = 1.0  # seconds between two requests to one host: polite, and 3,600 polls an hour
IDLE_WAIT = 30.0  # the longest sleep with nothing due: sources added meanwhile are seen this soon
CLAIM = 4  # sources leased at a time: few, so a lease does not wait long behind the others' polls

AfterCycle = Callable[[Store, list[str]], None]
_watchers = itertools.count()


@dataclass
class CycleReport:
    """What one cycle did: the polls by outcome, and the ids of the articles it stored."""

    polls: int = 0
    new: int = 0  # polls that stored new articles
    unchanged: int = 0
    not_modified: int = 0
    errors: int = 0
    new_ids: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, result: PollResult) -> None:
        self.polls += 1
        counter = "errors" if result.outcome == "error" else result.outcome
        setattr(self, counter, getattr(self, counter) + 1)
        self.new_ids.extend(result.new_ids)

    def to_dict(self) -> dict:
        return {
            "polls": self.polls,
            "new": self.new,
            "unchanged": self.unchanged,
            "not_modified": self.not_modified,
            "errors": self.errors,
            "new_articles": len(self.new_ids),
            "seconds": round(self.seconds, 3),
        }


class Watcher:
    """Polls a store's sources on their schedules.

    Args:
        store: a `Store`, or where to open one.
        allow_private: let polls reach private and loopback addresses (tests, an intranet).
        host_delay: the least number of seconds between two requests to one host.
        after_cycle: called as `after_cycle(store, new_article_ids)` after each cycle that
            stored new articles (alerts hang here). It runs after the cycle's polls are recorded;
            an exception from it propagates (and stops `run`), and those ids are not offered again.
        on_poll: called with each `PollResult` (the command prints them).
    """

    def __init__(
        self,
        store: Store | str | Path | None = None,
        *,
        allow_private: bool = False,
        host_delay: float = DEFAULT_HOST_DELAY,
        after_cycle: AfterCycle | None = None,
        on_poll: Callable[[PollResult], None] | None = None,
    ):
        self._owns_store = not isinstance(store, Store)
        self.store = open_store(store) if self._owns_store else store
        self.allow_private = allow_private
        self.gate = HostGate(host_delay)
        self.after_cycle = after_cycle
        self.on_poll = on_poll
        self.holder = table.holder_name(next(_watchers))

    def close(self) -> None:
        if self._owns_store:
            self.store.close()

    def run_once(self, stop: threading.Event | None = None) -> CycleReport:
        """Poll every source due now, once; return what the cycle did."""
        stop = stop or threading.Event()
        started = time.perf_counter()
        report = CycleReport()
        table.release_orphans(self.store)
        cycle_start = time.time()
        while not stop.is_set():
            claimed = table.claim_due(self.store, self.holder, limit=CLAIM, now=cycle_start)
            if not claimed:
                break
            self._poll_claimed(claimed, report, stop)
        report.seconds = time.perf_counter() - started
        if report.new_ids and self.after_cycle is not None:
            self.after_cycle(self.store, list(report.new_ids))
        return report

    def _poll_claimed(self, claimed: list[dict], report: CycleReport, stop: threading.Event) -> None:
        pending = list(claimed)
        try:
            while pending and not stop.is_set():
                # the source whose host is free soonest: another host's feed goes while one waits
                source = min(pending, key=lambda s: self.gate.ready_in(host_of(s["url"])))
                pending.remove(source)
                try:
                    result = poll(
                        self.store,
                        source,
                        allow_private=self.allow_private,
                        before_fetch=lambda url: self.gate.wait(host_of(url), stop),
                    )
                except Stopped:
                    pending.append(source)
                    break
                self._record(source, result)
                report.add(result)
                if self.on_poll is not None:
                    self.on_poll(result)
        finally:
            if pending:  # stopping: the rest stay due, for this watcher's next start or another
                table.release(self.store, self.holder, [s["id"] for s in pending])

    def _record(self, source: dict, result: PollResult) -> None:
        streak = (source.get("error_streak") or 0) + 1 if result.outcome == "error" else 0
        due = time.time() + next_delay(source["interval_s"], streak)
        table.record_poll(self.store, source, self.holder, result, next_due=due)
        log.info(
            "%s %s: %d new%s",
            result.outcome,
            source["url"],
            len(result.new_ids),
            f" ({result.error})" * bool(result.error),
        )

    def seconds_to_next(self) -> float:
        """How long until a source is due (IDLE_WAIT at most, 0 when one is due now)."""
        due = table.next_due(self.store)
        if due is None:
            return IDLE_WAIT
        return max(0.0, min(due - time.time(), IDLE_WAIT))

    def run(self, stop: threading.Event, on_cycle: Callable[[CycleReport], None] | None = None) -> None:
        """Cycle until `stop` is set: poll what is due, then sleep until the next source is due."""
        while not stop.is_set():
            try:
                report = self.run_once(stop)
            except StoreError as error:
                # the store is down or locked for long: say so and try again, as a feed error would
                log.warning("watch: %s; trying again in %g s", error, IDLE_WAIT)
                stop.wait(IDLE_WAIT)
                continue
            if on_cycle is not None and report.polls:
                on_cycle(report)
            stop.wait(max(self.seconds_to_next(), 0.05))


def watch(
    store: Store | str | Path | None = None, *, once: bool = False, stop: threading.Event | None = None, **options
) -> CycleReport | None:
    """Run a `Watcher` (see its arguments): one cycle with `once`, else until `stop` is set."""
    watcher = Watcher(store, **options)
    try:
        if once:
            return watcher.run_once(stop)
        watcher.run(stop or threading.Event())
        return None
    finally:
        watcher.close()

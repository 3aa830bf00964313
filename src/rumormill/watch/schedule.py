"""When to poll: the delay after a poll (backoff with jitter on errors) and the per-host gate.

Both are pure bookkeeping on numbers and a clock, so they are tested without a network.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit

# Each error in a row doubles the wait, up to 2**6 = 64 intervals: a feed polled every 15
# minutes that has died is tried about every 16 hours, not 96 times a day.
MAX_DOUBLINGS = 6
MAX_BACKOFF = 86_400.0  # and never more than a day, whatever the interval
# ±20% spreads the retries of sources that failed together (one host down) so they do not all
# come back in the same second; under 1/3, so a doubled wait is always longer than the last one
JITTER = 0.2


def next_delay(interval: float, error_streak: int, rand: Callable[[], float] = random.random) -> float:
    """Seconds until the next poll of a source polled every `interval` seconds that has failed
    `error_streak` times in a row (0: the last poll went well, and the interval is kept exactly).

        >>> next_delay(900, 0)
        900.0
        >>> 0.8 * 1800 <= next_delay(900, 1) <= 1.2 * 1800
        True
    """
    if error_streak <= 0:
        return float(interval)
    base = min(interval * 2 ** min(error_streak, MAX_DOUBLINGS), max(MAX_BACKOFF, interval))
    return base * (1 - JITTER + 2 * JITTER * rand())


def backoff_bounds(interval: float, error_streak: int) -> tuple[float, float]:
    """The least and the most `next_delay` can give (for health pages and tests)."""
    return next_delay(interval, error_streak, lambda: 0.0), next_delay(interval, error_streak, lambda: 1.0)


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class HostGate:
    """No two requests to one host closer than `delay` seconds (politeness).

    `ready_in(host)` says how long a request to `host` must wait; `wait(host)` waits that long
    (or until `stop` is set) and books the request. One gate serves one watcher: its polls run
    one after another, so the gate needs no more than a lock for `serve --watch`'s thread.
    Watchers sharing a PostgreSQL store keep a gate each: the spacing holds per watcher, not
    across them (sharing it would mean a store write before every request).
    """

    def __init__(self, delay: float, clock: Callable[[], float] = time.monotonic):
        self.delay = delay
        self._clock = clock
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def ready_in(self, host: str) -> float:
        last = self._last.get(host)
        return 0.0 if last is None else max(0.0, last + self.delay - self._clock())

    def wait(self, host: str, stop: threading.Event | None = None) -> bool:
        """Wait for `host`'s turn and book it; False when `stop` was set while waiting."""
        while True:
            with self._lock:
                pause = self.ready_in(host)
                if pause <= 0:
                    self._last[host] = self._clock()
                    return True
            if stop is not None:
                if stop.wait(pause):
                    return False
            else:
                time.sleep(pause)

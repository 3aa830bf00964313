"""Slow work off the event loop, bounded: analysis and fetching run in worker threads, at most
`workers` at a time, and a caller waits at most `timeout` seconds for the answer.

A thread cannot be killed, so a timed-out analysis finishes in the background while its caller
already has its 504; the limiter still counts it until it does, so a flood of slow requests
queues up instead of starting unbounded work.
"""

from __future__ import annotations

from collections.abc import Callable

import anyio
import anyio.to_thread

from .errors import ApiError


class Jobs:
    def __init__(self, workers: int = 2, timeout: float = 60.0):
        self.limiter = anyio.CapacityLimiter(workers)
        self.timeout = timeout

    async def run(self, what: str, function: Callable, *args):
        """`function(*args)` in a worker thread; a 504 naming `what` when it takes too long."""
        try:
            with anyio.fail_after(self.timeout):
                return await anyio.to_thread.run_sync(function, *args, limiter=self.limiter, abandon_on_cancel=True)
        except TimeoutError:
            raise ApiError(504, f"{what} took longer than the limit of {self.timeout:g} s", "timeout") from None

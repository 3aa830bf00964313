"""Watching sources: feeds and pages polled on a schedule, and how each source is doing.

    >>> from rumormill import open_store
    >>> from rumormill.watch import Watcher, add_source, sources_health
    >>> store = open_store("rumormill.db")
    >>> add_source(store, "https://example.com/feed.xml", interval=900)
    >>> Watcher(store).run_once()            # `rumormill watch --once`
    >>> sources_health(store)[0]["status"]   # "ok", "failing", "quiet" or "new"

sources.py keeps the sources table (and the leases that let watchers share it), poll.py polls one
source, schedule.py says when to poll next and when a host may be asked again, loop.py runs the
cycles, health.py reads each source's history.
"""

from __future__ import annotations

from .health import is_quiet, sources_health
from .loop import CycleReport, Watcher, watch
from .poll import PollResult, poll
from .schedule import HostGate, next_delay
from .sources import add_source, import_sources, list_sources, parse_source_lines, remove_source

__all__ = [
    "CycleReport",
    "HostGate",
    "PollResult",
    "Watcher",
    "add_source",
    "import_sources",
    "is_quiet",
    "list_sources",
    "next_delay",
    "parse_source_lines",
    "poll",
    "remove_source",
    "sources_health",
    "watch",
]

"""Per-host politeness: when may the next request to a host start.

A host's next allowed time is the latest of:
- the last request start + max(`--delay`, the host's robots.txt `Crawl-delay`) (`--delay` is a floor);
- a `Retry-After` (429/503: seconds or an HTTP-date) — it slows the whole host, not one URL;
- an exponential backoff with jitter after retryable failures (502, 504, connect errors,
  timeouts), reset by the next success.
At most `per_host` requests to a host are in flight at once. State is per host (never per URL),
kept in memory while the crawl runs and saved in the state's ``hosts`` table.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scraper.crawl.state import HostRow

# Statuses worth trying again later; everything else (404, 403, 410, ...) is final.
RETRYABLE_STATUS = frozenset({429, 502, 503, 504})
# Statuses whose Retry-After header is obeyed for the whole host.
RETRY_AFTER_STATUS = frozenset({429, 503})
# FetchError.reason values worth trying again.
RETRYABLE_REASONS = frozenset({"timeout", "connect", "protocol", "fetch-error:disconnect"})


def parse_retry_after(value: str | None, *, now: float) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or an HTTP-date), or None."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, float(when.timestamp()) - now)


def backoff_delay(level: int, *, base: float, cap: float, rng: random.Random) -> float:
    """Exponential backoff with "equal jitter": between half and all of base * 2**level, capped."""
    full: float = min(cap, base * 2.0 ** min(max(0, level), 60))
    return full / 2 + rng.uniform(0, full / 2)


@dataclass
class HostState:
    """One host's politeness, mutable, in memory while the crawl runs."""

    host: str
    next_at: float = 0.0
    backoff_level: int = 0
    crawl_delay: float | None = None
    robots: str | None = None
    in_flight: int = 0
    queued: int = 0
    wake_at: float = 0.0  # earliest not_before of its queued URLs, when none is ready now

    def row(self) -> HostRow:
        return HostRow(host=self.host, next_at=self.next_at, backoff_level=self.backoff_level,
                       crawl_delay=self.crawl_delay, robots=self.robots)


@dataclass(frozen=True, kw_only=True)
class PolitenessSettings:
    per_host: int = 2
    delay: float = 0.0
    backoff_base: float = 1.0
    backoff_max: float = 300.0
    max_retry_after: float = 3600.0


class Politeness:
    """The per-host clock. Times are `time.time()` seconds so they survive a restart."""

    def __init__(self, settings: PolitenessSettings, *, rng: random.Random | None = None) -> None:
        self.settings = settings
        self._rng = rng or random.Random()

    def interval(self, host: HostState) -> float:
        return max(self.settings.delay, host.crawl_delay or 0.0)

    def ready(self, host: HostState, *, now: float) -> bool:
        """May a request to this host start now?"""
        return (
            host.in_flight < self.settings.per_host
            and host.next_at <= now
            and host.queued > host.in_flight
            and host.wake_at <= now
        )

    def started(self, host: HostState, *, now: float) -> None:
        host.in_flight += 1
        host.next_at = max(host.next_at, now + self.interval(host))

    def finished(self, host: HostState) -> None:
        host.in_flight = max(0, host.in_flight - 1)

    def succeeded(self, host: HostState) -> None:
        host.backoff_level = 0

    def retry_after(self, host: HostState, seconds: float, *, now: float) -> float:
        """Obey a Retry-After for the whole host; returns when the host may be asked again."""
        wait = min(max(0.0, seconds), self.settings.max_retry_after)
        host.next_at = max(host.next_at, now + wait)
        return host.next_at

    def failed(self, host: HostState, *, now: float) -> float:
        """Back off the whole host after a retryable failure; returns when it may be asked again."""
        wait = backoff_delay(host.backoff_level, base=self.settings.backoff_base,
                             cap=self.settings.backoff_max, rng=self._rng)
        host.backoff_level += 1
        host.next_at = max(host.next_at, now + wait)
        return host.next_at

    def in_backoff(self, host: HostState, *, now: float) -> bool:
        return host.backoff_level > 0 or host.next_at - now > self.interval(host)


def now_utc() -> datetime:
    return datetime.now(UTC)


class HostQueue:
    """Hosts with work to start: the ready ones in round-robin order, the waiting ones in a heap
    by the time they may be asked again. Choosing hosts costs O(log hosts), never a scan of all.

    Call `place` whenever something about a host changed (work queued, a visit finished, a
    backoff). A host that is full (`per_host` in flight) or has nothing unstarted is left out
    until the next `place`. Heap entries may be stale; they are re-placed when due.
    """

    def __init__(self, polite: Politeness) -> None:
        self._polite = polite
        self._ready: dict[str, HostState] = {}
        self._sleeping: list[tuple[float, int, HostState]] = []
        self._pushes = 0

    def place(self, host: HostState, *, now: float) -> None:
        self._ready.pop(host.host, None)  # a host placed again goes to the back of the line
        if host.in_flight >= self._polite.settings.per_host or host.queued <= host.in_flight:
            return
        at = max(host.next_at, host.wake_at)
        if at <= now:
            self._ready[host.host] = host
        else:
            self._pushes += 1
            heapq.heappush(self._sleeping, (at, self._pushes, host))

    def ready(self, *, now: float) -> list[HostState]:
        """The hosts that may be asked now, longest waiting first."""
        while self._sleeping and self._sleeping[0][0] <= now:
            host = heapq.heappop(self._sleeping)[2]
            if host.host not in self._ready:
                self.place(host, now=now)
        return list(self._ready.values())

    def next_wake(self) -> float | None:
        return self._sleeping[0][0] if self._sleeping else None

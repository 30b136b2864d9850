"""Per-host politeness: delays, Crawl-delay, Retry-After, backoff."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest

from scraper.crawl.politeness import (
    HostState,
    Politeness,
    PolitenessSettings,
    backoff_delay,
    parse_retry_after,
)


def _polite(**kw: float) -> Politeness:
    return Politeness(PolitenessSettings(**kw), rng=random.Random(1))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("120", 120.0), ("0", 0.0), (None, None), ("soon", None)],
    ids=["seconds", "zero", "absent", "garbage"],
)
def test_retry_after_values(value: str | None, expected: float | None) -> None:
    """Retry-After in seconds; garbage and absence give None."""
    assert parse_retry_after(value, now=0.0) == expected


def test_retry_after_http_date() -> None:
    """Retry-After as an HTTP-date counts from now."""
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC).timestamp()
    value = format_datetime(datetime(2026, 1, 1, 12, 0, 30, tzinfo=UTC), usegmt=True)
    assert parse_retry_after(value, now=now) == 30.0


def test_delay_is_a_floor_under_crawl_delay() -> None:
    """The interval is the larger of --delay and Crawl-delay."""
    polite = _polite(delay=0.5)
    host = HostState(host="h")
    assert polite.interval(host) == 0.5
    host.crawl_delay = 2.0
    assert polite.interval(host) == 2.0


def test_per_host_limit() -> None:
    """No more than per_host requests in flight to one host."""
    polite = _polite(per_host=2)
    host = HostState(host="h", queued=10)
    polite.started(host, now=0)
    polite.started(host, now=0)
    assert not polite.ready(host, now=0)
    polite.finished(host)
    assert polite.ready(host, now=0)


def test_retry_after_slows_the_whole_host() -> None:
    """After a Retry-After the host is not ready until it passes."""
    polite = _polite()
    host = HostState(host="h", queued=5)
    polite.retry_after(host, 10, now=100)
    assert not polite.ready(host, now=105)
    assert polite.ready(host, now=110)


def test_backoff_grows_and_resets() -> None:
    """Each retryable failure backs the host off longer; a success resets the level."""
    polite = _polite(backoff_base=1.0, backoff_max=100.0)
    host = HostState(host="h", queued=5)
    first = polite.failed(host, now=0)
    host.next_at = 0
    second = polite.failed(host, now=0)
    assert second > first
    polite.succeeded(host)
    assert host.backoff_level == 0


@pytest.mark.parametrize("level", [0, 3, 20], ids=["first", "fourth", "huge"])
def test_backoff_is_bounded(level: int) -> None:
    """Backoff with jitter stays within [half, all] of min(cap, base*2**level)."""
    full = min(30.0, 0.5 * 2**level)
    delay = backoff_delay(level, base=0.5, cap=30.0, rng=random.Random(level))
    assert full / 2 <= delay <= full


def test_host_queue_round_robin_and_wake() -> None:
    """Ready hosts come round robin; a waiting host comes back when its time is due."""
    from scraper.crawl.politeness import HostQueue

    polite = _polite(per_host=1)
    queue = HostQueue(polite)
    a, b, c = (HostState(host=n, queued=3) for n in "abc")
    c.next_at = 10.0
    for host in (a, b, c):
        queue.place(host, now=0)
    assert [h.host for h in queue.ready(now=0)] == ["a", "b"]
    queue.place(a, now=0)  # served: to the back of the line
    assert [h.host for h in queue.ready(now=0)] == ["b", "a"]
    assert queue.next_wake() == 10.0
    assert [h.host for h in queue.ready(now=10)] == ["b", "a", "c"]


def test_host_queue_leaves_out_full_and_idle_hosts() -> None:
    """A host with per_host visits in flight, or nothing unstarted, is not offered."""
    from scraper.crawl.politeness import HostQueue

    queue = HostQueue(_polite(per_host=1))
    full = HostState(host="full", queued=5, in_flight=1)
    idle = HostState(host="idle", queued=0)
    queue.place(full, now=0)
    queue.place(idle, now=0)
    assert queue.ready(now=0) == []

"""robots.txt, fetched once per host (scheme://host:port) and cached, answered with Protego.

What each outcome of the robots.txt fetch means (Google's rules, RFC 9309):
  2xx                          -> the rules apply (only the first 500 KiB are read)
  4xx other than 429           -> no rules: everything allowed
  429, 5xx, unreachable, timeout -> nothing allowed for now; `retry_at` says when to ask again
  too many redirects           -> no rules (as a 404)
  refused address              -> nothing allowed, no retry (the host is not fetchable at all)
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from protego import Protego

from scraper.errors import FetchError, RedirectError, RefusedAddress
from scraper.fetch.client import Fetched, Fetcher
from scraper.fetch.settings import robots_token
from scraper.origin import origin_key

ROBOTS_MAX_BYTES = 500 * 1024
# A good robots.txt is reused this long before it is fetched again.
ROBOTS_TTL = 24 * 3600.0
# After a failed robots.txt fetch, wait this long (doubling per failure, up to the maximum).
RETRY_BASE = 60.0
RETRY_MAX = 3600.0
MAX_HOSTS = 10_000


@dataclass(frozen=True)
class RobotsVerdict:
    """May this URL be fetched now? `reason`: "allowed", "no-robots" (4xx: all allowed),
    "robots" (disallowed by the rules), "robots-unavailable" (ask again at `retry_at`, epoch
    seconds), "refused-address"."""

    allowed: bool
    reason: str
    crawl_delay: float | None = None
    retry_at: float | None = None
    detail: str | None = None  # why robots.txt could not be used, when it could not


@dataclass(frozen=True)
class _Entry:
    rules: Protego | None  # None: no rules (allow all) or unavailable
    available: bool
    reason: str
    expires: float  # clock time after which the entry is fetched again
    failures: int = 0
    detail: str | None = None


def host_of(url: str) -> str:
    """scheme://host:port of a URL, with the default port spelled out."""
    return origin_key(url)


def _robots_url(key: str) -> str:
    scheme, rest = key.split("://", 1)
    host, port = rest.rsplit(":", 1)
    default = "443" if scheme == "https" else "80"
    return f"{scheme}://{host}{'' if port == default else ':' + port}/robots.txt"


def _retry_after(fetched: Fetched, now: float) -> float | None:
    value = fetched.final.header("retry-after")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return parsedate_to_datetime(value).timestamp() - now
    except (TypeError, ValueError, IndexError):
        return None


def _decode(body: bytes) -> str:
    return body.decode("utf-8-sig", errors="replace")


class RobotsCache:
    """One robots.txt fetch per host, answers cached (at most `max_hosts`, least recent dropped).

    Concurrent checks for one host share a single fetch. `clock` gives epoch seconds.
    """

    def __init__(
        self,
        fetcher: Fetcher,
        *,
        user_agent: str,
        max_hosts: int = MAX_HOSTS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._fetcher = fetcher
        self._token = robots_token(user_agent)
        self._max_hosts = max_hosts
        self._clock = clock
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._pending: dict[str, asyncio.Future[_Entry]] = {}  # robots.txt fetches under way
        self._fetched: list[Fetched] = []

    async def check(self, url: str) -> RobotsVerdict:
        """Whether `url` may be fetched now, with the host's crawl delay."""
        entry = await self._entry(host_of(url))
        if not entry.available:
            retry = entry.expires if entry.reason == "robots-unavailable" else None
            return RobotsVerdict(allowed=False, reason=entry.reason, retry_at=retry, detail=entry.detail)
        if entry.rules is None:
            return RobotsVerdict(allowed=True, reason=entry.reason)
        delay = entry.rules.crawl_delay(self._token)
        allowed = entry.rules.can_fetch(url, self._token)
        return RobotsVerdict(
            allowed=allowed,
            reason="allowed" if allowed else "robots",
            crawl_delay=float(delay) if delay is not None else None,
        )

    async def sitemaps(self, url: str) -> list[str]:
        """The Sitemap: lines of the robots.txt of `url`'s host."""
        entry = await self._entry(host_of(url))
        return list(entry.rules.sitemaps) if entry.rules is not None else []

    def fetched(self) -> list[Fetched]:
        """robots.txt fetches made since the last call (for the archive); drained."""
        drained, self._fetched = self._fetched, []
        return drained

    async def _entry(self, key: str) -> _Entry:
        entry = self._entries.get(key)
        if entry is not None and self._clock() < entry.expires:
            self._entries.move_to_end(key)
            return entry
        task = self._pending.get(key)
        if task is None:
            # One task per host, not tied to the first caller: a caller that is cancelled
            # does not cancel the fetch the others are waiting for.
            task = asyncio.ensure_future(self._load_and_keep(key, failures=entry.failures if entry else 0))
            self._pending[key] = task
        return await asyncio.shield(task)

    async def _load_and_keep(self, key: str, *, failures: int) -> _Entry:
        try:
            fresh = await self._load(key, failures=failures)
        finally:
            self._pending.pop(key, None)
        self._entries[key] = fresh
        self._entries.move_to_end(key)
        while len(self._entries) > self._max_hosts:
            self._entries.popitem(last=False)
        return fresh

    async def _load(self, key: str, *, failures: int) -> _Entry:
        now = self._clock()
        robots_url = _robots_url(key)
        try:
            fetched = await self._fetcher.fetch(
                robots_url, follow_meta_refresh=False, max_bytes=ROBOTS_MAX_BYTES
            )
        except RedirectError:
            return _Entry(None, True, "no-robots", now + ROBOTS_TTL)
        except RefusedAddress as exc:
            return _Entry(None, False, "refused-address", now + ROBOTS_TTL, detail=exc.message)
        except FetchError as exc:
            return self._unavailable(now, failures, None, detail=f"{exc.reason}: {exc.message}")
        self._fetched.append(fetched)
        status = fetched.final.status
        if 200 <= status < 300:
            return _Entry(Protego.parse(_decode(fetched.final.body)), True, "allowed", now + ROBOTS_TTL)
        if status == 429 or status >= 500:
            return self._unavailable(
                now, failures, _retry_after(fetched, now), detail=f"robots.txt answered HTTP {status}"
            )
        return _Entry(None, True, "no-robots", now + ROBOTS_TTL)

    @staticmethod
    def _unavailable(
        now: float, failures: int, retry_after: float | None, *, detail: str
    ) -> _Entry:
        wait = min(RETRY_BASE * 2**failures, RETRY_MAX)
        if retry_after is not None:
            wait = max(wait, min(retry_after, 24 * 3600.0))
        return _Entry(None, False, "robots-unavailable", now + wait, failures + 1, detail)

"""`fetch_page`: one polite fetch for `scraper extract URL` (robots.txt first, then the page)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

from schemas import Capture
from scraper.errors import HTTPStatusError, RefusedAddress, RobotsDisallowed, RobotsUnavailable
from scraper.fetch.client import Fetched, Fetcher
from scraper.fetch.robots import RobotsCache
from scraper.fetch.settings import FetchSettings
from scraper.page import Page


def fetch_page(
    url: str, *, settings: FetchSettings | None = None, on_fetched: Callable[[Fetched], object] | None = None
) -> Page:
    """Fetch one URL politely (robots.txt, address guard, caps, deadline) as a Page.

    Raises FetchError subclasses: RobotsDisallowed, RobotsUnavailable, HTTPStatusError for a
    4xx/5xx answer, RefusedAddress, RedirectError, FetchTimeout, ConnectError, ProtocolError.
    `on_fetched` receives every Fetched made (robots.txt, then the page), e.g. to archive them.
    """
    return asyncio.run(_fetch_page(url, settings or FetchSettings(), on_fetched or (lambda _: None)))


async def _fetch_page(url: str, settings: FetchSettings, on_fetched: Callable[[Fetched], object]) -> Page:
    async with Fetcher(settings) as fetcher:
        robots = RobotsCache(fetcher, user_agent=settings.agent)
        verdict = await robots.check(url)
        for robots_fetch in robots.fetched():
            on_fetched(robots_fetch)
        if not verdict.allowed:
            if verdict.reason == "refused-address":
                raise RefusedAddress(verdict.detail or "non-public address", url=url)
            if verdict.reason == "robots-unavailable":
                when = (
                    datetime.fromtimestamp(verdict.retry_at, UTC).isoformat(timespec="seconds")
                    if verdict.retry_at is not None
                    else "later"
                )
                raise RobotsUnavailable(
                    f"robots.txt could not be read ({verdict.detail}); try again after {when}",
                    url=url,
                    retry_at=verdict.retry_at,
                )
            raise RobotsDisallowed("robots.txt does not allow this URL for our user agent", url=url)
        fetched = await fetcher.fetch(url)
        on_fetched(fetched)
    final = fetched.final
    if final.status >= 400:
        raise HTTPStatusError(
            f"HTTP {final.status} {final.reason}".rstrip(), url=url, status=final.status
        )
    headers = {name.lower(): value for name, value in final.response_headers}
    capture = Capture(
        fetched_at=final.fetched_at,
        final_url=final.url,
        status=final.status,
        content_type=final.content_type,
        input=url,
        truncated=final.truncated,
    )
    return Page(name=url, data=final.body, url=final.url, headers=headers, capture=capture)

"""One queue item, visited: robots check, fetch, archive, then by kind of content:
a page (extract, classify, links), a sitemap or a feed (entries), robots.txt (its sitemaps).

`Visitor.visit` is the crawl's per-page isolation boundary: whatever goes wrong becomes an
outcome with its reason (`Visit`), never an exception that would sink the crawl. It does not
touch the state; the runner commits what it returns.

Depth: sitemaps and feeds are not hops. A sitemap or feed takes the depth of what pointed at
it (robots.txt and a host's /sitemap.xml: 0, a seed: 0); its entries are one deeper; the
children of a sitemap index keep the index's depth.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from schemas import Capture
from scraper.crawl.classify import classify
from scraper.crawl.discover import kind_of, parse_feed, parse_sitemap
from scraper.crawl.extractor import Extractor
from scraper.crawl.politeness import (
    RETRY_AFTER_STATUS,
    RETRYABLE_REASONS,
    RETRYABLE_STATUS,
    parse_retry_after,
)
from scraper.crawl.state import CONDITIONAL, PageInfo, QueueItem
from scraper.digests import sha1_base32, sha1_digest
from scraper.errors import FetchError, InputError, ScraperError
from scraper.extract import Analysis
from scraper.fetch.client import Fetched, Fetcher
from scraper.fetch.exchange import Exchange
from scraper.fetch.robots import RobotsCache
from scraper.jsonl import record_line

if TYPE_CHECKING:
    from scraper.archive import WarcRef, WarcWriter



@dataclass(frozen=True)
class Found:
    """A URL found on a page, sitemap or feed, before routing (scope, shard, depth)."""

    url: str
    depth: int
    kind: str  # page | sitemap | feed


@dataclass
class Visit:
    """What visiting one queue item gave; the runner turns it into state and output."""

    item: QueueItem
    outcome: str
    reason: str
    status: int | None = None
    final_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    record: bytes | None = None  # one JSONL line, for an article
    found: list[Found] = field(default_factory=list)
    retry: bool = False  # a retryable failure: try again later if attempts remain
    retry_after: float | None = None  # seconds the whole host must wait (Retry-After, robots 5xx)
    backoff: bool = False  # back the whole host off exponentially
    crawl_delay: float | None = None
    robots: str | None = None  # the host's robots.txt verdict reason, when it was asked
    fetched: bool = False  # a page request got a response (counts toward --max-pages)



def conditional_headers(info: PageInfo | None) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from an earlier fetch's validators."""
    headers: dict[str, str] = {}
    if info is not None and info.outcome in CONDITIONAL:
        if info.etag:
            headers["If-None-Match"] = info.etag
        if info.last_modified:
            headers["If-Modified-Since"] = info.last_modified
    return headers


@dataclass(frozen=True, kw_only=True)
class VisitOptions:
    ignore_robots: bool
    max_links: int
    max_bytes: int


class Visitor:
    """Visits queue items with one Fetcher, one RobotsCache and an optional WARC writer."""

    def __init__(self, fetcher: Fetcher, robots: RobotsCache, *, options: VisitOptions,
                 warc: WarcWriter | None = None, extractor: Extractor | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.fetcher = fetcher
        self.robots = robots
        self.options = options
        self.warc = warc
        self.extractor = extractor or Extractor()
        self.clock = clock

    async def visit(self, item: QueueItem, info: PageInfo | None) -> Visit:
        """Visit one item; every failure becomes an outcome with its reason (the isolation boundary)."""
        try:
            return await self._visit(item, info)
        except FetchError as exc:
            return self._fetch_failed(item, exc)
        except ScraperError as exc:
            return Visit(item=item, outcome="extract-error", reason=f"{type(exc).__name__}: {exc.message}")
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            return Visit(item=item, outcome="extract-error", reason=f"{type(exc).__name__}: {exc}"[:500])

    def _fetch_failed(self, item: QueueItem, exc: FetchError) -> Visit:
        reason = str(getattr(exc, "reason", "fetch-error"))
        known = ("timeout", "refused-address", "redirect", "too-large")
        outcome = reason if reason in known else "fetch-error"
        retry = reason in RETRYABLE_REASONS
        return Visit(item=item, outcome=outcome, reason=f"{reason}: {exc.message}"[:500], retry=retry,
                     backoff=retry)

    async def _visit(self, item: QueueItem, info: PageInfo | None) -> Visit:
        if item.kind == "robots":
            sitemaps = await self.robots.sitemaps(item.url)
            self._archive_robots()
            found = [Found(url=u, depth=item.depth, kind="sitemap") for u in sitemaps]
            return Visit(item=item, outcome="robots-txt", reason=f"{len(found)} sitemaps", found=found)
        if not self.options.ignore_robots:
            verdict = await self.robots.check(item.url)
            self._archive_robots()
            robots = verdict.reason
            if not verdict.allowed:
                if verdict.retry_at is not None:
                    return Visit(item=item, outcome="robots", reason="robots-unavailable", retry=True,
                                 retry_after=max(0.0, verdict.retry_at - self.clock()), robots=robots)
                if verdict.reason == "refused-address":
                    reason = verdict.detail or "robots.txt"
                    return Visit(item=item, outcome="refused-address", reason=reason)
                return Visit(item=item, outcome="robots", reason="disallowed",
                             crawl_delay=verdict.crawl_delay, robots=robots)
            crawl_delay = verdict.crawl_delay
        else:
            crawl_delay, robots = None, "ignored"
        fetched = await self.fetcher.fetch(item.url, headers=conditional_headers(info))
        refs = self._archive(fetched)
        visit = self._response(item, info, fetched)
        visit.crawl_delay = crawl_delay
        visit.robots = robots
        if visit.outcome == "ok":
            visit = await self._content(visit, fetched, refs)
        return visit

    def _response(self, item: QueueItem, info: PageInfo | None, fetched: Fetched) -> Visit:
        """The status line's verdict; "ok" when the body is worth reading."""
        final = fetched.final
        status = final.status
        visit = Visit(item=item, outcome="ok", reason="", status=status, final_url=fetched.url,
                      etag=final.header("etag"), last_modified=final.header("last-modified"),
                      fetched=item.kind == "page")
        if status == 304:
            visit.outcome, visit.reason = "not-modified", "http-304"
        elif status in RETRYABLE_STATUS:
            visit.outcome, visit.reason, visit.retry = "http-error", f"http-{status}", True
            if status in RETRY_AFTER_STATUS:
                visit.retry_after = parse_retry_after(final.header("retry-after"), now=self.clock())
            visit.backoff = visit.retry_after is None
        elif 300 <= status < 400:
            visit.outcome, visit.reason = "redirect", f"http-{status}-unfollowed"
        elif status >= 400 or status < 200:
            visit.outcome, visit.reason = "http-error", f"http-{status}"
        elif final.truncated == "length":
            visit.outcome, visit.reason = "too-large", f"body over {self.options.max_bytes} bytes"
        elif final.truncated == "time":
            # The server answered but too slowly: not retried, a trickle would only waste time again.
            visit.outcome, visit.reason = "timeout", "body-deadline"
        elif final.truncated:
            visit.outcome, visit.reason, visit.retry = "fetch-error", f"truncated:{final.truncated}", True
        return visit

    async def _content(
        self, visit: Visit, fetched: Fetched, refs: tuple[WarcRef | None, str | None]
    ) -> Visit:
        final = fetched.final
        body = final.body
        kind = kind_of(final.content_type, body)
        depth = visit.item.depth
        if kind == "sitemap":
            sitemap = parse_sitemap(body, url=fetched.url, max_bytes=self.options.max_bytes)
            visit.found = [Found(url=e.url, depth=depth + 1, kind="page") for e in sitemap.pages]
            visit.found += [Found(url=u, depth=depth, kind="sitemap") for u in sitemap.sitemaps]
            visit.outcome = "sitemap"
            visit.reason = f"{len(sitemap.pages)} pages, {len(sitemap.sitemaps)} sitemaps"
            return visit
        if kind == "feed":
            entries = parse_feed(body, url=fetched.url)
            visit.found = [Found(url=e.url, depth=depth + 1, kind="page") for e in entries]
            visit.outcome, visit.reason = "feed", f"{len(entries)} entries"
            return visit
        if kind != "html":
            visit.outcome, visit.reason = "not-html", final.content_type or "unknown"
            return visit
        if visit.item.kind != "page":
            # A sitemap or feed address answering HTML (a soft 404, a landing page): never a record.
            visit.outcome, visit.reason = "not-article", f"{visit.item.kind}-answered-html"
            return visit
        capture = _capture(visit.item.url, fetched, refs)
        headers = _headers(final)
        try:
            analysis = await self.extractor.analyse(body, fetched.url, headers, capture=capture)
        except InputError as exc:
            visit.outcome, visit.reason = "not-html", exc.message[:200]
            return visit
        return self._page(visit, analysis, refs)

    def _page(self, visit: Visit, analysis: Analysis, refs: tuple[WarcRef | None, str | None]) -> Visit:
        depth = visit.item.depth
        links = analysis.links[: self.options.max_links]
        visit.found = [Found(url=u, depth=depth + 1, kind="page") for u in links]
        visit.found += [Found(url=u, depth=depth, kind="feed") for u in analysis.feeds[:50]]
        article = analysis.article
        decision = classify(article, analysis.signals, url=visit.final_url or visit.item.url)
        # Title and text: near-identical templates (a paywall stub) under different headlines differ.
        text = f"{article.title or ''}\n{article.body}"
        visit.content_hash = sha1_base32(text.encode("utf-8")) if article.body else None
        if not decision.is_article:
            visit.outcome, visit.reason = "not-article", decision.reason
            return visit
        ref, record_id = refs
        if self.warc is not None and ref is not None and record_id is not None:
            self.warc.write_metadata(ref, record_id=record_id, outlinks=links)
        visit.outcome, visit.reason = "written", decision.reason
        visit.record = record_line(article)
        return visit

    def _archive(self, fetched: Fetched) -> tuple[WarcRef | None, str | None]:
        """Every exchange (redirect hops included) to the WARC; the final response's ref."""
        if self.warc is None:
            return None, None
        ref = None
        for exchange in fetched.exchanges:
            ref = self.warc.write_fetch(exchange)
        return ref, (f"urn:sha1:{sha1_base32(fetched.url.encode('utf-8'))}" if ref else None)

    def _archive_robots(self) -> None:
        drained = self.robots.fetched()
        if self.warc is not None:
            for fetched in drained:
                self._archive(fetched)


def _headers(exchange: Exchange) -> Mapping[str, str]:
    headers: dict[str, str] = {}
    for name, value in exchange.response_headers:
        headers.setdefault(name.lower(), value)
    return headers


def _capture(url: str, fetched: Fetched, refs: tuple[WarcRef | None, str | None]) -> Capture:
    final = fetched.final
    ref = refs[0]
    return Capture(
        fetched_at=final.fetched_at,
        final_url=fetched.url,
        status=final.status,
        content_type=final.content_type,
        input=url,
        content_sha1=sha1_digest(final.body),
        truncated=final.truncated,
        warc_file=ref.file if ref else None,
        warc_record_id=ref.record_id if ref else None,
        warc_offset=ref.offset if ref else None,
    )



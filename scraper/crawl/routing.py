"""Where a URL a crawl meets goes: dropped, recorded as skipped, sent to another shard's
outbox, or queued (with its priority and, for a new host, that host's robots.txt and sitemap).

The rules live here once, for the crawl loop (`scraper.crawl.runner`) and for a router that
moves links between shards (`scraper.cluster.crawl` checks links with `Router.admits` before
giving them a shard; the owning shard queues them with `crawl(..., inbox=...)`):
- a page deeper than `max_depth` is dropped (sitemaps and feeds are not hops);
- a link whose registrable domain the shard does not own goes to the outbox, unchecked (its
  owner checks it);
- a link outside the scope is recorded skipped: include/exclude patterns choose pages, a
  sitemap or feed is only held to the host/domain. Seeds are never held to the scope;
- anything else is queued.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from scraper.crawl.scope import Scope
from scraper.crawl.settings import CrawlSettings
from scraper.crawl.shard import ShardSpec
from scraper.crawl.state import Link, priority
from scraper.crawl.urls import host_key, normalise, registrable_domain

# What a host's first queued URL also queues (path, kind, priority: before any page of the host).
NEW_HOST_LINKS = (("/robots.txt", "robots", -2), ("/sitemap.xml", "sitemap", -1))


class RoutedLink(NamedTuple):
    """A link handed to a crawl with its depth and kind (`crawl(..., inbox=...)`)."""

    url: str
    depth: int
    kind: str


def seed_urls(seeds: Iterable[str]) -> list[str]:
    """The seeds that normalise, normalised, in order."""
    return [url for url in (normalise(seed) for seed in seeds) if url is not None]


def queue_link(url: str, depth: int, kind: str) -> Link:
    """`url` as the crawl queues it: on its host, ranked by depth and kind."""
    return Link(url=url, depth=depth, kind=kind, priority=priority(depth, kind), host=host_key(url))


def new_host_links(host: str) -> list[Link]:
    """What a host's first queued URL also queues: its robots.txt (for Sitemap: lines) and /sitemap.xml."""
    links = []
    for path, kind, rank in NEW_HOST_LINKS:
        url = normalise(host + path)
        if url is not None:
            links.append(Link(url=url, depth=0, kind=kind, priority=rank, host=host))
    return links


@dataclass(frozen=True)
class Router:
    """One crawl's routing rules (see the module docstring)."""

    scope: Scope
    max_depth: int | None = None
    sitemaps: bool = True
    shard: ShardSpec | None = None

    @classmethod
    def for_crawl(cls, settings: CrawlSettings, *, shard: ShardSpec | None = None) -> Router:
        scope = Scope(mode=settings.scope, seeds=tuple(seed_urls(settings.seeds)), include=settings.include,
                      exclude=settings.exclude)
        return cls(scope=scope, max_depth=settings.max_depth, sitemaps=settings.sitemaps, shard=shard)

    def too_deep(self, depth: int, kind: str) -> bool:
        return kind == "page" and self.max_depth is not None and depth > self.max_depth

    def skip_reason(self, url: str, kind: str) -> str | None:
        """Why the scope holds `url` back (an outcome reason), or None when it may be fetched."""
        reason = self.scope.check(url)
        if reason is not None and (kind == "page" or reason.startswith("out-of-scope")):
            return reason
        return None

    def admits(self, url: str, depth: int, kind: str) -> bool:
        """Whether a non-seed link is within the depth limit and the scope (some shard fetches it)."""
        return not self.too_deep(depth, kind) and self.skip_reason(url, kind) is None

    def route(self, url: str, depth: int, kind: str, *, seed: bool = False) -> Link | None:
        """A normalised URL's route as a `Link` for `State.add`; None: dropped (too deep)."""
        if self.too_deep(depth, kind):
            return None
        domain = registrable_domain(url)
        if self.shard is not None and not self.shard.owns(domain):
            return Link(url=url, depth=depth, kind=kind, domain=domain)
        if not seed:
            reason = self.skip_reason(url, kind)
            if reason is not None:
                return Link(url=url, depth=depth, kind=kind, skipped=reason)
        return queue_link(url, depth, kind)

    def new_host(self, host: str) -> list[Link]:
        """The `State.add` hook for a host's first URL: its bootstrap links, when sitemaps are on."""
        return new_host_links(host) if self.sitemaps else []
